// The next step of a case for the one looking at it (R27–R31): only the actions the server's state machine offers
// (availableActions) are shown; the case-file fields each role records (承办人员, the party's waiver, the hearing,
// the leaders' collective discussion, execution, publication); a refusal is shown as the server's Chinese message.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { isPenaltyPartyAction, penaltyActionRoles, penaltyCaseActionLabels, penaltyCaseStatusLabels, penaltyDecisionKindLabels, type PenaltyCaseAction, type PenaltyPartyAction } from '@anjian/domain/penalty';
import { roleLabels } from '@anjian/domain/enums';
import { isCaseFileEditable } from '@anjian/domain/penalty';
import { errorMessage, type Me } from '../../api';
import { hazardsApi } from '../../api/hazard';
import { penaltiesApi, type CaseDetail, type CasePatch } from '../../api/penalty';
import { showSuccess } from '../../app/feedback';
import { hasOfficerPartyHint, OfficerPartyHint, PartyActionModal, PartyRightsPanel } from './PartyRights';
import { todayShanghai } from './parts';
import { HearingMinutesFields, HearingNoticeFields, ReviewPointsFields, ServeModal } from './CaseRecordForms';
import type { LegalReviewAspect } from '@anjian/domain/caseRecords';
import { creditKeys, penaltyCaseKeys, penaltyKeys, registryKeys } from '../../api/keys';


