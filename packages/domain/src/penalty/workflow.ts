// R27/R28/R30/R18: the penalty-case state machine. 立案 → 调查取证 → 告知（陈述、申辩、听证权利）→ 陈述申辩/听证 → 法制审核
// → 决定 → 送达 → 执行 → 结案, the simple procedure decided on the spot (《行政处罚法》第五十一条), transfer to the judicial
// organs (移送, R30), who may do what, and major-case detection (重大案件须经法制审核后方可决定, R28). The server keeps
// the case; these functions only say whether an action is allowed now, and why not (in Chinese).
import { roleLabels, type Role } from '../registry/enums.js';
import type { IsoDate } from '../calendar/workingDays.js';
import {
  correctiveOrders,
  formatYuan,
  penaltyActionLabelFor,
  penaltyActionRoles,
  penaltyCaseStatusLabels,
  isOpenUndecided,
  preDecisionStatuses,
  sanctionKindLabels,
  statementAdoptions,
  type PenaltyCaseAction,
  type PenaltyCaseStatus,
  type PenaltyDecisionKind,
  type PenaltyPartyAction,
  type PenaltyProcedure,
  type SanctionKind,
} from './catalogue.js';
import { defaultPenaltyDeadlineConfig, hearingNoticeProblems, hearingRequestDue, statementDefenseDue, type PenaltyDeadlineConfig } from './deadlines.js';
import { LEGAL_REVIEW_OPINION_MIN, type HearingMinutes, type HearingNoticeFacts } from './caseRecords.js';

/** What the state machine needs to know about a case (the server maps its row to this). */
export interface PenaltyCaseState {
  status: PenaltyCaseStatus;
  procedure: PenaltyProcedure;
  /** 'citizen' for a natural person, 'organization' for a unit (thresholds differ) */
  partyKind: 'organization' | 'citizen';
  /** the officers handling the case (承办人员); at least two (行政处罚法 第四十二条) */
  investigatorIds: readonly number[];
  openedOn?: IsoDate | null;
  /** 告知 date and what was notified (拟作出的行政处罚) */
  notifiedOn?: IsoDate | null;
  notified?: ProposedDecision | null;
  /** the decision as now proposed (may change after statement or review, never heavier because of the statement) */
  proposal?: ProposedDecision | null;
  statementReceived?: boolean;
  /** the facts as the case file states them (案情); a decision states them as established, not as suspected */
  facts?: string | null;
  /** R27/R29: the days the party's statements were received that have no recorded answer (采纳情况) yet */
  unansweredStatements?: readonly IsoDate[];
  /** the party declared in writing it gives up statement, defence and hearing */
  rightsWaived?: boolean;
  hearing?: HearingRecord | null;
  /** the review of the current round: who reviewed, its result (null = pending), and the user who submitted it */
  legalReview?: { reviewerId: number; approved: boolean | null; submittedBy?: number | null } | null;
  /** 负责人集体讨论 (行政处罚法 第五十七条第二款) */
  collectiveDiscussionHeld?: boolean;
  decidedOn?: IsoDate | null;
  servedOn?: IsoDate | null;
  /** the fine paid or enforced, sanctions carried out (or enforcement applied for at the court) */
  executionDone?: boolean;
}

export interface ProposedDecision {
  kind: PenaltyDecisionKind;
  /** total fine in yuan for this party */
  fine: number;
  /** illegal gain to confiscate, in yuan */
  confiscation?: number;
  sanctions: readonly SanctionKind[];
  /** only a warning (警告) */
  warningOnly?: boolean;
}

export interface HearingRecord {
  requestedOn: IsoDate;
  noticeOn?: IsoDate | null;
  heldOn?: IsoDate | null;
  /** 听证主持人: not one of the investigators (第六十四条第（四）项) */
  hostId?: number | null;
  /**
   * the hearing will not be held on the party's side: it did not appear or left without permission (deemed to give
   * up, 第六十四条第（六）项), or it withdrew its request before the hearing (`withdrawnOn`)
   */
  abandoned?: boolean;
  /** R27: the day the party withdrew its hearing request (撤回听证申请), online or on paper received that day; the hearing is then not held */
  withdrawnOn?: IsoDate | null;
  /** 听证通知书: time, place, 听证员, 记录员 (the 主持人 is hostId) */
  notice?: HearingNoticeFacts | null;
  /** 听证笔录 */
  minutes?: HearingMinutes | null;
}

