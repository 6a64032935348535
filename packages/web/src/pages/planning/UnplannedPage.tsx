// 计划外检查 (R11 一事一报; R1/R20 levels and joint inspections): list, registration and the leader's decision.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Tag,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { unplannedTriggerLabels } from '@anjian/domain/inspection';
import { api, errorMessage, type Enterprise, type UnplannedCreated, type UnplannedItem, type UnplannedStatus, type UnplannedTrigger } from '../../api';
import { can, useMe } from '../../app/auth';
import { fmtDate, fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { unplannedKeys } from '../../api/keys';
import { PageHeader } from '../../components/PageHeader';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../components/Ledger';
import { pagedRows } from '../../lib/ledgerRows';
import { AgencySelect } from '../../components/agencies';
import { EnterpriseSearchSelect } from '../../components/EnterpriseSearchSelect';
import { LevelTag } from '../../components/tags';

// on the form, "other" says that it needs approval
export const triggerLabels: Record<UnplannedTrigger, string> = { ...unplannedTriggerLabels, other: '其他（须一事一报审批）' };
const triggerGroups = [
  { label: '无需审批，登记即可', options: (['superior_special', 'unannounced_visit', 'onsite_verification'] as const).map((t) => ({ value: t, label: triggerLabels[t] })) },
  {
    label: '立即检查，不受计划限制',
    options: (['accident', 'complaint', 'referral', 'emergency', 'monitoring_alert'] as const).map((t) => ({ value: t, label: triggerLabels[t] })),
  },
  { label: '一事一报，经负责人审批', options: [{ value: 'other', label: triggerLabels.other }] },
];

const levelRank: Record<string, number> = { province: 0, city: 1, county: 2, township: 3 };

const statusTags: Record<UnplannedStatus, { color: string; text: string }> = {
  recorded: { color: 'green', text: '已登记' },
  pending: { color: 'orange', text: '待审批' },
  approved: { color: 'blue', text: '已批准' },
  rejected: { color: 'red', text: '不予批准' },
};
const filterKeys = ['status'] as const;

function StatusTag({ value }: { value: UnplannedStatus }) {
  const t = statusTags[value] ?? { color: 'default', text: value };
  return <Tag color={t.color} data-status={value}>{t.text}</Tag>;
}

interface FormValues {
  enterpriseId: number;
  trigger: UnplannedTrigger;
  reason: string;
  plannedDate: Dayjs;
  jointWithAgencyId?: number | null;
}

function RegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [ent, setEnt] = useState<Enterprise | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<UnplannedCreated | null>(null);
  const trigger = Form.useWatch('trigger', form);
  const otherAgency = !!ent && !!me?.agency && ent.supervisingAgencyId !== me.agency.id;
  // R1: a higher level may inspect a lower level's enterprise (jointly, R20); a lower level may not inspect a higher one's.
  const crossLevel = otherAgency && (levelRank[ent!.supervisingAgencyLevel] ?? 0) > (levelRank[me!.agency!.level] ?? 0);
  const forbiddenLevel = otherAgency && !crossLevel;
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api.createUnplanned({
        enterpriseId: v.enterpriseId,
        trigger: v.trigger,
        reason: v.reason.trim(),
        plannedDate: v.plannedDate.format('YYYY-MM-DD'),
        jointWithAgencyId: crossLevel ? (v.jointWithAgencyId ?? null) : null,
      }),
    meta: { silent: true },
    onSuccess: (r) => {
      setDone(r);
      void queryClient.invalidateQueries({ queryKey: unplannedKeys.all });
      showSuccess(r.status === 'pending' ? '已提交审批' : '已登记');
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const close = () => {
    setDone(null);
    setError(null);
    setEnt(undefined);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      title="登记计划外检查"
      open={open}
      onCancel={close}
      width={680}
      destroyOnHidden
      footer={
        done
          ? [
              <Button key="ok" type="primary" onClick={close}>
                完成
              </Button>,
            ]
          : [
              <Button key="c" onClick={close}>
                取消
              </Button>,
              <Button key="s" type="primary" loading={save.isPending} onClick={() => form.submit()}>
                {trigger === 'other' ? '提交审批' : '登记'}
              </Button>,
            ]
      }
    >
      {done ? (
        <div data-testid="unplanned-result">
          <Result
            status={done.status === 'pending' ? 'info' : 'success'}
            title={done.status === 'pending' ? '已提交，待单位负责人审批' : '已登记'}
            subTitle={`${done.triggerLabel} · ${done.statusLabel}`}
            style={{ padding: '16px 0' }}
          />
          {done.warnings.map((w, i) => (
            <Alert key={i} type="warning" showIcon title={w} style={{ marginBottom: 8 }} data-testid="unplanned-warning" />
          ))}
        </div>
      ) : (
        <>
          {error ? <Alert type="error" showIcon role="alert" title={`未能登记：${error}`} style={{ marginBottom: 16 }} data-testid="unplanned-error" /> : null}
          <Form<FormValues>
            form={form}
            layout="vertical"
            initialValues={{ plannedDate: dayjs() }}
            onFinish={(v) => {
              setError(null);
              save.mutate(v);
            }}
          >
            <Form.Item label="检查企业" name="enterpriseId" rules={[{ required: true, message: '请选择企业' }]}>
              <EnterpriseSearchSelect
                onPick={(e) => {
                  setEnt(e);
                  if (e && me?.agency && (levelRank[e.supervisingAgencyLevel] ?? 0) > (levelRank[me.agency.level] ?? 0)) {
                    form.setFieldsValue({ jointWithAgencyId: e.supervisingAgencyId });
                  }
                }}
              />
            </Form.Item>
            {ent ? (
              <div className="muted" style={{ marginTop: -12, marginBottom: 12 }}>
                监管机构：{ent.supervisingAgencyName} <LevelTag value={ent.supervisingAgencyLevel} />
              </div>
            ) : null}
            {forbiddenLevel ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="unplanned-level-warning"
                title={`该企业由“${ent!.supervisingAgencyName}”监管，本机构不得检查`}
                description="一家企业对应一个层级执法主体，下级不检查上级负责的企业。如发现问题，请移交该机构处理。"
              />
            ) : null}
            {crossLevel ? (
              <>
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={`该企业由“${ent!.supervisingAgencyName}”监管`}
                  description="一家企业对应一个层级执法主体。上级检查下级监管企业须与属地执法主体联合开展（暗访除外）；下级不得检查上级监管的企业。"
                />
                <Form.Item
                  label="联合检查机构"
                  name="jointWithAgencyId"
                  rules={trigger === 'unannounced_visit' ? [] : [{ required: true, message: '请选择联合检查的属地执法机构' }]}
                  extra={trigger === 'unannounced_visit' ? '暗访可不联合' : '默认为企业的监管机构'}
                >
                  <AgencySelect allowClear />
                </Form.Item>
              </>
            ) : null}
            <Row gutter={16}>
              <Col xs={24} sm={14}>
                <Form.Item label="检查缘由" name="trigger" rules={[{ required: true, message: '请选择检查缘由' }]}>
                  <Select options={triggerGroups} placeholder="选择缘由" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item label="检查日期" name="plannedDate" rules={[{ required: true, message: '请选择日期' }]}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly />
                </Form.Item>
              </Col>
            </Row>
            {trigger ? (
              <Alert
                type={trigger === 'other' ? 'info' : 'success'}
                showIcon
                style={{ marginBottom: 12 }}
                title={
                  trigger === 'other'
                    ? '计划外检查须一事一报，经单位负责人批准后实施'
                    : '该缘由的检查不受年度计划限制，登记后即可实施'
                }
              />
            ) : null}
            <Form.Item
              label="检查事由"
              name="reason"
              rules={[
                { required: true, whitespace: true, message: '请填写检查事由' },
                { min: 5, message: '请写明检查事由（不少于5个字）' },
              ]}
            >
              <Input.TextArea rows={3} showCount maxLength={2000} placeholder="例如：接群众举报，该企业夜间违规组织动火作业" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

function DecideModal({ item, onClose }: { item: { row: UnplannedItem; approve: boolean } | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (v: { note?: string }) => api.decideUnplanned(item!.row.id, { approve: item!.approve, note: v.note?.trim() || undefined }),
    meta: { silent: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unplannedKeys.all });
      showSuccess(item!.approve ? '已批准' : '已不予批准');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (!item) return null;
  return (
    <Modal
      title={item.approve ? '批准计划外检查' : '不予批准'}
      open
      onCancel={onClose}
      okText={item.approve ? '批准' : '不予批准'}
      okButtonProps={{ danger: !item.approve }}
      cancelText="取消"
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <p>
        {item.row.enterpriseName}：{item.row.reason}（{fmtDate(item.row.plannedDate)}）
      </p>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => decide.mutate(v)}>
        <Form.Item
          label={item.approve ? '意见（可选）' : '不予批准的理由'}
          name="note"
          rules={item.approve ? [] : [{ required: true, whitespace: true, message: '请写明理由' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UnplannedPage() {
  const { data: me } = useMe();
  const url = useLedgerUrl(filterKeys);
  const { values, update } = url;
  const [open, setOpen] = useState(false);
  const [deciding, setDeciding] = useState<{ row: UnplannedItem; approve: boolean } | null>(null);
  const status = values.status && values.status in statusTags ? values.status : undefined;
  const list = useQuery({ queryKey: unplannedKeys.list(status), queryFn: () => api.unplanned(status) });
  const { data } = list;
  const writer = can.writePlans(me) && !!me?.agency;
  const approver = can.approvePlans(me);
  const items = data?.items ?? [];
  const pendingCount = items.filter((i) => i.status === 'pending').length;

  const decideButtons = (r: UnplannedItem) =>
    writer && (r.status === 'approved' || r.status === 'recorded') ? (
      // R15: an approved or recorded request is the source the inspection is filed from
      <Link to={`/inspections/new?enterpriseId=${r.enterpriseId}&source=unplanned:${r.id}`}>报备检查</Link>
    ) : approver && r.status === 'pending' ? (
      <Space size={4} wrap>
        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setDeciding({ row: r, approve: true })}>
          批准
        </Button>
        <Button size="small" danger icon={<CloseOutlined />} onClick={() => setDeciding({ row: r, approve: false })}>
          不予批准
        </Button>
      </Space>
    ) : null;

  const columns: TableColumnsType<UnplannedItem> = [
    { title: '检查日期', dataIndex: 'plannedDate', key: 'plannedDate', width: 110, render: (v) => fmtDate(v) },
    {
      title: '企业',
      key: 'ent',
      width: 220,
      render: (_, r) => (
        <Link to={`/enterprises/${r.enterpriseId}`} className="ent-name-link">
          {r.enterpriseName}
        </Link>
      ),
    },
    { title: '缘由', dataIndex: 'triggerLabel', key: 'trigger', width: 150 },
    { title: '事由', dataIndex: 'reason', key: 'reason', ellipsis: true },
    { title: '状态', dataIndex: 'status', key: 'status', width: 100, render: (v) => <StatusTag value={v} /> },
    { title: '登记机构', dataIndex: 'agencyName', key: 'agencyName', width: 180, ellipsis: true },
    { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', width: 150, render: (v) => <span className="nowrap">{fmtDateTime(v).slice(0, 16)}</span> },
    ...(approver || writer
      ? [{ title: '操作', key: 'op', width: 196, fixed: 'right' as const, render: (_: unknown, r: UnplannedItem) => decideButtons(r) }]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="计划外检查"
        sub="计划外检查一事一报；上级部署的专项检查、明查暗访、现场核查，以及事故、投诉举报、转办交办、突发事件、监测预警引发的检查不受计划限制"
        extra={
          writer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              登记计划外检查
            </Button>
          ) : null
        }
      />
      {approver && pendingCount ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`有 ${pendingCount} 项计划外检查待您审批`} data-testid="unplanned-pending" />
      ) : null}
      <LedgerFilters
        url={url}
        primary={{
          span: { md: 8, lg: 6 },
          node: (
            <Select
              allowClear
              placeholder="全部状态"
              aria-label="状态"
              style={{ width: '100%' }}
              options={(Object.keys(statusTags) as UnplannedStatus[]).map((s) => ({ value: s, label: statusTags[s].text }))}
              value={status}
              onChange={(v: string | undefined) => update({ status: v })}
            />
          ),
        }}
      />
      {/* the requests come whole: paged here */}
      <LedgerTable<UnplannedItem>
        url={url}
        {...pagedRows(list, items, url)}
        rowKey={(r) => r.id}
        columns={columns}
        scrollX={approver ? 1230 : 1060}
        testId="unplanned"
        noun="项计划外检查"
        unit="项"
        empty={{
          text: '暂无计划外检查',
          filtered: '没有该状态的计划外检查',
          action: writer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              登记计划外检查
            </Button>
          ) : null,
        }}
        card={(r) => (
          <div className="ent-card-inner">
            <div className="ent-card-head">
              <Link to={`/enterprises/${r.enterpriseId}`} className="ent-name-link">
                {r.enterpriseName}
              </Link>
              <StatusTag value={r.status} />
            </div>
            <div className="ent-card-meta">
              <span>{fmtDate(r.plannedDate)}</span>
              <span>{r.triggerLabel}</span>
            </div>
            <div className="ent-card-meta">{r.reason}</div>
            <div className="ent-card-agency">{r.agencyName}</div>
            {decideButtons(r) ? <div style={{ marginTop: 8 }}>{decideButtons(r)}</div> : null}
          </div>
        )}
      />
      {open ? <RegisterModal open={open} onClose={() => setOpen(false)} /> : null}
      <DecideModal item={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
