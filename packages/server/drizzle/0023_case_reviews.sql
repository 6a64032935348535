CREATE TABLE "case_review_sheets" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"region_code" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_review_sheets_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "case_review_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"per_agency" integer NOT NULL,
	"ratio" real,
	"seed" bigint NOT NULL,
	"input_hash" text NOT NULL,
	"input" jsonb NOT NULL,
	"sheet_version" integer NOT NULL,
	"sheet" jsonb NOT NULL,
	"item_count" integer NOT NULL,
	"drawn_by" integer NOT NULL,
	"drawn_by_name" text NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_review_rounds_period_uq" ON "case_review_rounds" USING btree ("agency_id","period_start","period_end");--> statement-breakpoint
CREATE INDEX "case_review_rounds_region_idx" ON "case_review_rounds" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE TABLE "case_review_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"scores" jsonb,
	"score" numeric(5, 1),
	"grade" text,
	"veto" boolean,
	"defects" jsonb,
	"comment" text,
	"reviewer_id" integer,
	"reviewer_name" text,
	"reviewer_agency_id" integer,
	"scored_at" timestamp with time zone,
	"rectification" text,
	"rectified_by" integer,
	"rectified_by_name" text,
	"rectified_at" timestamp with time zone,
	"acceptance_opinion" text,
	"accepted_by" integer,
	"accepted_by_name" text,
	"accepted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_review_items_subject_uq" ON "case_review_items" USING btree ("round_id","kind","subject_id");--> statement-breakpoint
CREATE INDEX "case_review_items_region_idx" ON "case_review_items" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "case_review_items_agency_idx" ON "case_review_items" USING btree ("agency_id");--> statement-breakpoint
CREATE TABLE "oversight_interventions" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"target_agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"due_on" date,
	"agency_id" integer,
	"recorded_by" integer NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "oversight_interventions_subject_idx" ON "oversight_interventions" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "oversight_interventions_region_idx" ON "oversight_interventions" USING btree ("region_code" text_pattern_ops,"id");
