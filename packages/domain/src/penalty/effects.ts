// What one step of a penalty case changes (R27–R30), next to its transition rules (workflow.ts): the case's fields
// and dates it sets, the legal review it opens or concludes, and what follows it (documents, publication, credit).
// Pure: the server checks the step (transitionProblems), then stores these effects, issues the documents and audits.
import type { IsoDate } from '../calendar/workingDays.js';
import { correctiveOrders, discretionTiers, type DiscretionTier, type PenaltyCaseAction, type PenaltyProcedure } from './labels.js';
import { decisionDue, type PenaltyDeadlineConfig } from './deadlines.js';
import { hearingRightReasons, type HearingRecord, type ProposedDecision } from './workflow.js';
import type { ServiceFacts } from './caseRecords.js';

/** R27: the text recorded when the party gives its rights up in writing without saying more. */
export const RIGHTS_WAIVER_TEXT = '当事人书面声明放弃陈述、申辩和听证权利';

/** The reason recorded with a step: the one given, else (for a waiver) the waiver's own words. */
export function actionReason(action: PenaltyCaseAction, reason: string | null | undefined): string | null {
  return reason?.trim() || (action === 'waive_rights' ? RIGHTS_WAIVER_TEXT : null);
}

/**
 * R18: how a decision (or a cancellation) ends the case, for rectificationOnlyProblems: a cancellation punishes
 * nothing; a decision with a fine or a sanction beyond the orders to correct is a penalty; else rectification only.
 */
export function decisionOutcome(action: 'decide' | 'decide_on_spot' | 'cancel', proposal: ProposedDecision | null | undefined): 'penalty' | 'rectification_only' | 'no_penalty' {
  if (action === 'cancel' || proposal?.kind !== 'penalty') return 'no_penalty';
  return proposal.fine > 0 || proposal.sanctions.some((s) => !correctiveOrders.includes(s)) ? 'penalty' : 'rectification_only';
}

/** R18: the most serious circumstance among the case's violations (null without any). */
export function worstCircumstance(tiers: readonly DiscretionTier[]): DiscretionTier | null {
  return tiers.reduce<DiscretionTier | null>((w, t) => (w == null || discretionTiers.indexOf(t) > discretionTiers.indexOf(w) ? t : w), null);
}

/** The case as the step finds it: what its effects depend on. */
export interface ActionEffectCase {
  procedure: PenaltyProcedure;
  partyKind: 'organization' | 'citizen';
  statementReceived: boolean;
  statementText: string | null;
  hearing: unknown;
  noPenaltyBasis: string | null;
}

export interface ActionEffectInput {
  action: PenaltyCaseAction;
  /** the agency's day of the step */
  today: IsoDate;
  /** the day the party made its act: today online, the day received for a paper submission */
  on: IsoDate;
  /** the reason recorded (actionReason) */
  reason: string | null;
  /** the decision as now proposed */
  proposal: ProposedDecision | null;
  /** R25: the discretion's reasoning of the violations ('' without any) */
  reasoning: string;
  /** who decides (the decision names them) */
  decidedBy: string;
  service?: ServiceFacts | null;
  transferTo?: string | null;
  deadlines?: PenaltyDeadlineConfig;
}

/** The case's fields a step sets (besides its status); a field absent is unchanged. */
export interface CaseFieldChanges {
  openedOn?: IsoDate;
  decisionDue?: IsoDate;
  closedOn?: IsoDate;
  notified?: ProposedDecision | null;
  notifiedOn?: IsoDate;
  statementReceived?: boolean;
  statementText?: string | null;
  rightsWaived?: boolean;
  hearing?: (Partial<HearingRecord> & Record<string, unknown>) | null;
  decidedOn?: IsoDate;
  decision?: ProposedDecision & { reasoning: string; decidedBy: string; decidedOn: IsoDate; noPenaltyBasis: string | null };
  servedOn?: IsoDate;
  service?: ServiceFacts & { servedOn: IsoDate };
  transferredTo?: string;
}

