// 执法监督 (R25, R29, R31, R32, R38), the serious-dishonesty list (R32) and the 《安全生产法》第一百一十二条/第一百一十三条
// alerts: the server's answers and calls. Shapes follow packages/server/src/modules/penalties/{oversight,alerts}.ts
// and packages/server/src/modules/credit/{routes,service}.ts.
import type { PublicationWithdrawalGround } from '@anjian/domain/penalty';
import type { BlacklistAddInput, BlacklistListed, BlacklistOverview as BlacklistManagement, BlacklistPublication, BlacklistRemoveInput } from '@anjian/domain/contract/credit';
import { request } from './client';

export interface OverdueDeadline {
  caseId: number;
  caseNumber: string | null;
  enterpriseId: number;
  enterpriseName: string;
  status: string;
  statusLabel: string;
  deadline: 'decision' | 'rights_notice' | 'service' | 'payment';
  label: string;
  nextStep: string;
  basis: string;
  due: string;
  daysLate: number;
  workingDaysLate: number;
}

export interface OversightIntervention {
  id: number;
  caseId: number;
  caseNumber: string | null;
  caseStatus: string;
  caseStatusLabel: string;
  enterpriseId: number;
  enterpriseName: string;
  intervenerName: string;
  intervenerPosition: string;
  method: string;
  content: string;
  occurredOn: string;
  recordedByName: string;
  recordedAt: string;
}

export interface OversightDeviation {
  caseId: number;
  caseNumber: string | null;
  caseStatus: string;
  caseStatusLabel: string;
  decidedOn: string | null;
  enterpriseId: number;
  enterpriseName: string;
  violationNo: number;
  itemCode: string;
  violation: string;
  basis: string;
  tier: string | null;
  tierLabel: string | null;
  amountRange: { min: number; max: number } | null;
  suggestedAmount: number | null;
  amount: number | null;
  reason: string | null;
  assessedBy: string | null;
  assessedAt: string;
}

interface Lateness {
  daysLate: number;
  workingDaysLate: number;
}

export interface LatePublication extends Lateness {
  caseId: number;
  caseNumber: string | null;
  enterpriseId: number;
  enterpriseName: string;
  decidedOn: string;
  dueOn: string;
  publishedOn: string | null;
  published: boolean;
}

/** 《行政处罚法》第四十八条第二款: a published decision withdrawn later than 3 working days after it was changed or annulled */
export interface LateWithdrawal extends Lateness {
  caseId: number;
  caseNumber: string | null;
  enterpriseId: number;
  enterpriseName: string;
  changedOn: string | null;
  dueOn: string;
  withdrawnOn: string;
  ground: PublicationWithdrawalGround;
}

export interface LateAnswer extends Lateness {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  appliedOn?: string;
  receivedOn?: string;
  answerDue: string;
  status: string;
  decidedOn: string | null;
}

export interface LateBlacklistPublication extends Lateness {
  id: number;
  quarter: string;
  quarterLabel: string;
  agencyName: string;
  dueOn: string;
  publishedOn: string;
}

export interface OversightView {
  today: string;
  overdue: OverdueDeadline[];
  interventions: OversightIntervention[];
  deviations: OversightDeviation[];
  latePublications: LatePublication[];
  lateWithdrawals: LateWithdrawal[];
  lateRepairs: LateAnswer[];
  lateObjections: LateAnswer[];
  lateBlacklistPublications: LateBlacklistPublication[];
}

// ---------- the serious-dishonesty list ----------

export type {
  AccidentInput,
  BlacklistFactsInput,
  BlacklistGround,
  BlacklistListed,
  BlacklistOverview as BlacklistManagement,
  BlacklistPublication,
  ManagedListing,
  QuarterRef,
  RepairConditions as RemovalApplication,
} from '@anjian/domain/contract/credit';

// ---------- 《安全生产法》第一百一十二条、第一百一十三条 ----------

export interface DailyPenaltyCandidate {
  penaltyId?: number;
  from: string;
  until: string;
  days: number;
  perDay: number;
  amount: number;
  text: string;
}

export interface ClosureGround {
  ground: string;
  clause: string;
  text: string;
  penaltyIds?: number[];
  window?: { from: string; to: string; count: number; span: '180_days' | 'one_year' };
}

export interface EnforcementAlerts {
  dailyPenalty: DailyPenaltyCandidate[];
  closure: ClosureGround[];
}

export const oversightApi = {
  view: () => request<OversightView>('/penalty-oversight'),
  alerts: (enterpriseId: number | string) => request<EnforcementAlerts>(`/enterprises/${enterpriseId}/penalty-alerts`),
  blacklist: () => request<BlacklistManagement>('/credit/blacklist'),
  addToBlacklist: (body: BlacklistAddInput) => request<BlacklistListed>('/credit/blacklist', { method: 'POST', body }),
  removeFromBlacklist: (id: number, body: BlacklistRemoveInput) => request<BlacklistListed>(`/credit/blacklist/${id}/remove`, { method: 'POST', body }),
  publishBlacklist: (quarter?: string) => request<BlacklistPublication>('/credit/blacklist-publications', { method: 'POST', body: quarter ? { quarter } : {} }),
};
