// 法制审核 (R28): the cases waiting for the legal reviewer, oldest deadline first; each opens the whole case file
// where the reviewer approves or returns it with comments.
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Tag, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { penaltiesApi, type CaseListItem, type LegalReviewItem } from '../../api/penalty';
import { fmtDateTime } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { LedgerTable, useLocalLedger } from '../../components/Ledger';
import { CaseStatusTag, CountdownChip, yuan } from './parts';
import './cases.css';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { penaltyCaseKeys, penaltyKeys } from '../../api/keys';

export default function LegalReviewPage() {
  const navigate = useNavigate();
  const ledger = useLocalLedger();
  const list = useQuery({ queryKey: penaltyCaseKeys.list({ status: 'legal_review', pageSize: 100 }), queryFn: () => penaltiesApi.list({ status: 'legal_review', pageSize: 100 }) });
  const items = [...(list.data?.items ?? [])].sort((a, b) => (a.decisionDue?.due ?? '9999').localeCompare(b.decisionDue?.due ?? '9999'));
  const history = useQuery({ queryKey: penaltyKeys.legalReviews, queryFn: () => penaltiesApi.legalReviews(), meta: { silent: true } });
  const done = (history.data?.items ?? []).filter((r) => r.result !== 'pending').slice(0, 50);
  const overdue = items.filter((c) => c.decisionDue?.overdue).length;
  const columns: TableColumnsType<CaseListItem> = [
    { title: '案件编号', key: 'no', width: 210, render: (_: unknown, r) => <Link to={`/cases/${r.id}`} className="mono" data-testid="review-link">{r.caseNumber ?? `#${r.id}`}</Link> },
    { title: '当事人', dataIndex: 'enterpriseName', key: 'ent', width: 200 },
    { title: '案情', dataIndex: 'facts', key: 'facts', render: (v: string) => <div className="case-facts">{v}</div> },
    { title: '状态', dataIndex: 'status', key: 'status', width: 96, render: (v: string) => <CaseStatusTag value={v} /> },
    { title: '办案期限', key: 'due', width: 150, render: (_: unknown, r) => (r.decisionDue ? <span className="case-deadline"><span className="mono">{r.decisionDue.due}</span><CountdownChip c={r.decisionDue} label="办案期限" /></span> : '—') },
    { title: '操作', key: 'op', width: 90, fixed: 'right', render: (_: unknown, r) => <Link to={`/cases/${r.id}`}>审核</Link> },
  ];
  return (
    <>
      <PageHeader
        title="法制审核"
        sub="重大执法决定作出前须经法制审核：审查事实、证据、依据、程序和裁量，通过或退回补充调查"
        extra={<Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>刷新</Button>}
      />
      {overdue ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`${overdue} 件待审核案件已超过办案期限`} /> : null}
      <LedgerTable<CaseListItem>
        url={ledger}
        query={list}
        rows={items}
        clientPaging
        rowKey={(c) => c.id}
        columns={columns}
        scrollX={900}
        testId="review"
        noun="件待审核"
        unit="件"
        empty={{ text: '暂无待审核案件' }}
        cardClassName={() => 'case-card'}
        onCardClick={(c) => navigate(`/cases/${c.id}`)}
        card={(c) => (
          <>
            <div className="case-card-head">
              <Link to={`/cases/${c.id}`} className="mono case-card-title" onClick={(e) => e.stopPropagation()}>{c.caseNumber ?? `#${c.id}`}</Link>
              <CountdownChip c={c.decisionDue} label="办案期限" />
            </div>
            <div className="case-card-ent">{c.enterpriseName}</div>
            <div className="case-facts muted">{c.facts}</div>
            {c.fine != null ? <div>罚款 {yuan(c.fine)}</div> : null}
          </>
        )}
      />
      <Card size="small" className="table-card case-section" title="审核记录" style={{ marginTop: 16 }} data-testid="review-history">
        <ResponsiveTable<LegalReviewItem>
          rowKey="id"
          size="small"
          dataSource={done}
          loading={history.isLoading}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: '暂无审核记录' }}
          columns={[
            { title: '案件编号', key: 'no', width: 210, render: (_: unknown, r) => <Link to={`/cases/${r.caseId}`} className="mono">{r.caseNumber ?? `#${r.caseId}`}</Link> },
            { title: '当事人', dataIndex: 'enterpriseName', key: 'ent', width: 180 },
            { title: '结论', dataIndex: 'result', key: 'result', width: 110, render: (v: string) => (v === 'approved' ? <Tag color="green">审核通过</Tag> : <Tag color="red">退回补充调查</Tag>) },
            { title: '审核意见', dataIndex: 'comments', key: 'comments', render: (v: string | null) => v ?? '—' },
            { title: '审核人', key: 'who', width: 190, render: (_: unknown, r) => <>{r.reviewerName}<div className="muted">{fmtDateTime(r.decidedAt)}</div></> },
          ]}
        />
      </Card>
    </>
  );
}