/** The hearing took place: a hearing day is recorded and the request was not withdrawn before it. */
const hearingHeld = (h: HearingRecord | null | undefined): h is HearingRecord & { heldOn: IsoDate } => !!h?.heldOn && !h.withdrawnOn;

export interface PenaltyActor {
  /** the officer id of the caller when the login is linked to an officer record (承办人员 are officers), else −userId */
  id: number;
  role: Role;
  /** the login's user id: four eyes (审核、决定 never by the one who submitted) */
  userId?: number;
}

export interface TransitionOptions {
  /** the business date of the action; needed for the period checks */
  today?: IsoDate;
  /** the written reason of cancel / transfer / resume */
  reason?: string | null;
  majorCase?: MajorCaseThresholds;
  hearing?: HearingThresholds;
  deadlines?: PenaltyDeadlineConfig;
  /** for decide_on_spot: facts are clear and a legal basis exists (违法事实确凿并有法定依据) */
  factsClearWithBasis?: boolean;
}

// ---------- thresholds ----------

/**
 * 较大数额罚款 for the hearing right (行政处罚法 第六十三条): provinces set the amounts; where they have not, the
 * 《安全生产违法行为行政处罚办法》（2015年修正）uses 2万元 for individuals and 5万元 for units. Configurable.
 */
export interface HearingThresholds {
  organizationFine: number;
  individualFine: number;
}
export const defaultHearingThresholds: HearingThresholds = { organizationFine: 50000, individualFine: 20000 };

/** Sanctions that carry the hearing right and make a case major (第六十三条第（三）（四）项). */
export const heavySanctions: readonly SanctionKind[] = ['suspend_for_rectification', 'suspend_business', 'stop_construction', 'suspend_qualification', 'revoke_qualification', 'revoke_certificates', 'closure', 'industry_ban', 'principal_ban'];

/**
 * R28 重大案件: decided only after an approved legal review (行政处罚法 第五十八条). The defaults make every case that
 * carries the hearing right major (the hearing thresholds, 停产停业/吊销/关闭…), plus every case heard; agencies with
 * their own 重大执法决定目录 change the amounts, or set `reviewAll`.
 */
export interface MajorCaseThresholds {
  organizationFine: number;
  individualFine: number;
  sanctions: readonly SanctionKind[];
  hearingHeldIsMajor: boolean;
  /** every general-procedure decision passes legal review */
  reviewAll: boolean;
}
export const defaultMajorCaseThresholds: MajorCaseThresholds = {
  organizationFine: defaultHearingThresholds.organizationFine,
  individualFine: defaultHearingThresholds.individualFine,
  sanctions: heavySanctions,
  hearingHeldIsMajor: true,
  reviewAll: false,
};

/** 行政处罚法 第六十三条: why the party may ask for a hearing ([] = no hearing right). */
export function hearingRightReasons(partyKind: 'organization' | 'citizen', d: ProposedDecision | null | undefined, t: HearingThresholds = defaultHearingThresholds): string[] {
  if (!d || d.kind !== 'penalty') return [];
  const r: string[] = [];
  const limit = partyKind === 'organization' ? t.organizationFine : t.individualFine;
  if (d.fine >= limit) r.push(`较大数额罚款（${formatYuan(d.fine)}，${partyKind === 'organization' ? '单位' : '个人'}${formatYuan(limit)}以上）`);
  if ((d.confiscation ?? 0) >= limit) r.push(`没收较大数额违法所得（${formatYuan(d.confiscation!)}）`);
  for (const s of d.sanctions) if (heavySanctions.includes(s)) r.push(sanctionKindLabels[s]);
  return r;
}

