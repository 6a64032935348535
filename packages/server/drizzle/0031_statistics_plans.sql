-- R36: the dashboards' remaining base-row readers turned into summaries (docs/statistics.md, docs/benchmarks.md §
-- statistics): the planned inspections (plan entries per version, county and day), the key targets of the plans in
-- force with the day of their first inspection of the year, and a township grain of the daily summary for the county
-- map. Kept like those of 0024 by statement-level triggers with transition tables (one aggregated upsert per
-- statement, so the planning's COPY of a province's entries stays set-based); statistics_rebuild() rebuilds them too.
-- planned inspections of the plan versions in force per county and day
CREATE TABLE "statistics_plan_days" (
	"plan_version_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"planned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_plan_days_pk" PRIMARY KEY ("plan_version_id", "region_code", "day")
);--> statement-breakpoint
-- the same per township (first 9 digits), for the county's map by township
CREATE TABLE "statistics_township_plan_days" (
	"plan_version_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"planned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_township_plan_days_pk" PRIMARY KEY ("plan_version_id", "region_code", "day")
);--> statement-breakpoint
-- one row per (year, enterprise, entry region) named by a key entry of a plan in force: refs counts those entries, so a
-- target named by two plans is one target (the figure counts distinct targets) and leaves when the last one goes.
-- The triggers recompute refs of the keys a statement touches from the base tables (statistics_key_targets_refresh)
-- rather than add deltas: a plan and its entries written by one statement fire both tables' triggers after it, and
-- each must not count the other's rows again.
CREATE TABLE "statistics_key_targets" (
	"year" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"refs" integer NOT NULL,
	"first_day" date,
	CONSTRAINT "statistics_key_targets_pk" PRIMARY KEY ("year", "enterprise_id", "region_code")
);--> statement-breakpoint
CREATE INDEX "statistics_key_targets_region_idx" ON "statistics_key_targets" USING btree ("year", "region_code", "first_day");--> statement-breakpoint
-- the refresh counts a target's key entries by enterprise (plan_entries has no index by enterprise otherwise); partial:
-- the planning's COPY writes it for its key entries only
CREATE INDEX "plan_entries_key_enterprise_idx" ON "plan_entries" USING btree ("enterprise_id", "region_code") WHERE "category" = 'key';--> statement-breakpoint
CREATE FUNCTION "statistics_key_targets_refresh"(years integer[], enterprises bigint[], regions text[]) RETURNS void LANGUAGE sql AS $$
  WITH cur AS (
    SELECT k.year, k.enterprise_id, k.region_code,
           (SELECT count(*) FROM plan_entries pe JOIN plan_versions v ON v.id = pe.plan_version_id
              JOIN plans p ON p.id = v.plan_id AND p.current_version = v.version_no AND p.status IN ('approved', 'filed', 'published')
             WHERE pe.enterprise_id = k.enterprise_id AND pe.region_code = k.region_code AND pe.category = 'key' AND p.year = k.year)::int AS refs
      FROM (SELECT DISTINCT * FROM unnest(years, enterprises, regions) AS u(year, enterprise_id, region_code)) k
  ), del AS (
    DELETE FROM statistics_key_targets t USING cur WHERE cur.refs = 0 AND t.year = cur.year AND t.enterprise_id = cur.enterprise_id AND t.region_code = cur.region_code
  )
  INSERT INTO statistics_key_targets AS t (year, enterprise_id, region_code, refs, first_day)
  SELECT cur.year, cur.enterprise_id, cur.region_code, cur.refs, (SELECT c.first_day FROM statistics_coverage c WHERE c.enterprise_id = cur.enterprise_id AND c.year = cur.year)
    FROM cur WHERE cur.refs > 0 ORDER BY 1, 2, 3
  ON CONFLICT (year, enterprise_id, region_code) DO UPDATE SET refs = excluded.refs
