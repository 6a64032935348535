// 执法监督 (R25, R29, R31, R32, R38), the serious-dishonesty list (R32) and the 《安全生产法》第一百一十二条/第一百一十三条
// alerts: the server's answers and calls. The 执法监督 and alert shapes are the contract's;
// the others follow packages/server/src/modules/credit/{routes,service}.ts.
import type { AccidentGrade } from '@anjian/domain/penalty';
import type { BlacklistGroundId } from '@anjian/domain/credit';
import type { PenaltyOversightView } from '@anjian/domain/contract/oversight';
import type { EnforcementAlerts } from '@anjian/domain/contract/penalty';
import { request } from './client';

export type {
  LateAnswer,
  LateBlacklistPublication,
  LatePublication,
  LateWithdrawal,
  OverdueDeadline,
  OversightDeviation,
  OversightIntervention,
  PenaltyOversightView as OversightView,
} from '@anjian/domain/contract/oversight';
export type { ClosureGround, DailyPenaltyCandidate, EnforcementAlerts } from '@anjian/domain/contract/penalty';

// ---------- the serious-dishonesty list ----------

export interface BlacklistGround {
  id: BlacklistGroundId;
  text: string;
  basis: string;
}

export interface ManagedListing {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  listedOn: string;
  removedOn: string | null;
  removalReason: string | null;
  reason: string;
  grounds: BlacklistGround[];
  active: boolean;
  expiresOn: string;
  earlyRemovalFrom: string;
  canApplyEarly: boolean;
}

export interface QuarterRef {
  key: string;
  label: string;
  start?: string;
  end?: string;
}

export interface BlacklistManagement {
  listings: ManagedListing[];
  publications: { id: number; quarter: string; quarterLabel: string; dueOn: string; late: boolean; entries: number; publishedAt: string }[];
  pending: { quarter: QuarterRef; due: string; overdue: boolean }[];
  current: { quarter: QuarterRef; due: string; overdue: boolean; published: boolean; publishedAt: string | null; canPublish: boolean };
}

export interface AccidentInput {
  occurredOn: string;
  grade: AccidentGrade;
  responsible: boolean;
  aggravatedFine?: boolean;
  concealed?: boolean;
  principalFailedRescue?: boolean;
}

export interface BlacklistFactsInput {
  accidents: AccidentInput[];
  unlicensedOperationPenalised?: boolean;
  institutionFraudPenalised?: boolean;
  refusedExecution?: boolean;
  otherSeriousReason?: string | null;
}

export interface RemovalApplication {
  obligationsPerformed: boolean;
  violationCorrected: boolean;
  commitmentSigned: boolean;
  noNewSeriousConduct: boolean;
}

// ---------- 《安全生产法》第一百一十二条、第一百一十三条 ----------

export const oversightApi = {
  view: () => request<PenaltyOversightView>('/penalty-oversight'),
  alerts: (enterpriseId: number | string) => request<EnforcementAlerts>(`/enterprises/${enterpriseId}/penalty-alerts`),
  blacklist: () => request<BlacklistManagement>('/credit/blacklist'),
  addToBlacklist: (body: { enterpriseId: number; reason: string; facts: BlacklistFactsInput }) => request<{ id: number; creditStatus: string; expiresOn: string }>('/credit/blacklist', { method: 'POST', body }),
  removeFromBlacklist: (id: number, body: { reason: string; application: RemovalApplication }) => request<{ id: number; removedOn: string; creditStatus: string }>(`/credit/blacklist/${id}/remove`, { method: 'POST', body }),
  publishBlacklist: (quarter?: string) =>
    request<{ id: number; quarterKey: string; quarterLabel: string; late: boolean; entries: unknown[] }>('/credit/blacklist-publications', { method: 'POST', body: quarter ? { quarter } : {} }),
};
