// 统计报表 (R36): the agency's 监管执法工作情况月报表, the “两月一行动” summaries and the half-year and year summaries —
// generated from the statistics, annotated (a figure is explained, never overwritten), submitted upward by the
// leader; the upper level's board of its subordinate agencies (submitted, late, missing, returned).
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  formatFigure,
  latestEndedPeriod,
  parseReportPeriod,
  reportKindLabels,
  reportKindShortLabels,
  reportKinds,
  reportRows,
  shiftPeriod,
  submissionStateLabels,
  type ReportKind,
  type ReportRow,
  type SubmissionState,
} from '@anjian/domain/reporting';
import { reportsApi, type PeriodicReport, type SubmissionBoard } from '../../api/reporting';
import { shanghaiToday } from '../../api/hazard';
import { useMe } from '../../app/auth';
import { fmtDateTime } from '../../app/format';
import { showError, showSuccess } from '../../app/feedback';
import { useIsMobile } from '../../app/useIsMobile';
import { AgencySelect } from '../../components/agencies';
import { CardList } from '../../components/CardList';
import { PageHeader } from '../../components/PageHeader';
import './reports.css';

const HOW_MANY: Record<ReportKind, number> = { monthly: 24, special_action: 12, half_year: 6, year: 4 };

/** The periods to pick from: the most recent one that has ended first, then back in time (and the current one). */
function periodOptions(kind: ReportKind) {
  const latest = latestEndedPeriod(kind, shanghaiToday());
  const list = [shiftPeriod(kind, latest, 1), latest];
  for (let i = 1; i < HOW_MANY[kind]; i++) list.push(shiftPeriod(kind, latest, -i));
  return list.map((p, i) => ({ value: p, label: `${parseReportPeriod(kind, p)!.label}${i === 0 ? '（本期，未结束）' : ''}` }));
}

const stateColor: Record<SubmissionState, string> = { submitted: 'green', submitted_late: 'orange', returned: 'magenta', overdue: 'red', pending: 'default' };

export function StateTag({ state, daysLate }: { state: SubmissionState; daysLate: number }) {
  const late = daysLate > 0 && state !== 'pending' ? `${daysLate}天` : '';
  return (
    <Tag color={stateColor[state]} data-testid="report-state">
      {submissionStateLabels[state]}
      {late && state !== 'returned' ? `（${state === 'overdue' ? '已逾期' : '逾期'}${late}）` : ''}
    </Tag>
  );
}

