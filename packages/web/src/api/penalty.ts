// Penalty cases (R18, R25–R31), publication (R29) and the credit record (R32): the server's answers and the calls of
// pages/penalty and pages/credit. Penalty shapes are the contract's; credit ones follow packages/server/src/modules/credit.
import type {
  CombinedPenalty,
  DiscretionCatalogue,
  DiscretionProposal,
  ViolationFacts,
} from '@anjian/domain';
import type { PublicPenaltyDecision, PublicPenaltyDecisionPage, PublicPenaltyWithdrawal } from '@anjian/domain/contract/disclosure';
import type {
  ActionInput,
  CaseCompleteness,
  CaseDetail,
  CasePage,
  CaseQuery,
  CasePatch,
  CaseCreateInput,
  Intervention,
  InterventionInput,
  LegalReviewItem,
  PublicationItem,
  PublicationList,
  PublicationStatus,
  StatementAnswerInput,
  ViolationInput,
  WithdrawalInput,
} from '@anjian/domain/contract/penalty';
import type { BlacklistOverview, BlacklistPublication, CreditObjection, CreditRecord, CreditRepair, ObjectionInput, PublicBlacklist, RepairApplyInput } from '@anjian/domain/contract/credit';
import { request } from './client';
import type { Evidence } from './hazard';

export type { CombinedPenalty, DiscretionCatalogue, DiscretionProposal, ViolationFacts };
/** R29: a published decision on the portal, and 撤回说明 in place of a withdrawn one */
export type PublicDecision = PublicPenaltyDecision;
export type PublicWithdrawal = PublicPenaltyWithdrawal;
export type {
  ActionInput,
  CaseDeadline,
  CaseDetail,
  CaseDocument,
  CaseEvent,
  CaseListItem,
  CasePage,
  CasePatch,
  CaseQuery,
  CollectiveDiscussionInput,
  CollectiveDiscussionRecord,
  Countdown,
  HearingRecord,
  Intervention,
  InterventionInput,
  LegalReview,
  LegalReviewItem,
  PartySubmission,
  ProposedDecision,
  Publication,
  PublicationItem,
  PublicationList,
  PublicationStatus,
  PublicationWithdrawal,
  StoredViolation,
  ViolationInput,
  WithdrawalInput,
} from '@anjian/domain/contract/penalty';

// ---------- credit (R32) ----------

export type {
  BlacklistListing,
  BlacklistOverview,
  BlacklistPublication,
  CreditFact,
  CreditObjection,
  CreditRecord,
  CreditRepair,
  ObjectionInput,
  PublicBlacklist,
  RepairApplyInput,
  RepairConditions as RepairApplicationBody,
} from '@anjian/domain/contract/credit';

