// Penalty cases (R25–R31) and credit (R32). The case row itself is `penalty_cases` (inspectionSchema.ts, extended by
// the migration `penalties`); these tables hold its timeline, reviews, interventions, publication, the versioned
// discretion catalogue and the enterprise credit record. Every table carries region_code (the enterprise's region),
// so jurisdiction scoping is one prefix condition, as for the registers.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** R25/R26: the discretion catalogue, one row per version; a case keeps the version its violations were assessed with. */
export const discretionCatalogs = pgTable('discretion_catalogs', {
  id: serial('id').primaryKey(),
  version: integer('version').notNull().unique(),
  catalogue: jsonb('catalogue').notNull(),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** R35: the case timeline — every action with who, why and when. */
export const penaltyCaseEvents = pgTable(
  'penalty_case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: integer('case_id').notNull(),
    regionCode: text('region_code').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role'),
    reason: text('reason'),
    detail: jsonb('detail'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('penalty_case_events_case_idx').on(t.caseId, t.id)],
);

/** R28: legal reviews (法制审核) — submitted, then approved or returned with comments. */
export const legalReviews = pgTable(
  'legal_reviews',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull(),
    regionCode: text('region_code').notNull(),
    majorReasons: jsonb('major_reasons').notNull().default(sql`'[]'::jsonb`),
    submittedBy: integer('submitted_by').notNull(),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    result: text('result').notNull().default('pending'), // pending | approved | returned
    reviewerId: integer('reviewer_id'),
    reviewerName: text('reviewer_name'),
    comments: text('comments'),
    /** the points reviewed with the reviewer's findings: { [aspect]: finding } (issue #17, migration 0029) */
    points: jsonb('points'),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('legal_reviews_case_idx').on(t.caseId, t.id), index('legal_reviews_region_idx').on(t.regionCode.op('text_pattern_ops'), t.result)],
);

/** R31: leaders' interventions in a case (领导干部干预记录), visible to oversight. */
export const penaltyInterventions = pgTable(
  'penalty_interventions',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull(),
    regionCode: text('region_code').notNull(),
    intervenerName: text('intervener_name').notNull(),
    intervenerPosition: text('intervener_position').notNull(),
    method: text('method').notNull(), // 当面 / 电话 / 短信 / 批示 …
    content: text('content').notNull(),
    occurredOn: day('occurred_on').notNull(),
    recordedBy: integer('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('penalty_interventions_case_idx').on(t.caseId), index('penalty_interventions_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);

/** R27/R29: the answer to each statement and defence of the party (采纳情况), one per submission event (migration 0028). */
export const penaltyStatementAnswers = pgTable(
  'penalty_statement_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: integer('case_id').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    result: text('result').notNull(), // adopted | partly_adopted | rejected
    reasons: text('reasons').notNull(),
    recordedBy: integer('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('penalty_statement_answers_event_uq').on(t.eventId),
    index('penalty_statement_answers_case_idx').on(t.caseId),
    check('penalty_statement_answers_result_check', sql`${t.result} in ('adopted', 'partly_adopted', 'rejected')`),
  ],
);

/** R29: the public disclosure of a decision (行政处罚决定公开), personal data masked; due per publicationDue, late flagged. */
export const penaltyPublications = pgTable(
  'penalty_publications',
  {
    caseId: integer('case_id').primaryKey(),
    regionCode: text('region_code').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    decidedOn: day('decided_on').notNull(),
    dueOn: day('due_on').notNull(),
    dueRule: text('due_rule').notNull(),
    content: jsonb('content').notNull(),
    publishedAt: ts('published_at'),
    publishedOn: day('published_on'),
    publishedBy: integer('published_by'),
    late: boolean('late').notNull().default(false),
    // 《行政处罚法》第四十八条第二款: a decision changed or annulled is withdrawn within 3 working days (第八十五条) of
    // that day, with the reason made public; the public portal then shows the withdrawal statement instead.
    withdrawnAt: ts('withdrawn_at'),
    withdrawnOn: day('withdrawn_on'),
    withdrawnBy: integer('withdrawn_by'),
    withdrawalGround: text('withdrawal_ground'), // changed | revoked | confirmed_illegal | confirmed_invalid
    withdrawalReason: text('withdrawal_reason'),
    decisionChangedOn: day('decision_changed_on'),
    withdrawalDueOn: day('withdrawal_due_on'),
    withdrawalLate: boolean('withdrawal_late').notNull().default(false),
  },
  (t) => [
    index('penalty_publications_region_idx').on(t.regionCode.op('text_pattern_ops'), t.dueOn),
    // the public portal: published decisions and withdrawal statements, newest event first
    index('penalty_publications_public_idx').on(sql`coalesce(${t.withdrawnOn}, ${t.publishedOn})`, t.caseId).where(sql`${t.publishedAt} is not null`),
  ],
);

/** R32: facts of the credit record (violation database), attributed to the credit code (R2). */
export const creditFacts = pgTable(
  'credit_facts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    creditCode: text('credit_code').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    occurredOn: day('occurred_on').notNull(),
    published: boolean('published').notNull(),
    publishedUntil: day('published_until'),
    repairableFrom: day('repairable_from'),
    affectsCredit: boolean('affects_credit').notNull(),
    repairedOn: day('repaired_on'),
    // the decision behind the fact was revoked or confirmed invalid (撤销/确认无效): the fact no longer counts (R32)
    annulledOn: day('annulled_on'),
    annulledReason: text('annulled_reason'),
    summary: text('summary').notNull(),
    caseId: integer('case_id'),
    documentNumber: text('document_number'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('credit_facts_enterprise_idx').on(t.enterpriseId, t.occurredOn), uniqueIndex('credit_facts_case_uq').on(t.caseId), index('credit_facts_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);

/** R32: the serious-dishonesty list (黑名单). */
export const blacklistListings = pgTable(
  'blacklist_listings',
  {
    id: serial('id').primaryKey(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    agencyId: integer('agency_id'),
    grounds: jsonb('grounds').notNull(),
    reason: text('reason').notNull(),
    listedOn: day('listed_on').notNull(),
    expiresOn: day('expires_on').notNull(),
    removedOn: day('removed_on'),
    removalReason: text('removal_reason'),
    decidedBy: integer('decided_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('blacklist_listings_enterprise_idx').on(t.enterpriseId), index('blacklist_listings_region_idx').on(t.regionCode.op('text_pattern_ops'), t.listedOn)],
);

/** R32: the quarterly publication of the list (每个季度公布一次), one per agency and quarter. */
export const blacklistPublications = pgTable(
  'blacklist_publications',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    quarterKey: text('quarter_key').notNull(),
    quarterLabel: text('quarter_label').notNull(),
    dueOn: day('due_on').notNull(),
    entries: jsonb('entries').notNull(),
    late: boolean('late').notNull().default(false),
    publishedBy: integer('published_by').notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('blacklist_publications_agency_quarter_uq').on(t.agencyId, t.quarterKey)],
);

/** R29/R32: credit-repair applications by the enterprise, answered within 3 working days. */
export const creditRepairs = pgTable(
  'credit_repairs',
  {
    id: serial('id').primaryKey(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    creditFactId: bigint('credit_fact_id', { mode: 'number' }).notNull(),
    appliedOn: day('applied_on').notNull(),
    application: jsonb('application').notNull(),
    answerDue: day('answer_due').notNull(),
    status: text('status').notNull().default('pending'), // pending | approved | rejected
    eligibilityProblems: jsonb('eligibility_problems').notNull().default(sql`'[]'::jsonb`),
    opinion: text('opinion'),
    decidedOn: day('decided_on'),
    decidedBy: integer('decided_by'),
    late: boolean('late').notNull().default(false),
    appliedBy: integer('applied_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('credit_repairs_enterprise_idx').on(t.enterpriseId), index('credit_repairs_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status)],
);

/** R32: objections (异议) against the credit record. */
export const creditObjections = pgTable(
  'credit_objections',
  {
    id: serial('id').primaryKey(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    creditFactId: bigint('credit_fact_id', { mode: 'number' }),
    receivedOn: day('received_on').notNull(),
    reason: text('reason').notNull(),
    evidence: jsonb('evidence').notNull().default(sql`'[]'::jsonb`),
    answerDue: day('answer_due').notNull(),
    status: text('status').notNull().default('pending'), // pending | upheld | rejected
    answer: text('answer'),
    decidedOn: day('decided_on'),
    decidedBy: integer('decided_by'),
    late: boolean('late').notNull().default(false),
    submittedBy: integer('submitted_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('credit_objections_enterprise_idx').on(t.enterpriseId), index('credit_objections_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status)],
);
