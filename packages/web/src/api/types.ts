import type {
  AgencyLevel,
  CreditStatus,
  Industry,
  RiskCode,
  Role,
  StandardizationLevel,
} from '@anjian/domain/enums';
import type { AuditBreakKind } from '@anjian/domain/audit';

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

export interface MeAgency {
  id: number;
  name: string;
  level: AgencyLevel;
  regionCode: string;
  regionName: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agency: MeAgency | null;
  enterpriseId: number | null;
  /** the officer record linked to this login (执法人员) */
  officerId: number | null;
  /** why the login may take no enforcement act now (officer left, credential revoked or expired) */
  enforcementBlocked: string | null;
}

export interface Enterprise {
  id: number;
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  address: string;
  industry: Industry;
  riskCode: RiskCode;
  hazardSourceCount: number;
  majorHazardSourceCount: number;
  standardizationLevel: StandardizationLevel;
  creditStatus: CreditStatus;
  fatalAccidents3y: number;
  nonSiteMonitored: boolean;
  legalRepresentative: string;
  contactPhone: string;
  employeeCount: number;
  supervisingAgencyId: number;
  supervisingAgencyName: string;
  supervisingAgencyLevel: AgencyLevel;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Fields a user may type when creating an enterprise. */
export type EnterpriseInput = Pick<
  Enterprise,
  | 'creditCode'
  | 'name'
  | 'regionCode'
  | 'address'
  | 'industry'
  | 'riskCode'
  | 'hazardSourceCount'
  | 'majorHazardSourceCount'
  | 'standardizationLevel'
  | 'creditStatus'
  | 'fatalAccidents3y'
  | 'nonSiteMonitored'
  | 'legalRepresentative'
  | 'contactPhone'
  | 'employeeCount'
  | 'supervisingAgencyId'
>;

export type EnterprisePatch = Partial<Omit<EnterpriseInput, 'creditCode' | 'supervisingAgencyId'>> & { version: number };

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

export type ImportStatus = 'parsing' | 'previewed' | 'committing' | 'committed' | 'failed';

export interface ImportRowError {
  row: number;
  creditCode: string;
  name: string;
  messages: string[];
}

export interface ImportJob {
  id: string;
  fileName: string;
  status: ImportStatus;
  total: number;
  processed: number;
  validCount: number;
  errorCount: number;
  createCount: number;
  updateCount: number;
  errors: ImportRowError[];
  message: string | null;
  /** failed or interrupted, the file kept: can run again without a new upload */
  retryable: boolean;
}

/** A run of one of the server's own jobs (daily jobs, backups, plan batches). */
export interface JobRun {
  id: number;
  job: string;
  jobLabel: string;
  runDate: string;
  status: 'running' | 'succeeded' | 'failed';
  statusLabel: string;
  startedAt: string;
  endedAt: string | null;
  summary: string | null;
  error: string | null;
}

export type CredentialStatus = 'valid' | 'expiring' | 'expired';

export interface Officer {
  id: number;
  name: string;
  credentialNo: string;
  credentialValidFrom: string;
  credentialValidTo: string;
  credentialStatus: CredentialStatus;
  agencyId: number;
  agencyName: string;
  specialties: Industry[];
  phone: string;
  leftOn: string | null;
  credentialRevokedOn: string | null;
  credentialRevokedReason: string | null;
  /** why this officer may not act now, or null */
  enforcementBlocked: string | null;
  /** the login linked to this officer record */
  account: { userId: number; username: string; displayName: string; role: Role; active: boolean } | null;
  version: number;
}

export type OfficerInput = Omit<Officer, 'id' | 'agencyName' | 'credentialStatus' | 'version' | 'leftOn' | 'credentialRevokedOn' | 'credentialRevokedReason' | 'enforcementBlocked' | 'account'>;

/** 离职 / 执法证注销 (each null to undo) */
export interface OfficerStatusPatch {
  leftOn?: string | null;
  credentialRevokedOn?: string | null;
  credentialRevokedReason?: string | null;
}

export interface TodoItem {
  kind: import('@anjian/domain/todo').TodoKind;
  title: string;
  count: number;
  link: string;
  due?: string;
  overdue: boolean;
}

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

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  agencyName: string | null;
  enterpriseId: number | null;
  active: boolean;
  /** the officer record this login belongs to */
  officerId: number | null;
  officerName: string | null;
  createdAt: string;
}