$$;--> statement-breakpoint
-- enterprises inspected per year, township (first 9 digits) and industry — the rows of statistics_coverage counted: the
-- high-risk coverage "first inspection of the year by `to`" is these totals less the few rows whose first inspection
-- falls after `to` (none for a year to date; the year's tail for last year's same period)
CREATE TABLE "statistics_coverage_totals" (
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"industry" text NOT NULL,
	"enterprises" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_coverage_totals_pk" PRIMARY KEY ("year", "industry", "region_code")
);--> statement-breakpoint
-- the daily summary per township (first 9 digits): the county's map groups by township
CREATE TABLE "statistics_township_daily" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"inspections_done" integer DEFAULT 0 NOT NULL,
	"inspections_done_planned" integer DEFAULT 0 NOT NULL,
	"hazards_found" integer DEFAULT 0 NOT NULL,
	"hazards_major" integer DEFAULT 0 NOT NULL,
	"hazards_closed" integer DEFAULT 0 NOT NULL,
	"hazards_awaiting" integer DEFAULT 0 NOT NULL,
	"hazards_major_unclosed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_township_daily_pk" PRIMARY KEY ("region_code", "day")
);--> statement-breakpoint
-- a county's townships over a year are some 9,000 rows, one per heap block: read index-only instead
CREATE INDEX "statistics_township_daily_cover_idx" ON "statistics_township_daily" USING btree ("region_code", "day") INCLUDE ("inspections_done", "inspections_done_planned", "hazards_found", "hazards_major", "hazards_closed", "hazards_awaiting", "hazards_major_unclosed");--> statement-breakpoint
-- the daily counts are aggregated per township once; the county rows are their sums
CREATE OR REPLACE FUNCTION "statistics_inspections_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'status, planned_date, origin, region_code, enterprise_id');
BEGIN
  EXECUTE format($q$
    WITH d AS (
      SELECT left(region_code, 9) AS r, planned_date AS day, sum(sign)::int AS a, sum(sign * (origin IN ('plan', 'draw'))::int)::int AS b
        FROM (%s) x WHERE status = 'completed' GROUP BY 1, 2 HAVING sum(sign) <> 0 OR sum(sign * (origin IN ('plan', 'draw'))::int) <> 0
    ), t AS (
      INSERT INTO statistics_township_daily AS s (region_code, day, inspections_done, inspections_done_planned) SELECT r, day, a, b FROM d ORDER BY 1, 2
      ON CONFLICT (region_code, day) DO UPDATE SET inspections_done = s.inspections_done + excluded.inspections_done,
        inspections_done_planned = s.inspections_done_planned + excluded.inspections_done_planned
    )
    INSERT INTO statistics_daily AS s (region_code, day, inspections_done, inspections_done_planned)
    SELECT left(r, 6), day, sum(a)::int, sum(b)::int FROM d GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (region_code, day) DO UPDATE SET inspections_done = s.inspections_done + excluded.inspections_done,
      inspections_done_planned = s.inspections_done_planned + excluded.inspections_done_planned$q$, src);
  EXECUTE format($q$
    INSERT INTO statistics_coverage AS c (enterprise_id, year, first_day, region_code, industry)
    SELECT x.enterprise_id, x.year, x.first_day, e.region_code, e.industry FROM (
      SELECT enterprise_id, extract(year FROM planned_date)::int AS year, min(planned_date) AS first_day FROM (%s) x WHERE status = 'completed' AND sign = 1 GROUP BY 1, 2
    ) x JOIN enterprises e ON e.id = x.enterprise_id ORDER BY 1, 2
    ON CONFLICT (enterprise_id, year) DO UPDATE SET first_day = least(c.first_day, excluded.first_day)$q$, src);
  IF TG_OP <> 'INSERT' THEN
    EXECUTE format($q$
      WITH gone AS (SELECT DISTINCT enterprise_id, extract(year FROM planned_date)::int AS year FROM (%s) x WHERE status = 'completed' AND sign = -1),
      cur AS (SELECT g.enterprise_id, g.year, (SELECT min(i.planned_date) FROM inspections i WHERE i.enterprise_id = g.enterprise_id AND i.status = 'completed'
                AND i.planned_date >= make_date(g.year, 1, 1) AND i.planned_date < make_date(g.year + 1, 1, 1)) AS first_day FROM gone g),
      del AS (DELETE FROM statistics_coverage c USING cur WHERE c.enterprise_id = cur.enterprise_id AND c.year = cur.year AND cur.first_day IS NULL)
      UPDATE statistics_coverage c SET first_day = cur.first_day FROM cur WHERE c.enterprise_id = cur.enterprise_id AND c.year = cur.year AND cur.first_day IS NOT NULL$q$, src);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "statistics_hazards_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'status, major, region_code, created_at');
