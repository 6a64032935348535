// The workflow of a plan (R10): status steps, the one next action for the current status and role, and the modals.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Steps, Typography } from 'antd';
import { AuditOutlined, CheckOutlined, GlobalOutlined, RollbackOutlined, SendOutlined, SolutionOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, errorMessage, type Me, type PlanAction, type PlanDetail } from '../../api';
import { planKeys } from '../../api/keys';
import { can } from '../../app/auth';
import { fmtDate, fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { useIsMobile } from '../../app/useIsMobile';
import { formToParams, paramsToForm, PlanParamsFields, planStatuses, planStatusLabels, type ParamsFormValues } from './common';

export const FILING_BODIES = ['同级司法行政部门', '上一级应急管理部门', '安委办'] as const;

const actionDone: Record<PlanAction, string> = {
  submit: '已提交审批',
  approve: '已批准',
  return: '已退回修改',
  file: '已备案',
  publish: '已公布',
};

/** Own agency (or the administrator acting for it): may submit, file, publish and adjust. */
export function isOwnPlan(me: Me | null | undefined, plan: PlanDetail): boolean {
  return !!me && can.writePlans(me) && (me.role === 'admin' || me.agency?.id === plan.agencyId);
}

function usePlanTransition(plan: PlanDetail, onDone?: () => void, silent = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: PlanAction; note?: string; filedWith?: string[] }) => api.transitionPlan(plan.id, body),
    meta: { silent },
    onSuccess: (p, body) => {
      queryClient.setQueryData(['plan', String(plan.id)], p);
      void queryClient.invalidateQueries({ queryKey: ['plan-history', String(plan.id)] });
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      showSuccess(`${actionDone[body.action]}：当前状态“${p.statusLabel}”`);
      onDone?.();
    },
  });
}

