// 行政处罚案件 (R27–R30): cases by state with the statutory deadline (办案期限, countdown in red when overdue),
// filtered and paginated on the server. An enterprise user sees its own cases.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Col, Segmented, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { penaltyCaseStatuses, penaltyCaseStatusLabels, penaltyProcedureLabels, type PenaltyCaseStatus } from '@anjian/domain/penalty';
import { penaltiesApi, type CaseListItem, type CaseQuery } from '../../api/penalty';
import { can, useMe } from '../../app/auth';
import { penaltyCaseKeys } from '../../api/keys';
import { DrillBanner } from '../../components/DrillBanner';

const caseDrillKeys = ['openedFrom', 'openedTo', 'decidedFrom', 'decidedTo', 'procedure', 'transferred', 'regionCode'] as const;
import { PageHeader } from '../../components/PageHeader';
import { ExportButton } from '../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../components/Ledger';
import { EnterpriseSearchSelect } from '../../components/EnterpriseSearchSelect';
import { NewCaseModal } from './NewCaseModal';
import { CaseStatusTag, caseTitle, CountdownChip, yuan } from './parts';
import './cases.css';

const statusOptions = penaltyCaseStatuses.map((s) => ({ value: s, label: penaltyCaseStatusLabels[s] }));
// the stages an officer works through, as quick filters
const quick: { value: string; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'draft', label: '待立案' },
  { value: 'investigating', label: '调查取证' },
  { value: 'notified', label: '已告知' },
  { value: 'legal_review', label: '法制审核' },
  { value: 'decided', label: '已决定' },
];