/** R28: why a case is major ([] = not major). */
export function majorCaseReasons(c: Pick<PenaltyCaseState, 'partyKind' | 'proposal' | 'hearing' | 'procedure'>, t: MajorCaseThresholds = defaultMajorCaseThresholds): string[] {
  const r: string[] = [];
  const d = c.proposal;
  if (d && d.kind === 'penalty') {
    const limit = c.partyKind === 'organization' ? t.organizationFine : t.individualFine;
    if (d.fine >= limit) r.push(`罚款${formatYuan(d.fine)}达到重大案件标准（${formatYuan(limit)}）`);
    if ((d.confiscation ?? 0) >= limit) r.push(`没收违法所得${formatYuan(d.confiscation!)}达到重大案件标准`);
    for (const s of d.sanctions) if (t.sanctions.includes(s)) r.push(`拟${sanctionKindLabels[s]}`);
  }
  if (t.hearingHeldIsMajor && hearingHeld(c.hearing)) r.push('经过听证程序（《行政处罚法》第五十八条第一款第（二）项）');
  if (t.reviewAll && c.procedure === 'general') r.push('本机关规定普通程序案件均须法制审核');
  return r;
}

/**
 * 行政处罚法 第五十一条: the simple procedure (当场处罚) — facts clear with a legal basis, and a warning or a fine of at
 * most 200 yuan for a citizen, 3000 yuan for an organisation; no other sanction.
 */
export function simpleProcedureProblems(partyKind: 'organization' | 'citizen', d: ProposedDecision | null | undefined, factsClearWithBasis: boolean): string[] {
  const p: string[] = [];
  if (!factsClearWithBasis) p.push('适用简易程序须违法事实确凿并有法定依据（《行政处罚法》第五十一条）');
  if (!d || d.kind !== 'penalty') {
    p.push('请填写当场作出的处罚内容');
    return p;
  }
  const limit = partyKind === 'organization' ? 3000 : 200;
  if (d.fine > limit) p.push(`当场处罚的罚款不得超过${partyKind === 'organization' ? '对法人或者其他组织' : '对公民'}${limit}元（《行政处罚法》第五十一条），本案应适用普通程序`);
  if (!d.warningOnly && d.fine <= 0) p.push('当场处罚应为警告或者罚款');
  const others = d.sanctions.filter((s) => s !== 'warning' && !correctiveOrders.includes(s));
  if (others.length) p.push(`${others.map((s) => sanctionKindLabels[s]).join('、')}不能适用简易程序`);
  if ((d.confiscation ?? 0) > 0) p.push('没收违法所得不能适用简易程序');
  return p;
}

// ---------- the transitions ----------


/** Where each action may start, and where it leads ('unchanged': the case stays where it is). */
const TRANSITIONS: Record<PenaltyCaseAction, { from: readonly PenaltyCaseStatus[]; to: PenaltyCaseStatus | 'unchanged' }> = {
  open: { from: ['draft'], to: 'opened' },
  cancel: { from: ['draft', 'opened', 'investigating'], to: 'cancelled' },
  start_investigation: { from: ['opened'], to: 'investigating' },
  notify: { from: ['investigating'], to: 'notified' },
  // a further statement within the period is a supplement (补充陈述、申辩), so 'defence' may repeat
  record_statement: { from: ['notified', 'defence'], to: 'defence' },
  request_hearing: { from: ['notified', 'defence'], to: 'hearing' },
  // the waiver only ends the periods early (rightsProblems); the officer then submits for review or decides
  waive_rights: { from: ['notified', 'defence'], to: 'unchanged' },
  // R27: until the hearing is held the party may withdraw its request (第六十四条); the hearing is not held, the case
  // stays in 'hearing' (the party may still state its case, nextPenaltyStatus) and goes on to review or decision once
  // the statement period allows (rightsProblems)
  withdraw_hearing: { from: ['hearing'], to: 'unchanged' },
  submit_review: { from: ['investigating', 'notified', 'defence', 'hearing'], to: 'legal_review' },
  approve_review: { from: ['legal_review'], to: 'legal_review' },
  reject_review: { from: ['legal_review'], to: 'investigating' },
  decide: { from: ['investigating', 'notified', 'defence', 'hearing', 'legal_review'], to: 'decided' },
  decide_on_spot: { from: ['draft'], to: 'decided' },
  serve: { from: ['decided'], to: 'served' },
  start_execution: { from: ['served'], to: 'executing' },
  close: { from: ['served', 'executing', 'transferred'], to: 'closed' },
  transfer: { from: [...preDecisionStatuses.filter(isOpenUndecided), 'decided', 'served', 'executing'], to: 'transferred' },
  resume: { from: ['transferred'], to: 'investigating' },
};

