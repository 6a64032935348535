DROP INDEX "penalty_publications_published_idx";--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD COLUMN "withdrawn_by" integer;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD COLUMN "withdrawal_ground" text;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD COLUMN "decision_changed_on" date;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD COLUMN "withdrawal_due_on" date;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD COLUMN "withdrawal_late" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "penalty_publications_public_idx" ON "penalty_publications" USING btree (coalesce("withdrawn_on", "published_on"),"case_id") WHERE "penalty_publications"."published_at" is not null;