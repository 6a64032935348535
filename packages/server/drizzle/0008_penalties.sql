CREATE TABLE "blacklist_listings" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"agency_id" integer,
	"grounds" jsonb NOT NULL,
	"reason" text NOT NULL,
	"listed_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"removed_on" date,
	"removal_reason" text,
	"decided_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blacklist_publications" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"quarter_key" text NOT NULL,
	"quarter_label" text NOT NULL,
	"due_on" date NOT NULL,
	"entries" jsonb NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"published_by" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_facts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"credit_code" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"occurred_on" date NOT NULL,
	"published" boolean NOT NULL,
	"published_until" date,
	"repairable_from" date,
	"affects_credit" boolean NOT NULL,
	"repaired_on" date,
	"summary" text NOT NULL,
	"case_id" integer,
	"document_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"credit_fact_id" bigint,
	"received_on" date NOT NULL,
	"reason" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer_due" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"answer" text,
	"decided_on" date,
	"decided_by" integer,
	"late" boolean DEFAULT false NOT NULL,
	"submitted_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_repairs" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"credit_fact_id" bigint NOT NULL,
	"applied_on" date NOT NULL,
	"application" jsonb NOT NULL,
	"answer_due" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"eligibility_problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opinion" text,
	"decided_on" date,
	"decided_by" integer,
	"late" boolean DEFAULT false NOT NULL,
	"applied_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discretion_catalogs" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"catalogue" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discretion_catalogs_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "legal_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"major_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"reviewer_id" integer,
	"reviewer_name" text,
	"comments" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "penalty_case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"actor_role" text,
	"reason" text,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "penalty_interventions" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"intervener_name" text NOT NULL,
	"intervener_position" text NOT NULL,
	"method" text NOT NULL,
	"content" text NOT NULL,
	"occurred_on" date NOT NULL,
	"recorded_by" integer NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "penalty_publications" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"decided_on" date NOT NULL,
	"due_on" date NOT NULL,
	"due_rule" text NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_on" date,
	"published_by" integer,
	"late" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "case_number" text;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "procedure" text DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "party_kind" text DEFAULT 'organization' NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "party_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "investigator_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "major_hazard" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "catalog_version" integer;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "violations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "combined" jsonb;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "decision_kind" text;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "no_penalty_basis" text;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "notified" jsonb;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "statement_received" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "statement_text" text;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "rights_waived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "hearing" jsonb;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "collective_discussion_held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "decision" jsonb;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "execution_done" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "transferred_to" text;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "opened_on" date;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "notified_on" date;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "decided_on" date;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "served_on" date;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "decision_due" date;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "blacklist_listings_enterprise_idx" ON "blacklist_listings" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "blacklist_listings_region_idx" ON "blacklist_listings" USING btree ("region_code" text_pattern_ops,"listed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "blacklist_publications_agency_quarter_uq" ON "blacklist_publications" USING btree ("agency_id","quarter_key");--> statement-breakpoint
CREATE INDEX "credit_facts_enterprise_idx" ON "credit_facts" USING btree ("enterprise_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_facts_case_uq" ON "credit_facts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "credit_facts_region_idx" ON "credit_facts" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "credit_objections_enterprise_idx" ON "credit_objections" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "credit_objections_region_idx" ON "credit_objections" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "credit_repairs_enterprise_idx" ON "credit_repairs" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "credit_repairs_region_idx" ON "credit_repairs" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "legal_reviews_case_idx" ON "legal_reviews" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "legal_reviews_region_idx" ON "legal_reviews" USING btree ("region_code" text_pattern_ops,"result");--> statement-breakpoint
CREATE INDEX "penalty_case_events_case_idx" ON "penalty_case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "penalty_interventions_case_idx" ON "penalty_interventions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "penalty_interventions_region_idx" ON "penalty_interventions" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "penalty_publications_region_idx" ON "penalty_publications" USING btree ("region_code" text_pattern_ops,"due_on");--> statement-breakpoint
CREATE INDEX "penalty_publications_published_idx" ON "penalty_publications" USING btree ("published_on") WHERE "penalty_publications"."published_at" is not null and "penalty_publications"."withdrawn_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_cases_number_uq" ON "penalty_cases" USING btree ("case_number");