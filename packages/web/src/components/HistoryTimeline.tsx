import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { Agency, AuditEntry } from '../api';
import { fmtDateTime } from '../app/format';

const actionColor = (l: string) => {
  if (l === '新增' || l === '批量导入') return 'green';
  if (l === '变更监管主体') return 'red';
  if (l === '删除') return 'gray';
  if (l === '退回修改' || l === '不予批准') return 'orange';
  if (l === '批准' || l === '公布' || l === '备案') return 'green';
  return 'blue';
};

/** Reason typed by the user for a change (supervision transfer), wherever the server keeps it. */
function reasonOf(e: AuditEntry): string | null {
  if (typeof e.reason === 'string' && e.reason) return e.reason;
  const after = e.after as Record<string, unknown> | null;
  const r = after && typeof after === 'object' ? after.reason : undefined;
  return typeof r === 'string' && r ? r : null;
}

const hidden = new Set(['version', 'updatedAt', 'createdAt', 'reason']);

export function ChangeList({ entry, collapseOver = 6 }: { entry: AuditEntry; collapseOver?: number }) {
  const [open, setOpen] = useState(false);
  // Agency ids read better as names; use the agency list if this session already loaded it.
  const agencies = useQueryClient().getQueryData<Agency[]>(['agencies']);
  const fields = new Set((entry.changes ?? []).map((c) => c.field));
  const changes = (entry.changes ?? []).filter(
    (c) => !hidden.has(c.field) && !(c.field.endsWith('Id') && fields.has(c.field.replace(/Id$/, 'Name'))),
  );
  const show = (field: string, v: unknown, text: string) => {
    if ((field === 'agencyId' || field === 'supervisingAgencyId' || field === 'parentId') && typeof v === 'number' && agencies) {
      const a = agencies.find((x) => x.id === v);
      if (a) return a.name;
    }
    return text;
  };
  if (changes.length === 0) return null;
  // A creation lists every field; show it folded so the edits stay readable.
  const isCreate = changes.every((c) => c.before === null || c.before === undefined) && changes.length > collapseOver;
  if (isCreate && !open) {
    return (
      <div className="change-fold">
        登记了 {changes.length} 项信息{' '}
        <Typography.Link onClick={() => setOpen(true)}>展开</Typography.Link>
      </div>
    );
  }
  return (
    <ul className="change-list" data-testid="change-list">
      {changes.map((c) => (
        <li key={c.field} data-field={c.field}>
          <span className="change-field">{c.label}</span>：
          {entry.before == null ? (
            // a record without a previous state (creation, login): only the value
            <span className="change-value">{show(c.field, c.after, c.afterText)}</span>
          ) : (
            <>
              <span className="change-before">{show(c.field, c.before, c.beforeText)}</span>
              <span className="change-arrow"> → </span>
              <span className="change-after">{show(c.field, c.after, c.afterText)}</span>
            </>
          )}
        </li>
      ))}
      {isCreate ? (
        <li className="change-fold-toggle">
          <Typography.Link onClick={() => setOpen(false)}>收起</Typography.Link>
        </li>
      ) : null}
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
        color: actionColor(e.actionLabel),
        content: (
          <div className="history-item" data-testid="history-item">
            <div className="history-head">
              <Tag color={actionColor(e.actionLabel)}>{e.actionLabel}</Tag>
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
