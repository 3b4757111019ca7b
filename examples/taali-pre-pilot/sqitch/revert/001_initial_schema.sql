DROP TABLE assessments;
DROP TABLE candidates;
DROP TABLE roles;
