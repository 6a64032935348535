// 处罚信息公开 (R29): the decisions of the jurisdiction that are due for publication on the portal, with the working
// days left (red 逾期 when past the due day), those published (date, 按期/逾期) and those withdrawn. Officers and leaders
// publish from the list (after a confirmation) and withdraw a published decision that was lawfully changed, revoked,
// confirmed illegal or confirmed invalid (《行政处罚法》第四十八条第二款: within 3 working days, reason made public).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Popconfirm, Radio, Segmented, Space, Tag, Tooltip, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import { ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { publicationWithdrawalGroundLabels, publicationWithdrawalGrounds, type PublicationWithdrawalGround } from '@anjian/domain/penalty';
import { publicationWithdrawalDue } from '@anjian/domain/penaltyPeriods';
import { errorMessage } from '../../api';
import { penaltiesApi, type PublicationItem, type PublicationList, type PublicationStatus } from '../../api/penalty';
import { can, useMe } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { useIsMobile } from '../../app/useIsMobile';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../components/Ledger';
import { useWorkingCalendar } from '../../app/workingDays';
import { PageHeader } from '../../components/PageHeader';
import { CountdownChip, todayShanghai, yuan } from './parts';
import { ExportButton } from '../../components/ExportButton';

import './cases.css';
import { penaltyKeys } from '../../api/keys';

const tabs: { value: PublicationStatus | 'all'; label: string; count?: keyof PublicationList['counts'] }[] = [
  { value: 'pending', label: '待公示', count: 'pending' },
  { value: 'late', label: '逾期', count: 'late' },
  { value: 'published', label: '已公示', count: 'published' },
  { value: 'withdrawn', label: '已撤回', count: 'withdrawn' },
  { value: 'all', label: '全部' },
];
const emptyText: Record<PublicationStatus | 'all', string> = {
  pending: '没有待公示的处罚决定',
  late: '没有逾期公示或逾期撤回的处罚决定',
  published: '暂无已公示的处罚决定',
  withdrawn: '暂无已撤回的处罚决定',
  all: '暂无需要公示的处罚决定：一般程序作出的行政处罚决定会自动列入',
};

/** 待公示（剩余 n 个工作日）/ 逾期 / 已公示 date (按期/逾期) / 已撤回 date. */
function StateCell({ r }: { r: PublicationItem }) {
  if (r.withdrawal) {
    const w = r.withdrawal;
    return (
      <span className="pub-state" data-testid="pub-state" data-state="withdrawn">
        <Tag color="default">已撤回</Tag>
        <span className="mono">{w.withdrawnOn}</span>
        {w.late ? <Tag color="red" variant="solid">逾期撤回</Tag> : <Tag color="green">按期撤回</Tag>}
      </span>
    );
  }
  if (r.published) {
    return (
      <span className="pub-state" data-testid="pub-state" data-state="published">
        <Tag color="blue">已公示</Tag>
        <span className="mono">{r.publishedOn}</span>
        {r.late ? <Tag color="red" variant="solid">逾期公示</Tag> : <Tag color="green">按期公示</Tag>}
      </span>
    );
  }
  return (
    <span className="pub-state" data-testid="pub-state" data-state={r.late ? 'overdue' : 'pending'}>
      {r.late ? <Tag color="red" variant="solid">逾期</Tag> : <Tag color="orange">待公示</Tag>}
      <CountdownChip c={r.countdown} working label="公示期限" />
    </span>
  );
}

/** The withdrawal as recorded: ground, the day of the change, the 3-working-day due day, reason, who. */
function WithdrawalInfo({ r }: { r: PublicationItem }) {
  const w = r.withdrawal;
  if (!w) return null;
  return (
    <div className="pub-withdrawal" data-testid="pub-withdrawal">
      <div>
        <Typography.Text strong>撤回说明</Typography.Text>：决定{w.groundLabel}（{w.changedOn}），应于 <span className="mono">{w.dueOn}</span> 前撤回
        {w.withdrawnByName ? <span className="muted">，{w.withdrawnByName}撤回</span> : null}
      </div>
      <div className="pub-reason">理由：{w.reason}</div>
    </div>
  );
}

