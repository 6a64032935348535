// 年度监督检查计划公开 (R6, R10): the plans published by the agencies of a region, in the version in force.
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Skeleton, Tag } from 'antd';
import { portalApi } from '../../api/disclosure';
import { errorMessage } from '../../api';
import { PAGE_SIZE, PortalFilters, PortalPagination, PortalTitle, RegionTrail, usePortalFilter, withRegion } from './common';

export default function PublicPlansPage() {
  const { regionCode, year, agencyId, page } = usePortalFilter();
  const query = { regionCode, year, agencyId, page, pageSize: PAGE_SIZE };
  const { data, isLoading, error } = useQuery({ queryKey: ['portal-plans', query], queryFn: () => portalApi.plans(query), placeholderData: keepPreviousData, meta: { silent: true } });
  return (
    <>
      <RegionTrail regionCode={regionCode} to={(c) => withRegion('/public/plans', c)} />
      <PortalTitle title="年度监督检查计划" hint="经批准、备案后向社会公布的年度安全生产监督检查计划；计划调整经重新批准、备案并公布后，以调整后的版本为准。" />
      <PortalFilters />
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {isLoading ? <Skeleton active /> : null}
      {data && !data.items.length ? <Card size="small"><Empty description="暂无公布的年度监督检查计划" /></Card> : null}
      {data?.items.map((p) => (
        <Card
          key={p.id}
          size="small"
          className="portal-card"
          data-testid="portal-plan"
          title={<Link to={`/public/plans/${p.id}`}>{`${p.agencyName}${p.year}年度监督检查计划`}</Link>}
        >
          <div className="portal-counts">
            <span>{p.regionName}</span>
            <span>计划检查 {p.totalPlanned.toLocaleString('zh-CN')} 家次</span>
            <span>{p.publishedOn} 公布</span>
            {p.adjustments > 0 ? <Tag color="orange">第{p.versionNo}版 · 调整 {p.adjustments} 次</Tag> : <Tag>第{p.versionNo}版</Tag>}
          </div>
        </Card>
      ))}
      {data ? <PortalPagination total={data.total} page={page} /> : null}
    </>
  );
}
