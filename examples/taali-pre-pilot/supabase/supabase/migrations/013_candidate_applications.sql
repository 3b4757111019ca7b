CREATE TABLE candidate_applications (
  id serial PRIMARY KEY,
  role_id integer NOT NULL REFERENCES roles (id),
  candidate_id integer NOT NULL REFERENCES candidates (id),
  cv_text text
);
