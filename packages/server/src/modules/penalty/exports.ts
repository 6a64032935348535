// The penalty-case ledger as .xlsx: the list's own filter and jurisdiction (caseListWhere), Chinese labels.
import type { FastifyReply } from 'fastify';
import { penaltyProcedureLabels, type PenaltyProcedure } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import type { Principal } from '../auth/principal.js';
import { caseListPage, caseListWhere, type CaseListQuery } from './caseQueries.js';

export async function exportCases(ctx: AppContext, p: Principal, q: Omit<CaseListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
  const where = caseListWhere(p, q);
  type Row = Awaited<ReturnType<typeof caseListPage>>[number];
  return sendXlsx<Row>(reply, {
    title: '行政处罚案件台账',
    asciiName: 'penalty-cases',
    columns: [
      // the party knows its case by the decision served on it; the 立案审批表's number is internal
      p.role === 'enterprise'
        ? { header: '决定书文号', width: 22, value: (r) => r.decisionNumber ?? '尚未作出决定' }
        : { header: '案件编号', width: 22, value: (r) => r.caseNumber ?? '未立案' },
      { header: '当事人', width: 30, value: (r) => r.enterpriseName },
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '执法机构', width: 24, value: (r) => r.agencyName },
      { header: '程序', width: 10, value: (r) => penaltyProcedureLabels[r.procedure as PenaltyProcedure] ?? '' },
      { header: '状态', width: 12, value: (r) => r.statusLabel },
      { header: '案情', width: 40, value: (r) => r.facts },
      { header: '重大隐患', width: 10, value: (r) => r.majorHazard },
      { header: '立案日期', width: 12, value: (r) => r.openedOn },
      { header: '决定日期', width: 12, value: (r) => r.decidedOn },
      { header: '罚款（元）', width: 12, value: (r) => r.fine },
      { header: '决定期限', width: 12, value: (r) => r.decisionDue?.due ?? '' },
    ],
    page: (offset, limit) => caseListPage(ctx, where, limit, offset),
  });
}
