-- Canonical Promotion System (runbook 004, migration 1 of 3). Additive only.
CREATE TABLE IF NOT EXISTS employers (
  id bigserial PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE employer_canonical_decisions (
  id bigserial PRIMARY KEY,
  employer_id bigint NOT NULL REFERENCES employers (id),
  decision text NOT NULL CHECK (decision IN ('promote', 'reject', 'defer')),
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION normalize_employer_name(name text) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT lower(regexp_replace(trim(name), '\s+', ' ', 'g')) $$;
