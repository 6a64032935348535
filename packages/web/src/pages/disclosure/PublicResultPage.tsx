// One double-random inspection result: what was checked (items and results), the hazards ordered to be rectified.
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Result, Skeleton, Tag, Typography } from 'antd';
import { portalApi } from '../../api/disclosure';
import { ApiError, errorMessage } from '../../api';
import { PortalTitle } from './common';

const resultColor = (l: string) => (l === '不符合' ? 'red' : l === '符合' ? 'green' : 'default');

export default function PublicResultPage() {
  const { id } = useParams();
  const valid = !!id && /^\d{1,12}$/.test(id);
  const { data: r, isLoading, error } = useQuery({ queryKey: ['portal-result', id], queryFn: () => portalApi.result(id!), enabled: valid, meta: { silent: true } });
  if (!valid || (error instanceof ApiError && (error.status === 404 || error.status === 400))) {
    return <Result status="404" title="未找到该抽查结果" subTitle="该检查尚未完成或其结果不予公开。" extra={<Link to="/public/results">查看已公开的抽查结果</Link>} />;
  }
  if (isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!r) return null;
  return (
    <>
      <PortalTitle title={`${r.enterpriseName} 双随机抽查结果`} />
      <Card size="small" className="portal-card">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'c', label: '统一社会信用代码', children: <span className="mono">{r.creditCode}</span> },
            { key: 'i', label: '行业', children: r.industryLabel || '—' },
            { key: 'r', label: '所在地区', children: r.regionName },
            { key: 'a', label: '检查机关', children: r.agencyName },
            { key: 'd', label: '检查日期', children: r.inspectedOn },
            { key: 'draw', label: '抽取', children: <Link to={`/public/draws/${r.drawId}`}>{r.drawTitle}（{r.drawDate}）</Link> },
            { key: 'b', label: '检查依据', span: 'filled', children: r.legalBasis || '—' },
            { key: 'o', label: '检查结果', span: 'filled', children: <strong data-testid="result-outcome">{r.outcome}</strong> },
          ]}
        />
      </Card>
      <Card size="small" className="portal-card" title={`检查事项（${r.items.length} 项）`}>
        {r.items.map((i) => (
          <div key={i.code} className="portal-item">
            <span>{i.title}</span>
            <Tag color={resultColor(i.resultLabel)}>{i.resultLabel}</Tag>
          </div>
        ))}
      </Card>
      <Card size="small" className="portal-card" title={`责令整改的事故隐患（${r.hazardList.length} 项）`} data-testid="result-hazards">
        {!r.hazardList.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.fixedOnSpot ? `发现问题 ${r.fixedOnSpot} 项，已当场整改` : '未发现事故隐患'} /> : null}
        {r.hazardList.map((h, i) => (
          <div key={i} className="portal-hazard">
            <div>
              {h.major ? <Tag color="red">重大事故隐患</Tag> : null}
              <Tag>{h.statusLabel}</Tag>
              {h.description}
            </div>
            <Typography.Text type="secondary">
              整改要求：{h.requirement || '限期整改'}；整改期限 {h.deadline}
            </Typography.Text>
          </div>
        ))}
      </Card>
    </>
  );
}