/** What each action asks for when it is taken. */
const reasonSpec: Partial<Record<PenaltyCaseAction, { label: string; required: number; placeholder?: string }>> = {
  open: { label: '审批意见', required: 0, placeholder: '同意立案' },
  cancel: { label: '撤销立案理由', required: 4 },
  approve_review: { label: '审核意见', required: 2, placeholder: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当' },
  reject_review: { label: '审核意见（退回补充调查的理由）', required: 4, placeholder: '请写明需要补充或纠正的内容' },
  decide: { label: '决定意见', required: 0, placeholder: '同意按拟处罚意见作出决定' },
  transfer: { label: '涉嫌犯罪的事实和理由', required: 10 },
  resume: { label: '司法机关不予立案或移回的情况', required: 4 },
  close: { label: '结案意见', required: 0 },
};
const primary: PenaltyCaseAction[] = ['open', 'start_investigation', 'notify', 'submit_review', 'approve_review', 'decide', 'decide_on_spot', 'serve', 'start_execution', 'close'];
const danger: PenaltyCaseAction[] = ['cancel', 'reject_review', 'transfer'];
/** always possible for a leader; they do not move the case forward, so the hint of whose turn it is stays */
const sideExits: PenaltyCaseAction[] = ['cancel', 'transfer'];

export function useCaseUpdate(id: number) {
  const qc = useQueryClient();
  return (d: CaseDetail) => {
    qc.setQueryData(['penalty-case', String(id)], d);
    void qc.invalidateQueries({ queryKey: penaltyCaseKeys.all });
    void qc.invalidateQueries({ queryKey: creditKeys.all });
  };
}

function ActionModal({ c, action, onClose }: { c: CaseDetail; action: PenaltyCaseAction; onClose: () => void }) {
  const apply = useCaseUpdate(c.id);
  const spec = reasonSpec[action];
  const [reason, setReason] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const [clear, setClear] = useState(false);
  const [points, setPoints] = useState<Partial<Record<LegalReviewAspect, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const review = action === 'approve_review' || action === 'reject_review';
  const filledPoints = Object.fromEntries(Object.entries(points).filter(([, v]) => v?.trim()));
  const run = useMutation({
    mutationFn: () =>
      penaltiesApi.action(c.id, {
        action,
        reason: reason.trim() || null,
        ...(action === 'transfer' ? { transferTo: transferTo.trim() } : {}),
        ...(action === 'decide_on_spot' ? { factsClearWithBasis: clear } : {}),
        ...(review && Object.keys(filledPoints).length ? { reviewPoints: filledPoints } : {}),
      }),
    onSuccess: (d) => {
      apply(d);
      showSuccess(`已${penaltyCaseActionLabels[action]}`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const short = !!spec && reason.trim().length < spec.required;
  return (
    <Modal
      open
      title={penaltyCaseActionLabels[action]}
      onCancel={onClose}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: danger.includes(action), loading: run.isPending, disabled: short || (action === 'transfer' && !transferTo.trim()), 'data-testid': 'action-confirm' } as ButtonProps}
      onOk={() => run.mutate()}
      destroyOnHidden
    >
      {action === 'decide' && c.proposal ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`拟决定：${c.proposal.kind === 'penalty' ? `罚款${c.proposal.fine.toLocaleString('zh-CN')}元` : '不予行政处罚'}`} description="决定书与信用修复告知书同时送达（两书同达），决定作出后按期公示。" />
      ) : null}
      {spec ? (
        <Form layout="vertical">
          <Form.Item label={spec.label} required={spec.required > 0} help={spec.required > 0 ? `不少于${spec.required}个字` : '可不填'}>
            <Input.TextArea rows={3} maxLength={2000} value={reason} placeholder={spec.placeholder} onChange={(e) => setReason(e.target.value)} aria-label={spec.label} data-testid="action-reason" />
          </Form.Item>
          {review ? <ReviewPointsFields value={points} onChange={setPoints} /> : null}
          {action === 'transfer' ? (
            <Form.Item label="移送机关" required>
              <Input value={transferTo} onChange={(e) => setTransferTo(e.target.value)} placeholder="公安机关或者人民检察院" aria-label="移送机关" />
            </Form.Item>
          ) : null}
        </Form>
      ) : (
        <Typography.Paragraph>确认{penaltyCaseActionLabels[action]}？</Typography.Paragraph>
      )}
      {action === 'decide_on_spot' ? (
        <Checkbox checked={clear} onChange={(e) => setClear(e.target.checked)}>
          违法事实确凿并有法定依据（《行政处罚法》第五十一条）
        </Checkbox>
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} data-testid="action-error" /> : null}
    </Modal>
  );
}

/**
 * 负责人集体讨论 (《行政处罚法》第五十七条第二款): the date, who took part (at least three of the agency's leaders, the
 * first presiding) and what they concluded.
 */
function CollectiveDiscussionModal({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const apply = useCaseUpdate(c.id);
  type Values = { heldOn: dayjs.Dayjs; participants: { name: string; position: string }[]; opinions: { name: string; opinion: string }[]; conclusion: string };
  const [form] = Form.useForm<Values>();
  const participants = (Form.useWatch('participants', form) ?? []) as { name?: string }[];
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => penaltiesApi.patch(c.id, { collectiveDiscussion: { heldOn: v.heldOn.format('YYYY-MM-DD'), participants: v.participants, opinions: v.opinions, conclusion: v.conclusion } }),
    onSuccess: (d) => {
      apply(d);
      showSuccess('已登记负责人集体讨论');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal open title="登记负责人集体讨论" okText="登记" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} width={560} destroyOnHidden>
      <Typography.Paragraph type="secondary">对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。请登记三名以上参加讨论的负责人（第一位为主持人）、各人的讨论意见及讨论结论，系统据此生成集体讨论记录。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ heldOn: dayjs(), participants: [{ name: '', position: '局长' }, { name: '', position: '副局长' }, { name: '', position: '副局长' }], opinions: [{ name: undefined, opinion: '' }], conclusion: '' }}
        data-testid="collective-discussion-form"
      >
        <Form.Item name="heldOn" label="讨论日期" rules={[{ required: true, message: '请选择讨论日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="participants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'name']} label={i === 0 ? '参加人员（主持人）' : `参加人员${i + 1}`} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                    <Input maxLength={20} placeholder="姓名" style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'position']} label="职务" rules={[{ required: true, whitespace: true, message: '请填写职务' }]}>
                    <Input maxLength={30} style={{ width: 150 }} />
                  </Form.Item>
                  {fields.length > 3 ? (
                    <Button type="link" danger onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                      删除
                    </Button>
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', position: '' })} style={{ marginBottom: 16 }}>
                增加参加人员
              </Button>
            </>
          )}
        </Form.List>
        <Form.List name="opinions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div className="form-row-wrap" key={f.key}>
                  <Form.Item name={[f.name, 'name']} label={i === 0 ? '发言人' : `发言人${i + 1}`} rules={[{ required: true, message: '请选择发言人' }]}>
                    <Select style={{ width: 150 }} options={participants.filter((x) => x?.name?.trim()).map((x) => ({ value: x.name!.trim(), label: x.name!.trim() }))} aria-label="发言人" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'opinion']} label="讨论意见" rules={[{ required: true, whitespace: true, message: '请写明意见' }]} style={{ flex: 1, minWidth: 200 }}>
                    <Input maxLength={2000} />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="link" danger onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                      删除
                    </Button>
                  ) : null}
                </div>
              ))}
              <Button type="dashed" onClick={() => add({ opinion: '' })} style={{ marginBottom: 16 }}>
                增加发言
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="conclusion" label="讨论结论" rules={[{ required: true, whitespace: true, message: '请写明讨论结论' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="如：同意法制审核意见，按拟处罚内容作出行政处罚决定" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PatchButton({ c, label, patch, confirmText, testId, type = 'default' }: { c: CaseDetail; label: string; patch: CasePatch; confirmText?: string; testId?: string; type?: 'default' | 'primary' }) {
  const apply = useCaseUpdate(c.id);
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => penaltiesApi.patch(c.id, patch),
    onSuccess: (d) => {
      apply(d);
      showSuccess(`已${label}`);
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <>
      <Button
        type={type}
        loading={run.isPending}
        data-testid={testId}
        onClick={() =>
          confirmText
            ? Modal.confirm({ title: label, content: confirmText, okText: '确定', cancelText: '取消', onOk: () => run.mutateAsync().catch(() => undefined) })
            : run.mutate()
        }
      >
        {label}
      </Button>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ flexBasis: '100%' }} /> : null}
    </>
  );
}

