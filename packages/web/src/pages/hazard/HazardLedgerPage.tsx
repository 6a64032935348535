// 隐患台账 (R22/R23): every hazard with its deadline, responsible person, tracker and escalation step, filtered and
// paginated on the server. An enterprise user sees only its own hazards, with the call to upload rectification material.
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Col, DatePicker, Select, Space, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { escalationLevelLabels, escalationLevels, hazardStatusLabels } from '@anjian/domain/inspection';
import { hazardsApi, type EscalationLevel, type HazardListItem, type HazardQuery, type HazardStatus } from '../../api/hazard';
import { useMe } from '../../app/auth';
import { hazardKeys } from '../../api/keys';
import { PageHeader } from '../../components/PageHeader';
import { DrillBanner } from '../../components/DrillBanner';
import { ExportButton } from '../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../components/Ledger';
import { EnterpriseSearchSelect } from '../../components/EnterpriseSearchSelect';
import { DeadlineText, EscalationTag, HazardStatusTag, MajorTag } from './parts';
import { useWorkingCalendar } from '../../app/workingDays';
import './hazards.css';

const filterKeys = ['q', 'status', 'major', 'overdue', 'escalationLevel', 'enterpriseId', 'deadlineFrom', 'deadlineTo', 'foundFrom', 'foundTo', 'regionCode'] as const;
// R36: the filters a dashboard chart opens the ledger with
const drillKeys = ['foundFrom', 'foundTo', 'regionCode'] as const;
const isDate = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
const statusOptions = [
  { value: 'unclosed', label: '未销号（整改中＋待复查）' },
  ...(['open', 'rectified', 'closed'] as const).map((s) => ({ value: s, label: hazardStatusLabels[s] })),
];
// 函告 → 通报 → 约谈 → 督办 (R23)
const escalationOptions = escalationLevels.map((l) => ({ value: l, label: escalationLevelLabels[l] }));
const openCountQuery: HazardQuery = { status: 'open', pageSize: 1 };
const lateCountQuery: HazardQuery = { overdue: true, pageSize: 1 };

