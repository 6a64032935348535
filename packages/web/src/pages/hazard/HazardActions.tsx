// The next step of a hazard for the one looking at it (R22–R24): the enterprise reports rectification with photos;
// the ordering agency reinspects (复查) and, for a major hazard, completes the closing record (四不放过, penalty case).
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { rootCauseLabels, type RootCause } from '@anjian/domain/inspection';
import { errorMessage } from '../../api';
import { hazardsApi, shanghaiToday, type Evidence, type HazardDetail } from '../../api/hazard';
import { fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { EvidenceUploader } from './EvidenceUploader';
import { useWorkingCalendar } from '../../app/workingDays';
import { hazardDetailKeys, hazardKeys, registryKeys } from '../../api/keys';

/** After a command the server answers with the whole hazard: put it in the cache, refresh lists and documents. */
function useHazardUpdate(id: number) {
  const qc = useQueryClient();
  return (h: HazardDetail) => {
    qc.setQueryData(['hazard', String(id)], h);
    void qc.invalidateQueries({ queryKey: hazardKeys.all });
    void qc.invalidateQueries({ queryKey: hazardDetailKeys.documentsAll });
  };
}

// ---------------- enterprise: 报告整改 ----------------

export function RectificationForm({ hazard, onDone }: { hazard: HazardDetail; onDone?: () => void }) {
  const [form] = Form.useForm<{ description: string }>();
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [uploaderKey, setUploaderKey] = useState(0);
  const apply = useHazardUpdate(hazard.id);
  const submit = useMutation({
    mutationFn: (v: { description: string }) => hazardsApi.reportRectification(hazard.id, { description: v.description.trim(), evidenceIds: evidence.map((e) => e.id) }),
    onSuccess: (h) => {
      apply(h);
      form.resetFields();
      setEvidence([]);
      setUploaderKey((k) => k + 1);
      setError(null);
      showSuccess('整改材料已提交，等待执法机构复查');
      onDone?.();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark
      onFinish={(v) => {
        if (evidence.length === 0) {
          setError('请上传整改后的照片等材料');
          return;
        }
        submit.mutate(v);
      }}
      data-testid="rectification-form"
    >
      <Form.Item label="整改后照片或材料" required extra="可上传照片、PDF、视频或录音，单个文件不超过 50 MB；请拍清整改部位。">
        <EvidenceUploader key={uploaderKey} hazardId={hazard.id} onChange={setEvidence} testId="rectification-upload" label="上传照片" />
      </Form.Item>
      <Form.Item
        name="description"
        label="整改情况说明"
        rules={[
          { required: true, whitespace: true, message: '请说明整改情况' },
          { min: 4, message: '整改情况说明不少于4个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="例如：已更换破损的防爆灯具3套，组织电工复检合格" aria-label="整改情况说明" />
      </Form.Item>
      {error ? <Alert type="error" showIcon role="alert" title={error} className="hz-form-alert" /> : null}
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={submit.isPending} data-testid="submit-rectification">
        提交整改材料
      </Button>
    </Form>
  );
}

// ---------------- officer: 复查 ----------------

interface ReinspectionValues {
  officerIds: number[];
  result: 'passed' | 'failed';
  opinion: string;
  newDeadline?: Dayjs;
}

export function ReinspectionForm({ hazard }: { hazard: HazardDetail }) {
  const calendar = useWorkingCalendar(); // R38: a new deadline falls on a working day
  const [form] = Form.useForm<ReinspectionValues>();
  const result = Form.useWatch('result', form);
  const [uploaded, setUploaded] = useState<Evidence[]>([]);
  const [reused, setReused] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [uploaderKey, setUploaderKey] = useState(0);
  const apply = useHazardUpdate(hazard.id);
  const officers = useQuery({ queryKey: registryKeys.agencyOfficers(hazard.agencyId), queryFn: () => hazardsApi.agencyOfficers(hazard.agencyId), staleTime: 5 * 60_000 });
  const mine = useQuery({ queryKey: hazardDetailKeys.myOfficerId, queryFn: hazardsApi.myOfficerId, staleTime: 10 * 60_000, meta: { silent: true } });
  const today = shanghaiToday();
  // the enterprise's rectification photos may serve as the evidence of the reinspection
  const existing = hazard.evidence.filter((e) => !uploaded.some((u) => u.id === e.id));

  const submit = useMutation({
    mutationFn: (v: ReinspectionValues) =>
      hazardsApi.reinspect(hazard.id, {
        officerIds: v.officerIds,
        result: v.result,
        opinion: v.opinion.trim(),
        evidenceIds: [...new Set([...reused, ...uploaded.map((e) => e.id)])],
        newDeadline: v.result === 'failed' ? v.newDeadline?.format('YYYY-MM-DD') : null,
      }),
    onSuccess: (r) => {
      apply(r.hazard);
      setError(null);
      setUploaded([]);
      setReused([]);
      setUploaderKey((k) => k + 1);
      form.resetFields(['opinion', 'newDeadline', 'result']);
      if (r.closed) showSuccess('复查合格，隐患已销号');
      else if (r.hazard.status === 'open' && r.problems.length === 0) showSuccess('复查不合格已记录，已重新确定整改期限并出具整改复查意见书');
      else showSuccess('复查结论已记录，并出具整改复查意见书');
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });

  const officerOptions = (officers.data?.items ?? []).map((o) => ({
    value: o.id,
    label: `${o.name}（${o.credentialNo}）${o.credentialStatus === 'expired' ? ' 执法证已过期' : ''}`,
    disabled: o.credentialStatus === 'expired',
  }));
  // the signed-in officer is one of the two, unless someone was chosen already
  useEffect(() => {
    if (mine.data && !form.isFieldTouched('officerIds') && (form.getFieldValue('officerIds') ?? []).length === 0) form.setFieldValue('officerIds', [mine.data]);
  }, [mine.data, form]);

  return (
    <Form<ReinspectionValues>
      form={form}
      layout="vertical"
      initialValues={{ officerIds: [], result: 'passed' }}
      onFinish={(v) => {
        if (v.result === 'passed' && reused.length + uploaded.length === 0) {
          setError('复查合格须附整改后的证据：请上传复查照片，或勾选企业提交的整改照片');
          return;
        }
        submit.mutate(v);
      }}
      data-testid="reinspection-form"
    >
      <Form.Item
        name="officerIds"
        label="复查人员"
        rules={[
          { required: true, message: '请选择复查人员' },
          { validator: (_r, v: number[] | undefined) => ((v?.length ?? 0) >= 2 ? Promise.resolve() : Promise.reject(new Error('复查须由两名以上执法人员进行'))) },
        ]}
      >
        <Select
          mode="multiple"
          placeholder="选择两名以上执法人员"
          aria-label="复查人员"
          options={officerOptions}
          loading={officers.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="reinspection-officers"
        />
      </Form.Item>
      <Form.Item name="result" label="复查结论" rules={[{ required: true, message: '请选择复查结论' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'passed', label: '整改合格' },
            { value: 'failed', label: '整改不合格' },
          ]}
          data-testid="reinspection-result"
        />
      </Form.Item>
      {result === 'failed' ? (
        <Form.Item
          name="newDeadline"
          label="重新确定的整改期限"
          rules={[{ required: true, message: '复查不合格须重新确定整改期限' }]}
          extra="不早于今天，放假日不可选；逾期未整改的按 函告→通报→约谈→督办 逐级督办。"
        >
          <DatePicker style={{ width: '100%', maxWidth: 240 }} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') < today || !calendar.isWorkingDay(d.format('YYYY-MM-DD'))} aria-label="重新确定的整改期限" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="opinion"
        label="复查意见"
        rules={[
          { required: true, whitespace: true, message: '请填写复查意见' },
          { min: 4, message: '复查意见不少于4个字' },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          aria-label="复查意见"
          placeholder={result === 'failed' ? '写明未整改到位的情况和继续整改的要求' : '例如：经现场复查，隐患已整改到位'}
        />
      </Form.Item>
      <Form.Item label="复查证据" required={result !== 'failed'} extra="复查合格须附整改后的证据：现场拍摄，或引用企业提交的整改照片。">
        {existing.length ? (
          <Checkbox.Group value={reused} onChange={(v) => setReused(v as number[])} className="hz-reuse" data-testid="reuse-evidence">
            <Space wrap size={8}>
              {existing.map((e) => (
                <Checkbox key={e.id} value={e.id} className="hz-reuse-item">
                  {e.mime.startsWith('image/') ? <img src={e.url} alt={e.originalName || '整改照片'} className="hz-reuse-thumb" /> : <span>{e.originalName || `证据${e.id}`}</span>}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        ) : null}
        <EvidenceUploader key={uploaderKey} hazardId={hazard.id} onChange={setUploaded} testId="reinspection-upload" label="复查照片" />
      </Form.Item>
      {error ? <Alert type="error" showIcon role="alert" title={error} className="hz-form-alert" /> : null}
      <Button type="primary" htmlType="submit" icon={<CheckCircleOutlined />} loading={submit.isPending} data-testid="submit-reinspection">
        提交复查结论
      </Button>
    </Form>
  );
}

// ---------------- officer: 销号材料 (major hazards) ----------------

const rootCausePlaceholders: Record<keyof RootCause, string> = {
  cause: '隐患产生的直接原因和管理原因',
  responsibility: '对责任人员的处理情况',
  education: '对有关人员的教育培训情况',
  measures: '已落实的整改和防范措施',
};

type ClosingValues = RootCause & { penalty?: 'case' | 'reason'; noPenaltyReason?: string };

export function ClosingForm({ hazard }: { hazard: HazardDetail }) {
  const [form] = Form.useForm<ClosingValues>();
  const penalty = Form.useWatch('penalty', form);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const apply = useHazardUpdate(hazard.id);
  const hasCase = hazard.penaltyCaseId != null;
  const submit = useMutation({
    mutationFn: (v: ClosingValues) =>
      hazardsApi.closing(hazard.id, {
        rootCause: { cause: v.cause.trim(), responsibility: v.responsibility.trim(), education: v.education.trim(), measures: v.measures.trim() },
        ...(hasCase ? {} : v.penalty === 'case' ? { openPenaltyCase: true } : { noPenaltyReason: v.noPenaltyReason?.trim() ?? null }),
      }),
    onSuccess: (r) => {
      apply(r.hazard);
      setError(null);
      setProblems(r.closed ? null : r.problems);
      showSuccess(r.closed ? '销号材料齐全，隐患已销号' : '销号材料已保存');
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const rc = hazard.rootCause ?? {};
  return (
    <Form<ClosingValues>
      form={form}
      layout="vertical"
      initialValues={{
        cause: rc.cause ?? '',
        responsibility: rc.responsibility ?? '',
        education: rc.education ?? '',
        measures: rc.measures ?? '',
        penalty: hazard.noPenaltyReason ? 'reason' : 'case',
        noPenaltyReason: hazard.noPenaltyReason ?? '',
      }}
      onFinish={(v) => submit.mutate(v)}
      data-testid="closing-form"
    >
      <Typography.Paragraph type="secondary" className="hz-form-intro">
        重大事故隐患销号前须查清原因、处理责任人员、教育有关人员、落实整改措施（“四不放过”），并依法立案处罚——不得以责令整改代替处罚。
      </Typography.Paragraph>
      <Row gutter={16}>
        {(Object.keys(rootCauseLabels) as (keyof RootCause)[]).map((k) => (
          <Col xs={24} md={12} key={k}>
            <Form.Item
              name={k}
              label={rootCauseLabels[k]}
              rules={[
                { required: true, whitespace: true, message: `请填写：${rootCauseLabels[k]}` },
                { min: 2, message: '不少于2个字' },
              ]}
            >
              <Input.TextArea rows={2} maxLength={1000} aria-label={rootCauseLabels[k]} placeholder={rootCausePlaceholders[k]} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item label="行政处罚" required>
        {hasCase ? (
          <span data-testid="penalty-case">
            <Tag color="blue">已立案</Tag>行政处罚案件编号 {hazard.penaltyCaseId}
          </span>
        ) : (
          <Form.Item name="penalty" noStyle>
            <Radio.Group
              options={[
                { value: 'case', label: '立案处罚（生成案件草稿）' },
                { value: 'reason', label: '依法不予处罚（写明法律依据）' },
              ]}
            />
          </Form.Item>
        )}
      </Form.Item>
      {!hasCase && penalty === 'reason' ? (
        <Form.Item
          name="noPenaltyReason"
          label="不予处罚的法律依据"
          rules={[
            { required: true, whitespace: true, message: '请写明不予处罚的法律依据' },
            { min: 10, message: '不少于10个字，写明法律条款和事实' },
          ]}
        >
          <Input.TextArea rows={2} maxLength={2000} aria-label="不予处罚的法律依据" />
        </Form.Item>
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} className="hz-form-alert" /> : null}
      {problems && problems.length ? (
        <Alert
          type="warning"
          showIcon
          className="hz-form-alert"
          title="已保存，尚不能销号："
          description={
            <ul className="hz-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="submit-closing">
        保存销号材料
      </Button>
    </Form>
  );
}

/** One line on what happened last, for the enterprise. */
export function lastReinspectionNote(h: HazardDetail): { failed: boolean; text: string } | null {
  const last = h.reinspections[h.reinspections.length - 1];
  if (!last) return null;
  if (last.result === 'failed') return { failed: true, text: `${fmtDateTime(last.createdAt)} 复查不合格：${last.opinion}。请于 ${last.newDeadline ?? h.deadline} 前继续整改。` };
  return { failed: false, text: `${fmtDateTime(last.createdAt)} 复查合格：${last.opinion}` };
}

