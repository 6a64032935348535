// 抽查结果公开 (R13): results of completed double-random inspections — the unit, what was checked, the outcome.
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Skeleton, Tag } from 'antd';
import { portalApi } from '../../api/disclosure';
import { errorMessage } from '../../api';
import { PAGE_SIZE, PortalFilters, PortalPagination, PortalTitle, RegionTrail, usePortalFilter, withRegion } from './common';

export default function PublicResultsPage() {
  const { regionCode, year, agencyId, drawId, page } = usePortalFilter();
  const query = { regionCode, year, agencyId, drawId, page, pageSize: PAGE_SIZE };
  const { data, isLoading, error } = useQuery({ queryKey: ['portal-results', query], queryFn: () => portalApi.results(query), placeholderData: keepPreviousData, meta: { silent: true } });
  return (
    <>
      <RegionTrail regionCode={regionCode} to={(c) => withRegion('/public/results', c)} />
      <PortalTitle title="双随机抽查结果" hint="已完成的双随机抽查的检查结果：检查事项、发现的问题和责令整改的事故隐患。执法人员个人信息、现场记录和证据材料不予公开。" />
      <PortalFilters>{drawId ? <Tag data-testid="portal-draw-tag">抽取编号 {drawId}</Tag> : null}</PortalFilters>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {isLoading ? <Skeleton active /> : null}
      {data && !data.items.length ? <Card size="small"><Empty description="暂无公开的抽查结果" /></Card> : null}
      {data?.items.map((r) => (
        <Card key={r.id} size="small" className="portal-card" data-testid="portal-result" title={<Link to={`/public/results/${r.id}`}>{r.enterpriseName}</Link>} extra={<Tag>{r.inspectedOn}</Tag>}>
          <div className="mono muted">{r.creditCode}</div>
          <div className="portal-counts">
            <span>{r.agencyName}</span>
            <span>检查事项 {r.itemCount} 项</span>
          </div>
          <div style={{ marginTop: 4 }}>
            {r.majorHazards ? <Tag color="red">重大隐患</Tag> : r.hazards ? <Tag color="orange">有隐患</Tag> : <Tag color="green">未发现隐患</Tag>}
            {r.outcome}
          </div>
        </Card>
      ))}
      {data ? <PortalPagination total={data.total} page={page} /> : null}
    </>
  );
}
