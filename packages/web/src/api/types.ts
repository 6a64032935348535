import type { z } from 'zod';
import type { statsOverview } from '@anjian/domain/contract/reporting';
import type { AgencyLevel } from '@anjian/domain/enums';
import type { AuditBreakKind } from '@anjian/domain/audit';
import type { OfficerPatchInput } from '@anjian/domain/contract/registry';

export interface ApiErrorBody {
  code: string;
  message: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export type { JobRun, Me, MeAgency, TodoItem } from '@anjian/domain/contract/auth';
export type { Enterprise, EnterpriseInput, EnterprisePatchInput as EnterprisePatch, ImportJob, ImportRowError, ImportStatus } from '@anjian/domain/contract/registry';

export interface AuditChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
  /** the values as a reader reads them (labels, Beijing time, short sentences) */
  beforeText: string;
  afterText: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  actionLabel: string;
  /** the object in Chinese with its number or name */
  objectLabel: string;
  entityType: string;
  entityId: number | string | null;
  /** why the change was made (supervision transfer, seed, import); not in docs/api.md but returned by the server */
  reason?: string | null;
  before: unknown;
  after: unknown;
  changes: AuditChange[];
  /** R35: chain position and hash; null while the entry awaits sealing (待封存, moments after its commit) */
  seq?: number | null;
  hash: string | null;
}

export type CredentialStatus = 'valid' | 'expiring' | 'expired';

export type { Officer, OfficerCreateInput as OfficerInput } from '@anjian/domain/contract/registry';

/** 离职 / 执法证注销 (each null to undo) */
export type OfficerStatusPatch = Pick<OfficerPatchInput, 'leftOn' | 'credentialRevokedOn' | 'credentialRevokedReason'>;

export interface Agency {
  id: number;
  name: string;
  level: AgencyLevel;
  regionCode: string;
  regionName: string;
  parentId: number | null;
}

export interface AgencyDetail extends Agency {
  enterpriseCount: number;
  officerCount: number;
}

export interface Region {
  code: string;
  name: string;
  level: string;
  hasChildren: boolean;
}

export type { User, UserInput, UserPatch } from '@anjian/domain/contract/auth';

export type StatsOverview = z.input<typeof statsOverview>;

/** R35: a chain head recorded outside the database (position, hash, time) */
export interface AuditAnchor {
  seq: number;
  hash: string;
  at: string;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  /** the first problem in chain order: position, the entry there (null if missing), kind (AuditBreakKind), reason */
  firstBroken: null | { seq: number; id: number | null; kind: AuditBreakKind; reason: string };
  /** entries committed but not yet sealed into the chain when the check ended (not a break) */
  unsealed?: { count: number; oldestAt: string | null };
  /** the anchors the chain was compared with */
  anchors?: { count: number; latest: AuditAnchor | null };
}

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
export interface CalendarChange {
  regionCode: string;
  what: string;
  subject: string;
  before: string;
  after: string;
}

export interface CalendarYearView {
  year: number;
  official: boolean;
  notice: { number: string; issuedOn: string } | null;
  source: 'notice' | 'package' | 'statutory';
  days: { date: string; working: boolean; name?: string; kind: 'holiday' | 'makeup' | 'weekend' | 'workday' }[];
  holidays: { name: string; start: string; end: string; daysOff: number; makeupWorkdays: string[] }[];
  versions: { version: number; source: string; notice: { number: string; issuedOn: string } | null; enteredAt: string; enteredBy: string | null; changes: CalendarChange[] }[];
}

export interface CalendarNoticeInput {
  notice: { number: string; issuedOn: string };
  holidays: { name: string; from: string; to: string }[];
  makeupWorkdays: string[];
}
