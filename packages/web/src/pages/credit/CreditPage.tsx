// 信用记录 (R32, R29): an enterprise's credit status and why, its facts from penalty decisions (violation database),
// its cases, blacklist listings, credit repair applications (answered within 3 working days) and objections.
// The enterprise applies for repair and raises objections here; staff answer objections and repair applications, see
// the 《安全生产法》第一百一十二条/第一百一十三条 alerts, and leaders list the enterprise as a serious-dishonesty subject
// (or remove it early).
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, Modal, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { errorMessage, isApiError } from '../../api';
import { creditFactKindLabels, creditSeverityLabels, penaltiesApi, type BlacklistListing, type CreditFact, type CreditObjection, type CreditRepair } from '../../api/penalty';
import { can, useMe } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useWorkingCalendar } from '../../app/workingDays';
import { CaseStatusTag, caseTitle, yuan } from '../penalty/shared';
import { AnswerDue, AnswerObjectionModal, CreditStatusTag, DecideRepairModal } from './parts';
import { AddToBlacklistModal, RemoveFromBlacklistModal } from './BlacklistModals';
import { EnforcementAlerts } from './EnforcementAlerts';
import '../penalty/cases.css';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { creditKeys, penaltyCaseKeys } from '../../api/keys';

const conditionLabels = {
  obligationsPerformed: '已履行行政处罚决定（罚款已缴纳）',
  violationCorrected: '违法行为已纠正、隐患已整改',
  commitmentSigned: '已签署信用承诺书',
  noNewSeriousConduct: '申请前未再发生严重失信行为',
} as const;
type Conditions = Record<keyof typeof conditionLabels, boolean>;

function RepairModal({ fact, onClose }: { fact: CreditFact; onClose: () => void }) {
  const qc = useQueryClient();
  const [cond, setCond] = useState<Conditions>({ obligationsPerformed: false, violationCorrected: false, commitmentSigned: false, noNewSeriousConduct: false });
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => penaltiesApi.applyRepair({ creditFactId: fact.id, statement: statement.trim(), ...cond }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: creditKeys.all });
      showSuccess(`已提交信用修复申请，执法机构应于 ${r.answerDue} 前答复`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal open title="申请信用修复" onCancel={onClose} okText="提交申请" cancelText="取消" onOk={() => run.mutate()} okButtonProps={{ loading: run.isPending, disabled: statement.trim().length < 4 }} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={fact.summary} description={fact.repairableFrom ? `最短公示期满后（${fact.repairableFrom}起）可申请修复；执法机构收到申请后3个工作日内答复。` : '执法机构收到申请后3个工作日内答复。'} />
      <Form layout="vertical">
        <Form.Item label="修复条件（请如实勾选）">
          <Space direction="vertical">
            {(Object.keys(conditionLabels) as (keyof typeof conditionLabels)[]).map((k) => (
              <Checkbox key={k} checked={cond[k]} onChange={(e) => setCond((c) => ({ ...c, [k]: e.target.checked }))} data-testid={`repair-${k}`}>
                {conditionLabels[k]}
              </Checkbox>
            ))}
          </Space>
        </Form.Item>
        <Form.Item label="修复申请说明" required help="不少于4个字">
          <Input.TextArea rows={3} maxLength={2000} value={statement} onChange={(e) => setStatement(e.target.value)} aria-label="修复申请说明" data-testid="repair-statement" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
    </Modal>
  );
}

