// The officer's phone on site (R15–R19, R35), and the record afterwards. One page, top to bottom in the order of the
// work: 进场 → 亮证亮单 → 廉政承诺 → 检查事项 → 逢查必考/必检 → 问题与隐患 → 结束检查. Every act on site goes into the
// outbox (offline.ts) and the page shows the server's record overlaid with it (overlay.ts), so the whole inspection
// can be done with no network; the sync issues the documents when the network returns.
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Checkbox, Empty, Input, List, Result, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudSyncOutlined, DisconnectOutlined, FilePdfOutlined, PlusOutlined, QrcodeOutlined, WarningOutlined } from '@ant-design/icons';
import { answerResultLabels, findingDispositionLabels, type AnswerResult } from '@anjian/domain/inspection';
import { labelOf, industryLabels } from '@anjian/domain/enums';
import { request } from '../../api/client';
import { errorMessage } from '../../api';
import { inspectionsApi, type InspectionDetail } from '../../api/inspection';
import { can, useMe } from '../../app/auth';
import { fmtDate, fmtDateTime } from '../../app/format';
import { showError, showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { discard, enqueue, flush, forgetSent, onInspectionSynced, resend, useOutbox, type OutboxEntry } from './offline';
import { describeOp, partsOf, siteView, type SiteView, type ViewItem } from './overlay';
import { BackfillCard, CertificateForm, ExamForm, FindingForm } from './forms';
import { EvidenceStrip, PhotoButton } from './evidence';
import { FeedbackForm } from './FeedbackForm';
import { InspectionInterviewButton } from '../sitedocs/shared';
import { inspectionKeys } from '../../api/keys';

export const inspectionKey = (id: number) => ['inspection', id] as const;

const statusColor: Record<string, string> = { filed: 'blue', in_progress: 'orange', completed: 'green', cancelled: 'default' };
const now = () => new Date().toISOString();
const hhmm = (iso: string) => fmtDateTime(iso).slice(11, 16);

/** The small mark on every part the server does not have yet. */
export const Unsynced = () => (
  <Tag color="warning" className="unsynced-tag">
    未同步
  </Tag>
);

export default function InspectionPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { data: me } = useMe();
  const outbox = useOutbox();
  const { data, dataUpdatedAt, isLoading, error } = useQuery({ queryKey: inspectionKey(id), queryFn: () => inspectionsApi.get(id), enabled: Number.isInteger(id) && id > 0 });
  // parts sent before this copy of the record was fetched are in it: the phone can let them go
  useEffect(() => {
    if (dataUpdatedAt) void forgetSent(id, dataUpdatedAt);
  }, [id, dataUpdatedAt]);
  useEffect(
    () =>
      onInspectionSynced((synced) => {
        if (synced !== id) return;
        void qc.invalidateQueries({ queryKey: inspectionKey(id) });
        void qc.invalidateQueries({ queryKey: inspectionKeys.documents(id) });
        void qc.invalidateQueries({ queryKey: inspectionKeys.today });
      }),
    [id, qc],
  );

  const parts = partsOf([...outbox.entries, ...outbox.sent].sort((a, b) => (a.key < b.key ? -1 : 1)), id, dataUpdatedAt);
  const today = fmtDate(now());

  if (isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  // a failed refetch over a record already on the phone keeps showing the record (offline, server unwell)
  if (!data) return <Result status="404" title="未找到该检查" subTitle={error ? errorMessage(error) : undefined} extra={<Link to="/today">返回今日工作</Link>} />;

  const view = siteView(data, parts.mine, today);
  const writer = can.enforce(me) && me?.agency?.id === data.agencyId;
  // completed on the phone: nothing more is recorded while the sync issues the documents (unless it was refused)
  const completing = view.completion != null && !parts.refused.length;
  const onSite = view.status === 'in_progress' && writer && !completing;
  const signed = view.commitment != null;
  const working = view.status !== 'filed' && view.status !== 'cancelled';

  return (
    <div className="inspection-page">
      <PageHeader
        title={data.enterprise.name}
        sub={
          <Space wrap size={4}>
            <Tag color={statusColor[view.status]}>{view.status === data.status ? data.statusLabel : '检查中'}</Tag>
            <Tag>{data.originLabel}</Tag>
            <span>{labelOf(industryLabels, data.enterprise.industry)}</span>
            <span>计划日期 {fmtDate(data.plannedDate)}</span>
          </Space>
        }
        extra={<SyncBadge online={outbox.online} pending={parts.pending.length} refused={parts.refused.length} syncing={outbox.syncing} />}
      />
      {parts.refused.length > 0 && <RefusedCard inspectionId={id} refused={parts.refused} held={parts.pending} />}
      {parts.refused.length === 0 && parts.pending.length > 0 && <SyncBanner pending={parts.pending} online={outbox.online} syncing={outbox.syncing} />}
      {data.origin === 'emergency' && !data.filed && <BackfillCard detail={data} editable={writer} />}
      {view.status === 'filed' && writer && <EntryCard detail={data} today={today} />}
      {working && <CredentialsCard detail={data} view={view} editable={onSite} online={outbox.online} />}
      {view.status === 'in_progress' && <CommitmentCard detail={data} view={view} editable={onSite} />}
      {working && (
        <>
          <ItemsCard detail={data} view={view} parts={parts.mine} editable={onSite && signed} />
          <RecordsCard detail={data} view={view} editable={onSite && signed} />
          <FindingsCard detail={data} view={view} parts={parts.mine} editable={onSite && signed} />
        </>
      )}
      {view.status === 'in_progress' && !completing && <CompleteCard detail={data} view={view} editable={onSite} />}
      {completing && view.completion && <CompletionPendingCard completion={view.completion} online={outbox.online} />}
      {data.status === 'completed' && <DocumentsCard detail={data} />}
      {writer && (data.status === 'in_progress' || data.status === 'completed') && (
        <Card className="step-card" size="small" title="询问笔录">
          <InspectionInterviewButton inspectionId={data.id} agencyId={data.agencyId} />
        </Card>
      )}
      {me?.role === 'enterprise' && !data.feedback && (data.status === 'in_progress' || data.status === 'completed') && (
        <FeedbackForm submit={(b) => inspectionsApi.feedback(id, b)} onDone={() => void qc.invalidateQueries({ queryKey: inspectionKey(id) })} />
      )}
      <FiledCard detail={data} />
    </div>
  );
}

function SyncBadge({ online, pending, refused, syncing }: { online: boolean; pending: number; refused: number; syncing: boolean }) {
  if (refused)
    return (
      <Tag icon={<WarningOutlined />} color="error" data-testid="sync-state">
        {refused} 条未被接受
      </Tag>
    );
  if (!online)
    return (
      <Tag icon={<DisconnectOutlined />} color="warning" data-testid="sync-state">
        离线{pending ? `，${pending} 条待同步` : ''}
      </Tag>
    );
  if (pending)
    return (
      <Tag icon={<CloudSyncOutlined spin={syncing} />} color="processing" data-testid="sync-state">
        {pending} 条待同步
      </Tag>
    );
  return (
    <Tag icon={<CheckCircleOutlined />} color="success" data-testid="sync-state">
      已同步
    </Tag>
  );
}

/** What the phone holds that the server does not have yet, and what it is doing about it. */
function SyncBanner({ pending, online, syncing }: { pending: OutboxEntry[]; online: boolean; syncing: boolean }) {
  const photos = pending.filter((e) => e.op.kind === 'evidence').length;
  return (
    <Alert
      data-testid="sync-banner"
      type={online ? 'info' : 'warning'}
      showIcon
      icon={online ? <CloudSyncOutlined spin={syncing} /> : <DisconnectOutlined />}
      style={{ marginBottom: 12 }}
      message={`${pending.length} 项记录未同步${photos ? `（含照片 ${photos} 张）` : ''}，${online ? (syncing ? '正在同步…' : '即将同步') : '等待网络'}`}
      description={online ? '记录已保存在本机，同步完成前请勿清除浏览器数据。' : '记录已保存在本机，可继续检查；联网后自动同步。'}
    />
  );
}

/** R16–R19: the server turned parts down; they stay on the phone with its reason until the officer acts. */
function RefusedCard({ inspectionId, refused, held }: { inspectionId: number; refused: OutboxEntry[]; held: OutboxEntry[] }) {
  const reasons = [...new Set(refused.map((e) => e.error!))];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="sync-refused"
      message="同步未被系统接受，记录仍保存在本机"
      description={
        <>
          {reasons.map((r) => (
            <div key={r} className="refused-reason">
              原因：{r}
            </div>
          ))}
          <List
            size="small"
            dataSource={refused}
            renderItem={(e) => (
              <List.Item actions={[<Button key="x" size="small" danger type="link" onClick={() => void discard(e.key)}>放弃此条</Button>]}>{describeOp(e.op)}</List.Item>
            )}
          />
          {held.length > 0 && <div className="muted">另有 {held.length} 项记录待此问题处理后一并同步</div>}
          <Button type="primary" size="small" style={{ marginTop: 8 }} onClick={() => void resend(inspectionId)}>
            已核对修改，重新同步
          </Button>
        </>
      }
    />
  );
}

