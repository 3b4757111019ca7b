SELECT application_id, paused_at, pause_reason FROM assessments WHERE false;
SELECT cv_uploaded_at FROM candidate_applications WHERE false;