export default function PublicationsPage() {
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const ledger = useLedgerUrl(['q']);
  const { values, update } = ledger;
  const status = (tabs.some((t) => t.value === values.status) ? values.status : 'pending') as PublicationStatus | 'all';
  const canPublish = can.publishDecisions(me);
  const list = useQuery({
    queryKey: penaltyKeys.publications(status),
    queryFn: () => penaltiesApi.publications(status === 'all' ? undefined : status),
    placeholderData: keepPreviousData,
  });
  const { data, refetch, error } = list;
  const items = data?.items ?? [];
  const counts = data?.counts;
  // the search is on the loaded list (at most 500): case or document number, or the party
  const needle = values.q?.trim() ?? '';
  const shown = needle ? items.filter((r) => [r.caseNumber, r.documentNumber, r.partyName].some((v) => v?.includes(needle))) : items;
  const [withdrawing, setWithdrawing] = useState<PublicationItem | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: (r: PublicationItem) => penaltiesApi.publish(r.caseId),
    onSuccess: (r) => {
      setActionError(null);
      void qc.invalidateQueries({ queryKey: penaltyKeys.publicationsAll });
      void qc.invalidateQueries({ queryKey: penaltyKeys.case(r.caseId) });
      showSuccess(r.late ? '已在门户网站公示（已超过公示期限，记为逾期公示）' : '已在门户网站公示');
    },
    onError: (e) => setActionError(errorMessage(e)),
    meta: { silent: true },
  });

  const number = (r: PublicationItem) => r.documentNumber ?? r.caseNumber ?? `#${r.caseId}`;
  const size = isMobile ? 'middle' : 'small';
  const actions = (r: PublicationItem) => (
    <Space size={isMobile ? 8 : 4} wrap onClick={(e) => e.stopPropagation()}>
      {canPublish && !r.published ? (
        <Popconfirm
          title="确认在门户网站公开该行政处罚决定？"
          description={<div style={{ maxWidth: 280 }}>公开后社会公众均可查看；自然人姓名、身份证号等个人信息已脱敏。</div>}
          okText="确认公示"
          cancelText="取消"
          onConfirm={() => publish.mutate(r)}
          okButtonProps={{ 'data-testid': 'publish-confirm' } as ButtonProps}
        >
          <Button size={size} type="primary" loading={publish.isPending && publish.variables?.caseId === r.caseId} data-testid="publish-row">
            公示
          </Button>
        </Popconfirm>
      ) : null}
      {canPublish && r.published && !r.withdrawn ? (
        <Button size={size} danger onClick={() => setWithdrawing(r)} data-testid="withdraw-row">
          撤回
        </Button>
      ) : null}
      {isMobile ? (
        <Button size={size} onClick={() => navigate(`/cases/${r.caseId}`)}>
          查看案卷
        </Button>
      ) : (
        <Link to={`/cases/${r.caseId}`}>案卷</Link>
      )}
    </Space>
  );

  const columns: TableColumnsType<PublicationItem> = [
    {
      title: '处罚决定书',
      key: 'no',
      width: 200,
      render: (_: unknown, r) => (
        <>
          <Link to={`/cases/${r.caseId}`} className="mono" data-testid="pub-case-link">{number(r)}</Link>
          {r.documentNumber && r.caseNumber ? <div className="muted mono">{r.caseNumber}</div> : null}
        </>
      ),
    },
    { title: '当事人', dataIndex: 'partyName', key: 'party', width: 180, render: (v: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{v || `企业 #${r.enterpriseId}`}</Link> },
    { title: '决定日期', dataIndex: 'decidedOn', key: 'decidedOn', width: 105, render: (v: string) => <span className="mono">{v}</span> },
    { title: '罚款', dataIndex: 'fine', key: 'fine', width: 90, align: 'right', render: (v: number) => yuan(v) },
    {
      title: (
        <Tooltip title="自决定之日起七个工作日内，且不超过十五日">
          <span>公示期限</span>
        </Tooltip>
      ),
      dataIndex: 'dueOn',
      key: 'dueOn',
      width: 105,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: '公示情况',
      key: 'state',
      render: (_: unknown, r) => (
        <>
          <StateCell r={r} />
          <WithdrawalInfo r={r} />
        </>
      ),
    },
    { title: '操作', key: 'op', width: 120, fixed: 'right', render: (_: unknown, r) => actions(r) },
  ];

  return (
    <>
      <PageHeader
        title="处罚信息公开"
        sub="一般程序作出的行政处罚决定，自决定之日起七个工作日内（且不超过十五日）在门户网站公开；决定被依法变更、撤销、确认违法或者确认无效的，三个工作日内撤回并公开说明理由（《行政处罚法》第四十八条）"
        extra={
          <Space wrap>
            <Button icon={<ExportOutlined />} href="/public/penalties" target="_blank" rel="noopener">
              查看公开页面
            </Button>
            <ExportButton path="/penalty-publications/export" query={{ status: status === 'all' ? undefined : status }} fileName="处罚决定公示台账.xlsx" testId="pub-export" />
            <Button icon={<ReloadOutlined />} onClick={() => void refetch()}>
              刷新
            </Button>
          </Space>
        }
      />
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(error)} /> : null}
      {counts?.overdue ? <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="pub-overdue" title={`${counts.overdue} 件处罚决定已超过公示期限仍未公示，请尽快公示`} /> : null}
      {actionError ? <Alert type="error" showIcon closable role="alert" style={{ marginBottom: 16 }} title={actionError} onClose={() => setActionError(null)} data-testid="pub-error" /> : null}
      <LedgerFilters
        url={ledger}
        top={
          <Segmented
            className="case-quick"
            data-testid="pub-status"
            value={status}
            onChange={(v) => update({ status: v === 'pending' ? undefined : (v as string) })}
            options={tabs.map((t) => ({ value: t.value, label: t.count && counts ? `${t.label} ${counts[t.count]}` : t.label }))}
          />
        }
        search={{ placeholder: '案件编号 / 当事人', ariaLabel: '搜索公示' }}
      />
      <LedgerTable<PublicationItem>
        url={{ ...ledger, hasFilters: !!ledger.values.q }}
        query={list}
        rows={shown}
        clientPaging
        rowKey={(r) => r.caseId}
        columns={columns}
        scrollX={1100}
        rowClassName={(r) => (r.late && !r.published ? 'case-row-overdue' : '')}
        testId="pub"
        noun={items.length >= 500 ? '件（仅显示前 500 件）' : '件'}
        unit="件"
        empty={{ text: emptyText[status], filtered: '没有符合条件的处罚决定，请调整或清空筛选条件' }}
        cardClassName={(r) => (r.late && !r.published ? 'case-card-overdue' : '')}
        card={(r) => (
          <>
            <div className="case-card-head">
              <Link to={`/cases/${r.caseId}`} className="mono case-card-title">{number(r)}</Link>
            </div>
            <div className="case-card-ent">{r.partyName}</div>
            <div className="case-card-meta">
              <span>决定 <span className="mono">{r.decidedOn}</span></span>
              <span>罚款 {yuan(r.fine)}</span>
              <span>期限 <span className="mono">{r.dueOn}</span></span>
            </div>
            <div className="case-card-meta"><StateCell r={r} /></div>
            <WithdrawalInfo r={r} />
            <div className="pub-card-actions">{actions(r)}</div>
          </>
        )}
      />
      {withdrawing ? <WithdrawModal item={withdrawing} onClose={() => setWithdrawing(null)} /> : null}
    </>
  );
}