/** Steps that go to the server directly (cancelling a filed inspection is not work on site). */
function useStep<T>(id: number, run: (arg: T) => Promise<InspectionDetail>, ok: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (d) => {
      qc.setQueryData(inspectionKey(id), d);
      void qc.invalidateQueries({ queryKey: inspectionKeys.today });
      showSuccess(ok);
    },
    onError: showError,
  });
}

function EntryCard({ detail, today }: { detail: InspectionDetail; today: string }) {
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const cancel = useStep(detail.id, () => inspectionsApi.cancel(detail.id, reason), '已取消该检查');
  // R4/R16: the credentials must be valid on the day of entry; the phone knows their dates, the server checks again
  const expired = detail.officers.filter((o) => !(o.credentialValidFrom <= today && today <= o.credentialValidTo));
  return (
    <Card className="step-card" title="进场检查">
      <p>已于 {fmtDateTime(detail.filedAt)} 报备。到达企业后点击“进场”，手机记录进场时间（无网络也可进场）。</p>
      {expired.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`执法证不在有效期内，不得进场检查：${expired.map((o) => `${o.name}（${o.credentialNo}）`).join('、')}`} />}
      <Button type="primary" size="large" block disabled={expired.length > 0} onClick={() => void enqueue({ kind: 'enter', inspectionId: detail.id, at: now() })}>
        进场，开始检查
      </Button>
      {cancelling ? (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input placeholder="取消原因（不少于5个字）" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="取消原因" />
          <Button danger loading={cancel.isPending} onClick={() => cancel.mutate(undefined)}>
            确认取消
          </Button>
        </Space.Compact>
      ) : (
        <Button type="link" danger onClick={() => setCancelling(true)} style={{ marginTop: 8, padding: 0 }}>
          取消本次检查
        </Button>
      )}
    </Card>
  );
}