/** The status after the action (null when the action cannot start from the case's status). */
export function nextPenaltyStatus(c: Pick<PenaltyCaseState, 'status'> & { hearing?: HearingRecord | null }, action: PenaltyCaseAction): PenaltyCaseStatus | null {
  const t = TRANSITIONS[action];
  // R27: a party that withdrew its hearing request is back where it was: it may still state and defend itself
  const withdrawn = action === 'record_statement' && c.status === 'hearing' && !!c.hearing?.withdrawnOn;
  if (!t.from.includes(c.status) && !withdrawn) return null;
  return t.to === 'unchanged' ? c.status : t.to;
}

const isNoPenalty = (d: ProposedDecision | null | undefined) => !!d && d.kind !== 'penalty';
const hasExecution = (d: ProposedDecision | null | undefined) => !!d && d.kind === 'penalty' && (d.fine > 0 || (d.confiscation ?? 0) > 0 || d.sanctions.some((s) => !correctiveOrders.includes(s) && s !== 'warning'));

/** Problems that keep the case in the notified / defence / hearing stage (rights not yet exhausted). */
function rightsProblems(c: PenaltyCaseState, o: TransitionOptions): string[] {
  const p: string[] = [];
  if (c.rightsWaived) return p;
  const hearingRight = hearingRightReasons(c.partyKind, c.notified ?? c.proposal, o.hearing).length > 0;
  if (c.status === 'hearing' || c.hearing) {
    const h = c.hearing;
    if (!h) p.push('请登记听证申请');
    // withdrawn before the hearing (R27): nothing to hold, nothing of a hearing to check — but the statement period
    // still runs (below): withdrawing the hearing does not cut short the party's right to state and defend itself
    else if (h.withdrawnOn) {
      /* falls through to the statement period */
    } else if (!h.heldOn && !h.abandoned) p.push('当事人要求听证的，应当组织听证后再作决定（《行政处罚法》第六十三条、第六十五条）');
    else if (h.heldOn) {
      // heldOn also carries the day a hearing is scheduled for: until that day it has not been held
      if (!h.abandoned && o.today && h.heldOn > o.today) p.push(`听证定于${h.heldOn}举行，听证结束后方可提交法制审核或者作出决定（《行政处罚法》第六十五条）`);
      if (h.hostId != null && c.investigatorIds.includes(h.hostId)) p.push('听证应由行政机关指定的非本案调查人员主持（《行政处罚法》第六十四条第（四）项）');
      if (!h.noticeOn) p.push('请登记听证通知日期');
      else p.push(...hearingNoticeProblems(h.noticeOn, h.heldOn));
      // the documents of the hearing are generated from these facts (听证通知书, 听证笔录), so they are recorded first
      if (!h.notice || h.hostId == null) p.push('请登记听证通知的时间、地点、主持人、听证员和记录员（听证通知书）');
      if (!h.abandoned && (!o.today || h.heldOn <= o.today) && !h.minutes) p.push('请登记听证笔录（调查人员意见、当事人陈述申辩、质证和最后陈述）');
    }
    if (!h?.withdrawnOn) return p;
  }
  if (!c.notifiedOn || !o.today) return p;
  const cfg = o.deadlines ?? defaultPenaltyDeadlineConfig;
  const statementDue = statementDefenseDue(c.notifiedOn, cfg);
  if (!c.statementReceived && o.today <= statementDue) p.push(`陈述、申辩期限至${statementDue}届满，期满或当事人陈述申辩、书面放弃后方可继续（《行政处罚法》第四十四条、第六十二条）`);
  // (a hearing asked for and withdrawn is not asked for again: its period no longer matters)
  if (hearingRight && !c.hearing) {
    const hearingDue = hearingRequestDue(c.notifiedOn);
    if (o.today <= hearingDue) p.push(`要求听证的期限至${hearingDue}届满（告知后五个工作日内，《行政处罚法》第六十四条）`);
  }
  return p;
}

/**
 * R27: the checks of the party's acts, the same whether the party submits online or an officer records its paper.
 * `options.today` is the day the party made it (for a paper submission, the day the agency received it).
 */
