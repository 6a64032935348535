// Database schema (Drizzle). Every large table carries region_code so it can become the
// distribution column when one primary is no longer enough (docs/scaling.md).
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  smallint,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const agencies = pgTable(
  'agencies',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(), // province | city | county | township
    regionCode: text('region_code').notNull(),
    parentId: integer('parent_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agencies_region_code_uq').on(t.regionCode),
    index('agencies_region_prefix_idx').on(t.regionCode.op('text_pattern_ops')),
    index('agencies_parent_idx').on(t.parentId),
  ],
);

export const enterprises = pgTable(
  'enterprises',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address').notNull().default(''),
    industry: text('industry').notNull(),
    riskCode: text('risk_code').notNull(),
    hazardSourceCount: integer('hazard_source_count').notNull().default(0),
    majorHazardSourceCount: integer('major_hazard_source_count').notNull().default(0),
    standardizationLevel: text('standardization_level').notNull().default('none'),
    creditStatus: text('credit_status').notNull().default('normal'),
    fatalAccidents3y: integer('fatal_accidents_3y').notNull().default(0),
    nonSiteMonitored: boolean('non_site_monitored').notNull().default(false),
    legalRepresentative: text('legal_representative').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    employeeCount: integer('employee_count').notNull().default(0),
    supervisingAgencyId: integer('supervising_agency_id')
      .notNull()
      .references(() => agencies.id), // R1: exactly one
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_uq').on(t.creditCode),
    index('enterprises_region_prefix_idx').on(t.regionCode.op('text_pattern_ops')),
    // Jurisdiction pages: equality on the city (4) / county (6) / township (9) prefix, then the list order.
    // Ascending columns serve "desc" too by a backward scan (a DESC NULLS LAST index would not: ORDER BY … DESC
    // means NULLS FIRST), so every default list is a top-N index scan.
    index('enterprises_city_updated_idx').on(sql`left(${t.regionCode}, 4)`, t.updatedAt, t.id),
    index('enterprises_county_updated_idx').on(sql`left(${t.regionCode}, 6)`, t.updatedAt, t.id),
    index('enterprises_township_updated_idx').on(sql`left(${t.regionCode}, 9)`, t.updatedAt, t.id),
    index('enterprises_updated_idx').on(t.updatedAt, t.id),
    index('enterprises_name_idx').on(t.name, t.id),
    index('enterprises_agency_idx').on(t.supervisingAgencyId, t.updatedAt, t.id),
    index('enterprises_risk_idx').on(t.riskCode, t.updatedAt, t.id),
    index('enterprises_industry_idx').on(t.industry, t.updatedAt, t.id),
    // Migration 0005 adds INCLUDE (region_code) to these and to the city/county/township indexes (drizzle cannot
    // express it), so a jurisdiction check on top of the filter is answered from the index alone.
    index('enterprises_industry_risk_idx').on(t.industry, t.riskCode),
    index('enterprises_county_industry_idx').on(sql`left(${t.regionCode}, 6)`, t.industry, t.updatedAt, t.id),
  ],
);

