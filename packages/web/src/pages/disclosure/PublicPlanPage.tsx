// One published plan: 三个明确 (《监管执法年方案》二（三）), who inspects whom, how and for what, the months, and its published
// adjustments (versions). Only published versions exist here; the server refuses the others.
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Result, Skeleton, Tag, Timeline, Typography } from 'antd';
import { portalApi } from '../../api/disclosure';
import { ApiError, errorMessage } from '../../api';
import { PortalTitle, RegionTrail, withRegion } from './common';

export default function PublicPlanPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const version = /^\d{1,4}$/.test(params.get('version') ?? '') ? Number(params.get('version')) : undefined;
  const valid = !!id && /^\d{1,9}$/.test(id);
  const { data: plan, isLoading, error } = useQuery({ queryKey: ['portal-plan', id, version], queryFn: () => portalApi.plan(id!, version), enabled: valid, meta: { silent: true } });
  if (!valid || (error instanceof ApiError && (error.status === 404 || error.status === 400))) {
    return <Result status="404" title="未找到该计划" subTitle={error ? errorMessage(error) : '请核对链接中的计划编号。'} extra={<Link to="/public/plans">查看已公布的计划</Link>} />;
  }
  if (isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!plan) return null;
  const month = new Date().getMonth() + 1;
  return (
    <>
      <RegionTrail regionCode={plan.regionCode} to={(c) => withRegion('/public/plans', c)} />
      <PortalTitle title={`${plan.agencyName}${plan.year}年度安全生产监督检查计划`} />
      <Card size="small" className="portal-section">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            { key: 'v', label: '版本', children: <span data-testid="plan-version">第{plan.versionNo}版 {plan.inForce ? <Tag color="green">现行</Tag> : <Tag>已被调整</Tag>}</span> },
            { key: 'p', label: '公布日期', children: plan.publishedOn },
            { key: 't', label: '计划检查', children: `${plan.totalPlanned.toLocaleString('zh-CN')} 家次` },
            { key: 'o', label: '执法人员', children: `${plan.officerCount} 名` },
          ]}
        />
        {!plan.inForce ? <Alert type="warning" showIcon title="这是已被调整的历史版本" description={<Link to={`/public/plans/${plan.id}`}>查看现行版本</Link>} /> : null}
      </Card>
      <Typography.Title level={5}>三个明确</Typography.Title>
      {[plan.fixed, plan.random, plan.oversight].map((s, i) => (
        <Card key={s.title} size="small" className="portal-card" title={`${['一', '二', '三'][i]}、${s.title}`} extra={<strong>{s.count.toLocaleString('zh-CN')} 家</strong>} data-testid="plan-clarity">
          <Typography.Paragraph style={{ marginBottom: 4 }}>{s.text}</Typography.Paragraph>
          {i === 0 ? <Link to={withRegion('/public/targets', plan.regionCode, { year: plan.year, month })}>查看每月公示的执法对象名单</Link> : null}
          {i === 1 ? <Link to={withRegion('/public/draws', undefined, { planId: plan.id })}>查看本计划的双随机抽取结果（{plan.drawCount} 次）</Link> : null}
        </Card>
      ))}
      <Card size="small" className="portal-card" title="谁检查谁、怎么查、查什么">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'who', label: '检查主体和对象', children: plan.who },
            { key: 'how', label: '检查方式', children: plan.how },
            { key: 'what', label: '检查事项和依据', children: plan.what },
            { key: 'ind', label: '涉及行业', children: plan.industries.map((x) => `${x.label} ${x.count}`).join('，') || '—' },
          ]}
        />
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'items',
              label: `监督检查事项清单（第${plan.checkItems.catalogueVersion}版）`,
              children: (
                <>
                  <Typography.Text strong>通用检查事项</Typography.Text>
                  <ol style={{ paddingLeft: 20 }}>
                    {plan.checkItems.general.map((x) => (
                      <li key={x.code}>{x.title}</li>
                    ))}
                  </ol>
                  {plan.checkItems.industries.map((g) => (
                    <div key={g.label}>
                      <Typography.Text strong>{g.label}专业检查事项</Typography.Text>
                      <ol style={{ paddingLeft: 20 }}>
                        {g.items.map((x) => (
                          <li key={x.code}>{x.title}</li>
                        ))}
                      </ol>
                    </div>
                  ))}
                </>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" className="portal-card" title="执法时间安排（按月，家次）">
        <div className="portal-months" data-testid="plan-months">
          {plan.months.map((m) => (
            <div key={m.month} className="portal-month">
              {m.month}月<strong>{m.total}</strong>
              <span className="muted">定点 {m.key + m.highRisk} · 抽查 {m.random}{m.spotCheck ? ` · 上级 ${m.spotCheck}` : ''}</span>
            </div>
          ))}
        </div>
      </Card>
      <Card size="small" className="portal-card" title="计划公布和调整" data-testid="plan-versions">
        <Timeline
          items={plan.versions.map((v) => ({
            color: v.versionNo === plan.versionNo ? 'blue' : 'gray',
            children: (
              <div>
                <Link to={`/public/plans/${plan.id}?version=${v.versionNo}`}>第{v.versionNo}版</Link>，{v.publishedOn} 公布，计划检查 {v.totalPlanned} 家次，执法人员 {v.officerCount} 名
                {v.reason ? <div className="muted">调整原因：{v.reason}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
    </>
  );
}
