// 双随机抽取结果 (R13, R14): the draws of the agencies of a region, each with its seed and input hash, the published
// input file and the page where anyone re-runs and verifies it.
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Tag } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { portalApi } from '../../api/disclosure';
import { errorMessage } from '../../api';
import { PAGE_SIZE, PortalFilters, PortalPagination, PortalTitle, RegionTrail, usePortalFilter, withRegion } from './common';

export default function PublicDrawsPage() {
  const { regionCode, year, agencyId, planId, page, update } = usePortalFilter();
  const query = { regionCode, year, agencyId, planId, page, pageSize: PAGE_SIZE };
  const { data, isLoading, error } = useQuery({ queryKey: ['portal-draws', query], queryFn: () => portalApi.draws(query), placeholderData: keepPreviousData, meta: { silent: true } });
  return (
    <>
      <RegionTrail regionCode={regionCode} to={(c) => withRegion('/public/draws', c)} />
      <PortalTitle
        title="双随机抽取结果"
        hint="随机抽取检查对象、随机选派执法人员。每次抽取公开随机种子和输入哈希：下载输入文件，其 SM3 哈希应与公布的一致，按公开算法重算即可复核抽取结果。"
      />
      <PortalFilters>{planId ? <Tag closable onClose={() => update({ planId: undefined })}>本计划的抽取</Tag> : null}</PortalFilters>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {isLoading ? <Skeleton active /> : null}
      {data && !data.items.length ? <Card size="small"><Empty description="暂无双随机抽取记录" /></Card> : null}
      {data?.items.map((d) => (
        <Card key={d.id} size="small" className="portal-card" data-testid="portal-draw" title={<Link to={d.pageUrl}>{d.title}</Link>} extra={<Tag>{d.drawDate}</Tag>}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'a', label: '执法机构', children: d.agencyName },
              { key: 'n', label: '抽取', children: `从 ${d.poolSize.toLocaleString('zh-CN')} 家中抽取 ${d.assigned} 家，执法人员名录 ${d.officerPoolSize} 人，每组 ${d.teamSize} 人` },
              { key: 's', label: '随机种子', children: <span className="portal-hash" data-testid="draw-seed">{d.seed}</span> },
              { key: 'h', label: '输入哈希（SM3）', children: <span className="portal-hash">{d.inputHash}</span> },
            ]}
          />
          <Space wrap style={{ marginTop: 8 }}>
            <Link to={d.pageUrl}>
              <Button size="small" type="primary" icon={<SafetyCertificateOutlined />} data-testid="draw-verify-link">
                查看结果并复核
              </Button>
            </Link>
            <Button size="small" icon={<DownloadOutlined />} href={d.inputUrl} download={`draw-${d.id}-input.json`}>
              下载输入
            </Button>
            {d.results > 0 ? <Link to={withRegion('/public/results', undefined, { drawId: d.id })}>抽查结果 {d.results} 份</Link> : <span className="muted">抽查结果待公开</span>}
          </Space>
        </Card>
      ))}
      {data ? <PortalPagination total={data.total} page={page} /> : null}
    </>
  );
}