function ObjectionModal({ fact, onClose }: { fact: CreditFact | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => penaltiesApi.objection({ creditFactId: fact?.id ?? null, reason: reason.trim(), evidence: evidence.split('\n').map((s) => s.trim()).filter(Boolean) }),
    onSuccess: (o) => {
      void qc.invalidateQueries({ queryKey: creditKeys.all });
      showSuccess(`已提出异议，执法机构应于 ${o.answerDue} 前答复`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal open title="对信用信息提出异议" onCancel={onClose} okText="提交异议" cancelText="取消" onOk={() => run.mutate()} okButtonProps={{ loading: run.isPending, disabled: !reason.trim() }} destroyOnHidden>
      {fact ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={fact.summary} /> : null}
      <Form layout="vertical">
        <Form.Item label="异议的事实和理由" required>
          <Input.TextArea rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="异议理由" />
        </Form.Item>
        <Form.Item label="证据材料（每行一项）" help="如：事故调查报告第12页、缴款凭证编号">
          <Input.TextArea rows={3} value={evidence} onChange={(e) => setEvidence(e.target.value)} aria-label="证据材料" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
    </Modal>
  );
}

export default function CreditPage() {
  const { id } = useParams();
  const { data: me } = useMe();
  const enterpriseUser = me?.role === 'enterprise';
  const enterpriseId = enterpriseUser ? me?.enterpriseId : Number(id);
  const canDecide = can.decideCredit(me);
  const { data, isLoading, error } = useQuery({ queryKey: creditKeys.enterprise(enterpriseId), queryFn: () => penaltiesApi.credit(enterpriseId!), enabled: !!enterpriseId, retry: false, meta: { silent: true } });
  const cases = useQuery({ queryKey: penaltyCaseKeys.list({ enterpriseId: enterpriseId ?? undefined, pageSize: 50 }), queryFn: () => penaltiesApi.list({ enterpriseId: enterpriseId!, pageSize: 50 }), enabled: !!enterpriseId });
  const calendar = useWorkingCalendar(useMemo(() => [...(data?.repairs ?? []).map((r) => r.answerDue), ...(data?.objections ?? []).map((o) => o.answerDue)], [data]));
  const [repairFor, setRepairFor] = useState<CreditFact | null>(null);
  const [objectFor, setObjectFor] = useState<CreditFact | null | undefined>(undefined);
  const [deciding, setDeciding] = useState<CreditRepair | null>(null);
  const [answering, setAnswering] = useState<CreditObjection | null>(null);
  const [listing, setListing] = useState(false);
  const [removing, setRemoving] = useState<(BlacklistListing & { earlyRemovalFrom: string; canApplyEarly: boolean }) | null>(null);

  if (!enterpriseId) return <Result status="404" title="未关联企业" subTitle="您的账户未关联企业，请联系系统管理员。" />;
  if (isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error || !data) {
    const nf = isApiError(error) && (error.status === 404 || error.status === 403);
    return <Result status={nf ? '404' : 'error'} title={nf ? '企业不存在，或不在您的管辖范围内' : '加载失败'} subTitle={error instanceof Error ? error.message : ''} />;
  }
  const pendingRepair = (f: CreditFact) => data.repairs.some((r) => r.creditFactId === f.id && r.status === 'pending');
  const factById = new Map(data.facts.map((f) => [f.id, f]));
  const listed = data.listings.some((l) => l.active);

  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{enterpriseUser ? '本企业信用' : '企业信用记录'}</span>
            <CreditStatusTag value={data.status} />
          </Space>
        }
        sub={`${data.enterprise.name} · ${data.enterprise.creditCode}`}
        extra={
          enterpriseUser ? (
            <Button onClick={() => setObjectFor(null)} data-testid="objection-general">
              提出异议
            </Button>
          ) : (
            <Space wrap>
              {canDecide && !listed ? (
                <Button danger onClick={() => setListing(true)} data-testid="credit-blacklist-add">
                  列入名单
                </Button>
              ) : null}
              <Link to="/credit/blacklist">
                <Button>严重失信主体名单</Button>
              </Link>
              <Link to={`/enterprises/${data.enterprise.id}`}>
                <Button>企业信息</Button>
              </Link>
            </Space>
          )
        }
      />
      <Card size="small" className="case-section">
        <Row gutter={[16, 8]}>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">信用状态依据：</Typography.Text>
            {data.reasons.length ? (
              <ul className="case-factors">
                {data.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : (
              <div>无失信记录</div>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">监管措施：</Typography.Text>
            <ul className="case-factors">
              {data.planning.measures.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Col>
        </Row>
      </Card>
      {!enterpriseUser ? <EnforcementAlerts enterpriseId={data.enterprise.id} /> : null}
      <Row gutter={[16, 0]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={`信用信息（${data.facts.length}）`} className="case-section" data-testid="credit-facts">
            {data.facts.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无行政处罚等信用信息" /> : null}
            {data.facts.map((f) => (
              <div key={f.id} className="credit-fact" data-testid="credit-fact" data-id={f.id}>
                <div className="credit-fact-head">
                  <Space wrap size={4}>
                    <Tag>{creditFactKindLabels[f.kind] ?? f.kind}</Tag>
                    <Tag color={f.severity === 'serious' ? 'red' : 'orange'}>{creditSeverityLabels[f.severity] ?? f.severity}</Tag>
                    {f.annulledOn ? (
                      <Tag color="default" data-testid="credit-fact-annulled">
                        决定已于 {f.annulledOn} 撤销或确认无效，不再影响信用
                      </Tag>
                    ) : f.repairedOn ? <Tag color="green">已于 {f.repairedOn} 修复</Tag> : f.published ? <Tag color="blue">公示中{f.publishedUntil ? `，至 ${f.publishedUntil}` : ''}</Tag> : <Tag>不公示</Tag>}
                  </Space>
                  <span className="muted mono">{f.occurredOn}</span>
                </div>
                <div style={{ margin: '4px 0' }}>{f.summary}</div>
                <div className="muted">
                  {f.documentNumber ? `决定书 ${f.documentNumber}` : ''}
                  {f.caseId ? (
                    <>
                      {' '}
                      <Link to={`/cases/${f.caseId}`}>查看案件</Link>
                    </>
                  ) : null}
                  {f.repairableFrom && !f.repairedOn && !f.annulledOn ? ` · ${f.repairableFrom} 起可申请信用修复` : ''}
                  {f.annulledReason ? <div>{f.annulledReason}</div> : null}
                </div>
                {enterpriseUser ? (
                  <Space style={{ marginTop: 6 }} wrap>
                    {f.published && !f.repairedOn ? (
                      <Button size="small" type="primary" disabled={pendingRepair(f)} onClick={() => setRepairFor(f)} data-testid="apply-repair">
                        {pendingRepair(f) ? '修复申请待答复' : '申请信用修复'}
                      </Button>
                    ) : null}
                    <Button size="small" onClick={() => setObjectFor(f)}>
                      提出异议
                    </Button>
                  </Space>
                ) : null}
              </div>
            ))}
          </Card>
          <Card size="small" title="行政处罚案件" className="case-section">
            <ResponsiveTable
              size="small"
              rowKey="id"
              loading={cases.isLoading}
              dataSource={cases.data?.items ?? []}
              pagination={false}
              scroll={{ x: 560 }}
              locale={{ emptyText: '暂无案件' }}
              columns={[
                { title: '案件编号', key: 'no', width: 200, render: (_: unknown, r) => <Link to={`/cases/${r.id}`} className="mono">{caseTitle(r, enterpriseUser)}</Link> },
                { title: '状态', dataIndex: 'status', key: 'status', width: 96, render: (v: string) => <CaseStatusTag value={v} /> },
                { title: '决定日期', dataIndex: 'decidedOn', key: 'decidedOn', width: 110, render: (v: string | null) => v ?? '—' },
                { title: '罚款', dataIndex: 'fine', key: 'fine', width: 100, render: (v: number | null) => yuan(v) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`信用修复申请（${data.repairs.length}）`} className="case-section" data-testid="credit-repairs">
            {data.repairs.length === 0 ? <span className="muted">暂无修复申请</span> : null}
            {data.repairs.map((r) => (
              <div key={r.id} className="credit-fact" data-testid="repair-item" data-id={r.id} data-status={r.status}>
                <div className="credit-fact-head">
                  <span>
                    {r.appliedOn} 申请 · {r.status === 'pending' ? <Tag color="processing">待答复</Tag> : r.status === 'approved' ? <Tag color="green">同意修复</Tag> : <Tag color="red">不予修复</Tag>}
                  </span>
                  <AnswerDue item={r} calendar={calendar} />
                </div>
                <div className="muted">{factById.get(r.creditFactId)?.summary}</div>
                {r.application.statement ? <div>说明：{r.application.statement}</div> : null}
                {r.opinion ? <div>答复意见：{r.opinion}</div> : null}
                {r.status === 'pending' && r.eligibilityProblems.length ? <div className="case-deviation">{r.eligibilityProblems.join('；')}</div> : null}
                {canDecide && r.status === 'pending' ? (
                  <Button size="small" type="primary" style={{ marginTop: 6 }} onClick={() => setDeciding(r)}>
                    答复
                  </Button>
                ) : null}
              </div>
            ))}
          </Card>
          <Card size="small" title={`异议（${data.objections.length}）`} className="case-section" data-testid="credit-objections">
            {data.objections.length === 0 ? <span className="muted">暂无异议</span> : null}
            {data.objections.map((o) => (
              <div key={o.id} className="credit-fact" data-testid="objection-item">
                <div className="credit-fact-head">
                  <span>
                    {o.receivedOn} 提出 · {o.status === 'pending' ? <Tag color="processing">待答复</Tag> : o.status === 'upheld' ? <Tag color="green">异议成立</Tag> : <Tag>异议不成立</Tag>}
                  </span>
                  <AnswerDue item={o} calendar={calendar} />
                </div>
                <div>{o.reason}</div>
                {o.answer ? <div className="muted">答复：{o.answer}</div> : null}
                {canDecide && o.status === 'pending' ? (
                  <Button size="small" style={{ marginTop: 6 }} onClick={() => setAnswering(o)}>
                    答复
                  </Button>
                ) : null}
              </div>
            ))}
          </Card>
          {data.listings.length || !enterpriseUser ? (
            <Card size="small" title="严重失信主体名单" className="case-section" data-testid="credit-listings" extra={enterpriseUser ? null : <Link to="/credit/blacklist">名单管理</Link>}>
              {!data.listings.length ? <span className="muted">未列入严重失信主体名单</span> : null}
              {data.listings.map((l) => {
                const st = l as BlacklistListing & { earlyRemovalFrom: string; canApplyEarly: boolean; removalReason?: string | null };
                return (
                  <div key={l.id} className="credit-fact" data-testid="credit-listing" data-active={l.active ? '1' : '0'}>
                    <div className="credit-fact-head">
                      <span>
                        {l.listedOn} 列入，管理期至 {l.expiresOn}
                      </span>
                      {l.removedOn ? <Tag>{l.removedOn} 已移出</Tag> : l.active ? <Tag color="red" variant="solid">管理期内</Tag> : <Tag>管理期满</Tag>}
                    </div>
                    <div className="muted">{l.grounds.map((g) => g.text).join('；')}</div>
                    {!enterpriseUser ? <div className="muted">依据：{l.grounds.map((g) => g.basis).join('；')}</div> : null}
                    {l.active ? <div className="muted">{st.earlyRemovalFrom} 起可申请提前移出</div> : null}
                    {st.removalReason ? <div className="muted">移出理由：{st.removalReason}</div> : null}
                    {canDecide && l.active ? (
                      <Button size="small" style={{ marginTop: 6 }} onClick={() => setRemoving(st)} data-testid="credit-listing-remove">
                        移出名单
                      </Button>
                    ) : null}
                  </div>
                );
              })}
            </Card>
          ) : null}
        </Col>
      </Row>
      {repairFor ? <RepairModal fact={repairFor} onClose={() => setRepairFor(null)} /> : null}
      {objectFor !== undefined ? <ObjectionModal fact={objectFor} onClose={() => setObjectFor(undefined)} /> : null}
      {deciding ? <DecideRepairModal repair={deciding} onClose={() => setDeciding(null)} /> : null}
      {answering ? <AnswerObjectionModal objection={answering} onClose={() => setAnswering(null)} /> : null}
      {listing ? <AddToBlacklistModal enterprise={data.enterprise} onClose={() => setListing(false)} /> : null}
      {removing ? <RemoveFromBlacklistModal listing={{ ...removing, enterpriseName: data.enterprise.name }} onClose={() => setRemoving(null)} /> : null}
    </>
  );
}