export default function HazardLedgerPage() {
  const { data: me } = useMe();
  const enterpriseUser = me?.role === 'enterprise';
  const navigate = useNavigate();
  const url = useLedgerUrl(filterKeys);
  const { values, update, page, pageSize } = url;

  const filters: HazardQuery = useMemo(
    () => ({
      q: values.q,
      status: (statusOptions.some((o) => o.value === values.status) ? values.status : undefined) as HazardQuery['status'],
      major: values.major === 'true' ? true : values.major === 'false' ? false : undefined,
      overdue: values.overdue === 'true' ? true : undefined,
      escalationLevel: (escalationLevels as readonly string[]).includes(values.escalationLevel ?? '') ? (values.escalationLevel as EscalationLevel) : undefined,
      enterpriseId: !enterpriseUser && Number(values.enterpriseId) > 0 ? Number(values.enterpriseId) : undefined,
      deadlineFrom: isDate(values.deadlineFrom),
      deadlineTo: isDate(values.deadlineTo),
      foundFrom: isDate(values.foundFrom),
      foundTo: isDate(values.foundTo),
      regionCode: /^\d{6}(\d{3})?$/.test(values.regionCode ?? '') ? values.regionCode : undefined,
    }),
    [values, enterpriseUser],
  );
  const query: HazardQuery = { ...filters, page, pageSize };

  const list = useQuery({
    queryKey: hazardKeys.list(query),
    queryFn: () => hazardsApi.list(query),
    placeholderData: keepPreviousData,
    enabled: !!me,
  });
  // the enterprise's to-do: how many are waiting for its rectification, how many are late
  const todo = useQuery({ queryKey: hazardKeys.list(openCountQuery), queryFn: () => hazardsApi.list(openCountQuery), enabled: enterpriseUser });
  const late = useQuery({ queryKey: hazardKeys.list(lateCountQuery), queryFn: () => hazardsApi.list(lateCountQuery), enabled: enterpriseUser });
  const calendar = useWorkingCalendar((list.data?.items ?? []).map((h) => h.deadline));

  const canUpload = (h: HazardListItem) => enterpriseUser && h.status !== 'closed';
  const uploadButton = (h: HazardListItem, block = false) => (
    <Button
      type={h.status === 'open' ? 'primary' : 'default'}
      size="small"
      block={block}
      icon={<UploadOutlined />}
      data-testid="hazard-upload-cta"
      onClick={(ev) => {
        ev.stopPropagation();
        navigate(`/hazards/${h.id}#rectify`);
      }}
    >
      {h.status === 'open' ? '上传整改材料' : '补充整改材料'}
    </Button>
  );

  const columns: TableColumnsType<HazardListItem> = [
    ...(enterpriseUser
      ? []
      : [
          {
            title: '企业',
            dataIndex: 'enterpriseName',
            key: 'enterpriseName',
            width: 190,
            fixed: 'left' as const,
            render: (v: string, r: HazardListItem) => (
              <>
                <Link to={`/enterprises/${r.enterpriseId}`} className="ent-name-link">
                  {v}
                </Link>
                <div className="muted mono">{r.creditCode}</div>
              </>
            ),
          },
        ]),
    {
      title: '隐患描述',
      dataIndex: 'description',
      key: 'description',
      render: (v: string, r) => (
        <>
          <Link to={`/hazards/${r.id}`} data-testid="hazard-link">
            {v}
          </Link>
          {r.requirement ? <div className="muted hz-req">整改要求：{r.requirement}</div> : null}
        </>
      ),
    },
    { title: '类别', dataIndex: 'major', key: 'major', width: 96, render: (v: boolean) => <MajorTag major={v} /> },
    { title: '整改责任人', dataIndex: 'responsiblePerson', key: 'responsiblePerson', width: 100 },
    {
      title: '跟踪督办人',
      dataIndex: 'trackerName',
      key: 'trackerName',
      width: 100,
      render: (v: string | null, r) => v ?? (r.major ? <span className="hz-overdue">未指定</span> : <span className="muted">—</span>),
    },
    {
      title: '整改期限',
      dataIndex: 'deadline',
      key: 'deadline',
      width: 150,
      render: (_: string, r) => <DeadlineText block deadline={r.deadline} status={r.status} overdue={r.overdue} overdueWorkingDays={r.overdueWorkingDays} calendar={calendar} />,
    },
    { title: '督办', dataIndex: 'escalationLevel', key: 'escalationLevel', width: 90, render: (v: string | null) => <EscalationTag value={v} /> },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (v: HazardStatus) => <HazardStatusTag value={v} /> },
    {
      title: '操作',
      key: 'action',
      width: enterpriseUser ? 136 : 72,
      fixed: 'right',
      render: (_: unknown, r) => (canUpload(r) ? uploadButton(r) : <Link to={`/hazards/${r.id}`}>查看</Link>),
    },
  ];

  const openCount = todo.data?.total ?? 0;
  const lateCount = late.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={enterpriseUser ? '本企业隐患' : '隐患台账'}
        sub={
          enterpriseUser
            ? '执法检查责令限期整改的隐患：请在整改期限内整改，并上传整改后的照片等材料，执法机构复查合格后销号'
            : '隐患整改闭环：整改期限、责任人、跟踪督办人，逾期按 函告→通报→约谈→督办 逐级督办'
        }
        extra={
          <Space wrap>
            <ExportButton path="/hazards/export" query={{ ...filters }} fileName="隐患整改台账.xlsx" testId="hazard-export" />
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
          </Space>
        }
      />
      <DrillBanner keys={drillKeys} values={values} update={update} />
      {enterpriseUser && openCount > 0 ? (
        <Alert
          className="hz-cta"
          type={lateCount > 0 ? 'error' : 'warning'}
          showIcon
          data-testid="hazard-todo"
          title={`本企业有 ${openCount} 项隐患待整改${lateCount > 0 ? `，其中 ${lateCount} 项已超过整改期限` : ''}`}
          description="整改完成后，点击隐患的“上传整改材料”，上传整改后的照片并说明整改情况。逾期未整改将依次被函告、通报、约谈、挂牌督办。"
        />
      ) : null}
      <LedgerFilters
        url={url}
        search={{ placeholder: enterpriseUser ? '隐患描述' : '企业名称 / 隐患描述', ariaLabel: '搜索隐患' }}
        primary={{
          node: (
            <Select
              allowClear
              placeholder="整改状态"
              aria-label="整改状态"
              style={{ width: '100%' }}
              options={statusOptions}
              value={filters.status}
              onChange={(v?: string) => update({ status: v })}
              data-testid="filter-status"
            />
          ),
        }}
        flags={
          <Checkbox checked={values.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })} data-testid="filter-overdue">
            仅看逾期未整改
          </Checkbox>
        }
        flagsCol={{ md: 12, lg: enterpriseUser ? 11 : 16, className: 'hz-filter-flags' }}
      >
        <Col xs={12} md={6} lg={4}>
          <Select
            allowClear
            placeholder="隐患类别"
            aria-label="隐患类别"
            style={{ width: '100%' }}
            options={[
              { value: 'true', label: '重大事故隐患' },
              { value: 'false', label: '一般隐患' },
            ]}
            value={values.major === 'true' || values.major === 'false' ? values.major : undefined}
            onChange={(v?: string) => update({ major: v })}
            data-testid="filter-major"
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Select
            allowClear
            placeholder="督办层级"
            aria-label="督办层级"
            style={{ width: '100%' }}
            options={escalationOptions}
            value={filters.escalationLevel}
            onChange={(v?: string) => update({ escalationLevel: v })}
            data-testid="filter-escalation"
          />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={['整改期限从', '至']}
            aria-label="整改期限"
            inputReadOnly
            value={filters.deadlineFrom && filters.deadlineTo ? [dayjs(filters.deadlineFrom), dayjs(filters.deadlineTo)] : null}
            onChange={(r) => update({ deadlineFrom: r?.[0]?.format('YYYY-MM-DD'), deadlineTo: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Col>
        {!enterpriseUser ? (
          <Col xs={24} md={12} lg={8}>
            <EnterpriseSearchSelect aria-label="企业" placeholder="企业（输入名称或信用代码）" value={filters.enterpriseId} onChange={(v) => update({ enterpriseId: v })} />
          </Col>
        ) : null}
      </LedgerFilters>

      <LedgerTable<HazardListItem>
        url={url}
        query={list}
        rowKey={(h) => h.id}
        columns={columns}
        scrollX={enterpriseUser ? 860 : 1060}
        rowClassName={(r) => (r.overdue ? 'hz-row-overdue' : '')}
        testId="hazard"
        noun="项隐患"
        unit="项"
        empty={{
          text: enterpriseUser ? '本企业暂无执法检查发现的隐患' : '暂无隐患记录：执法检查中责令限期整改的问题会自动进入隐患台账',
          filtered: '没有符合条件的隐患，请调整或清空筛选条件',
        }}
        cardClassName={(h) => `hz-card${h.overdue ? ' hz-card-overdue' : ''}`}
        onCardClick={(h) => navigate(`/hazards/${h.id}`)}
        card={(h) => (
          <div className="hz-card-inner">
            <div className="hz-card-head">
              <Link to={`/hazards/${h.id}`} className="hz-card-title" onClick={(ev) => ev.stopPropagation()}>
                {h.description}
              </Link>
              <HazardStatusTag value={h.status} />
            </div>
            {!enterpriseUser ? <div className="hz-card-ent">{h.enterpriseName}</div> : null}
            <div className="hz-card-meta">
              <MajorTag major={h.major} />
              {h.escalationLevel ? <EscalationTag value={h.escalationLevel} /> : null}
              <span>责任人 {h.responsiblePerson}</span>
              {h.trackerName ? <span>督办人 {h.trackerName}</span> : null}
            </div>
            <div className="hz-card-deadline">
              期限 <DeadlineText deadline={h.deadline} status={h.status} overdue={h.overdue} overdueWorkingDays={h.overdueWorkingDays} calendar={calendar} />
            </div>
            {canUpload(h) ? <div className="hz-card-cta">{uploadButton(h, true)}</div> : null}
          </div>
        )}
      />
    </>
  );
}
