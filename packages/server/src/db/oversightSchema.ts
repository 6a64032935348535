// 执法监督 (R31, R34, R35): case-file review rounds and their files (案卷评查), the versioned scoring sheet, and the
// supervisory measures (督办、约谈、通报、监督提醒) taken on a reviewed file or a case. Every table carries region_code.
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** The scoring sheet (评查标准), one row per version published by the province; a round keeps a copy of the one in force. */
export const caseReviewSheets = pgTable('case_review_sheets', {
  id: serial('id').primaryKey(),
  version: integer('version').notNull().unique(),
  items: jsonb('items').notNull(),
  note: text('note').notNull().default(''),
  regionCode: text('region_code').notNull(),
  createdBy: integer('created_by').notNull(),
  createdByName: text('created_by_name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** One quarter's draw by a reviewing agency (province or city) over the agencies below it. */
export const caseReviewRounds = pgTable(
  'case_review_rounds',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    title: text('title').notNull(),
    periodStart: day('period_start').notNull(),
    periodEnd: day('period_end').notNull(),
    perAgency: integer('per_agency').notNull(),
    ratio: real('ratio'),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    inputHash: text('input_hash').notNull(),
    /** the canonical draw input (pools of file ids): published, so anyone can re-run the draw */
    input: jsonb('input').notNull(),
    sheetVersion: integer('sheet_version').notNull(),
    sheet: jsonb('sheet').notNull(),
    itemCount: integer('item_count').notNull(),
    drawnBy: integer('drawn_by').notNull(),
    drawnByName: text('drawn_by_name').notNull(),
    drawnAt: ts('drawn_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_review_rounds_period_uq').on(t.agencyId, t.periodStart, t.periodEnd), index('case_review_rounds_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);

/** A drawn file: its score per item, defects returned for rectification, the rectification and its acceptance. */
export const caseReviewItems = pgTable(
  'case_review_items',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id').notNull(),
    /** the file's agency and region (the reviewed agency) */
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(), // penalty | inspection
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('pending'), // pending | rectifying | rectified | closed
    scores: jsonb('scores'),
    score: numeric('score', { precision: 5, scale: 1, mode: 'number' }),
    grade: text('grade'),
    veto: boolean('veto'),
    defects: jsonb('defects'),
    comment: text('comment'),
    reviewerId: integer('reviewer_id'),
    reviewerName: text('reviewer_name'),
    reviewerAgencyId: integer('reviewer_agency_id'),
    scoredAt: ts('scored_at'),
    rectification: text('rectification'),
    rectifiedBy: integer('rectified_by'),
    rectifiedByName: text('rectified_by_name'),
    rectifiedAt: ts('rectified_at'),
    acceptanceOpinion: text('acceptance_opinion'),
    acceptedBy: integer('accepted_by'),
    acceptedByName: text('accepted_by_name'),
    acceptedAt: ts('accepted_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('case_review_items_subject_uq').on(t.roundId, t.kind, t.subjectId),
    index('case_review_items_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status),
    index('case_review_items_agency_idx').on(t.agencyId),
  ],
);

/** 监督措施 on any supervised object (a reviewed file, a penalty case): one mechanism, generic over its subject. */
export const oversightInterventions = pgTable(
  'oversight_interventions',
  {
    id: serial('id').primaryKey(),
    subjectType: text('subject_type').notNull(), // case_review | penalty_case
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    /** the supervised agency and its region */
    targetAgencyId: integer('target_agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(), // reminder | supervise | interview | circular
    content: text('content').notNull(),
    dueOn: day('due_on'),
    agencyId: integer('agency_id'),
    recordedBy: integer('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('oversight_interventions_subject_idx').on(t.subjectType, t.subjectId), index('oversight_interventions_region_idx').on(t.regionCode.op('text_pattern_ops'), t.id)],
);
