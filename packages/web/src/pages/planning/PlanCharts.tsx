// Figures of a plan: counts by category, industry, risk code and month (reuses the echarts wrapper).
import { useMemo } from 'react';
import { Card, Col, Row, Statistic, Table, Tooltip, type TableColumnsType } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { EChartsCoreOption } from 'echarts/core';
import { highRiskIndustries, industries, industryLabels, riskCodeLabels, riskCodes, type Industry, type RiskCode } from '@anjian/domain/enums';
import type { PlanMonth, PlanParams, PlanSummary } from '../../api';
import { EChart } from '../../components/EChart';
import { riskColors } from '../../components/tags';
import { useIsMobile } from '../../app/useIsMobile';

interface StatDef {
  key: string;
  title: string;
  value: number;
  suffix: string;
  color?: string;
  hint?: string;
  danger?: boolean;
}

export function PlanStatistics({ summary, params, levelAllowsSpotCheck }: { summary: PlanSummary; params?: Partial<PlanParams>; levelAllowsSpotCheck: boolean }) {
  const over = summary.overCapacity;
  const stats: StatDef[] = [
    { key: 'supervised', title: '监管企业', value: summary.supervisedCount, suffix: '家', color: '#1a5fb4', hint: '本机构直接监管的企业' },
    { key: 'key', title: '重点检查单位', value: summary.keyCount, suffix: '家', color: '#d9363e', hint: '风险高、危险因素多、管控弱、近年发生事故' },
    { key: 'high-risk', title: '高危行业全覆盖', value: summary.highRiskCount, suffix: '家', color: '#d4622a', hint: '高危行业企业每年至少检查一次' },
    {
      key: 'random',
      title: '双随机抽查',
      value: summary.randomSampleSize,
      suffix: `/ ${summary.generalEligibleCount} 家`,
      color: '#1f6fd1',
      hint: `一般企业按比例抽取；绿码及纳入非现场监管的 ${summary.generalExcludedCount} 家原则上不现场检查`,
    },
    ...(levelAllowsSpotCheck || summary.spotCheckCount
      ? [{ key: 'spot', title: '上级抽查', value: summary.spotCheckCount, suffix: '家', color: '#6741d9', hint: '抽查下级监管企业，与属地联合检查' }]
      : []),
    {
      key: 'total',
      title: '计划检查合计',
      value: summary.totalPlanned,
      suffix: '家次',
      color: over ? '#d9363e' : '#2f9e44',
      danger: over,
      hint: over ? '超出年度执法力量，请调整参数或增加执法力量' : '计划检查总数',
    },
    {
      key: 'capacity',
      title: '年度执法力量',
      value: summary.annualCapacity,
      suffix: '家次',
      color: over ? '#d9363e' : '#495057',
      danger: over,
      hint: params?.officerCount !== undefined ? `持有效执法证人员 ${params.officerCount} 人 × 外勤工作日 ÷ 每组人数 × 每组每日家数` : '执法人员可完成的检查家次',
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="plan-stats">
      {stats.map((s) => (
        <Col key={s.key} xs={12} sm={8} md={6} xl={s.key === 'total' || s.key === 'capacity' ? 4 : 4}>
          <Card size="small" className={`plan-stat ${s.danger ? 'plan-stat-danger' : ''}`} data-testid={`plan-stat-${s.key}`}>
            <Statistic
              title={
                <span>
                  {s.title}{' '}
                  {s.hint ? (
                    <Tooltip title={s.hint}>
                      <InfoCircleOutlined className="muted" />
                    </Tooltip>
                  ) : null}
                </span>
              }
              value={s.value}
              suffix={<span className="plan-stat-suffix">{s.suffix}</span>}
              groupSeparator=","
              styles={{ content: { color: s.color, fontWeight: 600 } }}
            />
            {s.danger ? <div className="plan-stat-note text-danger">超出执法力量</div> : null}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function IndustryRiskCharts({ byIndustry, byRisk }: { byIndustry: Partial<Record<Industry, number>>; byRisk: Partial<Record<RiskCode, number>> }) {
  const isMobile = useIsMobile();
  const industryOption = useMemo<EChartsCoreOption>(() => {
    const rows = industries
      .map((i) => ({ code: i, name: industryLabels[i], value: byIndustry[i] ?? 0 }))
      .filter((r) => r.value > 0 || highRiskIndustries.includes(r.code))
      .sort((a, b) => a.value - b.value);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: '{b}：{c} 家' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { show: false } },
      series: [
        {
          name: '计划检查',
          type: 'bar',
          barMaxWidth: 16,
          label: { show: true, position: 'right', fontSize: 11 },
          data: rows.map((r) => ({ value: r.value, itemStyle: { color: highRiskIndustries.includes(r.code) ? '#d4622a' : '#1a5fb4' } })),
        },
      ],
    };
  }, [byIndustry]);
  const riskOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: '{b}：{c} 家' },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: riskCodes.map((r) => riskCodeLabels[r]), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        {
          name: '计划检查',
          type: 'bar',
          barMaxWidth: 36,
          label: { show: true, position: 'top', fontSize: 11 },
          data: riskCodes.map((r) => ({ value: byRisk[r] ?? 0, itemStyle: { color: riskColors[r] } })),
        },
      ],
    }),
    [byRisk],
  );
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
      <Col xs={24} lg={14}>
        <Card size="small" title="按行业" extra={<span className="muted">橙色为高危行业</span>}>
          <EChart option={industryOption} height={isMobile ? 260 : 280} testId="chart-plan-industry" ariaLabel="计划检查按行业分布" />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title="按风险赋码">
          <EChart option={riskOption} height={isMobile ? 220 : 280} testId="chart-plan-risk" ariaLabel="计划检查按风险赋码分布" />
        </Card>
      </Col>
    </Row>
  );
}

