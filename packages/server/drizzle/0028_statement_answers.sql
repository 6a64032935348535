-- R27/R29: the agency's answer to each statement and defence of the party (陈述、申辩的采纳情况), one per submission
-- (its timeline event), recorded by the officer before the decision and cited in the 行政处罚决定书.
CREATE TABLE "penalty_statement_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"event_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"result" text NOT NULL,
	"reasons" text NOT NULL,
	"recorded_by" integer NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "penalty_statement_answers_result_check" CHECK ("result" in ('adopted', 'partly_adopted', 'rejected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_statement_answers_event_uq" ON "penalty_statement_answers" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "penalty_statement_answers_case_idx" ON "penalty_statement_answers" USING btree ("case_id");
