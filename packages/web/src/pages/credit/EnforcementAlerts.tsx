// 《安全生产法》第一百一十二条 (按日连续处罚) and 第一百一十三条 (提请关闭) for one enterprise, from its decided penalty
// cases (GET /enterprises/:id/penalty-alerts), with the clause text. Staff only; shown on the enterprise's detail and
// credit pages. Art. 112 is a "可以" — candidates for the department's decision, not automatic fines.
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Tag, Typography } from 'antd';
import { defaultDiscretionCatalogue, discretionItemsOfArticle } from '@anjian/domain/penalty';
import { oversightApi } from '../../api/oversight';
import { yuan } from '../penalty/shared';
import '../oversight/oversight.css';
import { penaltyKeys } from '../../api/keys';

const articleText = (n: number) => discretionItemsOfArticle(defaultDiscretionCatalogue, n)[0]?.articleText ?? '';

function Article({ n }: { n: 112 | 113 }) {
  return (
    <Typography.Paragraph className="alert-article" ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open: boolean) => (open ? '收起' : '展开条文') }} data-testid="alert-article">
      《安全生产法》第{n === 112 ? '一百一十二' : '一百一十三'}条：{articleText(n)}
    </Typography.Paragraph>
  );
}

export function EnforcementAlerts({ enterpriseId }: { enterpriseId: number }) {
  const { data, isLoading, error } = useQuery({ queryKey: penaltyKeys.alerts(enterpriseId), queryFn: () => oversightApi.alerts(enterpriseId), meta: { silent: true } });
  const daily = data?.dailyPenalty ?? [];
  const closure = data?.closure ?? [];
  const none = !!data && !daily.length && !closure.length;
  return (
    <Card size="small" className="case-section" title="执法预警" extra={<span className="muted">安全生产法第112、113条</span>} loading={isLoading} data-testid="enforcement-alerts" data-count={daily.length + closure.length}>
      {error ? <Alert type="warning" showIcon title="执法预警暂时无法加载" /> : null}
      {none ? <span className="muted" data-testid="alerts-none">未发现应按日连续处罚（第一百一十二条）或提请关闭（第一百一十三条）的情形。</span> : null}
      {closure.map((c) => (
        <Alert
          key={c.ground}
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="alert-closure"
          title={
            <Space wrap size={4}>
              <Tag color="red" variant="solid">应当提请关闭</Tag>
              <span>{c.clause}</span>
            </Space>
          }
          description={
            <>
              <div>{c.text}</div>
              {c.penaltyIds?.length ? (
                <div style={{ marginTop: 4 }}>
                  计入的处罚：
                  {c.penaltyIds.map((id) => (
                    <Link key={id} to={`/cases/${id}`} style={{ marginRight: 8 }}>
                      案件 #{id}
                    </Link>
                  ))}
                </div>
              ) : null}
              <Article n={113} />
            </>
          }
        />
      ))}
      {daily.map((d) => (
        <Alert
          key={`${d.penaltyId}-${d.from}`}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="alert-daily"
          title={
            <Space wrap size={4}>
              <Tag color="orange">可以按日连续处罚</Tag>
              <span>《安全生产法》第一百一十二条</span>
            </Space>
          }
          description={
            <>
              <div>{d.text}</div>
              <div style={{ marginTop: 4 }}>
                {d.from} 至 {d.until} 共 {d.days} 日，每日 {yuan(d.perDay)}，合计 <strong>{yuan(d.amount)}</strong>
                {d.penaltyId != null ? (
                  <>
                    {' · '}
                    <Link to={`/cases/${d.penaltyId}`}>原处罚案件</Link>
                  </>
                ) : null}
              </div>
              <Article n={112} />
            </>
          }
        />
      ))}
    </Card>
  );
}
