import { Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { AuditEntry } from '../api';
import { actionLabel, fieldLabel, fmtDateTime, fmtFieldValue } from '../app/format';

const actionColor = (a: string) => {
  const l = actionLabel(a);
  if (l === '新增' || l === '批量导入') return 'green';
  if (l === '变更监管主体') return 'red';
  if (l === '删除') return 'gray';
  return 'blue';
};

/** Reason typed by the user for a change (supervision transfer), wherever the server keeps it. */
function reasonOf(e: AuditEntry): string | null {
  const after = e.after as Record<string, unknown> | null;
  const r = after && typeof after === 'object' ? after.reason : undefined;
  return typeof r === 'string' && r ? r : null;
}

export function ChangeList({ entry }: { entry: AuditEntry }) {
  const changes = (entry.changes ?? []).filter((c) => c.field !== 'version' && c.field !== 'updatedAt' && c.field !== 'reason');
  if (changes.length === 0) return null;
  return (
    <ul className="change-list" data-testid="change-list">
      {changes.map((c) => (
        <li key={c.field} data-field={c.field}>
          <span className="change-field">{fieldLabel(c.field, c.label)}</span>：
          <span className="change-before">{fmtFieldValue(c.field, c.before)}</span>
          <span className="change-arrow"> → </span>
          <span className="change-after">{fmtFieldValue(c.field, c.after)}</span>
        </li>
      ))}
    </ul>
  );
}

export function HistoryTimeline({ items, loading }: { items: AuditEntry[] | undefined; loading: boolean }) {
  if (loading) return <Skeleton active />;
  if (!items || items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" />;
  const sorted = [...items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Timeline
      data-testid="history"
      items={sorted.map((e) => ({
        key: e.id,
        color: actionColor(e.action),
        content: (
          <div className="history-item" data-testid="history-item">
            <div className="history-head">
              <Tag color={actionColor(e.action)}>{actionLabel(e.action)}</Tag>
              <Typography.Text strong>{e.actorName ?? '系统'}</Typography.Text>
              <Typography.Text type="secondary" className="history-time">
                {fmtDateTime(e.at)}
              </Typography.Text>
            </div>
            <ChangeList entry={e} />
            {reasonOf(e) ? <div className="history-reason">原因：{reasonOf(e)}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
