CREATE TABLE "follow_up_ratios" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"percent" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"changed_by" integer NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "follow_up_ratios_agency_idx" ON "follow_up_ratios" USING btree ("agency_id","id");--> statement-breakpoint
CREATE TABLE "follow_up_draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"seed" integer NOT NULL,
	"percent" integer NOT NULL,
	"input_hash" text NOT NULL,
	"input_text" text NOT NULL,
	"pool_size" integer NOT NULL,
	"required" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "follow_up_draws_region_idx" ON "follow_up_draws" USING btree ("region_code" text_pattern_ops,"period_start");--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draw_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"inspection_id" bigint NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"method" text,
	"visited_on" date,
	"visitors" text,
	"contact_person" text,
	"answers" jsonb,
	"notes" jsonb,
	"comment" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_inspection_uq" ON "follow_ups" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "follow_ups_region_idx" ON "follow_ups" USING btree ("region_code" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "follow_ups_draw_idx" ON "follow_ups" USING btree ("draw_id");--> statement-breakpoint
CREATE TABLE "follow_up_matters" (
	"id" serial PRIMARY KEY NOT NULL,
	"follow_up_id" bigint NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"inspection_id" bigint NOT NULL,
	"officer_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"question_key" text NOT NULL,
	"concern" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"handling" text,
	"finding" text,
	"result" text,
	"resolved_by" integer,
	"resolved_by_name" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "follow_up_matters_follow_up_idx" ON "follow_up_matters" USING btree ("follow_up_id");--> statement-breakpoint
CREATE INDEX "follow_up_matters_region_idx" ON "follow_up_matters" USING btree ("region_code" text_pattern_ops,"status");