function CredentialsCard({ detail, view, editable, online }: { detail: InspectionDetail; view: SiteView; editable: boolean; online: boolean }) {
  const shown = view.credentialsShown;
  const [qr, setQr] = useState(!shown);
  return (
    <Card
      className="step-card"
      title={
        <Space wrap size={4}>
          <QrcodeOutlined />
          亮证亮单
          {view.entered?.unsent && view.entered.at && <Tag>进场 {hhmm(view.entered.at)}</Tag>}
          {shown && <Tag color="success">已亮证 {hhmm(shown.at)}</Tag>}
          {(view.entered?.unsent || shown?.unsent) && <Unsynced />}
        </Space>
      }
      extra={
        <Button type="link" onClick={() => setQr(!qr)}>
          {qr ? '收起二维码' : '显示二维码'}
        </Button>
      }
    >
      {qr && (
        <div className="qr-box">
          {online ? <img src={inspectionsApi.qrUrl(detail.id)} alt="扫码核验执法人员和检查事项" width={200} height={200} /> : <Alert type="warning" message="离线时无法显示二维码，请出示执法证件原件" />}
          <div className="qr-caption">请企业扫码核验执法人员证件和报备的检查事项</div>
        </div>
      )}
      <List
        size="small"
        dataSource={detail.officers}
        renderItem={(o) => (
          <List.Item>
            <Space wrap>
              <b>{o.name}</b>
              <span>执法证 {o.credentialNo}</span>
              {o.credentialValid ? <Tag color="success">有效至 {o.credentialValidTo}</Tag> : <Tag color="error">证件无效</Tag>}
            </Space>
          </List.Item>
        )}
      />
      {editable && !shown && (
        <Button type="primary" block size="large" onClick={() => void enqueue({ kind: 'credentials', inspectionId: detail.id, at: now() })}>
          已向企业出示执法证件
        </Button>
      )}
    </Card>
  );
}

