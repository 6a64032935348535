// 评查排名: per reviewed agency, files drawn and scored, average score, excellent and failed files, open rectifications.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Select, Table, Tag, type TableColumnsType } from 'antd';
import { errorMessage } from '../../../api';
import { caseReviewsApi, type LeagueRow } from '../../../api/caseReviews';
import { caseReviewKeys } from '../../../api/keys';
import { useIsMobile } from '../../../app/useIsMobile';
import { CardList } from '../../../components/CardList';

export function LeagueView() {
  const isMobile = useIsMobile();
  const [roundId, setRoundId] = useState<number | undefined>();
  const rounds = useQuery({ queryKey: caseReviewKeys.rounds, queryFn: caseReviewsApi.rounds });
  const { data, isLoading, error } = useQuery({ queryKey: caseReviewKeys.league(roundId), queryFn: () => caseReviewsApi.league(roundId) });
  const pct = (v: number | null) => (v == null ? '—' : `${v}%`);
  const columns: TableColumnsType<LeagueRow> = [
    { title: '名次', dataIndex: 'rank', key: 'rank', width: 70, render: (v: number | null) => (v == null ? '—' : <b>{v}</b>) },
    { title: '被评查单位', dataIndex: 'agencyName', key: 'agency' },
    { title: '平均分', dataIndex: 'average', key: 'avg', width: 90, render: (v: number | null) => (v == null ? '未评' : <b>{v}</b>) },
    { title: '抽取/已评', key: 'n', width: 100, render: (_: unknown, r) => `${r.drawn}/${r.scored}` },
    { title: '优秀', dataIndex: 'excellent', key: 'ex', width: 70 },
    { title: '不合格', dataIndex: 'failed', key: 'fail', width: 80, render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
    { title: '合格率', dataIndex: 'passRate', key: 'pass', width: 90, render: pct },
    { title: '待整改', dataIndex: 'openRectifications', key: 'open', width: 80, render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0) },
  ];
  return (
    <>
      <div className="cr-filters">
        <Select placeholder="最近一期" allowClear value={roundId ?? undefined} onChange={setRoundId} options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.agencyName}）` }))} style={{ minWidth: 260 }} data-testid="league-round" />
      </div>
      {data?.roundTitle ? <div className="muted" style={{ marginBottom: 8 }}>{data.roundTitle}：按已评案卷的平均分排名，并列者名次相同</div> : null}
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {isMobile ? (
        <CardList<LeagueRow>
          items={data?.rows ?? []}
          loading={isLoading}
          rowKey={(r) => r.agencyId}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有评查结果" />}
          testId="league-cards"
          render={(r) => (
            <div data-testid="league-row">
              <div className="cr-card-head">
                <span>{r.rank == null ? '—' : `第 ${r.rank} 名`} · {r.agencyName}</span>
                <span className="cr-score">{r.average ?? '未评'}</span>
              </div>
              <div className="cr-card-meta">
                抽取 {r.drawn} 卷，已评 {r.scored} 卷 · 优秀 {r.excellent} · 不合格 {r.failed} · 合格率 {pct(r.passRate)} · 待整改 {r.openRectifications}
              </div>
            </div>
          )}
        />
      ) : (
        <Table<LeagueRow>
          rowKey="agencyId"
          size="middle"
          loading={isLoading}
          columns={columns}
          dataSource={data?.rows ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有评查结果" /> }}
          onRow={() => ({ 'data-testid': 'league-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
    </>
  );
}
