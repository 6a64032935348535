// 案卷评查 (R34) and supervisory measures: the server's answers and calls. Shapes follow
// packages/server/src/modules/oversight/routes.ts.
import type { CaseReviewKind, CaseReviewStatus, InterventionKind, InterventionSubject, ItemScore, ReviewGrade, ReviewSheetItem, ReviewDefect } from '@anjian/domain/oversight';
import { download, request, type Query } from './client';

export interface ReviewRound {
  id: number;
  agencyId: number;
  agencyName: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  perAgency: number;
  ratio: number | null;
  seed: number;
  inputHash: string;
  sheetVersion: number;
  itemCount: number;
  pending: number;
  scored: number;
  drawnByName: string;
  drawnAt: string;
}

export interface ReviewItem {
  id: number;
  roundId: number;
  roundTitle: string;
  roundAgencyName: string;
  agencyId: number;
  agencyName: string;
  kind: CaseReviewKind;
  kindLabel: string;
  subjectId: number;
  subjectLabel: string;
  enterpriseId: number;
  enterpriseName: string;
  status: CaseReviewStatus;
  statusLabel: string;
  score: number | null;
  grade: ReviewGrade | null;
  gradeLabel: string | null;
  veto: boolean | null;
  defectCount: number;
  reviewerName: string | null;
  scoredAt: string | null;
}

export interface ReviewItemDetail extends ReviewItem {
  sheetVersion: number;
  sheetItems: ReviewSheetItem[];
  scores: ItemScore[] | null;
  defects: ReviewDefect[];
  comment: string | null;
  rectification: string | null;
  rectifiedByName: string | null;
  rectifiedAt: string | null;
  acceptanceOpinion: string | null;
  acceptedByName: string | null;
  acceptedAt: string | null;
  version: number;
  interventions: { id: number; kind: InterventionKind; content: string; dueOn: string | null; recordedByName: string; recordedAt: string }[];
  can: { score: boolean; rectify: boolean; accept: boolean; intervene: boolean };
  reviewBlockedReason: string | null;
}

export interface LeagueRow {
  rank: number | null;
  agencyId: number;
  agencyName: string;
  drawn: number;
  scored: number;
  average: number | null;
  excellent: number;
  failed: number;
  passRate: number | null;
  openRectifications: number;
}

export interface SheetView {
  sheet: { version: number; items: ReviewSheetItem[]; note: string; createdByName: string | null; createdAt: string | null };
  canEdit: boolean;
  versions: { version: number; note: string; createdByName: string | null; createdAt: string | null; itemCount: number }[];
}

export interface OversightMeasure {
  id: number;
  subjectType: InterventionSubject;
  subjectTypeLabel: string;
  subjectId: number;
  subjectLabel: string;
  kind: InterventionKind;
  kindLabel: string;
  content: string;
  dueOn: string | null;
  targetAgencyName: string;
  agencyName: string | null;
  recordedByName: string;
  recordedAt: string;
}

export interface ReviewItemQuery extends Query {
  roundId?: number;
  agencyId?: number;
  kind?: CaseReviewKind;
  status?: CaseReviewStatus;
  grade?: ReviewGrade;
  page?: number;
  pageSize?: number;
}

export const caseReviewsApi = {
  rounds: () => request<{ canDraw: boolean; items: ReviewRound[] }>('/case-reviews/rounds'),
  draw: (body: { quarter?: string; periodStart?: string; periodEnd?: string; perAgency?: number; ratio?: number; seed?: number }) => request<ReviewRound>('/case-reviews/rounds', { method: 'POST', body }),
  verify: (id: number) => request<{ ok: boolean; reason: string | null; inputHash: string; seed: number }>(`/case-reviews/rounds/${id}/verify`, { method: 'POST', body: {} }),
  items: (query: ReviewItemQuery) => request<{ items: ReviewItem[]; total: number; page: number; pageSize: number }>('/case-reviews', { query }),
  exportItems: (query: ReviewItemQuery) => download('/case-reviews/export', { ...query, page: undefined, pageSize: undefined }, '案卷评查台账.xlsx'),
  item: (id: number) => request<ReviewItemDetail>(`/case-reviews/${id}`),
  score: (id: number, body: { scores: ItemScore[]; comment?: string }) => request<{ score: number; gradeLabel: string; statusLabel: string }>(`/case-reviews/${id}/score`, { method: 'POST', body }),
  rectify: (id: number, content: string) => request(`/case-reviews/${id}/rectification`, { method: 'POST', body: { content } }),
  accept: (id: number, body: { accept: boolean; opinion: string }) => request(`/case-reviews/${id}/acceptance`, { method: 'POST', body }),
  league: (roundId?: number) => request<{ roundId: number | null; roundTitle: string | null; rows: LeagueRow[] }>('/case-reviews/league', { query: { roundId } }),
  sheet: (version?: number) => request<SheetView>('/case-reviews/sheet', { query: { version } }),
  publishSheet: (body: { items: ReviewSheetItem[]; note: string }) => request<{ version: number }>('/case-reviews/sheet', { method: 'POST', body }),
  measures: (query: { subjectType?: InterventionSubject; kind?: InterventionKind; page?: number; pageSize?: number }) => request<{ items: OversightMeasure[]; total: number; page: number; pageSize: number }>('/oversight/interventions', { query }),
  recordMeasure: (body: { subjectType: InterventionSubject; subjectId: number; kind: InterventionKind; content: string; dueOn?: string | null }) => request('/oversight/interventions', { method: 'POST', body }),
};
