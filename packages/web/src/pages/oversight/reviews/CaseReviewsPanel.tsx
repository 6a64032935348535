// 案卷评查 tab of the 执法监督 hub: the drawn files (the ledger), the rounds and their draw, the league table and the
// scoring sheet. The view is the URL's ?view=, so each can be linked.
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Segmented, Select, Table, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { caseReviewKindLabels, caseReviewKinds, caseReviewStatusLabels, caseReviewStatuses, reviewGradeLabels, reviewGrades, type CaseReviewKind, type CaseReviewStatus, type ReviewGrade } from '@anjian/domain/oversight';
import { errorMessage } from '../../../api';
import { caseReviewsApi, type ReviewItem } from '../../../api/caseReviews';
import { showError } from '../../../app/feedback';
import { useIsMobile } from '../../../app/useIsMobile';
import { CardList } from '../../../components/CardList';
import { LeagueView } from './LeagueView';
import { RoundsView } from './RoundsView';
import { SheetView } from './SheetView';
import { GradeTag, ReviewStatusTag } from './parts';

const views = [
  { value: 'items', label: '评查案卷' },
  { value: 'rounds', label: '抽取批次' },
  { value: 'league', label: '评查排名' },
  { value: 'sheet', label: '评查标准' },
] as const;
type View = (typeof views)[number]['value'];

function ItemsView() {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const query = {
    roundId: num('roundId'),
    kind: (params.get('kind') as CaseReviewKind | null) ?? undefined,
    status: (params.get('status') as CaseReviewStatus | null) ?? undefined,
    grade: (params.get('grade') as ReviewGrade | null) ?? undefined,
    page: num('page') ?? 1,
    pageSize: 20,
  };
  const set = (k: string, v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const rounds = useQuery({ queryKey: ['review-rounds'], queryFn: caseReviewsApi.rounds });
  const { data, isLoading, error } = useQuery({ queryKey: ['review-items', query], queryFn: () => caseReviewsApi.items(query) });
  const [exporting, setExporting] = useState(false);
  const open = (r: ReviewItem) => navigate(`/oversight/reviews/${r.id}`);
  const columns: TableColumnsType<ReviewItem> = [
    { title: '案卷', key: 'subject', width: 230, render: (_: unknown, r) => <><a className="mono" data-testid="review-open">{r.subjectLabel}</a><div className="muted">{r.kindLabel}</div></> },
    { title: '被评查单位', dataIndex: 'agencyName', key: 'agency', width: 180 },
    { title: '当事人/检查对象', dataIndex: 'enterpriseName', key: 'ent', ellipsis: true },
    { title: '得分', key: 'score', width: 120, render: (_: unknown, r) => (r.score == null ? '—' : <><b>{r.score}</b> <GradeTag grade={r.grade} /></>) },
    { title: '问题', dataIndex: 'defectCount', key: 'defects', width: 70, render: (n: number) => (n ? <Tag color="orange">{n}项</Tag> : '—') },
    { title: '状态', key: 'status', width: 110, render: (_: unknown, r) => <ReviewStatusTag status={r.status} /> },
    { title: '批次', dataIndex: 'roundTitle', key: 'round', width: 190 },
  ];
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有评查案卷；省、市级执法监督人员可在“抽取批次”中按季度抽取" />;
  return (
    <>
      <div className="cr-filters">
        <Select allowClear placeholder="全部批次" value={query.roundId} onChange={(v) => set('roundId', v)} options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.agencyName}）` }))} style={{ minWidth: 220 }} data-testid="filter-round" />
        <Select allowClear placeholder="全部类别" value={query.kind} onChange={(v) => set('kind', v)} options={caseReviewKinds.map((k) => ({ value: k, label: caseReviewKindLabels[k] }))} />
        <Select allowClear placeholder="全部状态" value={query.status} onChange={(v) => set('status', v)} options={caseReviewStatuses.map((k) => ({ value: k, label: caseReviewStatusLabels[k] }))} data-testid="filter-status" />
        <Select allowClear placeholder="全部等次" value={query.grade} onChange={(v) => set('grade', v)} options={reviewGrades.map((k) => ({ value: k, label: reviewGradeLabels[k] }))} />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          data-testid="review-export"
          onClick={() => {
            setExporting(true);
            caseReviewsApi.exportItems(query).catch(showError).finally(() => setExporting(false));
          }}
        >
          导出 Excel
        </Button>
      </div>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {isMobile ? (
        <>
          <CardList<ReviewItem>
            items={data?.items ?? []}
            loading={isLoading}
            rowKey={(r) => r.id}
            empty={empty}
            testId="review-cards"
            onItemClick={open}
            render={(r) => (
              <div data-testid="review-row">
                <div className="cr-card-head">
                  <span className="mono">{r.subjectLabel}</span>
                  <ReviewStatusTag status={r.status} />
                </div>
                <div>{r.agencyName}</div>
                <div className="cr-card-meta">
                  {r.kindLabel} · {r.enterpriseName}
                </div>
                <div className="cr-card-meta">
                  {r.score == null ? '待评分' : <>得分 <b>{r.score}</b> <GradeTag grade={r.grade} /></>}
                  {r.defectCount ? ` · 问题 ${r.defectCount} 项` : ''}
                </div>
              </div>
            )}
          />
          {data && data.total > data.pageSize ? (
            <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
              <Button disabled={query.page <= 1} onClick={() => set('page', query.page - 1)}>上一页</Button>
              <span className="muted">第 {query.page} 页 / 共 {Math.ceil(data.total / data.pageSize)} 页</span>
              <Button disabled={query.page * data.pageSize >= data.total} onClick={() => set('page', query.page + 1)}>下一页</Button>
            </div>
          ) : null}
        </>
      ) : (
        <Table<ReviewItem>
          rowKey="id"
          size="middle"
          loading={isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          locale={{ emptyText: empty }}
          scroll={{ x: 1100 }}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' }, 'data-testid': 'review-row' }) as React.HTMLAttributes<HTMLElement>}
          pagination={data && data.total > data.pageSize ? { current: query.page, pageSize: data.pageSize, total: data.total, onChange: (p) => set('page', p), showSizeChanger: false, showTotal: (t) => `共 ${t} 卷` } : false}
        />
      )}
    </>
  );
}

export default function CaseReviewsPanel() {
  const [params, setParams] = useSearchParams();
  const view = (views.some((v) => v.value === params.get('view')) ? params.get('view') : 'items') as View;
  return (
    <>
      <Segmented block className="cr-views" value={view} options={views.map((v) => ({ value: v.value, label: <span data-testid={`review-view-${v.value}`}>{v.label}</span> }))} onChange={(v) => setParams(v === 'items' ? {} : { view: String(v) }, { replace: true })} />
      {view === 'items' ? <ItemsView /> : view === 'rounds' ? <RoundsView /> : view === 'league' ? <LeagueView /> : <SheetView />}
    </>
  );
}
