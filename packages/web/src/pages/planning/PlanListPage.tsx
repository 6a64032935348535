// 年度监督检查计划 list (R6, R10): the plans of the caller's jurisdiction with their workflow status.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Modal, Row, Select, Space, Statistic, type TableColumnsType } from 'antd';
import { ClusterOutlined, GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage, type PlanListItem, type PlanStatus } from '../../api';
import { can, useMe } from '../../app/auth';
import { planKeys } from '../../api/keys';
import { fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../components/Ledger';
import { pagedRows } from '../../lib/ledgerRows';
import { LevelTag } from '../../components/tags';
import {
  defaultParamsForm,
  defaultPlanYear,
  formToParams,
  PlanParamsFields,
  PlanStatusTag,
  planStatuses,
  planStatusLabels,
  yearOptions,
  type ParamsFormValues,
} from './common';

const filterKeys = ['q', 'year', 'status'] as const;

function BatchModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ParamsFormValues & { year: number }>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ created: number; entries: number; skipped: number } | null>(null);
  const batch = useMutation({
    mutationFn: (v: ParamsFormValues & { year: number }) => api.batchPlans({ year: v.year, params: formToParams(v, false) }),
    meta: { silent: true },
    onSuccess: (r) => {
      setDone(r);
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      showSuccess(`已生成 ${r.created} 个机构的计划草稿`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const close = () => {
    setError(null);
    setDone(null);
    onClose();
  };
  return (
    <Modal
      title="统一生成各机构计划草稿"
      open={open}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        done
          ? [
              <Button key="ok" type="primary" onClick={close}>
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                取消
              </Button>,
              <Button key="go" type="primary" danger loading={batch.isPending} onClick={() => form.submit()}>
                确认生成
              </Button>,
            ]
      }
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          title={`已为 ${done.created} 个机构生成计划草稿，共 ${done.entries.toLocaleString('zh-CN')} 条检查对象`}
          description={done.skipped ? `${done.skipped} 个机构无监管企业或已有该年度计划，未生成。各机构核对后自行提交审批。` : '各机构核对后自行提交审批。'}
        />
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="将为辖区内尚无该年度计划的每个执法机构生成一份计划草稿"
            description="已有该年度计划的机构不受影响；上级抽查由各级在本机构计划中自行安排。生成可能需要一些时间。"
          />
          {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
          <Form<ParamsFormValues & { year: number }>
            form={form}
            layout="vertical"
            initialValues={{ ...defaultParamsForm, year: defaultPlanYear() }}
            onFinish={(v) => {
              setError(null);
              batch.mutate(v);
            }}
          >
            <Form.Item label="计划年度" name="year" rules={[{ required: true, message: '请选择年度' }]}>
              <Select options={yearOptions(defaultPlanYear(), 1, 0)} style={{ maxWidth: 200 }} />
            </Form.Item>
            <PlanParamsFields allowSpotCheck={false} />
          </Form>
        </>
      )}
    </Modal>
  );
}

export default function PlanListPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const url = useLedgerUrl(filterKeys);
  const { values, update } = url;
  const [batchOpen, setBatchOpen] = useState(false);
  const year = Number(values.year) > 0 ? Number(values.year) : undefined;
  const status = (planStatuses as readonly string[]).includes(values.status ?? '') ? (values.status as PlanStatus) : undefined;
  const list = useQuery({
    queryKey: planKeys.list({ year }),
    queryFn: () => api.plans({ year }),
  });
  const { data } = list;
  const all = useMemo(() => data?.items ?? [], [data]);
  const items = useMemo(
    () =>
      all.filter(
        (p) => (!status || p.status === status) && (!values.q || p.agencyName.includes(values.q.trim())),
      ),
    [all, status, values.q],
  );
  const totals = useMemo(() => {
    const byStatus: Partial<Record<PlanStatus, number>> = {};
    let planned = 0;
    for (const p of items) {
      byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
      planned += p.totalPlanned;
    }
    return { byStatus, planned };
  }, [items]);
  const writer = can.writePlans(me);
  const ownYear = defaultPlanYear();
  const ownPlan = me?.agency ? all.find((p) => p.agencyId === me.agency!.id && p.year === ownYear) : undefined;

  const columns: TableColumnsType<PlanListItem> = [
    { title: '年度', dataIndex: 'year', key: 'year', width: 80, render: (y) => `${y}年` },
    {
      title: '执法机构',
      key: 'agency',
      render: (_, p) => (
        <Space size={4} wrap>
          <Link to={`/plans/${p.id}`} className="ent-name-link">
            {p.agencyName}
          </Link>
          <LevelTag value={p.agencyLevel} />
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'status', key: 'status', width: 100, render: (_, p) => <PlanStatusTag value={p.status} label={p.statusLabel} /> },
    { title: '版本', dataIndex: 'currentVersion', key: 'currentVersion', width: 70, render: (v) => `v${v}` },
    {
      title: '计划检查',
      dataIndex: 'totalPlanned',
      key: 'totalPlanned',
      width: 110,
      align: 'right',
      render: (v: number) => `${v.toLocaleString('zh-CN')} 家`,
    },
    { title: '执法人员', dataIndex: 'officerCount', key: 'officerCount', width: 100, align: 'right', render: (v: number) => `${v} 人` },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 170, render: (v) => <span className="nowrap">{fmtDateTime(v)}</span> },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, p) => (
        <Button type="link" size="small" onClick={() => navigate(`/plans/${p.id}`)}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="年度监督检查计划"
        sub="重点检查单位、高危行业全覆盖和一般企业双随机抽查；审批、备案后公布"
        extra={
          <Space wrap>
            {writer ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/plans/new')}>
                编制年度计划
              </Button>
            ) : null}
            {can.batchPlans(me) ? (
              <Button icon={<ClusterOutlined />} onClick={() => setBatchOpen(true)}>
                统一生成各机构计划草稿
              </Button>
            ) : null}
            <Button icon={<GlobalOutlined />} onClick={() => window.open('/public/targets', '_blank', 'noopener')}>
              信息公开页面
            </Button>
          </Space>
        }
      />
      {writer && me?.agency && data && !ownPlan && me.role !== 'admin' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="own-plan-missing"
          title={`${me.agency.name}尚未编制${ownYear}年度监督检查计划`}
          description="计划应于当年3月31日前编制完成，经审批、备案后公布。"
          action={
            <Button type="primary" size="small" onClick={() => navigate('/plans/new')}>
              立即编制
            </Button>
          }
        />
      ) : null}
      <LedgerFilters
        url={url}
        search={{ placeholder: '执法机构名称', ariaLabel: '执法机构名称' }}
        primary={{
          span: { md: 6, lg: 4 },
          node: (
            <Select
              allowClear
              placeholder="全部年度"
              aria-label="年度"
              style={{ width: '100%' }}
              options={yearOptions(defaultPlanYear(), 4, 0)}
              value={year}
              onChange={(v: number | undefined) => update({ year: v })}
            />
          ),
        }}
      >
        <Col xs={12} md={6} lg={4}>
          <Select
            allowClear
            placeholder="全部状态"
            aria-label="状态"
            style={{ width: '100%' }}
            options={planStatuses.map((s) => ({ value: s, label: planStatusLabels[s] }))}
            value={status}
            onChange={(v: string | undefined) => update({ status: v })}
          />
        </Col>
      </LedgerFilters>
      {data && items.length ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="plan-totals">
          <Col xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic title="计划数" value={items.length} suffix="个" />
            </Card>
          </Col>
          <Col xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic title="计划检查合计" value={totals.planned} suffix="家次" groupSeparator="," />
            </Card>
          </Col>
          {planStatuses.map((s) => (
            <Col key={s} xs={8} sm={8} md={3}>
              <Card size="small" className="plan-status-card" hoverable onClick={() => update({ status: status === s ? undefined : s })}>
                <Statistic title={planStatusLabels[s]} value={totals.byStatus[s] ?? 0} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      {all.length >= 500 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="仅列出前 500 个计划，统计数字也只含这些计划。请按年度筛选，或输入执法机构名称查找。"
        />
      ) : null}
      {/* the plans of a jurisdiction come whole (at most 500): filtered and paged here */}
      <LedgerTable<PlanListItem>
        url={url}
        {...pagedRows(list, items, url)}
        rowKey={(p) => p.id}
        columns={columns}
        scrollX={900}
        testId="plan"
        noun="个计划"
        unit="个计划"
        empty={{
          text: '暂无年度计划。每个执法机构应在每年3月底前编制本年度监督检查计划',
          filtered: '没有符合条件的年度计划',
          action: writer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/plans/new')}>
              编制年度计划
            </Button>
          ) : null,
        }}
        cardClassName={() => 'ent-card'}
        onCardClick={(p) => navigate(`/plans/${p.id}`)}
        card={(p) => (
          <div className="ent-card-inner">
            <div className="ent-card-head">
              <Link to={`/plans/${p.id}`} className="ent-name-link" onClick={(e) => e.stopPropagation()}>
                {p.year}年 · {p.agencyName}
              </Link>
              <PlanStatusTag value={p.status} label={p.statusLabel} />
            </div>
            <div className="ent-card-meta">
              <span>计划检查 {p.totalPlanned.toLocaleString('zh-CN')} 家</span>
              <span>执法人员 {p.officerCount} 人</span>
              <span>v{p.currentVersion}</span>
            </div>
            <div className="ent-card-agency">更新于 {fmtDateTime(p.updatedAt)}</div>
          </div>
        )}
      />
      {batchOpen ? <BatchModal open={batchOpen} onClose={() => setBatchOpen(false)} /> : null}
    </>
  );
}
