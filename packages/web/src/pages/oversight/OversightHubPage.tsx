// 执法监督 hub (R31, R34 and the oversight sections): one page per level with a tab per oversight instrument. Tabs come
// from hubTabs.tsx; the active one is the URL's segment (/oversight/reviews), so every tab can be linked and bookmarked.
// At phone width the tabs become a select: every tab stays one tap away.
import { Suspense } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Card, Select, Skeleton, Tabs } from 'antd';
import { useIsMobile } from '../../app/useIsMobile';
import { PageHeader } from '../../components/PageHeader';
import { hubTabs } from './hubTabs';
import './oversight.css';

export default function OversightHubPage() {
  const { tab } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  // /oversight?tab=reviews is accepted too (links written before the hub had segments)
  const legacy = params.get('tab');
  if (!tab && legacy && hubTabs.some((t) => t.key === legacy)) {
    const rest = new URLSearchParams(params);
    rest.delete('tab');
    const q = rest.toString();
    return <Navigate to={`/oversight/${legacy}${q ? `?${q}` : ''}`} replace />;
  }
  const active = hubTabs.find((t) => t.key === tab) ?? hubTabs[0]!;
  if (tab && active.key !== tab) return <Navigate to="/oversight" replace />;
  const go = (key: string) => navigate(`/oversight/${key}`);
  const { Panel } = active;
  return (
    <>
      <PageHeader title="执法监督" sub="案卷评查、监督预警、处罚期限、执法回访、投诉举报和监督措施；按本级管辖范围显示" />
      <Card size="small" className="table-card">
        {isMobile ? (
          <Select
            className="ov-hub-select"
            value={active.key}
            onChange={go}
            options={hubTabs.map((t) => ({ value: t.key, label: t.label }))}
            data-testid="hub-tab-select"
            aria-label="选择监督事项"
          />
        ) : (
          <Tabs
            className="ov-hub-tabs"
            activeKey={active.key}
            onChange={go}
            items={hubTabs.map((t) => ({ key: t.key, label: <span data-testid={`hub-tab-${t.key}`}>{t.label}</span> }))}
          />
        )}
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          <div data-testid={`hub-panel-${active.key}`}>
            <Panel />
          </div>
        </Suspense>
      </Card>
    </>
  );
}
