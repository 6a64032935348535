DROP INDEX "enterprises_region_idx";--> statement-breakpoint
DROP INDEX "enterprises_updated_idx";--> statement-breakpoint
DROP INDEX "enterprises_agency_idx";--> statement-breakpoint
DROP INDEX "enterprises_risk_idx";--> statement-breakpoint
DROP INDEX "enterprises_industry_idx";--> statement-breakpoint
CREATE INDEX "enterprises_region_prefix_idx" ON "enterprises" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_city_updated_idx" ON "enterprises" USING btree (left("region_code", 4),"updated_at","id");--> statement-breakpoint
CREATE INDEX "enterprises_county_updated_idx" ON "enterprises" USING btree (left("region_code", 6),"updated_at","id");--> statement-breakpoint
CREATE INDEX "enterprises_township_updated_idx" ON "enterprises" USING btree (left("region_code", 9),"updated_at","id");--> statement-breakpoint
CREATE INDEX "enterprises_updated_idx" ON "enterprises" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "enterprises_agency_idx" ON "enterprises" USING btree ("supervising_agency_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "enterprises_risk_idx" ON "enterprises" USING btree ("risk_code","updated_at","id");--> statement-breakpoint
CREATE INDEX "enterprises_industry_idx" ON "enterprises" USING btree ("industry","updated_at","id");