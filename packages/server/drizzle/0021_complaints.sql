CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"source" text NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"routing" text NOT NULL,
	"enterprise_id" bigint,
	"enterprise_region_code" text,
	"enterprise_name" text NOT NULL,
	"credit_code" text,
	"address" text,
	"reported_region_code" text,
	"content" text NOT NULL,
	"complainant_name" text,
	"complainant_phone" text,
	"anonymous" boolean NOT NULL,
	"transferred_from" text,
	"observation_point_id" integer,
	"status" text NOT NULL,
	"received_on" date NOT NULL,
	"accept_due" date NOT NULL,
	"decided_on" date,
	"decision_reason" text,
	"decided_by" integer,
	"reply_due" date,
	"replied_on" date,
	"reply_text" text,
	"replied_by" integer,
	"inspection_id" integer,
	"reward_amount" numeric(12, 2),
	"reward_on" date,
	"reward_decision" text,
	"created_by" integer,
	"submitter_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_tracking_code_uq" ON "complaints" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "complaints_region_idx" ON "complaints" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "complaints_agency_idx" ON "complaints" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status");--> statement-breakpoint
CREATE INDEX "complaints_submitter_idx" ON "complaints" USING btree ("submitter_key","created_at");--> statement-breakpoint
CREATE TABLE "complaint_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"from_agency_id" integer,
	"to_agency_id" integer NOT NULL,
	"reason" text NOT NULL,
	"transferred_by" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "complaint_transfers_complaint_idx" ON "complaint_transfers" USING btree ("complaint_id");--> statement-breakpoint
CREATE TABLE "observation_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"designated_by_agency_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" integer
);
--> statement-breakpoint
CREATE INDEX "observation_points_region_idx" ON "observation_points" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "observation_points_agency_idx" ON "observation_points" USING btree ("agency_id");--> statement-breakpoint
CREATE TABLE "public_request_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"submitter_key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "public_request_log_key_idx" ON "public_request_log" USING btree ("kind","submitter_key","at");
