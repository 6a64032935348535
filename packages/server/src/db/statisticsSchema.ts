// R36: the summary tables of the statistics (migrations 0024, 0031). Written only by the database's own triggers on
// inspections, hazards, enterprises, penalty cases, plans, plan entries and statistics_coverage (and
// statistics_rebuild()); the application only reads them. The migrations also
// add read indexes on hazards, penalty_cases, penalty_case_events and plan_entries (partial and covering ones that
// are declared there, not here: plan_entries_key_idx, plan_entries_key_enterprise_idx, statistics_township_daily_cover_idx …).
import { bigint, date, index, integer, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Per county (first 6 digits of the record's region) and day: completed inspections by inspection date, hazards by the day found. */
export const statisticsDaily = pgTable(
  'statistics_daily',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    inspectionsDone: integer('inspections_done').notNull().default(0),
    inspectionsDonePlanned: integer('inspections_done_planned').notNull().default(0),
    hazardsFound: integer('hazards_found').notNull().default(0),
    hazardsMajor: integer('hazards_major').notNull().default(0),
    hazardsClosed: integer('hazards_closed').notNull().default(0),
    hazardsAwaiting: integer('hazards_awaiting').notNull().default(0),
    hazardsMajorUnclosed: integer('hazards_major_unclosed').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'statistics_daily_pk', columns: [t.regionCode, t.day] }), index('statistics_daily_day_idx').on(t.day, t.regionCode)],
);

/** Per enterprise and year: the first completed inspection's date (coverage), with the enterprise's region and industry. */
export const statisticsCoverage = pgTable(
  'statistics_coverage',
  {
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    year: integer('year').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    regionCode: text('region_code').notNull(),
    industry: text('industry').notNull(),
  },
  (t) => [
    primaryKey({ name: 'statistics_coverage_pk', columns: [t.enterpriseId, t.year] }),
    index('statistics_coverage_year_idx').on(t.year, t.industry, t.firstDay, t.regionCode),
    // the key-target probes, index-only (0027)
    index('statistics_coverage_first_idx').on(t.enterpriseId, t.year, t.firstDay),
  ],
);

/** Enterprises per township (first 9 digits; per county before 0031) and industry (the base of the high-risk coverage). */
export const statisticsRegister = pgTable(
  'statistics_register',
  {
    regionCode: text('region_code').notNull(),
    industry: text('industry').notNull(),
    enterprises: integer('enterprises').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'statistics_register_pk', columns: [t.regionCode, t.industry] })],
);

/** Penalty decisions per county and decision day, with the sums and counts of the stage durations (s1/n1 … s5/n5). */
export const statisticsDecisions = pgTable(
  'statistics_decisions',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    decisions: integer('decisions').notNull().default(0),
    fine: numeric('fine').notNull().default('0'),
    collectedDecisions: integer('collected_decisions').notNull().default(0),
    collected: numeric('collected').notNull().default('0'),
    suspensions: integer('suspensions').notNull().default(0),
    closures: integer('closures').notNull().default(0),
    s1: integer('s1').notNull().default(0),
    n1: integer('n1').notNull().default(0),
    s2: integer('s2').notNull().default(0),
    n2: integer('n2').notNull().default(0),
    s3: integer('s3').notNull().default(0),
    n3: integer('n3').notNull().default(0),
    s4: integer('s4').notNull().default(0),
    n4: integer('n4').notNull().default(0),
    s5: integer('s5').notNull().default(0),
    n5: integer('n5').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'statistics_decisions_pk', columns: [t.regionCode, t.day] })],
);

/** Per township (first 9 digits) and day: the columns of statistics_daily, for the county's map by township (0031). */
export const statisticsTownshipDaily = pgTable(
  'statistics_township_daily',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    inspectionsDone: integer('inspections_done').notNull().default(0),
    inspectionsDonePlanned: integer('inspections_done_planned').notNull().default(0),
    hazardsFound: integer('hazards_found').notNull().default(0),
    hazardsMajor: integer('hazards_major').notNull().default(0),
    hazardsClosed: integer('hazards_closed').notNull().default(0),
    hazardsAwaiting: integer('hazards_awaiting').notNull().default(0),
    hazardsMajorUnclosed: integer('hazards_major_unclosed').notNull().default(0),
  },
  // and statistics_township_daily_cover_idx (region_code, day) INCLUDE (the counts), declared in the migration
  (t) => [primaryKey({ name: 'statistics_township_daily_pk', columns: [t.regionCode, t.day] })],
);

/** Plan entries per plan version in force, county and planned day (0031); a version leaving force leaves the table. */
export const statisticsPlanDays = pgTable(
  'statistics_plan_days',
  {
    planVersionId: integer('plan_version_id').notNull(),
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    planned: integer('planned').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'statistics_plan_days_pk', columns: [t.planVersionId, t.regionCode, t.day] })],
);

/**
 * Key targets of the plans in force (0031): per plan year, enterprise and entry region, the number of key entries of
 * versions in force naming it (refs) and the enterprise's first completed inspection of that year (null: none yet).
 */
export const statisticsKeyTargets = pgTable(
  'statistics_key_targets',
  {
    year: integer('year').notNull(),
    enterpriseId: bigint('enterprise_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    refs: integer('refs').notNull(),
    firstDay: date('first_day', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ name: 'statistics_key_targets_pk', columns: [t.year, t.enterpriseId, t.regionCode] }),
    index('statistics_key_targets_region_idx').on(t.year, t.regionCode, t.firstDay),
  ],
);

/** Rows of statistics_coverage per year, township and industry (0031): the high-risk coverage is these less the rows first inspected after the period. */
export const statisticsCoverageTotals = pgTable(
  'statistics_coverage_totals',
  {
    year: integer('year').notNull(),
    regionCode: text('region_code').notNull(),
    industry: text('industry').notNull(),
    enterprises: integer('enterprises').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'statistics_coverage_totals_pk', columns: [t.year, t.industry, t.regionCode] })],
);

/** The same per township (first 9 digits), for the county's map by township (0031). */
export const statisticsTownshipPlanDays = pgTable(
  'statistics_township_plan_days',
  {
    planVersionId: integer('plan_version_id').notNull(),
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    planned: integer('planned').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'statistics_township_plan_days_pk', columns: [t.planVersionId, t.regionCode, t.day] })],
);
