CREATE TABLE "calendar_years" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"notice_number" text,
	"issued_on" date,
	"holidays" jsonb NOT NULL,
	"makeup_workdays" jsonb NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_years_year_version_uq" ON "calendar_years" USING btree ("year","version");--> statement-breakpoint
CREATE TABLE "kept_deadlines" (
	"case_id" integer NOT NULL,
	"deadline" text NOT NULL,
	"due_on" date NOT NULL,
	"calendar_year_id" integer NOT NULL,
	CONSTRAINT "kept_deadlines_case_id_deadline_pk" PRIMARY KEY("case_id","deadline")
);