function ReturnModal({ plan, open, onClose }: { plan: PlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<string | null>(null);
  const t = usePlanTransition(plan, onClose, true);
  return (
    <Modal
      title="退回修改"
      open={open}
      onCancel={onClose}
      okText="确认退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={t.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          t.mutate({ action: 'return', note: v.note.trim() }, { onError: (e) => setError(errorMessage(e)) });
        }}
      >
        <Form.Item label="退回意见" name="note" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }, { max: 2000 }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} placeholder="例如：重点检查单位遗漏近三年发生亡人事故的企业，请核实企业信息后调整" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FileModal({ plan, open, onClose }: { plan: PlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ filedWith: string[] }>();
  const [error, setError] = useState<string | null>(null);
  const t = usePlanTransition(plan, onClose, true);
  return (
    <Modal
      title="计划备案"
      open={open}
      onCancel={onClose}
      okText="确认备案"
      cancelText="取消"
      confirmLoading={t.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="批准后的年度计划须报同级司法行政部门、上一级应急管理部门和安委办备案。请确认已报送以下单位："
      />
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ filedWith: [] }}
        onFinish={(v) => {
          setError(null);
          t.mutate({ action: 'file', filedWith: v.filedWith }, { onError: (e) => setError(errorMessage(e)) });
        }}
      >
        <Form.Item
          name="filedWith"
          label="已报送备案的单位"
          rules={[
            {
              validator: async (_r, v: string[] | undefined) => {
                const missing = FILING_BODIES.filter((b) => !(v ?? []).includes(b));
                if (missing.length) throw new Error(`还须报${missing.join('、')}备案`);
              },
            },
          ]}
        >
          <Checkbox.Group className="filing-checks" options={FILING_BODIES.map((b) => ({ value: b, label: b }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AdjustModal({ plan, open, onClose }: { plan: PlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ParamsFormValues & { reason: string }>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const allowSpotCheck = plan.agencyLevel === 'province' || plan.agencyLevel === 'city';
  useEffect(() => {
    if (open) {
      setError(null);
      form.setFieldsValue({ ...paramsToForm(plan.current.params), reason: '' });
    }
  }, [open, plan, form]);
  const adjust = useMutation({
    mutationFn: (v: ParamsFormValues & { reason: string }) => api.adjustPlan(plan.id, { params: formToParams(v, allowSpotCheck), reason: v.reason.trim() }),
    meta: { silent: true },
    onSuccess: (p) => {
      queryClient.setQueryData(['plan', String(plan.id)], p);
      void queryClient.invalidateQueries({ queryKey: ['plan-history', String(plan.id)] });
      void queryClient.invalidateQueries({ queryKey: ['plan-entries', String(plan.id)] });
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      showSuccess(`已生成第 ${p.currentVersion} 版，计划回到草稿，须重新审批、备案和公布`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      title="调整计划"
      open={open}
      onCancel={onClose}
      okText="生成新版本"
      cancelText="取消"
      confirmLoading={adjust.isPending}
      onOk={() => form.submit()}
      width={760}
      forceRender
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="调整将按当前企业信息重新生成计划，形成新版本；计划回到草稿，须重新审批、备案和公布"
        description="执法人员未减少时，调整后的计划检查数不得少于原计划。"
      />
      {error ? (
        <Alert type="error" showIcon role="alert" title={`不能调整：${error}`} style={{ marginBottom: 16 }} data-testid="adjust-error" />
      ) : null}
      <Form<ParamsFormValues & { reason: string }>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          adjust.mutate(v);
        }}
      >
        <Form.Item
          label="调整原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写调整原因' },
            { min: 5, message: '请写明调整原因（不少于5个字）' },
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={3} showCount maxLength={2000} placeholder="例如：根据上半年检查结果和企业反馈，新增红码企业，调整重点检查单位" />
        </Form.Item>
        <PlanParamsFields allowSpotCheck={allowSpotCheck} />
      </Form>
    </Modal>
  );
}

/** Steps 草稿→待审批→已批准→已备案→已公布 and the next action for this user. */
export function PlanWorkflow({ plan, me }: { plan: PlanDetail; me: Me }) {
  const isMobile = useIsMobile();
  const [returnOpen, setReturnOpen] = useState(false);
  const [fileOpen, setFileOpen] = useState(false);
  const t = usePlanTransition(plan);
  const own = isOwnPlan(me, plan);
  const approver = can.approvePlans(me);
  const selfSubmitted = plan.submittedBy === me.id;
  const current = planStatuses.indexOf(plan.status);
  const stepContent = (i: number) => {
    if (i === 3 && plan.filings.length) return `${fmtDate(plan.filings[0]!.at).slice(5)} 报 ${plan.filings.length} 家单位`;
    if (i === 4 && plan.publishedAt) return fmtDate(plan.publishedAt);
    return undefined;
  };

  let hint: React.ReactNode = null;
  let actions: React.ReactNode = null;
  const publicMonth = dayjs().year() === plan.year ? dayjs().month() + 1 : (plan.current.months.find((m) => m.planned > 0)?.month ?? 1);
  switch (plan.status) {
    case 'draft':
      hint = own
        ? '计划为草稿。请核对“检查对象”和“月历”，确认后提交单位负责人审批。'
        : `计划为草稿，等待${plan.agencyName}提交审批。`;
      if (own)
        actions = (
          <Button type="primary" icon={<SendOutlined />} loading={t.isPending} onClick={() => t.mutate({ action: 'submit' })}>
            提交审批
          </Button>
        );
      break;
    case 'submitted':
      // four eyes: the one who submitted it is not offered the approval
      hint = !approver
        ? '计划已提交，等待单位负责人审批。'
        : selfSubmitted
          ? '计划已由您提交审批，须由本机构或上级其他负责人审批。'
          : '计划已提交，待您审批：核对后批准，或填写意见退回修改。';
      if (approver && !selfSubmitted)
        actions = (
          <>
            <Popconfirm title="批准该年度计划？" description="批准后报备案，备案后公布。" okText="批准" cancelText="取消" onConfirm={() => t.mutate({ action: 'approve' })}>
              <Button type="primary" icon={<CheckOutlined />} loading={t.isPending}>
                批准
              </Button>
            </Popconfirm>
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturnOpen(true)}>
              退回
            </Button>
          </>
        );
      break;
    case 'approved':
      hint = own
        ? '计划已批准。请报同级司法行政部门、上一级应急管理部门和安委办备案；也可在“双随机抽取”中开展抽取。'
        : `计划已批准，等待${plan.agencyName}报备案。`;
      if (own)
        actions = (
          <Button type="primary" icon={<AuditOutlined />} onClick={() => setFileOpen(true)}>
            备案
          </Button>
        );
      break;
    case 'filed':
      hint = own ? '计划已备案。公布后，计划执法对象名单按月向社会公示。' : `计划已备案，等待${plan.agencyName}公布。`;
      if (own)
        actions = (
          <Popconfirm
            title="公布该年度计划？"
            description="公布后，计划执法对象名单每月在信息公开页面公示。"
            okText="公布"
            cancelText="取消"
            onConfirm={() => t.mutate({ action: 'publish' })}
          >
            <Button type="primary" icon={<GlobalOutlined />} loading={t.isPending}>
              公布
            </Button>
          </Popconfirm>
        );
      break;
    case 'published':
      hint = `计划已于 ${fmtDateTime(plan.publishedAt)} 公布，执法对象名单按月公示。`;
      actions = (
        <Button icon={<GlobalOutlined />} onClick={() => window.open(`/public/targets?year=${plan.year}&month=${publicMonth}`, '_blank', 'noopener')}>
          查看公示名单
        </Button>
      );
      break;
  }

  return (
    <Card size="small" className="plan-workflow" data-testid="plan-workflow">
      <Steps
        current={current}
        size="small"
        responsive={false}
        {...(isMobile ? { type: 'dot' as const, titlePlacement: 'vertical' as const } : {})}
        className="plan-steps"
        items={planStatuses.map((s, i) => ({ key: s, title: planStatusLabels[s], content: isMobile ? undefined : stepContent(i) }))}
        data-testid="plan-steps"
      />
      <div className="plan-next" data-testid="plan-next">
        <div className="plan-next-text">
          <SolutionOutlined /> <Typography.Text strong>下一步：</Typography.Text>
          {hint}
        </div>
        {actions ? <Space wrap className="plan-next-actions">{actions}</Space> : null}
      </div>
      {plan.filings.length ? (
        <div className="plan-filings muted" data-testid="plan-filings">
          备案：{plan.filings.map((f) => f.with).join('、')}（{plan.filings[0]!.by}，{fmtDateTime(plan.filings[0]!.at)}）
        </div>
      ) : null}
      {plan.status === 'published' ? null : (
        <div className="muted plan-public-hint">
          公布后可在 <Link to={`/public/targets?year=${plan.year}&month=${publicMonth}`} target="_blank">信息公开页面</Link> 查看每月执法对象名单。
        </div>
      )}
      <ReturnModal plan={plan} open={returnOpen} onClose={() => setReturnOpen(false)} />
      <FileModal plan={plan} open={fileOpen} onClose={() => setFileOpen(false)} />
    </Card>
  );
}