interface WithdrawForm {
  ground: PublicationWithdrawalGround;
  changedOn: dayjs.Dayjs;
  reason: string;
}

/** 撤回已公开的处罚决定信息: ground, the day of the change (the 3 working days run from it), the public reason. */
function WithdrawModal({ item, onClose }: { item: PublicationItem; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<WithdrawForm>();
  const [error, setError] = useState<string | null>(null);
  const today = todayShanghai();
  // R29: the 3 working days run from the day of the change (the domain's rule); the officer sees the last day, and whether it has passed.
  const changedOn = (Form.useWatch('changedOn', form) as Dayjs | undefined)?.format('YYYY-MM-DD') ?? today;
  const calendar = useWorkingCalendar([changedOn, dayjs(changedOn).add(20, 'day').format('YYYY-MM-DD')]);
  const due = calendar.lastDay(changedOn, publicationWithdrawalDue);
  const run = useMutation({
    mutationFn: (v: WithdrawForm) => penaltiesApi.withdrawPublication(item.caseId, { ground: v.ground, changedOn: v.changedOn.format('YYYY-MM-DD'), reason: v.reason.trim() }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: penaltyKeys.publicationsAll });
      void qc.invalidateQueries({ queryKey: penaltyKeys.case(item.caseId) });
      void qc.invalidateQueries({ queryKey: penaltyKeys.publicAll });
      showSuccess(r.withdrawal?.late ? `已撤回（已超过 ${r.withdrawal.dueOn} 的撤回期限，记为逾期撤回）` : '已撤回，门户网站改为公开撤回说明');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal
      open
      title="撤回已公开的处罚决定信息"
      onCancel={onClose}
      okText="确认撤回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: run.isPending, 'data-testid': 'withdraw-submit' } as ButtonProps}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`${item.documentNumber ?? item.caseNumber ?? ''}（${item.partyName}，${item.publishedOn} 公示）`}
        description="行政处罚决定被依法变更、撤销、确认违法或者确认无效的，应当在三个工作日内撤回行政处罚决定信息并公开说明理由（《行政处罚法》第四十八条第二款）。撤回后门户网站不再显示决定内容，改为公开撤回说明。"
      />
      <Form<WithdrawForm> form={form} layout="vertical" onFinish={(v) => run.mutate(v)} initialValues={{ changedOn: dayjs(today) }} data-testid="withdraw-form">
        <Form.Item name="ground" label="撤回事由" rules={[{ required: true, message: '请选择撤回事由' }]}>
          <Radio.Group className="pub-grounds" data-testid="withdraw-ground" options={publicationWithdrawalGrounds.map((g) => ({ value: g, label: `决定${publicationWithdrawalGroundLabels[g]}` }))} />
        </Form.Item>
        <Form.Item
          name="changedOn"
          label="决定被变更、撤销或确认违法、无效的日期"
          rules={[{ required: true, message: '请选择日期' }]}
          extra={
            <span data-testid="withdraw-due">
              自该日起三个工作日内撤回（法定节假日不计）
              {due ? (
                <>
                  ：应于 <span className="mono">{due}</span> 前撤回
                  {due < today ? <Typography.Text type="danger">，已超过期限，将记为逾期撤回</Typography.Text> : null}
                </>
              ) : null}
            </span>
          }
        >
          <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(today), 'day') || d.isBefore(dayjs(item.decidedOn), 'day')} data-testid="withdraw-changed-on" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="撤回理由（向社会公开）"
          rules={[
            { required: true, whitespace: true, message: '请填写撤回理由' },
            { min: 4, message: '撤回理由不少于4个字' },
          ]}
          extra="理由将随撤回说明在门户网站公开，请勿填写当事人姓名、身份证号、电话等个人信息"
        >
          <Input.TextArea rows={3} maxLength={1000} aria-label="撤回理由" data-testid="withdraw-reason" placeholder="例如：经行政复议，该行政处罚决定被复议机关依法撤销" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} data-testid="withdraw-error" /> : null}
    </Modal>
  );
}
