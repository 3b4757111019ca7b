SELECT id, role_id, candidate_id, cv_text FROM candidate_applications WHERE false;
