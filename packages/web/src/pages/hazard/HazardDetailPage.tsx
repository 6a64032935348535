// 隐患详情 (R22–R24): what was ordered, the timeline of the closed loop (recorded → rectification reports →
// reinspections → escalations → closing), evidence, the numbered documents, and the next step for the viewer's role.
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Steps, Tag, Timeline, Typography, type DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import { escalationLevelLabels, rootCauseLabels, type RootCause } from '@anjian/domain/inspection';
import { labelOf } from '@anjian/domain/enums';
import { isApiError } from '../../api';
import { hazardsApi, type DocumentSummary, type Evidence, type HazardDetail } from '../../api/hazard';
import { can, useMe } from '../../app/auth';
import { fmtDateTime } from '../../app/format';
import { useIsMobile } from '../../app/useIsMobile';
import { PageHeader } from '../../components/PageHeader';
import { ClosingForm, lastReinspectionNote, RectificationForm, ReinspectionForm } from './HazardActions';
import { HazardSiteDocuments } from '../sitedocs/shared';
import { DeadlineText, EscalationTag, EvidenceThumbs, HazardStatusTag, MajorTag } from './parts';
import { useWorkingCalendar } from '../../app/workingDays';
import './hazards.css';
import { hazardDetailKeys, registryKeys } from '../../api/keys';

function stepOf(h: HazardDetail): number {
  if (h.status === 'closed') return 3;
  if (h.reinspections.some((r) => r.result === 'passed')) return 3;
  if (h.status === 'rectified') return 2;
  return 1;
}

