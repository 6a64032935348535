CREATE TABLE "report_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"annotations" jsonb NOT NULL,
	"remarks" text,
	"figures" jsonb,
	"due_on" date NOT NULL,
	"first_submitted_on" date,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"submitted_by_name" text,
	"prepared_by_name" text,
	"returned_at" timestamp with time zone,
	"returned_by_name" text,
	"return_reason" text,
	"submissions" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "report_submissions_agency_kind_period_uq" ON "report_submissions" USING btree ("agency_id","kind","period");--> statement-breakpoint
CREATE INDEX "report_submissions_kind_period_region_idx" ON "report_submissions" USING btree ("kind","period","region_code" text_pattern_ops);
