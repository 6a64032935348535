// 回访 (follow-up visits to inspected enterprises): the period's draw (verifiable: seed and input hash), the ledger of
// visits (table on the desktop, cards on the phone, Excel export), the visit record with the questionnaire of the
// provincial opinions' 附件3, the 核查事项 its answers open, the statistics (an agency below 10 % is flagged) and each
// agency's sampling ratio. For the oversight staff and leaders; embedded as a tab of the oversight hub.
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, ExperimentOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { followUpMethodLabels, followUpQuestionnaire, followUpReasonLabels, followUpStatusLabels } from '@anjian/domain/followup';
import { followUpRatioBody, followUpRecordBody, followUpResolveBody, type FollowUpRecordInput, type FollowUpResolveInput } from '@anjian/domain/contract/followup';
import { errorMessage } from '../../../api';
import { followUpsApi, type FollowUpDetail, type FollowUpQuery, type FollowUpRow } from '../../../api/followup';
import { followUpKeys } from '../../../api/keys';
import { useMe } from '../../../app/auth';
import { fmtDateTime } from '../../../app/format';
import { useIsMobile } from '../../../app/useIsMobile';
import { CardList } from '../../../components/CardList';
import { ExportButton } from '../../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import { contractSubmit } from '../../../lib/contractForm';
import { ledgerRows } from '../../../lib/ledgerRows';
import './followups.css';

const MANAGERS = ['leader', 'oversight'];

function StatusTag({ row }: { row: Pick<FollowUpRow, 'status' | 'statusLabel'> }) {
  return <Tag color={row.status === 'visited' ? 'green' : 'gold'}>{row.statusLabel}</Tag>;
}
function ReasonTag({ row }: { row: Pick<FollowUpRow, 'reason' | 'reasonLabel'> }) {
  return <Tag color={row.reason === 'random' ? 'blue' : 'volcano'}>{row.reasonLabel}</Tag>;
}
function MatterTag({ row }: { row: Pick<FollowUpRow, 'matters' | 'openMatters'> }) {
  if (!row.matters) return null;
  return <Tag color={row.openMatters ? 'red' : 'default'} icon={<WarningOutlined />}>{row.openMatters ? `待核查 ${row.openMatters} 项` : `核查已办结 ${row.matters} 项`}</Tag>;
}

export function FollowUpsPanel() {
  const { data: me } = useMe();
  const manager = !!me && MANAGERS.includes(me.role);
  const [tab, setTab] = useState('ledger');
  const [drawOpen, setDrawOpen] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <div className="fu-panel" data-testid="follow-ups-panel">
      <div className="fu-head">
        <Typography.Paragraph type="secondary" className="fu-intro">
          按比例从本机构已完成检查的企业中随机抽取回访对象（企业评价差的必回访），按回访问题清单逐项记录；发现执法人员违规线索的，自动形成核查事项。
        </Typography.Paragraph>
        {manager ? (
          <Button type="primary" icon={<ExperimentOutlined />} onClick={() => setDrawOpen(true)} data-testid="fu-draw-open">
            抽取回访对象
          </Button>
        ) : null}
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'ledger', label: '回访台账', children: <Ledger onOpen={setOpenId} /> },
          { key: 'stats', label: '回访统计', children: <Stats /> },
          { key: 'draws', label: '抽查记录', children: <Draws /> },
          { key: 'ratios', label: '回访比例', children: <Ratios manager={manager} /> },
        ]}
      />
      <DrawModal open={drawOpen} onClose={() => setDrawOpen(false)} onDrawn={() => setTab('ledger')} />
      <FollowUpDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

// ---------- draw ----------

