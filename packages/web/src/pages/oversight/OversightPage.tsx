// 执法监督 (R25, R29, R31, R32, R38): for oversight staff and agency leaders, what went wrong in the jurisdiction's
// enforcement — statutory deadlines passed (with how late and what to do now), leaders' interventions in cases (who,
// when, what, in which case), penalties chosen outside the proposed discretion tier with the written reason, and
// decisions published or credit applications answered late. Every row opens the case file (or the credit record).
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { formatYuanRange, publicationWithdrawalGroundLabels } from '@anjian/domain/penalty';
import { errorMessage } from '../../api';
import { oversightApi, type LateAnswer, type LateBlacklistPublication, type LatePublication, type LateWithdrawal, type OverdueDeadline, type OversightDeviation, type OversightIntervention } from '../../api/oversight';
import { fmtDateTime } from '../../app/format';
import { useIsMobile } from '../../app/useIsMobile';
import { CardList } from '../../components/CardList';
import { CaseStatusTag, yuan } from '../penalty/shared';
import '../penalty/cases.css';
import './oversight.css';

type TabKey = 'overdue' | 'interventions' | 'deviations' | 'late';

const caseLink = (r: { caseId: number; caseNumber: string | null }, testId?: string) => (
  <Link to={`/cases/${r.caseId}`} className="mono" data-testid={testId} onClick={(e) => e.stopPropagation()}>
    {r.caseNumber ?? `案件 #${r.caseId}`}
  </Link>
);

function LateTag({ days, working, what = '逾期' }: { days: number; working?: number; what?: string }) {
  return (
    <Tag color="red" variant="solid" className="cd-chip" data-testid="late-days">
      {what} {days} 天{working != null && working !== days ? `（${working} 个工作日）` : ''}
    </Tag>
  );
}

