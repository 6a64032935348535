-- Storing a province's plans and a province-wide draw with less work for PostgreSQL (measured in docs/benchmarks.md).
--
-- Plan entries: no index on enterprise_id (every new entry landed on a random page of it, about a third of the cost of
-- storing 415,837 entries); an enterprise's entries are looked up within the versions that can hold them. The reasons
-- of an entry (R7–R9) become a number into its version's list of distinct reason lists (about a thousand lists for a
-- province's plans, each entry carried its own jsonb copy: half of the row).
DROP INDEX "plan_entries_enterprise_idx";--> statement-breakpoint
ALTER TABLE "plan_versions" ADD COLUMN "reason_lists" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_entries" ADD COLUMN "reason_no" smallint;--> statement-breakpoint
UPDATE "plan_versions" v SET "reason_lists" = l.lists
  FROM (SELECT plan_version_id, jsonb_agg(reasons ORDER BY reasons) AS lists
          FROM (SELECT DISTINCT plan_version_id, reasons FROM "plan_entries") d GROUP BY plan_version_id) l
 WHERE l.plan_version_id = v.id;--> statement-breakpoint
UPDATE "plan_entries" pe SET "reason_no" = n.no - 1
  FROM "plan_versions" v, jsonb_array_elements(v.reason_lists) WITH ORDINALITY AS n(list, no)
 WHERE v.id = pe.plan_version_id AND n.list = pe.reasons;--> statement-breakpoint
ALTER TABLE "plan_entries" ALTER COLUMN "reason_no" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_entries" DROP COLUMN "reasons";--> statement-breakpoint
-- Draws: the result as arrays (the i-th enterprise's team is assigned_officer_ids[(i-1)*team_size+1 : i*team_size]),
-- which PostgreSQL reads more than ten times faster than the same result as jsonb; the input as gzip of the canonical
-- text (compressed by the server while the draw runs; the text itself is what input_hash is the SM3 of).
ALTER TABLE "draws" ADD COLUMN "input_gzip" bytea;--> statement-breakpoint
ALTER TABLE "draws" ALTER COLUMN "input_gzip" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "assigned_enterprise_ids" bigint[];--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "assigned_officer_ids" integer[];--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "team_size" integer;--> statement-breakpoint
UPDATE "draws" d SET
  "assigned_enterprise_ids" = coalesce((SELECT array_agg((a->>'enterpriseId')::bigint ORDER BY i) FROM jsonb_array_elements(d.assignments) WITH ORDINALITY x(a, i)), '{}'),
  "assigned_officer_ids" = coalesce((SELECT array_agg(o::int ORDER BY i, j) FROM jsonb_array_elements(d.assignments) WITH ORDINALITY x(a, i),
                                       jsonb_array_elements_text(a->'officerIds') WITH ORDINALITY y(o, j)), '{}'),
  "team_size" = coalesce(jsonb_array_length(d.assignments->0->'officerIds'), (d.input->>'teamSize')::int, (d.input_text::jsonb->>'teamSize')::int, 2);--> statement-breakpoint
ALTER TABLE "draws" ALTER COLUMN "assigned_enterprise_ids" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ALTER COLUMN "assigned_officer_ids" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ALTER COLUMN "team_size" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_teams_complete" CHECK (cardinality("assigned_officer_ids") = cardinality("assigned_enterprise_ids") * "team_size");--> statement-breakpoint
ALTER TABLE "draws" DROP COLUMN "assignments";--> statement-breakpoint
ALTER TABLE "draws" DROP CONSTRAINT "draws_input_present";--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_input_present" CHECK ("input" IS NOT NULL OR "input_text" IS NOT NULL OR "input_gzip" IS NOT NULL);
