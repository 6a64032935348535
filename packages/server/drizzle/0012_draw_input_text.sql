-- Draw inputs as the canonical JSON text the input hash is taken over (R13): a province-wide pool is 30 MB of JSON,
-- which PostgreSQL took over 4 s to parse into jsonb (measured), against about 0.25 s to store as text (not compressed:
-- pglz took 0.55 s for it). Draws made before keep their jsonb input (verification reads either). Pool sizes as
-- columns, so that a draw is shown without reading its input.
ALTER TABLE "draws" ALTER COLUMN "input" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "input_text" text;--> statement-breakpoint
ALTER TABLE "draws" ALTER COLUMN "input_text" SET STORAGE EXTERNAL;--> statement-breakpoint
-- The result likewise (300,000 assignments are 13 MB of jsonb; pglz took a few hundred ms over it for 4:1).
ALTER TABLE "draws" ALTER COLUMN "assignments" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "pool_size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "officer_pool_size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "draws" SET "pool_size" = jsonb_array_length("input"->'targets'), "officer_pool_size" = jsonb_array_length("input"->'officers') WHERE "input" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_input_present" CHECK ("input" IS NOT NULL OR "input_text" IS NOT NULL);--> statement-breakpoint
-- Plan entries: one index serves a version's entries by month (draw pools, the public monthly list) and the R20
-- overlaps by township, which are looked up within the current plans of the township's own agencies (province, city,
-- county, township) by version, month, region and date. A new plan's entries land at its right-hand end; the index on
-- region_code alone took every new entry to a random page of it (1.2 s of the 415,837 entries of a province's plans).
DROP INDEX "plan_entries_version_idx";--> statement-breakpoint
DROP INDEX "plan_entries_region_idx";--> statement-breakpoint
CREATE INDEX "plan_entries_version_month_idx" ON "plan_entries" USING btree ("plan_version_id","month","region_code","planned_date");--> statement-breakpoint
-- By enterprise alone (a few entries each, dates filtered after): a smaller index whose random inserts cost less.
DROP INDEX "plan_entries_enterprise_idx";--> statement-breakpoint
CREATE INDEX "plan_entries_enterprise_idx" ON "plan_entries" USING btree ("enterprise_id");