function InvestigatorsForm({ c }: { c: CaseDetail }) {
  const apply = useCaseUpdate(c.id);
  const officers = useQuery({ queryKey: registryKeys.agencyOfficers(c.agencyId), queryFn: () => hazardsApi.agencyOfficers(c.agencyId), staleTime: 5 * 60_000 });
  const [ids, setIds] = useState<number[]>(c.investigators.map((o) => o.id));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => penaltiesApi.patch(c.id, { investigatorIds: ids }),
    onSuccess: (d) => {
      apply(d);
      showSuccess('已指定承办人员');
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const valid = (officers.data?.items ?? []).filter((o) => o.credentialStatus !== 'expired');
  return (
    <div data-testid="investigators-form">
      <Typography.Text>承办人员（两名以上具有执法资格的执法人员，《行政处罚法》第四十二条）</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 6 }}>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          loading={officers.isLoading}
          value={ids}
          onChange={setIds}
          optionFilterProp="label"
          options={valid.map((o) => ({ value: o.id, label: `${o.name}（${o.credentialNo}）` }))}
          aria-label="承办人员"
          data-testid="investigators-select"
          placeholder="选择承办人员"
        />
        <Button type="primary" disabled={ids.length < 2} loading={save.isPending} onClick={() => save.mutate()} data-testid="save-investigators">
          保存
        </Button>
      </Space.Compact>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}

interface HearingValues {
  noticeOn?: dayjs.Dayjs;
  heldOn?: dayjs.Dayjs;
  hostId?: number;
  abandoned?: boolean;
  notice?: { time?: string; place?: string; panelists?: string[]; clerk?: string };
  withMinutes?: boolean;
  minutes?: { attended?: boolean; partyAttendees?: { name: string; role: string }[]; investigatorCase?: string; partyStatement?: string; crossExamination?: string; finalStatements?: string; absenceNote?: string };
}

