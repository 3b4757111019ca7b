-- Fails when a table or column of 001 is missing.
SELECT id, title, created_at FROM roles WHERE false;
SELECT id, full_name, email FROM candidates WHERE false;
SELECT id, candidate_id, status, started_at FROM assessments WHERE false;
