// 执法监督 (R25, R29, R31, R32, R38), the serious-dishonesty list (R32) and the 《安全生产法》第一百一十二条/第一百一十三条
// alerts: the server's answers and calls, in the contract's shapes.
import type { BlacklistAddInput, BlacklistListed, BlacklistOverview as BlacklistManagement, BlacklistPublication, BlacklistRemoveInput } from '@anjian/domain/contract/credit';
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

export const oversightApi = {
  view: () => request<PenaltyOversightView>('/penalty-oversight'),
  alerts: (enterpriseId: number | string) => request<EnforcementAlerts>(`/enterprises/${enterpriseId}/penalty-alerts`),
  blacklist: () => request<BlacklistManagement>('/credit/blacklist'),
  addToBlacklist: (body: BlacklistAddInput) => request<BlacklistListed>('/credit/blacklist', { method: 'POST', body }),
  removeFromBlacklist: (id: number, body: BlacklistRemoveInput) => request<BlacklistListed>(`/credit/blacklist/${id}/remove`, { method: 'POST', body }),
  publishBlacklist: (quarter?: string) => request<BlacklistPublication>('/credit/blacklist-publications', { method: 'POST', body: quarter ? { quarter } : {} }),
};
