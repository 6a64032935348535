// Small pieces of the case pages (R25–R31): status tag, deadline countdown chip, amounts, error text.
import { Tag, Tooltip } from 'antd';
import { formatYuan, penaltyCaseStatusLabels, type PenaltyCaseStatus } from '@anjian/domain/penalty';
import { labelOf } from '@anjian/domain/enums';
import type { Countdown } from '../../api/penalty';

const statusColor: Record<PenaltyCaseStatus, string> = {
  draft: 'default',
  opened: 'blue',
  investigating: 'processing',
  notified: 'cyan',
  defence: 'cyan',
  hearing: 'purple',
  legal_review: 'gold',
  decided: 'orange',
  served: 'geekblue',
  executing: 'volcano',
  closed: 'success',
  transferred: 'magenta',
  cancelled: 'default',
};

/**
 * What a case is called: its number — for the party, the number of a document served on it (the server sends that) —
 * or, before there is one, a draft to staff and simply its kind to the party, who never sees the agency's drafts.
 */
export function caseTitle(c: { id: number; caseNumber: string | null }, forParty: boolean, draft = '草稿'): string {
  return c.caseNumber ?? (forParty ? '行政处罚案件（尚无送达文书）' : `${draft} #${c.id}`);
}

export function CaseStatusTag({ value }: { value: PenaltyCaseStatus | string }) {
  return (
    <Tag color={statusColor[value as PenaltyCaseStatus] ?? 'default'} data-status={value} className="case-status">
      {labelOf(penaltyCaseStatusLabels, value)}
    </Tag>
  );
}

/** 剩余 n 天 / 今日到期 / 逾期 n 天 (red); working days when asked. */
export function CountdownChip({ c, done, working, label }: { c: Countdown | null | undefined; done?: boolean; working?: boolean; label?: string }) {
  if (!c) return <span className="muted">—</span>;
  if (done) return <Tag className="cd-chip" data-overdue="0">已完成</Tag>;
  const n = working ? c.workingDaysLeft : c.daysLeft;
  const unit = working ? '个工作日' : '天';
  const text = c.overdue ? `逾期 ${Math.abs(n)} ${unit}` : c.dueToday ? '今日到期' : `剩余 ${n} ${unit}`;
  const color = c.overdue ? 'red' : c.dueToday || n <= 3 ? 'orange' : 'blue';
  return (
    <Tooltip title={`${label ? `${label}：` : ''}${c.due} 到期`}>
      <Tag color={color} variant={c.overdue ? 'solid' : undefined} className="cd-chip" data-testid="countdown" data-overdue={c.overdue ? '1' : '0'}>
        {text}
        {c.provisional ? '（暂定）' : ''}
      </Tag>
    </Tooltip>
  );
}

export const yuan = (n: number | null | undefined) => (n == null ? '—' : formatYuan(n));


export const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
