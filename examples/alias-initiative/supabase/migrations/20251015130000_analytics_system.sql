-- Analytics System (runbook 004, migration 3 of 3): needs employer_aliases from 2.
CREATE VIEW employer_alias_coverage AS
  SELECT e.id AS employer_id, e.name, count(a.id) AS aliases
  FROM employers e LEFT JOIN employer_aliases a ON a.employer_id = e.id
  GROUP BY e.id, e.name;