function partyActionProblems(c: PenaltyCaseState, action: PenaltyPartyAction, actor: PenaltyActor, o: TransitionOptions, reasonOk: (min?: number) => boolean): string[] {
  const p: string[] = [];
  if (actor.role === 'enterprise') {
    // the enterprise account speaks for the unit; a natural person (e.g. the principal) answers in person or in writing
    if (c.partyKind !== 'organization') p.push(action === 'withdraw_hearing' ? '本案当事人为自然人，应由当事人本人撤回听证申请，企业账户不能代为办理' : '本案当事人为自然人，应由当事人本人陈述申辩或者提出听证要求，企业账户不能代为办理');
  } else if (!c.investigatorIds.includes(actor.id)) {
    p.push(notInvestigator[action]);
  }
  if (c.rightsWaived) {
    p.push(action === 'waive_rights' ? '当事人已书面放弃陈述、申辩和听证权利，无需重复提交' : action === 'withdraw_hearing' ? '当事人已书面放弃陈述、申辩和听证权利，没有可撤回的听证申请' : '当事人已书面放弃陈述、申辩和听证权利');
    return p;
  }
  const cfg = o.deadlines ?? defaultPenaltyDeadlineConfig;
  const hearingReasons = hearingRightReasons(c.partyKind, c.notified ?? c.proposal, o.hearing);
  const statementDue = c.notifiedOn ? statementDefenseDue(c.notifiedOn, cfg) : null;
  const hearingDue = c.notifiedOn ? hearingRequestDue(c.notifiedOn) : null;
  switch (action) {
    case 'record_statement':
      if (!reasonOk(4)) p.push('请写明陈述、申辩的事实、理由（不少于4个字）');
      if (statementDue && o.today && o.today > statementDue) p.push(`陈述、申辩期限已于${statementDue}届满，逾期未提出的视为放弃（《行政处罚法》第四十四条、第四十五条）`);
      break;
    case 'request_hearing':
      if (!hearingReasons.length) p.push('拟作出的处罚不属于《行政处罚法》第六十三条规定的听证范围');
      if (hearingDue && o.today && o.today > hearingDue) p.push(`当事人应当在告知后五个工作日内（${hearingDue}前）提出听证要求，已逾期（《行政处罚法》第六十四条）`);
      break;
    case 'waive_rights': {
      const last = hearingReasons.length && hearingDue && statementDue && hearingDue > statementDue ? hearingDue : statementDue;
      if (last && o.today && o.today > last) p.push(`陈述、申辩${hearingReasons.length ? '和听证' : ''}期限已于${last}届满，逾期未提出的已视为放弃，无需再书面放弃`);
      break;
    }
    case 'withdraw_hearing': {
      // 《行政处罚法》第六十四条: the party may withdraw its request until the hearing is held; no reason is required
      const h = c.hearing;
      if (!h) p.push('当事人没有提出听证要求，无需撤回');
      else if (h.withdrawnOn) p.push(`当事人已于${h.withdrawnOn}撤回听证申请，不能重复撤回`);
      else if (h.abandoned) p.push('已登记当事人放弃听证，听证已终止，无需撤回听证申请');
      // a hearing day still ahead is only scheduled; from that day on the hearing counts as held (for paper: by the day received)
      else if (h.heldOn && (!o.today || h.heldOn <= o.today)) p.push('听证已经举行，不能撤回听证申请');
      else if (o.today && o.today < h.requestedOn) p.push(`撤回日期不能早于提出听证要求的日期（${h.requestedOn}）`);
      break;
    }
  }
  return p;
}

const notInvestigator: Record<PenaltyPartyAction, string> = {
  record_statement: '只有本案承办人员可以记录陈述、申辩',
  request_hearing: '只有本案承办人员可以登记听证申请',
  waive_rights: '只有本案承办人员可以登记当事人放弃权利',
  withdraw_hearing: '只有本案承办人员可以登记撤回听证申请',
};

/**
 * The reasons an action is refused now, in Chinese; [] means allowed. Checks, in order: the role (admin and oversight
 * take no action; the enterprise only the party's acts), the status, the people (承办人员 act on their own cases; legal
 * reviewers and hearing hosts are not investigators), then the action's own conditions.
 */
