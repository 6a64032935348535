// 执法检查台账 (R19): unit, officers, method, content and result of every inspection in the caller's jurisdiction,
// searchable, paginated on the server and exported to .xlsx with the same filters. Rows open /inspections/:id.
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Col, DatePicker, Select, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { inspectionOriginLabels, inspectionOrigins, inspectionStatusLabels, inspectionStatuses, type InspectionOrigin, type InspectionStatus } from '@anjian/domain/inspection';
import { industryLabels, labelOf } from '@anjian/domain/enums';
import { hazardsApi, type InspectionLedgerFilters, type InspectionLedgerItem, type InspectionLedgerQuery } from '../../../api/hazard';
import { inspectionLedgerKeys } from '../../../api/keys';
import { PageHeader } from '../../../components/PageHeader';
import { DrillBanner } from '../../../components/DrillBanner';
import { ExportButton } from '../../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import './ledger.css';

const filterKeys = ['q', 'status', 'origin', 'from', 'to', 'hasHazards', 'backfillOverdue', 'regionCode'] as const;
// R36: the filters a dashboard chart opens the ledger with (with status, from and to)
const drillKeys = ['regionCode'] as const;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const statusColor: Record<InspectionStatus, string> = { filed: 'blue', in_progress: 'processing', completed: 'success', cancelled: 'default' };
const originColor: Record<InspectionOrigin, string> = { plan: 'geekblue', draw: 'purple', unplanned: 'cyan', emergency: 'volcano' };

