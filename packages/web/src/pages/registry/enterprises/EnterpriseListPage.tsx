import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Input,
  Pagination,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import {
  DownloadOutlined,
  FilterOutlined,
  PlusOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
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
import { useUrlQuery } from '../../../app/useUrlQuery';
import { useIsMobile } from '../../../app/useIsMobile';
import { fmtCount, fmtDateTime, shortRegion } from '../../../app/format';
import { showError, showSuccess } from '../../../app/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { CardList } from '../../../components/CardList';
import { RiskTag } from '../../../components/tags';
import { RegionCascader } from '../../../components/RegionCascader';
import { AgencySelect } from '../../../components/agencies';

const sortable = ['name', 'creditCode', 'riskCode', 'industry', 'updatedAt', 'employeeCount'] as const;
const filterKeys = ['q', 'regionCode', 'industry', 'riskCode', 'standardizationLevel', 'creditStatus', 'supervisingAgencyId'] as const;

const opts = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

export default function EnterpriseListPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const wide = !!Grid.useBreakpoint().xxl;
  const { values, update, list } = useUrlQuery();
  const [search, setSearch] = useState(values.q ?? '');
  const [exporting, setExporting] = useState(false);
  useEffect(() => setSearch(values.q ?? ''), [values.q]);

  const page = Math.max(1, Number(values.page) || 1);
  const pageSize = Math.min(100, Math.max(10, Number(values.pageSize) || 20));
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
  const activeFilterCount = filterKeys.filter((k) => k !== 'q' && values[k]).length;
  const [showMore, setShowMore] = useState(!isMobile || activeFilterCount > 0);
  useEffect(() => {
    if (!isMobile) setShowMore(true);
  }, [isMobile]);

  const { data, isFetching, isLoading, refetch } = useQuery({
    queryKey: ['enterprises', query],
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

  const onTableChange: TableProps<Enterprise>['onChange'] = (pagination, _f, sorter, extra) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? String(s.columnKey ?? s.field ?? '') : '';
    const patch: Record<string, string | number | undefined> = {
      sort: field || undefined,
      order: field ? (s?.order === 'descend' ? 'desc' : 'asc') : undefined,
      pageSize: pagination.pageSize && pagination.pageSize !== 20 ? pagination.pageSize : undefined,
      page: extra.action === 'paginate' && pagination.current && pagination.current > 1 ? pagination.current : undefined,
    };
    update(patch, { resetPage: false });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await api.exportEnterprises(filters);
      showSuccess('导出完成，文件已开始下载');
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const total = data?.total ?? 0;
  const totalText = data ? fmtCount(total, data.totalCapped) : '';
  const hasFilters = filterKeys.some((k) => values[k]);

  const emptyState = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={hasFilters ? '没有符合条件的企业，请调整或清空筛选条件' : '暂无企业，请点击“新增企业”或“批量导入”录入'}
    >
      {hasFilters ? (
        <Button onClick={() => update(Object.fromEntries(filterKeys.map((k) => [k, undefined])))}>清空筛选</Button>
      ) : writer ? (
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
            新增企业
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
            批量导入
          </Button>
        </Space>
      ) : null}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title="企业名录"
        sub="生产经营单位登记信息（按统一社会信用代码归集）"
        extra={
          <Space wrap>
            {writer ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
                  新增企业
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
                  批量导入
                </Button>
              </>
            ) : null}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
              导出Excel
            </Button>
          </Space>
        }
      />
      <Card size="small" className="filter-card">
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={12} lg={8}>
            <Input.Search
              allowClear
              placeholder="企业名称 / 统一社会信用代码"
              aria-label="搜索企业名称或统一社会信用代码"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                if (!e.target.value && values.q) update({ q: undefined });
              }}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              enterButton="查询"
              data-testid="enterprise-search"
            />
          </Col>
          <Col xs={isMobile ? 16 : 24} md={12} lg={5}>
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
          </Col>
          {isMobile ? (
            <Col xs={8}>
              <Button block icon={<FilterOutlined />} onClick={() => setShowMore((s) => !s)}>
                {showMore ? '收起' : `筛选${activeFilterCount ? `(${activeFilterCount})` : ''}`}
              </Button>
            </Col>
          ) : null}
          {showMore ? (
            <>
              <Col xs={24} md={12} lg={5}>
                <RegionCascader
                  aria-label="行政区划"
                  placeholder="行政区划"
                  style={{ width: '100%' }}
                  value={values.regionCode}
                  onChange={(code) => update({ regionCode: code })}
                />
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
                <Select
                  mode="multiple"
                  allowClear
                  maxTagCount="responsive"
                  placeholder="行业"
                  aria-label="行业"
                  style={{ width: '100%' }}
                  options={opts(industries, industryLabels)}
                  value={list('industry')}
                  onChange={(v: string[]) => update({ industry: v })}
                />
              </Col>
              <Col xs={12} md={8} lg={5}>
                <Select
                  mode="multiple"
                  allowClear
                  maxTagCount="responsive"
                  placeholder="标准化等级"
                  aria-label="标准化等级"
                  style={{ width: '100%' }}
                  options={opts(standardizationLevels, standardizationLevelLabels)}
                  value={list('standardizationLevel')}
                  onChange={(v: string[]) => update({ standardizationLevel: v })}
                />
              </Col>
              <Col xs={12} md={8} lg={5}>
                <Select
                  mode="multiple"
                  allowClear
                  maxTagCount="responsive"
                  placeholder="信用状态"
                  aria-label="信用状态"
                  style={{ width: '100%' }}
                  options={opts(creditStatuses, creditStatusLabels)}
                  value={list('creditStatus')}
                  onChange={(v: string[]) => update({ creditStatus: v })}
                />
              </Col>
              <Col xs={24} md={24} lg={6} className="filter-actions">
                <Space>
                  <Button
                    disabled={!hasFilters}
                    onClick={() => update(Object.fromEntries(filterKeys.map((k) => [k, undefined])))}
                  >
                    清空筛选
                  </Button>
                  <Button icon={<ReloadOutlined />} onClick={() => void refetch()} aria-label="刷新">
                    刷新
                  </Button>
                </Space>
              </Col>
            </>
          ) : null}
        </Row>
      </Card>

      <Card size="small" className="table-card">
        <div className="table-summary" data-testid="enterprise-total">
          {data ? (
            <>
              {data.totalCapped ? (
                <Typography.Text strong>{`${total}+ 条`}</Typography.Text>
              ) : (
                <Typography.Text>
                  共 <Typography.Text strong>{total.toLocaleString('zh-CN')}</Typography.Text> 家企业
                </Typography.Text>
              )}
            </>
          ) : (
            ' '
          )}
        </div>
        {isMobile ? (
          <>
            <CardList<Enterprise>
              loading={isLoading || isFetching}
              items={data?.items ?? []}
              rowKey={(e) => e.id}
              empty={emptyState}
              testId="enterprise-cards"
              itemClassName={() => 'ent-card'}
              onItemClick={(e) => navigate(`/enterprises/${e.id}`)}
              render={(e) => (
                  <div className="ent-card-inner" data-testid="enterprise-row">
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
            {total > 0 ? (
              <Pagination
                className="mobile-pagination"
                simple
                current={page}
                pageSize={pageSize}
                total={total}
                onChange={(p) => update({ page: p > 1 ? p : undefined }, { resetPage: false })}
              />
            ) : null}
          </>
        ) : (
          <Table<Enterprise>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={isFetching}
            onChange={onTableChange}
            scroll={{ x: 1000 }}
            locale={{ emptyText: isLoading ? ' ' : emptyState }}
            data-testid="enterprise-table"
            onRow={(r) => ({ 'data-testid': 'enterprise-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
            pagination={{
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: () => totalText,
              showQuickJumper: total > pageSize * 5,
            }}
          />
        )}
      </Card>
    </>
  );
}
