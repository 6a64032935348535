// ---------- 回访 follow-up visits (R33) ----------
// region_code is the drawing agency's region: a follow-up belongs to the agency that inspected and draws it, and the
// levels above it see it by the usual prefix condition.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every setting of an agency's sampling ratio (the latest is in force): who changed it, when and why. */
export const followUpRatios = pgTable(
  'follow_up_ratios',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    percent: integer('percent').notNull(),
    reason: text('reason').notNull().default(''),
    changedBy: integer('changed_by').notNull(),
    changedByName: text('changed_by_name').notNull(),
    changedAt: ts('changed_at').notNull().defaultNow(),
  },
  (t) => [index('follow_up_ratios_agency_idx').on(t.agencyId, t.id)],
);

/** A period's draw: seed, the canonical input (its SM3 published), and what the ratio asked for. */
export const followUpDraws = pgTable(
  'follow_up_draws',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    seed: integer('seed').notNull(),
    percent: integer('percent').notNull(),
    inputHash: text('input_hash').notNull(),
    inputText: text('input_text').notNull(),
    poolSize: integer('pool_size').notNull(),
    required: integer('required').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('follow_up_draws_region_idx').on(t.regionCode.op('text_pattern_ops'), t.periodStart)],
);

/** One visit to make (and, once made, its record with the full questionnaire). */
export const followUps = pgTable(
  'follow_ups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    drawId: integer('draw_id').notNull(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    inspectionId: bigint('inspection_id', { mode: 'number' }).notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(), // random | negative_feedback | complaint
    status: text('status').notNull().default('pending'), // pending | visited | unreachable
    method: text('method'), // phone | onsite
    visitedOn: date('visited_on', { mode: 'string' }),
    visitors: text('visitors'),
    contactPerson: text('contact_person'),
    answers: jsonb('answers'),
    notes: jsonb('notes'),
    comment: text('comment').notNull().default(''),
    recordedBy: integer('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedAt: ts('recorded_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follow_ups_inspection_uq').on(t.inspectionId),
    index('follow_ups_region_idx').on(t.regionCode.op('text_pattern_ops'), t.id),
    index('follow_ups_draw_idx').on(t.drawId),
  ],
);

/** 核查事项: an answer revealing misconduct, on the inspection's officers and agency, with its handling and result. */
export const followUpMatters = pgTable(
  'follow_up_matters',
  {
    id: serial('id').primaryKey(),
    followUpId: bigint('follow_up_id', { mode: 'number' }).notNull(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    inspectionId: bigint('inspection_id', { mode: 'number' }).notNull(),
    officerIds: integer('officer_ids').array().notNull().default(sql`'{}'::int[]`),
    questionKey: text('question_key').notNull(),
    concern: text('concern').notNull(),
    status: text('status').notNull().default('open'), // open | resolved
    handling: text('handling'),
    finding: text('finding'), // confirmed | unfounded
    result: text('result'),
    resolvedBy: integer('resolved_by'),
    resolvedByName: text('resolved_by_name'),
    resolvedAt: ts('resolved_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('follow_up_matters_follow_up_idx').on(t.followUpId), index('follow_up_matters_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status)],
);
