// 严重失信主体名单 (R32): published every quarter by each agency, no login. One card per entry at phone width.
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { penaltiesApi, type PublicBlacklist } from '../../api/penalty';
import { useIsMobile } from '../../app/useIsMobile';
import '../penalty/cases.css';
import { creditKeys } from '../../api/keys';

type Entry = PublicBlacklist['items'][number]['entries'][number];

const groundsText = (e: Entry) => e.grounds.join('；');

export default function PublicBlacklistPage() {
  const isMobile = useIsMobile();
  // the portal's index links here with its region (kept in the URL)
  const [params] = useSearchParams();
  const regionCode = /^\d{6}(\d{3})?$/.test(params.get('regionCode') ?? '') ? params.get('regionCode')! : undefined;
  const { data, isLoading, error } = useQuery({ queryKey: creditKeys.publicBlacklist(regionCode), queryFn: () => penaltiesApi.publicBlacklist(undefined, regionCode), meta: { silent: true } });
  const items = data?.items ?? [];
  return (
    <>
      <Typography.Title level={4} className="public-title">
        安全生产严重失信主体名单
      </Typography.Title>
      <Typography.Paragraph type="secondary">各级应急管理部门每季度公布一次本辖区严重失信主体名单；管理期届满或信用修复后依法移出。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title="加载失败，请稍后重试" /> : null}
      {isLoading ? <Skeleton active /> : null}
      {!isLoading && !items.length ? <Card><Empty description="暂无公布的名单" /></Card> : null}
      {items.map((p) => (
        <Card
          key={p.id}
          size="small"
          className="public-decision"
          data-testid="blacklist-publication"
          title={isMobile ? p.quarterLabel : `${p.quarterLabel} · ${p.agencyName}`}
          extra={<Tag>{String(p.publishedAt).slice(0, 10)} 公布</Tag>}
        >
          {isMobile ? (
            <>
              <div className="muted" style={{ marginBottom: 8 }}>{p.agencyName}</div>
              {!p.entries.length ? <span className="muted">本季度无名单</span> : null}
              {p.entries.map((e, i) => (
                <div key={`${e.creditCode}-${i}`} className="credit-fact">
                  <div style={{ fontWeight: 500 }}>{e.enterpriseName}</div>
                  <div className="mono muted">{e.creditCode}</div>
                  <div className="muted">
                    {e.listedOn} 列入，管理期至 {e.expiresOn}
                  </div>
                  <div>列入情形：{groundsText(e)}</div>
                </div>
              ))}
            </>
          ) : (
            <Table<Entry>
              size="small"
              rowKey={(e, i) => `${e.creditCode}-${i}`}
              pagination={false}
              dataSource={p.entries}
              scroll={{ x: 640 }}
              locale={{ emptyText: '本季度无名单' }}
              columns={[
                { title: '单位名称', key: 'name', width: 200, dataIndex: 'enterpriseName' },
                { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'code', width: 180, render: (v: string) => <span className="mono">{v}</span> },
                { title: '列入日期', dataIndex: 'listedOn', key: 'listedOn', width: 100 },
                { title: '管理期至', dataIndex: 'expiresOn', key: 'expiresOn', width: 100 },
                { title: '列入情形', key: 'grounds', render: (_: unknown, e) => groundsText(e) },
              ]}
            />
          )}
        </Card>
      ))}
    </>
  );
}