function StatusTags({ r }: { r: InspectionLedgerItem }) {
  return (
    <span className="il-status">
      <Tag color={statusColor[r.status] ?? 'default'} data-status={r.status}>
        {r.statusLabel}
      </Tag>
      {r.origin === 'emergency' && !r.filed ? (
        <Tooltip title={`紧急检查须在进场后1个工作日内补录报备（截止 ${r.backfillDue ?? '—'}）`}>
          <Tag color={r.backfillOverdue ? 'red' : 'orange'}>{r.backfillOverdue ? '补录逾期' : '待补录'}</Tag>
        </Tooltip>
      ) : r.backfillOverdue ? (
        <Tooltip title="紧急检查超过1个工作日才补录报备">
          <Tag color="red">逾期补录</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

function HazardCounts({ r }: { r: InspectionLedgerItem }) {
  if (r.status !== 'completed' && r.findingCount === 0) return <span className="muted">—</span>;
  if (r.findingCount === 0) return <span className="muted">未发现问题</span>;
  return (
    <span className="il-hazards">
      <span>问题 {r.findingCount}</span>
      {r.hazardCount ? <span>隐患 {r.hazardCount}</span> : null}
      {r.majorHazardCount ? <Tag color="red">重大 {r.majorHazardCount}</Tag> : null}
      {r.openHazardCount ? (
        <Link to={`/hazards?q=${encodeURIComponent(r.enterpriseName)}&status=unclosed`} onClick={(e) => e.stopPropagation()}>
          未销号 {r.openHazardCount}
        </Link>
      ) : r.hazardCount ? (
        <Tag color="green">已全部销号</Tag>
      ) : null}
    </span>
  );
}

export default function InspectionLedgerPage() {
  const navigate = useNavigate();
  const url = useLedgerUrl(filterKeys);
  const { values, update, page, pageSize } = url;
  const filters: InspectionLedgerFilters = useMemo(
    () => ({
      q: values.q,
      status: (inspectionStatuses as readonly string[]).includes(values.status ?? '') ? (values.status as InspectionStatus) : undefined,
      origin: (inspectionOrigins as readonly string[]).includes(values.origin ?? '') ? (values.origin as InspectionOrigin) : undefined,
      from: isoDate.test(values.from ?? '') ? values.from : undefined,
      to: isoDate.test(values.to ?? '') ? values.to : undefined,
      hasHazards: values.hasHazards === 'true' ? true : undefined,
      backfillOverdue: values.backfillOverdue === 'true' ? true : undefined,
      regionCode: /^\d{6}(\d{3})?$/.test(values.regionCode ?? '') ? values.regionCode : undefined,
    }),
    [values],
  );
  const query: InspectionLedgerQuery = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: inspectionLedgerKeys.list(query),
    queryFn: () => hazardsApi.inspections(query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<InspectionLedgerItem> = [
    { title: '检查日期', dataIndex: 'plannedDate', key: 'plannedDate', width: 106, render: (v: string) => <span className="mono nowrap">{v}</span> },
    {
      title: '检查单位',
      dataIndex: 'enterpriseName',
      key: 'enterpriseName',
      width: 230,
      fixed: 'left',
      render: (v: string, r) => (
        <>
          <Link to={`/inspections/${r.id}`} className="ent-name-link" data-testid="inspection-link">
            {v}
          </Link>
          <div className="muted mono">{r.creditCode}</div>
        </>
      ),
    },
    {
      title: '检查方式',
      dataIndex: 'origin',
      key: 'origin',
      width: 110,
      render: (v: InspectionOrigin, r) => <Tag color={originColor[v] ?? 'default'}>{r.originLabel}</Tag>,
    },
    { title: '行业', dataIndex: 'industry', key: 'industry', width: 90, responsive: ['xxl'], render: (v: string) => labelOf(industryLabels, v) },
    { title: '执法人员', dataIndex: 'officerNames', key: 'officerNames', width: 150, render: (v: string) => <span className="il-officers">{v || '—'}</span> },
    { title: '检查事项', dataIndex: 'itemCount', key: 'itemCount', width: 84, align: 'right', render: (v: number) => `${v} 项` },
    { title: '发现问题 / 隐患', key: 'hazards', width: 190, render: (_: unknown, r) => <HazardCounts r={r} /> },
    { title: '执法机构', dataIndex: 'agencyName', key: 'agencyName', width: 180, ellipsis: true, responsive: ['xxl'] },
    { title: '状态', dataIndex: 'status', key: 'status', width: 130, render: (_: unknown, r) => <StatusTags r={r} /> },
  ];

  return (
    <>
      <PageHeader
        title="执法检查台账"
        sub="检查单位、执法人员、检查方式、检查内容和检查结果"
        extra={
          <Space wrap>
            <ExportButton path="/inspections/export" query={{ ...filters }} fileName="执法检查台账.xlsx" testId="inspection-export" />
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
          </Space>
        }
      />
      <DrillBanner keys={values.label ? [...drillKeys, 'from', 'to', 'status', 'origin'] : drillKeys} values={values} update={update} />
      <LedgerFilters
        url={url}
        search={{ placeholder: '企业名称 / 统一社会信用代码', ariaLabel: '搜索检查单位' }}
        primary={{
          span: { md: 12, lg: 4 },
          node: (
            <Select
              allowClear
              placeholder="检查状态"
              aria-label="检查状态"
              style={{ width: '100%' }}
              options={inspectionStatuses.map((s) => ({ value: s, label: inspectionStatusLabels[s] }))}
              value={filters.status}
              onChange={(v?: string) => update({ status: v })}
            />
          ),
        }}
        flags={
          <>
            <Checkbox checked={!!filters.hasHazards} onChange={(e) => update({ hasHazards: e.target.checked ? 'true' : undefined })}>
              有隐患
            </Checkbox>
            <Checkbox checked={!!filters.backfillOverdue} onChange={(e) => update({ backfillOverdue: e.target.checked ? 'true' : undefined })}>
              紧急检查补录逾期
            </Checkbox>
          </>
        }
        flagsCol={{ md: 24, lg: 16, className: 'il-flags' }}
      >
        <Col xs={24} md={12} lg={4}>
          <Select
            allowClear
            placeholder="检查方式"
            aria-label="检查方式"
            style={{ width: '100%' }}
            options={inspectionOrigins.map((o) => ({ value: o, label: inspectionOriginLabels[o] }))}
            value={filters.origin}
            onChange={(v?: string) => update({ origin: v })}
          />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            inputReadOnly
            allowEmpty={[true, true]}
            placeholder={['检查日期起', '检查日期止']}
            aria-label="检查日期范围"
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
        </Col>
      </LedgerFilters>

      <LedgerTable<InspectionLedgerItem>
        url={url}
        query={list}
        rowKey={(r) => r.id}
        columns={columns}
        scrollX={1000}
        testId="inspection"
        noun="次检查"
        unit="次"
        empty={{ text: '暂无执法检查记录', filtered: '没有符合条件的检查，请调整或清空筛选条件' }}
        cardClassName={() => 'il-card'}
        onCardClick={(r) => navigate(`/inspections/${r.id}`)}
        card={(r) => (
          <>
            <div className="il-card-head">
              <Link to={`/inspections/${r.id}`} className="il-card-title" onClick={(e) => e.stopPropagation()}>
                {r.enterpriseName}
              </Link>
              <StatusTags r={r} />
            </div>
            <div className="il-card-meta">
              <span className="mono">{r.plannedDate}</span>
              <span>{r.originLabel}</span>
              <span>{r.officerNames || '—'}</span>
            </div>
            <div className="il-card-foot">
              <HazardCounts r={r} />
            </div>
          </>
        )}
      />
    </>
  );
}
