// 行政处罚决定公开 (R29): published decisions, no login; personal data arrive masked from the server. A decision that
// was withdrawn (《行政处罚法》第四十八条第二款) appears only as its withdrawal statement (撤回说明). Paged on the server.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Pagination, Skeleton, Tag, Typography } from 'antd';
import { penaltiesApi, type PublicDecision, type PublicWithdrawal } from '../../api/penalty';
import { useIsMobile } from '../../app/useIsMobile';
import { useUrlQuery } from '../../app/useUrlQuery';
import { yuan } from './parts';
import './cases.css';
import { penaltyKeys } from '../../api/keys';

const PAGE_SIZE = 20;

function DecisionCard({ d }: { d: PublicDecision }) {
  return (
    <Card size="small" className="public-decision" data-testid="public-decision" data-id={d.id} title={<span className="mono">{d.documentNumber ?? d.caseNumber ?? `#${d.id}`}</span>} extra={<Tag color="blue">{d.publishedOn} 公开</Tag>}>
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
  );
}

/** 撤回说明: what stays public of a withdrawn decision — its number, the dates, the ground and the reason. */
function WithdrawalCard({ d }: { d: PublicWithdrawal }) {
  return (
    <Card
      size="small"
      className="public-withdrawal"
      data-testid="public-withdrawal"
      data-id={d.id}
      title={
        <span>
          <Tag color="default">撤回说明</Tag>
          <span className="mono">{d.documentNumber ?? d.caseNumber ?? `#${d.id}`}</span>
        </span>
      }
      extra={<Tag>{d.withdrawnOn} 撤回</Tag>}
    >
      <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="public-withdrawal-statement">
        {d.statement}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'no', label: '行政处罚决定书文号', children: <span className="mono">{d.documentNumber ?? d.caseNumber ?? '—'}</span> },
          { key: 'agency', label: '处罚机关', children: d.agencyName },
          { key: 'ground', label: '撤回事由', children: `行政处罚决定${d.groundLabel}` },
          { key: 'date', label: '撤回日期', children: d.withdrawnOn },
          { key: 'reason', label: '撤回理由', span: 'filled', children: <span data-testid="public-withdrawal-reason">{d.reason}</span> },
        ]}
      />
    </Card>
  );
}

export default function PublicPenaltiesPage() {
  // region and page in the URL, so the portal's index links here with its region (stable links)
  const { values, update } = useUrlQuery();
  const page = Math.max(1, Number(values.page) || 1);
  const setPage = (p: number) => update({ page: p }, { resetPage: false });
  const regionCode = /^\d{6}(\d{3})?$/.test(values.regionCode ?? '') ? values.regionCode : undefined;
  const isMobile = useIsMobile();
  const { data, isLoading, error } = useQuery({
    queryKey: penaltyKeys.public(page, regionCode),
    queryFn: () => penaltiesApi.publicDecisions({ regionCode, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  return (
    <>
      <Typography.Title level={4} className="public-title">
        行政处罚决定公开
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        依法公开一般程序作出的行政处罚决定，自决定作出之日起七个工作日内（且不超过十五日）公开；自然人姓名、身份证号等个人信息已作脱敏处理。已公开的决定被依法变更、撤销、确认违法或者确认无效的，在三个工作日内撤回并公开说明理由。
      </Typography.Paragraph>
      {regionCode ? (
        <Tag closable onClose={() => update({ regionCode: undefined })} style={{ marginBottom: 12 }} data-testid="public-region-tag">
          行政区划 {regionCode}
        </Tag>
      ) : null}
      {error ? <Alert type="error" showIcon title="加载失败，请稍后重试" /> : null}
      {isLoading ? <Skeleton active /> : null}
      {data ? (
        <div className="table-summary" data-testid="public-total">
          共 <Typography.Text strong>{total.toLocaleString('zh-CN')}</Typography.Text> 条
        </div>
      ) : null}
      {!isLoading && !items.length ? <Card><Empty description="暂无公开的行政处罚决定" /></Card> : null}
      {items.map((d) => (d.withdrawn ? <WithdrawalCard key={d.id} d={d} /> : <DecisionCard key={d.id} d={d} />))}
      {total > PAGE_SIZE ? (
        <Pagination
          className="public-pagination"
          current={page}
          pageSize={PAGE_SIZE}
          total={total}
          showSizeChanger={false}
          showTotal={(t) => `共 ${t.toLocaleString('zh-CN')} 条`}
          simple={isMobile}
          onChange={(p) => {
            setPage(p);
            window.scrollTo(0, 0);
          }}
          data-testid="public-pagination"
        />
      ) : null}
    </>
  );
}
