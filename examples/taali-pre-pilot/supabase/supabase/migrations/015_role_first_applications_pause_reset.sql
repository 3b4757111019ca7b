-- Runbook 000, "Critical Warning": intentionally destructive. Deletes every row of
-- assessments, candidate_applications and candidates: assessments now belong to an
-- application (role-first flow), and existing rows have none.
DELETE FROM assessments;
DELETE FROM candidate_applications;
DELETE FROM candidates;
ALTER TABLE assessments ADD COLUMN application_id integer NOT NULL REFERENCES candidate_applications (id);
ALTER TABLE assessments ADD COLUMN paused_at timestamptz;
ALTER TABLE assessments ADD COLUMN pause_reason text;
ALTER TABLE candidate_applications ADD COLUMN cv_uploaded_at timestamptz;
