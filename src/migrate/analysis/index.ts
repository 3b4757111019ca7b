/**
 * Destructive-change analysis of SQL migrations (issue #9): what a migration does that loses
 * data, weakens security, breaks clients or may fail on existing data, found with the real
 * PostgreSQL parser (libpg-query, loaded on the first call), with read-only row counts to
 * run against the target and a content hash that survives reformatting. Finding codes:
 * `docs/sql-findings.md`.
 */
export { analyseSql } from './analyse.js';
export { RULES, needsAck, type FindingCode, type RuleInfo } from './rules/index.js';
export type { AnalyseOptions, SqlAnalysis, SqlFinding, SqlPart, SqlSeverity, SqlUnanalysable } from './types.js';