export function transitionProblems(c: PenaltyCaseState, action: PenaltyCaseAction, actor: PenaltyActor, options: TransitionOptions = {}): string[] {
  return problemsOf(c, action, actor, options, true);
}

function problemsOf(c: PenaltyCaseState, action: PenaltyCaseAction, actor: PenaltyActor, options: TransitionOptions, checkReason: boolean): string[] {
  const label = penaltyActionLabelFor(action, actor.role);
  const roles = penaltyActionRoles[action];
  if (!roles.includes(actor.role)) {
    const staff = roles.filter((r) => r !== 'enterprise');
    return [`${roleLabels[actor.role]}无权“${label}”：该操作由${staff.map((r) => roleLabels[r]).join('、')}办理`];
  }
  // a hearing is asked for once: a second request is refused (it would only repeat the first), as is one after a withdrawal
  if (action === 'request_hearing' && c.hearing) return [c.hearing.withdrawnOn ? `当事人已于${c.hearing.withdrawnOn}撤回听证申请，不能再次申请听证` : `当事人已于${c.hearing.requestedOn}提出听证要求，不能重复申请`];
  const to = nextPenaltyStatus(c, action);
  if (!to) return [`案件当前为“${penaltyCaseStatusLabels[c.status]}”，不能“${label}”`];
  const p: string[] = [];
  const investigator = c.investigatorIds.includes(actor.id);
  const twoOfficers = new Set(c.investigatorIds).size >= 2;
  const reasonOk = (min = 4) => !checkReason || (!!options.reason && options.reason.trim().length >= min);
  const major = majorCaseReasons(c, options.majorCase);

  switch (action) {
    case 'open':
      if (!twoOfficers) p.push('立案须指定两名以上具有行政执法资格的承办人员（《行政处罚法》第四十二条）');
      break;
    case 'cancel':
      if (!reasonOk()) p.push('撤销立案须写明理由');
      break;
    case 'start_investigation':
      if (!twoOfficers) p.push('调查取证须由两名以上执法人员进行（《行政处罚法》第四十二条）');
      if (!investigator) p.push('只有本案承办人员可以开展调查');
      break;
    case 'notify':
      if (!investigator) p.push('只有本案承办人员可以告知');
      if (!c.proposal || c.proposal.kind !== 'penalty') p.push('请先拟定处罚内容（事实、理由、依据和拟作出的行政处罚），再告知当事人（《行政处罚法》第四十四条）');
      // the 告知书 tells the party the facts the agency found, as the decision will (第四十四条)
      else p.push(...establishedFactsProblems(c.facts));
      break;
    case 'record_statement':
    case 'request_hearing':
    case 'waive_rights':
    case 'withdraw_hearing':
      p.push(...partyActionProblems(c, action, actor, options, reasonOk));
      break;
    case 'submit_review':
      if (!investigator) p.push('只有本案承办人员可以提交法制审核');
      if (c.status === 'investigating' && !isNoPenalty(c.proposal)) p.push('拟给予处罚的案件须先告知当事人陈述、申辩、听证等权利（《行政处罚法》第四十四条、第六十二条）');
      if (c.status !== 'investigating') p.push(...rightsProblems(c, options));
      if (!c.proposal) p.push('请先拟定处理意见');
      else if (c.proposal.kind === 'penalty') p.push(...establishedFactsProblems(c.facts));
      break;
    case 'approve_review':
    case 'reject_review':
      // an act already done is not offered again: the review of this round has its conclusion
      if (c.legalReview && c.legalReview.approved !== null) {
        p.push(c.legalReview.approved ? '法制审核已通过，请由机关负责人作出决定' : '法制审核已退回');
        break;
      }
      if (investigator) p.push('法制审核人员不得为本案承办人员');
      if (actor.userId != null && c.legalReview?.submittedBy === actor.userId) p.push('提交法制审核的人员不得审核本人提交的案件');
      if (action === 'reject_review' && !reasonOk()) p.push('退回补充调查须写明审核意见');
      // R28: the review is written down (法制审核意见书): an approval carries its opinion too
      if (action === 'approve_review' && !reasonOk(LEGAL_REVIEW_OPINION_MIN)) p.push('请写明法制审核意见');
      break;
    case 'decide': {
      // four eyes: whoever handled the case or submitted it for review does not decide it
      if (investigator) p.push('本案承办人员不得对本案作出处罚决定，应由其他机关负责人决定');
      if (actor.userId != null && c.legalReview?.submittedBy === actor.userId) p.push('提交法制审核的人员不得对本案作出决定');
      if (!c.proposal) {
        p.push('请先拟定处理决定');
        break;
      }
      if (c.status === 'investigating' && !isNoPenalty(c.proposal)) p.push('作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证权利（《行政处罚法》第四十四条、第六十二条）');
      if (c.status === 'legal_review' && c.legalReview?.approved !== true) p.push('法制审核尚未通过，不得作出决定（《行政处罚法》第五十八条）');
      if (c.status !== 'legal_review' && major.length) p.push(`重大案件须经法制审核通过后方可作出决定：${major.join('；')}`);
      if (c.status === 'notified' || c.status === 'defence' || c.status === 'hearing') p.push(...rightsProblems(c, options));
      if (c.unansweredStatements?.length) p.push(unansweredStatementsProblem(c.unansweredStatements));
      if (c.proposal.kind === 'penalty') p.push(...establishedFactsProblems(c.facts));
      if (major.length && !c.collectiveDiscussionHeld && c.proposal.kind === 'penalty') p.push('对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《行政处罚法》第五十七条第二款）');
      if (c.notified && c.proposal.kind === 'penalty') {
        const heavier = c.proposal.fine > c.notified.fine || (c.proposal.confiscation ?? 0) > (c.notified.confiscation ?? 0) || c.proposal.sanctions.some((s) => !c.notified!.sanctions.includes(s) && !correctiveOrders.includes(s));
        if (heavier) p.push('拟作出的处罚重于告知内容：不得因当事人陈述、申辩而给予更重的处罚；因新的事实需加重的，应当重新告知（《行政处罚法》第四十五条、第六十二条）');
      }
      break;
    }
    case 'decide_on_spot':
      if (c.procedure !== 'simple') p.push('当场处罚只适用于简易程序案件');
      if (!twoOfficers) p.push('当场处罚须由两名以上执法人员进行，并出示执法证件（《行政处罚法》第四十二条、第五十二条）');
      if (!investigator) p.push('只有在场的执法人员可以当场作出处罚决定');
      p.push(...simpleProcedureProblems(c.partyKind, c.proposal, options.factsClearWithBasis ?? false));
      break;
    case 'serve':
      if (!investigator) p.push('只有本案承办人员可以送达');
      break;
    case 'start_execution':
      if (!hasExecution(c.proposal)) p.push('决定没有需要执行的内容，送达后可直接结案');
      break;
    case 'close':
      if (c.status === 'executing' && !c.executionDone) p.push('罚款尚未缴纳或者决定尚未执行完毕（已申请人民法院强制执行的，请登记执行情况）');
      if (c.status === 'served' && hasExecution(c.proposal)) p.push('决定有需要执行的内容，请先进入执行');
      break;
    case 'transfer':
      if (!reasonOk(10)) p.push('移送司法机关须写明涉嫌犯罪的事实和理由');
      break;
    case 'resume':
      if (!reasonOk()) p.push('请写明司法机关不予立案或者移回的情况');
      break;
  }
  return p;
}

