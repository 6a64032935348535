// R27 — the party's rights on the case page (《行政处罚法》第四十四、四十五条 陈述、申辩；第六十三、六十四条 听证):
// the enterprise submits its statement (with files), asks for a hearing (and may withdraw it before the hearing is
// held) or waives in writing itself, within the periods
// the server computes on the official calendar; an officer records the same acts from the party's paper, with the day
// it was received. Both see the party's submissions; the officer sees what to do next (复核陈述申辩意见 / 安排听证).
// Which acts are offered comes from the server's availableActions; a refusal shows the server's Chinese reason.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Empty, Form, Input, Modal, Radio, Tag, Typography, type ButtonProps } from 'antd';
import { AuditOutlined, EditOutlined, PaperClipOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { isPenaltyPartyAction, penaltyCaseActionLabels, penaltyPartyActionLabels, statementAdoptionLabels, statementAdoptions, type PenaltyCaseAction, type PenaltyPartyAction, type StatementAdoption } from '@anjian/domain/penalty';
import { isOpenUndecided } from '@anjian/domain/penalty';
import { errorMessage } from '../../api';
import type { Evidence } from '../../api/hazard';
import { newClientId } from '../../api/hazard';
import { penaltiesApi, type CaseDetail, type PartySubmission } from '../../api/penalty';
import { showSuccess } from '../../app/feedback';
import { fmtDateTime } from '../../app/format';
import { EvidenceUploader } from '../hazard/shared';
import { todayShanghai } from './parts';
import './partyRights.css';
import { penaltyCaseKeys } from '../../api/keys';

const WAIVER_DECLARATION = '本单位已收到行政处罚告知书，知悉拟作出的行政处罚及其事实、理由、依据，以及依法享有的陈述、申辩和要求听证的权利。经研究，本单位自愿放弃陈述、申辩和听证权利。';

function useApply(id: number) {
  const qc = useQueryClient();
  return (d: CaseDetail) => {
    qc.setQueryData(['penalty-case', String(id)], d);
    void qc.invalidateQueries({ queryKey: penaltyCaseKeys.all });
  };
}

const due = (c: CaseDetail, id: string) => c.deadlines.find((d) => d.id === id);

/**
 * The form of one party act. `party`: the enterprise itself (dated by the server); otherwise an officer records the
 * party's paper and gives the day it was received.
 */
export function PartyActionModal({ c, action, party, onClose }: { c: CaseDetail; action: PenaltyPartyAction; party: boolean; onClose: () => void }) {
  const apply = useApply(c.id);
  const [text, setText] = useState('');
  const [receivedOn, setReceivedOn] = useState<dayjs.Dayjs>(dayjs());
  const [files, setFiles] = useState<Evidence[]>([]);
  const [agree, setAgree] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = party ? penaltyPartyActionLabels[action] : penaltyCaseActionLabels[action];
  const run = useMutation({
    mutationFn: () =>
      penaltiesApi.action(c.id, {
        action,
        reason: text.trim() || (action === 'waive_rights' && party ? WAIVER_DECLARATION : null),
        ...(files.length ? { evidenceIds: files.map((f) => f.id) } : {}),
        ...(party ? {} : { receivedOn: receivedOn.format('YYYY-MM-DD') }),
      }),
    onSuccess: (d) => {
      apply(d);
      showSuccess(party ? `已${penaltyPartyActionLabels[action]}` : `已${penaltyCaseActionLabels[action]}`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  const statement = action === 'record_statement';
  const withdraw = action === 'withdraw_hearing';
  const supplement = statement && c.statementReceived;
  const disabled = (statement && text.trim().length < 4) || (action === 'waive_rights' && party && !agree);
  const notifiedOn = c.dates.notifiedOn;
  // a paper act is dated by the day received: not before the notice (a withdrawal: not before the request)
  const earliest = withdraw ? (c.hearing?.requestedOn ?? notifiedOn) : notifiedOn;
  return (
    <Modal
      open
      title={supplement ? (party ? '补充陈述申辩' : '记录补充陈述申辩') : title}
      onCancel={onClose}
      okText={party ? (withdraw ? '确认撤回' : '提交') : '登记'}
      cancelText="取消"
      okButtonProps={{ loading: run.isPending, disabled, danger: action === 'waive_rights' || withdraw, 'data-testid': 'action-confirm' } as ButtonProps}
      onOk={() => run.mutate()}
      destroyOnHidden
      width={620}
    >
      {action === 'record_statement' ? (
        <Alert
          type="info"
          showIcon
          className="pr-modal-note"
          title={
            party
              ? supplement
                ? '期限内可以补充陈述、申辩，办案机构将一并复核'
                : '请写明您对违法事实、证据、适用依据和拟处罚内容的意见及理由'
              : '请如实记录当事人书面陈述、申辩的内容；书面材料扫描上传，原件归入案卷'
          }
          description={
            party
              ? '办案机构应当充分听取您的意见，对提出的事实、理由和证据进行复核；成立的，应当采纳。不得因陈述、申辩而给予更重的处罚（《行政处罚法》第四十五条）。'
              : '应当充分听取当事人的意见，对其提出的事实、理由和证据进行复核；成立的，应当采纳。不得因当事人陈述、申辩而给予更重的处罚（《行政处罚法》第四十五条）。'
          }
        />
      ) : action === 'request_hearing' ? (
        <Alert
          type="info"
          showIcon
          className="pr-modal-note"
          title={`拟作出的处罚属于听证范围：${c.hearingRightReasons.join('；')}`}
          description={
            party
              ? '办案机构应当在举行听证的七个工作日前通知您听证的时间、地点；听证由非本案调查人员主持，您可以亲自参加，也可以委托一至二人代理（《行政处罚法》第六十四条）。'
              : '当事人应当在告知后五个工作日内提出（以收到日期计）；登记后应在举行听证的七个工作日前通知当事人时间、地点，指定非本案调查人员主持（《行政处罚法》第六十四条）。'
          }
        />
      ) : withdraw ? (
        <Alert
          type="warning"
          showIcon
          className="pr-modal-note"
          data-testid="withdraw-consequence"
          title={party ? '撤回后不再举行听证，行政机关将依法作出决定' : '请确认已收到当事人签章的书面撤回申请（原件归入案卷）；登记后不再举行听证，行政机关将依法作出决定'}
          description={
            party
              ? `您于 ${c.hearing?.requestedOn ?? ''} 提出的听证要求将被撤回${c.hearing?.heldOn ? `，原定 ${c.hearing.heldOn} 的听证取消` : ''}。撤回后不能再次要求听证；办案机构将根据查明的事实和您已提出的意见，经法制审核后依法作出处理决定（《行政处罚法》第六十四条）。`
              : `当事人可以在听证举行前撤回听证申请（《行政处罚法》第六十四条）。以收到书面撤回申请的日期登记${c.hearing?.heldOn ? `，须早于原定的听证日期 ${c.hearing.heldOn}` : ''}；撤回后不再举行听证，陈述、申辩期限届满或者当事人陈述、申辩后，案件可提交法制审核。`
          }
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          className="pr-modal-note"
          title={party ? '放弃后不能再陈述、申辩或者要求听证，办案机构将依法作出处理决定' : '请确认已收到当事人签章的书面放弃声明（原件归入案卷）；登记后不再受理其陈述、申辩和听证要求'}
        />
      )}
      <Form layout="vertical">
        {!party ? (
          <Form.Item label="收到当事人书面材料的日期" required help={withdraw ? `以办案机构收到书面撤回申请的日期为准；不早于听证申请日期${earliest ?? ''}` : `以办案机构收到的日期计算期限；不早于告知日期${notifiedOn ?? ''}`}>
            <DatePicker
              inputReadOnly
              allowClear={false}
              value={receivedOn}
              onChange={(d) => d && setReceivedOn(d)}
              disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!earliest && d.isBefore(dayjs(earliest), 'day'))}
              aria-label="收到日期"
              data-testid="received-on"
            />
          </Form.Item>
        ) : null}
        {action === 'waive_rights' && party ? (
          <>
            <div className="pr-declaration" data-testid="waiver-declaration">{WAIVER_DECLARATION}</div>
            <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)} data-testid="waiver-agree">
              本单位确认以上声明，自愿书面放弃
            </Checkbox>
          </>
        ) : (
          <Form.Item
            label={
              statement
                ? party
                  ? '陈述、申辩意见'
                  : '当事人陈述、申辩内容'
                : action === 'request_hearing'
                  ? party
                    ? '听证要求及理由（可不填）'
                    : '当事人的听证要求（可不填）'
                  : withdraw
                    ? party
                      ? '撤回理由（可不填）'
                      : '当事人撤回的理由（可不填）'
                    : '说明（可不填）'
            }
            required={statement}
            help={statement ? '不少于4个字，最多5000字' : undefined}
          >
            <Input.TextArea
              rows={statement ? 6 : 3}
              maxLength={5000}
              showCount={statement}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={
                statement
                  ? '例如：对违法事实无异议；报警装置已于告知前更换并检测合格，系首次违法，请求从轻处罚。'
                  : action === 'waive_rights'
                    ? '当事人书面放弃陈述、申辩和听证权利'
                    : withdraw
                      ? '例如：已与办案机构沟通，对拟处罚内容无异议，撤回听证申请'
                      : '例如：拟罚款数额较大，要求举行听证'
              }
              aria-label={statement ? '陈述、申辩意见' : withdraw ? '撤回理由' : '说明'}
              data-testid="action-reason"
            />
          </Form.Item>
        )}
        {action !== 'waive_rights' ? (
          <Form.Item label="附件（照片、PDF，可不传）" className="pr-upload">
            <EvidenceUploader upload={(f, cid) => penaltiesApi.uploadAttachment(c.id, f, cid || newClientId())} onChange={setFiles} testId="party-upload" label="上传材料" />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} data-testid="action-error" /> : null}
    </Modal>
  );
}

const kindTitles: Record<PenaltyPartyAction, string> = { record_statement: '陈述、申辩', request_hearing: '要求听证', waive_rights: '书面放弃陈述、申辩和听证', withdraw_hearing: '撤回听证申请' };
const kindTitle = (s: PartySubmission) => (s.kind === 'record_statement' && s.supplement ? '补充陈述、申辩' : kindTitles[s.kind]);

/**
 * R27/R29: the officer's answer to one statement (采纳 / 部分采纳 / 不予采纳 with the reasons), needed before the
 * decision and printed in it (《行政处罚法》第四十五条).
 */
function StatementAnswerModal({ c, s, onClose }: { c: CaseDetail; s: PartySubmission; onClose: () => void }) {
  const apply = useApply(c.id);
  const [result, setResult] = useState<StatementAdoption | null>(s.answer?.result ?? null);
  const [reasons, setReasons] = useState(s.answer?.reasons ?? '');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => penaltiesApi.answerStatement(c.id, s.id, { result: result!, reasons }),
    onSuccess: (d) => {
      apply(d);
      showSuccess('已登记采纳情况');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title="登记陈述、申辩的采纳情况"
      okText="保存"
      cancelText="取消"
      onOk={() => (result ? run.mutate() : setError('请选择采纳情况'))}
      okButtonProps={{ loading: run.isPending, 'data-testid': 'statement-answer-save' } as ButtonProps}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        当事人于 {s.receivedOn} 提出：{s.text}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="采纳情况" required>
          <Radio.Group value={result} onChange={(e) => setResult(e.target.value as StatementAdoption)} data-testid="statement-answer-result">
            {statementAdoptions.map((a) => (
              <Radio.Button key={a} value={a}>
                {statementAdoptionLabels[a]}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label="理由（将写入行政处罚决定书）" required extra="写明复核的事实、理由和证据：成立的予以采纳；不予采纳的说明依据。不得因陈述、申辩加重处罚。">
          <Input.TextArea rows={4} maxLength={2000} showCount value={reasons} onChange={(e) => setReasons(e.target.value)} data-testid="statement-answer-reasons" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} data-testid="action-error" /> : null}
    </Modal>
  );
}

/** The party's submissions, for both sides: what, when, by whom (online or recorded from paper), the files; each statement's 采纳情况. */
export function PartySubmissions({ c, canAnswer = false }: { c: CaseDetail; canAnswer?: boolean }) {
  const [answering, setAnswering] = useState<PartySubmission | null>(null);
  const answerable = canAnswer && c.canAct && isOpenUndecided(c.status);
  const items = c.partySubmissions ?? [];
  if (!c.dates.notifiedOn && !items.length) return null;
  return (
    <div data-testid="party-submissions">
      {items.length ? (
        items.map((s) => (
          <div key={s.id} className="pr-item" data-testid="party-submission" data-kind={s.kind}>
            <div className="pr-item-head">
              <Typography.Text strong>{kindTitle(s)}</Typography.Text>
              {s.onBehalf ? <Tag>书面材料·承办人员登记</Tag> : <Tag color="blue">当事人在线提交</Tag>}
            </div>
            <div className="muted">{s.onBehalf ? `${s.receivedOn} 收到 · ${s.by}登记于 ${fmtDateTime(s.at)}` : `${s.by} · ${fmtDateTime(s.at)}`}</div>
            {s.text ? <div className="pr-text">{s.text}</div> : null}
            {s.attachments.length ? (
              <div className="pr-files">
                {s.attachments.map((f) => (
                  <a key={f.id} href={`/api/evidence/${f.id}/file`} target="_blank" rel="noopener" data-testid="party-attachment">
                    <PaperClipOutlined /> {f.name || `附件${f.id}`}
                  </a>
                ))}
              </div>
            ) : null}
            {s.kind === 'record_statement' ? (
              <div className="pr-answer" data-testid="statement-answer">
                {s.answer ? (
                  <>
                    <Tag color={s.answer.result === 'adopted' ? 'green' : s.answer.result === 'partly_adopted' ? 'gold' : 'red'}>{s.answer.resultLabel}</Tag>
                    <span>{s.answer.reasons}</span>
                    <span className="muted">（{s.answer.by}登记）</span>
                  </>
                ) : canAnswer && !c.decision ? (
                  <Tag color="orange">采纳情况待登记</Tag>
                ) : null}
                {answerable ? (
                  <Button size="small" type="link" onClick={() => setAnswering(s)} data-testid="statement-answer-open">
                    {s.answer ? '修改采纳情况' : '登记采纳情况'}
                  </Button>
                ) : null}
              </div>
            ) : null}
          </div>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当事人尚未陈述、申辩或者要求听证" />
      )}
      {answering ? <StatementAnswerModal c={c} s={answering} onClose={() => setAnswering(null)} /> : null}
    </div>
  );
}

/** What the party may do now (enterprise view): the periods, its acts, what happens next. */
export function PartyRightsPanel({ c }: { c: CaseDetail }) {
  const [action, setAction] = useState<PenaltyPartyAction | null>(null);
  const acts = c.availableActions.filter(isPenaltyPartyAction);
  const statementDue = due(c, 'statement_defense');
  const hearingDue = due(c, 'hearing_request');
  const last = c.partySubmissions.at(-1);
  let state: { type: 'success' | 'info' | 'warning'; title: string; description?: string };
  if (c.rightsWaived) state = { type: 'info', title: '您已书面放弃陈述、申辩和听证权利', description: '办案机构将依法作出处理决定，并向您送达决定书。' };
  else if (c.status === 'hearing') {
    const h = c.hearing;
    state = h?.withdrawnOn
      ? {
          type: 'info',
          title: `您已于 ${h.withdrawnOn} 撤回听证申请`,
          // R27: withdrawing the hearing does not end the statement period
          description: acts.includes('record_statement')
            ? `听证不再举行（《行政处罚法》第六十四条）。陈述、申辩期限${statementDue ? `至 ${statementDue.due} ` : ''}届满前，您仍可以提交陈述、申辩意见；期满后办案机构将依法作出处理决定。`
            : '听证不再举行，办案机构将依法作出处理决定，并向您送达决定书（《行政处罚法》第六十四条）。',
        }
      : h?.abandoned
        ? { type: 'info', title: '听证已终止', description: '当事人无正当理由未出席或者中途退出听证的，视为放弃听证权利（《行政处罚法》第六十四条）。' }
        : h?.heldOn && h.heldOn <= todayShanghai()
          ? { type: 'success', title: `听证已于 ${h.heldOn} 举行`, description: '办案机构将根据听证笔录依法作出决定（《行政处罚法》第六十五条）。' }
          : h?.noticeOn
            ? { type: 'success', title: `听证定于 ${h.heldOn ?? '（待定）'} 举行`, description: `办案机构已于 ${h.noticeOn} 通知。请按时参加；无正当理由不参加的，视为放弃听证权利。` }
            : { type: 'success', title: `您已于 ${h?.requestedOn ?? ''} 要求听证`, description: '办案机构将在举行听证的七个工作日前通知您听证的时间、地点。' };
  } else if (c.partyKind === 'citizen') {
    state = { type: 'info', title: `本案当事人为自然人（${c.partyName}）`, description: '陈述、申辩或者要求听证应由当事人本人向办案机构提出，企业账户不能代为办理。' };
  } else if (c.statementReceived) state = { type: 'success', title: `您已提交陈述、申辩（${last?.receivedOn ?? ''}）`, description: acts.length ? '办案机构将对您提出的事实、理由和证据进行复核；期限内可以补充。' : '办案机构将对您提出的事实、理由和证据进行复核。' };
  else if (acts.length) state = { type: 'warning', title: '执法机构已告知拟作出的处罚，您有权陈述、申辩' + (c.hearingRightReasons.length ? '和要求听证' : '') };
  else if (statementDue?.overdue) state = { type: 'info', title: '陈述、申辩期限已届满，逾期未提出的视为放弃', description: '办案机构将依法作出处理决定。' };
  else state = { type: 'info', title: '执法机构已告知拟作出的处罚', description: '如有疑问，请与办案机构联系。' };
  return (
    <div className="pr-panel" data-testid="party-rights">
      <Alert
        type={state.type}
        showIcon
        data-testid="enterprise-hint"
        title={state.title}
        description={
          <>
            {state.description ? <div>{state.description}</div> : null}
            {acts.length ? (
              <ul className="pr-periods">
                {statementDue && acts.includes('record_statement') ? (
                  <li>
                    陈述、申辩：请于 <b>{statementDue.due}</b> 前提出（{statementDue.dueToday ? '今日到期' : `剩余 ${statementDue.workingDaysLeft} 个工作日`}）
                  </li>
                ) : null}
                {hearingDue && acts.includes('request_hearing') ? (
                  <li>
                    要求听证：请于 <b>{hearingDue.due}</b> 前提出（告知后五个工作日内，法定节假日不计入）；听证范围：{c.hearingRightReasons.join('；')}
                  </li>
                ) : null}
                {acts.includes('withdraw_hearing') ? <li>听证举行前，您可以撤回听证申请；撤回后不再举行听证，也不能再次要求听证（《行政处罚法》第六十四条）。</li> : null}
                {acts.some((a) => a !== 'withdraw_hearing') ? <li>办案机构不得因您陈述、申辩而加重处罚；逾期未提出的，视为放弃。</li> : null}
              </ul>
            ) : null}
          </>
        }
      />
      {acts.length ? (
        <div className="pr-actions">
          {acts.includes('record_statement') ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setAction('record_statement')} data-testid="party-record_statement">
              {c.statementReceived ? '补充陈述申辩' : penaltyPartyActionLabels.record_statement}
            </Button>
          ) : null}
          {acts.includes('request_hearing') ? (
            <Button type="primary" ghost icon={<AuditOutlined />} onClick={() => setAction('request_hearing')} data-testid="party-request_hearing">
              {penaltyPartyActionLabels.request_hearing}
            </Button>
          ) : null}
          {acts.includes('waive_rights') ? (
            <Button icon={<StopOutlined />} onClick={() => setAction('waive_rights')} data-testid="party-waive_rights">
              {penaltyPartyActionLabels.waive_rights}
            </Button>
          ) : null}
          {acts.includes('withdraw_hearing') ? (
            <Button danger icon={<RollbackOutlined />} onClick={() => setAction('withdraw_hearing')} data-testid="party-withdraw_hearing">
              {penaltyPartyActionLabels.withdraw_hearing}
            </Button>
          ) : null}
        </div>
      ) : null}
      {action ? <PartyActionModal c={c} action={action} party onClose={() => setAction(null)} /> : null}
    </div>
  );
}

const hearingPending = (c: CaseDetail) => c.status === 'hearing' && !!c.hearing && !c.hearing.heldOn && !c.hearing.abandoned;
const hearingWithdrawn = (c: CaseDetail) => c.status === 'hearing' && !!c.hearing?.withdrawnOn;
const statementsToReview = (c: CaseDetail) => (c.status === 'defence' && !c.rightsWaived ? (c.partySubmissions ?? []).filter((s) => s.kind === 'record_statement') : []);
/** The party acted and the officer's next step is shown (it replaces the generic "whose turn" line). */
export const hasOfficerPartyHint = (c: CaseDetail) => hearingPending(c) || hearingWithdrawn(c) || statementsToReview(c).length > 0;

/** The officer's next step after the party acted: 复核陈述申辩意见 / 安排听证 / after a withdrawn hearing request, 法制审核 (staff view). */
export function OfficerPartyHint({ c }: { c: CaseDetail }) {
  if (hearingPending(c) && c.hearing) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="officer-party-next"
        title={c.hearing.noticeOn ? `下一步：举行听证（已于 ${c.hearing.noticeOn} 通知当事人）` : '下一步：安排听证'}
        description={`当事人于 ${c.hearing.requestedOn ?? ''} 要求听证。应指定非本案调查人员主持，在举行听证的七个工作日前通知当事人时间、地点；听证结束后制作笔录，再提交法制审核（《行政处罚法》第六十四条、第六十五条）。`}
      />
    );
  }
  if (hearingWithdrawn(c)) {
    // R27: withdrawing the hearing does not cut short the statement period; until it ends the case waits
    const sd = due(c, 'statement_defense');
    if (!c.statementReceived && sd && !sd.overdue && !c.availableActions.includes('submit_review')) {
      return (
        <Alert
          type="warning"
          showIcon
          data-testid="officer-party-next"
          title={`下一步：等待陈述、申辩期限届满（当事人已于 ${c.hearing!.withdrawnOn} 撤回听证申请）`}
          description={`听证不再举行（《行政处罚法》第六十四条），但撤回听证不影响当事人陈述、申辩：期限至 ${sd.due} 届满，期满或者当事人提交陈述、申辩后再提交法制审核（第四十四条、第四十五条）。`}
        />
      );
    }
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="officer-party-next"
        title={`${c.majorCaseReasons.length ? '下一步：提交法制审核' : '下一步：提交法制审核或者报负责人决定'}（当事人已于 ${c.hearing!.withdrawnOn} 撤回听证申请）`}
        description={`听证不再举行（《行政处罚法》第六十四条）。请结合查明的事实和当事人已提出的意见，${c.majorCaseReasons.length ? '本案为重大案件，经法制审核、负责人集体讨论后依法作出决定（第五十七条、第五十八条）。' : '依法作出处理决定。'}`}
      />
    );
  }
  const statements = statementsToReview(c);
  if (statements.length) {
    const d = due(c, 'statement_defense');
    const unanswered = statements.filter((x) => !x.answer).length;
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="officer-party-next"
        title="下一步：复核陈述申辩意见"
        description={`当事人提交了${statements.length}份陈述、申辩（最近一份 ${statements.at(-1)!.receivedOn}）。请对其提出的事实、理由和证据进行复核，成立的应当采纳，必要时调整裁量；不得因陈述、申辩加重处罚（《行政处罚法》第四十五条）。${unanswered ? `还有${unanswered}份未登记采纳情况，逐份登记采纳、部分采纳或者不予采纳及理由后方可作出决定。` : ''}${d && !d.overdue ? `期限至 ${d.due} 届满，期满后提交法制审核。` : ''}`}
      />
    );
  }
  return null;
}

export const partyActionsOf = (actions: PenaltyCaseAction[]) => actions.filter(isPenaltyPartyAction);
