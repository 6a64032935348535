// R34/R37: complaints left without a decision on acceptance or without an answer past their working-day periods
// (附件2 一.5 压案不查、不及时反馈). The periods and the overdue rule are the complaints register's own.
import { overdueComplaints } from '../../complaints/service.js';
import { detector } from './types.js';

export const complaintOverdue = detector('complaint_overdue', async (ctx, asOf) =>
  (await overdueComplaints(ctx, asOf)).map((c) => ({
    agencyId: c.agencyId,
    regionCode: c.regionCode,
    subjectKey: `complaint:${c.complaintId}:${c.kind}`,
    summary: c.summary,
    evidence: [
      { label: '投诉举报', value: `编号 ${c.complaintId}`, link: `/complaints?id=${c.complaintId}` },
      { label: c.kind === 'accept' ? '受理期限' : '答复期限', value: c.dueDate },
    ],
    occurredOn: c.dueDate,
  })),
);
