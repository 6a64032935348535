// ---------- the bureau's calendar (R38) ----------
import { sql } from 'drizzle-orm';
import { date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One version of a year's calendar: version 0 is the published schedule seeded from the `chinese-days` package
 * (source 'package'); each notice the province administrator enters is the next version (source 'notice'). Earlier
 * versions are kept; the highest is in force. A year without a row is provisional (the law's festival days only).
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    source: text('source').notNull(), // package | notice
    noticeNumber: text('notice_number'),
    issuedOn: date('issued_on', { mode: 'string' }),
    holidays: jsonb('holidays').notNull(), // [{ name, from, to }]
    makeupWorkdays: jsonb('makeup_workdays').notNull(), // [date]
    /** what entering the notice changed: [{ agencyId, agencyName, regionCode, what, before, after }] */
    changes: jsonb('changes').notNull().default(sql`'[]'::jsonb`),
    enteredBy: integer('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_years_year_version_uq').on(t.year, t.version)],
);

/**
 * A party-facing deadline already served that a later notice would have made earlier: it stays at the day the party
 * was given (a served deadline never moves to the party's disadvantage).
 */
export const keptDeadlines = pgTable(
  'kept_deadlines',
  {
    caseId: integer('case_id').notNull(),
    deadline: text('deadline').notNull(), // statement_defense | hearing_request | payment
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    calendarYearId: integer('calendar_year_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.deadline] })],
);