/** The actions the actor may take on the case now. */
export function availablePenaltyActions(c: PenaltyCaseState, actor: PenaltyActor, options: TransitionOptions = {}): PenaltyCaseAction[] {
  return (Object.keys(TRANSITIONS) as PenaltyCaseAction[]).filter((a) => {
    if (!penaltyActionRoles[a].includes(actor.role) || !nextPenaltyStatus(c, a)) return false;
    // reasons are asked for when the action is taken; do not hide the action for want of one
    return problemsOf(c, a, actor, options, false).length === 0;
  });
}

// ---------- 负责人集体讨论 (第五十七条第二款) ----------

/** Who took part in the leaders' collective discussion, and what they concluded. */
export interface CollectiveDiscussion {
  heldOn: IsoDate;
  /** 参加人员: the agency's leaders (name, position); the first presides (主持人) */
  participants: readonly { name: string; position: string }[];
  /** 讨论结论: what the leaders decided, in words */
  conclusion: string;
  /** 讨论意见: what each participant said (name: one of the participants) */
  opinions: readonly { name: string; opinion: string }[];
}

/**
 * The law says "行政机关负责人应当集体讨论决定" without a number; a discussion of one or two people is not collective.
 * Provincial rules on 重大行政执法决定 commonly require three or more leaders (a majority of the 领导班子); three
 * is the floor here.
 */
