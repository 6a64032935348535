// Tabs of the plan page: entries, month calendar, explain (R12), versions (R10), draws (R13/R14).
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Pagination,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { AimOutlined, ExperimentOutlined, SearchOutlined } from '@ant-design/icons';
import { industryLabels, labelOf } from '@anjian/domain/enums';
import {
  api,
  errorMessage,
  type DrawListItem,
  type Enterprise,
  type PlanDetail,
  type PlanEntry,
  type PlanExplain,
  type PlanVersionInfo,
} from '../../api';
import { fmtDate, fmtDateTime } from '../../app/format';
import { useIsMobile } from '../../app/useIsMobile';
import { useUrlQuery } from '../../app/useUrlQuery';
import { showSuccess } from '../../app/feedback';
import { CardList } from '../../components/CardList';
import { ExportButton } from '../../components/ExportButton';
import { RiskTag } from '../../components/tags';
import { CategoryTag, categoryOptions, HashText, monthOptions, ReasonList, UrgentTag } from './common';

// ---------- 检查对象 ----------

export function EntriesTab({ plan }: { plan: PlanDetail }) {
  const isMobile = useIsMobile();
  const { values, update } = useUrlQuery();
  const [search, setSearch] = useState(values.q ?? '');
  useEffect(() => setSearch(values.q ?? ''), [values.q]);
  const page = Math.max(1, Number(values.page) || 1);
  const pageSize = 20;
  const query = {
    version: plan.currentVersion,
    month: values.month ? Number(values.month) : undefined,
    category: values.category || undefined,
    q: values.q || undefined,
    page,
    pageSize,
  };
  const { data, isFetching, isLoading } = useQuery({
    queryKey: ['plan-entries', String(plan.id), query],
    queryFn: () => api.planEntries(plan.id, query),
    placeholderData: keepPreviousData,
  });
  const hasFilters = !!(values.month || values.category || values.q);
  const columns: TableColumnsType<PlanEntry> = [
    {
      title: '计划日期',
      dataIndex: 'plannedDate',
      key: 'plannedDate',
      width: 110,
      render: (v, r) => (
        <span className="nowrap">
          {fmtDate(v)}
          {r.provisional ? <Tag color="orange" style={{ marginLeft: 4 }}>暂定</Tag> : null}
        </span>
      ),
    },
    {
      title: '企业名称',
      key: 'name',
      render: (_, e) => (
        <Link to={`/enterprises/${e.enterpriseId}`} className="ent-name-link">
          {e.name}
        </Link>
      ),
    },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', width: 190, className: 'mono' },
    { title: '行业', dataIndex: 'industry', key: 'industry', width: 110, render: (v) => labelOf(industryLabels, v) },
    { title: '风险', dataIndex: 'riskCode', key: 'riskCode', width: 80, render: (v) => <RiskTag value={v} /> },
    {
      title: '类别',
      key: 'category',
      width: 190,
      render: (_, e) => (
        <Space size={[4, 4]} wrap>
          <CategoryTag value={e.category} label={e.categoryLabel} />
          {e.urgent ? <UrgentTag /> : null}
        </Space>
      ),
    },
    { title: '联合检查', dataIndex: 'jointWithAgencyName', key: 'joint', width: 170, render: (v: string | null) => v ?? <span className="muted">—</span> },
  ];
  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hasFilters ? '没有符合条件的检查对象' : '该计划没有检查对象'}>
      {hasFilters ? <Button onClick={() => update({ month: undefined, category: undefined, q: undefined })}>清空筛选</Button> : null}
    </Empty>
  );
  return (
    <>
      <Row gutter={[12, 12]} className="filter-row">
        <Col xs={12} md={5} lg={4}>
          <Select
            allowClear
            placeholder="全部月份"
            aria-label="月份"
            style={{ width: '100%' }}
            options={monthOptions}
            value={values.month ? Number(values.month) : undefined}
            onChange={(v: number | undefined) => update({ month: v })}
          />
        </Col>
        <Col xs={12} md={6} lg={5}>
          <Select
            allowClear
            placeholder="全部类别"
            aria-label="类别"
            style={{ width: '100%' }}
            options={categoryOptions}
            value={values.category || undefined}
            onChange={(v: string | undefined) => update({ category: v })}
          />
        </Col>
        <Col xs={24} md={13} lg={9}>
          <Input.Search
            allowClear
            placeholder="企业名称 / 统一社会信用代码"
            aria-label="搜索检查对象"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value && values.q) update({ q: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            enterButton="查询"
          />
        </Col>
      </Row>
      <div className="table-summary" data-testid="entries-total">
        {data ? `共 ${data.total.toLocaleString('zh-CN')} 家${values.month ? `（${values.month}月）` : ''}` : ' '}
        {!isMobile && data?.total ? <span className="muted">　点击行首“+”查看列入理由</span> : null}
      </div>
      {isMobile ? (
        <>
          <CardList<PlanEntry>
            loading={isFetching}
            items={data?.items ?? []}
            rowKey={(e) => e.enterpriseId}
            empty={empty}
            render={(e) => (
              <div className="ent-card-inner" data-testid="entry-row">
                <div className="ent-card-head">
                  <Link to={`/enterprises/${e.enterpriseId}`} className="ent-name-link">
                    {e.name}
                  </Link>
                  <RiskTag value={e.riskCode} />
                </div>
                <div className="ent-card-code mono">{e.creditCode}</div>
                <div className="ent-card-meta">
                  <span>{fmtDate(e.plannedDate)}</span>
                  <span>{labelOf(industryLabels, e.industry)}</span>
                </div>
                <div className="ent-card-meta">
                  <CategoryTag value={e.category} label={e.categoryLabel} />
                  {e.urgent ? <UrgentTag /> : null}
                  {e.jointWithAgencyName ? <span>联合：{e.jointWithAgencyName}</span> : null}
                </div>
                <details className="entry-reasons">
                  <summary>列入理由</summary>
                  <ReasonList reasons={e.reasons} />
                </details>
              </div>
            )}
          />
          {data && data.total > pageSize ? (
            <Pagination
              className="mobile-pagination"
              simple
              current={page}
              pageSize={pageSize}
              total={data.total}
              onChange={(p) => update({ page: p > 1 ? p : undefined }, { resetPage: false })}
            />
          ) : null}
        </>
      ) : (
        <Table<PlanEntry>
          rowKey="enterpriseId"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1080 }}
          locale={{ emptyText: isLoading ? ' ' : empty }}
          onRow={(e) => ({ 'data-testid': 'entry-row', 'data-credit-code': e.creditCode }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (e) => (
              <div className="entry-expanded">
                <Typography.Text type="secondary">列入理由：</Typography.Text>
                <ReasonList reasons={e.reasons} />
              </div>
            ),
          }}
          onChange={(p) => update({ page: p.current && p.current > 1 ? p.current : undefined }, { resetPage: false })}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 家` }}
        />
      )}
    </>
  );
}

// ---------- 月历 ----------

export function CalendarTab({ plan, onMonth }: { plan: PlanDetail; onMonth: (m: number) => void }) {
  const year = plan.year;
  return (
    <Row gutter={[12, 12]} data-testid="plan-calendar">
      {plan.current.months.map((m) => {
        const pct = m.capacity > 0 ? Math.round((m.planned / m.capacity) * 100) : m.planned > 0 ? 100 : 0;
        const over = m.planned > m.capacity;
        return (
          <Col key={m.month} xs={12} sm={8} md={6} xl={4}>
            <Card
              size="small"
              hoverable
              className={`month-card ${over ? 'month-card-over' : ''}`}
              onClick={() => onMonth(m.month)}
              data-testid="month-card"
              aria-label={`${year}年${m.month}月：计划检查${m.planned}家，执法力量${m.capacity}家，点击查看检查对象`}
            >
              <div className="month-card-head">
                <strong>{m.month}月</strong>
                <span className="muted">{m.workingDays}个工作日</span>
              </div>
              <div className="month-card-value">
                <span className={over ? 'text-danger' : undefined}>{m.planned}</span>
                <span className="muted"> / {m.capacity} 家</span>
              </div>
              <Progress
                percent={Math.min(100, pct)}
                size="small"
                status={over ? 'exception' : 'normal'}
                format={() => `${pct}%`}
                strokeColor={over ? '#d9363e' : m.planned === 0 ? undefined : '#1a5fb4'}
              />
              <div className="muted month-card-foot">计划检查 / 执法力量</div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

// ---------- 为什么在/不在计划中 ----------

export function ExplainTab({ plan }: { plan: PlanDetail }) {
  const { values, update } = useUrlQuery();
  const [code, setCode] = useState(values.code ?? '');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PlanExplain | null>(null);
  const explain = useMutation({
    mutationFn: (q: { creditCode?: string; enterpriseId?: number }) => api.explainPlan(plan.id, q),
    meta: { silent: true },
    onMutate: () => {
      setError(null);
      setResult(null);
    },
    onSuccess: (r) => setResult(r),
    onError: (e) => setError(errorMessage(e)),
  });
  useEffect(() => {
    if (values.code) explain.mutate({ creditCode: values.code });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.code, plan.currentVersion]);
  const [matches, setMatches] = useState<Enterprise[]>([]);
  const byCode = (c: string) => {
    setMatches([]);
    setCode(c);
    if (c === values.code) explain.mutate({ creditCode: c });
    else update({ code: c }, { resetPage: false });
  };
  // One box for a credit code or a name: a name is looked up in the register first, and several matches are offered.
  const ask = async (v: string) => {
    const text = v.trim();
    if (!text) return;
    if (/^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/.test(text)) return byCode(text.toUpperCase());
    setError(null);
    setResult(null);
    try {
      const found = await api.enterprises({ q: text, pageSize: 10 });
      if (found.items.length === 1) return byCode(found.items[0]!.creditCode);
      setMatches(found.items);
      if (found.items.length === 0) setError(`登记册中没有名称或信用代码含“${text}”的企业`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="explain-tab">
      <Typography.Paragraph type="secondary">
        查询任一企业为什么在、或不在本计划中：列入的类别和理由，未列入的原因（监管层级、绿码、非现场监管、未被抽中及抽取权重）。
      </Typography.Paragraph>
      <Input.Search
        placeholder="企业名称或统一社会信用代码"
        aria-label="企业名称或统一社会信用代码"
        enterButton={
          <>
            <SearchOutlined /> 查询
          </>
        }
        maxLength={60}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onSearch={(v) => void ask(v)}
        loading={explain.isPending}
        data-testid="explain-code"
        style={{ maxWidth: 560 }}
      />
      {matches.length > 1 ? (
        <Card size="small" title={`找到 ${matches.length} 家企业，请选择`} style={{ marginTop: 12 }} data-testid="explain-matches">
          <Space wrap>
            {matches.map((e) => (
              <Button key={e.id} onClick={() => byCode(e.creditCode)}>
                {e.name}
              </Button>
            ))}
          </Space>
        </Card>
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 16 }} /> : null}
      {result ? (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          className={result.included ? 'explain-in' : 'explain-out'}
          data-testid="explain-result"
          title={
            <Space wrap size={8}>
              <Link to={`/enterprises/${result.enterpriseId}`}>{result.name}</Link>
              <span className="mono muted">{result.creditCode}</span>
            </Space>
          }
        >
          <Space size={8} wrap style={{ marginBottom: 8 }}>
            {result.included ? (
              <Tag color="green" variant="solid" data-testid="explain-verdict">
                在计划中
              </Tag>
            ) : (
              <Tag color="default" variant="solid" data-testid="explain-verdict">
                不在计划中
              </Tag>
            )}
            {result.included ? <CategoryTag value={result.category} label={result.categoryLabel} /> : null}
            {result.plannedDate ? <span>计划检查日期：{fmtDate(result.plannedDate)}</span> : null}
          </Space>
          <div className="explain-reasons-title">{result.included ? '列入理由' : '未列入原因'}</div>
          <ReasonList reasons={result.reasons} />
        </Card>
      ) : null}
    </div>
  );
}

// ---------- 版本 ----------

export function VersionsTab({ plan }: { plan: PlanDetail }) {
  const isMobile = useIsMobile();
  const versions = [...plan.versions].sort((a, b) => b.versionNo - a.versionNo);
  const columns: TableColumnsType<PlanVersionInfo> = [
    {
      title: '版本',
      dataIndex: 'versionNo',
      key: 'versionNo',
      width: 110,
      render: (v: number) => (
        <Space size={4}>
          <span>{`v${v}`}</span>
          {v === plan.currentVersion ? <Tag color="blue">当前</Tag> : null}
        </Space>
      ),
    },
    { title: '生成时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v) => <span className="nowrap">{fmtDateTime(v)}</span> },
    { title: '计划检查', dataIndex: 'totalPlanned', key: 'totalPlanned', width: 100, align: 'right', render: (v: number) => `${v} 家` },
    { title: '执法人员', dataIndex: 'officerCount', key: 'officerCount', width: 90, align: 'right', render: (v: number) => `${v} 人` },
    { title: '调整原因', dataIndex: 'reason', key: 'reason', render: (v: string | null) => v ?? <span className="muted">首次编制</span> },
    { title: '输入哈希', dataIndex: 'inputHash', key: 'inputHash', width: 220, render: (v: string) => <HashText value={v} short /> },
  ];
  if (isMobile) {
    return (
      <CardList<PlanVersionInfo>
        items={versions}
        rowKey={(v) => v.versionNo}
        empty="暂无版本"
        render={(v) => (
          <div className="ent-card-inner" data-testid="version-row">
            <div className="ent-card-head">
              <strong>
                v{v.versionNo} {v.versionNo === plan.currentVersion ? <Tag color="blue">当前</Tag> : null}
              </strong>
              <span className="muted">{fmtDateTime(v.createdAt)}</span>
            </div>
            <div className="ent-card-meta">
              <span>计划检查 {v.totalPlanned} 家</span>
              <span>执法人员 {v.officerCount} 人</span>
            </div>
            <div className="ent-card-meta">{v.reason ?? <span className="muted">首次编制</span>}</div>
            <div className="ent-card-code">
              <HashText value={v.inputHash} short />
            </div>
          </div>
        )}
      />
    );
  }
  return (
    <Table<PlanVersionInfo>
      rowKey="versionNo"
      size="middle"
      columns={columns}
      dataSource={versions}
      pagination={false}
      onRow={() => ({ 'data-testid': 'version-row' }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}

// ---------- 双随机抽取 ----------

const departmentSuggestions = ['应急管理', '市场监管', '消防救援', '生态环境', '住房城乡建设', '自然资源'];

interface DrawFormValues {
  month?: number;
  targetCount?: number | null;
  teamSize: number;
  seed?: number | null;
  departments?: string[];
  title?: string;
}

export function DrawsTab({ plan, canDraw }: { plan: PlanDetail; canDraw: boolean }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DrawFormValues>();
  const [error, setError] = useState<string | null>(null);
  const { data, isLoading } = useQuery({ queryKey: ['draws', String(plan.id)], queryFn: () => api.draws(plan.id) });
  const approved = plan.status === 'approved' || plan.status === 'filed' || plan.status === 'published';
  const create = useMutation({
    mutationFn: (v: DrawFormValues) =>
      api.createDraw({
        planId: plan.id,
        month: v.month ?? undefined,
        targetCount: v.targetCount ?? undefined,
        teamSize: v.teamSize,
        seed: v.seed ?? undefined,
        departments: v.departments?.length ? v.departments : undefined,
        title: v.title?.trim() || undefined,
      }),
    meta: { silent: true },
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: ['draws'] });
      queryClient.setQueryData(['draw', String(d.id)], d);
      showSuccess(`抽取完成：抽中 ${d.assignments.length} 家企业`);
      navigate(`/draws/${d.id}`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const monthsWithPlan = useMemo(() => new Map(plan.current.months.map((m) => [m.month, m.planned])), [plan]);
  const items = data?.items ?? [];
  const columns: TableColumnsType<DrawListItem> = [
    {
      title: '抽取',
      key: 'title',
      render: (_, d) => (
        <Link to={`/draws/${d.id}`} className="ent-name-link">
          {d.title}
        </Link>
      ),
    },
    { title: '抽取日期', dataIndex: 'drawDate', key: 'drawDate', width: 110, render: (v) => <span className="nowrap">{fmtDate(v)}</span> },
    { title: '抽中', key: 'assigned', width: 80, align: 'right', render: (_, d) => <span className="nowrap">{`${d.assigned} / ${d.targetCount}`}</span> },
    { title: '随机种子', dataIndex: 'seed', key: 'seed', width: 120, className: 'mono' },
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title="本计划的抽取记录" data-testid="draw-list" extra={<ExportButton path="/draws/export" query={{ planId: plan.id }} fileName="双随机抽取记录.xlsx" testId="draw-export" />}>
          {isMobile ? (
            <CardList<DrawListItem>
              loading={isLoading}
              items={items}
              rowKey={(d) => d.id}
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未抽取" />}
              render={(d) => (
                <div className="ent-card-inner" data-testid="draw-list-row">
                  <Link to={`/draws/${d.id}`} className="ent-name-link">
                    {d.title}
                  </Link>
                  <div className="ent-card-meta">
                    <span>{fmtDate(d.drawDate)}</span>
                    <span>
                      抽中 {d.assigned} / {d.targetCount}
                    </span>
                    <span className="mono">种子 {d.seed}</span>
                  </div>
                </div>
              )}
            />
          ) : (
            <Table<DrawListItem>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              loading={isLoading}
              pagination={false}
              scroll={{ x: 560 }}
              onRow={() => ({ 'data-testid': 'draw-list-row' }) as React.HTMLAttributes<HTMLElement>}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未抽取" /> }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={<><ExperimentOutlined /> 发起双随机抽取</>} data-testid="draw-form-card">
          {!approved ? (
            <Result status="info" title="计划批准后才能进行双随机抽取" subTitle="抽取对象来自本计划的“双随机抽查”名单。" />
          ) : !canDraw ? (
            <Alert type="info" showIcon title={`由${plan.agencyName}发起抽取`} />
          ) : (
            <>
              <Typography.Paragraph type="secondary" className="draw-form-hint">
                从本计划“双随机抽查”名单中按信用和风险加权随机抽取企业，并从执法人员名录中随机选派持有效执法证的人员；结果按种子可复核并公开。
              </Typography.Paragraph>
              {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} data-testid="draw-error" /> : null}
              <Form<DrawFormValues>
                form={form}
                layout="vertical"
                initialValues={{ teamSize: 2, departments: [] }}
                onFinish={(v) => {
                  setError(null);
                  create.mutate(v);
                }}
              >
                <Row gutter={12}>
                  <Col xs={12}>
                    <Form.Item label="月份（可选）" name="month">
                      <Select
                        allowClear
                        placeholder="全年"
                        options={monthOptions.map((m) => ({ ...m, label: `${m.label}（计划 ${monthsWithPlan.get(m.value) ?? 0} 家）` }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item label="抽取家数（可选）" name="targetCount" rules={[{ type: 'number', min: 1, message: '至少1家' }]}>
                      <InputNumber min={1} precision={0} placeholder="全部" style={{ width: '100%' }} suffix="家" />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item
                      label="每组人数"
                      name="teamSize"
                      rules={[
                        { required: true, message: '请填写每组人数' },
                        { type: 'number', min: 2, max: 10, message: '每组不少于2人' },
                      ]}
                    >
                      <InputNumber min={2} max={10} precision={0} style={{ width: '100%' }} suffix="人" />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item label="随机种子（可选）" name="seed" rules={[{ type: 'number', min: 1, max: 2147483647, message: '1至2147483647' }]}>
                      <InputNumber min={1} max={2147483647} precision={0} style={{ width: '100%' }} placeholder="系统生成" />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item
                      label="联合抽取部门（可选）"
                      name="departments"
                      extra="跨部门联合检查“进一次门、查多项事”：选两个及以上部门，每组各含一名该部门人员；不选为本部门抽取"
                    >
                      <Select mode="tags" placeholder="如：应急管理、市场监管" options={departmentSuggestions.map((d) => ({ value: d, label: d }))} />
                    </Form.Item>
                  </Col>
                </Row>
                <Button type="primary" htmlType="submit" icon={<AimOutlined />} loading={create.isPending} block>
                  开始抽取
                </Button>
              </Form>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}

export function VersionSummary({ plan }: { plan: PlanDetail }) {
  const isMobile = useIsMobile();
  const p = plan.current.params;
  return (
    <Descriptions
      size="small"
      column={isMobile ? 1 : 2}
      className="plan-params"
      items={[
        { key: 'ratio', label: '一般企业抽查比例', children: `${Math.round(p.generalSampleRatio * 100)}%` },
        { key: 'team', label: '每组人数', children: `${p.teamSize} 人` },
        { key: 'perDay', label: '每组每日检查', children: `${p.inspectionsPerTeamDay} 家` },
        { key: 'field', label: '外勤天数占比', children: `${Math.round(p.fieldDayShare * 100)}%` },
        { key: 'start', label: '起始月份', children: `${p.startMonth}月` },
        { key: 'spot', label: '上级抽查', children: `${p.spotCheckCount} 家` },
        { key: 'officers', label: '执法人员', children: `${p.officerCount ?? '—'} 人` },
        { key: 'seed', label: '随机种子', children: <HashText value={p.seed} /> },
      ]}
    />
  );
}
