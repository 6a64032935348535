// 严重失信主体名单 (R32): the dialogs that list an enterprise (with the legal ground of 应急管理部令第11号 and the facts
// the server checks it against) and remove it early (after 12 months, with the reason and the application's
// conditions). Used by the list page and by the enterprise's credit page. Refusals show the server's message.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { accidentGradeLabels, accidentGrades, type AccidentGrade } from '@anjian/domain/penalty';
import { blacklistGroundBasis, blacklistGroundIds, blacklistGroundLabels, type BlacklistGroundId } from '@anjian/domain/credit';
import { errorMessage } from '../../api';
import { oversightApi, type BlacklistFactsInput, type ManagedListing, type RemovalApplication } from '../../api/oversight';
import { showSuccess } from '../../app/feedback';
import { EnterpriseSearchSelect } from '../../components/EnterpriseSearchSelect';
import { creditKeys, registryKeys } from '../../api/keys';

const ACCIDENT_GROUNDS: BlacklistGroundId[] = ['major_accident', 'two_larger_accidents', 'accident_aggravated_fine', 'concealed_accident', 'principal_failed_rescue'];
const PENALISED: Partial<Record<BlacklistGroundId, { key: keyof BlacklistFactsInput; confirm: string }>> = {
  unlicensed_operation: { key: 'unlicensedOperationPenalised', confirm: '已就该行为依法作出行政处罚' },
  institution_fraud: { key: 'institutionFraudPenalised', confirm: '已就该行为依法作出行政处罚' },
  refused_execution: { key: 'refusedExecution', confirm: '经核实，当事人有执行能力而拒不执行或者逃避执行' },
};

const groundOptions = [
  { label: '发生生产安全事故的情形', options: blacklistGroundIds.filter((g) => ACCIDENT_GROUNDS.includes(g)).map((g) => ({ value: g, label: blacklistGroundLabels[g] })) },
  { label: '未发生生产安全事故的情形', options: blacklistGroundIds.filter((g) => !ACCIDENT_GROUNDS.includes(g)).map((g) => ({ value: g, label: blacklistGroundLabels[g] })) },
];

interface AddValues {
  enterpriseId?: number;
  ground?: BlacklistGroundId;
  occurredOn?: dayjs.Dayjs;
  secondOn?: dayjs.Dayjs;
  grade?: AccidentGrade;
  responsible?: boolean;
  confirmed?: boolean;
  otherSeriousReason?: string;
  reason?: string;
}

/** The facts the server derives the ground from (blacklistEntryGrounds), built from the chosen ground's fields. */
function factsOf(v: AddValues): BlacklistFactsInput {
  const day = (d?: dayjs.Dayjs) => (d ? d.format('YYYY-MM-DD') : '');
  const g = v.ground!;
  const facts: BlacklistFactsInput = { accidents: [] };
  if (g === 'two_larger_accidents') {
    facts.accidents = [day(v.occurredOn), day(v.secondOn)].map((occurredOn) => ({ occurredOn, grade: 'larger' as const, responsible: true }));
  } else if (ACCIDENT_GROUNDS.includes(g)) {
    facts.accidents = [
      {
        occurredOn: day(v.occurredOn),
        grade: v.grade ?? 'general',
        responsible: g === 'concealed_accident' || g === 'principal_failed_rescue' ? !!v.responsible : true,
        ...(g === 'accident_aggravated_fine' ? { aggravatedFine: true } : {}),
        ...(g === 'concealed_accident' ? { concealed: true } : {}),
        ...(g === 'principal_failed_rescue' ? { principalFailedRescue: true } : {}),
      },
    ];
  } else if (g === 'other_serious') {
    facts.otherSeriousReason = v.otherSeriousReason?.trim() ?? '';
  } else {
    const p = PENALISED[g];
    if (p) (facts as unknown as Record<string, boolean>)[p.key] = !!v.confirmed;
  }
  return facts;
}

