// Inspections, findings, hazards and evidence (R15–R24). Every table carries region_code (the enterprise's
// region) so jurisdiction scoping is one prefix condition, as for the registers.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** R17: the check-item catalogue, one row per version; inspections keep the version they were filed with. */
export const checkItemCatalogs = pgTable('check_item_catalogs', {
  id: serial('id').primaryKey(),
  version: integer('version').notNull().unique(),
  items: jsonb('items').notNull(),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const inspections = pgTable(
  'inspections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** set by the phone for offline-safe creation: the same clientId never creates two inspections */
    clientId: text('client_id'),
    agencyId: integer('agency_id').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    origin: text('origin').notNull(), // plan | draw | unplanned | emergency
    planEntryId: bigint('plan_entry_id', { mode: 'number' }),
    drawId: integer('draw_id'),
    unplannedRequestId: integer('unplanned_request_id'),
    emergencyReason: text('emergency_reason'),
    legalBasis: text('legal_basis').notNull().default(''),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    place: text('place').notNull().default(''),
    officerIds: integer('officer_ids').array().notNull(),
    itemCodes: text('item_codes').array().notNull(),
    catalogVersion: integer('catalog_version').notNull(),
    status: text('status').notNull(), // filed | in_progress | completed | cancelled
    filedAt: ts('filed_at'),
    filedBy: integer('filed_by'),
    enteredAt: ts('entered_at'),
    entryDate: date('entry_date', { mode: 'string' }),
    backfillDue: date('backfill_due', { mode: 'string' }),
    backfilledAt: ts('backfilled_at'),
    credentialsShownAt: ts('credentials_shown_at'),
    commitment: jsonb('commitment'),
    exams: jsonb('exams').notNull().default(sql`'[]'::jsonb`),
    certificates: jsonb('certificates').notNull().default(sql`'[]'::jsonb`),
    summary: text('summary').notNull().default(''),
    completedAt: ts('completed_at'),
    /** the QR code's secret: anyone holding it (the enterprise on site) can verify the officers and the filing */
    publicToken: text('public_token').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspections_client_id_uq').on(t.clientId),
    uniqueIndex('inspections_public_token_uq').on(t.publicToken),
    index('inspections_region_idx').on(t.regionCode.op('text_pattern_ops'), t.plannedDate),
    index('inspections_enterprise_idx').on(t.enterpriseId, t.plannedDate),
    index('inspections_agency_idx').on(t.agencyId, t.plannedDate),
    index('inspections_officers_idx').using('gin', t.officerIds),
    index('inspections_backfill_idx').on(t.backfillDue).where(sql`${t.backfilledAt} is null and ${t.backfillDue} is not null`),
  ],
);

export const inspectionAnswers = pgTable(
  'inspection_answers',
  {
    inspectionId: bigint('inspection_id', { mode: 'number' }).notNull(),
    itemCode: text('item_code').notNull(),
    result: text('result').notNull(), // conform | nonconform | na
    note: text('note').notNull().default(''),
    answeredBy: integer('answered_by').notNull(),
    /** when the officer answered on the phone: a late sync of an older answer never overwrites a newer one */
    answeredAt: ts('answered_at').notNull(),
  },
  (t) => [uniqueIndex('inspection_answers_pk').on(t.inspectionId, t.itemCode)],
);

export const findings = pgTable(
  'findings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: text('client_id').notNull(),
    inspectionId: bigint('inspection_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    itemCode: text('item_code'),
    description: text('description').notNull(),
    disposition: text('disposition').notNull(), // fixed_on_spot | hazard | violation
    major: boolean('major').notNull().default(false),
    criterion: text('criterion'),
    hazardId: bigint('hazard_id', { mode: 'number' }),
    penaltyCaseId: integer('penalty_case_id'),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('findings_client_id_uq').on(t.clientId), index('findings_inspection_idx').on(t.inspectionId)],
);

export const hazards = pgTable(
  'hazards',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    findingId: bigint('finding_id', { mode: 'number' }).notNull(),
    inspectionId: bigint('inspection_id', { mode: 'number' }).notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    description: text('description').notNull(),
    requirement: text('requirement').notNull().default(''),
    major: boolean('major').notNull().default(false),
    criterion: text('criterion'),
    responsiblePerson: text('responsible_person').notNull(),
    trackerName: text('tracker_name'),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status').notNull(), // open | rectified | closed
    escalationLevel: text('escalation_level'),
    rootCause: jsonb('root_cause'),
    penaltyCaseId: integer('penalty_case_id'),
    noPenaltyReason: text('no_penalty_reason'),
    rectifiedAt: ts('rectified_at'),
    closedAt: ts('closed_at'),
    closedBy: integer('closed_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('hazards_region_idx').on(t.regionCode.op('text_pattern_ops'), t.deadline),
    index('hazards_enterprise_idx').on(t.enterpriseId),
    index('hazards_inspection_idx').on(t.inspectionId),
    // the nightly escalation job reads only the open ones, by deadline
    // (with the day found and region: the statistics count the open hazards not yet due from it, index-only, 0031)
    index('hazards_open_deadline_idx').on(t.deadline, t.createdAt, t.regionCode).where(sql`${t.status} <> 'closed'`),
  ],
);

/** R23: each escalation step of a hazard, once. The unique key is what makes the nightly job safe to rerun. */
export const hazardEscalations = pgTable(
  'hazard_escalations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    hazardId: bigint('hazard_id', { mode: 'number' }).notNull(),
    level: text('level').notNull(),
    overdueDays: integer('overdue_days').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** the letter issued for the step (documents.id), once the officer has issued it */
    documentId: bigint('document_id', { mode: 'number' }),
  },
  (t) => [uniqueIndex('hazard_escalations_uq').on(t.hazardId, t.level)],
);