function CommitmentCard({ detail, view, editable }: { detail: InspectionDetail; view: SiteView; editable: boolean }) {
  const names = detail.officers.map((o) => o.name);
  const [signers, setSigners] = useState<string[]>(names);
  if (view.commitment)
    return (
      <Card
        className="step-card"
        size="small"
        title={
          <Space wrap size={4}>
            廉政承诺书<Tag color="success">已签署</Tag>
            {view.commitment.unsent && <Unsynced />}
          </Space>
        }
      >
        {view.commitment.signers.join('、')} 于 {fmtDateTime(view.commitment.signedAt)} 签署。
      </Card>
    );
  return (
    <Card className="step-card" title="廉政承诺书">
      <Typography.Paragraph className="commitment-text">{detail.commitmentText}</Typography.Paragraph>
      <Checkbox.Group value={signers} onChange={(v) => setSigners(v as string[])} options={names.map((n) => ({ label: `${n} 已宣读并签署`, value: n }))} disabled={!editable} />
      {editable && (
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 12 }}
          disabled={signers.length < 2 || !view.credentialsShown}
          onClick={() => void enqueue({ kind: 'commitment', inspectionId: detail.id, signerNames: signers, at: now() })}
        >
          宣读完毕，签署承诺
        </Button>
      )}
      {!view.credentialsShown && <Alert type="info" showIcon style={{ marginTop: 12 }} message="请先亮证，再宣读廉政承诺书" />}
    </Card>
  );
}

function ItemsCard({ detail, view, parts, editable }: { detail: InspectionDetail; view: SiteView; parts: OutboxEntry[]; editable: boolean }) {
  const items = view.items;
  const done = items.filter((i) => i.result).length;
  const unsent = items.filter((i) => i.unsent).length;
  const [filter, setFilter] = useState<'all' | 'todo' | 'nonconform'>('all');
  const shown = items.filter((i) => filter === 'all' || (filter === 'todo' ? !i.result : i.result === 'nonconform'));
  return (
    <Card
      className="step-card"
      title={
        <Space wrap size={4}>
          检查事项
          <Tag color={done === items.length ? 'success' : 'processing'} data-testid="answered-count">
            已查 {done}/{items.length}
          </Tag>
          {unsent > 0 && <Tag color="warning">{unsent} 项未同步</Tag>}
        </Space>
      }
    >
      <Segmented
        block
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        options={[
          { label: '全部', value: 'all' },
          { label: `未查 ${items.length - done}`, value: 'todo' },
          { label: `不符合 ${items.filter((i) => i.result === 'nonconform').length}`, value: 'nonconform' },
        ]}
        style={{ marginBottom: 8 }}
      />
      {shown.length === 0 ? <Empty description="没有符合条件的事项" /> : shown.map((i) => <ItemRow key={i.code} detail={detail} item={i} editable={editable} parts={parts} />)}
    </Card>
  );
}

function ItemRow({ detail, item, editable, parts }: { detail: InspectionDetail; item: ViewItem; editable: boolean; parts: OutboxEntry[] }) {
  const [note, setNote] = useState(item.note);
  const [noteOpen, setNoteOpen] = useState(!!item.note);
  const answer = (result: AnswerResult, n = note) => void enqueue({ kind: 'answer', inspectionId: detail.id, answer: { itemCode: item.code, result, note: n, answeredAt: now() } });
  return (
    <div className={`check-item check-item-${item.result ?? 'none'}`} data-testid={`item-${item.code}`}>
      <div className="check-item-title">
        <span className="check-item-code">{item.code}</span>
        {item.title}
        {item.majorHazardStandard && (
          <Tag color="red" style={{ marginLeft: 6 }}>
            重大隐患判定
          </Tag>
        )}
        {item.unsent && <Unsynced />}
      </div>
      <div className="check-item-actions">
        <Segmented
          value={item.result ?? ''}
          disabled={!editable}
          onChange={(v) => answer(v as AnswerResult)}
          options={(['conform', 'nonconform', 'na'] as const).map((r) => ({ label: answerResultLabels[r], value: r, className: `answer-${r}` }))}
          aria-label={`${item.code} 检查结果`}
        />
        {editable && (
          <>
            <Button size="small" type="text" onClick={() => setNoteOpen(!noteOpen)}>
              备注
            </Button>
            <PhotoButton inspectionId={detail.id} itemCode={item.code} />
          </>
        )}
      </div>
      {noteOpen && (
        <Input.TextArea
          autoSize
          value={note}
          disabled={!editable}
          placeholder="检查情况说明"
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => item.result && note !== item.note && answer(item.result, note)}
          aria-label={`${item.code} 备注`}
        />
      )}
      <EvidenceStrip detail={detail} pending={parts} match={(f) => f.itemCode === item.code && !f.findingClientId} />
    </div>
  );
}

