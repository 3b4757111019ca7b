DROP TABLE candidate_applications;
