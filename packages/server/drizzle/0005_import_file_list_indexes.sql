-- Import jobs keep the uploaded file (read again and re-validated at commit) instead of the parsed rows as jsonb.
-- List plans at provincial scale: statistics for the province prefix (no index has it, so without them
-- left(region_code, 2) = '33' is guessed at 0.5 % and a province list picks parallel scans); region_code carried
-- in the jurisdiction and filter indexes (INCLUDE, which drizzle cannot express: schema.ts names the same key
-- columns), so a capped count with a jurisdiction check on top is an index-only scan.
ALTER TABLE "import_jobs" ADD COLUMN "file" bytea;--> statement-breakpoint
ALTER TABLE "import_jobs" DROP COLUMN "rows";--> statement-breakpoint
CREATE STATISTICS "enterprises_province_stats" ON (left("region_code", 2)) FROM "enterprises";--> statement-breakpoint
DROP INDEX "enterprises_city_updated_idx";--> statement-breakpoint
DROP INDEX "enterprises_county_updated_idx";--> statement-breakpoint
DROP INDEX "enterprises_township_updated_idx";--> statement-breakpoint
CREATE INDEX "enterprises_city_updated_idx" ON "enterprises" USING btree (left("region_code", 4),"updated_at","id") INCLUDE ("region_code");--> statement-breakpoint
CREATE INDEX "enterprises_county_updated_idx" ON "enterprises" USING btree (left("region_code", 6),"updated_at","id") INCLUDE ("region_code");--> statement-breakpoint
CREATE INDEX "enterprises_township_updated_idx" ON "enterprises" USING btree (left("region_code", 9),"updated_at","id") INCLUDE ("region_code");--> statement-breakpoint
CREATE INDEX "enterprises_industry_risk_idx" ON "enterprises" USING btree ("industry","risk_code") INCLUDE ("region_code");--> statement-breakpoint
CREATE INDEX "enterprises_county_industry_idx" ON "enterprises" USING btree (left("region_code", 6),"industry","updated_at","id") INCLUDE ("region_code");