function RecordsCard({ detail, view, editable }: { detail: InspectionDetail; view: SiteView; editable: boolean }) {
  const [open, setOpen] = useState<'exam' | 'certificate' | null>(null);
  return (
    <Card className="step-card" title="逢查必考 · 逢查必检">
      <Typography.Text strong>考核主要负责人、安全管理人员</Typography.Text>
      {view.exams.length === 0 && <div className="muted">尚未考核（每次检查必须考核）</div>}
      {view.exams.map((e) => (
        <div key={e.clientId} className="record-line" data-testid="exam">
          {e.personName}（{e.position}）{e.questions} — <b>{e.score} 分</b> {e.passed ? <Tag color="success">合格</Tag> : <Tag color="error">不合格</Tag>}
          {e.unsent && <Unsynced />}
        </div>
      ))}
      {editable && open !== 'exam' && (
        <Button icon={<PlusOutlined />} onClick={() => setOpen('exam')} style={{ margin: '8px 0' }}>
          记录考核
        </Button>
      )}
      {open === 'exam' && (
        <ExamForm
          onDone={(body) => {
            void enqueue({ kind: 'exam', inspectionId: detail.id, body: { ...body, at: now() } });
            setOpen(null);
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      <div style={{ height: 12 }} />
      <Typography.Text strong>检查特种作业等持证情况</Typography.Text>
      {view.certificates.length === 0 && <div className="muted">尚未检查证件（每次检查必须检查）</div>}
      {view.certificates.map((c) => (
        <div key={c.clientId} className="record-line" data-testid="certificate">
          {c.holderName} · {c.certificateType} · {c.certificateNo} · 有效期至 {c.validTo} {c.valid ? <Tag color="success">有效</Tag> : <Tag color="error">过期</Tag>}
          {c.unsent && <Unsynced />}
        </div>
      ))}
      {editable && open !== 'certificate' && (
        <Button icon={<PlusOutlined />} onClick={() => setOpen('certificate')} style={{ marginTop: 8 }}>
          记录证件检查
        </Button>
      )}
      {open === 'certificate' && (
        <CertificateForm
          onDone={(body) => {
            void enqueue({ kind: 'certificate', inspectionId: detail.id, body: { ...body, at: now() } });
            setOpen(null);
          }}
          onCancel={() => setOpen(null)}
        />
      )}
    </Card>
  );
}

function FindingsCard({ detail, view, parts, editable }: { detail: InspectionDetail; view: SiteView; parts: OutboxEntry[]; editable: boolean }) {
  const [adding, setAdding] = useState(false);
  const unsent = view.unsentFindings;
  const nonconform = useMemo(() => view.items.filter((i) => i.result === 'nonconform'), [view.items]);
  const withoutFinding = nonconform.filter((i) => !detail.findings.some((f) => f.itemCode === i.code) && !unsent.some((f) => f.itemCode === i.code));
  return (
    <Card className="step-card" title={<Space>问题与隐患<Tag>{detail.findings.length + unsent.length} 项</Tag></Space>}>
      {detail.findings.map((f) => (
        <div key={f.clientId} className={`finding ${f.major ? 'finding-major' : ''}`} data-testid="finding">
          <div>
            {f.major && <Tag color="red">重大事故隐患</Tag>}
            <Tag>{f.dispositionLabel}</Tag>
            {f.itemCode && <span className="check-item-code">{f.itemCode}</span>}
            {f.description}
          </div>
          {f.penaltyCaseId && (
            <Alert
              type="error"
              showIcon
              icon={<WarningOutlined />}
              style={{ marginTop: 6 }}
              message={<Link to={`/cases/${f.penaltyCaseId}`} data-testid="finding-case-link">{`已自动立案：行政处罚案件草稿 #${f.penaltyCaseId}`}</Link>}
              description={f.major ? '重大事故隐患必须依法处罚，不得以责令整改代替。隐患销号前须完成处罚或记录不予处罚的法定理由。' : '涉嫌违法行为须立案调查并固定证据。'}
            />
          )}
          {f.hazardId && (
            <div className="muted">
              隐患 <Link to={`/hazards/${f.hazardId}`}>#{f.hazardId}</Link>
              {detail.hazards.find((h) => h.id === f.hazardId) && `，整改期限 ${detail.hazards.find((h) => h.id === f.hazardId)!.deadline}，责任人 ${detail.hazards.find((h) => h.id === f.hazardId)!.responsiblePerson}`}
            </div>
          )}
          <EvidenceStrip detail={detail} pending={parts} match={(e) => e.findingClientId === f.clientId} />
        </div>
      ))}
      {unsent.map((f) => (
        <div key={f.clientId} className={`finding ${f.major ? 'finding-major' : ''}`} data-testid="finding">
          <div>
            {f.major && <Tag color="red">重大事故隐患</Tag>}
            <Tag>{findingDispositionLabels[f.major ? 'hazard' : f.disposition]}</Tag>
            {f.itemCode && <span className="check-item-code">{f.itemCode}</span>}
            {f.description}
            {f.unsent && <Unsynced />}
          </div>
          {(f.disposition === 'hazard' || f.major) && f.deadline && (
            <div className="muted">
              整改期限 {f.deadline}，责任人 {f.responsiblePerson}（同步后列入隐患台账）
            </div>
          )}
          {f.major && <div className="muted">同步后系统将自动生成行政处罚案件草稿</div>}
          <EvidenceStrip detail={detail} pending={parts} match={(e) => e.findingClientId === f.clientId} />
        </div>
      ))}
      {withoutFinding.length > 0 && editable && !adding && (
        <Alert type="warning" showIcon style={{ margin: '8px 0' }} message={`${withoutFinding.map((i) => i.code).join('、')} 不符合，尚未记录问题及处理方式`} />
      )}
      {editable && !adding && (
        <Button type="dashed" block size="large" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          记录问题
        </Button>
      )}
      {adding && (
        <FindingForm
          detail={detail}
          items={nonconform.length ? nonconform : view.items}
          pending={parts}
          onDone={(body) => {
            void enqueue({ kind: 'finding', inspectionId: detail.id, body: { ...body, at: now() } });
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
    </Card>
  );
}

function CompleteCard({ detail, view, editable }: { detail: InspectionDetail; view: SiteView; editable: boolean }) {
  const [summary, setSummary] = useState('');
  const blockers = view.problems;
  return (
    <Card className="step-card" title="结束检查">
      {blockers.length > 0 ? (
        <Alert type="info" showIcon message="完成以下事项后可结束检查" description={<ul className="blockers">{blockers.map((b) => <li key={b}>{b}</li>)}</ul>} />
      ) : (
        <Alert type="success" showIcon message="检查事项已全部记录，可以结束检查（无网络时联网后自动生成文书）" />
      )}
      <Input.TextArea
        style={{ marginTop: 12 }}
        rows={3}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        placeholder="检查结论，例如：发现问题3项，已责令限期整改"
        aria-label="检查结论"
        disabled={!editable}
      />
      {editable && (
        <Button
          type="primary"
          size="large"
          block
          style={{ marginTop: 12 }}
          disabled={blockers.length > 0 || summary.trim().length < 4}
          onClick={() => void enqueue({ kind: 'complete', inspectionId: detail.id, summary: summary.trim(), at: now() })}
        >
          结束检查，生成现场检查记录
        </Button>
      )}
    </Card>
  );
}

/** Completed on the phone: the documents are issued by the sync, and appear below when it is done. */
function CompletionPendingCard({ completion, online }: { completion: { summary: string; at: string; unsent: boolean }; online: boolean }) {
  return (
    <Card
      className="step-card"
      data-testid="completion-pending"
      title={
        <Space wrap size={4}>
          检查已结束{completion.unsent && <Unsynced />}
        </Space>
      }
    >
      <p>{completion.summary}</p>
      <p className="muted">结束于 {fmtDateTime(completion.at)}（本机时间）</p>
      <Alert
        type={online ? 'info' : 'warning'}
        showIcon
        message={
          !completion.unsent
            ? '已同步，正在取回现场检查记录等文书'
            : online
              ? '正在同步，完成后生成现场检查记录和责令限期整改指令书'
              : '等待网络：联网后自动同步，并生成现场检查记录和责令限期整改指令书'
        }
      />
      {online && completion.unsent && (
        <Button block style={{ marginTop: 12 }} icon={<CloudSyncOutlined />} onClick={() => void flush()}>
          立即同步
        </Button>
      )}
    </Card>
  );
}

interface DocumentRow {
  id: number;
  kind: string;
  kindLabel?: string;
  title?: string;
  number: string;
  issuedAt: string;
}

function DocumentsCard({ detail }: { detail: InspectionDetail }) {
  const { data: me } = useMe();
  const { data } = useQuery({
    queryKey: inspectionKeys.documents(detail.id),
    queryFn: () => request<{ items: DocumentRow[] }>('/documents', { query: { entityType: 'inspection', entityId: detail.id } }),
  });
  return (
    <Card
      className="step-card"
      title="检查结论与文书"
      extra={
        // R22 / R35: the whole 卷宗 with the hazards' documents — the agency's internal file, staff only
        me && me.role !== 'enterprise' ? (
          <a href={`/api/inspections/${detail.id}/file.pdf`} target="_blank" rel="noreferrer" data-testid="inspection-file">
            <Button size="small" icon={<FilePdfOutlined />}>下载卷宗</Button>
          </a>
        ) : null
      }
    >
      <p>{detail.summary}</p>
      <p className="muted">结束于 {fmtDateTime(detail.completedAt)}</p>
      <List
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无文书' }}
        renderItem={(d) => (
          <List.Item data-testid="document">
            <a href={`/api/documents/${d.id}/pdf`} target="_blank" rel="noreferrer">
              <FilePdfOutlined /> {d.title ?? d.kindLabel ?? '文书'}
            </a>
            <span className="muted">
              {d.number} · {fmtDateTime(d.issuedAt)}
            </span>
          </List.Item>
        )}
      />
      {detail.hazards.length > 0 && (
        <>
          <Typography.Text strong>隐患整改</Typography.Text>
          {detail.hazards.map((h) => (
            <div key={h.id} className="record-line">
              <Link to={`/hazards/${h.id}`}>#{h.id}</Link> {h.major && <Tag color="red">重大</Tag>}
              {h.description} · 期限 {h.deadline} · <Badge status={h.status === 'closed' ? 'success' : 'processing'} text={h.status === 'closed' ? '已销号' : h.status === 'rectified' ? '待复查' : '整改中'} />
            </div>
          ))}
        </>
      )}
      {detail.feedback && (
        <Alert
          style={{ marginTop: 12 }}
          type={detail.feedback.concerns.length ? 'warning' : 'success'}
          message={`企业评价（${detail.feedback.via === 'qr' ? '扫码' : '企业账户'}）：${detail.feedback.concerns.length ? detail.feedback.concerns.join('；') : '无异议'}`}
        />
      )}
    </Card>
  );
}

function FiledCard({ detail }: { detail: InspectionDetail }) {
  return (
    <Card className="step-card" size="small" title="报备信息">
      <dl className="kv">
        <dt>执法机构</dt>
        <dd>{detail.agencyName}</dd>
        <dt>检查依据</dt>
        <dd>{detail.legalBasis || '—'}</dd>
        <dt>检查地点</dt>
        <dd>{detail.place}</dd>
        <dt>报备时间</dt>
        <dd>{detail.filed ? fmtDateTime(detail.filedAt) : '未报备'}</dd>
        {detail.emergencyReason && (
          <>
            <dt>紧急事由</dt>
            <dd>{detail.emergencyReason}</dd>
          </>
        )}
        <dt>执法人员</dt>
        <dd>{detail.officers.map((o) => o.name).join('、')}</dd>
        <dt>扫码核验</dt>
        <dd>
          <a href={detail.publicPath} target="_blank" rel="noreferrer">
            {location.origin}
            {detail.publicPath}
          </a>
        </dd>
      </dl>
    </Card>
  );
}

