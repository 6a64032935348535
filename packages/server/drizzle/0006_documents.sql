CREATE TABLE "document_counters" (
	"agency_id" integer NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"agency_name" text NOT NULL,
	"region_code" text NOT NULL,
	"enterprise_id" bigint,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_sm3" text NOT NULL,
	"issued_by" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "document_counters_uq" ON "document_counters" USING btree ("agency_id","kind","year");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_agency_number_uq" ON "documents" USING btree ("agency_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_agency_kind_year_seq_uq" ON "documents" USING btree ("agency_id","kind","year","seq");--> statement-breakpoint
CREATE INDEX "documents_entity_idx" ON "documents" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "documents_enterprise_idx" ON "documents" USING btree ("enterprise_id","id");--> statement-breakpoint
CREATE INDEX "documents_region_idx" ON "documents" USING btree ("region_code" text_pattern_ops,"id");