const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function ReportView({ report }: { report: PeriodicReport }) {
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [notes, setNotes] = useState<Record<string, string>>(report.annotations);
  const [remarks, setRemarks] = useState(report.remarks ?? '');
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  useEffect(() => {
    setNotes(report.annotations);
    setRemarks(report.remarks ?? '');
  }, [report]);
  const key = ['report', report.kind, report.period, report.agency.id];
  const done = (r: PeriodicReport, text: string) => {
    qc.setQueryData(key, r);
    void qc.invalidateQueries({ queryKey: ['report-board'] });
    showSuccess(text);
  };
  const dirty = JSON.stringify(notes) !== JSON.stringify(report.annotations) || remarks !== (report.remarks ?? '');
  const save = useMutation({
    mutationFn: () => reportsApi.save(report.kind, report.period, { agencyId: report.agency.id, annotations: notes, remarks: remarks || null, version: report.version }),
    onSuccess: (r) => done(r, '说明已保存'),
    onError: showError,
  });
  const submit = useMutation({
    mutationFn: async () => {
      let version = report.version;
      if (dirty) version = (await reportsApi.save(report.kind, report.period, { agencyId: report.agency.id, annotations: notes, remarks: remarks || null, version })).version;
      return reportsApi.submit(report.kind, report.period, { agencyId: report.agency.id, version });
    },
    onSuccess: (r) => done(r, r.daysLate > 0 ? `已报送（逾期${r.daysLate}天）` : '已报送'),
    onError: showError,
  });
  const ret = useMutation({
    mutationFn: () => reportsApi.return(report.kind, report.period, { agencyId: report.agency.id, reason, version: report.version }),
    onSuccess: (r) => {
      setReturning(false);
      setReason('');
      done(r, '已退回，等待该单位更正后重新报送');
    },
    onError: showError,
  });
  const dl = (format: 'xlsx' | 'pdf') => reportsApi.download(report.kind, report.period, format, report.agency.id).catch(showError);
  const note = (row: ReportRow) =>
    report.can.annotate ? (
      <Input.TextArea
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={500}
        placeholder="需要说明时填写"
        value={notes[row.key] ?? ''}
        data-testid={`note-${row.key}`}
        onChange={(e) => setNotes({ ...notes, [row.key]: e.target.value })}
      />
    ) : (
      <span>{report.annotations[row.key] ?? ''}</span>
    );

  const nextStep = report.can.submit
    ? '请核对数据，需要时填写说明，然后审核报送。'
    : report.can.annotate
      ? '请核对数据并填写说明，由本单位负责人审核报送。'
      : report.can.return
        ? '该报表已报送。如数据有误，可退回更正。'
        : null;

  return (
    <Card size="small" className="table-card" data-testid="report-card">
      <div className="rp-title">{reportKindLabels[report.kind]}</div>
      <div className="rp-meta">
        <span>填报单位：{report.agency.name}</span>
        <span>
          报告期：{report.periodLabel}（{chineseDate(report.from)}至{chineseDate(report.to)}）
        </span>
        <span data-testid="report-due">报送期限：{chineseDate(report.dueOn)}前</span>
        <span>
          <StateTag state={report.state} daysLate={report.daysLate} />
          {report.submittedAt ? <Typography.Text type="secondary">{`${report.submittedBy ?? ''}于${fmtDateTime(report.submittedAt)}报送`}</Typography.Text> : null}
        </span>
      </div>
      {report.status === 'returned' ? (
        <Alert type="warning" showIcon className="rp-alert" data-testid="report-returned" message={`${report.returnedBy ?? '上级单位'}退回更正：${report.returnReason ?? ''}`} />
      ) : null}
      {nextStep ? <Alert type="info" className="rp-alert" message={nextStep} /> : null}
      {isMobile ? (
        <CardList<ReportRow>
          items={[...reportRows]}
          rowKey={(r) => r.key}
          empty="无数据"
          testId="report-rows"
          render={(r) => (
            <div data-testid="report-row">
              <div className="rp-row-head">
                <span className="rp-no">{r.no}</span>
                <span className="rp-label">{r.label}</span>
              </div>
              <div className="rp-row-figs">
                <span>
                  本期 <b>{formatFigure(r.key, report.figures.period[r.key])}</b> {r.unit}
                </span>
                <span>
                  本年累计 <b>{formatFigure(r.key, report.figures.yearToDate[r.key])}</b> {r.unit}
                </span>
              </div>
              {report.can.annotate || report.annotations[r.key] ? <div className="rp-row-note">{note(r)}</div> : null}
            </div>
          )}
        />
      ) : (
        <Table<ReportRow>
          size="small"
          pagination={false}
          rowKey="key"
          data-testid="report-table"
          dataSource={[...reportRows]}
          columns={[
            { title: '序号', dataIndex: 'no', width: 56, align: 'center' },
            { title: '项目', dataIndex: 'label', render: (v: string, r) => <span title={r.section}>{v}</span> },
            { title: '单位', dataIndex: 'unit', width: 64, align: 'center' },
            { title: '本期', key: 'p', width: 96, align: 'right', render: (_: unknown, r) => <b>{formatFigure(r.key, report.figures.period[r.key])}</b> },
            { title: '本年累计', key: 'y', width: 96, align: 'right', render: (_: unknown, r) => formatFigure(r.key, report.figures.yearToDate[r.key]) },
            { title: '说明', key: 'n', width: '32%', render: (_: unknown, r) => note(r) },
          ]}
        />
      )}
      <div className="rp-remarks">
        <div className="muted">说明</div>
        {report.can.annotate ? (
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} value={remarks} onChange={(e) => setRemarks(e.target.value)} data-testid="report-remarks" placeholder="本期工作情况的补充说明（可不填）" />
        ) : (
          <div>{report.remarks || '—'}</div>
        )}
      </div>
      <div className="rp-sign muted">
        填表人：{report.preparedBy ?? '—'}　审核人：{report.submittedBy ?? '—'}
      </div>
      <Space wrap className="rp-actions">
        {report.can.annotate ? (
          <Button icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="report-save">
            保存说明
          </Button>
        ) : null}
        {report.can.submit ? (
          <Popconfirm title="审核并报送上级？" description="报送后数据以报送时为准，不能再修改。" okText="报送" cancelText="取消" onConfirm={() => submit.mutate()}>
            <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="report-submit">
              审核并报送
            </Button>
          </Popconfirm>
        ) : null}
        {report.can.return ? (
          <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="report-return">
            退回更正
          </Button>
        ) : null}
        <Button icon={<DownloadOutlined />} onClick={() => dl('xlsx')} data-testid="report-xlsx">
          下载Excel
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => dl('pdf')} data-testid="report-pdf">
          下载PDF
        </Button>
      </Space>
      <Modal
        open={returning}
        title={`退回${report.agency.name}的报表`}
        okText="退回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: ret.isPending }}
        onOk={() => ret.mutate()}
        onCancel={() => setReturning(false)}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明需要更正的内容" data-testid="report-return-reason" />
      </Modal>
    </Card>
  );
}

