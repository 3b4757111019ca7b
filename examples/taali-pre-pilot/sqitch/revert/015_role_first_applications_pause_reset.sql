ALTER TABLE candidate_applications DROP COLUMN cv_uploaded_at;
ALTER TABLE assessments DROP COLUMN pause_reason;
ALTER TABLE assessments DROP COLUMN paused_at;
ALTER TABLE assessments DROP COLUMN application_id;
