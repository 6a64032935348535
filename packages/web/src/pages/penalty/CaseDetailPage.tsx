// 案卷 (R18, R25–R31): the case file — who did what when and why (timeline), the violations with the discretion
// engine's proposal, 分别裁量、合并处罚, the source inspection, documents (PDF), deadlines, legal reviews, leaders'
// interventions (R31, staff only) and the next action for the viewer's role.
import { serviceMethodLabels } from '@anjian/domain/caseRecords';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Steps, Tag, Timeline, Typography, type DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import {
  discretionTierLabels,
  formatYuan,
  isPenaltyPartyAction,
  penaltyActionLabelFor,
  penaltyCaseActionLabels,
  penaltyCaseStatusLabels,
  penaltyDecisionKindLabels,
  penaltyProcedureLabels,
  publicationWithdrawalGroundLabels,
  sanctionKindLabels,
  type PenaltyCaseAction,
  type PenaltyCaseStatus,
} from '@anjian/domain/penalty';
import { labelOf, roleLabels } from '@anjian/domain/enums';
import { penaltyPeriods } from '@anjian/domain/penaltyPeriods';
import { isCaseFileEditable } from '@anjian/domain/penalty';
import { isApiError } from '../../api';
import { penaltiesApi, type CaseDetail, type CaseEvent } from '../../api/penalty';
import { useMe } from '../../app/auth';
import { fmtDate, fmtDateTime } from '../../app/format';
import { useIsMobile } from '../../app/useIsMobile';
import { PageHeader } from '../../components/PageHeader';
import { inspectionsApi } from '../../api/inspection';
import { EvidenceThumbs } from '../hazard/shared';
import { DecisionKindForm, InterventionForm, NextActions } from './CaseActions';
import { CaseSiteDocuments } from '../sitedocs/shared';
import { useCatalogue, ViolationForm, ViolationView } from './Discretion';
import { CaseStatusTag, caseTitle, CountdownChip, yuan } from './parts';
import { PartySubmissions } from './PartyRights';
import './cases.css';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { SectionIndex } from '../../components/SectionIndex';
import { inspectionKeys, penaltyKeys } from '../../api/keys';

// R38: a period the law counts in working days shows the working days left (the domain's period table says which).
const periods: Record<string, { unit: string } | undefined> = penaltyPeriods();
const workingDayPeriod = (id: string) => periods[id]?.unit === 'working_days';
const stepIndex: Record<PenaltyCaseStatus, number> = {
  draft: 0,
  opened: 1,
  investigating: 1,
  notified: 2,
  defence: 2,
  hearing: 2,
  legal_review: 3,
  decided: 4,
  served: 5,
  executing: 5,
  closed: 6,
  transferred: 1,
  cancelled: 0,
};
const otherActionLabels: Record<string, string> = {
  create: '登记案件草稿',
  update: '修改案卷',
  add_violation: '认定违法行为并裁量',
  update_violation: '调整裁量',
  remove_violation: '删除违法行为',
  record_intervention: '登记领导干部干预',
  escalate: '提级管辖',
  answer_statement: '登记陈述申辩采纳情况',
};
const patchFieldLabels: Record<string, string> = {
  investigatorIds: '承办人员',
  rightsWaived: '当事人放弃陈述申辩和听证',
  collectiveDiscussionHeld: '负责人集体讨论',
  collectiveDiscussion: '负责人集体讨论',
  executionDone: '执行完毕',
  hearing: '听证记录',
  facts: '案情',
  decisionKind: '处理意见',
  noPenaltyBasis: '不予处罚依据',
  partyName: '当事人',
};

function eventTitle(e: CaseEvent): string {
  // the party's own acts read in its words (提交陈述申辩), the officer's record of them in the officer's (记录陈述申辩)
  const base = labelOf(penaltyCaseActionLabels as Record<string, string>, e.action) !== e.action ? penaltyActionLabelFor(e.action as PenaltyCaseAction, e.actorRole === 'enterprise' ? 'enterprise' : 'officer') : (otherActionLabels[e.action] ?? e.action);
  if (e.action === 'update' && e.detail) {
    const keys = Object.keys(e.detail).filter((k) => patchFieldLabels[k]);
    if (keys.length) return `登记：${keys.map((k) => patchFieldLabels[k]).join('、')}`;
  }
  return base;
}

