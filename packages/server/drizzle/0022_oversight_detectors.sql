-- R34: alerts raised by the detectors of lax and improper enforcement (附件2), one per detector and subject; a rerun
-- updates the alert rather than adding one. State open → explained / confirmed → rectified, each transition with its
-- written reason, who and when (history), and the overseer assigned at the competent level.
CREATE TABLE "oversight_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"subject_key" text NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"enterprise_id" bigint,
	"summary" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"amount" numeric,
	"occurred_on" date,
	"state" text DEFAULT 'open' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"first_detected_on" date NOT NULL,
	"last_detected_on" date NOT NULL,
	"cleared_on" date,
	"detections" integer DEFAULT 1 NOT NULL,
	"overseer_id" integer,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "oversight_alerts_subject_uq" ON "oversight_alerts" ("rule", "subject_key");
--> statement-breakpoint
-- the oversight page: a jurisdiction's alerts newest first, optionally of one state or rule
CREATE INDEX "oversight_alerts_region_idx" ON "oversight_alerts" ("region_code" text_pattern_ops, "id");
--> statement-breakpoint
CREATE INDEX "oversight_alerts_state_idx" ON "oversight_alerts" ("state", "region_code" text_pattern_ops, "id");
--> statement-breakpoint
CREATE INDEX "oversight_alerts_rule_idx" ON "oversight_alerts" ("rule", "state", "id");
--> statement-breakpoint
CREATE INDEX "oversight_alerts_agency_idx" ON "oversight_alerts" ("agency_id", "id");
--> statement-breakpoint
-- detectors: violations found with no case, and the completed inspections by entry date (credential, documents)
CREATE INDEX "findings_violation_no_case_idx" ON "findings" ("created_at") WHERE "disposition" = 'violation' AND "penalty_case_id" IS NULL;
--> statement-breakpoint
CREATE INDEX "hazards_major_no_case_idx" ON "hazards" ("created_at") WHERE "major" AND "penalty_case_id" IS NULL;
--> statement-breakpoint
CREATE INDEX "penalty_cases_decided_idx" ON "penalty_cases" ("decided_on") WHERE "decided_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "inspections_planned_date_idx" ON "inspections" ("planned_date");
