-- Jobs survive restarts: a running import (preview or commit) holds a lease renewed while it runs; a job whose lease
-- has expired belongs to a process that died and is taken over (marked failed, retryable from the stored file).
ALTER TABLE "import_jobs" ADD COLUMN "lease_owner" text;
--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "lease_until" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE INDEX "import_jobs_running_idx" ON "import_jobs" ("lease_until") WHERE "status" in ('parsing', 'committing');
--> statement-breakpoint
-- Runs of the server's own jobs (daily escalation, credit statuses, backups; plan batches): start, end, status and a
-- Chinese reason, so an interrupted run is visible to an administrator and run again.
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"run_date" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"lease_owner" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"summary" text,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "job_runs_job_idx" ON "job_runs" ("job", "run_date", "id");
--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" ("started_at" DESC);
