// 案卷评查 tab of the 执法监督 hub: the drawn files (the ledger), the rounds and their draw, the league table and the
// scoring sheet. The view is the URL's ?view=, so each can be linked.
import type { MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Col, Segmented, Select, Tag, type TableColumnsType } from 'antd';
import { caseReviewKindLabels, caseReviewKinds, caseReviewStatusLabels, caseReviewStatuses, reviewGradeLabels, reviewGrades, type CaseReviewKind, type CaseReviewStatus, type ReviewGrade } from '@anjian/domain/oversight';
import { caseReviewsApi, type ReviewItem } from '../../../api/caseReviews';
import { caseReviewKeys } from '../../../api/keys';
import { ExportButton } from '../../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import { ledgerRows } from '../../../lib/ledgerRows';
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

const filterKeys = ['roundId', 'kind', 'status', 'grade'] as const;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined) => (list.includes(v as T) ? (v as T) : undefined);

function ItemsView() {
  const navigate = useNavigate();
  const url = useLedgerUrl(filterKeys);
  const { values, update, page, pageSize } = url;
  const filters = {
    roundId: Number(values.roundId) > 0 ? Number(values.roundId) : undefined,
    kind: oneOf<CaseReviewKind>(caseReviewKinds, values.kind),
    status: oneOf<CaseReviewStatus>(caseReviewStatuses, values.status),
    grade: oneOf<ReviewGrade>(reviewGrades, values.grade),
  };
  const query = { ...filters, page, pageSize };
  const rounds = useQuery({ queryKey: caseReviewKeys.rounds, queryFn: caseReviewsApi.rounds });
  const list = useQuery({ queryKey: caseReviewKeys.items(query), queryFn: () => caseReviewsApi.items(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<ReviewItem> = [
    { title: '案卷', key: 'subject', width: 230, render: (_: unknown, r) => <><Link to={`/oversight/reviews/${r.id}`} className="mono" data-testid="review-open">{r.subjectLabel}</Link><div className="muted">{r.kindLabel}</div></> },
    { title: '被评查单位', dataIndex: 'agencyName', key: 'agency', width: 180 },
    { title: '当事人/检查对象', dataIndex: 'enterpriseName', key: 'ent', ellipsis: true },
    { title: '得分', key: 'score', width: 120, render: (_: unknown, r) => (r.score == null ? '—' : <><b>{r.score}</b> <GradeTag grade={r.grade} /></>) },
    { title: '问题', dataIndex: 'defectCount', key: 'defects', width: 70, render: (n: number) => (n ? <Tag color="orange">{n}项</Tag> : '—') },
    { title: '状态', key: 'status', width: 110, render: (_: unknown, r) => <ReviewStatusTag status={r.status} /> },
    { title: '批次', dataIndex: 'roundTitle', key: 'round', width: 190 },
  ];
  const select = (key: (typeof filterKeys)[number], placeholder: string, options: { value: string | number; label: string }[], value: string | number | undefined, testId?: string) => (
    <Select allowClear placeholder={placeholder} aria-label={placeholder} style={{ width: '100%' }} value={value} onChange={(v?: string | number) => update({ [key]: v })} options={options} data-testid={testId} />
  );
  // a whole table row opens the file (the ledger marks each row with data-id; a phone card has onCardClick)
  const openRow = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('tr[data-testid="review-row"]');
    if (row?.dataset.id && !target.closest('a')) navigate(`/oversight/reviews/${row.dataset.id}`);
  };
  return (
    <>
      <div className="cr-export">
        <ExportButton path="/case-reviews/export" query={{ ...filters }} fileName="案卷评查台账.xlsx" testId="review-export" />
      </div>
      <LedgerFilters
        url={url}
        // the state is what a phone user filters by: it stays visible when the rest fold away
        primary={{ span: { md: 8, lg: 4 }, node: select('status', '全部状态', caseReviewStatuses.map((k) => ({ value: k, label: caseReviewStatusLabels[k] })), filters.status, 'filter-status') }}
        flagsCol={{ md: 24, lg: 4 }}
      >
        <Col xs={12} md={8} lg={4}>
          {select('kind', '全部类别', caseReviewKinds.map((k) => ({ value: k, label: caseReviewKindLabels[k] })), filters.kind)}
        </Col>
        <Col xs={24} md={16} lg={8}>
          {select('roundId', '全部批次', (rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.agencyName}）` })), filters.roundId, 'filter-round')}
        </Col>
        <Col xs={12} md={8} lg={4}>
          {select('grade', '全部等次', reviewGrades.map((k) => ({ value: k, label: reviewGradeLabels[k] })), filters.grade)}
        </Col>
      </LedgerFilters>
      <div className="cr-ledger" onClick={openRow}>
        <LedgerTable<ReviewItem>
          url={url}
          {...ledgerRows(list)}
          rowKey={(r) => r.id}
          columns={columns}
          scrollX={1100}
          testId="review"
          noun="卷案卷"
          unit="卷"
          empty={{ text: '没有评查案卷；省、市级执法监督人员可在“抽取批次”中按季度抽取', filtered: '没有符合条件的评查案卷' }}
          onCardClick={(r) => navigate(`/oversight/reviews/${r.id}`)}
          card={(r) => (
            <>
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
            </>
          )}
        />
      </div>
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
