ALTER TABLE "officers" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "officers" ADD COLUMN "credential_revoked_on" date;--> statement-breakpoint
ALTER TABLE "officers" ADD COLUMN "credential_revoked_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "officers_user_id_uq" ON "officers" USING btree ("user_id") WHERE "user_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "submitted_by" integer;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "collective_discussion" jsonb;