export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const { data: c, isLoading, error } = useQuery({ queryKey: penaltyKeys.case(id), queryFn: () => penaltiesApi.detail(id), retry: false, meta: { silent: true } });
  const staff = !!me && me.role !== 'enterprise';
  const writer = !!me && (me.role === 'officer' || me.role === 'leader');
  const catalogue = useCatalogue();
  const itemOf = useMemo(() => new Map((catalogue.data?.items ?? []).map((i) => [i.code, i])), [catalogue.data]);
  const [adding, setAdding] = useState(false);
  const [intervening, setIntervening] = useState(false);
  // R18: the evidence fixed at the inspection (the finding's photos, the inspection's records)
  // R29: what the 卷宗 still lacks; refetched with each new version of the case
  const completeness = useQuery({ queryKey: penaltyKeys.completeness(id, c?.version), queryFn: () => penaltiesApi.completeness(Number(id)), enabled: staff && !!c, retry: false, meta: { silent: true } });
  const inspection = useQuery({
    queryKey: inspectionKeys.detail(c?.sourceInspectionId),
    queryFn: () => inspectionsApi.get(c!.sourceInspectionId!),
    enabled: staff && !!c?.sourceInspectionId,
    meta: { silent: true },
  });

  if (isLoading || !me) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (error || !c) {
    const notFound = isApiError(error) && (error.status === 404 || error.status === 403);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '案件不存在，或不在您的管辖范围内' : '加载失败'}
        subTitle={notFound ? '只有办案机构及其上级、当事企业可以查看该案件。' : error instanceof Error ? error.message : '请稍后重试'}
        extra={
          <Link to="/cases">
            <Button type="primary">返回案件列表</Button>
          </Link>
        }
        data-testid="case-not-found"
      />
    );
  }

  const canEditViolations = writer && c.canAct && isCaseFileEditable(c.status) && c.status !== 'draft';
  const title = caseTitle(c, me?.role === 'enterprise', '案件草稿');
  const decision = c.decision ?? null;

  const info: DescriptionsProps['items'] = [
    {
      key: 'party',
      label: '当事人',
      span: 'filled',
      children: (
        <>
          {staff ? <Link to={`/enterprises/${c.enterpriseId}`}>{c.partyName}</Link> : c.partyName}
          {c.enterprise ? <span className="muted mono" style={{ marginLeft: 8 }}>{c.enterprise.creditCode}</span> : null}
          {staff ? (
            <Link to={`/credit/enterprises/${c.enterpriseId}`} style={{ marginLeft: 8 }}>
              信用记录
            </Link>
          ) : null}
        </>
      ),
    },
    {
      key: 'facts',
      label: '案情',
      span: 'filled',
      children: (
        <>
          <span data-testid="case-facts">{c.facts}</span>
          {/* R29: a decision states established facts; the finding's “涉嫌……” waits for the officer's rewrite */}
          {staff && !c.decision && /涉嫌/.test(c.facts) ? (
            <Tag color="orange" style={{ marginLeft: 8 }} data-testid="facts-suspected">
              仍为“涉嫌”表述，提交法制审核或作出决定前请改写为经调查认定的违法事实
            </Tag>
          ) : null}
        </>
      ),
    },
    { key: 'procedure', label: '程序', children: penaltyProcedureLabels[c.procedure] },
    { key: 'status', label: '状态', children: <CaseStatusTag value={c.status} /> },
    { key: 'agency', label: '承办机关', children: <span data-testid="case-agency">{c.agencyName}</span> },
    { key: 'inv', label: '承办人员', span: 'filled', children: c.investigators.length ? c.investigators.map((o) => `${o.name}（${o.credentialNo}）`).join('、') : <span className="hz-overdue">未指定</span> },
    {
      key: 'source',
      label: '来源',
      children: c.sourceInspectionId ? (
        staff ? (
          <Link to={`/inspections/${c.sourceInspectionId}`} data-testid="source-inspection">
            执法检查 #{c.sourceInspectionId}
          </Link>
        ) : (
          `执法检查 #${c.sourceInspectionId}`
        )
      ) : (
        '直接立案'
      ),
    },
    { key: 'major', label: '重大事故隐患', children: c.majorHazard ? <Tag color="red">是（不得以责令整改代替处罚）</Tag> : '否' },
    { key: 'opened', label: '立案日期', children: c.dates.openedOn ?? '—' },
    { key: 'notified', label: '告知日期', children: c.dates.notifiedOn ?? '—' },
    ...(c.notified
      ? [
          {
            key: 'rights',
            label: '陈述申辩',
            children: c.rightsWaived ? '当事人书面放弃' : c.statementReceived ? `已陈述申辩（${c.partySubmissions.filter((x) => x.kind === 'record_statement').length}份）` : c.deadlines.find((d) => d.id === 'statement_defense')?.overdue ? '期满未提出' : '期限内',
          },
          ...(c.hearingRightReasons.length
            ? [
                {
                  key: 'hearingReq',
                  label: '听证',
                  children: (
                    <span data-testid="hearing-state">
                      {c.hearing?.withdrawnOn
                        ? `当事人已于 ${c.hearing.withdrawnOn} 撤回听证申请（${c.hearing.requestedOn ?? ''} 要求听证），听证不再举行`
                        : c.hearing?.requestedOn
                          ? `当事人于 ${c.hearing.requestedOn} 要求听证${c.hearing.heldOn ? `，${c.hearing.heldOn} 举行` : ''}`
                          : c.rightsWaived
                            ? '当事人书面放弃'
                            : '未要求'}
                    </span>
                  ),
                },
              ]
            : []),
        ]
      : []),
    ...(c.latePayment
      ? [
          {
            key: 'latePayment',
            label: '加处罚款',
            span: 'filled' as const,
            children: (
              <span className="hz-overdue" data-testid="late-payment">
                罚款{formatYuan(c.latePayment.fine)}的缴纳期限 {c.latePayment.dueOn} 已过，逾期 {c.latePayment.days} 日，每日按罚款数额的百分之三（{formatYuan(c.latePayment.perDay)}）加处罚款，截至今日共 {formatYuan(c.latePayment.amount)}
                {c.latePayment.capped ? '，已达罚款数额，不再增加' : ''}（加处罚款的数额不得超出罚款的数额，《行政处罚法》第七十二条）
              </span>
            ),
          },
        ]
      : []),
    ...(c.transferredTo ? [{ key: 'transfer', label: '移送机关', children: c.transferredTo }] : []),
    ...(c.majorCaseReasons.length ? [{ key: 'mreasons', label: '重大案件', span: 'filled' as const, children: c.majorCaseReasons.join('；') }] : []),
  ];

  const events = c.events;
  const reviews = c.legalReviews;

  return (
    <div id="case-page">
      <PageHeader
        title={
          <Space wrap size={8}>
            <span className="mono" data-testid="case-title">{title}</span>
            <CaseStatusTag value={c.status} />
            {c.majorHazard ? <Tag color="red" variant="solid">重大事故隐患</Tag> : null}
            {c.majorCaseReasons.length ? <Tag color="volcano">重大案件</Tag> : null}
          </Space>
        }
        sub={c.partyName}
        extra={
          <Link to="/cases">
            <Button icon={<ArrowLeftOutlined />}>{me.role === 'enterprise' ? '本企业处罚案件' : '案件列表'}</Button>
          </Link>
        }
      />
      <Card size="small" className="case-section">
        <Steps
          size="small"
          responsive={false}
          current={stepIndex[c.status]}
          status={c.status === 'cancelled' || c.status === 'transferred' ? 'error' : c.status === 'closed' ? 'finish' : 'process'}
          {...(isMobile ? { type: 'dot' as const, titlePlacement: 'vertical' as const } : {})}
          items={[{ title: '立案' }, { title: '调查' }, { title: '告知' }, { title: '法制审核' }, { title: '决定' }, { title: '送达执行' }, { title: '结案' }].map((s, i) => ({ ...s, title: isMobile && i % 2 === 1 && i !== stepIndex[c.status] ? '' : s.title }))}
          data-testid="case-steps"
        />
      </Card>
      <SectionIndex rootId="case-page" />
      <Row gutter={[16, 0]}>
        <Col xs={24} xl={15}>
          <Card size="small" title="下一步" className="case-section case-next" data-testid="case-next">
            <NextActions c={c} me={me} />
          </Card>
          <Card size="small" title="案件信息" className="case-section">
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={info} bordered={!isMobile} />
          </Card>
          {c.dates.notifiedOn || c.partySubmissions.length ? (
            <Card size="small" title={`当事人陈述申辩与听证要求（${c.partySubmissions.length}）`} className="case-section" data-testid="case-party">
              <PartySubmissions c={c} canAnswer={writer} />
            </Card>
          ) : null}
          <Card
            size="small"
            title={`违法行为与裁量（${c.violations.length}）`}
            className="case-section"
            data-testid="case-violations"
            extra={
              canEditViolations && !adding ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-violation">
                  认定违法行为
                </Button>
              ) : null
            }
          >
            {c.violations.length === 0 && !adding ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c.status === 'draft' ? '立案后由承办人员认定违法行为并按裁量基准裁量' : '尚未认定违法行为'} />
            ) : null}
            {c.violations.map((v, i) => (
              <ViolationView key={`${i}-${v.assessedAt}`} v={v} no={i + 1} c={c} item={itemOf.get(v.facts.itemCode)} canEdit={canEditViolations} />
            ))}
            {canEditViolations && !adding ? <DecisionKindForm c={c} /> : null}
            {adding && catalogue.data ? (
              <Card size="small" type="inner" title="认定违法行为" extra={<Button size="small" onClick={() => setAdding(false)}>取消</Button>}>
                <ViolationForm c={c} catalogue={catalogue.data} onDone={() => setAdding(false)} />
              </Card>
            ) : null}
          </Card>
          {writer && c.canAct && ['opened', 'investigating', 'notified', 'defence', 'hearing', 'legal_review'].includes(c.status) ? (
            <Card size="small" title="调查取证与强制措施" className="case-section">
              <CaseSiteDocuments c={c} leader={me?.role === 'leader'} />
            </Card>
          ) : null}
          {staff && c.sourceInspectionId ? (
            <Card size="small" title="证据（来源检查）" className="case-section" data-testid="case-evidence" extra={<Link to={`/inspections/${c.sourceInspectionId}`}>查看检查记录</Link>}>
              {inspection.data ? (
                (() => {
                  const f = inspection.data.findings.find((x) => x.id === c.sourceFindingId);
                  const own = f ? inspection.data.evidence.filter((e) => e.findingClientId === f.clientId) : [];
                  return (
                    <>
                      {f ? (
                        <div style={{ marginBottom: 8 }}>
                          <Typography.Text type="secondary">检查发现：</Typography.Text>
                          {f.major ? <Tag color="red">重大事故隐患</Tag> : null}
                          {f.description}
                          <div className="muted">
                            {inspection.data.plannedDate} · {inspection.data.officers.map((o) => o.name).join('、')}
                          </div>
                        </div>
                      ) : null}
                      <EvidenceThumbs items={own.length ? own : inspection.data.evidence} empty="检查中未上传照片等证据" />
                    </>
                  );
                })()
              ) : (
                <Skeleton active paragraph={{ rows: 1 }} title={false} />
              )}
            </Card>
          ) : null}
          {c.combined ? (
            <Card size="small" title="分别裁量、合并处罚" className="case-section" data-testid="combined">
              <ResponsiveTable
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={false}
                dataSource={c.combined.lines}
                scroll={{ x: 520 }}
                columns={[
                  { title: '序号', key: 'no', width: 56, render: (_: unknown, __: unknown, i: number) => i + 1 },
                  { title: '依据', dataIndex: 'basis', key: 'basis' },
                  { title: '当事人', dataIndex: 'partyName', key: 'partyName', width: 150 },
                  { title: '档次', dataIndex: 'tier', key: 'tier', width: 70, render: (t: keyof typeof discretionTierLabels | null) => (t ? discretionTierLabels[t] : '—') },
                  { title: '罚款', dataIndex: 'amount', key: 'amount', width: 100, align: 'right' as const, render: (a: number) => yuan(a) },
                ]}
              />
              <div style={{ marginTop: 8 }}>
                合计罚款 <Typography.Text strong data-testid="combined-total">{yuan(c.combined.total)}</Typography.Text>
                {c.combined.sanctions.length ? <span className="muted">；并处：{[...new Set(c.combined.sanctions.map((s) => sanctionKindLabels[s.kind]))].join('、')}</span> : null}
              </div>
              <div className="case-reasoning muted" style={{ marginTop: 4 }}>{c.combined.reasoning}</div>
              {c.combined.problems.length ? <Alert type="error" showIcon style={{ marginTop: 8 }} title={c.combined.problems.join('；')} /> : null}
            </Card>
          ) : null}
          {decision ? (
            <Card size="small" title="处罚决定" className="case-section" data-testid="decision">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'kind', label: '决定', children: penaltyDecisionKindLabels[decision.kind] },
                  { key: 'fine', label: '罚款', children: yuan(decision.fine) },
                  ...(decision.sanctions.length ? [{ key: 's', label: '其他处罚', children: decision.sanctions.map((s) => sanctionKindLabels[s]).join('、') }] : []),
                  { key: 'by', label: '决定人', children: `${decision.decidedBy ?? '—'}，${decision.decidedOn ?? c.dates.decidedOn ?? ''}` },
                  ...(c.publication
                    ? [
                        {
                          key: 'pub',
                          label: '公示',
                          children: c.publication.withdrawnOn ? (
                            <span data-testid="publication-state">
                              已于 {c.publication.publishedOn} 公示，因决定{c.publication.withdrawalGround ? publicationWithdrawalGroundLabels[c.publication.withdrawalGround] : '变更'}于 {c.publication.withdrawnOn} 撤回
                              {c.publication.withdrawalLate ? <Tag color="red" style={{ marginLeft: 6 }}>逾期撤回</Tag> : null}
                            </span>
                          ) : c.publication.publishedAt ? (
                            <span data-testid="publication-state">
                              已于 {c.publication.publishedOn} 在门户网站公示{c.publication.late ? <Tag color="red" style={{ marginLeft: 6 }}>逾期公示</Tag> : null}
                            </span>
                          ) : (
                            <span data-testid="publication-state">待公示，应于 {c.publication.dueOn} 前公示</span>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title="期限" className="case-section" data-testid="case-deadlines">
            {c.deadlines.length ? (
              <ul className="case-deadline-list">
                {c.deadlines.map((d) => (
                  <li key={d.id} data-deadline={d.id}>
                    <span>
                      {d.label} <span className="muted mono">{d.due}</span>
                    </span>
                    <CountdownChip c={d} done={d.done} label={d.label} working={workingDayPeriod(d.id)} />
                    <div className="muted" style={{ flexBasis: '100%', fontSize: 12 }}>{d.basis}</div>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">立案后起算办案期限</span>
            )}
          </Card>
          <Card size="small" title="办案过程" className="case-section" data-testid="case-timeline">
            <Timeline
              items={events.map((e) => ({
                key: e.id,
                color: e.action === 'reject_review' || e.action === 'cancel' ? 'red' : e.action === 'approve_review' || e.action === 'close' ? 'green' : e.action === 'record_intervention' ? 'orange' : 'blue',
                content: (
                  <div data-testid="case-event" data-action={e.action}>
                    <div className="case-tl-time">{fmtDateTime(e.at)}</div>
                    <div className="case-tl-title">
                      {eventTitle(e)}
                      {e.toStatus && e.fromStatus !== e.toStatus ? <span className="muted">（→{labelOf(penaltyCaseStatusLabels, e.toStatus)}）</span> : null}
                    </div>
                    <div className="muted">
                      {e.actorName}
                      {e.actorRole ? `（${labelOf(roleLabels, e.actorRole)}）` : ''}
                    </div>
                    {e.reason ? <div className="case-tl-reason">{isPenaltyPartyAction(e.action) ? '内容' : '理由'}：{e.reason}</div> : null}
                    {e.action === 'escalate' && e.detail ? (
                      <div className="muted">
                        承办机关：{(e.detail as { fromAgencyName?: string }).fromAgencyName} → {(e.detail as { toAgencyName?: string }).toAgencyName}
                      </div>
                    ) : null}
                    {Array.isArray((e.detail as { documents?: string[] } | null)?.documents) ? <div className="muted">文书：{(e.detail as { documents: string[] }).documents.join('、')}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
          <Card
            size="small"
            title="执法文书"
            className="case-section"
            data-testid="case-documents"
            extra={
              staff ? (
                <a href={penaltiesApi.caseFileUrl(c.id)} target="_blank" rel="noopener" data-testid="case-file">
                  <Button size="small" icon={<FilePdfOutlined />}>下载卷宗</Button>
                </a>
              ) : null
            }
          >
            {(completeness.data?.missing.length ?? 0) > 0 && completeness.data && c.status !== 'closed' && c.status !== 'cancelled' ? (
              <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="case-missing" title={`结案前须补齐：${completeness.data.missing.map((d) => `《${d.label}》`).join('、')}`} />
            ) : null}
            {c.documents.length ? (
              <ul className="case-docs">
                {c.documents.map((d) => (
                  <li key={d.id} data-testid="case-document" data-kind={d.kind}>
                    <a href={penaltiesApi.documentPdfUrl(d.id)} target="_blank" rel="noopener">
                      <FilePdfOutlined /> {d.title}
                    </a>
                    <div className="muted">
                      <span className="mono">{d.number}</span> · {fmtDateTime(d.issuedAt)}
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="立案、告知、决定、移送时出具文书" />
            )}
          </Card>
          {staff ? (
            <Card size="small" title={`法制审核（${reviews.length}）`} className="case-section" data-testid="case-reviews">
              {reviews.length ? (
                <Timeline
                  items={reviews.map((r) => ({
                    key: r.id,
                    color: r.result === 'approved' ? 'green' : r.result === 'returned' ? 'red' : 'gray',
                    content: (
                      <div>
                        <div className="case-tl-time">提交于 {fmtDateTime(r.submittedAt)}</div>
                        <div className="case-tl-title">{r.result === 'approved' ? '审核通过' : r.result === 'returned' ? '退回补充调查' : '待审核'}</div>
                        {r.reviewerName ? <div className="muted">{r.reviewerName}，{fmtDateTime(r.decidedAt)}</div> : null}
                        {r.comments ? <div className="case-tl-reason">审核意见：{r.comments}</div> : null}
                      </div>
                    ),
                  }))}
                />
              ) : (
                <span className="muted">尚未提交法制审核</span>
              )}
            </Card>
          ) : null}
          {staff && c.collectiveDiscussion ? (
            <Card size="small" title="负责人集体讨论" className="case-section" data-testid="case-discussion">
              <div className="muted">
                {fmtDate(c.collectiveDiscussion.heldOn)}，{c.collectiveDiscussion.recordedBy}登记
              </div>
              <div>参加人员：{c.collectiveDiscussion.participants.map((x, i) => `${x.name}（${x.position}${i === 0 ? '，主持' : ''}）`).join('、')}</div>
              {c.collectiveDiscussion.opinions?.length ? <div>讨论意见：{c.collectiveDiscussion.opinions.map((o) => `${o.name}：${o.opinion}`).join('；')}</div> : null}
              <div className="case-tl-reason">结论：{c.collectiveDiscussion.conclusion}</div>
            </Card>
          ) : null}
          {staff && c.service ? (
            <Card size="small" title="送达情况" className="case-section" data-testid="case-service">
              <div>
                {fmtDate(c.service.servedOn ?? c.dates.servedOn)}，{serviceMethodLabels[c.service.method]}，受送达人：{c.service.recipient}
                {c.service.signer ? `（${c.service.signer.name}代收，${c.service.signer.relation}）` : ''}
              </div>
              <div className="muted">
                地点：{c.service.place}
                {c.service.witness ? `；见证人：${c.service.witness.name}` : ''}
                {c.service.electronicConsentOn ? `；电子送达确认书签订于${fmtDate(c.service.electronicConsentOn)}` : ''}
              </div>
            </Card>
          ) : null}
          {staff ? (
            <Card
              size="small"
              title={`领导干部干预记录（${c.interventions.length}）`}
              className="case-section"
              data-testid="case-interventions"
              extra={
                me.role !== 'oversight' && !intervening ? (
                  <Button size="small" onClick={() => setIntervening(true)} data-testid="add-intervention">
                    登记
                  </Button>
                ) : null
              }
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                领导干部干预、插手案件办理的，办案人员应当全面、如实记录，执法监督可查。
              </Typography.Paragraph>
              {c.interventions.map((i) => (
                <div key={i.id} className="credit-fact">
                  <div>
                    <Typography.Text strong>{i.intervenerName}</Typography.Text>（{i.intervenerPosition}）· {i.method} · {i.occurredOn}
                  </div>
                  <div className="case-tl-reason">{i.content}</div>
                  <div className="muted">登记人 {i.recordedByName}，{fmtDateTime(i.recordedAt)}</div>
                </div>
              ))}
              {intervening ? <InterventionForm c={c} onDone={() => setIntervening(false)} /> : null}
            </Card>
          ) : null}
        </Col>
      </Row>
    </div>
  );
}

export type { CaseDetail };