export const penaltiesApi = {
  list: (query: CaseQuery) => request<CasePage>('/penalty-cases', { query }),
  detail: (id: number | string) => request<CaseDetail>(`/penalty-cases/${id}`),
  create: (body: CaseCreateInput) =>
    request<CaseDetail>('/penalty-cases', { method: 'POST', body }),
  patch: (id: number, body: CasePatch) => request<CaseDetail>(`/penalty-cases/${id}`, { method: 'PATCH', body }),
  addViolation: (id: number, body: ViolationInput) => request<CaseDetail>(`/penalty-cases/${id}/violations`, { method: 'POST', body }),
  updateViolation: (id: number, no: number, body: Partial<ViolationInput>) => request<CaseDetail>(`/penalty-cases/${id}/violations/${no}`, { method: 'PATCH', body }),
  removeViolation: (id: number, no: number) => request<CaseDetail>(`/penalty-cases/${id}/violations/${no}`, { method: 'DELETE' }),
  action: (id: number, body: ActionInput) => request<CaseDetail>(`/penalty-cases/${id}/actions`, { method: 'POST', body }),
  answerStatement: (id: number, eventId: number, body: StatementAnswerInput) => request<CaseDetail>(`/penalty-cases/${id}/statements/${eventId}/answer`, { method: 'POST', body }),
  /** R27: a file for the party's statement / hearing request (multipart: clientId first, then the file) */
  uploadAttachment: (id: number, file: File, clientId: string) => {
    const form = new FormData();
    form.append('clientId', clientId);
    form.append('file', file, file.name);
    return request<Evidence>(`/penalty-cases/${id}/attachments`, { method: 'POST', body: form });
  },
  intervene: (id: number, body: InterventionInput) => request<Intervention>(`/penalty-cases/${id}/interventions`, { method: 'POST', body }),
  escalate: (id: number, reason: string) => request<CaseDetail>(`/penalty-cases/${id}/escalation`, { method: 'POST', body: { reason } }),
  publish: (id: number) => request<PublicationItem>(`/penalty-cases/${id}/publish`, { method: 'POST', body: {} }),
  catalogue: () => request<DiscretionCatalogue>('/discretion-catalog'),
  propose: (facts: ViolationFacts) => request<DiscretionProposal>('/discretion/propose', { method: 'POST', body: facts }),
  legalReviews: (result?: 'pending' | 'approved' | 'returned') => request<{ items: LegalReviewItem[] }>('/legal-reviews', { query: { result } }),
  publications: (status?: PublicationStatus) => request<PublicationList>('/penalty-publications', { query: { status } }),
  withdrawPublication: (id: number, body: WithdrawalInput) => request<PublicationItem>(`/penalty-cases/${id}/publication/withdraw`, { method: 'POST', body }),
  publicDecisions: (query: { regionCode?: string; page?: number; pageSize?: number }) =>
    request<PublicPenaltyDecisionPage>('/public/penalty-decisions', { query }),

  credit: (enterpriseId: number | string) => request<CreditRecord>(`/enterprises/${enterpriseId}/credit`),
  repairs: (status?: 'pending' | 'approved' | 'rejected') => request<{ items: CreditRepair[] }>('/credit/repairs', { query: { status } }),
  applyRepair: (body: RepairApplyInput) => request<CreditRepair>('/credit/repairs', { method: 'POST', body }),
  decideRepair: (id: number, body: { approve: boolean; opinion: string }) => request<CreditRepair>(`/credit/repairs/${id}/decision`, { method: 'POST', body }),
  objection: (body: ObjectionInput) => request<CreditObjection>('/credit/objections', { method: 'POST', body }),
  answerObjection: (id: number, body: { upheld: boolean; answer: string }) => request<CreditObjection>(`/credit/objections/${id}/answer`, { method: 'POST', body }),
  objections: (status?: 'pending' | 'upheld' | 'rejected') => request<{ items: CreditObjection[] }>('/credit/objections', { query: { status } }),
  blacklistOverview: () => request<BlacklistOverview>('/credit/blacklist'),
  publishBlacklist: (quarter?: string) => request<BlacklistPublication>('/credit/blacklist-publications', { method: 'POST', body: quarter ? { quarter } : {} }),
  publicBlacklist: (quarter?: string, regionCode?: string) => request<PublicBlacklist>('/public/blacklist', { query: { quarter, regionCode } }),
  documentPdfUrl: (id: number) => `/api/documents/${id}/pdf`,
  /** R29: the whole 卷宗 in one PDF (staff only) */
  caseFileUrl: (id: number) => `/api/penalty-cases/${id}/file.pdf`,
  /** R29: the documents the 卷宗 must hold before 结案, and those still missing */
  completeness: (id: number) => request<CaseCompleteness>(`/penalty-cases/${id}/completeness`),
};

/** Credit labels (the domain's credit/rules.ts imports the calendar, so the web keeps these two maps). */
export const creditFactKindLabels: Record<string, string> = { penalty: '行政处罚', no_penalty: '不予处罚（教育纠正）', accident: '生产安全事故', blacklist: '列入严重失信主体名单' };
export const creditSeverityLabels: Record<string, string> = { general: '一般失信行为', serious: '严重失信行为' };
