import { useMemo, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import {
  AlertOutlined,
  BankOutlined,
  ExclamationCircleOutlined,
  FireOutlined,
  IdcardOutlined,
  ClockCircleOutlined,
  ApartmentOutlined,
  WarningOutlined,
  RightOutlined,
} from '@ant-design/icons';
import {
  highRiskIndustries,
  industries,
  industryLabels,
  riskCodeLabels,
  riskCodes,
  labelOf,
  roleLabels,
  agencyLevelLabels,
  type Industry,
} from '@anjian/domain/enums';
import type { EChartsCoreOption } from 'echarts/core';
import { api, type Me } from '../../api';
import { useMe } from '../../app/auth';
import { EChart } from '../../components/EChart';
import { riskColors } from '../../components/tags';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../app/useIsMobile';
import { TodoPanel } from '../../components/TodoPanel';
import { EnforcementDashboard } from './EnforcementDashboard';
import { homeKeys } from '../../api/keys';

interface CardDef {
  key: string;
  title: string;
  value: number;
  to: string;
  icon: ReactNode;
  color: string;
  hint?: string;
}

function StatCard({ c }: { c: CardDef }) {
  return (
    <Link to={c.to} className="stat-link" data-testid={`stat-${c.key}`} aria-label={`${c.title} ${c.value}，查看列表`}>
      <Card hoverable className="stat-card" size="small">
        <div className="stat-card-body">
          <div className="stat-icon" style={{ background: `${c.color}1a`, color: c.color }}>
            {c.icon}
          </div>
          <Statistic
            title={c.title}
            value={c.value}
            groupSeparator=","
            styles={{ content: { color: c.color, fontWeight: 600 } }}
          />
        </div>
        <div className="stat-card-foot">
          <span>{c.hint ?? '查看列表'}</span>
          <RightOutlined />
        </div>
      </Card>
    </Link>
  );
}

function EnterpriseHome({ me }: { me: Me }) {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="首页" />
      <TodoPanel me={me} />
      <Card>
        <Typography.Paragraph>
          您好，{me.displayName}。您以<strong>企业用户</strong>身份登录，可查看本企业在监管部门的登记信息、检查记录、隐患整改、处罚案件和信用记录；上方“待办事项”列出需要本企业办理的事项。
        </Typography.Paragraph>
        {me.enterpriseId != null ? (
          <Button type="primary" icon={<BankOutlined />} onClick={() => navigate(`/enterprises/${me.enterpriseId}`)}>
              查看本企业信息
            </Button>
        ) : (
          <Alert type="warning" showIcon title="您的账户尚未关联企业，请联系监管部门的系统管理员。" />
        )}
      </Card>
    </>
  );
}

