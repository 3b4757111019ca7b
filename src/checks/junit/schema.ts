/**
 * Config of the `junit` check kind: test evidence from JUnit XML reports, as a
 * gate-to-test mapping (runbook 001).
 *
 * ```yaml
 * - name: API contract tests all pass
 *   junit: reports/**\/*.xml
 *   files: [tests/test_web_api_week1.py]
 * - name: E2E happy path passes
 *   junit: [reports/pytest.xml, reports/jest.xml]
 *   tests: [test_resume_and_jd_workflow_transitions, test_export_endpoint_creates_artifact_and_marks_exported]
 * - name: the whole suite ran
 *   junit: reports/*.xml
 *   min-tests: 200
 * ```
 */
import { z } from 'zod';
import { CheckCommon, Duration, Numeric } from '../../config/schema/common.js';

const Pattern = z.string().min(1, { error: 'expected a path or glob of JUnit XML reports, e.g. reports/**/*.xml' });

/** Reports to read: a path or glob, or a list of them, relative to the working directory. */
export const ReportPatterns = z
  .union([Pattern, z.array(Pattern).min(1)], { error: 'expected a path or glob of JUnit XML reports, or a list of them' })
  .transform((value) => (Array.isArray(value) ? value : [value]));

export const JUnitCheck = z.strictObject({
  ...CheckCommon,
  /** Reports: a path or glob, or a list, relative to the working directory. */
  junit: ReportPatterns,
  /** Tests that must have run and passed: a name, `classname::name`, `classname.name` or a pytest node id. */
  tests: z.array(z.string().min(1)).min(1).optional(),
  /** Source files whose every test must have run and passed. */
  files: z.array(z.string().min(1)).min(1).optional(),
  /** At least this many passed tests (in `files:` when given, else in all reports). */
  'min-tests': Numeric.pipe(z.number().int().min(1, { error: 'expected min-tests of at least 1' })).optional(),
  /** Let skipped tests through in `files:` and in the whole-report check (never in `tests:`). */
  'allow-skipped': z.boolean().optional(),
  /** Reports older than this are ignored, as left over from an earlier run. */
  'max-age': Duration.optional(),
});

export type JUnitCheckConfig = z.output<typeof JUnitCheck>;