export const officers = pgTable(
  'officers',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    credentialNo: text('credential_no').notNull(),
    credentialValidFrom: date('credential_valid_from', { mode: 'string' }).notNull(),
    credentialValidTo: date('credential_valid_to', { mode: 'string' }).notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    regionCode: text('region_code').notNull(), // the agency's region, for jurisdiction scoping
    specialties: text('specialties').array().notNull().default(sql`'{}'::text[]`),
    /** R14: joint draws combine officers of several departments (进一次门、查多项事) */
    department: text('department').notNull().default('应急管理'),
    phone: text('phone').notNull().default(''),
    /** the login of this officer (at most one; migration 0019) */
    userId: integer('user_id'),
    /** left the agency (离职、调离): the linked login keeps reading but takes no enforcement act */
    leftOn: date('left_on', { mode: 'string' }),
    /** credential revoked (执法证被注销、收回) before its validity ends */
    credentialRevokedOn: date('credential_revoked_on', { mode: 'string' }),
    credentialRevokedReason: text('credential_revoked_reason'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('officers_credential_no_uq').on(t.credentialNo),
    index('officers_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('officers_agency_idx').on(t.agencyId),
    uniqueIndex('officers_user_id_uq').on(t.userId).where(sql`${t.userId} is not null`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    agencyId: integer('agency_id').references(() => agencies.id),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).references(() => enterprises.id),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // SHA-256 of the cookie token: a leaked table does not give usable tokens
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('login_failures_user_idx').on(t.username, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    // R35: written by the business transaction (unsealed: seq, prev_hash and hash null), then sealed into the chain by
    // modules/audit/chain.ts sealAudit, which assigns the chain position `seq` and the hashes.
    id: bigint('id', { mode: 'number' }).primaryKey().default(sql`nextval('audit_log_seq')`),
    at: ts('at').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    regionCode: text('region_code').notNull().default(''),
    reason: text('reason'),
    before: jsonb('before'),
    after: jsonb('after'),
    // SM3 of the entry's content, computed by its writer; null on entries chained before migration 0010
    digest: text('digest'),
    // HMAC-SM3 of id and digest with the key kept outside the database (0015): the entry was written by the application
    mac: text('mac'),
    // chain position (1, 2, …), set when sealed; entries before 0010 got their id order
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_region_idx').on(t.regionCode.op('text_pattern_ops'), t.id),
    uniqueIndex('audit_seq_idx').on(t.seq).where(sql`${t.seq} is not null`),
    // the sealer's queue: small, since entries leave it within moments of their commit
    index('audit_unsealed_idx').on(t.id).where(sql`${t.seq} is null`),
  ],
);

// R35: one row — from which chain position entries are keyed, and a keyed check of it (migration 0015; triggers refuse
// UPDATE, DELETE and TRUNCATE of both audit tables and of sealed entries).
export const auditChain = pgTable(
  'audit_chain',
  {
    id: smallint('id').primaryKey().default(1),
    keyedFromSeq: bigint('keyed_from_seq', { mode: 'number' }).notNull(),
    keyCheck: text('key_check').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [check('audit_chain_one_row', sql`${t.id} = 1`)],
);

export const importJobs = pgTable('import_jobs', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status').notNull(), // parsing | previewed | committing | committed | failed
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  validCount: integer('valid_count').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  createCount: integer('create_count').notNull().default(0),
  updateCount: integer('update_count').notNull().default(0),
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  // The uploaded file, kept from upload to commit: the commit reads and validates it again (the register may have
  // changed since the preview); cleared after commit. Never selected by a progress poll.
  file: bytea('file'),
  message: text('message'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  // While parsing or committing: which process runs the job and until when (renewed while it runs). An expired lease
  // means the process died: the job is taken over (modules/jobs/leases.ts).
  leaseOwner: text('lease_owner'),
  leaseUntil: ts('lease_until'),
  /** commits started (a retry after an interruption or a failure counts again) */
  attempts: integer('attempts').notNull().default(0),
}, (t) => [index('import_jobs_running_idx').on(t.leaseUntil).where(sql`${t.status} in ('parsing', 'committing')`)]);

/** Runs of the server's own jobs (daily jobs, backups, plan batches): visible to administrators, interrupted ones too. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(), // escalation | credit | backup | plan_batch
    runDate: text('run_date').notNull(), // the Shanghai date the run is for
    status: text('status').notNull(), // running | succeeded | failed
    startedAt: ts('started_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
    leaseOwner: text('lease_owner').notNull(),
    leaseUntil: ts('lease_until').notNull(),
    summary: text('summary'),
    error: text('error'),
  },
  (t) => [index('job_runs_job_idx').on(t.job, t.runDate, t.id), index('job_runs_started_idx').on(t.startedAt.desc())],
);

// ---------- planning (R6–R14, R20, R21) ----------

export const plans = pgTable(
  'plans',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull(), // draft | submitted | approved | filed | published
    currentVersion: integer('current_version').notNull().default(1),
    /** R10: filings of the current version: [{ with, at, by }] */
    filings: jsonb('filings').notNull().default(sql`'[]'::jsonb`),
    publishedAt: ts('published_at'),
    /** four eyes: the user who submitted the plan for approval may not approve it (migration 0019) */
    submittedBy: integer('submitted_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plans_agency_year_uq').on(t.agencyId, t.year), index('plans_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);

export const planVersions = pgTable(
  'plan_versions',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    versionNo: integer('version_no').notNull(),
    params: jsonb('params').notNull(),
    summary: jsonb('summary').notNull(),
    months: jsonb('months').notNull(),
    warnings: jsonb('warnings').notNull(),
    inputHash: text('input_hash').notNull(),
    officerCount: integer('officer_count').notNull(),
    totalPlanned: integer('total_planned').notNull(),
    /** R10: the written reason of an adjustment (null for the first version) */
    reason: text('reason'),
    /**
     * R7–R9: the distinct lists of reasons of the version's entries (a province's 415,837 entries have about a thousand);
     * each entry refers to one by its index (plan_entries.reason_no).
     */
    reasonLists: jsonb('reason_lists').notNull().default(sql`'[]'::jsonb`),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_versions_uq').on(t.planId, t.versionNo)],
);

export const planEntries = pgTable(
  'plan_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    planVersionId: integer('plan_version_id').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    category: text('category').notNull(),
    /** why the enterprise is in the plan: plan_versions.reason_lists -> reason_no */
    reasonNo: smallint('reason_no').notNull(),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    month: integer('month').notNull(),
    jointWithAgencyId: integer('joint_with_agency_id'),
    urgent: boolean('urgent').notNull().default(false),
  },
  (t) => [
    // The one index besides the key: a version's entries by month (draw pools, the public monthly list), by township
    // (the R20 overlaps, within the current plans of the township's own agencies) and date. A new plan's entries land
    // at its right-hand end. An enterprise's entries are looked up within the versions that can hold them (its
    // agency's, or the plans of its region's agencies), not by an index on enterprise_id: every new entry landed on
    // a random page of that one, about a third of what storing a province's plans cost (0014).
    index('plan_entries_version_month_idx').on(t.planVersionId, t.month, t.regionCode, t.plannedDate),
  ],
);

export const unplannedRequests = pgTable(
  'unplanned_requests',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    trigger: text('trigger').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(), // pending | approved | rejected | recorded (exempt kinds)
    jointWithAgencyId: integer('joint_with_agency_id'),
    requestedBy: integer('requested_by').notNull(),
    decidedBy: integer('decided_by'),
    decisionNote: text('decision_note'),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('unplanned_region_idx').on(t.regionCode.op('text_pattern_ops')), index('unplanned_enterprise_idx').on(t.enterpriseId)],
);

export const draws = pgTable(
  'draws',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    planVersionId: integer('plan_version_id'),
    title: text('title').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    drawDate: date('draw_date', { mode: 'string' }).notNull(),
    /** the input of draws made before input_text (migration 0012) */
    input: jsonb('input'),
    /** the canonical JSON text of the input of draws made from 0012 to 0014 (see input_gzip) */
    inputText: text('input_text'),
    /**
     * the canonical JSON of the input the draw ran on, gzip-compressed: its uncompressed text is the very text whose SM3
     * is input_hash; anyone can download it, hash it and re-run the draw (R13). A province-wide pool is 28 MB of text
     * (4 MB compressed, in a thread while the draw runs); jsonb took seconds to parse it, sending the text 0.4–0.7 s.
     */
    inputGzip: bytea('input_gzip'),
    inputHash: text('input_hash').notNull(),
    /** targets and officers in the input (shown with the draw without reading the input) */
    poolSize: integer('pool_size').notNull().default(0),
    officerPoolSize: integer('officer_pool_size').notNull().default(0),
    /**
     * The result: the i-th assigned enterprise's team is assigned_officer_ids[(i−1)·team_size + 1 : i·team_size] (every
     * team of a draw has the same size). Arrays, not jsonb: 300,000 assignments are 4 MB of array text that PostgreSQL
     * reads in 0.1 s, against 15 MB of JSON and 1.3 s.
     */
    assignedEnterpriseIds: bigint('assigned_enterprise_ids', { mode: 'number' }).array().notNull(),
    assignedOfficerIds: integer('assigned_officer_ids').array().notNull(),
    teamSize: integer('team_size').notNull(),
    unassigned: jsonb('unassigned').notNull(),
    targetCount: integer('target_count').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('draws_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);

export const officerRecusals = pgTable(
  'officer_recusals',
  {
    officerId: integer('officer_id').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('officer_recusals_uq').on(t.officerId, t.enterpriseId)],
);

export const holidayRounds = pgTable(
  'holiday_rounds',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    holidayName: text('holiday_name').notNull(),
    kind: text('kind').notNull(), // preventive | unannounced (R21)
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    teams: jsonb('teams').notNull(), // [{ officerIds, regionCodes }]
    excludedRegions: jsonb('excluded_regions').notNull(), // regions under inspection tour
    filedWithSafetyCommitteeAt: ts('filed_at'),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('holiday_rounds_agency_idx').on(t.agencyId, t.year)],
);

// ---------- enforcement documents (执法文书, R34/R35) ----------

/** The last number issued per agency, document kind and year; incremented inside the issuing transaction. */
export const documentCounters = pgTable(
  'document_counters',
  {
    agencyId: integer('agency_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [uniqueIndex('document_counters_uq').on(t.agencyId, t.kind, t.year)],
);

export const documents = pgTable(
  'documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: integer('agency_id').notNull(),
    /** the issuing agency's name as printed (a later rename does not change an issued document) */
    agencyName: text('agency_name').notNull(),
    regionCode: text('region_code').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    title: text('title').notNull(),
    /** what was issued; the PDF is rendered from it */
    content: jsonb('content').notNull(),
    /** SM3 of the canonical JSON of content */
    contentSm3: text('content_sm3').notNull(),
    issuedBy: integer('issued_by').notNull(),
    issuedAt: ts('issued_at').notNull(),
  },
  (t) => [
    // Numbers are unique per issuing agency: two counties may share a short name (杭州 and 南昌 both have a 西湖区).
    uniqueIndex('documents_agency_number_uq').on(t.agencyId, t.number),
    uniqueIndex('documents_agency_kind_year_seq_uq').on(t.agencyId, t.kind, t.year, t.seq),
    index('documents_entity_idx').on(t.entityType, t.entityId, t.id),
    index('documents_enterprise_idx').on(t.enterpriseId, t.id),
    index('documents_region_idx').on(t.regionCode.op('text_pattern_ops'), t.id),
  ],
);

// ---------- inspections, findings, hazards, evidence (R15–R24) ----------
export * from './inspectionSchema.js';
export * from './penaltySchema.js';
export * from './calendarSchema.js';
export * from './complaintSchema.js';
export * from './reportSchema.js';
export * from './statisticsSchema.js';
export * from './oversightSchema.js';
export * from './followUpSchema.js';
export * from './alertSchema.js';