BEGIN
  EXECUTE format($q$
    WITH d AS (
      SELECT r, day, sum(sign)::int AS f, sum(sign * m)::int AS m, sum(sign * c)::int AS c, sum(sign * a)::int AS a, sum(sign * m * (1 - c))::int AS mu FROM (
        SELECT left(region_code, 9) AS r, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, sign, major::int AS m, (status = 'closed')::int AS c, (status = 'rectified')::int AS a FROM (%s) x
      ) y GROUP BY 1, 2
      HAVING sum(sign) <> 0 OR sum(sign * m) <> 0 OR sum(sign * c) <> 0 OR sum(sign * a) <> 0 OR sum(sign * m * (1 - c)) <> 0
    ), t AS (
      INSERT INTO statistics_township_daily AS s (region_code, day, hazards_found, hazards_major, hazards_closed, hazards_awaiting, hazards_major_unclosed)
      SELECT r, day, f, m, c, a, mu FROM d ORDER BY 1, 2
      ON CONFLICT (region_code, day) DO UPDATE SET hazards_found = s.hazards_found + excluded.hazards_found, hazards_major = s.hazards_major + excluded.hazards_major,
        hazards_closed = s.hazards_closed + excluded.hazards_closed, hazards_awaiting = s.hazards_awaiting + excluded.hazards_awaiting,
        hazards_major_unclosed = s.hazards_major_unclosed + excluded.hazards_major_unclosed
    )
    INSERT INTO statistics_daily AS s (region_code, day, hazards_found, hazards_major, hazards_closed, hazards_awaiting, hazards_major_unclosed)
    SELECT left(r, 6), day, sum(f)::int, sum(m)::int, sum(c)::int, sum(a)::int, sum(mu)::int FROM d GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (region_code, day) DO UPDATE SET hazards_found = s.hazards_found + excluded.hazards_found, hazards_major = s.hazards_major + excluded.hazards_major,
      hazards_closed = s.hazards_closed + excluded.hazards_closed, hazards_awaiting = s.hazards_awaiting + excluded.hazards_awaiting,
      hazards_major_unclosed = s.hazards_major_unclosed + excluded.hazards_major_unclosed$q$, src);
  RETURN NULL;
END $$;--> statement-breakpoint
-- the register per township (first 9 digits) instead of per county, so that the county's map by township reads the
-- high-risk base from it too
CREATE OR REPLACE FUNCTION "statistics_enterprises_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'region_code, industry');
BEGIN
  EXECUTE format($q$
    INSERT INTO statistics_register AS s (region_code, industry, enterprises)
    SELECT left(region_code, 9), industry, sum(sign)::int FROM (%s) x GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (region_code, industry) DO UPDATE SET enterprises = s.enterprises + excluded.enterprises$q$, src);
  IF TG_OP = 'UPDATE' THEN
    UPDATE statistics_coverage c SET region_code = n.region_code, industry = n.industry
      FROM statistics_new n JOIN statistics_old o ON o.id = n.id
     WHERE c.enterprise_id = n.id AND (n.region_code, n.industry) IS DISTINCT FROM (o.region_code, o.industry);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- the planned days of versions recomputed from their entries: the rows of those in force, none for the others. Per
