// 新建案件 (R18, R27): a case not coming from an inspection finding (投诉举报、移送、当场处罚…) — draft first, then
// the leader approves the opening.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { penaltyProcedureLabels, penaltyProcedures, type PenaltyProcedure } from '@anjian/domain/penalty';
import { errorMessage } from '../../api';
import { penaltiesApi } from '../../api/penalty';
import { showSuccess } from '../../app/feedback';
import { EnterpriseSearchSelect } from '../../components/EnterpriseSearchSelect';
import { penaltyCaseKeys } from '../../api/keys';

interface Values {
  enterpriseId: number;
  facts: string;
  procedure: PenaltyProcedure;
  partyKind: 'organization' | 'citizen';
  partyName?: string;
  majorHazard?: boolean;
}

export function NewCaseModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const partyKind = Form.useWatch('partyKind', form);
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: Values) => penaltiesApi.create({ ...v, facts: v.facts.trim(), partyName: v.partyName?.trim() || undefined, majorHazard: !!v.majorHazard }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: penaltyCaseKeys.all });
      showSuccess('已登记案件草稿，请指定承办人员后报负责人批准立案');
      navigate(`/cases/${c.id}`);
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal open title="新建案件" onCancel={onClose} okText="登记案件草稿" cancelText="取消" onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ procedure: 'general', partyKind: 'organization' }} onFinish={(v) => create.mutate(v)} data-testid="new-case-form">
        <Form.Item name="enterpriseId" label="生产经营单位" rules={[{ required: true, message: '请选择企业' }]}>
          <EnterpriseSearchSelect aria-label="企业" />
        </Form.Item>
        <Form.Item name="facts" label="案情（违法事实线索）" rules={[{ required: true, whitespace: true, min: 4, message: '请填写案情（不少于4个字）' }]}>
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="procedure" label="程序" extra="简易程序只适用于违法事实确凿、有法定依据，对个人处200元以下、对单位处3000元以下罚款或者警告的当场处罚">
          <Radio.Group optionType="button" options={penaltyProcedures.map((p) => ({ value: p, label: penaltyProcedureLabels[p] }))} />
        </Form.Item>
        <Form.Item name="partyKind" label="当事人">
          <Radio.Group options={[{ value: 'organization', label: '单位' }, { value: 'citizen', label: '个人（如主要负责人）' }]} />
        </Form.Item>
        {partyKind === 'citizen' ? (
          <Form.Item name="partyName" label="当事人姓名" rules={[{ required: true, whitespace: true, message: '请填写当事人姓名' }]}>
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        <Form.Item name="majorHazard" valuePropName="checked">
          <Checkbox>涉及重大事故隐患（不得以责令整改代替处罚）</Checkbox>
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
    </Modal>
  );
}