function DrawModal({ open, onClose, onDrawn }: { open: boolean; onClose: () => void; onDrawn: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const start = month.startOf('month').format('YYYY-MM-DD');
  const end = month.endOf('month').format('YYYY-MM-DD');
  const m = useMutation({
    mutationFn: () => followUpsApi.draw(start, end),
    onSuccess: (d) => {
      message.success(`已抽取 ${d.items.length} 家企业（应抽 ${d.required} 家，另含必回访 ${d.items.filter((x) => x.reason !== 'random').length} 家）`);
      void qc.invalidateQueries({ queryKey: followUpKeys.all });
      onDrawn();
      onClose();
    },
  });
  return (
    <Modal open={open} title="抽取回访对象" onCancel={onClose} onOk={() => m.mutate()} okText="抽取" cancelText="取消" confirmLoading={m.isPending} okButtonProps={{ 'data-testid': 'fu-draw-submit' } as never} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          回访期间（按自然月）：
          <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'month')} aria-label="回访月份" />
        </div>
        <Typography.Text type="secondary">
          从本机构 {start} 至 {end} 完成检查的企业中按本机构的回访比例随机抽取；该期间企业评价差的检查全部纳入。抽取结果和随机种子、输入数据哈希一并留存，任何人可复核。
        </Typography.Text>
        {m.error ? <Alert type="error" showIcon message={errorMessage(m.error)} /> : null}
      </Space>
    </Modal>
  );
}

// ---------- ledger ----------

const filterKeys = ['q', 'status', 'reason', 'hasMatters'] as const;
const statusOptions = Object.entries(followUpStatusLabels).map(([value, label]) => ({ value, label }));
const reasonOptions = Object.entries(followUpReasonLabels).map(([value, label]) => ({ value, label }));
const matterOptions = [
  { value: 'true', label: '有核查事项' },
  { value: 'false', label: '无核查事项' },
];
const known = (options: { value: string }[], v: string | undefined) => (options.some((o) => o.value === v) ? v : undefined);

function Ledger({ onOpen }: { onOpen: (id: number) => void }) {
  const url = useLedgerUrl(filterKeys);
  const { values, update, page, pageSize } = url;
  const filters: FollowUpQuery = useMemo(
    () => ({
      q: values.q,
      status: known(statusOptions, values.status) as FollowUpQuery['status'],
      reason: known(reasonOptions, values.reason) as FollowUpQuery['reason'],
      hasMatters: values.hasMatters === 'true' ? true : values.hasMatters === 'false' ? false : undefined,
    }),
    [values],
  );
  const query = { ...filters, page, pageSize };
  const q = useQuery({ queryKey: followUpKeys.list(query), queryFn: () => followUpsApi.list(query), placeholderData: keepPreviousData });
  const openButton = (r: FollowUpRow, block = false) => (
    <Button size={block ? 'middle' : 'small'} block={block} type={r.status === 'pending' ? 'primary' : 'default'} onClick={() => onOpen(r.id)} data-testid="fu-open">
      {r.status === 'pending' ? '记录回访' : block ? '查看回访记录' : '查看'}
    </Button>
  );
  const columns: TableColumnsType<FollowUpRow> = [
    { title: '企业', key: 'ent', render: (_: unknown, r) => <><div>{r.enterpriseName}</div><div className="muted mono">{r.creditCode}</div></> },
    { title: '检查', key: 'insp', width: 190, render: (_: unknown, r) => <><div className="mono">{r.inspectedOn}</div><div className="muted">{r.officerNames}</div></> },
    { title: '抽取', key: 'reason', width: 140, render: (_: unknown, r) => <ReasonTag row={r} /> },
    { title: '机构', dataIndex: 'agencyName', key: 'agency', width: 160 },
    { title: '回访', key: 'visit', width: 200, render: (_: unknown, r) => <><StatusTag row={r} />{r.visitedOn ? <span className="mono">{r.visitedOn} {r.methodLabel}</span> : null}<div><MatterTag row={r} /></div></> },
    { title: '', key: 'act', width: 100, render: (_: unknown, r) => openButton(r) },
  ];
  const select = (key: (typeof filterKeys)[number], label: string, options: { value: string; label: string }[]) => (
    <Select placeholder={label} aria-label={label} allowClear style={{ width: '100%' }} value={known(options, values[key])} onChange={(v?: string) => update({ [key]: v })} options={options} />
  );
  return (
    <div>
      <div className="fu-export">
        <ExportButton path="/follow-ups/export" query={{ ...filters }} fileName="回访台账.xlsx" testId="fu-export" />
      </div>
      <LedgerFilters url={url} search={{ placeholder: '企业名称', ariaLabel: '企业名称' }} primary={{ node: select('status', '回访状态', statusOptions) }}>
        <Col xs={12} md={6} lg={5}>
          {select('reason', '抽取方式', reasonOptions)}
        </Col>
        <Col xs={12} md={6} lg={5}>
          {select('hasMatters', '核查事项', matterOptions)}
        </Col>
      </LedgerFilters>
      <LedgerTable<FollowUpRow>
        url={url}
        {...ledgerRows(q)}
        rowKey={(r) => r.id}
        columns={columns}
        scrollX={960}
        testId="fu"
        noun="条回访"
        unit="条"
        empty={{ text: '暂无回访对象，请先抽取', filtered: '没有符合条件的回访' }}
        card={(r) => (
          <>
            <div className="fu-card-head">
              <strong>{r.enterpriseName}</strong>
              <StatusTag row={r} />
            </div>
            <div className="muted">检查 {r.inspectedOn} · {r.officerNames}</div>
            <div className="fu-card-tags">
              <ReasonTag row={r} />
              {r.visitedOn ? <Tag>{r.visitedOn} {r.methodLabel}</Tag> : null}
              <MatterTag row={r} />
            </div>
            {openButton(r, true)}
          </>
        )}
      />
    </div>
  );
}