function HearingForm({ c }: { c: CaseDetail }) {
  const apply = useCaseUpdate(c.id);
  const [error, setError] = useState<string | null>(null);
  const officers = useQuery({ queryKey: registryKeys.agencyOfficers(c.agencyId), queryFn: () => hazardsApi.agencyOfficers(c.agencyId), staleTime: 5 * 60_000 });
  const save = useMutation({
    mutationFn: (v: HearingValues) =>
      penaltiesApi.patch(c.id, {
        hearing: {
          noticeOn: v.noticeOn?.format('YYYY-MM-DD') ?? null,
          heldOn: v.heldOn?.format('YYYY-MM-DD') ?? null,
          hostId: v.hostId ?? null,
          abandoned: !!v.abandoned,
          // the notice facts once all are filled in (听证通知书); the minutes when asked for (听证笔录, once)
          ...(v.notice?.time && v.notice.place?.trim() && v.notice.clerk?.trim() ? { notice: { time: v.notice.time, place: v.notice.place, panelists: v.notice.panelists ?? [], clerk: v.notice.clerk } } : {}),
          ...(v.withMinutes && v.minutes ? { minutes: { attended: !!v.minutes.attended, partyAttendees: v.minutes.attended ? (v.minutes.partyAttendees ?? []) : [], investigatorCase: v.minutes.investigatorCase ?? '', partyStatement: v.minutes.partyStatement ?? '', crossExamination: v.minutes.crossExamination ?? '', finalStatements: v.minutes.finalStatements ?? '', absenceNote: v.minutes.absenceNote ?? null } } : {}),
        },
      }),
    onSuccess: (d) => {
      apply(d);
      showSuccess('已登记听证情况');
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const h = c.hearing ?? {};
  const [form] = Form.useForm();
  const noticeOn = Form.useWatch('noticeOn', form) as dayjs.Dayjs | undefined;
  const heldOn = Form.useWatch('heldOn', form) as dayjs.Dayjs | undefined;
  const withMinutes = Form.useWatch('withMinutes', form) as boolean | undefined;
  const attended = Form.useWatch(['minutes', 'attended'], form) as boolean | undefined;
  // the minutes are recorded once, after the hearing (听证笔录)
  const canRecordMinutes = !h.minutes && !!heldOn && heldOn.format('YYYY-MM-DD') <= todayShanghai();
  // R27: 七日前通知 (第六十四条第（二）项) — the server's earliest day for the notice recorded (or for a notice today);
  // another notice day is checked by the server on saving, with the earliest day for it
  const base = h.noticeOn ?? todayShanghai();
  const sameBase = !noticeOn || noticeOn.format('YYYY-MM-DD') === base;
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => save.mutate(v)}
      initialValues={{
        noticeOn: h.noticeOn ? dayjs(h.noticeOn) : undefined,
        heldOn: h.heldOn ? dayjs(h.heldOn) : undefined,
        hostId: h.hostId ?? undefined,
        abandoned: h.abandoned,
        notice: h.notice ?? { time: '09:30', place: '', panelists: [], clerk: '' },
        minutes: { attended: true, partyAttendees: [{ name: '', role: '委托代理人' }] },
      }}
    >
      <Typography.Text strong>听证记录（当事人于 {h.requestedOn ?? '—'} 要求听证）</Typography.Text>
      <Space wrap style={{ marginTop: 8 }}>
        <Form.Item name="noticeOn" label="听证通知日期">
          <DatePicker inputReadOnly />
        </Form.Item>
        <Form.Item name="heldOn" label="举行听证日期" extra={sameBase ? <span data-testid="hearing-earliest">{`按 ${base} 通知，听证最早可定于 ${c.earliestHearingOn}（应在举行听证的七个工作日前通知当事人）`}</span> : '应在举行听证的七个工作日前通知当事人，保存时校验'}>
          <DatePicker inputReadOnly disabledDate={(d) => sameBase && d.format('YYYY-MM-DD') < c.earliestHearingOn} />
        </Form.Item>
        <Form.Item name="hostId" label="听证主持人（非本案调查人员）">
          <Select style={{ width: 200 }} allowClear options={(officers.data?.items ?? []).filter((o) => !c.investigators.some((i) => i.id === o.id)).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="abandoned" valuePropName="checked" label=" ">
          <Checkbox>当事人放弃听证</Checkbox>
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        听证通知书（填齐通知日期、听证日期、主持人、时间、地点和记录员后生成，告知当事人申请回避等权利）
      </Typography.Paragraph>
      <HearingNoticeFields />
      {h.minutes ? <Alert type="success" showIcon title="听证笔录已生成" style={{ marginBottom: 8 }} /> : null}
      {canRecordMinutes ? (
        <>
          <Form.Item name="withMinutes" valuePropName="checked">
            <Checkbox data-testid="hearing-with-minutes">登记听证笔录</Checkbox>
          </Form.Item>
          {withMinutes ? <HearingMinutesFields attended={attended !== false} /> : null}
        </>
      ) : null}
      <Button htmlType="submit" loading={save.isPending}>
        保存听证记录
      </Button>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} /> : null}
    </Form>
  );
}

