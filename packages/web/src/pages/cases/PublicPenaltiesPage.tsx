// 行政处罚决定公开 (R29): published decisions, no login; personal data arrive masked from the server.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Pagination, Skeleton, Tag, Typography } from 'antd';
import { penaltiesApi } from '../../api/penalties';
import { yuan } from './parts';
import './cases.css';

export default function PublicPenaltiesPage() {
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useQuery({ queryKey: ['public-penalties', page], queryFn: () => penaltiesApi.publicDecisions({ page }), meta: { silent: true } });
  const items = data?.items ?? [];
  return (
    <>
      <Typography.Title level={4} className="public-title">
        行政处罚决定公开
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        依法公开一般程序作出的行政处罚决定，自决定作出之日起七个工作日内（且不超过十五日）公开；自然人姓名、身份证号等个人信息已作脱敏处理。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title="加载失败，请稍后重试" /> : null}
      {isLoading ? <Skeleton active /> : null}
      {!isLoading && !items.length ? <Card><Empty description="暂无公开的行政处罚决定" /></Card> : null}
      {items.map((d) => (
        <Card key={d.id} size="small" className="public-decision" data-testid="public-decision" data-id={d.id} title={<span className="mono">{d.documentNumber ?? d.caseNumber ?? `#${d.id}`}</span>} extra={<Tag color="blue">{d.publishedOn} 公开</Tag>}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'party', label: '当事人', children: <span data-testid="public-party">{d.partyName}</span> },
              ...(d.creditCode ? [{ key: 'code', label: '统一社会信用代码', children: <span className="mono">{d.creditCode}</span> }] : []),
              ...(d.legalRepresentative ? [{ key: 'lr', label: '法定代表人', children: d.legalRepresentative }] : []),
              { key: 'agency', label: '处罚机关', children: d.agencyName },
              { key: 'date', label: '决定日期', children: d.decidedOn },
              { key: 'fine', label: '罚款', children: yuan(d.fine) },
              { key: 'v', label: '违法行为及依据', span: 'filled', children: d.violations.map((v, i) => <div key={i}>{v.violation}（{v.basis}）</div>) },
              { key: 'facts', label: '主要违法事实', span: 'filled', children: d.facts },
              { key: 'decision', label: '处罚决定', span: 'filled', children: <span data-testid="public-decision-text">{d.decision}</span> },
            ]}
          />
        </Card>
      ))}
      {items.length >= 50 || page > 1 ? <Pagination simple current={page} pageSize={50} total={items.length < 50 ? (page - 1) * 50 + items.length : page * 50 + 1} onChange={setPage} /> : null}
    </>
  );
}
