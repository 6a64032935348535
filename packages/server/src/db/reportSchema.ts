// ---------- R36: periodic reports (月报表, 两月一行动 summaries, half-year and year summaries) ----------
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One agency's report of one kind for one period: its annotations while it is prepared, and — once submitted — the
 * figures as submitted (a snapshot of the statistics), who submitted it and when. The upper level may return it for
 * correction; it is then prepared and submitted again (lateness stays that of the first submission).
 */
export const reportSubmissions = pgTable(
  'report_submissions',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(), // monthly | special_action | half_year | year
    period: text('period').notNull(),
    status: text('status').notNull(), // draft | submitted | returned
    /** { figureKey: explanation } */
    annotations: jsonb('annotations').notNull(),
    remarks: text('remarks'),
    /** { period: ReportFigures, yearToDate: ReportFigures } as submitted */
    figures: jsonb('figures'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    firstSubmittedOn: date('first_submitted_on', { mode: 'string' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedBy: integer('submitted_by'),
    submittedByName: text('submitted_by_name'),
    preparedByName: text('prepared_by_name'),
    returnedAt: timestamp('returned_at', { withTimezone: true, mode: 'date' }),
    returnedByName: text('returned_by_name'),
    returnReason: text('return_reason'),
    submissions: integer('submissions').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_submissions_agency_kind_period_uq').on(t.agencyId, t.kind, t.period),
    index('report_submissions_kind_period_region_idx').on(t.kind, t.period, t.regionCode.op('text_pattern_ops')),
  ],
);