/** Whose turn it is, when the viewer has nothing to do. */
function waitingText(c: CaseDetail): string {
  const s = c.status;
  if (s === 'closed') return `案件已于 ${c.dates.closedOn ?? ''} 结案`;
  if (s === 'cancelled') return '案件已撤销';
  if (s === 'transferred') return `案件已移送${c.transferredTo ?? '司法机关'}`;
  if (s === 'legal_review') return '案件在法制审核中，等待法制审核人员审核';
  if (s === 'draft' && c.investigators.length < 2) return '请指定两名以上承办人员，再报负责人批准立案';
  if (s === 'notified' || s === 'defence') {
    const d = c.deadlines.find((x) => x.id === 'statement_defense');
    if (!c.rightsWaived && !c.statementReceived && d && !d.overdue) return `已告知当事人，陈述、申辩期限至 ${d.due} 届满；当事人可以在线提交，书面材料由承办人员登记。当事人陈述申辩、书面放弃或者期满后提交法制审核`;
  }
  const roles = new Set<string>();
  const next: Record<string, PenaltyCaseAction[]> = {
    draft: ['open'],
    opened: ['start_investigation'],
    investigating: ['notify', 'submit_review'],
    notified: ['submit_review', 'decide'],
    defence: ['submit_review', 'decide'],
    hearing: ['submit_review'],
    decided: ['serve'],
    served: ['start_execution', 'close'],
    executing: ['close'],
  };
  for (const a of next[s] ?? []) for (const r of penaltyActionRoles[a]) roles.add(roleLabels[r]);
  const what = (next[s] ?? []).map((a) => penaltyCaseActionLabels[a]).join('或');
  return `案件当前为“${penaltyCaseStatusLabels[s]}”${what ? `，下一步“${what}”由${[...roles].join('、')}办理` : ''}`;
}

export function NextActions({ c, me }: { c: CaseDetail; me: Me }) {
  const [action, setAction] = useState<PenaltyCaseAction | null>(null);
  const [partyAction, setPartyAction] = useState<PenaltyPartyAction | null>(null);
  const apply = useCaseUpdate(c.id);
  const [pubError, setPubError] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: () => penaltiesApi.publish(c.id),
    onSuccess: async () => {
      apply(await penaltiesApi.detail(c.id));
      showSuccess('已在门户网站公示');
    },
    onError: (e) => setPubError(errorMessage(e)),
    meta: { silent: true },
  });
  const [discussing, setDiscussing] = useState(false);
  const role = me.role;
  // only the handling agency's officers and leaders act on the case (a higher level after 提级管辖)
  const writer = (role === 'officer' || role === 'leader') && c.canAct;
  const actions = c.availableActions;

  // R27: the party's own acts while the rights are open (its statement, hearing request, written waiver)
  if (role === 'enterprise') return ['notified', 'defence', 'hearing'].includes(c.status) ? <PartyRightsPanel c={c} /> : <EnterpriseHint c={c} />;

  const pre = isCaseFileEditable(c.status);
  const showInvestigators = writer && pre && (c.status === 'draft' || c.investigators.length < 2);
  const needDiscussion = role === 'leader' && c.canAct && c.majorCaseReasons.length > 0 && !c.collectiveDiscussionHeld && c.status === 'legal_review' && c.legalReviews.at(-1)?.result === 'approved';
  const canExecute = writer && c.status === 'executing' && !c.executionDone;
  const pubPending = writer && c.publication && !c.publication.publishedAt;

  return (
    <div className="case-next-inner">
      {c.status === 'legal_review' && role === 'legal_reviewer' ? (
        <Alert type="warning" showIcon title="请审查：事实是否清楚、证据是否确凿、适用依据是否正确、程序是否合法、裁量是否适当（《行政处罚法》第五十八条）" />
      ) : null}
      {c.majorCaseReasons.length && pre ? <Alert type="warning" showIcon title="重大案件：作出决定前须经法制审核并由负责人集体讨论（《行政处罚法》第五十七条、第五十八条）" description={c.majorCaseReasons.join('；')} /> : null}
      <OfficerPartyHint c={c} />
      {showInvestigators ? <InvestigatorsForm c={c} /> : null}
      {/* a withdrawn request (R27) closes the hearing record: it is the party's act, not edited afterwards */}
      {c.status === 'hearing' && writer && !c.hearing?.withdrawnOn ? <HearingForm c={c} /> : null}
      <div className="case-actions" data-testid="case-actions" style={{ marginTop: showInvestigators ? 12 : 0 }}>
        {actions.map((a) => (
          <Button key={a} type={primary.includes(a) ? 'primary' : 'default'} danger={danger.includes(a)} onClick={() => (isPenaltyPartyAction(a) ? setPartyAction(a) : setAction(a))} data-testid={`action-${a}`} data-action={a}>
            {penaltyCaseActionLabels[a]}
          </Button>
        ))}
        {needDiscussion ? (
          <Button type="primary" onClick={() => setDiscussing(true)} data-testid="collective-discussion">
            登记负责人集体讨论
          </Button>
        ) : null}
        {canExecute ? <PatchButton c={c} label="登记执行完毕" patch={{ executionDone: true, reason: '罚款已缴纳，决定执行完毕' }} confirmText="确认罚款已缴纳、决定已执行完毕？" testId="execution-done" /> : null}
        {pubPending ? (
          <Button type="primary" ghost loading={publish.isPending} onClick={() => publish.mutate()} data-testid="publish-decision">
            在门户网站公示决定
          </Button>
        ) : null}
      </div>
      {pubError ? <Alert type="error" showIcon role="alert" title={pubError} style={{ marginTop: 8 }} /> : null}
      {c.canEscalate ? <EscalateCase c={c} /> : null}
      {/* the party's acts an officer may record do not move the case on: whose turn it is stays shown */}
      {!actions.some((a) => !sideExits.includes(a) && !isPenaltyPartyAction(a)) && !needDiscussion && !canExecute && !pubPending && !hasOfficerPartyHint(c) ? (
        <Alert type="info" showIcon title={waitingText(c)} data-testid="case-waiting" style={{ marginTop: actions.length ? 12 : 0 }} />
      ) : null}
      {action === 'serve' ? <ServeModal c={c} onDone={apply} onClose={() => setAction(null)} /> : action ? <ActionModal c={c} action={action} onClose={() => setAction(null)} /> : null}
      {discussing ? <CollectiveDiscussionModal c={c} onClose={() => setDiscussing(false)} /> : null}
      {partyAction ? <PartyActionModal c={c} action={partyAction} party={false} onClose={() => setPartyAction(null)} /> : null}
    </div>
  );
}

