-- Roles, candidates and their assessments (the alembic revision 001_initial_schema).
CREATE TABLE roles (
  id serial PRIMARY KEY,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE candidates (
  id serial PRIMARY KEY,
  full_name text NOT NULL,
  email text NOT NULL UNIQUE
);
CREATE TABLE assessments (
  id serial PRIMARY KEY,
  candidate_id integer NOT NULL REFERENCES candidates (id),
  status text NOT NULL DEFAULT 'pending',
  started_at timestamptz
);