export interface UserInput {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  agencyId?: number;
  enterpriseId?: number;
}

export interface StatsOverview {
  enterpriseCount: number;
  byRisk: Record<RiskCode, number>;
  byIndustry: Partial<Record<Industry, number>>;
  highRiskEnterpriseCount: number;
  supervisedByOwnAgency: number;
  officerCount: number;
  expiredCredentialCount: number;
  expiringCredentialCount: number;
  agencyCount: number;
}

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

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'filed' | 'published';
export type PlanCategory = 'key' | 'high_risk' | 'random' | 'spot_check';
export type PlanAction = 'submit' | 'approve' | 'return' | 'file' | 'publish';

/** Parameters of plan generation; all optional on input (the server fills defaults). */
export interface PlanParams {
  seed: number;
  generalSampleRatio: number;
  teamSize: number;
  inspectionsPerTeamDay: number;
  fieldDayShare: number;
  spotCheckCount: number;
  startMonth: number;
  /** returned by the server, not sent */
  officerCount?: number;
  year?: number;
  agencyId?: number;
}
export type PlanParamsInput = Partial<Pick<PlanParams, 'seed' | 'generalSampleRatio' | 'teamSize' | 'inspectionsPerTeamDay' | 'fieldDayShare' | 'spotCheckCount' | 'startMonth'>>;

export interface PlanSummary {
  supervisedCount: number;
  keyCount: number;
  highRiskCount: number;
  generalEligibleCount: number;
  generalExcludedCount: number;
  randomSampleSize: number;
  spotCheckCount: number;
  totalPlanned: number;
  annualCapacity: number;
  overCapacity: boolean;
}

export interface PlanMonth {
  month: number;
  workingDays: number;
  capacity: number;
  planned: number;
}

export interface PlanPreview {
  params: PlanParams;
  summary: PlanSummary;
  months: PlanMonth[];
  warnings: string[];
  inputHash: string;
  byCategory: Partial<Record<PlanCategory, number>>;
  byIndustry: Partial<Record<Industry, number>>;
  byRisk: Partial<Record<RiskCode, number>>;
}

export interface PlanFiling {
  with: string;
  at: string;
  by: string;
}

export interface PlanVersionInfo {
  versionNo: number;
  reason: string | null;
  totalPlanned: number;
  officerCount: number;
  inputHash: string;
  createdAt: string;
}

export interface PlanDetail {
  id: number;
  /** R38: the year's holiday notice is not entered: every date of the plan is 暂定 */
  provisional: boolean;
  agencyId: number;
  agencyName: string;
  agencyLevel: AgencyLevel;
  year: number;
  status: PlanStatus;
  statusLabel: string;
  /** the user who submitted it for approval (not offered the approval: four eyes) */
  submittedBy: number | null;
  currentVersion: number;
  filings: PlanFiling[];
  publishedAt: string | null;
  lateCompilation: boolean;
  /** R20 warnings: other agencies inspecting the same enterprise / township close in time */
  overlaps?: string[];
  current: {
    versionNo: number;
    params: PlanParams;
    summary: PlanSummary;
    months: PlanMonth[];
    warnings: string[];
    inputHash: string;
    reason: string | null;
  };
  versions: PlanVersionInfo[];
}

