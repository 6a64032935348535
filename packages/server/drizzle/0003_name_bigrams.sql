-- Name search for Chinese: pg_trgm needs three characters and a locale that classifies CJK as letters, while most
-- searches for an enterprise are two or three characters (“鑫源”, “化工”). A GIN index over character bigrams
-- answers those in any locale (the idea of pg_bigm, which is not available on PGlite or stock PostgreSQL).
DROP INDEX "enterprises_name_trgm_idx";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION name_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$;
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "name_bigrams" text[] GENERATED ALWAYS AS (name_bigrams("name")) STORED;
--> statement-breakpoint
CREATE INDEX "enterprises_name_bigrams_idx" ON "enterprises" USING gin ("name_bigrams");
