// 投诉举报台账 (R37) and 基层观测点: the staff panel. The ledger (filters, table on desktop, cards on a phone, Excel,
// overdue marks), a drawer with one complaint and its acts (transfer, accept with the R11 inspection, answer, reward),
// and the observation points. Self-contained (local filter state), so the oversight hub can embed it as a tab.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { complaintSourceLabels, complaintStatusLabels, complaintStatuses, mobileOrLandline, type ComplaintStatus } from '@anjian/domain/complaints';
import { clueBody, complaintDecisionBody, complaintReplyBody, complaintRewardBody, complaintTransferBody, staffComplaintBody } from '@anjian/domain/contract/complaints';
import { api } from '../../../api';
import { complaintsApi, type Complaint, type ComplaintDetail, type ComplaintQuery, type ObservationPoint, type StaffComplaintInput } from '../../../api/complaints';
import type { ClueInput, ComplaintDecision, ComplaintReward, ComplaintTransfer } from '@anjian/domain/contract/complaints';
import { complaintKeys, officerKeys } from '../../../api/keys';
import { useMe } from '../../../app/auth';
import { useIsMobile } from '../../../app/useIsMobile';
import { showError, showSuccess } from '../../../app/feedback';
import { CardList } from '../../../components/CardList';
import { ExportButton } from '../../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import { AgencySelect } from '../../../components/agencies';
import { contractSubmit } from '../../../lib/contractForm';
import { ledgerRows } from '../../../lib/ledgerRows';
import '../../complaints/complaints.css';

const statusColor: Record<ComplaintStatus, string> = { received: 'orange', accepted: 'blue', not_accepted: 'default', replied: 'green' };
const StatusTag = ({ c }: { c: Complaint }) => <Tag color={statusColor[c.status]}>{c.statusLabel}</Tag>;
const OverdueMark = ({ c }: { c: Complaint }) => (c.overdueLabel ? <span className="cp-overdue" data-testid="complaint-overdue">{c.overdueLabel}</span> : null);
const Who = ({ c }: { c: Complaint }) =>
  c.anonymous && !c.complainantPhone ? (
    <span className="muted">匿名</span>
  ) : (
    <span className={c.identityVisible ? undefined : 'cp-masked'} title={c.identityVisible ? undefined : '举报人信息仅承办人员可见'}>
      {c.anonymous ? '匿名' : c.complainantName} {c.complainantPhone}
    </span>
  );

export function ComplaintsPanel() {
  return (
    <Tabs
      items={[
        { key: 'ledger', label: '投诉举报台账', children: <ComplaintLedger /> },
        { key: 'points', label: '基层观测点', children: <ObservationPoints /> },
      ]}
    />
  );
}

export default function ComplaintsPage() {
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        投诉举报
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        12350热线、网上举报、来信、转办和基层观测点线索统一登记，按企业监管主体分派；5个工作日内决定是否受理，受理后立即核查，30个工作日内答复举报人。举报人信息仅承办人员可见。
      </Typography.Paragraph>
      <ComplaintsPanel />
    </>
  );
}

const filterKeys = ['q', 'status', 'source', 'overdue'] as const;
const statusOptions = complaintStatuses.map((s) => ({ value: s, label: complaintStatusLabels[s] }));
const sourceOptions = Object.entries(complaintSourceLabels).map(([value, label]) => ({ value, label }));
const oneOf = <T extends string>(options: { value: string }[], v: string | undefined) => (options.some((o) => o.value === v) ? (v as T) : undefined);

