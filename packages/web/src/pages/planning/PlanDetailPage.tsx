// 年度计划详情 (R6–R13, R20): workflow, warnings, and tabs for entries, months, explain, versions, history and draws.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../../api';
import { useMe } from '../../app/auth';
import { useUrlQuery } from '../../app/useUrlQuery';
import { PageHeader } from '../../components/PageHeader';
import { NotFound } from '../../components/NotFound';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { LevelTag } from '../../components/tags';
import { useAgencies } from '../../components/agencies';
import { PlanStatusTag } from './common';
import { AdjustModal, isOwnPlan, PlanWorkflow } from './PlanActions';
import { MonthChart, MonthTable, PlanStatistics } from './PlanCharts';
import { ResponsiveTabs } from '../../components/ResponsiveTabs';
import { CalendarTab, DrawsTab, EntriesTab, ExplainTab, VersionsTab, VersionSummary } from './PlanTabs';

const tabKeys = ['entries', 'calendar', 'explain', 'versions', 'history', 'draws'] as const;
type TabKey = (typeof tabKeys)[number];

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: ['plan', id],
    queryFn: () => api.plan(id!),
    enabled: !!id && /^\d+$/.test(id),
    meta: { silent: true },
  });
}

export default function PlanDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { values, setParams } = useUrlQuery();
  const [adjustOpen, setAdjustOpen] = useState(false);
  const { data: plan, isLoading, error } = usePlan(id);
  const tab: TabKey = (tabKeys as readonly string[]).includes(values.tab ?? '') ? (values.tab as TabKey) : 'entries';
  const history = useQuery({
    queryKey: ['plan-history', id],
    queryFn: () => api.planHistory(id!),
    enabled: !!plan && tab === 'history',
  });
  // the history shows agency ids by name when the agency list is loaded
  const agencies = useAgencies(!!plan && tab === 'history');

  if (!id || !/^\d+$/.test(id)) return <NotFound title="未找到该计划" backTo="/plans" backText="返回年度计划" />;
  if (isLoading) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 400)) {
      return <NotFound title="未找到该计划" subTitle="该计划不存在，或不在本机构的管辖范围内。" backTo="/plans" backText="返回年度计划" />;
    }
    return <Alert type="error" showIcon title={errorMessage(error)} />;
  }
  if (!plan || !me) return null;

  const own = isOwnPlan(me, plan);
  const canAdjust = own && plan.status !== 'submitted';
  const warnings = [...plan.current.warnings];
  const overlaps = plan.overlaps ?? [];
  const setTab = (k: string) =>
    setParams((prev) => {
      const next = new URLSearchParams();
      // keep the entries filters only on the entries tab; keep the explain code only on the explain tab
      if (k === 'entries') for (const f of ['month', 'category', 'q']) if (prev.get(f)) next.set(f, prev.get(f)!);
      if (k === 'explain' && prev.get('code')) next.set('code', prev.get('code')!);
      if (k !== 'entries') next.set('tab', k);
      return next;
    });
  const openMonth = (m: number) =>
    setParams(() => {
      const next = new URLSearchParams();
      next.set('month', String(m));
      return next;
    });

  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span data-testid="plan-title">
              {plan.agencyName} {plan.year}年度监督检查计划
            </span>
            <span data-testid="plan-status" data-status={plan.status}>
              <PlanStatusTag value={plan.status} label={plan.statusLabel} />
            </span>
            {plan.provisional ? (
              <Tag color="orange" data-testid="plan-provisional">
                日期暂定
              </Tag>
            ) : null}
          </Space>
        }
        sub={
          <Space wrap size={[12, 4]}>
            <LevelTag value={plan.agencyLevel} />
            <span>当前版本 v{plan.currentVersion}</span>
            <span>
              计划检查 <strong>{plan.current.summary.totalPlanned.toLocaleString('zh-CN')}</strong> 家次
            </span>
            <span>执法人员 {plan.current.params.officerCount ?? '—'} 人</span>
          </Space>
        }
        extra={
          <Space wrap>
            {canAdjust ? (
              <Button icon={<EditOutlined />} onClick={() => setAdjustOpen(true)}>
                调整计划
              </Button>
            ) : null}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/plans')}>
              返回列表
            </Button>
          </Space>
        }
      />
      <PlanWorkflow plan={plan} me={me} />

      <div className="plan-alerts">
        {plan.lateCompilation ? (
          <Alert
            type="error"
            showIcon
            data-testid="late-compilation"
            title={`本计划首次编制晚于${plan.year}年3月31日`}
            description="年度监督检查计划应于每年3月底前编制完成。"
          />
        ) : null}
        {plan.current.summary.overCapacity ? (
          <Alert
            type="error"
            showIcon
            title={`计划检查 ${plan.current.summary.totalPlanned} 家次，超出年度执法力量 ${plan.current.summary.annualCapacity} 家次`}
            description="请调整计划参数，或增加执法力量。"
          />
        ) : null}
        {warnings.map((w, i) => (
          <Alert key={`w${i}`} type="warning" showIcon title={w} data-testid="plan-warning" />
        ))}
        {overlaps.length ? (
          <Alert
            type="warning"
            showIcon
            data-testid="plan-overlaps"
            title={`与其他层级的检查安排可能重复（${overlaps.length} 条）`}
            description={
              <ul className="reason-list">
                {overlaps.slice(0, 10).map((o, i) => (
                  <li key={i}>{o}</li>
                ))}
                {overlaps.length > 10 ? <li>……另有 {overlaps.length - 10} 条</li> : null}
              </ul>
            }
          />
        ) : null}
        {plan.current.reason ? (
          <Alert type="info" showIcon title={`第 ${plan.current.versionNo} 版调整原因：${plan.current.reason}`} />
        ) : null}
      </div>

      <PlanStatistics summary={plan.current.summary} params={plan.current.params} levelAllowsSpotCheck={plan.agencyLevel === 'province' || plan.agencyLevel === 'city'} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title="各月计划检查与执法力量" extra={<span className="muted">点击柱形查看当月名单</span>} data-testid="plan-monthly-load">
            <MonthChart months={plan.current.months} onMonthClick={openMonth} />
            <MonthTable months={plan.current.months} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`计划参数（v${plan.currentVersion}）`}>
            <VersionSummary plan={plan} />
          </Card>
        </Col>
      </Row>

      <Card size="small" style={{ marginTop: 12 }} className="plan-tabs-card">
        <ResponsiveTabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'entries', label: '检查对象', children: <EntriesTab plan={plan} /> },
            { key: 'calendar', label: '月历', children: <CalendarTab plan={plan} onMonth={openMonth} /> },
            { key: 'explain', label: '为什么在/不在计划中', children: <ExplainTab plan={plan} /> },
            { key: 'versions', label: `版本（${plan.versions.length}）`, children: <VersionsTab plan={plan} /> },
            { key: 'history', label: '变更记录', children: <HistoryTimeline items={history.data?.items} loading={history.isLoading || agencies.isLoading} /> },
            { key: 'draws', label: '双随机抽取', children: <DrawsTab plan={plan} canDraw={own} /> },
          ]}
        />
      </Card>
      {canAdjust ? <AdjustModal plan={plan} open={adjustOpen} onClose={() => setAdjustOpen(false)} /> : null}
    </>
  );
}
