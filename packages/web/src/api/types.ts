import type { z } from 'zod';
import type { statsOverview } from '@anjian/domain/contract/reporting';
import type { Officer, OfficerPatchInput } from '@anjian/domain/contract/registry';
import type { apiError } from '@anjian/domain/contract/common';
import type { AuditEntry } from '@anjian/domain/contract/audit';

/** an error answer as the server sends it (4xx/5xx) */
export type ApiErrorBody = Pick<z.infer<typeof apiError>, 'code' | 'message'>;

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export type { JobRun, Me, MeAgency, TodoItem } from '@anjian/domain/contract/auth';
export type { Enterprise, EnterpriseInput, EnterprisePatchInput as EnterprisePatch, ImportJob, ImportRowError, ImportStatus } from '@anjian/domain/contract/registry';

export type { AuditEntry } from '@anjian/domain/contract/audit';
export type AuditChange = AuditEntry['changes'][number];

export type CredentialStatus = Officer['credentialStatus'];

export type { Officer, OfficerCreateInput as OfficerInput } from '@anjian/domain/contract/registry';

/** 离职 / 执法证注销 (each null to undo) */
export type OfficerStatusPatch = Pick<OfficerPatchInput, 'leftOn' | 'credentialRevokedOn' | 'credentialRevokedReason'>;

export type { Agency, AgencyDetail, Region } from '@anjian/domain/contract/registry';

export type { User, UserInput, UserPatch } from '@anjian/domain/contract/auth';

export type StatsOverview = z.input<typeof statsOverview>;

/** R35: a chain head recorded outside the database (position, hash, time), and the chain's check */
export type { AuditAnchor, AuditVerification as AuditVerify } from '@anjian/domain/contract/audit';

// ---------- Planning (R5–R14, R20, R21) ----------

export type {
  Holiday,
  HolidayRound,
  HolidayYear,
  PlanAction,
  PlanCategory,
  PlanDetail,
  PlanEntriesPage,
  PlanEntry,
  PlanExplain,
  PlanFiling,
  PlanListItem,
  PlanMonth,
  PlanParams,
  PlanParamsInput,
  PlanPreview,
  PlanStatus,
  PlanSummary,
  PlanVersionInfo,
  PublicTarget,
  PublicTargets,
  UnplannedCreated,
  UnplannedInput,
  UnplannedItem,
  UnplannedStatus,
  UnplannedTrigger,
} from '@anjian/domain/contract/planning';

export type { DrawBody as DrawInputBody, Draw, DrawListItem, DrawOfficerView, DrawVerify } from '@anjian/domain/contract/draw';

// R38: the bureau's calendar (GET /api/calendar/:year)
export type { CalendarChange, CalendarNoticeInput, CalendarYearView } from '@anjian/domain/contract/calendar';
