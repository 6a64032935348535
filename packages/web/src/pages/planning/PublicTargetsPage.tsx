// R5: 计划执法对象名单 每月公示 — public, no login.
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Input, Pagination, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { industryLabels, labelOf } from '@anjian/domain/enums';
import { api, errorMessage, type PublicTarget } from '../../api';
import { useUrlQuery } from '../../app/useUrlQuery';
import { useIsMobile } from '../../app/useIsMobile';
import { CardList } from '../../components/CardList';
import { monthOptions, yearOptions } from './common';

const categoryColor = (c: string) => (c.startsWith('重点') ? 'red' : c.startsWith('高危') ? 'volcano' : c.startsWith('上级') ? 'purple' : 'blue');

export default function PublicTargetsPage() {
  const isMobile = useIsMobile();
  const { values, update } = useUrlQuery();
  const now = dayjs();
  const year = Number(values.year) || now.year();
  const month = Math.min(12, Math.max(1, Number(values.month) || now.month() + 1));
  const regionCode = /^\d{6}(\d{3})?$/.test(values.regionCode ?? '') ? values.regionCode : undefined;
  const [region, setRegion] = useState(values.regionCode ?? '');
  useEffect(() => setRegion(values.regionCode ?? ''), [values.regionCode]);
  const page = Math.max(1, Number(values.page) || 1);
  const pageSize = 50;
  const query = { year, month, regionCode, page, pageSize };
  const { data, isFetching, isLoading, error } = useQuery({
    queryKey: ['public-targets', query],
    queryFn: () => api.publicTargets(query),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const columns: TableColumnsType<PublicTarget> = [
    { title: '序号', key: 'i', width: 70, render: (_, __, i) => (page - 1) * pageSize + i + 1 },
    { title: '企业名称', dataIndex: 'enterpriseName', key: 'enterpriseName' },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', width: 200, className: 'mono' },
    { title: '行业', dataIndex: 'industry', key: 'industry', width: 120, render: (v) => labelOf(industryLabels, v) },
    { title: '检查类别', dataIndex: 'category', key: 'category', width: 200, render: (v: string) => <Tag color={categoryColor(v)}>{v}</Tag> },
    { title: '执法机构', dataIndex: 'agencyName', key: 'agencyName', width: 220 },
  ];
  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={`${year}年${month}月暂无公示的计划执法对象${regionCode ? '（该地区）' : ''}`}
    />
  );
  return (
    <>
      <Typography.Title level={4} className="public-title">
        计划执法对象名单（{year}年{month}月）
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        市、县两级应急管理部门已公布的年度监督检查计划中，本月计划检查的生产经营单位名单，每月公示。
      </Typography.Paragraph>
      <Card size="small" className="filter-card">
        <Row gutter={[12, 12]}>
          <Col xs={12} md={5} lg={4}>
            <Select
              aria-label="年度"
              style={{ width: '100%' }}
              options={yearOptions(now.year(), 2, 1)}
              value={year}
              onChange={(v: number) => update({ year: v })}
            />
          </Col>
          <Col xs={12} md={5} lg={4}>
            <Select aria-label="月份" style={{ width: '100%' }} options={monthOptions} value={month} onChange={(v: number) => update({ month: v })} />
          </Col>
          <Col xs={24} md={10} lg={8}>
            <Input.Search
              allowClear
              aria-label="行政区划代码"
              placeholder="行政区划代码（可选），如 330106"
              inputMode="numeric"
              maxLength={9}
              value={region}
              onChange={(e) => {
                setRegion(e.target.value);
                if (!e.target.value && values.regionCode) update({ regionCode: undefined });
              }}
              onSearch={(v) => update({ regionCode: v.trim() || undefined })}
              enterButton="筛选"
              status={region && !/^\d{6}(\d{3})?$/.test(region) ? 'error' : undefined}
            />
          </Col>
        </Row>
      </Card>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" className="table-card">
        <div className="table-summary" data-testid="public-targets-total">
          {data ? `共 ${data.total.toLocaleString('zh-CN')} 家` : ' '}
        </div>
        {isMobile ? (
          <>
            <CardList<PublicTarget>
              loading={isFetching}
              items={data?.items ?? []}
              rowKey={(t) => `${t.creditCode}-${t.agencyName}`}
              empty={empty}
              render={(t) => (
                <div className="ent-card-inner" data-testid="public-target-row">
                  <div className="ent-card-head">
                    <strong>{t.enterpriseName}</strong>
                    <Tag color={categoryColor(t.category)}>{t.category}</Tag>
                  </div>
                  <div className="ent-card-code mono">{t.creditCode}</div>
                  <div className="ent-card-meta">
                    <span>{labelOf(industryLabels, t.industry)}</span>
                  </div>
                  <div className="ent-card-agency">{t.agencyName}</div>
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
          <Table<PublicTarget>
            rowKey={(t) => `${t.creditCode}-${t.agencyName}`}
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={isFetching}
            locale={{ emptyText: isLoading ? ' ' : empty }}
            onRow={() => ({ 'data-testid': 'public-target-row' }) as React.HTMLAttributes<HTMLElement>}
            onChange={(p) => update({ page: p.current && p.current > 1 ? p.current : undefined }, { resetPage: false })}
            pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 家` }}
          />
        )}
      </Card>
    </>
  );
}
