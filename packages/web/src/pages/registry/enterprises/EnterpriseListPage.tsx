import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Col, Grid, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  creditStatuses,
  creditStatusLabels,
  industries,
  industryLabels,
  labelOf,
  riskCodeLabels,
  riskCodes,
  standardizationLevelLabels,
  standardizationLevels,
} from '@anjian/domain/enums';
import { api, type Enterprise, type EnterpriseQuery } from '../../../api';
import { can, useMe } from '../../../app/auth';
import { enterpriseKeys } from '../../../api/keys';
import { useIsMobile } from '../../../app/useIsMobile';
import { fmtDateTime, shortRegion } from '../../../app/format';
import { PageHeader } from '../../../components/PageHeader';
import { ExportButton } from '../../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import { RiskTag } from '../../../components/tags';
import { RegionCascader } from '../../../components/RegionCascader';
import { AgencySelect } from '../../../components/agencies';

const sortable = ['name', 'creditCode', 'riskCode', 'industry', 'updatedAt', 'employeeCount'] as const;
const filterKeys = ['q', 'regionCode', 'industry', 'riskCode', 'standardizationLevel', 'creditStatus', 'supervisingAgencyId'] as const;

const opts = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

function MultiFilter({ label, options, value, onChange }: { label: string; options: { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void }) {
  return <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={label} aria-label={label} style={{ width: '100%' }} options={options} value={value} onChange={onChange} />;
}

export default function EnterpriseListPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const wide = !!Grid.useBreakpoint().xxl;
  const url = useLedgerUrl(filterKeys);
  const { values, update, list, page, pageSize } = url;
  const sort = sortable.includes(values.sort as (typeof sortable)[number]) ? values.sort : undefined;
  const order = values.order === 'asc' ? 'asc' : values.order === 'desc' ? 'desc' : undefined;

  const filters: EnterpriseQuery = useMemo(
    () => ({
      q: values.q,
      regionCode: values.regionCode,
      industry: values.industry,
      riskCode: values.riskCode,
      standardizationLevel: values.standardizationLevel,
      creditStatus: values.creditStatus,
      supervisingAgencyId: values.supervisingAgencyId,
    }),
    [values],
  );
  const query: EnterpriseQuery = { ...filters, page, pageSize, sort, order: sort ? order ?? 'asc' : undefined };
  const result = useQuery({
    queryKey: enterpriseKeys.list(query),
    queryFn: () => api.enterprises(query),
    placeholderData: keepPreviousData,
  });

  const writer = can.writeRegisters(me);
  const sortOrderOf = (key: string) => (sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null);

  const columns: TableColumnsType<Enterprise> = [
    {
      title: '企业名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      fixed: isMobile ? undefined : 'left',
      width: 210,
      render: (name: string, r) => (
        <>
          <Link to={`/enterprises/${r.id}`} className="ent-name-link">
            {name}
          </Link>
          {/* 信用状态 has its own column only on very wide screens; flag the bad ones here otherwise */}
          {!wide && (r.creditStatus === 'blacklist' || r.creditStatus === 'dishonest') ? (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {labelOf(creditStatusLabels, r.creditStatus)}
            </Tag>
          ) : null}
        </>
      ),
    },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', sorter: true, sortOrder: sortOrderOf('creditCode'), width: 172, className: 'mono nowrap' },
    { title: '行政区划', dataIndex: 'regionName', key: 'regionName', width: 150, ellipsis: true, render: (v: string) => <span title={v}>{shortRegion(v)}</span> },
    {
      title: '行业',
      dataIndex: 'industry',
      key: 'industry',
      sorter: true,
      sortOrder: sortOrderOf('industry'),
      width: 100,
      render: (v: string) => labelOf(industryLabels, v),
    },
    {
      title: '风险赋码',
      dataIndex: 'riskCode',
      key: 'riskCode',
      sorter: true,
      sortOrder: sortOrderOf('riskCode'),
      width: 96,
      render: (v: string) => <RiskTag value={v} />,
    },
    { title: '标准化等级', dataIndex: 'standardizationLevel', key: 'standardizationLevel', width: 96, responsive: ['xxl'], render: (v: string) => labelOf(standardizationLevelLabels, v) },
    {
      title: '信用状态',
      dataIndex: 'creditStatus',
      key: 'creditStatus',
      width: 84,
      responsive: ['xxl'],
      render: (v: string) =>
        v === 'blacklist' || v === 'dishonest' ? <Tag color="red">{labelOf(creditStatusLabels, v)}</Tag> : labelOf(creditStatusLabels, v),
    },
    { title: '从业人数', dataIndex: 'employeeCount', key: 'employeeCount', sorter: true, sortOrder: sortOrderOf('employeeCount'), width: 96, align: 'right' },
    {
      title: '监管机构',
      dataIndex: 'supervisingAgencyName',
      key: 'supervisingAgencyName',
      ellipsis: { showTitle: true },
    },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', sorter: true, sortOrder: sortOrderOf('updatedAt'), width: 160, render: fmtDateTime, responsive: ['xxl'] },
  ];

  const addButtons = writer ? (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
        新增企业
      </Button>
      <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
        批量导入
      </Button>
    </>
  ) : null;

  return (
    <>
      <PageHeader
        title="企业名录"
        sub="生产经营单位登记信息（按统一社会信用代码归集）"
        extra={
          <Space wrap>
            {addButtons}
            <ExportButton path="/enterprises/export" query={{ ...filters }} fileName="企业名录.xlsx" />
          </Space>
        }
      />
      <LedgerFilters
        url={url}
        search={{ placeholder: '企业名称 / 统一社会信用代码', ariaLabel: '搜索企业名称或统一社会信用代码' }}
        primary={{
          node: (
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder="风险赋码"
              aria-label="风险赋码"
              style={{ width: '100%' }}
              options={opts(riskCodes, riskCodeLabels)}
              value={list('riskCode')}
              onChange={(v: string[]) => update({ riskCode: v })}
            />
          ),
        }}
        flags={
          <Button icon={<ReloadOutlined />} onClick={() => void result.refetch()} aria-label="刷新">
            刷新
          </Button>
        }
        flagsCol={{ md: 24, lg: 6, className: 'filter-actions' }}
      >
        <Col xs={24} md={12} lg={5}>
          <RegionCascader aria-label="行政区划" placeholder="行政区划" style={{ width: '100%' }} value={values.regionCode} onChange={(code) => update({ regionCode: code })} />
        </Col>
        <Col xs={24} md={12} lg={6}>
          <AgencySelect
            allowClear
            placeholder="监管机构"
            aria-label="监管机构"
            style={{ width: '100%' }}
            value={values.supervisingAgencyId ? Number(values.supervisingAgencyId) : undefined}
            onChange={(v) => update({ supervisingAgencyId: v })}
          />
        </Col>
        <Col xs={24} md={8} lg={8}>
          <MultiFilter label="行业" options={opts(industries, industryLabels)} value={list('industry')} onChange={(v) => update({ industry: v })} />
        </Col>
        <Col xs={12} md={8} lg={5}>
          <MultiFilter label="标准化等级" options={opts(standardizationLevels, standardizationLevelLabels)} value={list('standardizationLevel')} onChange={(v) => update({ standardizationLevel: v })} />
        </Col>
        <Col xs={12} md={8} lg={5}>
          <MultiFilter label="信用状态" options={opts(creditStatuses, creditStatusLabels)} value={list('creditStatus')} onChange={(v) => update({ creditStatus: v })} />
        </Col>
      </LedgerFilters>

      <LedgerTable<Enterprise>
        url={url}
        query={result}
        rowKey={(e) => e.id}
        columns={columns}
        sortable
        scrollX={1000}
        testId="enterprise"
        noun="家企业"
        unit="条"
        empty={{ text: '暂无企业，请点击“新增企业”或“批量导入”录入', filtered: '没有符合条件的企业，请调整或清空筛选条件', action: addButtons ? <Space>{addButtons}</Space> : undefined }}
        cardClassName={() => 'ent-card'}
        onCardClick={(e) => navigate(`/enterprises/${e.id}`)}
        card={(e) => (
          <div className="ent-card-inner">
            <div className="ent-card-head">
              <Link to={`/enterprises/${e.id}`} className="ent-name-link" onClick={(ev) => ev.stopPropagation()}>
                {e.name}
              </Link>
              <RiskTag value={e.riskCode} />
            </div>
            <div className="ent-card-code mono">{e.creditCode}</div>
            <div className="ent-card-meta">
              <span>{shortRegion(e.regionName)}</span>
              <span>{labelOf(industryLabels, e.industry)}</span>
              <span>从业 {e.employeeCount} 人</span>
            </div>
            <div className="ent-card-agency">监管：{e.supervisingAgencyName}</div>
          </div>
        )}
      />
    </>
  );
}