export function InterventionForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { intervenerName: string; intervenerPosition: string; method: string; content: string; occurredOn: dayjs.Dayjs }) =>
      penaltiesApi.intervene(c.id, { ...v, occurredOn: v.occurredOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: penaltyKeys.case(c.id) });
      showSuccess('已登记干预记录');
      form.resetFields();
      onDone();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ method: '电话', occurredOn: dayjs() }} data-testid="intervention-form">
      <Space wrap align="start">
        <Form.Item name="intervenerName" label="干预人姓名" rules={[{ required: true, whitespace: true, message: '请填写干预人姓名' }]}>
          <Input maxLength={50} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="intervenerPosition" label="职务" rules={[{ required: true, whitespace: true, message: '请填写职务' }]}>
          <Input maxLength={100} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="method" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
          <Select style={{ width: 110 }} options={['当面', '电话', '短信', '微信', '批示', '其他'].map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item name="occurredOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Space>
      <Form.Item name="content" label="干预内容" rules={[{ required: true, whitespace: true, min: 4, message: '请如实记录干预内容（不少于4个字）' }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} /> : null}
      <Button htmlType="submit" type="primary" loading={save.isPending}>
        登记
      </Button>
    </Form>
  );
}

/** R27: what the party may do after the decision (reconsideration, litigation, credit repair); before it, PartyRightsPanel. */
function EnterpriseHint({ c }: { c: CaseDetail }) {
  const s = c.status;
  const label = penaltyCaseStatusLabels[s];
  if (['decided', 'served', 'executing'].includes(s)) {
    const pay = c.deadlines.find((x) => x.id === 'payment');
    return (
      <Alert
        type="info"
        showIcon
        data-testid="enterprise-hint"
        title={`处罚决定已作出（${label}）`}
        description={
          <>
            {pay && !pay.done ? `请于 ${pay.due} 前缴纳罚款；` : ''}不服的，可自收到决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。履行完毕并满最短公示期后，可在<Link to="/credit">本企业信用</Link>中申请信用修复。
          </>
        }
      />
    );
  }
  if (s === 'closed') return <Alert type="success" showIcon data-testid="enterprise-hint" title={`案件已于 ${c.dates.closedOn ?? ''} 结案`} />;
  if (s === 'cancelled') return <Alert type="info" showIcon data-testid="enterprise-hint" title="案件已撤销" />;
  return <Alert type="info" showIcon data-testid="enterprise-hint" title={`案件正在办理中（${label}）${c.dates.notifiedOn ? '' : '，告知拟处罚内容后您可陈述、申辩'}`} />;
}

