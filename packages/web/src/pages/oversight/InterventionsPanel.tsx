// 监督措施 (督办、约谈、通报、监督提醒) taken by this level on reviewed files and cases. The leaders' interventions IN a
// case (领导干部干预记录) are kept in the case file and shown under 处罚期限监督 › 干预记录.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { interventionKindLabels, interventionKinds, type InterventionKind } from '@anjian/domain/oversight';
import { errorMessage } from '../../api';
import { caseReviewsApi, type OversightMeasure } from '../../api/caseReviews';
import { fmtDateTime } from '../../app/format';
import { useIsMobile } from '../../app/useIsMobile';
import { CardList } from '../../components/CardList';

const kindColor: Record<InterventionKind, string> = { reminder: 'blue', supervise: 'orange', interview: 'volcano', circular: 'red' };

function subjectLink(r: OversightMeasure) {
  const to = r.subjectType === 'penalty_case' ? `/cases/${r.subjectId}` : `/oversight/reviews/${r.subjectId}`;
  return (
    <Link to={to} data-testid="measure-subject">
      {r.subjectTypeLabel}：{r.subjectLabel}
    </Link>
  );
}

export default function InterventionsPanel() {
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<InterventionKind | undefined>();
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useQuery({ queryKey: ['oversight-measures', kind, page], queryFn: () => caseReviewsApi.measures({ kind, page, pageSize: 20 }) });
  const columns: TableColumnsType<OversightMeasure> = [
    { title: '措施', key: 'kind', width: 90, render: (_: unknown, r) => <Tag color={kindColor[r.kind]}>{r.kindLabel}</Tag> },
    { title: '被监督单位', dataIndex: 'targetAgencyName', key: 'target', width: 180 },
    { title: '监督对象', key: 'subject', width: 220, render: (_: unknown, r) => subjectLink(r) },
    { title: '内容', dataIndex: 'content', key: 'content' },
    { title: '办理期限', dataIndex: 'dueOn', key: 'due', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '登记', key: 'by', width: 180, render: (_: unknown, r) => <>{r.recordedByName}<div className="muted">{fmtDateTime(r.recordedAt)}</div></> },
  ];
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="辖区内还没有登记监督措施；在评查发现问题的案卷页面可登记督办、约谈、通报或监督提醒" />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        对评查发现问题的案卷和办案中的问题，由上级机关采取监督提醒、督办、约谈、通报等措施。领导干部干预、插手案件的记录见“处罚期限监督”中的“干预记录”。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <div className="cr-filters">
        <Select allowClear placeholder="全部措施" value={kind} onChange={(v) => { setKind(v); setPage(1); }} options={interventionKinds.map((k) => ({ value: k, label: interventionKindLabels[k] }))} data-testid="measure-kind" />
      </div>
      {isMobile ? (
        <CardList<OversightMeasure>
          items={data?.items ?? []}
          loading={isLoading}
          rowKey={(r) => r.id}
          empty={empty}
          testId="measure-cards"
          render={(r) => (
            <div data-testid="measure-row">
              <div className="cr-card-head">
                <span>{r.targetAgencyName}</span>
                <Tag color={kindColor[r.kind]}>{r.kindLabel}</Tag>
              </div>
              <div>{subjectLink(r)}</div>
              <div>{r.content}</div>
              <div className="cr-card-meta">
                {r.recordedByName} · {fmtDateTime(r.recordedAt)}
                {r.dueOn ? ` · 期限 ${r.dueOn}` : ''}
              </div>
            </div>
          )}
        />
      ) : (
        <Table<OversightMeasure>
          rowKey="id"
          size="middle"
          loading={isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          locale={{ emptyText: empty }}
          scroll={{ x: 1000 }}
          pagination={data && data.total > 20 ? { current: page, pageSize: 20, total: data.total, onChange: setPage, showSizeChanger: false } : false}
          onRow={() => ({ 'data-testid': 'measure-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
    </>
  );
}
