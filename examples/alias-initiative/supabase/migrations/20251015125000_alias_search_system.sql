-- Alias Search System (runbook 004, migration 2 of 3): needs normalize_employer_name from 1.
CREATE TABLE employer_aliases (
  id bigserial PRIMARY KEY,
  employer_id bigint NOT NULL REFERENCES employers (id),
  alias text NOT NULL,
  normalized_name text GENERATED ALWAYS AS (normalize_employer_name(alias)) STORED
);
CREATE INDEX idx_employer_aliases_normalized ON employer_aliases (normalized_name);
CREATE FUNCTION search_employer_aliases(query text)
  RETURNS SETOF employer_aliases
  LANGUAGE sql STABLE
  AS $$ SELECT * FROM employer_aliases WHERE normalized_name = normalize_employer_name(query) $$;