// ---------- one follow-up: record form, record, matters ----------

function FollowUpDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const q = useQuery({ queryKey: followUpKeys.detail(id), queryFn: () => followUpsApi.detail(id!), enabled: id != null });
  const d = q.data;
  return (
    <Drawer open={id != null} onClose={onClose} size={isMobile ? '100%' : 720} title={d ? d.enterpriseName : '回访'} destroyOnHidden>
      {q.error ? <Alert type="error" showIcon message={errorMessage(q.error)} /> : null}
      {d ? (
        <div data-testid="fu-detail">
          <Descriptions size="small" column={isMobile ? 1 : 2} bordered items={[
            { key: 'a', label: '执法机构', children: d.agencyName },
            { key: 'b', label: '检查完成', children: d.inspectedOn },
            { key: 'c', label: '执法人员', children: d.officerNames },
            { key: 'd', label: '抽取方式', children: <ReasonTag row={d} /> },
            { key: 'e', label: '抽查期间', children: `${d.periodStart} 至 ${d.periodEnd}` },
            { key: 'f', label: '状态', children: <StatusTag row={d} /> },
          ]} />
          {d.status === 'pending' ? d.mayRecord ? <RecordForm detail={d} /> : <Alert className="fu-gap" type="info" showIcon message="该回访由抽取机构的执法监督人员或负责人记录" /> : <RecordView detail={d} />}
          {d.matterList.length ? <Matters detail={d} /> : null}
        </div>
      ) : null}
    </Drawer>
  );
}

interface RecordValues {
  method: 'phone' | 'onsite';
  visitedOn?: Dayjs;
  visitors?: string;
  contactPerson?: string;
  answers?: Record<string, string>;
  notes?: Record<string, string | undefined>;
  comment?: string;
}

