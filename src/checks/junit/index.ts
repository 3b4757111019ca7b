/**
 * The `junit` check kind: test evidence from JUnit XML (README.md, "Preflight checks": "the
 * named tests or files ran and passed, not skipped"). Runbook 001's gate-to-test
 * mapping reads as:
 *
 * ```yaml
 * - { name: API contract tests all pass, junit: reports/*.xml, files: [tests/test_web_api_week1.py] }
 * - name: E2E happy path passes
 *   junit: reports/*.xml
 *   tests: [test_resume_and_jd_workflow_transitions, test_export_endpoint_creates_artifact_and_marks_exported]
 * ```
 *
 * A named test passes only when every case it matches passed: skipped, failed, errored
 * and missing tests do not. A file passes when it has at least one case and all of them
 * passed. With neither `tests:` nor `files:`, every case in the reports must pass.
 * Evidence lists each named test and file with its status and the report it came from.
 */
import { readFile } from 'node:fs/promises';
import { formatDuration } from '../../config/units.js';
import type { CheckOutcome } from '../../engine/model.js';
import { findAll } from '../files.js';
import type { CheckKind } from '../kind.js';
import type { TestCase, TestStatus } from './parse.js';
import { JUnitCheck, type JUnitCheckConfig } from './schema.js';
import { hasFileInformation, inFile, matchesTest } from './select.js';

export { JUnitCheck, type JUnitCheckConfig } from './schema.js';

const STATUS_ORDER: readonly TestStatus[] = ['errored', 'failed', 'skipped', 'passed'];