export default function HomePage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const isEnterprise = me?.role === 'enterprise';
  const { data, isLoading, error } = useQuery({
    queryKey: homeKeys.overview,
    queryFn: api.stats,
    enabled: !!me && !isEnterprise,
  });

  const pieOption = useMemo<EChartsCoreOption | null>(() => {
    if (!data) return null;
    return {
      color: riskCodes.map((r) => riskColors[r]),
      tooltip: { trigger: 'item', formatter: '{b}：{c} 家（{d}%）' },
      legend: { bottom: 0, left: 'center', itemWidth: 12, itemHeight: 12 },
      series: [
        {
          name: '风险赋码',
          type: 'pie',
          radius: isMobile ? ['30%', '52%'] : ['42%', '68%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { formatter: '{b}\n{c}', fontSize: 12, overflow: 'none' },
          labelLine: isMobile ? { length: 8, length2: 6 } : undefined,
          data: riskCodes.map((r) => ({ name: riskCodeLabels[r], value: data.byRisk?.[r] ?? 0, code: r })),
        },
      ],
    };
  }, [data, isMobile]);

  const barOption = useMemo<EChartsCoreOption | null>(() => {
    if (!data) return null;
    const rows = industries
      .map((i) => ({ code: i, name: industryLabels[i], value: data.byIndustry?.[i] ?? 0 }))
      .filter((r) => r.value > 0 || highRiskIndustries.includes(r.code))
      .sort((a, b) => a.value - b.value);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: '{b}：{c} 家' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { show: false } },
      series: [
        {
          name: '企业数',
          type: 'bar',
          barMaxWidth: 18,
          label: { show: true, position: 'right', fontSize: 11 },
          data: rows.map((r) => ({
            value: r.value,
            code: r.code,
            itemStyle: { color: highRiskIndustries.includes(r.code) ? '#d4622a' : '#1a5fb4' },
          })),
        },
      ],
    };
  }, [data]);

  if (!me) return null;
  if (isEnterprise) return <EnterpriseHome me={me} />;

  const cards: CardDef[] = data
    ? [
        { key: 'enterprises', title: '企业总数', value: data.enterpriseCount, to: '/enterprises', icon: <BankOutlined />, color: '#1a5fb4' },
        {
          key: 'high-risk',
          title: '高危行业企业',
          value: data.highRiskEnterpriseCount,
          to: `/enterprises?industry=${highRiskIndustries.join(',')}`,
          icon: <FireOutlined />,
          color: '#d4622a',
        },
        { key: 'red', title: '红码企业', value: data.byRisk?.red ?? 0, to: '/enterprises?riskCode=red', icon: <AlertOutlined />, color: riskColors.red },
        {
          key: 'yellow',
          title: '黄码企业',
          value: data.byRisk?.yellow ?? 0,
          to: '/enterprises?riskCode=yellow',
          icon: <WarningOutlined />,
          color: riskColors.yellow,
        },
        { key: 'officers', title: '执法人员', value: data.officerCount, to: '/officers', icon: <IdcardOutlined />, color: '#2f9e44' },
        {
          key: 'expired',
          title: '执法证已过期',
          value: data.expiredCredentialCount,
          to: '/officers?credentialStatus=expired',
          icon: <ExclamationCircleOutlined />,
          color: riskColors.red,
          hint: '过期人员不得安排执法',
        },
        {
          key: 'expiring',
          title: '执法证即将过期',
          value: data.expiringCredentialCount,
          to: '/officers?credentialStatus=expiring',
          icon: <ClockCircleOutlined />,
          color: '#d48806',
          hint: '60 日内到期',
        },
        {
          key: 'agencies',
          title: '执法机构',
          value: data.agencyCount,
          to: '/agencies',
          icon: <ApartmentOutlined />,
          color: '#6741d9',
          hint: '本级及下级',
        },
      ]
    : [];

  return (
    <>
      <PageHeader
        title="首页"
        sub={
          <>
            {me.displayName === labelOf(roleLabels, me.role) ? me.displayName : `${me.displayName}（${labelOf(roleLabels, me.role)}）`}
            {me.agency ? ` · ${me.agency.name}（${labelOf(agencyLevelLabels, me.agency.level)}） · 数据范围：本机构及下级管辖` : ''}
          </>
        }
      />
      {me.role !== 'admin' ? <TodoPanel me={me} /> : null}
      {/* R36: this year's enforcement first, then the registers */}
      <EnforcementDashboard me={me} />
      <Typography.Title level={5} style={{ margin: '4px 0 12px' }}>
        企业与执法力量
      </Typography.Title>
      {error ? <Alert type="error" showIcon title="统计数据加载失败" style={{ marginBottom: 16 }} /> : null}
      {isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : data ? (
        <>
          <Row gutter={[16, 16]}>
            {cards.map((c) => (
              <Col key={c.key} xs={12} sm={12} md={8} lg={6} xl={6}>
                <StatCard c={c} />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={10}>
              <Card title="企业风险赋码分布" size="small" extra={<span className="muted">点击扇区查看企业</span>}>
                {data.enterpriseCount > 0 && pieOption ? (
                  <EChart
                    option={pieOption}
                    height={isMobile ? 280 : 320}
                    testId="chart-risk"
                    ariaLabel="企业风险赋码分布饼图"
                    onClick={(e) => {
                      const code = (e.data as { code?: string } | undefined)?.code;
                      if (code) navigate(`/enterprises?riskCode=${code}`);
                    }}
                  />
                ) : (
                  <Empty description="暂无企业数据，请先在企业名录中新增或批量导入企业" />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title="行业分布" size="small" extra={<span className="muted">橙色为高危行业</span>}>
                {data.enterpriseCount > 0 && barOption ? (
                  <EChart
                    option={barOption}
                    height={isMobile ? 300 : 320}
                    testId="chart-industry"
                    ariaLabel="行业分布柱状图"
                    onClick={(e) => {
                      const code = (e.data as { code?: Industry } | undefined)?.code;
                      if (code) navigate(`/enterprises?industry=${code}`);
                    }}
                  />
                ) : (
                  <Empty description="暂无企业数据" />
                )}
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}