/** The enterprise's (or officer's) report that a hazard has been rectified, with evidence. */
export const hazardRectifications = pgTable(
  'hazard_rectifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    hazardId: bigint('hazard_id', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
    evidenceIds: bigint('evidence_ids', { mode: 'number' }).array().notNull(),
    submittedBy: integer('submitted_by').notNull(),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
  },
  (t) => [index('hazard_rectifications_hazard_idx').on(t.hazardId)],
);

/** R22: 复查 — only a passed reinspection with evidence lets a hazard close. */
export const reinspections = pgTable(
  'reinspections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    hazardId: bigint('hazard_id', { mode: 'number' }).notNull(),
    officerIds: integer('officer_ids').array().notNull(),
    result: text('result').notNull(), // passed | failed
    opinion: text('opinion').notNull(),
    evidenceIds: bigint('evidence_ids', { mode: 'number' }).array().notNull(),
    newDeadline: date('new_deadline', { mode: 'string' }),
    documentId: integer('document_id'),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('reinspections_hazard_idx').on(t.hazardId)],
);

/** Photos, audio, video: the file under DATA_DIR/evidence, named by its SM3 hash (R35: what was recorded is provable). */
export const evidence = pgTable(
  'evidence',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: text('client_id').notNull(),
    regionCode: text('region_code').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    inspectionId: bigint('inspection_id', { mode: 'number' }),
    hazardId: bigint('hazard_id', { mode: 'number' }),
    itemCode: text('item_code'),
    findingClientId: text('finding_client_id'),
    kind: text('kind').notNull(), // photo | audio | video | file
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    originalName: text('original_name').notNull().default(''),
    uploadedBy: integer('uploaded_by').notNull(),
    /** upload time; the capture's own time and place, from the phone, are below (0032) */
    createdAt: ts('created_at').notNull().defaultNow(),
    capturedAt: ts('captured_at'),
    captureLatitude: doublePrecision('capture_latitude'),
    captureLongitude: doublePrecision('capture_longitude'),
    captureAccuracy: doublePrecision('capture_accuracy'),
    /** the phone's SM3 of the bytes was sent and matched the bytes received (R35: sealed at capture) */
    sm3Verified: boolean('sm3_verified').notNull().default(false),
  },
  (t) => [uniqueIndex('evidence_client_id_uq').on(t.clientId), index('evidence_inspection_idx').on(t.inspectionId), index('evidence_hazard_idx').on(t.hazardId)],
);