/** `3 passed, 1 failed` in a fixed order; `no tests` when empty. */
function countText(tests: readonly TestCase[]): string {
  const parts = STATUS_ORDER.slice()
    .reverse()
    .map((status) => [status, tests.filter((test) => test.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`);
  return parts.length ? parts.join(', ') : 'no tests';
}

function worst(tests: readonly TestCase[]): TestStatus {
  return STATUS_ORDER.find((status) => tests.some((test) => test.status === status)) ?? 'passed';
}

function reportsOf(tests: readonly TestCase[]): string {
  return [...new Set(tests.map((test) => test.report))].join(', ');
}

/** How a case is named in evidence: `classname::name`, or the name when it already says it all. */
function label(test: TestCase): string {
  return test.classname === '' || test.name.startsWith(test.classname) ? test.name : `${test.classname}::${test.name}`;
}

function caseLine(test: TestCase, indent = '    '): string {
  return `${indent}✗ ${label(test)}: ${test.status}${test.message ? ` — ${test.message}` : ''} (${test.report})`;
}

/** One verdict: a named test, a file, the minimum count, or the whole reports. */
interface Verdict {
  ok: boolean;
  /** The line shown for it, without the ✓/✗. */
  line: string;
  /** Why it failed, short, for the summary. */
  reason: string;
  /** Cases that did not pass, listed under it. */
  cases: TestCase[];
}

function namedTest(all: readonly TestCase[], name: string, reportCount: number): Verdict {
  const matched = all.filter((test) => matchesTest(test, name));
  if (matched.length === 0) {
    const where = `in ${reportCount} ${reportCount === 1 ? 'report' : 'reports'}`;
    return { ok: false, line: `${name}: missing (not found ${where})`, reason: `${name} missing`, cases: [] };
  }
  const status = worst(matched);
  const ok = status === 'passed';
  const first = matched.find((test) => test.status === status);
  const message = !ok && first?.message ? ` — ${first.message}` : '';
  const counts = matched.length > 1 ? countText(matched) : status;
  return {
    ok,
    line: `${name}: ${counts}${message} (${reportsOf(matched)})`,
    reason: `${name} ${status}`,
    cases: matched.length > 1 ? matched.filter((test) => test.status !== 'passed') : [],
  };
}

function blocks(test: TestCase, allowSkipped: boolean): boolean {
  return test.status === 'failed' || test.status === 'errored' || (test.status === 'skipped' && !allowSkipped);
}

function fileVerdict(all: readonly TestCase[], path: string, allowSkipped: boolean): Verdict {
  const matched = all.filter((test) => inFile(test, path));
  if (matched.length === 0) {
    return { ok: false, line: `file ${path}: missing (no test case from it in the reports)`, reason: `${path} missing`, cases: [] };
  }
  const bad = matched.filter((test) => blocks(test, allowSkipped));
  const passed = matched.filter((test) => test.status === 'passed').length;
  const ok = bad.length === 0 && passed > 0;
  return {
    ok,
    line: `file ${path}: ${countText(matched)} (${reportsOf(matched)})`,
    reason: ok ? '' : passed === 0 && bad.length === 0 ? `${path}: no test passed` : `${path}: ${countText(bad)}`,
    cases: bad,
  };
}

function allVerdict(all: readonly TestCase[], allowSkipped: boolean): Verdict {
  const bad = all.filter((test) => blocks(test, allowSkipped));
  const passed = all.filter((test) => test.status === 'passed').length;
  const ok = bad.length === 0 && passed > 0;
  return {
    ok,
    line: `all tests: ${countText(all)}`,
    reason: ok ? '' : bad.length === 0 ? 'no test passed' : countText(bad),
    cases: bad,
  };
}

function minimumVerdict(passed: number, minimum: number, inFiles: boolean): Verdict {
  const where = inFiles ? ' in the listed files' : '';
  return {
    ok: passed >= minimum,
    line: `min-tests: ${passed} passed${where} (expected ≥ ${minimum})`,
    reason: `${passed} tests passed${where}, expected ≥ ${minimum}`,
    cases: [],
  };
}

const CASES_SHOWN = 20;

function verdictLines(verdict: Verdict): string[] {
  const lines = [`${verdict.ok ? '✓' : '✗'} ${verdict.line}`];
  const shownCases = verdict.cases.slice(0, CASES_SHOWN).map((test) => caseLine(test));
  if (verdict.cases.length > CASES_SHOWN) shownCases.push(`    … and ${verdict.cases.length - CASES_SHOWN} more`);
  return [...lines, ...shownCases];
}

/** What was expected, in one line. */
function expectedText(config: JUnitCheckConfig): string {
  const parts: string[] = [];
  if (config.tests) parts.push(`${config.tests.length} named ${config.tests.length === 1 ? 'test' : 'tests'} passed`);
  if (config.files) parts.push(`every test in ${config.files.length} ${config.files.length === 1 ? 'file' : 'files'} passed`);
  if (!config.tests && !config.files) parts.push('every test passed');
  if (config['min-tests'] !== undefined) parts.push(`≥ ${config['min-tests']} passed`);
  return parts.join(', ') + (config['allow-skipped'] ? '' : ', none skipped');
}

/** Evaluates the check on the cases read from the reports. Exported for tests. */
export function evaluate(config: JUnitCheckConfig, all: readonly TestCase[], reportCount: number): CheckOutcome & { details: string[] } {
  const allowSkipped = config['allow-skipped'] ?? false;
  const named = (config.tests ?? []).map((name) => namedTest(all, name, reportCount));
  const files = (config.files ?? []).map((path) => fileVerdict(all, path, allowSkipped));
  const verdicts = [...named, ...files];
  if (!config.tests && !config.files) verdicts.push(allVerdict(all, allowSkipped));
  const minimum = config['min-tests'];
  const scope = config.files ? all.filter((test) => config.files?.some((path) => inFile(test, path))) : all;
  const passedInScope = scope.filter((test) => test.status === 'passed').length;
  if (minimum !== undefined) verdicts.push(minimumVerdict(passedInScope, minimum, config.files !== undefined));
  const details = verdicts.flatMap(verdictLines);
  if (files.some((verdict) => verdict.line.endsWith('missing (no test case from it in the reports)')) && !hasFileInformation(all)) {
    details.push(
      'note: no test case in the reports names its file. pytest names it in its dotted classname; for jest-junit set addFileAttribute: "true" or suiteNameTemplate: "{filepath}"',
    );
  }

  const measuredParts: string[] = [];
  if (named.length) measuredParts.push(`${named.filter((v) => v.ok).length}/${named.length} named tests passed`);
  if (files.length) measuredParts.push(`${files.filter((v) => v.ok).length}/${files.length} files passed`);
  if (!config.tests && !config.files) measuredParts.push(countText(all));
  // The whole-report count already says how many passed.
  if (minimum !== undefined && (config.tests || config.files))
    measuredParts.push(`${passedInScope} passed${config.files ? ' in the files' : ''}`);
  const measured = measuredParts.join('; ');
  const failed = verdicts.filter((verdict) => !verdict.ok);
  const expected = expectedText(config);
  if (failed.length === 0) {
    return {
      status: 'passed',
      summary: `${measured} (${reportCount} ${reportCount === 1 ? 'report' : 'reports'})`,
      measured,
      expected,
      details,
    };
  }
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
  return { status: 'failed', summary: `${failed[0]?.reason ?? 'failed'}${more}`, measured, expected, details };
}

function describe(config: JUnitCheckConfig): string {
  const target = config.tests
    ? config.tests.length === 1
      ? (config.tests[0] ?? '')
      : `${config.tests.length} tests`
    : config.files
      ? config.files.join(', ')
      : 'all tests';
  return `junit ${target}`;
}

export const junitKind: CheckKind<JUnitCheckConfig> = {
  name: 'junit',
  key: 'junit',
  schema: JUnitCheck,
  describe,
  plan(config, context) {
    const cwd = context.scope.cwd;
    const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
    return {
      timeoutMs,
      run: async ({ signal, progress }) => {
        const found = await findAll(cwd, config.junit);
        const maxAge = config['max-age'];
        const now = Date.now();
        const reports = maxAge === undefined ? found : found.filter((report) => now - report.mtimeMs <= maxAge);
        const stale = found.filter((report) => !reports.includes(report));
        const staleLines = stale.map(
          (report) => `ignored ${report.path}: ${formatDuration(now - report.mtimeMs)} old (max-age ${formatDuration(maxAge ?? 0)})`,
        );
        const patterns = config.junit.join(', ');
        if (reports.length === 0) {
          const why = stale.length
            ? `only reports older than max-age ${formatDuration(maxAge ?? 0)} match ${patterns}`
            : `no JUnit report matches ${patterns}`;
          return {
            status: 'failed',
            summary: why,
            measured: stale.length ? `${stale.length} stale reports` : 'no report',
            expected: `a JUnit report matching ${patterns}`,
            details: [`looked in ${cwd}`, ...staleLines],
          };
        }
        progress(`reading ${reports.length} JUnit ${reports.length === 1 ? 'report' : 'reports'}`);
        const all: TestCase[] = [];
        const broken: string[] = [];
        // The XML parser is loaded on first use: start-up stays short without junit checks.
        const { JUnitParseError, parseJUnit } = await import('./parse.js');
        for (const report of reports) {
          if (signal.aborted) break;
          try {
            all.push(...parseJUnit(await readFile(report.absolute, 'utf8'), report.path));
          } catch (error) {
            broken.push(
              error instanceof JUnitParseError
                ? error.message
                : `${report.path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
            );
          }
        }
        const reportLines = reports.map((report) => {
          const cases = all.filter((test) => test.report === report.path);
          return `report ${report.path}: ${cases.length} ${cases.length === 1 ? 'test' : 'tests'} (${countText(cases)})`;
        });
        if (broken.length) {
          return {
            status: 'failed',
            summary: `${broken[0] ?? ''}${broken.length > 1 ? ` (+${broken.length - 1} more)` : ''}`,
            measured: `${broken.length} unreadable ${broken.length === 1 ? 'report' : 'reports'}`,
            expected: 'JUnit XML reports',
            details: context.secrets.redactDeep([...broken.map((line) => `✗ ${line}`), ...reportLines, ...staleLines]),
          };
        }
        const outcome = evaluate(config, all, reports.length);
        return context.secrets.redactDeep({ ...outcome, details: [...reportLines, ...staleLines, ...outcome.details] });
      },
    };
  },
};