export interface PlanListItem {
  id: number;
  year: number;
  status: PlanStatus;
  statusLabel: string;
  currentVersion: number;
  agencyId: number;
  agencyName: string;
  agencyLevel: AgencyLevel;
  totalPlanned: number;
  officerCount: number;
  updatedAt: string;
}

export interface PlanEntry {
  enterpriseId: number;
  provisional?: boolean;
  name: string;
  creditCode: string;
  industry: Industry;
  riskCode: RiskCode;
  category: PlanCategory;
  categoryLabel: string;
  reasons: string[];
  plannedDate: string;
  month: number;
  urgent: boolean;
  jointWithAgencyName: string | null;
}

export interface PlanEntriesPage {
  versionNo: number;
  total: number;
  page: number;
  pageSize: number;
  items: PlanEntry[];
}

export interface PlanExplain {
  enterpriseId: number;
  name: string;
  creditCode: string;
  included: boolean;
  category: PlanCategory | null;
  categoryLabel: string | null;
  plannedDate: string | null;
  reasons: string[];
}

export interface PublicTarget {
  enterpriseName: string;
  creditCode: string;
  industry: Industry;
  /** already a Chinese label */
  category: string;
  agencyName: string;
}

export interface PublicTargets {
  year: number;
  month: number;
  total: number;
  items: PublicTarget[];
}

export interface DrawOfficerView {
  id: number;
  name: string;
  credentialNo: string;
  department: string;
}

export interface Draw {
  id: number;
  title: string;
  agencyName: string;
  drawDate: string;
  seed: number;
  inputHash: string;
  targetCount: number;
  poolSize: number;
  officerPoolSize: number;
  createdAt: string;
  assignments: { enterpriseId: number; enterpriseName: string; creditCode: string; officers: DrawOfficerView[] }[];
  unassigned: { enterpriseId: number; reason: string }[];
}

export interface DrawListItem {
  id: number;
  title: string;
  drawDate: string;
  seed: number;
  inputHash: string;
  targetCount: number;
  assigned: number;
  createdAt: string;
}

export interface DrawInputBody {
  planId: number;
  month?: number;
  targetCount?: number;
  teamSize?: number;
  seed?: number;
  departments?: string[];
  title?: string;
}

export interface DrawVerify {
  id: number;
  ok: boolean;
  reason: string | null;
  seed: number;
  inputHash: string;
  recomputedHash: string;
}

export type UnplannedTrigger =
  | 'superior_special'
  | 'unannounced_visit'
  | 'onsite_verification'
  | 'accident'
  | 'complaint'
  | 'referral'
  | 'emergency'
  | 'monitoring_alert'
  | 'other';
export type UnplannedStatus = 'recorded' | 'pending' | 'approved' | 'rejected';

export interface UnplannedInput {
  enterpriseId: number;
  trigger: UnplannedTrigger;
  reason: string;
  plannedDate: string;
  jointWithAgencyId?: number | null;
}

export interface UnplannedCreated {
  id: number;
  status: UnplannedStatus;
  statusLabel: string;
  triggerLabel: string;
  warnings: string[];
}

export interface UnplannedItem {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  agencyName: string;
  trigger: UnplannedTrigger;
  triggerLabel: string;
  reason: string;
  status: UnplannedStatus;
  plannedDate: string;
  createdAt: string;
}

export interface Holiday {
  name: string;
  start: string;
  end: string;
  daysOff: number;
  makeupWorkdays: string[];
  kind: 'preventive' | 'unannounced';
  kindLabel: string;
  preventiveWindow: { start: string; end: string };
}

export interface HolidayYear {
  year: number;
  officialSchedule: boolean;
  items: Holiday[];
}

export interface HolidayRound {
  id: number;
  year: number;
  holidayName: string;
  startDate: string;
  endDate: string;
  teams: { officerIds: number[]; regionCodes: string[]; regionNames: string[] }[];
  excludedRegions: string[];
  filedWithSafetyCommitteeAt: string | null;
  createdAt: string;
}

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
