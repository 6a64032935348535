import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, type AuditEntry, type AuditVerify } from '../../api';
import { auditKeys } from '../../api/keys';
import { entityTypeOptions, fmtDateTime } from '../../app/format';
import { ChangeList } from '../../components/HistoryTimeline';
import { PageHeader } from '../../components/PageHeader';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../components/Ledger';
import { ledgerRows } from '../../lib/ledgerRows';

/** Where each kind of object can be opened. */
const objectPaths: Record<string, (id: string) => string> = {
  enterprise: (id) => `/enterprises/${id}`,
  officer: (id) => `/officers/${id}`,
  plan: (id) => `/plans/${id}`,
  draw: (id) => `/draws/${id}`,
  inspection: (id) => `/inspections/${id}`,
  hazard: (id) => `/hazards/${id}`,
  penalty_case: (id) => `/cases/${id}`,
};

function entityLink(e: AuditEntry) {
  const path = e.entityId == null ? null : objectPaths[e.entityType]?.(String(e.entityId));
  return path ? <Link to={path}>{e.objectLabel}</Link> : e.objectLabel;
}

/** Entries written but not yet sealed into the chain (sealed within moments of their commit; not a break). */
function unsealedNote(r: AuditVerify): string {
  const u = r.unsealed;
  if (!u || u.count === 0) return '';
  return `另有 ${u.count.toLocaleString('zh-CN')} 条新记录待封存入链${u.oldestAt ? `（最早写入于 ${fmtDateTime(u.oldestAt)}）` : ''}，封存后即受哈希链保护。`;
}

/** How the chain compared with the anchors (chain heads kept outside the database). */
function anchorNote(r: AuditVerify): string {
  const a = r.anchors;
  if (!a || a.count === 0 || !a.latest) return '';
  return `并与 ${a.count.toLocaleString('zh-CN')} 个外部锚点核对（最近一个记载至第 ${a.latest.seq.toLocaleString('zh-CN')} 条）`;
}