export const COLLECTIVE_DISCUSSION_MIN_PARTICIPANTS = 3;

/** The problems of a collective-discussion record ([] = it may be recorded). */
export function collectiveDiscussionProblems(d: CollectiveDiscussion, today: IsoDate, openedOn?: IsoDate | null): string[] {
  const p: string[] = [];
  const names = new Set(d.participants.map((x) => x.name.trim()).filter(Boolean));
  if (names.size !== d.participants.length) p.push('参加人员姓名不能为空或重复');
  if (names.size < COLLECTIVE_DISCUSSION_MIN_PARTICIPANTS) p.push(`集体讨论应由${COLLECTIVE_DISCUSSION_MIN_PARTICIPANTS}名以上机关负责人参加（《行政处罚法》第五十七条第二款），目前登记了${names.size}人`);
  if (d.participants.some((x) => !x.position.trim())) p.push('请填写每位参加人员的职务');
  if (d.conclusion.trim().length < 4) p.push('请写明集体讨论的结论（不少于4个字）');
  if (!d.opinions?.length) p.push('请记录参加人员的讨论意见');
  else {
    if (d.opinions.some((o) => !names.has(o.name.trim()))) p.push('发表意见的人员应为参加讨论的人员');
    if (d.opinions.some((o) => o.opinion.trim().length < 2)) p.push('请写明每位发言人员的意见');
  }
  if (d.heldOn > today) p.push('讨论日期不能晚于今天');
  if (openedOn && d.heldOn < openedOn) p.push(`讨论日期不能早于立案日期（${openedOn}）`);
  return p;
}

// ---------- 陈述、申辩的采纳情况 (第四十五条) ----------

/**
 * The agency hears the party and checks the facts, reasons and evidence it puts forward (《行政处罚法》第四十五条); the
 * decision states whether each statement was adopted. Every statement gets an answer with its reasons before the
 * decision — for 采纳 too, so the decision says what changed.
 */
export const STATEMENT_ANSWER_MIN_REASON = 4;

export function statementAnswerProblems(a: { result: string; reasons: string | null | undefined }): string[] {
  const p: string[] = [];
  if (!(statementAdoptions as readonly string[]).includes(a.result)) p.push('采纳情况应为采纳、部分采纳或不予采纳');
  if ((a.reasons ?? '').trim().length < STATEMENT_ANSWER_MIN_REASON) p.push(`请写明${a.result === 'adopted' ? '采纳' : a.result === 'partly_adopted' ? '部分采纳' : '不予采纳'}的理由（不少于${STATEMENT_ANSWER_MIN_REASON}个字）`);
  return p;
}

function unansweredStatementsProblem(days: readonly IsoDate[]): string {
  return `当事人${[...new Set(days)].join('、')}提出的陈述、申辩尚未登记采纳情况：应当对当事人提出的事实、理由和证据进行复核，逐项写明采纳、部分采纳或者不予采纳及其理由后，方可作出决定（《行政处罚法》第四十五条）`;
}

/**
 * R27/R29: the 告知书 (第四十四条) and the decision (第五十九条: 违反法律、法规、规章的事实和证据) state the facts the
 * investigation established, not the suspicion an inspection recorded (“涉嫌违反……”). A case filed from a finding keeps the finding's words
 * until the officer rewrites them, so the review and the decision wait for that.
 */
export function establishedFactsProblems(facts: string | null | undefined): string[] {
  if (facts == null) return [];
  if (/涉嫌/.test(facts)) return ['案情仍为检查时“涉嫌……”的表述：告知书和处罚决定应当写明经调查认定的违法事实，请修改案情后再告知当事人、提交法制审核或者作出决定（《行政处罚法》第四十四条、第五十九条）'];
  return [];
}
