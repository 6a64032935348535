// Shared pieces of the planning pages (R5–R14, R20, R21): labels, tags, the parameter fields and the draw result.
import { useState } from 'react';
import { Alert, Button, Col, Form, InputNumber, Row, Select, Slider, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, errorMessage, type DrawVerify, type PlanCategory, type PlanParams, type PlanParamsInput, type PlanStatus } from '../../api';

export const planStatuses: PlanStatus[] = ['draft', 'submitted', 'approved', 'filed', 'published'];
export const planStatusLabels: Record<PlanStatus, string> = {
  draft: '草稿',
  submitted: '待审批',
  approved: '已批准',
  filed: '已备案',
  published: '已公布',
};
const planStatusColors: Record<PlanStatus, string> = {
  draft: 'default',
  submitted: 'orange',
  approved: 'blue',
  filed: 'cyan',
  published: 'green',
};

export function PlanStatusTag({ value, label }: { value: PlanStatus; label?: string }) {
  return (
    <Tag color={planStatusColors[value] ?? 'default'} data-status={value}>
      {label ?? planStatusLabels[value] ?? value}
    </Tag>
  );
}

export const categoryLabels: Record<PlanCategory, string> = {
  key: '重点检查单位',
  high_risk: '高危行业全覆盖',
  random: '双随机抽查',
  spot_check: '上级抽查',
};
export const categoryColors: Record<PlanCategory, string> = {
  key: 'red',
  high_risk: 'volcano',
  random: 'blue',
  spot_check: 'purple',
};
export const categoryOptions = (Object.keys(categoryLabels) as PlanCategory[]).map((c) => ({ value: c, label: categoryLabels[c] }));

export function CategoryTag({ value, label }: { value: PlanCategory | string | null | undefined; label?: string | null }) {
  if (!value) return null;
  const c = value as PlanCategory;
  return (
    <Tag color={categoryColors[c] ?? 'default'} data-category={value}>
      {categoryLabels[c] ?? label ?? value}
    </Tag>
  );
}

/** R7: red-coded enterprises get a special inspection within 5 working days. */
export function UrgentTag() {
  return (
    <Tag color="red" variant="solid" data-testid="urgent-tag">
      5个工作日内
    </Tag>
  );
}

export const monthLabel = (m: number) => `${m}月`;
export const monthOptions = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }));

/** The year a plan is usually compiled for: next year from October on, else this year. */
export function defaultPlanYear(now = dayjs()): number {
  return now.month() >= 9 ? now.year() + 1 : now.year();
}

export function yearOptions(center = dayjs().year(), before = 2, after = 1) {
  const out: { value: number; label: string }[] = [];
  for (let y = center + after; y >= center - before; y--) out.push({ value: y, label: `${y}年` });
  return out;
}

/** The form's view of plan parameters: ratios as percentages. */
export interface ParamsFormValues {
  generalSampleRatioPct: number;
  teamSize: number;
  inspectionsPerTeamDay: number;
  fieldDaySharePct: number;
  spotCheckCount?: number | null;
  startMonth: number;
  seed?: number | null;
}

export const defaultParamsForm: ParamsFormValues = {
  generalSampleRatioPct: 30,
  teamSize: 2,
  inspectionsPerTeamDay: 1,
  fieldDaySharePct: 50,
  spotCheckCount: 0,
  startMonth: 1,
  seed: null,
};

export function paramsToForm(p: Partial<PlanParams>): ParamsFormValues {
  return {
    generalSampleRatioPct: Math.round((p.generalSampleRatio ?? 0.3) * 100),
    teamSize: p.teamSize ?? 2,
    inspectionsPerTeamDay: p.inspectionsPerTeamDay ?? 1,
    fieldDaySharePct: Math.round((p.fieldDayShare ?? 0.5) * 100),
    spotCheckCount: p.spotCheckCount ?? 0,
    startMonth: p.startMonth ?? 1,
    seed: p.seed ?? null,
  };
}

export function formToParams(v: ParamsFormValues, allowSpotCheck: boolean): PlanParamsInput {
  const out: PlanParamsInput = {
    generalSampleRatio: Math.round(v.generalSampleRatioPct) / 100,
    teamSize: v.teamSize,
    inspectionsPerTeamDay: v.inspectionsPerTeamDay,
    fieldDayShare: Math.round(v.fieldDaySharePct) / 100,
    startMonth: v.startMonth,
    spotCheckCount: allowSpotCheck ? (v.spotCheckCount ?? 0) : 0,
  };
  if (v.seed !== null && v.seed !== undefined && String(v.seed) !== '') out.seed = Number(v.seed);
  return out;
}

/** Slider and number box bound to one value (antd Form passes value/onChange). */
function SliderNumber({
  value,
  onChange,
  min,
  max,
  suffix,
  id,
  ariaLabel,
}: {
  value?: number;
  onChange?: (v: number) => void;
  min: number;
  max: number;
  suffix: string;
  id?: string;
  ariaLabel: string;
}) {
  return (
    <div className="slider-number">
      <Slider min={min} max={max} value={value} onChange={(v) => onChange?.(v)} className="slider-number-slider" aria-label={ariaLabel} />
      <InputNumber
        id={id}
        min={min}
        max={max}
        value={value}
        onChange={(v) => (v === null ? undefined : onChange?.(Number(v)))}
        suffix={suffix}
        className="slider-number-input"
        aria-label={ariaLabel}
      />
    </div>
  );
}

