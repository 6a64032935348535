// 信息公开 index (R5, R13, R29, R32): by region, province → city → county, what each agency has published, with links.
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { AuditOutlined, CalendarOutlined, FileSearchOutlined, MessageOutlined, ScheduleOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { portalApi, type PortalCounts } from '../../api/disclosure';
import { errorMessage } from '../../api';
import { PAGE_SIZE, PortalPagination, PortalTitle, RegionTrail, usePortalFilter, withRegion } from './common';

function Counts({ c, links }: { c: PortalCounts; links: (kind: keyof PortalCounts) => string }) {
  const parts: [keyof PortalCounts, string][] = [
    ['plans', '检查计划'],
    ['draws', '双随机抽取'],
    ['results', '抽查结果'],
    ['penalties', '处罚决定'],
    ['blacklists', '失信名单'],
  ];
  return (
    <div className="portal-counts">
      {parts.map(([k, label]) =>
        c[k] > 0 ? (
          <Link key={k} to={links(k)} data-testid={`count-${k}`}>
            {label} {c[k]}
          </Link>
        ) : (
          <span key={k} className="muted">
            {label} 0
          </span>
        ),
      )}
    </div>
  );
}

const pages: Record<keyof PortalCounts, string> = { plans: '/public/plans', draws: '/public/draws', results: '/public/results', penalties: '/public/penalties', blacklists: '/public/blacklist' };

export default function PortalIndexPage() {
  const { regionCode, page } = usePortalFilter();
  const { data, isLoading, error } = useQuery({
    queryKey: ['portal-index', regionCode ?? '', page],
    queryFn: () => portalApi.index({ regionCode, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const code = data?.region?.code ?? regionCode;
  const links = [
    { to: withRegion('/public/plans', code), icon: <CalendarOutlined />, label: '年度检查计划' },
    { to: withRegion('/public/targets', code), icon: <ScheduleOutlined />, label: '计划执法对象名单' },
    { to: withRegion('/public/draws', code), icon: <TeamOutlined />, label: '双随机抽取结果' },
    { to: withRegion('/public/results', code), icon: <FileSearchOutlined />, label: '抽查检查结果' },
    { to: withRegion('/public/penalties', code), icon: <AuditOutlined />, label: '行政处罚决定' },
    { to: withRegion('/public/blacklist', code), icon: <StopOutlined />, label: '严重失信主体名单' },
    { to: '/public/complaints', icon: <MessageOutlined />, label: '投诉举报' },
  ];
  return (
    <>
      <RegionTrail regionCode={code} />
      <PortalTitle
        title={data?.region ? `${data.region.fullName} · 信息公开` : '信息公开'}
        hint="按“谁执法谁公示”公开：年度监督检查计划、双随机抽取及复核、抽查结果、行政处罚决定和严重失信主体名单。选择下级地区查看各地公开的信息。"
      />
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <div className="portal-links portal-section" data-testid="portal-links">
        {links.map((l) => (
          <Link key={l.label} to={l.to}>
            {l.icon}
            <span>{l.label}</span>
          </Link>
        ))}
      </div>
      {isLoading ? <Skeleton active /> : null}
      {data?.agencies.length ? (
        <>
          <Typography.Title level={5}>本级执法机构</Typography.Title>
          {data.agencies.map((a) => (
            <Card key={a.id} size="small" className="portal-card" title={a.name} data-testid="portal-agency">
              <Counts c={a} links={(k) => (k === 'penalties' || k === 'blacklists' ? withRegion(pages[k], a.regionCode) : withRegion(pages[k], undefined, { agencyId: a.id }))} />
            </Card>
          ))}
        </>
      ) : null}
      {data ? (
        <>
          <Typography.Title level={5}>{data.region ? '下级地区' : '地区'}</Typography.Title>
          {!data.children.length ? <Card size="small"><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有设立执法机构的下级地区" /></Card> : null}
          <Row gutter={[12, 0]}>
            {data.children.map((c) => (
              <Col key={c.code} xs={24} md={12} lg={8}>
                <Card
                  size="small"
                  className="portal-card"
                  data-testid="portal-child"
                  title={<Link to={withRegion('/public', c.code)}>{c.name}</Link>}
                  extra={<Link to={withRegion('/public', c.code)}>进入</Link>}
                >
                  <Counts c={c} links={(k) => withRegion(pages[k], c.code)} />
                </Card>
              </Col>
            ))}
          </Row>
          <PortalPagination total={data.total} page={page} />
        </>
      ) : null}
    </>
  );
}