export interface ActionEffects {
  set: CaseFieldChanges;
  /** R28: the legal review the step opens, or the result it records on the pending one */
  legalReview: 'submit' | 'approved' | 'returned' | null;
  /** the documents that follow besides the step's own (issueCaseDocuments) */
  documents: {
    /** R27: 听证告知书 with the 告知书 when the notified decision gives the right to a hearing */
    hearingNotice: boolean;
    /** issue #17: 送达回证 on serving */
    serviceRecord: boolean;
    /** issue #17: 法制审核意见书 on the review's conclusion */
    legalReviewOpinion: boolean;
  };
  /** R35: the case number is the 立案审批表's number */
  caseNumberFromFirstDocument: boolean;
  /** R29: a general-procedure penalty decision is published (行政处罚决定公开) */
  publication: boolean;
  /** R32: a decision goes into the credit record */
  credit: boolean;
}

/** The effects of one step that transitionProblems allowed (R27–R30). */
export function penaltyActionEffects(c: ActionEffectCase, i: ActionEffectInput): ActionEffects {
  const set: CaseFieldChanges = {};
  const decided = i.action === 'decide' || i.action === 'decide_on_spot';
  switch (i.action) {
    case 'open':
      set.openedOn = i.today;
      set.decisionDue = decisionDue(i.today, i.deadlines);
      break;
    case 'cancel':
    case 'close':
      set.closedOn = i.today;
      break;
    case 'notify':
      // R27: a new notice (after the case was sent back) starts the party's rights over, the hearing request with
      // them; the earlier request and hearing stay in the timeline, the audit log and the documents issued
      Object.assign(set, { notified: i.proposal, notifiedOn: i.today, statementReceived: false, rightsWaived: false, hearing: null });
      break;
    case 'record_statement':
      // R27: a further statement within the period is appended as a supplement (补充陈述、申辩), not refused: the
      // agency hears everything the party puts forward before deciding (《行政处罚法》第四十五条)
      set.statementReceived = true;
      set.statementText = c.statementReceived && c.statementText ? `${c.statementText}\n【补充陈述、申辩（${i.on}）】${i.reason}` : i.reason;
      break;
    case 'request_hearing':
      // a second request is refused by the workflow: the hearing is already being arranged (第六十四条)
      set.hearing = { requestedOn: i.on };
      break;
    case 'waive_rights':
      set.rightsWaived = true;
      break;
    case 'withdraw_hearing':
      // R27 (第六十四条): withdrawn before the hearing — not held; the record keeps the request and says when
      set.hearing = { ...(c.hearing as Record<string, unknown>), abandoned: true, withdrawnOn: i.on };
      break;
    case 'decide':
    case 'decide_on_spot':
      if (i.action === 'decide_on_spot') set.openedOn = i.today;
      set.decidedOn = i.today;
      set.decision = { ...i.proposal!, reasoning: i.reasoning, decidedBy: i.decidedBy, decidedOn: i.today, noPenaltyBasis: c.noPenaltyBasis };
      break;
    case 'serve': {
      const servedOn = i.service!.servedOn ?? i.today;
      set.servedOn = servedOn;
      set.service = { ...i.service!, servedOn };
      break;
    }
    case 'transfer':
      set.transferredTo = i.transferTo!.trim();
      break;
    default:
      break;
  }
  const concludesReview = i.action === 'approve_review' || i.action === 'reject_review';
  return {
    set,
    legalReview: i.action === 'submit_review' ? 'submit' : i.action === 'approve_review' ? 'approved' : i.action === 'reject_review' ? 'returned' : null,
    documents: {
      hearingNotice: i.action === 'notify' && hearingRightReasons(c.partyKind, i.proposal).length > 0,
      serviceRecord: i.action === 'serve',
      legalReviewOpinion: concludesReview,
    },
    caseNumberFromFirstDocument: i.action === 'open',
    publication: decided && i.proposal?.kind === 'penalty' && c.procedure === 'general',
    credit: decided && !!i.proposal,
  };
}