/**
 * 处理意见 (行政处罚法 第五十七条): by default the decision follows the violations' discretion; the officer may propose
 * 不予行政处罚 or 违法事实不能成立 with the legal basis, which the legal review checks (R18: never for a major hazard
 * or a serious violation without that basis).
 */
export function DecisionKindForm({ c }: { c: CaseDetail }) {
  const apply = useCaseUpdate(c.id);
  const [kind, setKind] = useState<string>(c.decisionKind ?? 'auto');
  const [basis, setBasis] = useState(c.noPenaltyBasis ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      penaltiesApi.patch(c.id, {
        decisionKind: kind === 'auto' ? null : (kind as CaseDetail['decisionKind']),
        noPenaltyBasis: kind === 'no_penalty' || kind === 'not_established' ? basis.trim() || null : null,
      }),
    onSuccess: (d) => {
      apply(d);
      setError(null);
      showSuccess('已保存处理意见');
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const needBasis = kind === 'no_penalty' || kind === 'not_established';
  return (
    <div className="case-decision-kind" data-testid="decision-kind-form">
      <Space wrap align="start">
        <Typography.Text>处理意见：</Typography.Text>
        <Select
          style={{ width: 260 }}
          value={kind}
          onChange={setKind}
          aria-label="处理意见"
          options={[
            { value: 'auto', label: '按违法行为裁量结果' },
            { value: 'penalty', label: penaltyDecisionKindLabels.penalty },
            { value: 'no_penalty', label: penaltyDecisionKindLabels.no_penalty },
            { value: 'not_established', label: penaltyDecisionKindLabels.not_established },
          ]}
        />
      </Space>
      {needBasis ? <Input.TextArea rows={2} maxLength={1000} style={{ marginTop: 8 }} value={basis} onChange={(e) => setBasis(e.target.value)} placeholder="写明不予处罚的法定依据和理由（如《行政处罚法》第三十三条）" aria-label="不予处罚依据" /> : null}
      <div style={{ marginTop: 8 }}>
        <Button size="small" onClick={() => save.mutate()} loading={save.isPending} disabled={needBasis && basis.trim().length < 4}>
          保存处理意见
        </Button>
      </div>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}

/** 提级管辖: a leader of a higher agency takes the case over with a written reason; the original agency then stops acting on it. */
function EscalateCase({ c }: { c: CaseDetail }) {
  const apply = useCaseUpdate(c.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => penaltiesApi.escalate(c.id, reason.trim()),
    onSuccess: (d) => {
      apply(d);
      showSuccess('已提级管辖，本案由本机关办理');
      setOpen(false);
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <div style={{ marginTop: 12 }}>
      <Alert
        type="info"
        showIcon
        title={`本案由${c.agencyName}承办，本机关只能查看`}
        description="上级机关认为需要直接办理的，由负责人写明理由提级管辖；提级后由本机关办理，原承办机关不再办理。"
        action={
          <Button onClick={() => setOpen(true)} data-testid="escalate-case">
            提级管辖
          </Button>
        }
      />
      <Modal
        open={open}
        title="提级管辖"
        onCancel={() => setOpen(false)}
        okText="确定提级"
        cancelText="取消"
        okButtonProps={{ loading: run.isPending, disabled: reason.trim().length < 10, 'data-testid': 'escalate-confirm' } as ButtonProps}
        onOk={() => run.mutate()}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label="提级管辖的理由" required help="不少于10个字；记入办案过程和审计日志">
            <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="提级管辖的理由" data-testid="escalate-reason" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
      </Modal>
    </div>
  );
}