/**
 * A penalty case opened from a finding (R18). Only the opening is recorded here; the case workflow (立案 → … → 结案)
 * is the penalty-case capability's.
 */
export const penaltyCases = pgTable(
  'penalty_cases',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status').notNull(), // draft → …
    sourceInspectionId: bigint('source_inspection_id', { mode: 'number' }),
    sourceFindingId: bigint('source_finding_id', { mode: 'number' }),
    facts: text('facts').notNull(),
    // ---- the case file (penalties capability, migration `penalties`; R25–R31) ----
    caseNumber: text('case_number'),
    procedure: text('procedure').notNull().default('general'), // general | simple
    partyKind: text('party_kind').notNull().default('organization'), // organization | citizen
    partyName: text('party_name').notNull().default(''),
    /** 承办人员: officer ids (at least two to open) */
    investigatorIds: integer('investigator_ids').array().notNull().default(sql`'{}'::int[]`),
    majorHazard: boolean('major_hazard').notNull().default(false),
    catalogVersion: integer('catalog_version'),
    /** [{facts, proposal, amount, reason, sanctions, punishDespiteOptionalExemption}] — R25 分别裁量 */
    violations: jsonb('violations').notNull().default(sql`'[]'::jsonb`),
    /** R25 合并处罚 (combinePenalties) */
    combined: jsonb('combined'),
    decisionKind: text('decision_kind'), // penalty | no_penalty | not_established (null = derived)
    noPenaltyBasis: text('no_penalty_basis'),
    /** the ProposedDecision notified (告知) — the decision may not be heavier */
    notified: jsonb('notified'),
    statementReceived: boolean('statement_received').notNull().default(false),
    statementText: text('statement_text'),
    rightsWaived: boolean('rights_waived').notNull().default(false),
    hearing: jsonb('hearing'),
    /**
     * 负责人集体讨论 (第五十七条第二款): { heldOn, participants: [{ name, position }], opinions: [{ name, opinion }],
     * conclusion, recordedBy } (migration 0019; 0029 replaced the yes/no flag, a flag without record became { legacy: true })
     */
    collectiveDiscussion: jsonb('collective_discussion'),
    decision: jsonb('decision'),
    executionDone: boolean('execution_done').notNull().default(false),
    transferredTo: text('transferred_to'),
    openedOn: date('opened_on', { mode: 'string' }),
    notifiedOn: date('notified_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    servedOn: date('served_on', { mode: 'string' }),
    /** 送达 (issue #17, migration 0029): ServiceFacts of @anjian/domain — method, recipient, signer, place, witness, consent */
    service: jsonb('service'),
    closedOn: date('closed_on', { mode: 'string' }),
    decisionDue: date('decision_due', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('penalty_cases_number_uq').on(t.caseNumber), index('penalty_cases_region_idx').on(t.regionCode.op('text_pattern_ops')), index('penalty_cases_enterprise_idx').on(t.enterpriseId)],
);

/** R19: the enterprise's evaluation of an inspection (its account or the QR page), one per inspection. */
export const inspectionFeedback = pgTable('inspection_feedback', {
  inspectionId: bigint('inspection_id', { mode: 'number' }).primaryKey(),
  regionCode: text('region_code').notNull(),
  answers: jsonb('answers').notNull(),
  concerns: text('concerns').array().notNull(),
  comment: text('comment').notNull().default(''),
  via: text('via').notNull(), // account | qr
  submittedBy: integer('submitted_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
