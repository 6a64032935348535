// R25/R26/R18: the discretion engine in the case file — the proposal of one violation (basis and article text,
// statutory range, tier, factors, reasoning), the form that assesses a violation, and the chosen amount which, outside
// the proposed tier, asks for the written reason.
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import {
  aggravatingFactorLabels,
  aggravatingFactors,
  discretionItemClauses,
  discretionItemTitle,
  discretionTierLabels,
  discretionTiers,
  faultLevelLabels,
  faultLevels,
  formatYuanRange,
  harmLevelLabels,
  harmLevels,
  mitigatingFactorLabels,
  mitigatingFactors,
  sanctionText,
  type DiscretionItem,
} from '@anjian/domain/penalty';
import { errorMessage } from '../../api';
import { penaltiesApi, type CaseDetail, type DiscretionCatalogue, type DiscretionProposal, type StoredViolation, type ViolationFacts } from '../../api/penalty';
import { showSuccess } from '../../app/feedback';
import { yuan } from './parts';
import { penaltyCaseKeys, penaltyKeys } from '../../api/keys';

const outcomeLabels: Record<string, string> = {
  penalty: '给予行政处罚',
  no_penalty: '不予行政处罚',
  no_penalty_optional: '可以不予行政处罚',
  order_only: '法律仅规定责令改正等措施',
  other_law: '依照其他法律处罚',
  daily_penalty: '按日连续处罚',
  incomplete: '信息不完整',
};

export function useCatalogue() {
  return useQuery({ queryKey: penaltyKeys.catalogue, queryFn: penaltiesApi.catalogue, staleTime: 30 * 60_000 });
}

const outside = (p: DiscretionProposal, amount: number | null | undefined) => amount != null && !!p.amountRange && (amount < p.amountRange.min || amount > p.amountRange.max);