/** A table on the desktop, one card per row at phone width. */
function Rows<T extends object>({ items, rowKey, columns, card, empty, testId, minWidth, quietEmpty }: { items: T[]; rowKey: (r: T) => string | number; columns: TableColumnsType<T>; card: (r: T) => ReactNode; empty: string; testId: string; minWidth: number; quietEmpty?: boolean }) {
  const isMobile = useIsMobile();
  if (quietEmpty && !items.length) return <div className="muted ov-quiet-empty">{empty}</div>;
  const emptyNode = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  if (isMobile) return <CardList<T> items={items} rowKey={rowKey} empty={emptyNode} testId={`${testId}-cards`} render={(r) => <div data-testid={`${testId}-row`}>{card(r)}</div>} />;
  return (
    <Table<T>
      rowKey={rowKey}
      size="middle"
      columns={columns}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: minWidth }}
      locale={{ emptyText: emptyNode }}
      onRow={() => ({ 'data-testid': `${testId}-row` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}

function OverdueList({ items }: { items: OverdueDeadline[] }) {
  const columns: TableColumnsType<OverdueDeadline> = [
    { title: '案件', key: 'case', width: 220, render: (_: unknown, r) => <>{caseLink(r, 'overdue-case')}<div className="muted">{r.enterpriseName}</div></> },
    { title: '逾期环节', key: 'label', render: (_: unknown, r) => <Tooltip title={r.basis}><span>{r.label}</span></Tooltip> },
    { title: '期限', dataIndex: 'due', key: 'due', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    { title: '逾期', key: 'late', width: 170, render: (_: unknown, r) => <LateTag days={r.daysLate} working={r.workingDaysLate} /> },
    { title: '当前状态', key: 'status', width: 100, render: (_: unknown, r) => <CaseStatusTag value={r.status} /> },
    { title: '下一步', dataIndex: 'nextStep', key: 'next', width: 260 },
  ];
  return (
    <Rows
      items={items}
      rowKey={(r) => `${r.caseId}-${r.deadline}`}
      columns={columns}
      testId="overdue"
      minWidth={1000}
      empty="辖区内没有逾期未办的案件"
      card={(r) => (
        <>
          <div className="case-card-head">
            {caseLink(r, 'overdue-case')}
            <LateTag days={r.daysLate} />
          </div>
          <div className="case-card-ent">{r.enterpriseName}</div>
          <div className="ov-card-line">
            <strong>{r.label}</strong>
          </div>
          <div className="ov-card-line">
            期限 <span className="mono">{r.due}</span>
            <CaseStatusTag value={r.status} />
          </div>
          <div className="ov-next">下一步：{r.nextStep}</div>
          <div className="muted ov-basis">{r.basis}</div>
        </>
      )}
    />
  );
}

function InterventionList({ items }: { items: OversightIntervention[] }) {
  const who = (r: OversightIntervention) => (
    <>
      <strong>{r.intervenerName}</strong> <span className="muted">{r.intervenerPosition}</span>
    </>
  );
  const columns: TableColumnsType<OversightIntervention> = [
    { title: '日期', dataIndex: 'occurredOn', key: 'on', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    { title: '干预人', key: 'who', width: 200, render: (_: unknown, r) => who(r) },
    { title: '方式', dataIndex: 'method', key: 'method', width: 70 },
    { title: '干预内容', dataIndex: 'content', key: 'content', render: (v: string) => <div className="ov-content">{v}</div> },
    { title: '案件', key: 'case', width: 230, render: (_: unknown, r) => <>{caseLink(r, 'intervention-case')}<div className="muted">{r.enterpriseName} · {r.caseStatusLabel}</div></> },
    { title: '登记', key: 'rec', width: 150, render: (_: unknown, r) => <><div>{r.recordedByName}</div><div className="muted">{fmtDateTime(r.recordedAt)}</div></> },
  ];
  return (
    <Rows
      items={items}
      rowKey={(r) => r.id}
      columns={columns}
      testId="intervention"
      minWidth={1040}
      empty="辖区内没有领导干部干预案件的记录"
      card={(r) => (
        <>
          <div className="case-card-head">
            <span>{who(r)}</span>
            <span className="mono muted">{r.occurredOn}</span>
          </div>
          <div className="ov-card-line">
            <Tag>{r.method}</Tag>
            <span className="ov-content">{r.content}</span>
          </div>
          <div className="ov-card-line">
            {caseLink(r, 'intervention-case')} <span className="muted">{r.enterpriseName}</span>
          </div>
          <div className="muted">登记人 {r.recordedByName} · {fmtDateTime(r.recordedAt)}</div>
        </>
      )}
    />
  );
}

const range = (r: OversightDeviation) => (r.amountRange ? formatYuanRange(r.amountRange.min, r.amountRange.max) : '—');

function DeviationList({ items }: { items: OversightDeviation[] }) {
  const columns: TableColumnsType<OversightDeviation> = [
    { title: '案件', key: 'case', width: 220, render: (_: unknown, r) => <>{caseLink(r, 'deviation-case')}<div className="muted">{r.enterpriseName}</div><CaseStatusTag value={r.caseStatus} />{r.decidedOn ? <span className="muted">{r.decidedOn} 决定</span> : null}</> },
    { title: '违法行为', key: 'violation', render: (_: unknown, r) => <><div>{r.violation}</div><div className="muted">{r.basis}</div></> },
    { title: '建议档次', key: 'tier', width: 170, render: (_: unknown, r) => <><Tag>{r.tierLabel ?? '—'}</Tag><div className="mono">{range(r)}</div></> },
    { title: '选定罚款', key: 'amount', width: 110, render: (_: unknown, r) => <strong className="case-deviation">{yuan(r.amount)}</strong> },
    { title: '书面说明理由', dataIndex: 'reason', key: 'reason', width: 220, render: (v: string | null) => (v ? <div className="ov-content">{v}</div> : <Tag color="red">未说明理由</Tag>) },
    { title: '裁量人', key: 'by', width: 130, render: (_: unknown, r) => <><div>{r.assessedBy ?? '—'}</div><div className="muted">{fmtDateTime(r.assessedAt)}</div></> },
  ];
  return (
    <Rows
      items={items}
      rowKey={(r) => `${r.caseId}-${r.violationNo}`}
      columns={columns}
      testId="deviation"
      minWidth={1040}
      empty="辖区内没有超出建议裁量档次的处罚"
      card={(r) => (
        <>
          <div className="case-card-head">
            {caseLink(r, 'deviation-case')}
            <CaseStatusTag value={r.caseStatus} />
          </div>
          <div className="case-card-ent">{r.enterpriseName}</div>
          <div className="ov-card-line">{r.violation}</div>
          <div className="ov-card-line">
            建议“{r.tierLabel ?? '—'}”档：{range(r)}
          </div>
          <div className="ov-card-line">
            选定罚款：<strong className="case-deviation">{yuan(r.amount)}</strong>
          </div>
          <div className="ov-reason">理由：{r.reason ?? '未说明'}</div>
          <div className="muted">{r.assessedBy ?? ''} · {fmtDateTime(r.assessedAt)}</div>
        </>
      )}
    />
  );
}

function lateState(r: { daysLate: number; workingDaysLate: number }, done: string | null, doneWord: string) {
  return done ? (
    <span>
      <LateTag days={r.daysLate} working={r.workingDaysLate} what="逾期" />
      <div className="muted">{done} {doneWord}</div>
    </span>
  ) : (
    <span>
      <LateTag days={r.daysLate} working={r.workingDaysLate} what="已逾期" />
      <div className="case-deviation">尚未{doneWord}</div>
    </span>
  );
}

function LateLists({ pubs, withdrawals, repairs, objections, lists }: { pubs: LatePublication[]; withdrawals: LateWithdrawal[]; repairs: LateAnswer[]; objections: LateAnswer[]; lists: LateBlacklistPublication[] }) {
  const isMobile = useIsMobile();
  const rule = (text: string) => (isMobile ? undefined : <span className="muted">{text}</span>);
  const answerColumns = (kind: 'repair' | 'objection'): TableColumnsType<LateAnswer> => [
    { title: '企业', key: 'ent', render: (_: unknown, r) => <Link to={`/credit/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link> },
    { title: kind === 'repair' ? '申请日期' : '提出日期', key: 'on', width: 110, render: (_: unknown, r) => <span className="mono">{r.appliedOn ?? r.receivedOn}</span> },
    { title: '答复期限', dataIndex: 'answerDue', key: 'due', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    { title: '情况', key: 'late', width: 200, render: (_: unknown, r) => lateState(r, r.decidedOn, '答复') },
  ];
  const answerCard = (r: LateAnswer) => (
    <>
      <div className="case-card-head">
        <Link to={`/credit/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
      </div>
      <div className="ov-card-line">
        {r.appliedOn ?? r.receivedOn} 收到，应于 <span className="mono">{r.answerDue}</span> 前答复
      </div>
      {lateState(r, r.decidedOn, '答复')}
    </>
  );
  return (
    <>
      <Card size="small" className="case-section table-card" title={`行政处罚决定公示（${pubs.length}）`} extra={rule('决定之日起7个工作日且不超过15日内公示')}>
        <Rows<LatePublication>
          items={pubs}
          rowKey={(r) => r.caseId}
          testId="late-publication"
          quietEmpty
          minWidth={760}
          empty="没有逾期公示的处罚决定"
          columns={[
            { title: '案件', key: 'case', render: (_: unknown, r) => <>{caseLink(r)}<div className="muted">{r.enterpriseName}</div></> },
            { title: '决定日期', dataIndex: 'decidedOn', key: 'decided', width: 110 },
            { title: '公示期限', dataIndex: 'dueOn', key: 'due', width: 110, render: (v: string) => <span className="mono">{v}</span> },
            { title: '情况', key: 'late', width: 200, render: (_: unknown, r) => lateState(r, r.publishedOn, '公示') },
          ]}
          card={(r) => (
            <>
              <div className="case-card-head">{caseLink(r)}</div>
              <div className="case-card-ent">{r.enterpriseName}</div>
              <div className="ov-card-line">
                {r.decidedOn} 决定，应于 <span className="mono">{r.dueOn}</span> 前公示
              </div>
              {lateState(r, r.publishedOn, '公示')}
            </>
          )}
        />
      </Card>
      {withdrawals.length > 0 && (
        <Card size="small" className="case-section table-card" title={`公示信息撤回（${withdrawals.length}）`} extra={rule('决定被变更、撤销、确认违法或无效后3个工作日内撤回')}>
          <Rows<LateWithdrawal>
            items={withdrawals}
            rowKey={(r) => r.caseId}
            testId="late-withdrawal"
            minWidth={760}
            empty="没有逾期撤回的公示信息"
            columns={[
              { title: '案件', key: 'case', render: (_: unknown, r) => <>{caseLink(r)}<div className="muted">{r.enterpriseName}</div></> },
              { title: '撤回事由', key: 'ground', width: 150, render: (_: unknown, r) => <>{publicationWithdrawalGroundLabels[r.ground]}<div className="muted">{r.changedOn}</div></> },
              { title: '撤回期限', dataIndex: 'dueOn', key: 'due', width: 110, render: (v: string) => <span className="mono">{v}</span> },
              { title: '情况', key: 'late', width: 200, render: (_: unknown, r) => lateState(r, r.withdrawnOn, '撤回') },
            ]}
            card={(r) => (
              <>
                <div className="case-card-head">{caseLink(r)}</div>
                <div className="case-card-ent">{r.enterpriseName}</div>
                <div className="ov-card-line">
                  {publicationWithdrawalGroundLabels[r.ground]}（{r.changedOn}），应于 <span className="mono">{r.dueOn}</span> 前撤回
                </div>
                {lateState(r, r.withdrawnOn, '撤回')}
              </>
            )}
          />
        </Card>
      )}
      <Card size="small" className="case-section table-card" title={`信用修复申请答复（${repairs.length}）`} extra={rule('3个工作日内答复')}>
        <Rows<LateAnswer> items={repairs} rowKey={(r) => r.id} testId="late-repair" quietEmpty minWidth={640} empty="没有逾期答复的信用修复申请" columns={answerColumns('repair')} card={answerCard} />
      </Card>
      <Card size="small" className="case-section table-card" title={`信用异议答复（${objections.length}）`} extra={rule('5个工作日内答复')}>
        <Rows<LateAnswer> items={objections} rowKey={(r) => r.id} testId="late-objection" quietEmpty minWidth={640} empty="没有逾期答复的信用异议" columns={answerColumns('objection')} card={answerCard} />
      </Card>
      <Card size="small" className="case-section table-card" title={`严重失信主体名单季度公布（${lists.length}）`} extra={<Link to="/credit/blacklist">名单管理</Link>}>
        <Rows<LateBlacklistPublication>
          items={lists}
          rowKey={(r) => r.id}
          testId="late-blacklist"
          quietEmpty
          minWidth={640}
          empty="没有逾期公布的季度名单"
          columns={[
            { title: '季度', dataIndex: 'quarterLabel', key: 'q' },
            { title: '公布机关', dataIndex: 'agencyName', key: 'agency' },
            { title: '公布期限', dataIndex: 'dueOn', key: 'due', width: 110 },
            { title: '情况', key: 'late', width: 200, render: (_: unknown, r) => lateState(r, r.publishedOn, '公布') },
          ]}
          card={(r) => (
            <>
              <div className="case-card-head">
                <strong>{r.quarterLabel}</strong>
                <span className="muted">{r.agencyName}</span>
              </div>
              {lateState(r, r.publishedOn, '公布')}
            </>
          )}
        />
      </Card>
    </>
  );
}

/** 处罚期限监督, a tab of the 执法监督 hub (/oversight/deadlines); its own sections are addressed by ?view=. */
export default function PenaltyDeadlinePanel() {
  const [params, setParams] = useSearchParams();
  const tab = (['overdue', 'interventions', 'deviations', 'late'].includes(params.get('view') ?? '') ? params.get('view') : 'overdue') as TabKey;
  const setTab = (k: TabKey) => setParams(k === 'overdue' ? {} : { view: k }, { replace: true });
  const isMobile = useIsMobile();
  const { data, isLoading, isFetching, error, refetch, dataUpdatedAt } = useQuery({ queryKey: ['penalty-oversight'], queryFn: oversightApi.view, meta: { silent: true } });

  const lateCount = data ? data.latePublications.length + data.lateWithdrawals.length + data.lateRepairs.length + data.lateObjections.length + data.lateBlacklistPublications.length : 0;
  const tiles: { key: TabKey; label: string; n: number; hint: string }[] = data
    ? [
        { key: 'overdue', label: '逾期未办', n: data.overdue.length, hint: '法定期限已过' },
        { key: 'interventions', label: '干预记录', n: data.interventions.length, hint: '领导干部干预案件' },
        { key: 'deviations', label: '裁量偏离', n: data.deviations.length, hint: '超出建议档次' },
        { key: 'late', label: '逾期公示与答复', n: lateCount, hint: '公示、修复、异议、名单' },
      ]
    : [];

  return (
    <>
      <div className="ov-panel-head">
        <Typography.Text type="secondary">辖区内逾期未办的案件、领导干部干预案件记录、超出裁量档次的处罚及其理由、逾期公示与答复；点击案件编号查看完整案卷</Typography.Text>
        <Button icon={<ReloadOutlined />} loading={isFetching} onClick={() => void refetch()}>
          刷新
        </Button>
      </div>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      {isLoading ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {data ? (
        <>
          <Row gutter={[12, 12]} className="ov-tiles">
            {tiles.map((t) => (
              <Col key={t.key} xs={12} md={6}>
                <button type="button" className={`ov-tile ${tab === t.key ? 'ov-tile-active' : ''} ${t.n > 0 && t.key !== 'interventions' ? 'ov-tile-alarm' : ''}`} onClick={() => setTab(t.key)} data-testid={`tile-${t.key}`} data-count={t.n}>
                  <span className="ov-tile-n">{t.n}</span>
                  <span className="ov-tile-label">{t.label}</span>
                  <span className="ov-tile-hint">{t.hint}</span>
                </button>
              </Col>
            ))}
          </Row>
          <Card size="small" className={`table-card ${isMobile ? 'ov-tabs-mobile' : ''}`} title={isMobile ? tiles.find((t) => t.key === tab)?.label : undefined}>
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as TabKey)}
              items={[
                {
                  key: 'overdue',
                  label: `逾期未办（${data.overdue.length}）`,
                  children: (
                    <>
                      {data.overdue.length ? (
                        <Typography.Paragraph type="secondary" className="ov-note">
                          按逾期天数排列。办案期限自立案之日起计算；陈述申辩、听证期限届满后当事人未提出的视为放弃，案件应继续办理。
                        </Typography.Paragraph>
                      ) : null}
                      <OverdueList items={data.overdue} />
                    </>
                  ),
                },
                {
                  key: 'interventions',
                  label: `干预记录（${data.interventions.length}）`,
                  children: (
                    <>
                      <Typography.Paragraph type="secondary" className="ov-note">
                        领导干部干预、插手案件的情况由办案人员如实登记，全程留痕；企业看不到本栏内容。
                      </Typography.Paragraph>
                      <InterventionList items={data.interventions} />
                    </>
                  ),
                },
                {
                  key: 'deviations',
                  label: `裁量偏离（${data.deviations.length}）`,
                  children: (
                    <>
                      <Typography.Paragraph type="secondary" className="ov-note">
                        选定的罚款不在裁量基准建议档次内的，须书面说明理由并写入决定书。
                      </Typography.Paragraph>
                      <DeviationList items={data.deviations} />
                    </>
                  ),
                },
                { key: 'late', label: `逾期公示与答复（${lateCount}）`, children: <LateLists pubs={data.latePublications} withdrawals={data.lateWithdrawals} repairs={data.lateRepairs} objections={data.lateObjections} lists={data.lateBlacklistPublications} /> },
              ]}
            />
          </Card>
          <div className="muted ov-foot">统计日期 {data.today} · 数据更新于 {fmtDateTime(new Date(dataUpdatedAt).toISOString())}</div>
        </>
      ) : null}
    </>
  );
}
