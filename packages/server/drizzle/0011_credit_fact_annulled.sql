ALTER TABLE "credit_facts" ADD COLUMN "annulled_on" date;--> statement-breakpoint
ALTER TABLE "credit_facts" ADD COLUMN "annulled_reason" text;