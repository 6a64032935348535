-- R35: audit entries are written unsealed by the business transaction (no chain lock) and sealed into the SM3 chain
-- afterwards by the sealer (modules/audit/chain.ts), which gives each the chain position `seq`. The entries already
-- chained keep their hashes: they get seq = their id order (the chain's order until now) and no digest, and the
-- verifier checks entries without a digest by the formula they were hashed with.
ALTER TABLE "audit_log" ALTER COLUMN "id" SET DEFAULT nextval('audit_log_seq');--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "digest" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "audit_log" a SET "seq" = o.n FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "audit_log") o WHERE a."id" = o."id";--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seq_idx" ON "audit_log" USING btree ("seq") WHERE "audit_log"."seq" is not null;--> statement-breakpoint
CREATE INDEX "audit_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."seq" is null;