/** The engine's proposal, as the officer, the legal reviewer and the leader read it. */
export function ProposalView({ p, item, compact }: { p: DiscretionProposal; item?: DiscretionItem; compact?: boolean }) {
  return (
    <div className="case-proposal" data-testid="discretion-proposal">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'basis', label: '处罚依据', span: 'filled', children: <span data-testid="proposal-basis">{p.basis}</span> },
          { key: 'violation', label: '违法行为', span: 'filled', children: p.violation },
          { key: 'outcome', label: '裁量结论', children: <Tag color={p.outcome === 'penalty' ? 'red' : p.outcome.startsWith('no_penalty') ? 'green' : 'default'}>{outcomeLabels[p.outcome] ?? p.outcome}</Tag> },
          {
            key: 'tier',
            label: '裁量档次',
            children: p.tier ? (
              <Space size={4} wrap>
                <Tag color="orange" data-testid="proposal-tier">{discretionTierLabels[p.tier]}</Tag>
                {p.aggravated ? <Tag color="red">从重</Tag> : null}
                {p.mitigation === 'lighter' ? <Tag color="green">从轻</Tag> : p.mitigation === 'reduced' ? <Tag color="green">减轻</Tag> : null}
              </Space>
            ) : (
              '—'
            ),
          },
          { key: 'range', label: '法定幅度', children: p.statutoryRange ? formatYuanRange(p.statutoryRange.min, p.statutoryRange.max) : '—' },
          { key: 'tierRange', label: '本档幅度', children: <span data-testid="proposal-range">{p.amountRange ? formatYuanRange(p.amountRange.min, p.amountRange.max) : '—'}</span> },
          { key: 'suggest', label: '建议罚款', children: <Typography.Text strong data-testid="proposal-suggested">{yuan(p.suggestedAmount)}</Typography.Text> },
          ...(p.sanctions.length ? [{ key: 'sanctions', label: '其他处罚', span: 'filled' as const, children: p.sanctions.map(sanctionText).join('；') }] : []),
          ...(p.noPenaltyBasis ? [{ key: 'np', label: '不予处罚依据', span: 'filled' as const, children: p.noPenaltyBasis }] : []),
        ]}
      />
      {item && !compact ? <div className="case-article" data-testid="article-text">{item.articleText}</div> : null}
      {p.factors.length ? (
        <div>
          <Typography.Text type="secondary">考虑的情节：</Typography.Text>
          <ul className="case-factors">
            {p.factors.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="case-reasoning">
        <Typography.Text type="secondary">裁量理由：</Typography.Text>
        {p.reasoning}
      </div>
      {p.criminalReserved ? <Alert type="warning" showIcon style={{ marginTop: 8 }} title="该条款规定构成犯罪的依法追究刑事责任：如涉嫌犯罪，应移送司法机关" /> : null}
      {p.problems.length ? <Alert type="warning" showIcon style={{ marginTop: 8 }} title={p.problems.join('；')} /> : null}
    </div>
  );
}

/** A stored violation of the case, with the chosen amount and (when outside the tier) the written reason. */
export function ViolationView({ v, no, c, item, canEdit }: { v: StoredViolation; no: number; c: CaseDetail; item?: DiscretionItem; canEdit: boolean }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const apply = (d: CaseDetail) => {
    qc.setQueryData(['penalty-case', String(c.id)], d);
    void qc.invalidateQueries({ queryKey: penaltyCaseKeys.all });
  };
  const remove = useMutation({ mutationFn: () => penaltiesApi.removeViolation(c.id, no), onSuccess: apply, onError: (e) => setError(errorMessage(e)), meta: { silent: true } });
  return (
    <div className="case-violation" data-testid="violation" data-no={no}>
      <div className="case-violation-head">
        <Typography.Text strong>
          第{no}项 · {v.proposal.articleLabel} · {v.proposal.partyName}
        </Typography.Text>
        <Space size={4} wrap>
          <span>
            决定罚款 <Typography.Text strong data-testid="violation-amount">{yuan(v.amount ?? v.proposal.suggestedAmount)}</Typography.Text>
          </span>
          {v.deviates ? <Tag color="orange">超出建议档次</Tag> : null}
          {canEdit ? (
            <>
              <Button size="small" onClick={() => setEditing((x) => !x)}>
                {editing ? '收起' : '调整金额'}
              </Button>
              <Button size="small" danger loading={remove.isPending} onClick={() => remove.mutate()}>
                删除
              </Button>
            </>
          ) : null}
        </Space>
      </div>
      <div className="muted" style={{ marginBottom: 6 }}>
        情节{discretionTierLabels[v.facts.circumstance]} · {harmLevelLabels[v.facts.harm]} · {faultLevelLabels[v.facts.fault]}
        {v.facts.firstViolation ? ' · 初次违法' : ''}
        {v.facts.correctedInTime ? ' · 及时改正' : ''}
        {v.facts.majorHazard ? ' · 重大事故隐患' : ''}
      </div>
      <ProposalView p={v.proposal} item={item} />
      {v.reason ? (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={<span className="case-deviation">偏离建议档次的书面理由：{v.reason}</span>} data-testid="deviation-reason" />
      ) : null}
      {editing ? <AmountForm c={c} no={no} v={v} onDone={() => setEditing(false)} /> : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}

function AmountForm({ c, no, v, onDone }: { c: CaseDetail; no: number; v: StoredViolation; onDone: () => void }) {
  const qc = useQueryClient();
  const [amount, setAmount] = useState<number | null>(v.amount ?? v.proposal.suggestedAmount);
  const [reason, setReason] = useState(v.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const needReason = outside(v.proposal, amount);
  const save = useMutation({
    mutationFn: () => penaltiesApi.updateViolation(c.id, no, { amount, reason: needReason ? reason.trim() : null }),
    onSuccess: (d) => {
      qc.setQueryData(['penalty-case', String(c.id)], d);
      showSuccess('已调整罚款金额');
      onDone();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <div style={{ marginTop: 8 }}>
      <AmountFields p={v.proposal} amount={amount} setAmount={setAmount} reason={reason} setReason={setReason} />
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} /> : null}
      <Button type="primary" loading={save.isPending} disabled={needReason && reason.trim().length < 4} onClick={() => save.mutate()}>
        保存金额
      </Button>
    </div>
  );
}

function AmountFields({ p, amount, setAmount, reason, setReason }: { p: DiscretionProposal; amount: number | null; setAmount: (n: number | null) => void; reason: string; setReason: (s: string) => void }) {
  const needReason = outside(p, amount);
  return (
    <>
      <Form.Item label="决定罚款金额（元）" extra={p.amountRange ? `建议档次：${formatYuanRange(p.amountRange.min, p.amountRange.max)}；超出须书面说明理由` : undefined}>
        <InputNumber min={0} step={100} precision={0} style={{ width: 220, maxWidth: '100%' }} value={amount} onChange={(n) => setAmount(n)} aria-label="决定罚款金额" data-testid="amount-input" />
      </Form.Item>
      {needReason ? (
        <Form.Item label="偏离建议档次的书面理由" required validateStatus={reason.trim().length < 4 ? 'warning' : undefined} help="金额不在建议档次内，须写明理由（不少于4个字），法制审核和执法监督可见">
          <Input.TextArea rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="偏离理由" data-testid="deviation-input" />
        </Form.Item>
      ) : null}
    </>
  );
}

interface FactsValues {
  itemCode: string;
  clause?: number | null;
  circumstance: ViolationFacts['circumstance'];
  harm: ViolationFacts['harm'];
  fault: ViolationFacts['fault'];
  flags: ('firstViolation' | 'correctedInTime' | 'repeatWithinYear' | 'reduce')[];
  mitigating: ViolationFacts['mitigating'];
  aggravating: ViolationFacts['aggravating'];
  illegalGain?: number | null;
  annualIncome?: number | null;
}

/** R25: assess one more violation — the facts, the engine's proposal, the chosen amount. */
export function ViolationForm({ c, catalogue, onDone }: { c: CaseDetail; catalogue: DiscretionCatalogue; onDone: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<FactsValues>();
  const itemCode = Form.useWatch('itemCode', form);
  const item = useMemo(() => catalogue.items.find((i) => i.code === itemCode), [catalogue, itemCode]);
  // R29: the item (项) applied, for articles that list several acts — the decision names it, not the whole article
  const clauses = useMemo(() => (item ? discretionItemClauses(item) : []), [item]);
  const [proposal, setProposal] = useState<DiscretionProposal | null>(null);
  const [amount, setAmount] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(
    () => catalogue.items.map((i) => ({ value: i.code, label: `${discretionItemTitle(i)}：${i.violation}` })),
    [catalogue],
  );
  const factsOf = (v: FactsValues): ViolationFacts => ({
    itemCode: v.itemCode,
    ...(clauses.length && v.clause ? { clause: v.clause } : {}),
    circumstance: v.circumstance,
    harm: v.harm,
    fault: v.fault,
    firstViolation: v.flags?.includes('firstViolation') ?? false,
    correctedInTime: v.flags?.includes('correctedInTime') ?? false,
    repeatWithinYear: v.flags?.includes('repeatWithinYear') ?? false,
    reduce: v.flags?.includes('reduce') ?? false,
    mitigating: v.mitigating ?? [],
    aggravating: v.aggravating ?? [],
    ...(v.illegalGain != null ? { illegalGain: v.illegalGain } : {}),
    ...(v.annualIncome != null ? { annualIncome: v.annualIncome } : {}),
    ...(c.majorHazard ? { majorHazard: true } : {}),
  });
  const propose = useMutation({
    mutationFn: (v: FactsValues) => penaltiesApi.propose(factsOf(v)),
    onSuccess: (p) => {
      setProposal(p);
      setAmount(p.suggestedAmount);
      setReason('');
      setError(null);
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const save = useMutation({
    mutationFn: () => {
      const v = form.getFieldsValue(true) as FactsValues;
      const needReason = proposal ? outside(proposal, amount) : false;
      return penaltiesApi.addViolation(c.id, { facts: factsOf(v), amount, reason: needReason ? reason.trim() : null });
    },
    onSuccess: (d) => {
      qc.setQueryData(['penalty-case', String(c.id)], d);
      void qc.invalidateQueries({ queryKey: penaltyCaseKeys.all });
      showSuccess('已记入违法行为及裁量');
      onDone();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const needsIncome = item?.fine.kind === 'percentOfAnnualIncome';
  const needsGain = item?.fine.kind === 'timesIllegalGain';
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ circumstance: 'general', harm: 'general', fault: 'negligent', flags: [], mitigating: [], aggravating: [] }}
      onValuesChange={(changed: Partial<FactsValues>) => {
        setProposal(null);
        if ('itemCode' in changed) form.setFieldValue('clause', undefined);
      }}
      onFinish={(v) => propose.mutate(v)}
      data-testid="violation-form"
    >
      <Form.Item name="itemCode" label="裁量事项（《安全生产法》条款 · 情形 · 处罚对象）" rules={[{ required: true, message: '请选择裁量事项' }]}>
        <Select showSearch optionFilterProp="label" options={options} placeholder="输入条款或违法行为搜索，如“第九十七条”或“教育和培训”" aria-label="裁量事项" data-testid="item-select" popupMatchSelectWidth={false} />
      </Form.Item>
      {item ? <div className="case-article" data-testid="article-text">{item.articleText}</div> : null}
      {clauses.length ? (
        <Form.Item name="clause" label={`适用的项（${item!.articleLabel}所列行为之一）`} rules={[{ required: true, message: '请选择适用的项：决定书写明具体的项，而不是整条' }]}>
          <Select
            options={clauses.map((k) => ({ value: k.no, label: `第${k.label}项：${k.text}` }))}
            placeholder="选择本案违法行为对应的项"
            aria-label="适用的项"
            data-testid="clause-select"
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="circumstance" label="违法情节">
            <Radio.Group optionType="button" options={discretionTiers.map((t) => ({ value: t, label: discretionTierLabels[t] }))} data-testid="circumstance" />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="harm" label="危害后果">
            <Select options={harmLevels.map((h) => ({ value: h, label: harmLevelLabels[h] }))} aria-label="危害后果" />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="fault" label="主观过错">
            <Select options={faultLevels.map((f) => ({ value: f, label: faultLevelLabels[f] }))} aria-label="主观过错" popupMatchSelectWidth={false} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="flags" label="其他情节">
        <Checkbox.Group
          options={[
            { value: 'firstViolation', label: '初次违法' },
            { value: 'correctedInTime', label: '及时改正' },
            { value: 'repeatWithinYear', label: '一年内同一违法行为受两次以上处罚' },
            { value: 'reduce', label: '申请减轻处罚' },
          ]}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="mitigating" label="从轻、减轻情节（《行政处罚法》第三十二条）">
            <Select mode="multiple" allowClear options={mitigatingFactors.map((f) => ({ value: f, label: mitigatingFactorLabels[f] }))} aria-label="从轻情节" placeholder="无" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="aggravating" label="从重情节">
            <Select mode="multiple" allowClear options={aggravatingFactors.map((f) => ({ value: f, label: aggravatingFactorLabels[f] }))} aria-label="从重情节" placeholder="无" />
          </Form.Item>
        </Col>
      </Row>
      {needsIncome ? (
        <Form.Item name="annualIncome" label="当事人上一年年收入（元）" rules={[{ required: true, message: '该条按年收入比例处罚，请填写' }]}>
          <InputNumber min={0} precision={0} style={{ width: 220 }} />
        </Form.Item>
      ) : null}
      {needsGain ? (
        <Form.Item name="illegalGain" label="违法所得（元，没有的填0）" rules={[{ required: true, message: '该条按违法所得处罚，请填写' }]}>
          <InputNumber min={0} precision={0} style={{ width: 220 }} />
        </Form.Item>
      ) : null}
      {c.majorHazard ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本案源于重大事故隐患：按从重情节裁量，不适用不予处罚" /> : null}
      <Button htmlType="submit" icon={<CalculatorOutlined />} loading={propose.isPending} data-testid="propose-button">
        测算裁量
      </Button>
      {proposal ? (
        <div style={{ marginTop: 12 }}>
          <ProposalView p={proposal} item={item} compact />
          <div style={{ marginTop: 12 }}>
            <AmountFields p={proposal} amount={amount} setAmount={setAmount} reason={reason} setReason={setReason} />
            <Button type="primary" icon={<PlusOutlined />} loading={save.isPending} onClick={() => save.mutate()} data-testid="save-violation">
              记入本案
            </Button>
          </div>
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} data-testid="violation-error" /> : null}
    </Form>
  );
}
