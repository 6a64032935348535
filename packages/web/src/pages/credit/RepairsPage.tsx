// 信用修复与异议 (R29, R32): staff answer repair applications within 3 working days (late ones flagged red) and
// objections; the quarterly blacklist publication that is due.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api';
import { penaltiesApi, type CreditObjection, type CreditRepair } from '../../api/penalty';
import { can, useMe } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useWorkingCalendar } from '../../app/workingDays';
import { AnswerDue, AnswerObjectionModal, DecideRepairModal } from './parts';
import '../penalty/cases.css';
import { LedgerTable, useLocalLedger } from '../../components/Ledger';
import { creditKeys, registryKeys } from '../../api/keys';

const conditionShort = { obligationsPerformed: '已履行', violationCorrected: '已纠正', commitmentSigned: '已承诺', noNewSeriousConduct: '无新严重失信' } as const;

export default function RepairsPage() {
  const { data: me } = useMe();
  const qc = useQueryClient();
  const canDecide = can.decideCredit(me);
  const [status, setStatus] = useState<'pending' | 'approved' | 'rejected' | ''>('pending');
  const repairs = useQuery({ queryKey: creditKeys.repairs(status || undefined), queryFn: () => penaltiesApi.repairs(status || undefined) });
  const objections = useQuery({ queryKey: creditKeys.objections('pending'), queryFn: () => penaltiesApi.objections('pending'), meta: { silent: true } });
  const overview = useQuery({ queryKey: creditKeys.blacklist, queryFn: penaltiesApi.blacklistOverview, enabled: canDecide, meta: { silent: true } });
  const items = useMemo(() => repairs.data?.items ?? [], [repairs.data]);
  const objItems = useMemo(() => objections.data?.items ?? [], [objections.data]);
  const ids = useMemo(() => [...new Set([...items.map((r) => r.enterpriseId), ...objItems.map((o) => o.enterpriseId)])], [items, objItems]);
  const names = useQueries({ queries: ids.map((id) => ({ queryKey: registryKeys.enterprise(id), queryFn: () => api.enterprise(id), staleTime: 10 * 60_000 })) });
  const nameOf = new Map(names.map((q, i) => [ids[i], q.data?.name]));
  const calendar = useWorkingCalendar(useMemo(() => [...items.map((r) => r.answerDue), ...objItems.map((o) => o.answerDue)], [items, objItems]));
  const repairsLedger = useLocalLedger();
  const objectionsLedger = useLocalLedger();
  const [deciding, setDeciding] = useState<CreditRepair | null>(null);
  const [answering, setAnswering] = useState<CreditObjection | null>(null);
  const [pubError, setPubError] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: (quarter: string) => penaltiesApi.publishBlacklist(quarter),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: creditKeys.blacklist });
      showSuccess(`已公布${r.quarterLabel}严重失信主体名单`);
    },
    onError: (e) => setPubError(errorMessage(e)),
    meta: { silent: true },
  });
  const late = items.filter((r) => r.late && r.status === 'pending').length;

  const enterpriseCell = (id: number) => <Link to={`/credit/enterprises/${id}`}>{nameOf.get(id) ?? `企业 #${id}`}</Link>;
  const conditionTags = (r: CreditRepair) => (
    <>
      <Space size={2} wrap>
        {(Object.keys(conditionShort) as (keyof typeof conditionShort)[]).map((k) => (
          <Tag key={k} color={r.application[k] ? 'green' : 'default'}>{conditionShort[k]}</Tag>
        ))}
      </Space>
      {r.application.statement ? <div className="muted">{r.application.statement}</div> : null}
      {r.eligibilityProblems.length ? <div className="case-deviation">{r.eligibilityProblems.join('；')}</div> : null}
    </>
  );
  const repairAction = (r: CreditRepair) =>
    r.status === 'pending' && canDecide ? (
      <Button size="small" type="primary" onClick={() => setDeciding(r)} data-testid="decide-repair">
        答复
      </Button>
    ) : r.opinion ? (
      <Typography.Text type="secondary" ellipsis={{ tooltip: r.opinion }} style={{ maxWidth: 80 }}>{r.opinion}</Typography.Text>
    ) : null;
  const columns: TableColumnsType<CreditRepair> = [
    { title: '企业', key: 'ent', width: 200, render: (_: unknown, r) => enterpriseCell(r.enterpriseId) },
    { title: '申请日期', dataIndex: 'appliedOn', key: 'appliedOn', width: 100 },
    {
      title: '修复条件',
      key: 'cond',
      render: (_: unknown, r) => conditionTags(r),
    },
    { title: '答复期限（3个工作日）', key: 'due', width: 200, render: (_: unknown, r) => <AnswerDue item={r} calendar={calendar} /> },
    {
      title: '操作',
      key: 'op',
      width: 90,
      fixed: 'right',
      render: (_: unknown, r) => repairAction(r),
    },
  ];
  const answerButton = (o: CreditObjection) => (
    <Button size="small" onClick={() => setAnswering(o)}>
      答复
    </Button>
  );
  const objectionColumns: TableColumnsType<CreditObjection> = [
    { title: '企业', key: 'ent', width: 200, render: (_: unknown, o) => enterpriseCell(o.enterpriseId) },
    { title: '提出日期', dataIndex: 'receivedOn', key: 'receivedOn', width: 100 },
    { title: '异议理由', dataIndex: 'reason', key: 'reason' },
    { title: '答复期限', key: 'due', width: 200, render: (_: unknown, o) => <AnswerDue item={o} calendar={calendar} /> },
    { title: '操作', key: 'op', width: 80, render: (_: unknown, o) => (canDecide ? answerButton(o) : null) },
  ];
  const pending = overview.data?.pending ?? [];
  return (
    <>
      <PageHeader
        title="信用修复与异议"
        sub="信用修复申请自收到之日起3个工作日内答复，逾期标红；异议核查后答复"
        extra={<Button icon={<ReloadOutlined />} onClick={() => { void repairs.refetch(); void objections.refetch(); }}>刷新</Button>}
      />
      {late ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`${late} 件修复申请已超过3个工作日答复期限`} data-testid="repairs-late" /> : null}
      {pending.length ? (
        <Alert
          type={pending.some((p) => p.overdue) ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title="严重失信主体名单每季度公布一次"
          description={
            <Space wrap>
              {pending.map((p) => (
                <Button key={p.quarter.key} size="small" loading={publish.isPending} onClick={() => publish.mutate(p.quarter.key)}>
                  公布{p.quarter.label}名单（{p.overdue ? '已逾期' : `${p.due}前`}）
                </Button>
              ))}
            </Space>
          }
        />
      ) : null}
      {pubError ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pubError} /> : null}
      <LedgerTable<CreditRepair>
        url={repairsLedger}
        query={repairs}
        clientPaging
        className="case-section"
        title="信用修复申请"
        extra={<Segmented size="small" value={status} onChange={(v) => { setStatus(v as typeof status); repairsLedger.update({}); }} options={[{ value: 'pending', label: '待答复' }, { value: 'approved', label: '已同意' }, { value: 'rejected', label: '不予修复' }, { value: '', label: '全部' }]} />}
        rowKey={(r) => r.id}
        rowData={(r) => ({ 'data-late': r.late ? '1' : '0' })}
        columns={columns}
        scrollX={860}
        rowClassName={(r) => (r.late && r.status === 'pending' ? 'case-row-overdue' : '')}
        testId="repair"
        noun="件申请"
        unit="件"
        empty={{ text: '暂无修复申请' }}
        card={(r) => (
          <>
            <div className="case-card-head">
              {enterpriseCell(r.enterpriseId)}
              <span className="mono muted">{r.appliedOn}</span>
            </div>
            {conditionTags(r)}
            <AnswerDue item={r} calendar={calendar} />
            {repairAction(r) ? <div style={{ marginTop: 8 }}>{repairAction(r)}</div> : null}
          </>
        )}
      />
      <LedgerTable<CreditObjection>
        url={objectionsLedger}
        query={objections}
        clientPaging
        className="case-section"
        title={`待答复异议（${objItems.length}）`}
        rowKey={(o) => o.id}
        columns={objectionColumns}
        scrollX={760}
        testId="objection"
        noun="件异议"
        unit="件"
        empty={{ text: '暂无待答复异议' }}
        card={(o) => (
          <>
            <div className="case-card-head">
              {enterpriseCell(o.enterpriseId)}
              <span className="mono muted">{o.receivedOn}</span>
            </div>
            <div>{o.reason}</div>
            <AnswerDue item={o} calendar={calendar} />
            {canDecide ? <div style={{ marginTop: 8 }}>{answerButton(o)}</div> : null}
          </>
        )}
      />
      {deciding ? <DecideRepairModal repair={deciding} onClose={() => setDeciding(null)} /> : null}
      {answering ? <AnswerObjectionModal objection={answering} onClose={() => setAnswering(null)} /> : null}
    </>
  );
}