function ComplaintLedger() {
  const { data: me } = useMe();
  const url = useLedgerUrl(filterKeys);
  const { values, update, page, pageSize } = url;
  // ?id= opens one complaint (links from oversight alerts)
  const [openId, setOpenId] = useState<number | null>(() => (Number(values.id) > 0 ? Number(values.id) : null));
  const [intake, setIntake] = useState(false);
  const filters: ComplaintQuery = useMemo(
    () => ({
      q: values.q,
      status: oneOf<ComplaintStatus>(statusOptions, values.status),
      source: oneOf<NonNullable<ComplaintQuery['source']>>(sourceOptions, values.source),
      overdue: values.overdue === '1' ? '1' : undefined,
    }),
    [values],
  );
  const query = { ...filters, page, pageSize };
  const list = useQuery({ queryKey: complaintKeys.list(query), queryFn: () => complaintsApi.list(query), placeholderData: keepPreviousData });
  const staff = me?.role === 'officer' || me?.role === 'leader';

  const columns: TableColumnsType<Complaint> = [
    { title: '登记号', dataIndex: 'id', width: 72 },
    { title: '收到日期', dataIndex: 'receivedOn', width: 104 },
    { title: '来源', dataIndex: 'sourceLabel', width: 100 },
    {
      title: '被举报单位',
      dataIndex: 'enterpriseName',
      render: (v: string, c) => (
        <>
          <a onClick={() => setOpenId(c.id)} data-testid="complaint-link">
            {v}
          </a>
          <div className="muted cp-line">{c.content}</div>
        </>
      ),
    },
    { title: '举报人', key: 'who', width: 160, render: (_: unknown, c) => <Who c={c} /> },
    { title: '承办机构', dataIndex: 'agencyName', width: 180 },
    { title: '状态', key: 'status', width: 120, render: (_: unknown, c) => <StatusTag c={c} /> },
    {
      title: '期限',
      key: 'due',
      width: 150,
      render: (_: unknown, c) => (
        <>
          {c.status === 'received' ? `受理 ${c.acceptDue}` : c.status === 'accepted' ? `答复 ${c.replyDue}` : c.repliedOn ? `已于 ${c.repliedOn} 答复` : '—'}
          <div>
            <OverdueMark c={c} />
          </div>
        </>
      ),
    },
  ];

  return (
    <>
      <Space wrap className="cp-actions">
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
          刷新
        </Button>
        <ExportButton path="/complaints/export" query={{ ...filters }} fileName="投诉举报台账.xlsx" testId="complaint-export" />
        {staff ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntake(true)}>
            登记
          </Button>
        ) : null}
      </Space>
      <LedgerFilters
        url={url}
        search={{ placeholder: '被举报单位 / 信用代码', ariaLabel: '搜索投诉举报' }}
        primary={{ node: <Select allowClear placeholder="状态" aria-label="状态" style={{ width: '100%' }} value={filters.status} options={statusOptions} onChange={(v?: string) => update({ status: v })} /> }}
        flags={
          <Checkbox checked={filters.overdue === '1'} onChange={(e) => update({ overdue: e.target.checked ? '1' : undefined })} data-testid="filter-overdue">
            只看逾期
          </Checkbox>
        }
      >
        <Col xs={24} md={6} lg={4}>
          <Select allowClear placeholder="来源" aria-label="来源" style={{ width: '100%' }} value={filters.source} options={sourceOptions} onChange={(v?: string) => update({ source: v })} />
        </Col>
      </LedgerFilters>
      <LedgerTable<Complaint>
        url={url}
        {...ledgerRows(list)}
        rowKey={(c) => c.id}
        columns={columns}
        size="small"
        scrollX={1000}
        testId="complaint"
        noun="件投诉举报"
        unit="件"
        empty={{ text: '暂无投诉举报', filtered: '没有符合条件的投诉举报' }}
        onCardClick={(c) => setOpenId(c.id)}
        card={(c) => (
          <>
            <div className="cp-card-title">
              {c.enterpriseName} <StatusTag c={c} />
            </div>
            <div className="muted cp-line">{c.content}</div>
            <div className="cp-card-meta">
              <span>{c.receivedOn}</span>
              <span>{c.sourceLabel}</span>
              <span>{c.agencyName}</span>
              <OverdueMark c={c} />
            </div>
          </>
        )}
      />
      <ComplaintDrawer id={openId} onClose={() => setOpenId(null)} />
      {intake ? <IntakeModal onClose={() => setIntake(false)} /> : null}
    </>
  );
}

function IntakeModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<StaffComplaintInput & { received?: dayjs.Dayjs }>();
  const qc = useQueryClient();
  const source = Form.useWatch('source', form);
  const anonymous = Form.useWatch('anonymous', form);
  const m = useMutation({
    mutationFn: (body: StaffComplaintInput) => complaintsApi.create(body),
    onSuccess: (r) => {
      showSuccess(r.visible ? `已登记，分派至${r.agencyName}（${r.routingLabel}）` : `已登记并分派至有管辖权的${r.agencyName}`);
      void qc.invalidateQueries({ queryKey: complaintKeys.all });
      onClose();
    },
    onError: showError,
  });
  const onFinish = contractSubmit(form, staffComplaintBody, (body) => m.mutate(body), {
    toBody: ({ received, ...rest }) => ({ ...rest, receivedOn: received?.format('YYYY-MM-DD'), anonymous: !!rest.anonymous }),
    fields: { receivedOn: 'received' },
    onFormError: showError,
  });
  return (
    <Modal open title="登记投诉举报" okText="登记" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ source: 'hotline', anonymous: false }} onFinish={onFinish}>
        <Form.Item name="source" label="来源">
          <Radio.Group
            options={[
              { value: 'hotline', label: '12350热线' },
              { value: 'letter', label: '来信' },
              { value: 'transfer', label: '其他部门转办' },
            ]}
          />
        </Form.Item>
        {source === 'transfer' ? (
          <Form.Item name="transferredFrom" label="转办单位" rules={[{ required: true, whitespace: true, message: '请填写转办单位' }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        <Form.Item name="received" label="收到日期（默认今天）">
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="enterpriseName" label="被举报单位" required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="creditCode" label="统一社会信用代码">
          <Input maxLength={18} className="mono" />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="举报内容" rules={[{ required: true, min: 10, message: '请填写举报内容（不少于10个字）' }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="anonymous" valuePropName="checked">
          <Checkbox>匿名举报</Checkbox>
        </Form.Item>
        {anonymous ? null : (
          <Form.Item name="complainantName" label="举报人姓名">
            <Input maxLength={50} />
          </Form.Item>
        )}
        <Form.Item name="complainantPhone" label="联系电话" rules={[{ pattern: mobileOrLandline, message: '电话号码不正确' }]}>
          <Input maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ComplaintDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { data: c, isLoading } = useQuery({ queryKey: complaintKeys.detail(id), queryFn: () => complaintsApi.get(id!), enabled: id != null });
  const [act, setAct] = useState<null | 'transfer' | 'accept' | 'reply' | 'reward'>(null);
  const done = (text: string) => {
    showSuccess(text);
    setAct(null);
    void qc.invalidateQueries({ queryKey: complaintKeys.all });
  };
  const staffOfHandler = c && me?.agency?.id === c.agencyId && (me.role === 'officer' || me.role === 'leader');
  const mayTransfer = c && c.status === 'received' && (staffOfHandler || me?.role === 'leader');
  return (
    <Drawer open={id != null} onClose={onClose} size={isMobile ? '100%' : 640} title={c ? `投诉举报 第${c.id}号` : '投诉举报'} destroyOnHidden>
      {isLoading || !c ? null : (
        <div data-testid="complaint-detail">
          {c.overdueLabel ? <Alert type="error" showIcon message={`${c.overdueLabel}：${c.status === 'received' ? `应于${c.acceptDue}前作出受理决定` : `应于${c.replyDue}前答复举报人`}`} style={{ marginBottom: 12 }} /> : null}
          <Space wrap style={{ marginBottom: 12 }}>
            {c.mayHandle && c.status === 'received' ? (
              <Button type="primary" onClick={() => setAct('accept')} data-testid="complaint-accept">
                受理决定
              </Button>
            ) : null}
            {c.mayHandle && c.status === 'accepted' ? (
              <Button type="primary" onClick={() => setAct('reply')} data-testid="complaint-reply-btn">
                答复举报人
              </Button>
            ) : null}
            {mayTransfer ? <Button onClick={() => setAct('transfer')}>转交</Button> : null}
            {c.mayReward ? <Button onClick={() => setAct('reward')}>举报奖励</Button> : null}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <StatusTag c={c} /> <OverdueMark c={c} />
            </Descriptions.Item>
            <Descriptions.Item label="来源">
              {c.sourceLabel}
              {c.transferredFrom ? `（${c.transferredFrom}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="收到日期">{c.receivedOn}</Descriptions.Item>
            <Descriptions.Item label="被举报单位">
              {c.enterpriseId ? <Link to={`/enterprises/${c.enterpriseId}`}>{c.enterpriseName}</Link> : c.enterpriseName}
              {c.creditCode ? <div className="muted mono">{c.creditCode}</div> : null}
              {c.address ? <div className="muted">{c.address}</div> : null}
            </Descriptions.Item>
            <Descriptions.Item label="举报内容">
              <div className="cp-content">{c.content}</div>
            </Descriptions.Item>
            <Descriptions.Item label="举报人">
              <Who c={c} />
              {c.identityVisible ? null : <div className="muted">举报人信息仅承办机构的执法人员和执法监督人员可见</div>}
            </Descriptions.Item>
            {c.trackingCode ? <Descriptions.Item label="查询码">{<span className="mono">{c.trackingCode}</span>}</Descriptions.Item> : null}
            <Descriptions.Item label="承办机构">
              {c.agencyName}
              <div className="muted">{c.routingLabel}</div>
            </Descriptions.Item>
            <Descriptions.Item label="受理期限">{c.acceptDue}</Descriptions.Item>
            {c.decidedOn ? (
              <Descriptions.Item label={c.status === 'not_accepted' ? '不予受理' : '受理日期'}>
                {c.decidedOn}
                {c.decisionReason ? <div>{c.decisionReason}</div> : null}
              </Descriptions.Item>
            ) : null}
            {c.replyDue ? <Descriptions.Item label="答复期限">{c.replyDue}</Descriptions.Item> : null}
            {c.inspection ? (
              <Descriptions.Item label="核查检查">
                <Link to={`/inspections/${c.inspection.id}`} data-testid="complaint-inspection">
                  第{c.inspection.id}号检查（{c.inspection.statusLabel}，{c.inspection.plannedDate}）
                </Link>
              </Descriptions.Item>
            ) : null}
            {c.replyText ? (
              <Descriptions.Item label={`答复（${c.repliedOn}）`}>
                <div className="cp-content">{c.replyText}</div>
              </Descriptions.Item>
            ) : null}
            {c.rewardAmount != null ? (
              <Descriptions.Item label="举报奖励">
                {c.rewardAmount.toLocaleString('zh-CN')} 元（{c.rewardOn}）<div>{c.rewardDecision}</div>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {c.transfers.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                转交记录
              </Typography.Title>
              <Timeline
                items={c.transfers.map((t) => ({
                  children: (
                    <>
                      <div>
                        {dayjs(t.at).format('YYYY-MM-DD HH:mm')} {t.fromAgencyName ?? ''} → {t.toAgencyName}
                      </div>
                      <div className="muted">
                        {t.reason}
                        {t.byName ? `（${t.byName}）` : ''}
                      </div>
                    </>
                  ),
                }))}
              />
            </>
          ) : null}
          {act === 'accept' ? <AcceptModal c={c} onClose={() => setAct(null)} onDone={done} /> : null}
          {act === 'reply' ? <ReplyModal c={c} onClose={() => setAct(null)} onDone={done} /> : null}
          {act === 'transfer' ? <TransferModal c={c} onClose={() => setAct(null)} onDone={done} /> : null}
          {act === 'reward' ? <RewardModal c={c} onClose={() => setAct(null)} onDone={done} /> : null}
        </div>
      )}
    </Drawer>
  );
}

interface ActProps {
  c: ComplaintDetail;
  onClose: () => void;
  onDone: (text: string) => void;
}

function AcceptModal({ c, onClose, onDone }: ActProps) {
  const { data: me } = useMe();
  const [form] = Form.useForm<{ accept: boolean; reason?: string; officerIds?: number[]; plannedDate?: dayjs.Dayjs; legalBasis?: string }>();
  const accept = Form.useWatch('accept', form) ?? true;
  const officers = useQuery({
    queryKey: officerKeys.list({ agencyId: me?.agency?.id, pageSize: 200 }),
    queryFn: () => api.officers({ agencyId: me!.agency!.id, pageSize: 200 }),
    enabled: !!me?.agency && !!c.enterpriseId,
  });
  const options = useMemo(() => (officers.data?.items ?? []).filter((o) => !o.enforcementBlocked).map((o) => ({ value: o.id, label: `${o.name}（${o.credentialNo}）` })), [officers.data]);
  const m = useMutation({
    mutationFn: (body: ComplaintDecision) => complaintsApi.decide(c.id, body),
    onSuccess: (d) => onDone(d.status === 'accepted' ? (d.inspection ? `已受理，已立即安排第${d.inspection.id}号核查检查` : '已受理') : '已决定不予受理，理由将告知举报人'),
    onError: showError,
  });
  const onFinish = contractSubmit(form, complaintDecisionBody, (body) => m.mutate(body), {
    toBody: (v) => ({ accept: v.accept, reason: v.reason, officerIds: v.accept ? v.officerIds : undefined, plannedDate: v.accept ? v.plannedDate?.format('YYYY-MM-DD') : undefined, legalBasis: v.legalBasis || undefined }),
    onFormError: showError,
  });
  return (
    <Modal open title="受理决定" okText="确定" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending}>
      <Form form={form} layout="vertical" initialValues={{ accept: true, plannedDate: dayjs() }} onFinish={onFinish}>
        <Form.Item name="accept">
          <Radio.Group
            options={[
              { value: true, label: '受理' },
              { value: false, label: '不予受理' },
            ]}
          />
        </Form.Item>
        {accept && c.enterpriseId ? (
          <>
            <Alert type="info" showIcon message="受理后立即开展核查检查（投诉举报引发的检查不受年度计划限制），请选派两名以上执法人员" style={{ marginBottom: 12 }} />
            <Form.Item name="officerIds" label="检查人员" rules={[{ required: true, type: 'array', min: 2, message: '请选择两名以上执法人员' }]}>
              <Select mode="multiple" options={options} loading={officers.isLoading} optionFilterProp="label" data-testid="accept-officers" />
            </Form.Item>
            <Form.Item name="plannedDate" label="检查日期">
              <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(15, 'day'), 'day')} />
            </Form.Item>
            <Form.Item name="legalBasis" label="法律依据（默认：安全生产法第六十五条、第七十三条）">
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {accept && !c.enterpriseId ? <Alert type="warning" showIcon message="被举报单位未在企业名录中匹配到，受理后请核实并另行安排检查" style={{ marginBottom: 12 }} /> : null}
        <Form.Item name="reason" label={accept ? '说明（可选）' : '不予受理的理由（将告知举报人）'} rules={accept ? [] : [{ required: true, min: 5, message: '请写明理由（不少于5个字）' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReplyModal({ c, onClose, onDone }: ActProps) {
  const [form] = Form.useForm<{ text: string }>();
  const m = useMutation({ mutationFn: (text: string) => complaintsApi.reply(c.id, text), onSuccess: () => onDone('已答复，举报人可凭查询码查看'), onError: showError });
  return (
    <Modal open title="答复举报人" okText="答复" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending}>
      <Typography.Paragraph type="secondary">答复内容将显示在举报人的查询页面，请写明核查和处理情况，不要写入举报人信息。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={contractSubmit(form, complaintReplyBody, (b) => m.mutate(b.text), { onFormError: showError })}>
        <Form.Item name="text" label="答复内容" required>
          <Input.TextArea rows={6} maxLength={4000} showCount data-testid="reply-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TransferModal({ c, onClose, onDone }: ActProps) {
  const [form] = Form.useForm<{ target: 'superior' | 'agency'; toAgencyId?: number; reason: string }>();
  const target = Form.useWatch('target', form) ?? 'agency';
  const m = useMutation({
    mutationFn: (body: ComplaintTransfer) => complaintsApi.transfer(c.id, body),
    onSuccess: (r) => onDone(`已转交${r.agencyName}`),
    onError: showError,
  });
  const onFinish = contractSubmit(form, complaintTransferBody, (body) => m.mutate(body), {
    toBody: (v) => (v.target === 'superior' ? { toSuperior: true, reason: v.reason } : { toAgencyId: v.toAgencyId, reason: v.reason }),
    onFormError: showError,
  });
  return (
    <Modal open title="转交有管辖权的机构" okText="转交" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending}>
      <Form form={form} layout="vertical" initialValues={{ target: 'agency' }} onFinish={onFinish}>
        <Form.Item name="target">
          <Radio.Group
            options={[
              { value: 'agency', label: '转交本辖区内的机构' },
              { value: 'superior', label: '报上级机构分派（不属本辖区）' },
            ]}
          />
        </Form.Item>
        {target === 'agency' ? (
          <Form.Item name="toAgencyId" label="接收机构" rules={[{ required: true, message: '请选择接收机构' }]}>
            <AgencySelect filter={(a) => a.id !== c.agencyId} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label="转交理由" required>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RewardModal({ c, onClose, onDone }: ActProps) {
  const [form] = Form.useForm<{ amount: number; rewardOn: dayjs.Dayjs; decision: string }>();
  const m = useMutation({
    mutationFn: (body: ComplaintReward) => complaintsApi.reward(c.id, body),
    onSuccess: () => onDone('举报奖励已记录'),
    onError: showError,
  });
  const onFinish = contractSubmit(form, complaintRewardBody, (body) => m.mutate(body), {
    toBody: (v) => ({ amount: v.amount, rewardOn: v.rewardOn?.format('YYYY-MM-DD'), decision: v.decision }),
    onFormError: showError,
  });
  return (
    <Modal open title="举报奖励" okText="记录" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending}>
      <Form form={form} layout="vertical" initialValues={{ rewardOn: dayjs() }} onFinish={onFinish}>
        <Form.Item name="amount" label="奖励金额（元）" required>
          <InputNumber min={1} max={10_000_000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="rewardOn" label="决定日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="decision" label="奖励决定" required>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ObservationPoints() {
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const { data, isFetching } = useQuery({ queryKey: complaintKeys.points, queryFn: complaintsApi.points });
  const [agencyId, setAgencyId] = useState<number | undefined>();
  const [clueFor, setClueFor] = useState<ObservationPoint | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: complaintKeys.points });
  const designate = useMutation({ mutationFn: () => complaintsApi.designate({ agencyId: agencyId! }), onSuccess: () => (showSuccess('已确定为基层观测点'), setAgencyId(undefined), refresh()), onError: showError });
  const remove = useMutation({ mutationFn: (id: number) => complaintsApi.removePoint(id), onSuccess: () => (showSuccess('已撤销'), refresh()), onError: showError });
  const items = data?.items ?? [];
  const actions = (p: ObservationPoint) => (
    <Space>
      {p.mayReport ? (
        <Button size="small" type="primary" onClick={() => setClueFor(p)}>
          报送线索
        </Button>
      ) : null}
      {p.mayRemove ? (
        <Popconfirm title="撤销该基层观测点？" okText="撤销" cancelText="取消" onConfirm={() => remove.mutate(p.id)}>
          <Button size="small" danger>
            撤销
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
  return (
    <>
      <Typography.Paragraph type="secondary">
        省、市应急管理部门分别确定若干乡镇（街道）作为基层观测点，了解收集下级执法情况；观测点报送的线索按投诉举报登记和办理，由确定观测点的部门承办。
      </Typography.Paragraph>
      {data?.mayDesignate ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap style={{ width: '100%' }}>
            <AgencySelect style={{ minWidth: 260 }} placeholder="选择乡镇（街道）" value={agencyId} onChange={setAgencyId} filter={(a) => a.level === 'township'} />
            <Button type="primary" disabled={!agencyId} loading={designate.isPending} onClick={() => designate.mutate()}>
              确定为观测点
            </Button>
          </Space>
        </Card>
      ) : null}
      {isMobile ? (
        <CardList
          items={items}
          loading={isFetching}
          rowKey={(p) => p.id}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无基层观测点" />}
          render={(p) => (
            <>
              <div className="cp-card-title">{p.agencyName}</div>
              <div className="cp-card-meta">
                <span>确定部门：{p.designatedByName}</span>
                <span>线索 {p.clueCount} 条</span>
              </div>
              <div style={{ marginTop: 6 }}>{actions(p)}</div>
            </>
          )}
        />
      ) : (
        <Table<ObservationPoint>
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: '暂无基层观测点' }}
          columns={[
            { title: '观测点（乡镇、街道）', dataIndex: 'agencyName' },
            { title: '确定部门', dataIndex: 'designatedByName' },
            { title: '确定日期', dataIndex: 'designatedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
            { title: '报送线索', dataIndex: 'clueCount', width: 96 },
            { title: '操作', key: 'act', width: 180, render: (_: unknown, p) => actions(p) },
          ]}
        />
      )}
      {clueFor ? <ClueModal point={clueFor} onClose={() => setClueFor(null)} onDone={() => (setClueFor(null), refresh())} /> : null}
    </>
  );
}

function ClueModal({ point, onClose, onDone }: { point: ObservationPoint; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ enterpriseName: string; content: string; address?: string }>();
  const m = useMutation({
    mutationFn: (body: ClueInput) => complaintsApi.clue(point.id, body),
    onSuccess: (r) => (showSuccess(`线索已报送${r.agencyName}，应于${r.acceptDue}前决定是否受理`), onDone()),
    onError: showError,
  });
  return (
    <Modal open title={`报送线索（${point.agencyName}）`} okText="报送" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending}>
      <Form form={form} layout="vertical" onFinish={contractSubmit(form, clueBody, (body) => m.mutate(body), { onFormError: showError })}>
        <Form.Item name="enterpriseName" label="被反映单位（企业或执法机构）" required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="反映的问题" required>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