export default function CaseListPage() {
  const { data: me } = useMe();
  const enterpriseUser = me?.role === 'enterprise';
  const navigate = useNavigate();
  const url = useLedgerUrl(['q', 'status', 'enterpriseId']);
  const { values, update, page, pageSize } = url;
  const [creating, setCreating] = useState(false);
  const canCreate = can.enforce(me);
  const status = (penaltyCaseStatuses as readonly string[]).includes(values.status ?? '') ? (values.status as PenaltyCaseStatus) : undefined;
  const isDate = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const query: CaseQuery = useMemo(
    () => ({
      q: values.q,
      status,
      enterpriseId: !enterpriseUser && Number(values.enterpriseId) > 0 ? Number(values.enterpriseId) : undefined,
      // R36: the filters a dashboard chart opens the list with
      openedFrom: isDate(values.openedFrom),
      openedTo: isDate(values.openedTo),
      decidedFrom: isDate(values.decidedFrom),
      decidedTo: isDate(values.decidedTo),
      procedure: values.procedure === 'simple' || values.procedure === 'general' ? values.procedure : undefined,
      transferred: values.transferred === 'true' ? true : undefined,
      regionCode: /^\d{6}(\d{3})?$/.test(values.regionCode ?? '') ? values.regionCode : undefined,
      page,
      pageSize,
    }),
    [values, status, enterpriseUser, page, pageSize],
  );
  const list = useQuery({
    queryKey: penaltyCaseKeys.list(query),
    queryFn: () => penaltiesApi.list(query),
    placeholderData: keepPreviousData,
    enabled: !!me,
  });

  const deadlineCell = (r: CaseListItem) =>
    r.decisionDue ? (
      <span className="case-deadline">
        <span className="mono">{r.decisionDue.due}</span>
        {r.decidedOn ? (
          <Tag color={r.decidedOn > r.decisionDue.due ? 'red' : 'green'} className="cd-chip">{r.decidedOn > r.decisionDue.due ? '逾期决定' : '按期决定'}</Tag>
        ) : (
          <CountdownChip c={r.decisionDue} done={['closed', 'cancelled', 'transferred'].includes(r.status)} label="办案期限" />
        )}
      </span>
    ) : (
      <span className="muted">{r.status === 'draft' ? '立案后起算' : '—'}</span>
    );

  const columns: TableColumnsType<CaseListItem> = [
    {
      title: '案件',
      key: 'case',
      width: 200,
      render: (_: unknown, r) => (
        <>
          <Link to={`/cases/${r.id}`} data-testid="case-link" className="mono">
            {caseTitle(r, enterpriseUser)}
          </Link>
          <div className="muted">{penaltyProcedureLabels[r.procedure as keyof typeof penaltyProcedureLabels] ?? r.procedure}</div>
        </>
      ),
    },
    ...(enterpriseUser
      ? []
      : [
          {
            title: '当事人',
            dataIndex: 'enterpriseName',
            key: 'enterpriseName',
            width: 200,
            render: (v: string, r: CaseListItem) => <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link>,
          },
        ]),
    { title: '案情', dataIndex: 'facts', key: 'facts', render: (v: string) => <div className="case-facts">{v}</div> },
    { title: '状态', dataIndex: 'status', key: 'status', width: 96, render: (v: string) => <CaseStatusTag value={v} /> },
    { title: '立案日期', dataIndex: 'openedOn', key: 'openedOn', width: 110, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { title: '办案期限', key: 'due', width: 150, render: (_: unknown, r) => deadlineCell(r) },
    { title: '罚款', dataIndex: 'fine', key: 'fine', width: 100, align: 'right', render: (v: number | null) => yuan(v) },
  ];

  return (
    <>
      <PageHeader
        title={enterpriseUser ? '本企业处罚案件' : '行政处罚案件'}
        sub={
          enterpriseUser
            ? '执法机构对本企业立案查处的案件、处罚决定和送达情况'
            : '立案→调查→告知→陈述申辩/听证→法制审核→决定→送达→执行→结案；办案期限自立案起算'
        }
        extra={
          <Space wrap>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-case">
                新建案件
              </Button>
            ) : null}
            <ExportButton path="/penalty-cases/export" query={{ ...query, page: undefined, pageSize: undefined }} fileName="行政处罚案件台账.xlsx" testId="case-export" />
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
          </Space>
        }
      />
      <DrillBanner keys={caseDrillKeys} values={values} update={update} />
      {creating ? <NewCaseModal onClose={() => setCreating(false)} /> : null}
      <LedgerFilters
        url={url}
        top={<Segmented options={quick} value={status ?? ''} onChange={(v) => update({ status: (v as string) || undefined })} data-testid="case-quick-status" className="case-quick" />}
        search={{ placeholder: enterpriseUser ? '案件编号 / 案情' : '案件编号 / 企业名称 / 案情', ariaLabel: '搜索案件' }}
        primary={{
          node: <Select allowClear placeholder="案件状态" aria-label="案件状态" style={{ width: '100%' }} options={statusOptions} value={status} onChange={(v?: string) => update({ status: v })} data-testid="case-status-filter" />,
        }}
        flagsCol={{ md: 6, lg: 4 }}
      >
        {!enterpriseUser ? (
          <Col xs={24} md={12} lg={7}>
            <EnterpriseSearchSelect aria-label="企业" placeholder="企业（输入名称或信用代码）" value={query.enterpriseId} onChange={(v) => update({ enterpriseId: v })} />
          </Col>
        ) : null}
      </LedgerFilters>
      <LedgerTable<CaseListItem>
        url={url}
        query={list}
        rowKey={(c) => c.id}
        columns={columns}
        scrollX={1000}
        rowClassName={(r) => (r.decisionDue?.overdue && !r.decidedOn && !['closed', 'cancelled', 'transferred'].includes(r.status) ? 'case-row-overdue' : '')}
        testId="case"
        noun="件"
        unit="件"
        empty={{
          text: enterpriseUser ? '本企业暂无行政处罚案件' : '暂无案件：执法检查中发现的违法行为会自动生成案件草稿',
          filtered: '没有符合条件的案件，请调整或清空筛选条件',
        }}
        cardClassName={(c) => `case-card${c.decisionDue?.overdue && !c.decidedOn ? ' case-card-overdue' : ''}`}
        onCardClick={(c) => navigate(`/cases/${c.id}`)}
        card={(c) => (
          <>
            <div className="case-card-head">
              <Link to={`/cases/${c.id}`} className="mono case-card-title" onClick={(e) => e.stopPropagation()}>
                {caseTitle(c, enterpriseUser)}
              </Link>
              <CaseStatusTag value={c.status} />
            </div>
            {!enterpriseUser ? <div className="case-card-ent">{c.enterpriseName}</div> : null}
            <div className="case-facts muted">{c.facts}</div>
            <div className="case-card-meta">
              {deadlineCell(c)}
              {c.fine != null ? <span>罚款 {yuan(c.fine)}</span> : null}
            </div>
          </>
        )}
      />
    </>
  );
}
