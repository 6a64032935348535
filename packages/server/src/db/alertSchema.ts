// R34: alerts of the lax-and-improper-enforcement detectors (modules/oversight/detectors), migration 0022. Every row
// carries region_code (the watched agency's region), so jurisdiction scoping is one prefix condition.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const oversightAlerts = pgTable(
  'oversight_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** the detector's code */
    rule: text('rule').notNull(),
    /** what the alert is about (a case, a hazard, an agency's month …): the de-duplication key within the rule */
    subjectKey: text('subject_key').notNull(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }),
    summary: text('summary').notNull(),
    /** [{ label, value, link? }] */
    evidence: jsonb('evidence').notNull().default(sql`'[]'::jsonb`),
    amount: numeric('amount'),
    occurredOn: day('occurred_on'),
    state: text('state').notNull().default('open'), // open | explained | confirmed | rectified
    /** still detected by the latest run; false once the condition disappeared (the alert stays with its history) */
    active: boolean('active').notNull().default(true),
    firstDetectedOn: day('first_detected_on').notNull(),
    lastDetectedOn: day('last_detected_on').notNull(),
    clearedOn: day('cleared_on'),
    detections: integer('detections').notNull().default(1),
    overseerId: integer('overseer_id'),
    /** [{ action, from, to, reason, by, byName, at }] */
    history: jsonb('history').notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('oversight_alerts_subject_uq').on(t.rule, t.subjectKey),
    index('oversight_alerts_region_idx').on(t.regionCode.op('text_pattern_ops'), t.id),
    index('oversight_alerts_state_idx').on(t.state, t.regionCode.op('text_pattern_ops'), t.id),
    index('oversight_alerts_rule_idx').on(t.rule, t.state, t.id),
    index('oversight_alerts_agency_idx').on(t.agencyId, t.id),
  ],
);
