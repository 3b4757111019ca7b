-- Up Migration
CREATE TABLE role_tasks (
  id serial PRIMARY KEY,
  role_id integer NOT NULL REFERENCES roles (id),
  title text NOT NULL
);

-- Down Migration
DROP TABLE role_tasks;