export function AddToBlacklistModal({ enterprise, onClose }: { enterprise?: { id: number; name: string; creditCode: string }; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<AddValues>();
  const ground = Form.useWatch('ground', form);
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (v: AddValues) => oversightApi.addToBlacklist({ enterpriseId: enterprise?.id ?? v.enterpriseId!, reason: v.reason!.trim(), facts: factsOf(v) }),
    onSuccess: (l) => {
      void qc.invalidateQueries({ queryKey: creditKeys.all });
      void qc.invalidateQueries({ queryKey: creditKeys.blacklist });
      void qc.invalidateQueries({ queryKey: registryKeys.enterpriseAll });
      showSuccess(`已列入严重失信主体名单，管理期至 ${l.expiresOn}`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const accident = !!ground && ACCIDENT_GROUNDS.includes(ground);
  const penalised = ground ? PENALISED[ground] : undefined;
  const notFuture = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');
  return (
    <Modal
      open
      title="列入严重失信主体名单"
      onCancel={onClose}
      okText="列入名单"
      cancelText="取消"
      onOk={() => form.submit()}
      okButtonProps={{ loading: run.isPending, danger: true, 'data-testid': 'blacklist-add-submit' } as ButtonProps}
      destroyOnHidden
      width={640}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="列入前应书面告知当事人拟列入的事实、理由、依据及陈述申辩权利；由作出处罚决定的部门决定。"
        description="管理期限三年；列入满12个月后，符合条件的可申请提前移出。名单每季度向社会公布。"
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ responsible: true, grade: 'general' }}
        onFinish={(v) => {
          setError(null);
          run.mutate(v);
        }}
        data-testid="blacklist-add-form"
      >
        {enterprise ? (
          <Form.Item label="企业">
            <span>
              {enterprise.name} <span className="muted mono">{enterprise.creditCode}</span>
            </span>
          </Form.Item>
        ) : (
          <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterpriseSearchSelect aria-label="企业" />
          </Form.Item>
        )}
        <Form.Item
          name="ground"
          label="列入情形（法定依据）"
          rules={[{ required: true, message: '请选择列入情形' }]}
          extra={ground ? <span data-testid="blacklist-ground-basis">{blacklistGroundBasis[ground]}</span> : '《安全生产严重失信主体名单管理办法》（应急管理部令第11号）所列情形'}
        >
          <Select options={groundOptions} placeholder="选择列入情形" aria-label="列入情形" data-testid="blacklist-ground" popupMatchSelectWidth={false} optionRender={(o) => <div style={{ whiteSpace: 'normal', maxWidth: 560 }}>{o.label}</div>} />
        </Form.Item>
        {accident ? (
          <Space wrap align="start" size={[12, 0]}>
            <Form.Item name="occurredOn" label={ground === 'two_larger_accidents' ? '第一起事故日期' : '事故发生日期'} rules={[{ required: true, message: '请选择事故日期' }]}>
              <DatePicker inputReadOnly disabledDate={notFuture} />
            </Form.Item>
            {ground === 'two_larger_accidents' ? (
              <Form.Item
                name="secondOn"
                label="第二起事故日期"
                dependencies={['occurredOn']}
                rules={[
                  { required: true, message: '请选择第二起事故日期' },
                  ({ getFieldValue }) => ({
                    validator: async (_r, v?: dayjs.Dayjs) => {
                      const first = getFieldValue('occurredOn') as dayjs.Dayjs | undefined;
                      if (v && first && Math.abs(v.diff(first, 'month', true)) >= 12) throw new Error('两起较大事故应在12个月内');
                    },
                  }),
                ]}
              >
                <DatePicker inputReadOnly disabledDate={notFuture} />
              </Form.Item>
            ) : (
              <Form.Item name="grade" label="事故等级" rules={[{ required: true, message: '请选择事故等级' }]}>
                <Select
                  style={{ width: 150 }}
                  options={accidentGrades.filter((g) => ground !== 'major_accident' || g === 'major' || g === 'especially_major').map((g) => ({ value: g, label: accidentGradeLabels[g] }))}
                />
              </Form.Item>
            )}
          </Space>
        ) : null}
        {ground === 'concealed_accident' || ground === 'principal_failed_rescue' ? (
          <Form.Item name="responsible" valuePropName="checked">
            <Checkbox>企业对事故发生负有责任（事故调查认定）</Checkbox>
          </Form.Item>
        ) : null}
        {penalised ? (
          <Form.Item name="confirmed" valuePropName="checked" rules={[{ validator: async (_r, v) => { if (!v) throw new Error('列入该情形须以已作出的行政处罚为前提'); } }]}>
            <Checkbox data-testid="blacklist-confirm">{penalised.confirm}</Checkbox>
          </Form.Item>
        ) : null}
        {ground === 'other_serious' ? (
          <Form.Item name="otherSeriousReason" label="性质恶劣、情节严重的具体情形" rules={[{ required: true, whitespace: true, min: 10, message: '请写明具体情形（不少于10个字）' }]}>
            <Input.TextArea rows={2} maxLength={2000} placeholder="如：一百八十日内三次因重大事故隐患受到行政处罚，已提请关闭（《安全生产法》第一百一十三条）" />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label="列入理由（写入列入决定书）" rules={[{ required: true, whitespace: true, min: 10, message: '请写明列入的事实和理由（不少于10个字）' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount aria-label="列入理由" data-testid="blacklist-reason" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} data-testid="blacklist-add-error" /> : null}
    </Modal>
  );
}

const conditionLabels: Record<keyof RemovalApplication, string> = {
  obligationsPerformed: '已履行行政处罚决定规定的义务（罚款已缴纳等）',
  violationCorrected: '违法行为已纠正，事故隐患已消除，不良影响已消除',
  commitmentSigned: '已提交信用承诺书',
  noNewSeriousConduct: '列入后未再发生严重失信行为',
};

export function RemoveFromBlacklistModal({ listing, onClose }: { listing: Pick<ManagedListing, 'id' | 'enterpriseName' | 'listedOn' | 'expiresOn' | 'earlyRemovalFrom' | 'canApplyEarly'>; onClose: () => void }) {
  const qc = useQueryClient();
  const [cond, setCond] = useState<RemovalApplication>({ obligationsPerformed: false, violationCorrected: false, commitmentSigned: false, noNewSeriousConduct: false });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => oversightApi.removeFromBlacklist(listing.id, { reason: reason.trim(), application: cond }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: creditKeys.all });
      void qc.invalidateQueries({ queryKey: creditKeys.blacklist });
      void qc.invalidateQueries({ queryKey: registryKeys.enterpriseAll });
      showSuccess(`已于 ${r.removedOn} 移出严重失信主体名单`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal
      open
      title="提前移出严重失信主体名单"
      onCancel={onClose}
      okText="移出名单"
      cancelText="取消"
      onOk={() => run.mutate()}
      okButtonProps={{ loading: run.isPending, disabled: reason.trim().length < 4, 'data-testid': 'blacklist-remove-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Alert
        type={listing.canApplyEarly ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        title={`${listing.enterpriseName}：${listing.listedOn} 列入，管理期至 ${listing.expiresOn}`}
        description={listing.canApplyEarly ? '已满12个月，当事人符合下列条件的，可以提前移出。' : `列入满12个月后（${listing.earlyRemovalFrom}起）方可申请提前移出。`}
      />
      <Form layout="vertical">
        <Form.Item label="申请条件（依当事人申请材料核实后勾选）">
          <Space direction="vertical">
            {(Object.keys(conditionLabels) as (keyof RemovalApplication)[]).map((k) => (
              <Checkbox key={k} checked={cond[k]} onChange={(e) => setCond((c) => ({ ...c, [k]: e.target.checked }))} data-testid={`removal-${k}`}>
                {conditionLabels[k]}
              </Checkbox>
            ))}
          </Space>
        </Form.Item>
        <Form.Item label="移出理由" required help="不少于4个字，记入审计日志">
          <Input.TextArea rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="移出理由" data-testid="blacklist-remove-reason" />
        </Form.Item>
      </Form>
      {error ? (
        <Alert type="error" showIcon role="alert" title="不能移出" description={error} data-testid="blacklist-remove-error" />
      ) : (
        <Typography.Text type="secondary">管理期届满自动移出，无需操作。</Typography.Text>
      )}
    </Modal>
  );
}
