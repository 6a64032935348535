-- R36: summary tables of the statistics (modules/statistics), kept correct on every write by statement-level triggers
-- with transition tables — one aggregated upsert per statement, so bulk loads stay set-based and an update that changes
-- none of the counted columns writes nothing — plus the indexes of the figures read from the base tables.
-- statistics_rebuild() recomputes both tables from the base tables (one transaction; used after a bulk load with the
-- triggers disabled, and by the reconciliation test).
CREATE TABLE "statistics_daily" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"inspections_done" integer DEFAULT 0 NOT NULL,
	"inspections_done_planned" integer DEFAULT 0 NOT NULL,
	"hazards_found" integer DEFAULT 0 NOT NULL,
	"hazards_major" integer DEFAULT 0 NOT NULL,
	"hazards_closed" integer DEFAULT 0 NOT NULL,
	"hazards_awaiting" integer DEFAULT 0 NOT NULL,
	"hazards_major_unclosed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_daily_pk" PRIMARY KEY ("region_code", "day")
);--> statement-breakpoint
CREATE INDEX "statistics_daily_day_idx" ON "statistics_daily" USING btree ("day", "region_code");--> statement-breakpoint
-- the enterprise's region and industry are copied (and kept in step by statistics_enterprises_sync) so that coverage by
-- region and industry is one index range, not a join with the register
CREATE TABLE "statistics_coverage" (
	"enterprise_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"first_day" date NOT NULL,
	"region_code" text NOT NULL,
	"industry" text NOT NULL,
	CONSTRAINT "statistics_coverage_pk" PRIMARY KEY ("enterprise_id", "year")
);--> statement-breakpoint
CREATE INDEX "statistics_coverage_year_idx" ON "statistics_coverage" USING btree ("year", "industry", "first_day", "region_code");--> statement-breakpoint
-- enterprises per county and industry: the base of the coverage of high-risk industries (R8)
CREATE TABLE "statistics_register" (
	"region_code" text NOT NULL,
	"industry" text NOT NULL,
	"enterprises" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_register_pk" PRIMARY KEY ("region_code", "industry")
);--> statement-breakpoint
-- penalty decisions per county and decision day: count, fines decided and executed, 停产停业, 关闭, and the sums and
-- counts of the stage durations (so averages add up over days and regions)
CREATE TABLE "statistics_decisions" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"decisions" integer DEFAULT 0 NOT NULL,
	"fine" numeric DEFAULT 0 NOT NULL,
	"collected_decisions" integer DEFAULT 0 NOT NULL,
	"collected" numeric DEFAULT 0 NOT NULL,
	"suspensions" integer DEFAULT 0 NOT NULL,
	"closures" integer DEFAULT 0 NOT NULL,
	"s1" integer DEFAULT 0 NOT NULL, "n1" integer DEFAULT 0 NOT NULL,
	"s2" integer DEFAULT 0 NOT NULL, "n2" integer DEFAULT 0 NOT NULL,
	"s3" integer DEFAULT 0 NOT NULL, "n3" integer DEFAULT 0 NOT NULL,
	"s4" integer DEFAULT 0 NOT NULL, "n4" integer DEFAULT 0 NOT NULL,
	"s5" integer DEFAULT 0 NOT NULL, "n5" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_decisions_pk" PRIMARY KEY ("region_code", "day")
);--> statement-breakpoint
CREATE FUNCTION "statistics_changed_rows"(op text, cols text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM statistics_new n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM statistics_old o'
    ELSE format('SELECT n.*, 1 AS sign FROM statistics_new n JOIN statistics_old o ON o.id = n.id WHERE (%1$s) IS DISTINCT FROM (%2$s)
                 UNION ALL SELECT o.*, -1 FROM statistics_old o JOIN statistics_new n ON n.id = o.id WHERE (%1$s) IS DISTINCT FROM (%2$s)',
                regexp_replace(cols, '(\w+)', 'n.\1', 'g'), regexp_replace(cols, '(\w+)', 'o.\1', 'g'))
  END
$$;--> statement-breakpoint
CREATE FUNCTION "statistics_inspections_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'status, planned_date, origin, region_code, enterprise_id');
BEGIN
  -- the daily counts: +1 for each new completed row, -1 for each old one, netted per (county, day)
  EXECUTE format($q$
    INSERT INTO statistics_daily AS s (region_code, day, inspections_done, inspections_done_planned)
    SELECT left(region_code, 6), planned_date, sum(sign)::int, sum(sign * (origin IN ('plan', 'draw'))::int)::int
      FROM (%s) x WHERE status = 'completed' GROUP BY 1, 2
    HAVING sum(sign) <> 0 OR sum(sign * (origin IN ('plan', 'draw'))::int) <> 0 ORDER BY 1, 2
    ON CONFLICT (region_code, day) DO UPDATE SET inspections_done = s.inspections_done + excluded.inspections_done,
      inspections_done_planned = s.inspections_done_planned + excluded.inspections_done_planned$q$, src);
  -- coverage: the first completed inspection day of each enterprise and year
  EXECUTE format($q$
    INSERT INTO statistics_coverage AS c (enterprise_id, year, first_day, region_code, industry)
    SELECT x.enterprise_id, x.year, x.first_day, e.region_code, e.industry FROM (
      SELECT enterprise_id, extract(year FROM planned_date)::int AS year, min(planned_date) AS first_day FROM (%s) x WHERE status = 'completed' AND sign = 1 GROUP BY 1, 2
    ) x JOIN enterprises e ON e.id = x.enterprise_id ORDER BY 1, 2
    ON CONFLICT (enterprise_id, year) DO UPDATE SET first_day = least(c.first_day, excluded.first_day)$q$, src);
  IF TG_OP <> 'INSERT' THEN
    -- a completion went away (changed or deleted): that enterprise's year is recomputed from the inspections
    EXECUTE format($q$
      WITH gone AS (SELECT DISTINCT enterprise_id, extract(year FROM planned_date)::int AS year FROM (%s) x WHERE status = 'completed' AND sign = -1),
      cur AS (SELECT g.enterprise_id, g.year, (SELECT min(i.planned_date) FROM inspections i WHERE i.enterprise_id = g.enterprise_id AND i.status = 'completed'
                AND i.planned_date >= make_date(g.year, 1, 1) AND i.planned_date < make_date(g.year + 1, 1, 1)) AS first_day FROM gone g),
      del AS (DELETE FROM statistics_coverage c USING cur WHERE c.enterprise_id = cur.enterprise_id AND c.year = cur.year AND cur.first_day IS NULL)
      UPDATE statistics_coverage c SET first_day = cur.first_day FROM cur WHERE c.enterprise_id = cur.enterprise_id AND c.year = cur.year AND cur.first_day IS NOT NULL$q$, src);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "statistics_hazards_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'status, major, region_code, created_at');
BEGIN
  EXECUTE format($q$
    INSERT INTO statistics_daily AS s (region_code, day, hazards_found, hazards_major, hazards_closed, hazards_awaiting, hazards_major_unclosed)
    SELECT r, d, sum(sign)::int, sum(sign * m)::int, sum(sign * c)::int, sum(sign * a)::int, sum(sign * m * (1 - c))::int FROM (
      SELECT left(region_code, 6) AS r, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS d, sign, major::int AS m, (status = 'closed')::int AS c, (status = 'rectified')::int AS a FROM (%s) x
    ) y GROUP BY 1, 2
    HAVING sum(sign) <> 0 OR sum(sign * m) <> 0 OR sum(sign * c) <> 0 OR sum(sign * a) <> 0 OR sum(sign * m * (1 - c)) <> 0 ORDER BY 1, 2
    ON CONFLICT (region_code, day) DO UPDATE SET hazards_found = s.hazards_found + excluded.hazards_found, hazards_major = s.hazards_major + excluded.hazards_major,
      hazards_closed = s.hazards_closed + excluded.hazards_closed, hazards_awaiting = s.hazards_awaiting + excluded.hazards_awaiting,
      hazards_major_unclosed = s.hazards_major_unclosed + excluded.hazards_major_unclosed$q$, src);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "statistics_inspections_ins" AFTER INSERT ON "inspections" REFERENCING NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_inspections_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_inspections_upd" AFTER UPDATE ON "inspections" REFERENCING OLD TABLE AS statistics_old NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_inspections_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_inspections_del" AFTER DELETE ON "inspections" REFERENCING OLD TABLE AS statistics_old FOR EACH STATEMENT EXECUTE FUNCTION "statistics_inspections_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_hazards_ins" AFTER INSERT ON "hazards" REFERENCING NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_hazards_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_hazards_upd" AFTER UPDATE ON "hazards" REFERENCING OLD TABLE AS statistics_old NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_hazards_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_hazards_del" AFTER DELETE ON "hazards" REFERENCING OLD TABLE AS statistics_old FOR EACH STATEMENT EXECUTE FUNCTION "statistics_hazards_sync"();--> statement-breakpoint
CREATE FUNCTION "statistics_enterprises_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'region_code, industry');
BEGIN
  EXECUTE format($q$
    INSERT INTO statistics_register AS s (region_code, industry, enterprises)
    SELECT left(region_code, 6), industry, sum(sign)::int FROM (%s) x GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (region_code, industry) DO UPDATE SET enterprises = s.enterprises + excluded.enterprises$q$, src);
  IF TG_OP = 'UPDATE' THEN
    UPDATE statistics_coverage c SET region_code = n.region_code, industry = n.industry
      FROM statistics_new n JOIN statistics_old o ON o.id = n.id
     WHERE c.enterprise_id = n.id AND (n.region_code, n.industry) IS DISTINCT FROM (o.region_code, o.industry);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "statistics_enterprises_ins" AFTER INSERT ON "enterprises" REFERENCING NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_enterprises_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_enterprises_upd" AFTER UPDATE ON "enterprises" REFERENCING OLD TABLE AS statistics_old NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_enterprises_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_enterprises_del" AFTER DELETE ON "enterprises" REFERENCING OLD TABLE AS statistics_old FOR EACH STATEMENT EXECUTE FUNCTION "statistics_enterprises_sync"();--> statement-breakpoint
CREATE FUNCTION "statistics_decisions_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := statistics_changed_rows(TG_OP, 'region_code, decided_on, decision, execution_done, opened_on, notified_on, served_on, closed_on, status');
BEGIN
  EXECUTE format($q$
    INSERT INTO statistics_decisions AS s (region_code, day, decisions, fine, collected_decisions, collected, suspensions, closures, s1, n1, s2, n2, s3, n3, s4, n4, s5, n5)
    SELECT left(region_code, 6), decided_on,
      sum(sign * p)::int, sum(sign * p * f), sum(sign * p * x)::int, sum(sign * p * x * f), sum(sign * p * su)::int, sum(sign * p * cl)::int,
      sum(sign * coalesce(notified_on - opened_on, 0))::int, sum(sign * (notified_on - opened_on IS NOT NULL)::int)::int,
      sum(sign * coalesce(decided_on - notified_on, 0))::int, sum(sign * (decided_on - notified_on IS NOT NULL)::int)::int,
      sum(sign * coalesce(decided_on - opened_on, 0))::int, sum(sign * (decided_on - opened_on IS NOT NULL)::int)::int,
      sum(sign * coalesce(served_on - decided_on, 0))::int, sum(sign * (served_on - decided_on IS NOT NULL)::int)::int,
      sum(sign * CASE WHEN status = 'closed' THEN coalesce(closed_on - served_on, 0) ELSE 0 END)::int, sum(sign * (status = 'closed' AND closed_on - served_on IS NOT NULL)::int)::int
    FROM (SELECT *, (decision->>'kind' = 'penalty')::int AS p, coalesce((decision->>'fine')::numeric, 0) AS f, execution_done::int AS x,
                 ((decision->'sanctions') ?| array['suspend_for_rectification', 'suspend_business'])::int AS su, ((decision->'sanctions') ? 'closure')::int AS cl
            FROM (%s) y WHERE decided_on IS NOT NULL) x
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (region_code, day) DO UPDATE SET decisions = s.decisions + excluded.decisions, fine = s.fine + excluded.fine,
      collected_decisions = s.collected_decisions + excluded.collected_decisions, collected = s.collected + excluded.collected,
      suspensions = s.suspensions + excluded.suspensions, closures = s.closures + excluded.closures,
      s1 = s.s1 + excluded.s1, n1 = s.n1 + excluded.n1, s2 = s.s2 + excluded.s2, n2 = s.n2 + excluded.n2, s3 = s.s3 + excluded.s3, n3 = s.n3 + excluded.n3,
      s4 = s.s4 + excluded.s4, n4 = s.n4 + excluded.n4, s5 = s.s5 + excluded.s5, n5 = s.n5 + excluded.n5$q$, src);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "statistics_decisions_ins" AFTER INSERT ON "penalty_cases" REFERENCING NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_decisions_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_decisions_upd" AFTER UPDATE ON "penalty_cases" REFERENCING OLD TABLE AS statistics_old NEW TABLE AS statistics_new FOR EACH STATEMENT EXECUTE FUNCTION "statistics_decisions_sync"();--> statement-breakpoint
CREATE TRIGGER "statistics_decisions_del" AFTER DELETE ON "penalty_cases" REFERENCING OLD TABLE AS statistics_old FOR EACH STATEMENT EXECUTE FUNCTION "statistics_decisions_sync"();--> statement-breakpoint
CREATE FUNCTION "statistics_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- the tables are locked against concurrent writes for the rebuild, so no trigger delta falls between delete and insert
  LOCK TABLE inspections, hazards, enterprises, penalty_cases IN SHARE MODE;
  DELETE FROM statistics_daily;
  DELETE FROM statistics_coverage;
  DELETE FROM statistics_register;
  DELETE FROM statistics_decisions;
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
  INSERT INTO statistics_register (region_code, industry, enterprises) SELECT left(region_code, 6), industry, count(*) FROM enterprises GROUP BY 1, 2;
  INSERT INTO statistics_daily (region_code, day, inspections_done, inspections_done_planned, hazards_found, hazards_major, hazards_closed, hazards_awaiting, hazards_major_unclosed)
  SELECT r, d, sum(a)::int, sum(b)::int, sum(c)::int, sum(e)::int, sum(f)::int, sum(g)::int, sum(k)::int FROM (
    SELECT left(region_code, 6) AS r, planned_date AS d, count(*) AS a, count(*) FILTER (WHERE origin IN ('plan', 'draw')) AS b, 0 AS c, 0 AS e, 0 AS f, 0 AS g, 0 AS k
      FROM inspections WHERE status = 'completed' GROUP BY 1, 2
    UNION ALL
    SELECT left(region_code, 6), (created_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, count(*), count(*) FILTER (WHERE major), count(*) FILTER (WHERE status = 'closed'),
           count(*) FILTER (WHERE status = 'rectified'), count(*) FILTER (WHERE major AND status <> 'closed')
      FROM hazards GROUP BY 1, 2
  ) x GROUP BY 1, 2;
  INSERT INTO statistics_coverage (enterprise_id, year, first_day, region_code, industry)
  SELECT x.enterprise_id, x.year, x.first_day, e.region_code, e.industry FROM (
    SELECT enterprise_id, extract(year FROM planned_date)::int AS year, min(planned_date) AS first_day FROM inspections WHERE status = 'completed' GROUP BY 1, 2
  ) x JOIN enterprises e ON e.id = x.enterprise_id;
END $$;--> statement-breakpoint
SELECT statistics_rebuild();--> statement-breakpoint
-- figures read from the base tables: open hazards by the day found (overdue), cases by 立案 and decision day, transfers,
-- key targets of the plans
CREATE INDEX "hazards_unclosed_found_idx" ON "hazards" USING btree ("created_at", "region_code", "deadline") WHERE "status" <> 'closed';--> statement-breakpoint
CREATE INDEX "penalty_cases_opened_idx" ON "penalty_cases" USING btree ("opened_on", "region_code") INCLUDE ("status", "procedure");--> statement-breakpoint
CREATE INDEX "penalty_cases_decided_region_idx" ON "penalty_cases" USING btree ("decided_on", "region_code");--> statement-breakpoint
CREATE INDEX "penalty_case_events_transfer_idx" ON "penalty_case_events" USING btree ("at", "region_code") WHERE "action" = 'transfer';--> statement-breakpoint
CREATE INDEX "plan_entries_key_idx" ON "plan_entries" USING btree ("plan_version_id", "region_code", "enterprise_id") WHERE "category" = 'key';
