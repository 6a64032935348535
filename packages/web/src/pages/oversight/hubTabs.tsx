// The tabs of the 执法监督 hub (/oversight/<key>), in display order. A capability adds its panel with one line here;
// each tab is addressable by URL and reachable at phone width (a select there, never hidden behind '…').
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface HubTab {
  /** the URL segment: /oversight/<key> */
  key: string;
  label: string;
  Panel: LazyExoticComponent<ComponentType>;
}

export const hubTabs: HubTab[] = [
  { key: 'reviews', label: '案卷评查', Panel: lazy(() => import('./reviews/CaseReviewsPanel')) },
  { key: 'alerts', label: '监督预警', Panel: lazy(() => import('./alerts/AlertsPanel')) },
  { key: 'deadlines', label: '处罚期限监督', Panel: lazy(() => import('./OversightPage')) },
  { key: 'follow-ups', label: '执法回访', Panel: lazy(() => import('./followups/FollowUpsPanel').then((m) => ({ default: m.FollowUpsPanel }))) },
  { key: 'complaints', label: '投诉举报', Panel: lazy(() => import('./complaints/ComplaintsPanel')) },
  { key: 'interventions', label: '监督措施', Panel: lazy(() => import('./InterventionsPanel')) },
];