export default function HazardDetailPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const location = useLocation();
  const { data: h, isLoading, error } = useQuery({ queryKey: hazardDetailKeys.detail(id), queryFn: () => hazardsApi.detail(id), retry: false, meta: { silent: true } });
  const calendar = useWorkingCalendar(h ? [h.deadline] : []);
  const hazardDocs = useQuery({
    queryKey: hazardDetailKeys.documents('hazard', id),
    queryFn: () => hazardsApi.documents({ entityType: 'hazard', entityId: id }),
    enabled: !!h,
  });
  const inspectionDocs = useQuery({
    queryKey: hazardDetailKeys.documents('inspection', h?.inspectionId),
    queryFn: () => hazardsApi.documents({ entityType: 'inspection', entityId: h!.inspectionId }),
    enabled: !!h,
  });
  const enterpriseUser = me?.role === 'enterprise';
  const staff = !!me && !enterpriseUser;
  // the agency that ordered the rectification reinspects and closes (the server checks it again)
  const canAct = !!me && !!h && can.enforce(me) && me.agency?.id === h.agencyId;
  const officers = useQuery({
    queryKey: registryKeys.agencyOfficers(h?.agencyId),
    queryFn: () => hazardsApi.agencyOfficers(h!.agencyId),
    enabled: staff && !!h,
    staleTime: 5 * 60_000,
  });
  const [moreRectification, setMoreRectification] = useState(false);

  useEffect(() => {
    if (h && location.hash === '#rectify') document.getElementById('rectify')?.scrollIntoView({ block: 'start' });
  }, [h, location.hash]);

  const evidenceById = useMemo(() => new Map((h?.evidence ?? []).map((e) => [e.id, e])), [h]);
  const pick = (ids: number[]) => ids.map((i) => evidenceById.get(i)).filter((e): e is Evidence => !!e);
  const officerName = useMemo(() => new Map((officers.data?.items ?? []).map((o) => [o.id, o.name])), [officers.data]);
  const documents = useMemo(() => {
    const all = [...(inspectionDocs.data?.items ?? []), ...(hazardDocs.data?.items ?? [])];
    return all.sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id - b.id));
  }, [inspectionDocs.data, hazardDocs.data]);
  const docById = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents]);

  if (isLoading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (error || !h) {
    const notFound = isApiError(error) && (error.status === 404 || error.status === 403);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '隐患不存在，或不在您的管辖范围内' : '加载失败'}
        subTitle={notFound ? '只有责令整改的执法机构及其上级、被检查企业可以查看该隐患。' : error instanceof Error ? error.message : '请稍后重试'}
        extra={
          <Link to="/hazards">
            <Button type="primary">返回隐患台账</Button>
          </Link>
        }
        data-testid="hazard-not-found"
      />
    );
  }

  const step = stepOf(h);
  const passed = h.reinspections.some((r) => r.result === 'passed');
  const last = lastReinspectionNote(h);

  // ---------- timeline ----------
  type Ev = { at: string; key: string; color: string; title: React.ReactNode; content?: React.ReactNode };
  const events: Ev[] = [
    {
      at: h.createdAt,
      key: 'created',
      color: h.major ? 'red' : 'blue',
      title: '检查发现，责令限期整改',
      content: (
        <>
          <div>整改期限 {h.deadline}，整改责任人 {h.responsiblePerson}{h.trackerName ? `，跟踪督办人 ${h.trackerName}` : ''}</div>
        </>
      ),
    },
    ...h.rectifications.map<Ev>((r) => ({
      at: r.submittedAt,
      key: `rect-${r.id}`,
      color: 'blue',
      title: '报告整改完成',
      content: (
        <>
          <div className="hz-tl-text">{r.description}</div>
          <EvidenceThumbs items={pick(r.evidenceIds)} />
        </>
      ),
    })),
    ...h.reinspections.map<Ev>((r) => {
      const doc = r.documentId ? docById.get(r.documentId) : undefined;
      const names = r.officerIds.map((o) => officerName.get(o)).filter(Boolean);
      return {
        at: r.createdAt,
        key: `re-${r.id}`,
        color: r.result === 'passed' ? 'green' : 'red',
        title: r.result === 'passed' ? '复查合格' : `复查不合格，重新限期至 ${r.newDeadline ?? ''}`,
        content: (
          <>
            <div className="hz-tl-text">{r.opinion}</div>
            {names.length ? <div className="muted">复查人员：{names.join('、')}</div> : null}
            <EvidenceThumbs items={pick(r.evidenceIds)} empty="未附证据" />
            {r.documentId ? (
              <a href={hazardsApi.documentPdfUrl(r.documentId)} target="_blank" rel="noopener" className="hz-doc-link">
                <FilePdfOutlined /> {doc ? `${doc.title} ${doc.number}` : '整改复查意见书'}
              </a>
            ) : null}
          </>
        ),
      };
    }),
    ...h.escalations.map<Ev>((e) => ({
      at: e.createdAt,
      key: `esc-${e.level}`,
      color: e.level === 'supervision' || e.level === 'interview' ? 'red' : 'orange',
      title: `逾期督办：${labelOf(escalationLevelLabels, e.level)}`,
      content: <div className="muted">整改逾期 {e.overdueDays} 个工作日</div>,
    })),
    ...(h.closedAt ? [{ at: h.closedAt, key: 'closed', color: 'green', title: '销号', content: <div className="muted">隐患整改闭环完成</div> } as Ev] : []),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  // ---------- next action ----------
  let next: React.ReactNode;
  if (h.status === 'closed') {
    next = <Alert type="success" showIcon title={`该隐患已于 ${fmtDateTime(h.closedAt)} 复查合格并销号`} data-testid="hazard-closed" />;
  } else if (enterpriseUser) {
    const waiting = h.status === 'rectified';
    next = (
      <>
        {last?.failed ? <Alert type="error" showIcon className="hz-form-alert" title={last.text} /> : null}
        {waiting ? (
          <Alert
            type="info"
            showIcon
            className="hz-form-alert"
            title={`已于 ${fmtDateTime(h.rectifiedAt)} 提交整改材料，等待执法机构复查`}
            data-testid="hazard-waiting"
            action={
              !moreRectification ? (
                <Button size="small" onClick={() => setMoreRectification(true)}>
                  补充整改材料
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Alert
            type={h.overdue ? 'error' : 'warning'}
            showIcon
            className="hz-form-alert"
            title={h.overdue ? `已超过整改期限（${h.deadline}），请尽快整改并上传整改材料` : `请在 ${h.deadline} 前完成整改，并上传整改后的照片等材料`}
          />
        )}
        {!waiting || moreRectification ? <RectificationForm hazard={h} onDone={() => setMoreRectification(false)} /> : null}
      </>
    );
  } else if (canAct) {
    next = (
      <>
        {h.status === 'open' && h.rectifications.length === 0 && !passed ? (
          <Alert type="info" showIcon className="hz-form-alert" title="企业尚未报告整改。整改期限届满或企业报告后，到现场复查；也可直接复查。" />
        ) : null}
        {last?.failed ? <Alert type="warning" showIcon className="hz-form-alert" title={last.text} /> : null}
        {!passed ? <ReinspectionForm hazard={h} /> : <Alert type="success" showIcon className="hz-form-alert" title="已复查合格，完成下方销号材料后销号" />}
      </>
    );
  } else {
    next = <Alert type="info" showIcon title="由责令整改的执法机构复查、销号；您可以查看整改过程。" />;
  }

  // before the reinspection an ordinary hazard has one obvious blocker; list them once they say something
  const problems = h.status !== 'closed' && (passed || h.major) ? h.closingProblems : [];
  const showClosing = canAct && h.major && h.status !== 'closed';

  const info: DescriptionsProps['items'] = [
    {
      key: 'ent',
      label: '企业',
      span: 'filled',
      children: (
        <>
          {staff ? <Link to={`/enterprises/${h.enterpriseId}`}>{h.enterpriseName}</Link> : h.enterpriseName}
          <span className="muted mono hz-credit">{h.creditCode}</span>
        </>
      ),
    },
    { key: 'desc', label: '隐患描述', span: 'filled', children: <span data-testid="hazard-description">{h.description}</span> },
    { key: 'req', label: '整改要求', span: 'filled', children: h.requirement || '按照有关法律法规和国家标准、行业标准的要求整改到位' },
    ...(h.criterion ? [{ key: 'crit', label: '判定依据', span: 'filled' as const, children: h.criterion }] : []),
    { key: 'major', label: '类别', children: <MajorTag major={h.major} /> },
    { key: 'status', label: '状态', children: <HazardStatusTag value={h.status} /> },
    { key: 'resp', label: '整改责任人', children: h.responsiblePerson },
    { key: 'tracker', label: '跟踪督办人', children: h.trackerName ?? (h.major ? <span className="hz-overdue">未指定</span> : '—') },
    {
      key: 'deadline',
      label: '整改期限',
      children: <DeadlineText deadline={h.deadline} status={h.status} overdue={h.overdue} overdueWorkingDays={h.overdueWorkingDays} calendar={calendar} />,
    },
    { key: 'esc', label: '督办', children: <EscalationTag value={h.escalationLevel} /> },
    {
      key: 'inspection',
      label: '来源检查',
      children: staff ? <Link to={`/inspections/${h.inspectionId}`}>检查记录 #{h.inspectionId}</Link> : `检查记录 #${h.inspectionId}`,
    },
    ...(h.major
      ? [
          {
            key: 'case',
            label: '行政处罚',
            children: h.penaltyCaseId ? `已立案（案件编号 ${h.penaltyCaseId}）` : h.noPenaltyReason ? `不予处罚：${h.noPenaltyReason}` : <span className="hz-overdue">未立案</span>,
          },
        ]
      : []),
    { key: 'created', label: '登记时间', children: fmtDateTime(h.createdAt) },
  ];

  const rootCause = h.rootCause && Object.values(h.rootCause).some((v) => v && String(v).trim());

  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>隐患详情</span>
            {passed && h.status !== 'closed' ? <Tag color="cyan">复查合格，待销号</Tag> : <HazardStatusTag value={h.status} />}
            {h.major ? <MajorTag major /> : null}
          </Space>
        }
        sub={h.enterpriseName}
        extra={
          <Link to="/hazards">
            <Button icon={<ArrowLeftOutlined />}>{enterpriseUser ? '本企业隐患' : '隐患台账'}</Button>
          </Link>
        }
      />
      <Card size="small" className="hz-steps-card">
        <Steps
          size="small"
          responsive={false}
          current={step}
          status={h.status === 'closed' ? 'finish' : h.overdue ? 'error' : 'process'}
          {...(isMobile ? { type: 'dot' as const, titlePlacement: 'vertical' as const } : {})}
          items={[{ title: '检查发现' }, { title: '企业整改' }, { title: '执法复查' }, { title: '销号' }]}
          data-testid="hazard-steps"
        />
      </Card>

      <Row gutter={[16, 0]}>
        <Col xs={24} xl={14}>
          <Card size="small" title="隐患信息" className="hz-section">
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={info} bordered={!isMobile} />
          </Card>
          <Card size="small" title="下一步" id="rectify" className="hz-next" data-testid="hazard-next">
            {problems.length && staff ? (
              <Alert
                type="warning"
                showIcon
                className="hz-form-alert"
                data-testid="closing-problems"
                title="暂不能销号的原因"
                description={
                  <ul className="hz-problems">
                    {problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            {next}
          </Card>
          {canAct && h.status !== 'closed' ? (
            <Card size="small" title="现场处理措施与逾期督办" className="hz-section">
              <HazardSiteDocuments hazard={h} />
            </Card>
          ) : null}
          {showClosing ? (
            <Card size="small" title="销号材料（重大事故隐患）" className="hz-section">
              <ClosingForm hazard={h} />
            </Card>
          ) : null}
          <Card size="small" title={`证据（${h.evidence.length}）`} className="hz-section">
            <EvidenceThumbs items={h.evidence} empty="尚无整改或复查证据" />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="整改过程" className="hz-section" data-testid="hazard-timeline">
            <Timeline
              items={events.map((e) => ({
                key: e.key,
                color: e.color,
                content: (
                  <div className="hz-tl-item" data-event={e.key}>
                    <div className="hz-tl-time">{fmtDateTime(e.at)}</div>
                    <div className="hz-tl-title">{e.title}</div>
                    {e.content}
                  </div>
                ),
              }))}
            />
          </Card>
          {rootCause ? (
            <Card size="small" title="四不放过" className="hz-section" data-testid="root-cause">
              <Descriptions
                size="small"
                column={1}
                items={(Object.keys(rootCauseLabels) as (keyof RootCause)[]).map((k) => ({ key: k, label: rootCauseLabels[k], children: h.rootCause?.[k] || '—' }))}
              />
            </Card>
          ) : null}
          <Card size="small" title="执法文书" className="hz-section" data-testid="hazard-documents">
            <DocumentList items={documents} loading={hazardDocs.isLoading || inspectionDocs.isLoading} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function DocumentList({ items, loading }: { items: DocumentSummary[]; loading: boolean }) {
  if (loading) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="检查结束后出具现场检查记录和责令限期整改指令书；每次复查出具整改复查意见书" />;
  return (
    <ul className="hz-docs">
      {items.map((d) => (
        <li key={d.id} data-testid="document-item">
          <a href={hazardsApi.documentPdfUrl(d.id)} target="_blank" rel="noopener">
            <FilePdfOutlined /> {d.title}
          </a>
          <div className="muted">
            <Typography.Text className="mono" type="secondary">
              {d.number}
            </Typography.Text>{' '}
            · {fmtDateTime(d.issuedAt)}
          </div>
        </li>
      ))}
    </ul>
  );
}

