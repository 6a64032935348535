// R36: this year's enforcement on the home page of leaders and officers (定期统计): plan progress by month, hazards,
// cases and fines, the trend against the same period last year, and the regions of the jurisdiction coloured by a
// chosen measure. Every figure and chart opens the ledger it counts, filtered (docs/statistics.md).
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Segmented, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { LineChart, MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';
import {
  measureValue,
  monthLabel,
  monthRange,
  percent,
  previousYearPeriod,
  statisticsMeasureLabels,
  statisticsMeasures,
  type StatisticsFigures,
  type StatisticsGroup,
  type StatisticsMeasure,
} from '@anjian/domain/reporting';
import { highRiskIndustries } from '@anjian/domain/enums';
import { penaltyCaseStatusLabels, type PenaltyCaseStatus } from '@anjian/domain/penalty';
import type { Me } from '../../api';
import { statisticsApi, type StatisticsResult } from '../../api/reporting';
import { EChart } from '../../components/EChart';
import { useIsMobile } from '../../app/useIsMobile';
import { RegionMap } from './RegionMap';
import './dashboard.css';
import { homeKeys } from '../../api/keys';

echarts.use([LineChart, MapChart, VisualMapComponent]);

const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const wan = (yuan: number) => Math.round(yuan / 100) / 100;
const qs = (o: Record<string, string | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');

interface Range {
  from: string;
  to: string;
}

/** The ledger a figure counts, filtered like the figure (period, region, kind). */
export function ledgerUrl(measure: StatisticsMeasure, r: Range, label: string, regionCode?: string | null): string {
  const region = regionCode ?? undefined;
  switch (measure) {
    case 'inspectionsDone':
    case 'planProgress':
      return `/inspections?${qs({ status: 'completed', ...(measure === 'planProgress' ? { origin: 'plan' } : {}), from: r.from, to: r.to, regionCode: region, label })}`;
    case 'hazardsFound':
      return `/hazards?${qs({ foundFrom: r.from, foundTo: r.to, regionCode: region, label })}`;
    case 'majorHazards':
      return `/hazards?${qs({ foundFrom: r.from, foundTo: r.to, major: 'true', regionCode: region, label })}`;
    case 'hazardsOverdue':
      return `/hazards?${qs({ foundFrom: r.from, foundTo: r.to, overdue: 'true', regionCode: region, label })}`;
    case 'casesOpened':
      return `/cases?${qs({ openedFrom: r.from, openedTo: r.to, regionCode: region, label })}`;
    case 'fineDecided':
      return `/cases?${qs({ decidedFrom: r.from, decidedTo: r.to, regionCode: region, label })}`;
    case 'highRiskCoverage':
      return `/enterprises?${qs({ industry: highRiskIndustries.join(','), regionCode: region })}`;
  }
}

function Kpi({ title, value, suffix, foot, to, testId, color }: { title: string; value: ReactNode; suffix?: string; foot?: ReactNode; to: string; testId: string; color?: string }) {
  return (
    <Link to={to} className="stat-link" data-testid={testId} aria-label={`${title}，查看明细`}>
      <Card hoverable size="small" className="dash-kpi">
        <Statistic title={title} value={value as number} suffix={suffix} groupSeparator="," styles={{ content: { color: color ?? '#1a5fb4', fontWeight: 600 } }} />
        {foot ? <div className="dash-kpi-foot">{foot}</div> : null}
      </Card>
    </Link>
  );
}

const trendMeasures = [
  { value: 'inspectionsDone', label: '检查' },
  { value: 'hazardsFound', label: '隐患' },
  { value: 'casesOpened', label: '立案' },
  { value: 'fineDecided', label: '罚款' },
] as const;

export function EnforcementDashboard({ me }: { me: Me }) {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const today = beijingToday();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [trend, setTrend] = useState<StatisticsMeasure>('inspectionsDone');
  const [mapMeasure, setMapMeasure] = useState<StatisticsMeasure>('hazardsFound');
  const range: Range = { from: `${year}-01-01`, to: year === thisYear ? today : `${year}-12-31` };
  const last = previousYearPeriod(range.from, range.to);
  const scope = me.agency?.name ?? '全省';

  const cur = useQuery({ queryKey: homeKeys.statistics(range, 'month'), queryFn: () => statisticsApi.get({ ...range, groupBy: 'month' }) });
  const prev = useQuery({ queryKey: homeKeys.statistics(last, 'month'), queryFn: () => statisticsApi.get({ ...last, groupBy: 'month' }) });
  const regions = useQuery({ queryKey: homeKeys.statistics(range, 'region'), queryFn: () => statisticsApi.get({ ...range, groupBy: 'region' }) });

  const period = `${year}年${year === thisYear ? '以来' : '全年'}`;
  const monthOf = (key: string) => ({ ...monthRange(key), to: monthRange(key).to > range.to ? range.to : monthRange(key).to });

  const months = useMemo(() => cur.data?.groups ?? [], [cur.data]);
  const axis = useMemo(() => months.map((g) => monthLabel(g.key)), [months]);
  const axisLabel = useMemo(() => ({ fontSize: 11, interval: isMobile ? 1 : 0 }), [isMobile]);

  const planOption = useMemo<EChartsCoreOption>(() => {
    let doneSum = 0;
    let planSum = 0;
    const cumulative = months.map((g) => {
      doneSum += g.figures.inspections.donePlanned;
      planSum += g.figures.inspections.planned ?? 0;
      return percent(doneSum, planSum);
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: axis, axisLabel },
      yAxis: [
        { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: '计划检查', type: 'bar', barMaxWidth: 16, itemStyle: { color: '#a5c8f0' }, data: months.map((g) => ({ value: g.figures.inspections.planned ?? 0, month: g.key, measure: 'planProgress' })) },
        { name: '计划内完成', type: 'bar', barMaxWidth: 16, itemStyle: { color: '#1a5fb4' }, data: months.map((g) => ({ value: g.figures.inspections.donePlanned, month: g.key, measure: 'planProgress' })) },
        { name: '计划外完成', type: 'bar', barMaxWidth: 16, itemStyle: { color: '#f08c00' }, data: months.map((g) => ({ value: g.figures.inspections.doneUnplanned, month: g.key, measure: 'inspectionsDone' })) },
        { name: '累计完成率', type: 'line', yAxisIndex: 1, smooth: true, itemStyle: { color: '#2f9e44' }, data: cumulative.map((v, i) => ({ value: v, month: months[i]!.key, measure: 'planProgress' })) },
      ],
    };
  }, [months, axis, axisLabel]);

  const hazardOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: axis, axisLabel },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        { name: '已整改销号', type: 'bar', stack: 'h', barMaxWidth: 18, itemStyle: { color: '#2f9e44' }, data: months.map((g) => ({ value: g.figures.hazards.closed, month: g.key, status: 'closed' })) },
        { name: '未销号', type: 'bar', stack: 'h', barMaxWidth: 18, itemStyle: { color: '#f08c00' }, data: months.map((g) => ({ value: g.figures.hazards.unclosed, month: g.key, status: 'unclosed' })) },
        { name: '其中逾期', type: 'line', itemStyle: { color: '#c92a2a' }, data: months.map((g) => ({ value: g.figures.hazards.overdue, month: g.key, overdue: true })) },
        { name: '重大隐患', type: 'line', lineStyle: { type: 'dashed' }, itemStyle: { color: '#862e9c' }, data: months.map((g) => ({ value: g.figures.hazards.major, month: g.key, major: true })) },
      ],
    }),
    [months, axis, axisLabel],
  );

  const caseOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: axis, axisLabel },
      yAxis: [
        { type: 'value', name: '件', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
        { type: 'value', name: '万元', splitLine: { show: false } },
      ],
      series: [
        { name: '立案', type: 'bar', barMaxWidth: 18, itemStyle: { color: '#1a5fb4' }, data: months.map((g) => ({ value: g.figures.cases.opened, month: g.key, measure: 'casesOpened' })) },
        { name: '罚款决定（万元）', type: 'line', yAxisIndex: 1, itemStyle: { color: '#d4622a' }, data: months.map((g) => ({ value: wan(g.figures.penalties.fineDecided), month: g.key, measure: 'fineDecided' })) },
        { name: '已执行（万元）', type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, itemStyle: { color: '#2f9e44' }, data: months.map((g) => ({ value: wan(g.figures.penalties.fineCollected), month: g.key, measure: 'fineDecided' })) },
      ],
    }),
    [months, axis, axisLabel],
  );

  const trendOption = useMemo<EChartsCoreOption>(() => {
    const p = prev.data?.groups ?? [];
    const val = (f: StatisticsFigures) => measureValue(f, trend);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: axis, axisLabel },
      yAxis: { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        { name: `${year}年`, type: 'line', smooth: true, itemStyle: { color: '#1a5fb4' }, areaStyle: { opacity: 0.08 }, data: months.map((g) => ({ value: val(g.figures), month: g.key, measure: trend })) },
        { name: `${year - 1}年同期`, type: 'line', smooth: true, lineStyle: { type: 'dashed' }, itemStyle: { color: '#868e96' }, data: p.map((g) => ({ value: val(g.figures), month: g.key, measure: trend, lastYear: true })) },
      ],
    };
  }, [months, prev.data, trend, year, axis, axisLabel]);

  const stageOption = useMemo<EChartsCoreOption | null>(() => {
    const by = cur.data?.total.cases.byStatus ?? {};
    const rows = Object.entries(by)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => ({ k, name: penaltyCaseStatusLabels[k as PenaltyCaseStatus] ?? '其他', v }))
      .sort((a, b) => a.v - b.v);
    if (!rows.length) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: '{b}：{c} 件' },
      grid: { left: 8, right: 36, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { show: false } },
      series: [{ name: '案件', type: 'bar', barMaxWidth: 14, label: { show: true, position: 'right', fontSize: 11 }, itemStyle: { color: '#1a5fb4' }, data: rows.map((r) => ({ value: r.v, status: r.k })) }],
    };
  }, [cur.data]);

  if (cur.error) return <Alert type="error" showIcon title="执法统计加载失败，请稍后刷新" style={{ marginBottom: 16 }} />;
  if (cur.isLoading || !cur.data) {
    return (
      <Card style={{ marginBottom: 16 }}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  const t = cur.data.total;
  const open = (e: ECElementEvent, fallback: StatisticsMeasure) => {
    const d = (e.data ?? {}) as { month?: string; measure?: StatisticsMeasure; status?: string; overdue?: boolean; major?: boolean; lastYear?: boolean };
    if (!d.month || d.lastYear) return;
    const r = monthOf(d.month);
    const label = `${monthLabel(d.month, true)} · ${scope}`;
    if (d.status === 'closed' || d.status === 'unclosed') navigate(`/hazards?${qs({ foundFrom: r.from, foundTo: r.to, status: d.status, label: `${label} · ${d.status === 'closed' ? '已整改销号' : '未销号'}的隐患` })}`);
    else if (d.overdue) navigate(ledgerUrl('hazardsOverdue', r, `${label} · 逾期未整改的隐患`));
    else if (d.major) navigate(ledgerUrl('majorHazards', r, `${label} · 重大事故隐患`));
    else navigate(ledgerUrl(d.measure ?? fallback, r, `${label} · ${statisticsMeasureLabels[d.measure ?? fallback].replace(/（.*）/, '')}`));
  };
  const plannedTotal = t.inspections.planned ?? 0;
  const cov = percent(t.coverage.highRiskInspected, t.coverage.highRiskTargets);
  const keyCov = percent(t.coverage.keyTargetsInspected, t.coverage.keyTargets);
  const periodLabel = `${period} · ${scope}`;
  const chartHeight = isMobile ? 240 : 280;
  const dur = t.durations;

  return (
    <div className="dash" data-testid="enforcement-dashboard">
      <div className="dash-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {year}年执法工作 · {scope}
        </Typography.Title>
        <Space wrap>
          <span className="muted">截至 {cur.data.to}</span>
          <Select
            size="small"
            aria-label="统计年度"
            value={year}
            onChange={setYear}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
            style={{ width: 96 }}
            data-testid="dash-year"
          />
        </Space>
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={6}>
          <Kpi
            testId="kpi-inspections"
            title="完成执法检查（次）"
            value={t.inspections.done}
            to={ledgerUrl('inspectionsDone', range, `${periodLabel} · 完成的执法检查`)}
            foot={plannedTotal > 0 ? `计划内 ${t.inspections.donePlanned} / 计划 ${plannedTotal}（${percent(t.inspections.donePlanned, plannedTotal) ?? 0}%）` : `计划内 ${t.inspections.donePlanned}，计划外 ${t.inspections.doneUnplanned}`}
          />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Kpi
            testId="kpi-coverage"
            title="高危行业企业检查覆盖率"
            value={cov ?? '—'}
            suffix={cov == null ? undefined : '%'}
            color="#d4622a"
            to={ledgerUrl('highRiskCoverage', range, periodLabel)}
            foot={`已检查 ${t.coverage.highRiskInspected ?? 0} / ${t.coverage.highRiskTargets ?? 0} 家${keyCov != null ? `；重点检查单位 ${keyCov}%` : ''}`}
          />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Kpi testId="kpi-hazards" title="发现隐患（项）" value={t.hazards.found} to={ledgerUrl('hazardsFound', range, `${periodLabel} · 发现的隐患`)} foot={`重大 ${t.hazards.major}，已销号 ${t.hazards.closed}`} color="#f08c00" />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Kpi testId="kpi-overdue" title="逾期未整改（项）" value={t.hazards.overdue} to={ledgerUrl('hazardsOverdue', range, `${periodLabel} · 逾期未整改的隐患`)} foot={`重大隐患未销号 ${t.hazards.majorUnclosed}`} color="#c92a2a" />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Kpi testId="kpi-cases" title="行政处罚立案（件）" value={t.cases.opened} to={ledgerUrl('casesOpened', range, `${periodLabel} · 立案的案件`)} foot={`简易程序 ${t.cases.byProcedure.simple ?? 0}，普通程序 ${t.cases.byProcedure.general ?? 0}`} />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Kpi
            testId="kpi-fines"
            title="罚款决定（万元）"
            value={wan(t.penalties.fineDecided)}
            to={ledgerUrl('fineDecided', range, `${periodLabel} · 作出的处罚决定`)}
            foot={`${t.penalties.decisions} 份决定，已执行 ${wan(t.penalties.fineCollected)} 万元`}
            color="#d4622a"
          />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Kpi
            testId="kpi-suspensions"
            title="责令停产停业（家次）"
            value={t.penalties.suspensions}
            to={ledgerUrl('fineDecided', range, `${periodLabel} · 作出的处罚决定`)}
            foot={`提请关闭 ${t.penalties.closures} 家`}
            color="#862e9c"
          />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Kpi testId="kpi-transfers" title="移送司法机关（件）" value={t.cases.transferred} to={`/cases?${qs({ transferred: 'true', label: '移送司法机关的案件' })}`} foot="涉嫌犯罪案件移送公安、检察机关" color="#495057" />
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title="计划执行进度（按月）" extra={<span className="muted">点击月份查看检查台账</span>}>
            <EChart option={planOption} height={chartHeight} testId="chart-plan" ariaLabel="年度计划执行进度，按月" onClick={(e) => open(e, 'inspectionsDone')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="隐患排查整改（按发现月份）" extra={<span className="muted">点击查看隐患台账</span>}>
            <EChart option={hazardOption} height={chartHeight} testId="chart-hazards" ariaLabel="隐患发现与整改，按月" onClick={(e) => open(e, 'hazardsFound')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="行政处罚案件与罚款（按月）" extra={<span className="muted">点击查看案件</span>}>
            <EChart option={caseOption} height={chartHeight} testId="chart-cases" ariaLabel="立案与罚款，按月" onClick={(e) => open(e, 'casesOpened')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title="与上年同期比较"
            extra={<Segmented size="small" value={trend} onChange={(v) => setTrend(v as StatisticsMeasure)} options={trendMeasures.map((m) => ({ value: m.value, label: m.label }))} data-testid="trend-measure" />}
          >
            <EChart option={trendOption} height={chartHeight} testId="chart-trend" ariaLabel="本年与上年同期比较" onClick={(e) => open(e, trend)} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={me.agency?.level === 'province' ? '各市情况' : me.agency?.level === 'city' ? '各区县情况' : '各乡镇（街道）情况'}
            extra={
              <Select
                size="small"
                aria-label="地图指标"
                value={mapMeasure}
                onChange={setMapMeasure}
                style={{ width: isMobile ? 150 : 210 }}
                options={statisticsMeasures.map((m) => ({ value: m, label: statisticsMeasureLabels[m] }))}
                data-testid="map-measure"
              />
            }
          >
            {regions.data ? (
              <RegionMap
                result={regions.data}
                measure={mapMeasure}
                height={isMobile ? 320 : 380}
                onPick={(g: StatisticsGroup) => navigate(ledgerUrl(mapMeasure, range, `${period} · ${g.label} · ${statisticsMeasureLabels[mapMeasure].replace(/（.*）/, '')}`, g.regionCode))}
              />
            ) : regions.error ? (
              <Empty description="分地区统计加载失败" />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="案件办理阶段（本期立案）" extra={<span className="muted">点击查看案件</span>}>
            {stageOption ? (
              <EChart
                option={stageOption}
                height={isMobile ? 220 : 240}
                testId="chart-stages"
                ariaLabel="案件办理阶段分布"
                onClick={(e) => {
                  const s = (e.data as { status?: string } | undefined)?.status;
                  if (s) navigate(`/cases?${qs({ status: s, openedFrom: range.from, openedTo: range.to, label: `${periodLabel} · 立案的案件` })}`);
                }}
              />
            ) : (
              <Empty description="本期暂无立案" />
            )}
            <div className="dash-durations" data-testid="durations">
              平均办理天数：立案→告知 {dur.openToNotify ?? '—'} 天；告知→决定 {dur.notifyToDecide ?? '—'} 天；立案→决定 {dur.openToDecide ?? '—'} 天；决定→送达 {dur.decideToServe ?? '—'} 天；送达→结案 {dur.serveToClose ?? '—'} 天
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

export type { StatisticsResult };