/** The plan parameters (R8 ratio ≥ 30 %, R16 team ≥ 2, R20 spot checks for higher levels). */
export function PlanParamsFields({ allowSpotCheck }: { allowSpotCheck: boolean }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          label="一般企业抽查比例"
          name="generalSampleRatioPct"
          extra="一般企业按不低于30%的比例双随机抽查"
          rules={[
            { required: true, message: '请设置抽查比例' },
            { type: 'number', min: 30, max: 100, message: '抽查比例须在30%至100%之间' },
          ]}
        >
          <SliderNumber min={30} max={100} suffix="%" ariaLabel="一般企业抽查比例" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="外勤天数占比"
          name="fieldDaySharePct"
          extra="工作日中用于现场检查的比例，其余用于文书、案件和培训"
          rules={[
            { required: true, message: '请设置外勤天数占比' },
            { type: 'number', min: 5, max: 100, message: '须在5%至100%之间' },
          ]}
        >
          <SliderNumber min={5} max={100} suffix="%" ariaLabel="外勤天数占比" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          label="每组人数"
          name="teamSize"
          extra="不少于2人"
          rules={[
            { required: true, message: '请填写每组人数' },
            { type: 'number', min: 2, max: 10, message: '每组执法人员须为2至10人' },
          ]}
        >
          <InputNumber min={2} max={10} precision={0} suffix="人" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          label="每组每日检查家数"
          name="inspectionsPerTeamDay"
          rules={[
            { required: true, message: '请填写' },
            { type: 'number', min: 0.1, max: 10, message: '须在0.1至10之间' },
          ]}
        >
          <InputNumber min={0.1} max={10} step={0.5} suffix="家" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="起始月份" name="startMonth" rules={[{ required: true, message: '请选择起始月份' }]}>
          <Select options={monthOptions} />
        </Form.Item>
      </Col>
      {allowSpotCheck ? (
        <Col xs={12} md={6}>
          <Form.Item
            label="上级抽查家数"
            name="spotCheckCount"
            extra="抽查下级监管企业，与属地联合检查"
            rules={[{ type: 'number', min: 0, max: 100000, message: '须为0或正整数' }]}
          >
            <InputNumber min={0} max={100000} precision={0} suffix="家" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      ) : null}
      <Col xs={24} md={12}>
        <Form.Item
          label="随机种子（可选）"
          name="seed"
          extra="留空则由系统按年度和机构生成；相同种子和相同企业数据得到相同的抽取结果"
          rules={[{ type: 'number', min: 0, max: 2147483647, message: '须为0至2147483647之间的整数' }]}
        >
          <InputNumber min={0} max={2147483647} precision={0} style={{ width: '100%' }} placeholder="自动生成" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** A long hash or number in monospace with a copy button. */
export function HashText({ value, testId, short }: { value: string | number; testId?: string; short?: boolean }) {
  const text = String(value);
  return (
    <Typography.Text
      className="mono hash-text"
      copyable={{ text, tooltips: ['复制', '已复制'] }}
      data-testid={testId}
      title={text}
    >
      {short && text.length > 20 ? `${text.slice(0, 12)}…${text.slice(-6)}` : text}
    </Typography.Text>
  );
}

/** R13: re-run a draw from its recorded seed and input and compare (no login needed). */
export function VerifyDraw({ drawId }: { drawId: number | string }) {
  const [result, setResult] = useState<DrawVerify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const verify = useMutation({
    mutationFn: () => api.verifyDraw(drawId),
    meta: { silent: true },
    onMutate: () => {
      setResult(null);
      setError(null);
    },
    onSuccess: (r) => setResult(r),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <div className="verify-draw">
      <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
        验证抽取结果
      </Button>
      {result ? (
        result.ok ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            role="status"
            data-testid="verify-ok"
            className="verify-result"
            title="验证通过：按记录的种子和输入重新抽取，结果一致"
            description={
              <span className="verify-hash">
                重新计算的输入哈希：<span className="mono">{result.recomputedHash}</span>
              </span>
            }
          />
        ) : (
          <Alert
            type="error"
            showIcon
            icon={<CloseCircleOutlined />}
            role="alert"
            data-testid="verify-failed"
            className="verify-result"
            title={`验证未通过：${result.reason ?? '重新抽取的结果与记录不一致'}`}
            description={
              <span className="verify-hash">
                记录的哈希：<span className="mono">{result.inputHash}</span>
                <br />
                重新计算：<span className="mono">{result.recomputedHash}</span>
              </span>
            }
          />
        )
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" className="verify-result" title={`无法验证：${error}`} /> : null}
    </div>
  );
}

export function ReasonList({ reasons, className }: { reasons: string[]; className?: string }) {
  if (!reasons.length) return <span className="muted">—</span>;
  return (
    <ul className={`reason-list ${className ?? ''}`} data-testid="reason-list">
      {reasons.map((r, i) => (
        <li key={i}>{r}</li>
      ))}
    </ul>
  );
}
