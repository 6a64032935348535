CREATE TABLE "draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"plan_version_id" integer,
	"title" text NOT NULL,
	"seed" bigint NOT NULL,
	"draw_date" date NOT NULL,
	"input" jsonb NOT NULL,
	"input_hash" text NOT NULL,
	"assignments" jsonb NOT NULL,
	"unassigned" jsonb NOT NULL,
	"target_count" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holiday_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"holiday_name" text NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"teams" jsonb NOT NULL,
	"excluded_regions" jsonb NOT NULL,
	"filed_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officer_recusals" (
	"officer_id" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_version_id" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"planned_date" date NOT NULL,
	"month" integer NOT NULL,
	"joint_with_agency_id" integer,
	"urgent" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"version_no" integer NOT NULL,
	"params" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"months" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"input_hash" text NOT NULL,
	"officer_count" integer NOT NULL,
	"total_planned" integer NOT NULL,
	"reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"filings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unplanned_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"trigger" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"joint_with_agency_id" integer,
	"requested_by" integer NOT NULL,
	"decided_by" integer,
	"decision_note" text,
	"planned_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "officers" ADD COLUMN "department" text DEFAULT '应急管理' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draws_region_idx" ON "draws" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "holiday_rounds_agency_idx" ON "holiday_rounds" USING btree ("agency_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "officer_recusals_uq" ON "officer_recusals" USING btree ("officer_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "plan_entries_version_idx" ON "plan_entries" USING btree ("plan_version_id","month");--> statement-breakpoint
CREATE INDEX "plan_entries_enterprise_idx" ON "plan_entries" USING btree ("enterprise_id","planned_date");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_uq" ON "plan_versions" USING btree ("plan_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_agency_year_uq" ON "plans" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "plans_region_idx" ON "plans" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "unplanned_region_idx" ON "unplanned_requests" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "unplanned_enterprise_idx" ON "unplanned_requests" USING btree ("enterprise_id");