CREATE TABLE "check_item_catalogs" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_item_catalogs_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"region_code" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"inspection_id" bigint,
	"hazard_id" bigint,
	"item_code" text,
	"finding_client_id" text,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sm3" text NOT NULL,
	"original_name" text DEFAULT '' NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"inspection_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"item_code" text,
	"description" text NOT NULL,
	"disposition" text NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"criterion" text,
	"hazard_id" bigint,
	"penalty_case_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_escalations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hazard_id" bigint NOT NULL,
	"level" text NOT NULL,
	"overdue_days" integer NOT NULL,
	"deadline" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_rectifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hazard_id" bigint NOT NULL,
	"description" text NOT NULL,
	"evidence_ids" bigint[] NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"finding_id" bigint NOT NULL,
	"inspection_id" bigint NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"description" text NOT NULL,
	"requirement" text DEFAULT '' NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"criterion" text,
	"responsible_person" text NOT NULL,
	"tracker_name" text,
	"deadline" date NOT NULL,
	"status" text NOT NULL,
	"escalation_level" text,
	"root_cause" jsonb,
	"penalty_case_id" integer,
	"no_penalty_reason" text,
	"rectified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_answers" (
	"inspection_id" bigint NOT NULL,
	"item_code" text NOT NULL,
	"result" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"answered_by" integer NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_feedback" (
	"inspection_id" bigint PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"answers" jsonb NOT NULL,
	"concerns" text[] NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"via" text NOT NULL,
	"submitted_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" text,
	"agency_id" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"origin" text NOT NULL,
	"plan_entry_id" bigint,
	"draw_id" integer,
	"unplanned_request_id" integer,
	"emergency_reason" text,
	"legal_basis" text DEFAULT '' NOT NULL,
	"planned_date" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"officer_ids" integer[] NOT NULL,
	"item_codes" text[] NOT NULL,
	"catalog_version" integer NOT NULL,
	"status" text NOT NULL,
	"filed_at" timestamp with time zone,
	"filed_by" integer,
	"entered_at" timestamp with time zone,
	"entry_date" date,
	"backfill_due" date,
	"backfilled_at" timestamp with time zone,
	"credentials_shown_at" timestamp with time zone,
	"commitment" jsonb,
	"exams" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"completed_at" timestamp with time zone,
	"public_token" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "penalty_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"source_inspection_id" bigint,
	"source_finding_id" bigint,
	"facts" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reinspections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hazard_id" bigint NOT NULL,
	"officer_ids" integer[] NOT NULL,
	"result" text NOT NULL,
	"opinion" text NOT NULL,
	"evidence_ids" bigint[] NOT NULL,
	"new_deadline" date,
	"document_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_client_id_uq" ON "evidence" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "evidence_inspection_idx" ON "evidence" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "evidence_hazard_idx" ON "evidence" USING btree ("hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_client_id_uq" ON "findings" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "findings_inspection_idx" ON "findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_escalations_uq" ON "hazard_escalations" USING btree ("hazard_id","level");--> statement-breakpoint
CREATE INDEX "hazard_rectifications_hazard_idx" ON "hazard_rectifications" USING btree ("hazard_id");--> statement-breakpoint
CREATE INDEX "hazards_region_idx" ON "hazards" USING btree ("region_code" text_pattern_ops,"deadline");--> statement-breakpoint
CREATE INDEX "hazards_enterprise_idx" ON "hazards" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "hazards_inspection_idx" ON "hazards" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "hazards_open_deadline_idx" ON "hazards" USING btree ("deadline") WHERE "hazards"."status" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_answers_pk" ON "inspection_answers" USING btree ("inspection_id","item_code");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_client_id_uq" ON "inspections" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_public_token_uq" ON "inspections" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "inspections_region_idx" ON "inspections" USING btree ("region_code" text_pattern_ops,"planned_date");--> statement-breakpoint
CREATE INDEX "inspections_enterprise_idx" ON "inspections" USING btree ("enterprise_id","planned_date");--> statement-breakpoint
CREATE INDEX "inspections_agency_idx" ON "inspections" USING btree ("agency_id","planned_date");--> statement-breakpoint
CREATE INDEX "inspections_officers_idx" ON "inspections" USING gin ("officer_ids");--> statement-breakpoint
CREATE INDEX "inspections_backfill_idx" ON "inspections" USING btree ("backfill_due") WHERE "inspections"."backfilled_at" is null and "inspections"."backfill_due" is not null;--> statement-breakpoint
CREATE INDEX "penalty_cases_region_idx" ON "penalty_cases" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "penalty_cases_enterprise_idx" ON "penalty_cases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "reinspections_hazard_idx" ON "reinspections" USING btree ("hazard_id");