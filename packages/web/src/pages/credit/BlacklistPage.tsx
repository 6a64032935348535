// 严重失信主体名单管理 (R32): the listings of the jurisdiction with their legal ground, listing date and end of the
// three-year term; leaders list an enterprise (with the ground), remove one early (after 12 months, with the reason
// and the application's conditions), and publish the last quarter's list to the public portal once per quarter
// (due by the 10th working day after the quarter ends). Other staff read.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Segmented, Skeleton, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { oversightApi, type BlacklistManagement, type ManagedListing } from '../../api/oversight';
import { can, useMe } from '../../app/auth';
import { fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { LedgerTable, useLedgerUrl } from '../../components/Ledger';
import { PageHeader } from '../../components/PageHeader';
import { todayShanghai } from '../penalty/shared';
import { ExportButton } from '../../components/ExportButton';

import { AddToBlacklistModal, RemoveFromBlacklistModal } from './BlacklistModals';
import '../penalty/cases.css';
import '../oversight/oversight.css';
import { creditKeys } from '../../api/keys';

type Filter = 'active' | 'ended' | 'all';

function ListingState({ l }: { l: ManagedListing }) {
  if (l.removedOn) return <Tag data-testid="listing-state" data-state="removed">{l.removedOn} 已移出</Tag>;
  if (!l.active) return <Tag data-testid="listing-state" data-state="expired">管理期满</Tag>;
  return (
    <Tag color="red" variant="solid" data-testid="listing-state" data-state="active">
      管理期内
    </Tag>
  );
}

function Grounds({ l }: { l: ManagedListing }) {
  return (
    <ul className="bl-grounds">
      {l.grounds.map((g) => (
        <li key={g.id}>
          <Tooltip title={g.basis}>
            <span>{g.text}</span>
          </Tooltip>
        </li>
      ))}
    </ul>
  );
}

/** The listings a quarter's publication will carry: listed by its end and still in their term on that day. */
function onListAt(listings: ManagedListing[], end: string | undefined) {
  if (!end) return [];
  return listings.filter((l) => l.listedOn <= end && (!l.removedOn || l.removedOn > end) && l.expiresOn >= end);
}

function QuarterCard({ data, decide }: { data: BlacklistManagement; decide: boolean }) {
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: (quarter: string) => oversightApi.publishBlacklist(quarter),
    onSuccess: (r) => {
      setError(null);
      void qc.invalidateQueries({ queryKey: creditKeys.blacklist });
      void qc.invalidateQueries({ queryKey: creditKeys.publicBlacklistAll });
      showSuccess(`已向社会公布${r.quarterLabel}严重失信主体名单（${r.entries.length} 家）${r.late ? '，已超过公布期限，记为逾期' : ''}`);
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const { current } = data;
  const older = data.pending.filter((p) => p.quarter.key !== current.quarter.key);
  const confirm = (key: string, label: string, end?: string) => {
    const n = onListAt(data.listings, end).length;
    modal.confirm({
      title: `公布${label}严重失信主体名单？`,
      content: `将向社会公布${label}末仍在管理期内的 ${n} 家主体（本机关辖区）。每个季度只公布一次，公布后不能撤回。`,
      okText: '确认公布',
      cancelText: '取消',
      onOk: () => publish.mutateAsync(key).catch(() => undefined),
    });
  };
  const today = todayShanghai();
  const daysLeft = Math.round((Date.parse(`${current.due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400_000);
  return (
    <Card size="small" className="case-section" title="季度公布" extra={<a href="/public/blacklist" target="_blank" rel="noopener">公开名单 <ExportOutlined /></a>} data-testid="blacklist-quarter">
      <div className="bl-quarter">
        <div className="bl-quarter-main">
          <span className="bl-quarter-title">本季度应公布：{current.quarter.label}名单</span>
          <span className="muted">
            公布期限 <span className="mono">{current.due}</span>（季度结束后第10个工作日）
          </span>
        </div>
        <div>
          {current.published ? (
            <Tag color="green" data-testid="quarter-state" data-state="published">
              已于 {fmtDateTime(current.publishedAt).slice(0, 10)} 公布
            </Tag>
          ) : current.overdue ? (
            <Tag color="red" variant="solid" data-testid="quarter-state" data-state="overdue">
              已逾期未公布
            </Tag>
          ) : (
            <Tag color="orange" data-testid="quarter-state" data-state="due">
              待公布{daysLeft >= 0 ? `，剩余 ${daysLeft} 天` : ''}
            </Tag>
          )}
        </div>
      </div>
      {!current.published ? (
        decide && current.canPublish ? (
          <Button type="primary" style={{ marginTop: 12 }} loading={publish.isPending} onClick={() => confirm(current.quarter.key, current.quarter.label, current.quarter.end)} data-testid="publish-quarter">
            公布{current.quarter.label}名单
          </Button>
        ) : (
          <div className="muted" style={{ marginTop: 8 }}>
            {decide ? '请以执法机构账户公布名单。' : '名单由单位负责人公布。'}
          </div>
        )
      ) : null}
      {older.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title="以下季度的名单尚未公布"
          description={
            <Space wrap>
              {older.map((p) => (
                <Button key={p.quarter.key} size="small" danger disabled={!decide} onClick={() => confirm(p.quarter.key, p.quarter.label, p.quarter.end)}>
                  补公布{p.quarter.label}（期限 {p.due}）
                </Button>
              ))}
            </Space>
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={error} data-testid="publish-error" /> : null}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
        已公布：
      </Typography.Text>
      {data.publications.length ? (
        <ul className="case-deadline-list" data-testid="published-quarters">
          {data.publications.map((p) => (
            <li key={p.id} data-testid="published-quarter" data-quarter={p.quarter}>
              <span>
                {p.quarterLabel} · {p.entries} 家
              </span>
              <span>
                <span className="muted">{fmtDateTime(p.publishedAt).slice(0, 16)}</span> {p.late ? <Tag color="red">逾期公布</Tag> : <Tag color="green">按期</Tag>}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">本机关尚未公布过名单</span>
      )}
    </Card>
  );
}

export default function BlacklistPage() {
  const { data: me } = useMe();
  const decide = can.decideCredit(me);
  const list = useQuery({ queryKey: creditKeys.blacklist, queryFn: oversightApi.blacklist, meta: { silent: true } });
  const { data, isLoading, isFetching, error, refetch } = list;
  const url = useLedgerUrl(['state']);
  const filter: Filter = url.values.state === 'ended' || url.values.state === 'all' ? url.values.state : 'active';
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ManagedListing | null>(null);
  const listings = useMemo(() => data?.listings ?? [], [data]);
  const shown = useMemo(() => listings.filter((l) => (filter === 'all' ? true : filter === 'active' ? l.active : !l.active)), [listings, filter]);
  const activeCount = listings.filter((l) => l.active).length;

  const removeButton = (l: ManagedListing) =>
    decide && l.active ? (
      <Button size="small" onClick={() => setRemoving(l)} data-testid="listing-remove">
        移出名单
      </Button>
    ) : null;
  const columns: TableColumnsType<ManagedListing> = [
    {
      title: '企业',
      key: 'ent',
      width: 220,
      render: (_: unknown, l) => (
        <>
          <Link to={`/credit/enterprises/${l.enterpriseId}`} data-testid="listing-enterprise">
            {l.enterpriseName}
          </Link>
          <div className="mono muted">{l.creditCode}</div>
        </>
      ),
    },
    { title: '列入情形', key: 'grounds', render: (_: unknown, l) => <><Grounds l={l} /><div className="muted">理由：{l.reason}</div>{l.removalReason ? <div className="muted">移出理由：{l.removalReason}</div> : null}</> },
    { title: '列入日期', dataIndex: 'listedOn', key: 'listedOn', width: 104, render: (v: string) => <span className="mono">{v}</span> },
    { title: '管理期至', dataIndex: 'expiresOn', key: 'expiresOn', width: 104, render: (v: string) => <span className="mono">{v}</span> },
    { title: '可申请提前移出', dataIndex: 'earlyRemovalFrom', key: 'early', width: 124, render: (v: string, l) => (l.active ? <span className="mono nowrap">{v}起</span> : '—') },
    { title: '状态', key: 'state', width: 120, render: (_: unknown, l) => <ListingState l={l} /> },
    ...(decide ? [{ title: '操作', key: 'op', width: 100, fixed: 'right' as const, render: (_: unknown, l: ManagedListing) => removeButton(l) }] : []),
  ];

  return (
    <>
      <PageHeader
        title="严重失信主体名单"
        sub="依《安全生产严重失信主体名单管理办法》列入、移出，管理期限三年；名单每季度向社会公布一次"
        extra={
          <Space wrap>
            {decide ? (
              <Button type="primary" danger icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="blacklist-add">
                列入名单
              </Button>
            ) : null}
            <ExportButton path="/credit/blacklist/export" fileName="严重失信主体名单.xlsx" testId="blacklist-export" />
            <ExportButton path="/credit/violations/export" fileName="违法行为信息库.xlsx" label="导出违法行为信息库" testId="violations-export" />
            <Button icon={<ReloadOutlined />} loading={isFetching} onClick={() => void refetch()}>
              刷新
            </Button>
          </Space>
        }
      />
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(error)} /> : null}
      {isLoading ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {data ? (
        <>
          <QuarterCard data={data} decide={decide} />
          <LedgerTable<ManagedListing>
            url={url}
            query={list}
            clientPaging
            rows={shown}
            className="case-section"
            title={`名单（管理期内 ${activeCount} 家）`}
            extra={
              <Segmented<Filter>
                size="small"
                value={filter}
                onChange={(v) => url.update({ state: v === 'active' ? undefined : v })}
                options={[
                  { value: 'active', label: '管理期内' },
                  { value: 'ended', label: '已移出/期满' },
                  { value: 'all', label: '全部' },
                ]}
              />
            }
            rowKey={(l) => l.id}
            columns={columns}
            scrollX={1000}
            testId="listing"
            noun="家"
            unit="家"
            empty={{ text: '辖区内没有管理期内的主体', filtered: '暂无记录' }}
            card={(l) => (
              <>
                <div className="case-card-head">
                  <Link to={`/credit/enterprises/${l.enterpriseId}`} data-testid="listing-enterprise" className="case-card-title">
                    {l.enterpriseName}
                  </Link>
                  <ListingState l={l} />
                </div>
                <Grounds l={l} />
                <div className="bl-dates muted">
                  <span>{l.listedOn} 列入</span>
                  <span>管理期至 {l.expiresOn}</span>
                  {l.active ? <span>{l.earlyRemovalFrom} 起可申请提前移出</span> : null}
                </div>
                {removeButton(l) ? <div style={{ marginTop: 8 }}>{removeButton(l)}</div> : null}
              </>
            )}
          />
        </>
      ) : null}
      {adding ? <AddToBlacklistModal onClose={() => setAdding(false)} /> : null}
      {removing ? <RemoveFromBlacklistModal listing={removing} onClose={() => setRemoving(null)} /> : null}
    </>
  );
}
