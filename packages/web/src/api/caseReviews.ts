// 案卷评查 (R34) and supervisory measures: the server's answers and calls. Shapes follow
// packages/server/src/modules/oversight/routes.ts.
import type {
  AcceptanceInput,
  League,
  MeasureInput,
  MeasurePage,
  MeasureQuery,
  MeasureRecorded,
  ReviewItemDetail,
  ReviewItemPage,
  ReviewItemQuery,
  ReviewRound,
  ReviewStatus,
  RoundInput,
  RoundList,
  RoundVerification,
  ScoreInput,
  Scored,
  SheetInput,
  SheetPublished,
  SheetView,
} from '@anjian/domain/contract/oversight';
import { download, request } from './client';

export type { LeagueRow, OversightMeasure, ReviewItem, ReviewItemDetail, ReviewItemQuery, ReviewRound, SheetView } from '@anjian/domain/contract/oversight';

export const caseReviewsApi = {
  rounds: () => request<RoundList>('/case-reviews/rounds'),
  draw: (body: RoundInput) => request<ReviewRound>('/case-reviews/rounds', { method: 'POST', body }),
  verify: (id: number) => request<RoundVerification>(`/case-reviews/rounds/${id}/verify`, { method: 'POST', body: {} }),
  items: (query: ReviewItemQuery) => request<ReviewItemPage>('/case-reviews', { query }),
  exportItems: (query: ReviewItemQuery) => download('/case-reviews/export', { ...query, page: undefined, pageSize: undefined }, '案卷评查台账.xlsx'),
  item: (id: number) => request<ReviewItemDetail>(`/case-reviews/${id}`),
  score: (id: number, body: ScoreInput) => request<Scored>(`/case-reviews/${id}/score`, { method: 'POST', body }),
  rectify: (id: number, content: string) => request<ReviewStatus>(`/case-reviews/${id}/rectification`, { method: 'POST', body: { content } }),
  accept: (id: number, body: AcceptanceInput) => request<ReviewStatus>(`/case-reviews/${id}/acceptance`, { method: 'POST', body }),
  league: (roundId?: number) => request<League>('/case-reviews/league', { query: { roundId } }),
  sheet: (version?: number) => request<SheetView>('/case-reviews/sheet', { query: { version } }),
  publishSheet: (body: SheetInput) => request<SheetPublished>('/case-reviews/sheet', { method: 'POST', body }),
  measures: (query: MeasureQuery) => request<MeasurePage>('/oversight/interventions', { query }),
  recordMeasure: (body: MeasureInput) => request<MeasureRecorded>('/oversight/interventions', { method: 'POST', body }),
};
