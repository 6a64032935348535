// Shared parts of the portal pages: filters kept in the URL (region, year, agency, page), the region trail and the
// server-side pagination, all phone first.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Col, Pagination, Row, Select, Tag, Typography } from 'antd';
import { portalApi } from '../../api/disclosure';
import { useUrlQuery } from '../../app/useUrlQuery';
import { useIsMobile } from '../../app/useIsMobile';
import './portal.css';

export const PAGE_SIZE = 20;

const positive = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/** The portal's filters from the URL query (stable links: region and page are in the URL). */
export function usePortalFilter() {
  const { values, update } = useUrlQuery();
  const regionCode = /^\d{6}(\d{3})?$/.test(values.regionCode ?? '') ? values.regionCode : undefined;
  return {
    values,
    update,
    regionCode,
    year: positive(values.year),
    agencyId: positive(values.agencyId),
    planId: positive(values.planId),
    drawId: positive(values.drawId),
    page: positive(values.page) ?? 1,
  };
}

/** A link to a portal page keeping the region filter. */
export const withRegion = (path: string, regionCode?: string, extra: Record<string, string | number | undefined> = {}) => {
  const q = new URLSearchParams();
  if (regionCode) q.set('regionCode', regionCode);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

/** 全部 › 浙江省 › 杭州市 …, each a link to the index of that region; `to` builds the link of a level. */
export function RegionTrail({ regionCode, to = (code) => withRegion('/public', code) }: { regionCode?: string; to?: (code?: string) => string }) {
  const { data } = useQuery({ queryKey: ['portal-index', regionCode ?? '', 1], queryFn: () => portalApi.index({ regionCode, page: 1, pageSize: 1 }), meta: { silent: true }, enabled: !!regionCode });
  if (!regionCode) return null;
  const path = data?.path ?? [];
  return (
    <Breadcrumb
      className="portal-trail"
      data-testid="portal-trail"
      items={[{ title: <Link to={to(undefined)}>全部地区</Link> }, ...path.map((p) => ({ title: <Link to={to(p.code)}>{p.name}</Link> }))]}
    />
  );
}

/** The year and region filters of a list page. */
export function PortalFilters({ children }: { children?: ReactNode }) {
  const { year, regionCode, update } = usePortalFilter();
  const now = new Date().getFullYear();
  return (
    <Card size="small" className="filter-card portal-filters">
      <Row gutter={[8, 8]} align="middle">
        <Col xs={12} md={6} lg={4}>
          <Select
            aria-label="年度"
            style={{ width: '100%' }}
            allowClear
            placeholder="全部年度"
            value={year}
            options={Array.from({ length: 6 }, (_, i) => now + 1 - i).map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(v?: number) => update({ year: v })}
          />
        </Col>
        {regionCode ? (
          <Col xs={12} md={8}>
            <Tag closable onClose={() => update({ regionCode: undefined })} data-testid="portal-region-tag">
              行政区划 {regionCode}
            </Tag>
          </Col>
        ) : null}
        {children}
      </Row>
    </Card>
  );
}

export function PortalPagination({ total, page, pageSize = PAGE_SIZE }: { total: number; page: number; pageSize?: number }) {
  const isMobile = useIsMobile();
  const { update } = usePortalFilter();
  if (total <= pageSize) return null;
  return (
    <Pagination
      className="portal-pagination"
      data-testid="portal-pagination"
      current={page}
      pageSize={pageSize}
      total={total}
      simple={isMobile}
      showSizeChanger={false}
      showTotal={isMobile ? undefined : (t) => `共 ${t.toLocaleString('zh-CN')} 条`}
      onChange={(p) => {
        update({ page: p }, { resetPage: false });
        window.scrollTo(0, 0);
      }}
    />
  );
}

export function PortalTitle({ title, hint }: { title: ReactNode; hint?: ReactNode }) {
  return (
    <>
      <Typography.Title level={4} className="public-title" data-testid="portal-title">
        {title}
      </Typography.Title>
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
    </>
  );
}