function Board({ board, onOpen }: { board: SubmissionBoard; onOpen: (agencyId: number) => void }) {
  const isMobile = useIsMobile();
  type Item = SubmissionBoard['items'][number];
  const s = board.summary;
  const open = (r: Item) => (
    <Button size="small" type="link" onClick={() => onOpen(r.agencyId)}>
      查看
    </Button>
  );
  return (
    <Card size="small" className="table-card" data-testid="report-board">
      <div className="rp-meta">
        <span>
          {board.agency.name}下级单位 · {board.periodLabel}
          {reportKindShortLabels[board.kind]} · 报送期限{chineseDate(board.dueOn)}前
        </span>
      </div>
      <Space wrap className="rp-summary" data-testid="report-board-summary">
        <Tag>共{s.total}个单位</Tag>
        <Tag color="green">按时报送 {s.submitted}</Tag>
        <Tag color="orange">逾期报送 {s.submittedLate}</Tag>
        <Tag color="magenta">退回待更正 {s.returned}</Tag>
        <Tag color="red">逾期未报 {s.overdue}</Tag>
        <Tag>未到期未报 {s.pending}</Tag>
      </Space>
      {isMobile ? (
        <CardList<Item>
          items={board.items}
          rowKey={(r) => r.agencyId}
          empty="没有下级单位"
          testId="report-board-rows"
          render={(r) => (
            <div data-testid="report-board-row">
              <div className="rp-row-head">
                <span className="rp-label">{r.agencyName}</span>
                <StateTag state={r.state} daysLate={r.daysLate} />
              </div>
              {r.submittedAt ? <div className="muted">{`${r.submittedBy ?? ''} ${fmtDateTime(r.submittedAt)}`}</div> : null}
              {r.returnReason ? <div className="rp-reason">退回原因：{r.returnReason}</div> : null}
              <div>{open(r)}</div>
            </div>
          )}
        />
      ) : (
        <Table<Item>
          size="small"
          rowKey="agencyId"
          pagination={false}
          dataSource={board.items}
          data-testid="report-board-table"
          locale={{ emptyText: '没有下级单位' }}
          columns={[
            { title: '单位', dataIndex: 'agencyName' },
            { title: '报送情况', key: 's', width: 190, render: (_: unknown, r) => <StateTag state={r.state} daysLate={r.daysLate} /> },
            { title: '报送人', dataIndex: 'submittedBy', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '报送时间', dataIndex: 'submittedAt', width: 170, render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
            { title: '退回原因', dataIndex: 'returnReason', render: (v: string | null) => v ?? '' },
            { title: '', key: 'o', width: 70, render: (_: unknown, r) => open(r) },
          ]}
        />
      )}
    </Card>
  );
}

export default function ReportsPage() {
  const { data: me } = useMe();
  const [kind, setKind] = useState<ReportKind>('monthly');
  const [period, setPeriod] = useState(() => latestEndedPeriod('monthly', shanghaiToday()));
  const [agencyId, setAgencyId] = useState<number | undefined>(undefined);
  const [tab, setTab] = useState<'report' | 'board'>('report');
  const options = useMemo(() => periodOptions(kind), [kind]);
  const agency = agencyId ?? me?.agency?.id ?? undefined;
  const report = useQuery({ queryKey: ['report', kind, period, agency], queryFn: () => reportsApi.get(kind, period, agency), enabled: tab === 'report' && !!me });
  const board = useQuery({ queryKey: ['report-board', kind, period, agency], queryFn: () => reportsApi.board(kind, period, agency), enabled: tab === 'board' && !!me });
  const changeKind = (k: ReportKind) => {
    setKind(k);
    setPeriod(latestEndedPeriod(k, shanghaiToday()));
  };
  const error = tab === 'report' ? report.error : board.error;
  return (
    <div data-testid="reports-page">
      <PageHeader title="统计报表" sub="监管执法工作情况月报表每月10日前报送；“两月一行动”专项行动总结于次月12日前报送；逢节假日顺延至节后第一个工作日。" />
      <Card size="small" className="rp-filters">
        <Space wrap>
          <Segmented<ReportKind> value={kind} onChange={changeKind} options={reportKinds.map((k) => ({ value: k, label: reportKindShortLabels[k] }))} data-testid="report-kind" />
          <Select value={period} onChange={setPeriod} options={options} style={{ minWidth: 230 }} data-testid="report-period" />
          <AgencySelect value={agency} onChange={setAgencyId} style={{ minWidth: 230 }} data-testid="report-agency" />
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'report' | 'board')}
        items={[
          { key: 'report', label: '报表' },
          { key: 'board', label: '下级报送情况' },
        ]}
      />
      {error ? <Alert type="error" showIcon message={(error as Error).message} /> : null}
      {tab === 'report' ? (
        report.data ? (
          <ReportView report={report.data} />
        ) : report.isLoading ? (
          <Card loading size="small" />
        ) : (
          <Empty description="请选择填报单位和报告期" />
        )
      ) : board.data ? (
        <Board
          board={board.data}
          onOpen={(id) => {
            setAgencyId(id);
            setTab('report');
          }}
        />
      ) : (
        <Card loading size="small" />
      )}
    </div>
  );
}
