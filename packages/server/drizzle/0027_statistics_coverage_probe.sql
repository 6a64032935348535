-- R36: the key-target coverage probes statistics_coverage once per key target of the plans in force (a province's
-- plans have about 100,000); with first_day in the index each probe is index-only instead of a heap visit.
CREATE INDEX "statistics_coverage_first_idx" ON "statistics_coverage" USING btree ("enterprise_id", "year", "first_day");