export function MonthChart({ months, onMonthClick }: { months: PlanMonth[]; onMonthClick?: (m: number) => void }) {
  const isMobile = useIsMobile();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 12, itemHeight: 12 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => `${m.month}月`), axisTick: { show: false }, axisLabel: { interval: 0, fontSize: isMobile ? 10 : 12 } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        {
          name: '计划检查',
          type: 'bar',
          barMaxWidth: 18,
          data: months.map((m) => ({ value: m.planned, itemStyle: { color: m.planned > m.capacity ? '#d9363e' : '#1a5fb4' } })),
        },
        { name: '执法力量', type: 'bar', barMaxWidth: 18, itemStyle: { color: '#c9d6e8' }, data: months.map((m) => m.capacity) },
      ],
    }),
    [months, isMobile],
  );
  return (
    <EChart
      option={option}
      height={isMobile ? 220 : 260}
      testId="chart-plan-months"
      ariaLabel="各月计划检查与执法力量"
      onClick={onMonthClick ? (e) => onMonthClick((e.dataIndex ?? 0) + 1) : undefined}
    />
  );
}

export function MonthTable({ months }: { months: PlanMonth[] }) {
  const columns: TableColumnsType<PlanMonth> = [
    { title: '月份', dataIndex: 'month', key: 'month', render: (m) => `${m}月` },
    { title: '工作日', dataIndex: 'workingDays', key: 'workingDays', align: 'right' },
    { title: '执法力量', dataIndex: 'capacity', key: 'capacity', align: 'right' },
    {
      title: '计划检查',
      dataIndex: 'planned',
      key: 'planned',
      align: 'right',
      render: (v: number, m) => <span className={v > m.capacity ? 'text-danger' : undefined}>{v}</span>,
    },
  ];
  const total = months.reduce((a, m) => ({ planned: a.planned + m.planned, capacity: a.capacity + m.capacity, workingDays: a.workingDays + m.workingDays }), {
    planned: 0,
    capacity: 0,
    workingDays: 0,
  });
  return (
    <Table<PlanMonth>
      rowKey="month"
      size="small"
      columns={columns}
      dataSource={months}
      pagination={false}
      data-testid="plan-month-table"
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {total.workingDays}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {total.capacity}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <strong className={total.planned > total.capacity ? 'text-danger' : undefined}>{total.planned}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