function VerifyResult({ r }: { r: AuditVerify }) {
  if (r.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="audit-verify-ok"
        title="审计链完整"
        description={`已逐条校验 ${r.checked.toLocaleString('zh-CN')} 条记录的哈希链与签名${anchorNote(r) ? `，${anchorNote(r)}` : ''}，未发现篡改、缺失或伪造。${unsealedNote(r)}`}
        style={{ marginBottom: 16 }}
      />
    );
  }
  const b = r.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-broken"
      title={b ? `审计链在第 ${b.seq.toLocaleString('zh-CN')} 条处发现问题${b.id != null ? `（记录编号 #${b.id}）` : ''}` : '审计链校验未通过'}
      description={
        <>
          {b ? <div data-testid="audit-verify-reason">原因：{b.reason}</div> : null}
          <div>已校验 {r.checked.toLocaleString('zh-CN')} 条。自该处起的日志不可信，请立即报告系统管理员并保全数据、备份与锚点文件。</div>
          {unsealedNote(r) ? <div>{unsealedNote(r)}</div> : null}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** The latest anchor, to be printed or published, with what it is for. */
function AnchorCard() {
  const { data } = useQuery({ queryKey: auditKeys.anchor, queryFn: api.auditAnchor });
  const latest = data?.latest;
  return (
    <Card size="small" title="外部锚点" style={{ marginBottom: 16 }} data-testid="audit-anchor">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        每次记录封存入链后，系统把当时的链头（序号与哈希）另存到数据库之外的锚点文件，并随备份一同保存。即使有人绕过数据库保护删除末尾记录，或用旧副本替换整个日志后继续写入，校验时也会与锚点不符而被发现。可将下面的最新锚点打印或公布，日后据以核对。
      </Typography.Paragraph>
      {latest ? (
        <div>
          <span>第 {latest.seq.toLocaleString('zh-CN')} 条</span>
          <span className="muted"> · {fmtDateTime(latest.at)} · </span>
          <Typography.Text className="mono" copyable={{ text: latest.hash }}>
            {latest.hash}
          </Typography.Text>
          <span className="muted"> · 共 {data!.count.toLocaleString('zh-CN')} 个锚点 · </span>
          <a href="/api/audit/anchors" download>
            下载全部锚点
          </a>
        </div>
      ) : (
        <span className="muted">尚无锚点（首次封存后生成）</span>
      )}
    </Card>
  );
}

const filterKeys = ['entityType', 'entityId'] as const;

export default function AuditPage() {
  const url = useLedgerUrl(filterKeys);
  const { values, update, page, pageSize } = url;
  const query = { entityType: values.entityType, entityId: values.entityId, page, pageSize };
  // a very long log stops counting at a cap: ledgerRows passes it on, shown as N+ 条
  const list = useQuery({
    queryKey: auditKeys.list(query),
    queryFn: () => api.audit(query),
    placeholderData: keepPreviousData,
  });
  const queryClient = useQueryClient();
  // verifying seals waiting entries first, which anchors a new head
  const verify = useMutation({ mutationFn: api.verifyAudit, onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.anchor }) });

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'id', key: 'id', width: 80 },
    { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: fmtDateTime },
    { title: '操作人', dataIndex: 'actorName', key: 'actorName', width: 110, render: (v) => v ?? '系统' },
    { title: '操作', dataIndex: 'action', key: 'action', width: 120, render: (_: string, e) => <Tag>{e.actionLabel}</Tag> },
    { title: '对象', key: 'entity', width: 220, render: (_, e) => entityLink(e) },
    { title: '变更内容', key: 'changes', render: (_, e) => <ChangeList entry={e} /> },
    {
      title: '哈希',
      dataIndex: 'hash',
      key: 'hash',
      width: 120,
      render: (h: string | null) =>
        h ? (
          <Typography.Text className="mono" copyable={{ text: h }} title={h}>
            {`${h.slice(0, 8)}…`}
          </Typography.Text>
        ) : (
          <Tag title="已随变更写入，正在封存入哈希链">待封存</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="审计日志"
        sub="全过程记录：每次登录、新增、修改都写入哈希链，可校验是否被篡改"
        extra={
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            校验审计链
          </Button>
        }
      />
      {verify.data ? <VerifyResult r={verify.data} /> : null}
      <AnchorCard />
      <LedgerFilters
        url={url}
        primary={{
          span: { md: 10, lg: 6 },
          node: (
            <Select
              allowClear
              placeholder="对象类型"
              aria-label="对象类型"
              style={{ width: '100%' }}
              options={entityTypeOptions}
              value={values.entityType || undefined}
              onChange={(v: string | undefined) => update({ entityType: v })}
            />
          ),
        }}
      >
        <Col xs={24} md={14} lg={8}>
          <Input.Search
            key={values.entityId ?? ''}
            allowClear
            placeholder="对象编号"
            aria-label="对象编号"
            defaultValue={values.entityId}
            onSearch={(v) => update({ entityId: v.trim() || undefined })}
            enterButton="查询"
          />
        </Col>
      </LedgerFilters>
      <LedgerTable<AuditEntry>
        url={url}
        {...ledgerRows(list)}
        rowKey={(e) => e.id}
        columns={columns}
        size="small"
        scrollX={1100}
        testId="audit"
        noun="条记录"
        unit="条"
        empty={{ text: '暂无审计记录', filtered: '没有符合条件的记录' }}
        card={(e) => (
          <div className="ent-card-inner">
            <div className="history-head">
              <Tag>{e.actionLabel}</Tag>
              <strong>{e.actorName ?? '系统'}</strong>
              <span className="muted">第 {e.id} 条</span>
            </div>
            <div className="ent-card-meta">
              <span>{fmtDateTime(e.at)}</span>
              <span>{entityLink(e)}</span>
            </div>
            <ChangeList entry={e} />
            <div className="ent-card-code mono">哈希 {e.hash ? `${e.hash.slice(0, 16)}…` : '待封存'}</div>
          </div>
        )}
      />
    </>
  );
}