-- version rather than by deltas, for the same reason as the key targets (a plan and its entries written by one
-- statement); the planning's bulk writes are drafts and cost nothing here
CREATE FUNCTION "statistics_plan_days_refresh"(versions integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF versions IS NULL THEN RETURN; END IF;
  DELETE FROM statistics_plan_days WHERE plan_version_id = ANY(versions);
  DELETE FROM statistics_township_plan_days WHERE plan_version_id = ANY(versions);
  WITH d AS (
    SELECT pe.plan_version_id AS v, left(pe.region_code, 9) AS r, pe.planned_date AS day, count(*)::int AS n
      FROM plan_entries pe
     WHERE pe.plan_version_id IN (SELECT v.id FROM plan_versions v JOIN plans p ON p.id = v.plan_id AND p.current_version = v.version_no
                                   AND p.status IN ('approved', 'filed', 'published') WHERE v.id = ANY(versions))
     GROUP BY 1, 2, 3
  ), t AS (
    INSERT INTO statistics_township_plan_days (plan_version_id, region_code, day, planned) SELECT v, r, day, n FROM d
  )
  INSERT INTO statistics_plan_days (plan_version_id, region_code, day, planned) SELECT v, left(r, 6), day, sum(n) FROM d GROUP BY 1, 2, 3;
END $$;--> statement-breakpoint
-- plan entries: the planned days and the key targets of the versions in force (a plan going in or out of force is
-- followed by statistics_plans_sync)
CREATE FUNCTION "statistics_plan_entries_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'plan_version_id, enterprise_id, region_code, category, planned_date');
  live integer[];
BEGIN
  -- the versions in force among those touched; entries added to drafts (the planning's bulk writes) stop here
  EXECUTE format($q$
    SELECT array_agg(v.id) FROM plan_versions v JOIN plans p ON p.id = v.plan_id AND p.current_version = v.version_no AND p.status IN ('approved', 'filed', 'published')
     WHERE v.id IN (SELECT DISTINCT plan_version_id FROM (%s) x)$q$, src) INTO live;
  IF live IS NULL AND TG_OP = 'INSERT' THEN RETURN NULL; END IF;
  PERFORM statistics_plan_days_refresh(live);
  -- the key targets of changed key entries of versions in force, and of removed ones that were counted
  EXECUTE format($q$
    SELECT statistics_key_targets_refresh(array_agg(p.year), array_agg(x.enterprise_id), array_agg(x.region_code))
      FROM (%s) x JOIN plan_versions v ON v.id = x.plan_version_id JOIN plans p ON p.id = v.plan_id
     WHERE x.category = 'key' AND (v.id = ANY(coalesce($1, '{}'))
        OR (x.sign = -1 AND EXISTS (SELECT 1 FROM statistics_key_targets k WHERE k.year = p.year AND k.enterprise_id = x.enterprise_id AND k.region_code = x.region_code)))$q$, src) USING live;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "statistics_plan_entries_ins" AFTER INSERT ON "plan_entries" REFERENCING NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_plan_entries_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_plan_entries_upd" AFTER UPDATE ON "plan_entries" REFERENCING OLD TABLE AS statistics_old NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_plan_entries_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_plan_entries_del" AFTER DELETE ON "plan_entries" REFERENCING OLD TABLE AS statistics_old FOR EACH STATEMENT EXECUTE FUNCTION "statistics_plan_entries_sync"();--> statement-breakpoint
-- a plan in force: status approved, filed or published, its current version. A plan entering force, leaving it or
-- moving to a new version refreshes the key targets of the versions concerned.
CREATE FUNCTION "statistics_plans_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'status, current_version, year');
  live boolean := false;
BEGIN
  -- drafts (the planning's bulk inserts, edits) concern no key target: nothing to read
  IF TG_OP <> 'DELETE' THEN live := EXISTS (SELECT 1 FROM statistics_new WHERE status IN ('approved', 'filed', 'published')); END IF;
  IF NOT live AND TG_OP <> 'INSERT' THEN live := EXISTS (SELECT 1 FROM statistics_old WHERE status IN ('approved', 'filed', 'published')); END IF;
  IF NOT live THEN RETURN NULL; END IF;
  EXECUTE format($q$
    SELECT statistics_plan_days_refresh(array_agg(DISTINCT v.id)) FROM (%s) x JOIN plan_versions v ON v.plan_id = x.id AND v.version_no = x.current_version$q$, src);
  -- the entries of each version by its index (OFFSET 0 keeps the planner from hashing all the key entries instead)
  EXECUTE format($q$
    SELECT statistics_key_targets_refresh(array_agg(x.year), array_agg(pe.enterprise_id), array_agg(pe.region_code))
      FROM (%s) x JOIN plan_versions v ON v.plan_id = x.id AND v.version_no = x.current_version
      CROSS JOIN LATERAL (SELECT e.enterprise_id, e.region_code FROM plan_entries e WHERE e.plan_version_id = v.id AND e.category = 'key' OFFSET 0) pe
     WHERE x.status IN ('approved', 'filed', 'published')$q$, src);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "statistics_plans_ins" AFTER INSERT ON "plans" REFERENCING NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_plans_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_plans_upd" AFTER UPDATE ON "plans" REFERENCING OLD TABLE AS statistics_old NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_plans_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_plans_del" AFTER DELETE ON "plans" REFERENCING OLD TABLE AS statistics_old FOR EACH STATEMENT EXECUTE FUNCTION "statistics_plans_sync"();--> statement-breakpoint
-- statistics_coverage changing: the totals follow (rows in, out, or moved to another region or industry), and the
-- first inspection of the year moving moves the key targets' first_day; skipped inside statistics_rebuild(), which
-- rebuilds both after the coverage
CREATE FUNCTION "statistics_coverage_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT year, region_code, industry, 1 AS sign FROM statistics_new'
                         WHEN 'DELETE' THEN 'SELECT year, region_code, industry, -1 AS sign FROM statistics_old'
                         ELSE 'SELECT year, region_code, industry, 1 AS sign FROM statistics_new UNION ALL SELECT year, region_code, industry, -1 FROM statistics_old' END;
BEGIN
  IF current_setting('statistics.rebuilding', true) = 'on' THEN RETURN NULL; END IF;
  EXECUTE format($q$
    INSERT INTO statistics_coverage_totals AS s (year, region_code, industry, enterprises)
    SELECT year, left(region_code, 9), industry, sum(sign)::int FROM (%s) x GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 3, 2
    ON CONFLICT (year, industry, region_code) DO UPDATE SET enterprises = s.enterprises + excluded.enterprises$q$, src);
  IF TG_OP = 'DELETE' THEN
    UPDATE statistics_key_targets k SET first_day = NULL FROM statistics_old o WHERE k.year = o.year AND k.enterprise_id = o.enterprise_id;
  ELSE
    UPDATE statistics_key_targets k SET first_day = n.first_day FROM statistics_new n
     WHERE k.year = n.year AND k.enterprise_id = n.enterprise_id AND k.first_day IS DISTINCT FROM n.first_day;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "statistics_coverage_ins" AFTER INSERT ON "statistics_coverage" REFERENCING NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_coverage_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_coverage_upd" AFTER UPDATE ON "statistics_coverage" REFERENCING OLD TABLE AS statistics_old NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_coverage_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_coverage_del" AFTER DELETE ON "statistics_coverage" REFERENCING OLD TABLE AS statistics_old FOR EACH STATEMENT EXECUTE FUNCTION "statistics_coverage_sync"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "statistics_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- the tables are locked against concurrent writes for the rebuild, so no trigger delta falls between delete and insert
  LOCK TABLE inspections, hazards, enterprises, penalty_cases, plans, plan_versions, plan_entries IN SHARE MODE;
  PERFORM set_config('statistics.rebuilding', 'on', true);
  DELETE FROM statistics_daily;
  DELETE FROM statistics_township_daily;
  DELETE FROM statistics_coverage;
  DELETE FROM statistics_register;
  DELETE FROM statistics_decisions;
  DELETE FROM statistics_plan_days;
  DELETE FROM statistics_township_plan_days;
  DELETE FROM statistics_key_targets;
  DELETE FROM statistics_coverage_totals;
  INSERT INTO statistics_decisions (region_code, day, decisions, fine, collected_decisions, collected, suspensions, closures, s1, n1, s2, n2, s3, n3, s4, n4, s5, n5)
  SELECT left(region_code, 6), decided_on, sum(p)::int, sum(p * f), sum(p * x)::int, sum(p * x * f), sum(p * su)::int, sum(p * cl)::int,
    sum(coalesce(notified_on - opened_on, 0))::int, count(notified_on - opened_on)::int,
    sum(coalesce(decided_on - notified_on, 0))::int, count(decided_on - notified_on)::int,
    sum(coalesce(decided_on - opened_on, 0))::int, count(decided_on - opened_on)::int,
    sum(coalesce(served_on - decided_on, 0))::int, count(served_on - decided_on)::int,
    sum(CASE WHEN status = 'closed' THEN coalesce(closed_on - served_on, 0) ELSE 0 END)::int, count(closed_on - served_on) FILTER (WHERE status = 'closed')::int
  FROM (SELECT *, (decision->>'kind' = 'penalty')::int AS p, coalesce((decision->>'fine')::numeric, 0) AS f, execution_done::int AS x,
               ((decision->'sanctions') ?| array['suspend_for_rectification', 'suspend_business'])::int AS su, ((decision->'sanctions') ? 'closure')::int AS cl
          FROM penalty_cases WHERE decided_on IS NOT NULL) c
  GROUP BY 1, 2;
  INSERT INTO statistics_register (region_code, industry, enterprises) SELECT left(region_code, 9), industry, count(*) FROM enterprises GROUP BY 1, 2;
  INSERT INTO statistics_township_daily (region_code, day, inspections_done, inspections_done_planned, hazards_found, hazards_major, hazards_closed, hazards_awaiting, hazards_major_unclosed)
  SELECT r, d, sum(a)::int, sum(b)::int, sum(c)::int, sum(e)::int, sum(f)::int, sum(g)::int, sum(k)::int FROM (
    SELECT left(region_code, 9) AS r, planned_date AS d, count(*) AS a, count(*) FILTER (WHERE origin IN ('plan', 'draw')) AS b, 0 AS c, 0 AS e, 0 AS f, 0 AS g, 0 AS k
      FROM inspections WHERE status = 'completed' GROUP BY 1, 2
    UNION ALL
    SELECT left(region_code, 9), (created_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, count(*), count(*) FILTER (WHERE major), count(*) FILTER (WHERE status = 'closed'),
           count(*) FILTER (WHERE status = 'rectified'), count(*) FILTER (WHERE major AND status <> 'closed')
      FROM hazards GROUP BY 1, 2
  ) x GROUP BY 1, 2;
  INSERT INTO statistics_daily (region_code, day, inspections_done, inspections_done_planned, hazards_found, hazards_major, hazards_closed, hazards_awaiting, hazards_major_unclosed)
  SELECT left(region_code, 6), day, sum(inspections_done)::int, sum(inspections_done_planned)::int, sum(hazards_found)::int, sum(hazards_major)::int, sum(hazards_closed)::int,
         sum(hazards_awaiting)::int, sum(hazards_major_unclosed)::int
    FROM statistics_township_daily GROUP BY 1, 2;
  INSERT INTO statistics_coverage (enterprise_id, year, first_day, region_code, industry)
  SELECT x.enterprise_id, x.year, x.first_day, e.region_code, e.industry FROM (
    SELECT enterprise_id, extract(year FROM planned_date)::int AS year, min(planned_date) AS first_day FROM inspections WHERE status = 'completed' GROUP BY 1, 2
  ) x JOIN enterprises e ON e.id = x.enterprise_id;
  INSERT INTO statistics_coverage_totals (year, region_code, industry, enterprises)
  SELECT year, left(region_code, 9), industry, count(*) FROM statistics_coverage GROUP BY 1, 2, 3;
  INSERT INTO statistics_township_plan_days (plan_version_id, region_code, day, planned)
  SELECT pe.plan_version_id, left(pe.region_code, 9), pe.planned_date, count(*)
    FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version_no = p.current_version JOIN plan_entries pe ON pe.plan_version_id = v.id
   WHERE p.status IN ('approved', 'filed', 'published') GROUP BY 1, 2, 3;
  INSERT INTO statistics_plan_days (plan_version_id, region_code, day, planned)
  SELECT plan_version_id, left(region_code, 6), day, sum(planned) FROM statistics_township_plan_days GROUP BY 1, 2, 3;
  INSERT INTO statistics_key_targets (year, enterprise_id, region_code, refs, first_day)
  SELECT k.year, k.enterprise_id, k.region_code, k.refs, c.first_day FROM (
    SELECT p.year, pe.enterprise_id, pe.region_code, count(*)::int AS refs
      FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version_no = p.current_version
      JOIN plan_entries pe ON pe.plan_version_id = v.id AND pe.category = 'key'
     WHERE p.status IN ('approved', 'filed', 'published') GROUP BY 1, 2, 3
  ) k LEFT JOIN statistics_coverage c ON c.enterprise_id = k.enterprise_id AND c.year = k.year;
  PERFORM set_config('statistics.rebuilding', 'off', true);
END $$;--> statement-breakpoint
SELECT statistics_rebuild();--> statement-breakpoint
-- the overdue hazards are the unclosed ones (summary) less the open ones not yet due: those are read by deadline from
-- today on, index-only with the day found and the region
DROP INDEX "hazards_open_deadline_idx";--> statement-breakpoint
CREATE INDEX "hazards_open_deadline_idx" ON "hazards" USING btree ("deadline", "created_at", "region_code") WHERE "status" <> 'closed';--> statement-breakpoint
-- the summaries are read by many small statements side by side (a dozen per dashboard call on the server's pool):
-- parallel workers only add their start-up to each
ALTER TABLE "statistics_daily" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_township_daily" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_coverage" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_coverage_totals" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_register" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_decisions" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_plan_days" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_township_plan_days" SET (parallel_workers = 0);--> statement-breakpoint
ALTER TABLE "statistics_key_targets" SET (parallel_workers = 0);
