-- R35: a photo is sealed when it is taken. The phone computes the SM3 of the bytes and records the time and position of
-- the capture; the upload carries them and the server checks the SM3 against the bytes it received (sm3_verified). The
-- upload's own time stays in created_at, so the record shows both. Uploads without them (enterprises' rectification
-- photos, older phones) leave the columns null / false.
ALTER TABLE "evidence" ADD COLUMN "captured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "capture_latitude" double precision;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "capture_longitude" double precision;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "capture_accuracy" double precision;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "sm3_verified" boolean DEFAULT false NOT NULL;