function RecordForm({ detail }: { detail: FollowUpDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<RecordValues>();
  const m = useMutation({
    mutationFn: (body: FollowUpRecordInput) => followUpsApi.record(detail.id, body),
    onSuccess: (d) => {
      message.success(d.matterList.length ? `回访已记录，发现 ${d.matterList.length} 项问题线索，已形成核查事项` : '回访已记录');
      qc.setQueryData(followUpKeys.detail(detail.id), d);
      void qc.invalidateQueries({ queryKey: followUpKeys.lists });
      void qc.invalidateQueries({ queryKey: followUpKeys.allStats });
    },
  });
  const onFinish = contractSubmit(form, followUpRecordBody, (body) => m.mutate(body), {
    toBody: (v: RecordValues) => ({
      method: v.method,
      visitedOn: v.visitedOn?.format('YYYY-MM-DD'),
      visitors: v.visitors,
      contactPerson: v.contactPerson,
      answers: v.answers,
      notes: Object.fromEntries(Object.entries(v.notes ?? {}).filter((e): e is [string, string] => !!e[1]?.trim())),
      comment: v.comment ?? '',
    }),
    onFormError: (text) => message.error(text),
  });
  return (
    <Form form={form} layout="vertical" className="fu-gap fu-form" onFinish={onFinish} initialValues={{ method: 'phone', visitedOn: dayjs() }} scrollToFirstError>
      <Typography.Title level={5}>回访记录</Typography.Title>
      <Form.Item name="method" label="回访方式" required>
        <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(followUpMethodLabels).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="visitedOn" label="回访日期" rules={[{ required: true, message: '请选择回访日期' }]}>
        <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.format('YYYY-MM-DD') < detail.inspectedOn} style={{ width: '100%', maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="visitors" label="回访人员" required>
        <Input maxLength={100} placeholder="如：王某、李某" />
      </Form.Item>
      <Form.Item name="contactPerson" label="企业受访人" required>
        <Input maxLength={50} placeholder="姓名及职务" />
      </Form.Item>
      <Typography.Title level={5}>行政相对人回访问题清单</Typography.Title>
      {followUpQuestionnaire.map((item) => (
        <Card key={item.no} size="small" className="fu-item" title={<span className="fu-item-title">{item.no}. {item.text}</span>} data-testid={`fu-item-${item.no}`}>
          {item.questions.map((q) => (
            <Form.Item key={q.key} name={['answers', q.key]} label={q.text} rules={[{ required: true, message: `请回答：${q.text}` }]}>
              <Radio.Group className="fu-radios" options={q.options.map((o) => ({ value: o.value, label: o.label }))} data-testid={`fu-q-${q.key}`} />
            </Form.Item>
          ))}
          <Form.Item name={['notes', String(item.no)]} label={item.noteLabel} className="fu-note">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
        </Card>
      ))}
      <Form.Item name="comment" label="其他意见">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      {m.error ? <Alert type="error" showIcon message={errorMessage(m.error)} className="fu-gap" /> : null}
      <Button type="primary" htmlType="submit" block loading={m.isPending} data-testid="fu-record-submit">
        保存回访记录
      </Button>
    </Form>
  );
}

function RecordView({ detail }: { detail: FollowUpDetail }) {
  return (
    <div className="fu-gap" data-testid="fu-record">
      <Descriptions size="small" column={1} bordered items={[
        { key: 'm', label: '回访方式', children: detail.methodLabel },
        { key: 'd', label: '回访日期', children: detail.visitedOn },
        { key: 'v', label: '回访人员', children: detail.visitors },
        { key: 'c', label: '企业受访人', children: detail.contactPerson },
        { key: 'r', label: '记录人', children: `${detail.recordedByName ?? ''} ${fmtDateTime(detail.recordedAt)}` },
      ]} />
      {followUpQuestionnaire.map((item) => (
        <div key={item.no} className="fu-answer">
          <div className="fu-item-title">{item.no}. {item.text}</div>
          {item.questions.map((q) => {
            const o = q.options.find((x) => x.value === detail.answers[q.key]);
            return (
              <div key={q.key}>
                {q.text}：{o?.concern ? <Tag color="red">{o.label}</Tag> : <strong>{o?.label ?? '未作答'}</strong>}
              </div>
            );
          })}
          {detail.notes[String(item.no)] ? <div className="muted">{item.noteLabel}：{detail.notes[String(item.no)]}</div> : null}
        </div>
      ))}
      {detail.comment ? <div className="fu-answer">其他意见：{detail.comment}</div> : null}
    </div>
  );
}

function Matters({ detail }: { detail: FollowUpDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [resolving, setResolving] = useState<number | null>(null);
  const [form] = Form.useForm<FollowUpResolveInput>();
  const m = useMutation({
    mutationFn: (v: FollowUpResolveInput) => followUpsApi.resolve(detail.id, resolving!, v),
    onSuccess: (d) => {
      message.success('核查事项已办结');
      qc.setQueryData(followUpKeys.detail(detail.id), d);
      void qc.invalidateQueries({ queryKey: followUpKeys.lists });
      setResolving(null);
      form.resetFields();
    },
  });
  return (
    <div className="fu-gap" data-testid="fu-matters">
      <Typography.Title level={5}>核查事项</Typography.Title>
      {detail.matterList.map((x) => (
        <Card key={x.id} size="small" className="fu-item" data-testid="fu-matter">
          <div className="fu-card-head">
            <strong>{x.concern}</strong>
            <Tag color={x.status === 'open' ? 'red' : 'green'}>{x.statusLabel}</Tag>
          </div>
          <div className="muted">涉及执法人员：{x.officerNames || '—'}</div>
          {x.status === 'resolved' ? (
            <div>
              <div>核查处理：{x.handling}</div>
              <div>核查结论：<Tag color={x.finding === 'confirmed' ? 'red' : 'default'}>{x.findingLabel}</Tag></div>
              <div>处理结果：{x.result}</div>
              <div className="muted">{x.resolvedByName} {fmtDateTime(x.resolvedAt)}</div>
            </div>
          ) : x.mayResolve ? (
            resolving === x.id ? (
              <Form form={form} layout="vertical" onFinish={contractSubmit(form, followUpResolveBody, (body) => m.mutate(body), { onFormError: (text) => message.error(text) })}>
                <Form.Item name="handling" label="核查处理情况" required>
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name="finding" label="核查结论" required>
                  <Radio.Group options={[{ value: 'confirmed', label: '查实' }, { value: 'unfounded', label: '查否' }]} />
                </Form.Item>
                <Form.Item name="result" label="处理结果" required>
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
                </Form.Item>
                {m.error ? <Alert type="error" showIcon message={errorMessage(m.error)} /> : null}
                <Space>
                  <Button type="primary" htmlType="submit" loading={m.isPending}>办结</Button>
                  <Button onClick={() => setResolving(null)}>取消</Button>
                </Space>
              </Form>
            ) : (
              <Button size="small" type="primary" ghost onClick={() => setResolving(x.id)}>登记核查结果</Button>
            )
          ) : null}
        </Card>
      ))}
    </div>
  );
}

// ---------- statistics ----------

function Stats() {
  const isMobile = useIsMobile();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const q = useQuery({ queryKey: followUpKeys.stats(from, to), queryFn: () => followUpsApi.stats(from, to) });
  const agencies = q.data?.byAgency ?? [];
  const officers = q.data?.byOfficer ?? [];
  type A = (typeof agencies)[number];
  type O = (typeof officers)[number];
  const rate = (r: A) => (
    <span>
      {r.ratePercent}%{' '}
      {r.shortfall ? <Tag color="red" icon={<WarningOutlined />}>低于10%</Tag> : r.inspectedTargets ? <Tag color="green" icon={<CheckCircleOutlined />}>达标</Tag> : null}
    </span>
  );
  const aCols: TableColumnsType<A> = [
    { title: '机构', dataIndex: 'agencyName', key: 'n' },
    { title: '检查企业数', dataIndex: 'inspectedTargets', key: 't', width: 110 },
    { title: '抽取', dataIndex: 'drawn', key: 'd', width: 80 },
    { title: '已回访', dataIndex: 'visited', key: 'v', width: 80 },
    { title: '回访率', key: 'r', width: 170, render: (_: unknown, r) => rate(r) },
    { title: '核查事项（待办/查实）', key: 'm', width: 180, render: (_: unknown, r) => `${r.matters}（${r.openMatters}/${r.confirmedMatters}）` },
  ];
  const oCols: TableColumnsType<O> = [
    { title: '执法人员', key: 'n', render: (_: unknown, r) => <>{r.name}<div className="muted">{r.agencyName}</div></> },
    { title: '参与检查', dataIndex: 'inspections', key: 'i', width: 100 },
    { title: '被回访', dataIndex: 'visited', key: 'v', width: 90 },
    { title: '回访率', key: 'r', width: 90, render: (_: unknown, r) => `${r.ratePercent}%` },
    { title: '核查事项', dataIndex: 'matters', key: 'm', width: 90 },
    { title: '查实', dataIndex: 'confirmedMatters', key: 'c', width: 70 },
  ];
  const flagged = agencies.filter((a) => a.shortfall);
  return (
    <div data-testid="fu-stats">
      <div className="fu-filters">
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} inputReadOnly aria-label="统计期间" />
      </div>
      {q.error ? <Alert type="error" showIcon message={errorMessage(q.error)} /> : null}
      {flagged.length ? (
        <Alert className="fu-gap" type="warning" showIcon data-testid="fu-flagged" message={`${flagged.length} 个机构回访企业数低于检查企业数的10%`} description={flagged.map((a) => `${a.agencyName}（${a.visitedTargets}/${a.inspectedTargets}，应不少于${a.requiredAtTenPercent}家）`).join('；')} />
      ) : null}
      <Typography.Title level={5}>按机构</Typography.Title>
      {isMobile ? (
        <CardList<A> items={agencies} rowKey={(r) => r.agencyId} loading={q.isLoading} empty="统计期间内没有已完成的检查" render={(r) => (
          <div>
            <div className="fu-card-head"><strong>{r.agencyName}</strong>{rate(r)}</div>
            <div className="muted">检查企业 {r.inspectedTargets} 家 · 抽取 {r.drawn} · 已回访 {r.visited} · 核查事项 {r.matters}</div>
          </div>
        )} />
      ) : (
        <Table<A> rowKey="agencyId" size="small" loading={q.isLoading} columns={aCols} dataSource={agencies} pagination={agencies.length > 20 ? { pageSize: 20 } : false} />
      )}
      <Typography.Title level={5} className="fu-gap">按执法人员</Typography.Title>
      {isMobile ? (
        <CardList<O> items={officers} rowKey={(r) => r.officerId} loading={q.isLoading} empty="暂无数据" render={(r) => (
          <div>
            <div className="fu-card-head"><strong>{r.name}</strong>{r.matters ? <Tag color="red">核查事项 {r.matters}</Tag> : null}</div>
            <div className="muted">{r.agencyName} · 参与检查 {r.inspections} · 被回访 {r.visited}（{r.ratePercent}%）</div>
          </div>
        )} />
      ) : (
        <Table<O> rowKey="officerId" size="small" loading={q.isLoading} columns={oCols} dataSource={officers} pagination={officers.length > 20 ? { pageSize: 20 } : false} />
      )}
    </div>
  );
}

// ---------- draws ----------

function Draws() {
  const { message, modal } = App.useApp();
  const q = useQuery({ queryKey: followUpKeys.draws, queryFn: followUpsApi.draws });
  const verify = async (id: number) => {
    try {
      const v = await followUpsApi.verify(id);
      if (v.ok) modal.success({ title: '复核通过', content: `按记录的随机种子 ${v.seed} 重新抽取，输入数据哈希和抽取结果与记录一致（${v.drawn} 家）。` });
      else modal.error({ title: '复核未通过', content: v.reason });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const items = q.data?.items ?? [];
  return (
    <div data-testid="fu-draws">
      {q.error ? <Alert type="error" showIcon message={errorMessage(q.error)} /> : null}
      <CardList
        items={items}
        rowKey={(d) => d.id}
        loading={q.isLoading}
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无回访抽查记录" />}
        render={(d) => (
          <div>
            <div className="fu-card-head">
              <strong>{d.agencyName} {d.periodStart} 至 {d.periodEnd}</strong>
              <Button size="small" onClick={() => void verify(d.id)}>复核</Button>
            </div>
            <div>检查企业 {d.poolSize} 家，比例 {d.percent}%，应抽 {d.required} 家，实抽 {d.drawn} 家（含必回访）</div>
            <div className="muted">随机种子 <span className="mono">{d.seed}</span> · 抽取时间 {fmtDateTime(d.createdAt)}</div>
            <div className="muted fu-hash">输入数据哈希 <span className="mono">{d.inputHash}</span></div>
          </div>
        )}
      />
    </div>
  );
}

// ---------- ratios ----------

function Ratios({ manager }: { manager: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: followUpKeys.ratios, queryFn: followUpsApi.ratios });
  const own = useMemo(() => q.data?.items.find((x) => x.agencyId === q.data?.ownAgencyId), [q.data]);
  const [form] = Form.useForm<{ percent: number; reason: string }>();
  const m = useMutation({
    mutationFn: (v: { percent: number; reason: string }) => followUpsApi.setRatio(v.percent, v.reason),
    onSuccess: (d) => {
      message.success('回访比例已调整');
      qc.setQueryData(followUpKeys.ratios, d);
      form.resetFields(['reason']);
    },
  });
  const items = q.data?.items ?? [];
  return (
    <div data-testid="fu-ratios">
      {q.error ? <Alert type="error" showIcon message={errorMessage(q.error)} /> : null}
      {own ? (
        <Card size="small" className="fu-gap" title={`本机构回访比例：${own.percent}%${own.isDefault ? '（默认）' : ''}`}>
          {own.changedByName ? <div className="muted">最近由 {own.changedByName} 于 {fmtDateTime(own.changedAt)} 调整：{own.reason}</div> : <div className="muted">尚未调整，按10%执行</div>}
          {manager ? (
            <Form form={form} layout="inline" className="fu-ratio-form" onFinish={contractSubmit(form, followUpRatioBody, (body) => m.mutate(body), { onFormError: (text) => message.error(text) })} initialValues={{ percent: own.percent }}>
              <Form.Item name="percent" label="比例（%）" required>
                <InputNumber min={own.level === 'province' ? 10 : 1} max={100} precision={0} />
              </Form.Item>
              <Form.Item name="reason" label="调整原因" required>
                <Input maxLength={200} style={{ minWidth: 200 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={m.isPending}>保存</Button>
            </Form>
          ) : null}
          {own.level === 'province' ? <Typography.Text type="secondary">省级按不低于10%的比例对本级年度监督检查计划中的执法对象开展抽查回访；市、县根据实际情况确定比例。</Typography.Text> : null}
          {m.error ? <Alert type="error" showIcon message={errorMessage(m.error)} /> : null}
        </Card>
      ) : null}
      <CardList
        items={items}
        rowKey={(r) => r.agencyId}
        loading={q.isLoading}
        empty="暂无机构"
        render={(r) => (
          <div className="fu-card-head">
            <span>{r.agencyName}</span>
            <span>
              <strong>{r.percent}%</strong> {r.isDefault ? <Tag>默认</Tag> : <span className="muted">{r.changedByName} {fmtDateTime(r.changedAt)}</span>}
            </span>
          </div>
        )}
      />
      {q.data?.history.length ? (
        <>
          <Typography.Title level={5} className="fu-gap">调整记录</Typography.Title>
          {q.data.history.map((h) => (
            <div key={h.id} className="muted">
              {fmtDateTime(h.changedAt)} {h.changedByName} 将{h.agencyName}的回访比例调整为 {h.percent}%：{h.reason}
            </div>
          ))}
        </>
      ) : null}
    </div>
  );
}
