/**
 * The `junit` check kind through the real config path, on reports written by real
 * runners (scripts/junit-fixtures.sh: pytest in both junit families, jest with
 * jest-junit). Runbook 001's gate-to-test mapping is the input.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../../../src/errors.js';
import { runPreflight } from './run-preflight.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/junit/', import.meta.url));

/** Runs one junit check (YAML mapping lines, indented by 6 after the first) in `cwd`. */
async function junit(body: string, cwd = FIXTURES) {
  const { check } = await runPreflight(`    - ${body}\n`, { cwd });
  return check();
}

const HAPPY = 'tests: [test_resume_and_jd_workflow_transitions, test_export_endpoint_creates_artifact_and_marks_exported]';
const EDGE =
  'tests: [test_reject_flow_completes_without_tool_result, test_interrupt_flow_returns_interrupted_terminal_event, test_interrupt_terminal_run_returns_200_with_current_status]';

describe('runbook 001 gate-to-test mapping on a pytest report', () => {
  for (const report of ['pytest-xunit2.xml', 'pytest-xunit1.xml']) {
    describe(report, () => {
      it('"API contract tests all pass": every test of tests/test_web_api_week1.py passed', async () => {
        const result = await junit(`name: API contract tests all pass\n      junit: ${report}\n      files: [tests/test_web_api_week1.py]`);
        expect(result).toMatchObject({
          kind: 'junit',
          status: 'passed',
          measured: '1/1 files passed',
          expected: 'every test in 1 file passed, none skipped',
        });
        expect(result.details).toContain(`✓ file tests/test_web_api_week1.py: 6 passed (${report})`);
        expect(result.details).toContain(`report ${report}: 13 tests (9 passed, 1 skipped, 1 failed, 2 errored)`);
      });

      it('"E2E happy path passes": both named tests passed, each listed with its report', async () => {
        const result = await junit(`name: E2E happy path passes\n      junit: ${report}\n      ${HAPPY}`);
        expect(result.status).toBe('passed');
        expect(result.summary).toBe('2/2 named tests passed (1 report)');
        expect(result.details).toEqual(
          expect.arrayContaining([
            `✓ test_resume_and_jd_workflow_transitions: passed (${report})`,
            `✓ test_export_endpoint_creates_artifact_and_marks_exported: passed (${report})`,
          ]),
        );
      });

      it('"Interrupt/reject edge cases pass" fails: one failed, one skipped, each named with its status', async () => {
        const result = await junit(`name: Interrupt/reject edge cases pass\n      junit: ${report}\n      ${EDGE}`);
        expect(result.status).toBe('failed');
        expect(result.summary).toBe('test_interrupt_flow_returns_interrupted_terminal_event failed (+1 more)');
        expect(result.measured).toBe('1/3 named tests passed');
        expect(result.details).toEqual(
          expect.arrayContaining([
            `✓ test_reject_flow_completes_without_tool_result: passed (${report})`,
            `✗ test_interrupt_flow_returns_interrupted_terminal_event: failed — AssertionError: terminal event was 'completed' (${report})`,
            `✗ test_interrupt_terminal_run_returns_200_with_current_status: skipped — needs the staging queue (${report})`,
          ]),
        );
      });

      it('an errored test (fixture set-up failed) does not pass', async () => {
        const result = await junit(`junit: ${report}\n      tests: [test_upload_survives_storage_outage]`);
        expect(result.status).toBe('failed');
        expect(result.summary).toBe('test_upload_survives_storage_outage errored');
        expect(result.details).toContain(
          `✗ test_upload_survives_storage_outage: errored — failed on setup with "RuntimeError: object storage is not reachable" (${report})`,
        );
      });

      it('a file with a failing, an errored and a skipped test fails and lists them', async () => {
        const result = await junit(`junit: ${report}\n      files: [tests/test_workflow_integration.py, tests/test_web_api_week1.py]`);
        expect(result.status).toBe('failed');
        expect(result.measured).toBe('1/2 files passed');
        expect(result.summary).toBe('tests/test_workflow_integration.py: 1 skipped, 1 failed, 1 errored');
        expect(result.details).toContain(`✗ file tests/test_workflow_integration.py: 3 passed, 1 skipped, 1 failed, 1 errored (${report})`);
        expect(result.details).toContain(
          `    ✗ tests.test_workflow_integration::test_interrupt_flow_returns_interrupted_terminal_event: failed — AssertionError: terminal event was 'completed' (${report})`,
        );
      });

      it('a test module that failed to import is an errored file', async () => {
        const result = await junit(`junit: ${report}\n      files: [tests/test_broken_import.py]`);
        expect(result.status).toBe('failed');
        expect(result.details).toContain(`✗ file tests/test_broken_import.py: 1 errored (${report})`);
        expect(result.details).toContain(`    ✗ tests.test_broken_import: errored — collection failure (${report})`);
      });
    });
  }

  it('a missing test fails and says where it looked', async () => {
    const result = await junit(
      'junit: pytest-xunit2.xml\n      tests: [test_resume_and_jd_workflow_transitions, test_session_restore_after_reload]',
    );
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('test_session_restore_after_reload missing');
    expect(result.details).toContain('✗ test_session_restore_after_reload: missing (not found in 1 report)');
  });

  it('a test name covers its parametrised instances, and all must pass', async () => {
    const result = await junit('junit: pytest-xunit2.xml\n      tests: [test_export_formats_are_listed]');
    expect(result.status).toBe('passed');
    expect(result.details).toContain('✓ test_export_formats_are_listed: 2 passed (pytest-xunit2.xml)');
  });

  it('classname::name, classname.name suffixes and pytest node ids name tests', async () => {
    const result = await junit(
      'junit: pytest-xunit2.xml\n      tests: ["tests.test_workflow_integration::test_resume_and_jd_workflow_transitions", test_workflow_integration.test_export_endpoint_creates_artifact_and_marks_exported, "tests/test_web_api_week1.py::TestSessionContract::test_unknown_session_is_404", "TestSessionContract.test_get_session_has_status_field"]',
    );
    expect(result.status).toBe('passed');
    expect(result.measured).toBe('4/4 named tests passed');
  });

  it('a name in the wrong class or file is missing, not matched elsewhere', async () => {
    const result = await junit(
      'junit: pytest-xunit1.xml\n      tests: ["tests/test_web_api_week1.py::test_resume_and_jd_workflow_transitions", "OtherClass::test_unknown_session_is_404", "st_resume_and_jd_workflow_transitions"]',
    );
    expect(result.status).toBe('failed');
    expect(result.measured).toBe('0/3 named tests passed');
  });
});

describe('jest-junit reports', () => {
  it('maps files through the file attribute (addFileAttribute)', async () => {
    const result = await junit(
      'junit: jest-file-attribute.xml\n      files: [__tests__/web-api-week1.test.js, src/workflow/workflow.test.js]',
    );
    expect(result.status).toBe('failed');
    expect(result.details).toContain('✓ file __tests__/web-api-week1.test.js: 2 passed (jest-file-attribute.xml)');
    expect(result.details).toContain('✗ file src/workflow/workflow.test.js: 3 passed, 1 skipped, 1 failed (jest-file-attribute.xml)');
    expect(result.details).toContain(
      '    ✗ workflow interrupt terminal run returns 200 with current status: skipped (jest-file-attribute.xml)',
    );
  });

  it('maps files through a suite named by its path (suiteNameTemplate "{filepath}")', async () => {
    const result = await junit('junit: jest-suite-path.xml\n      files: [__tests__/web-api-week1.test.js]');
    expect(result.status).toBe('passed');
    expect(result.details).toContain('✓ file __tests__/web-api-week1.test.js: 2 passed (jest-suite-path.xml)');
  });

  it('a test file that failed to run is errored', async () => {
    for (const report of ['jest-file-attribute.xml', 'jest-suite-path.xml']) {
      const result = await junit(`junit: ${report}\n      files: [__tests__/broken.test.js]`);
      expect(result.status).toBe('failed');
      expect(result.details[1]).toBe(`✗ file __tests__/broken.test.js: 1 failed, 1 errored (${report})`);
      expect(result.details).toContain(
        `    ✗ Test suite failed to run::__tests__/broken.test.js: errored — ● Test suite failed to run (${report})`,
      );
    }
  });

  it('names are jest-junit\'s "describe title"; a failing one fails', async () => {
    const result = await junit(
      'junit: jest-default.xml\n      tests: [workflow resume and jd workflow transitions, workflow interrupt flow returns interrupted terminal event]',
    );
    expect(result.status).toBe('failed');
    expect(result.details).toContain('✓ workflow resume and jd workflow transitions: passed (jest-default.xml)');
    expect(result.details).toContain(
      '✗ workflow interrupt flow returns interrupted terminal event: failed — expect(received).toBe(expected) // Object.is equality (jest-default.xml)',
    );
  });

  it('with jest-junit defaults no file is named: the evidence says which option to set', async () => {
    const result = await junit('junit: jest-default.xml\n      files: [__tests__/web-api-week1.test.js]');
    expect(result.status).toBe('failed');
    expect(result.details).toContain('✗ file __tests__/web-api-week1.test.js: missing (no test case from it in the reports)');
    expect(result.details.at(-1)).toMatch(/addFileAttribute: "true" or suiteNameTemplate: "\{filepath\}"/);
  });
});

describe('min-tests and the whole-report check', () => {
  it('min-tests counts passed tests', async () => {
    const enough = await junit('junit: pytest-api-only.xml\n      min-tests: 6');
    expect(enough).toMatchObject({ status: 'passed', measured: '6 passed', expected: 'every test passed, ≥ 6 passed, none skipped' });
    const short = await junit('junit: pytest-api-only.xml\n      min-tests: 7');
    expect(short.status).toBe('failed');
    expect(short.summary).toBe('6 tests passed, expected ≥ 7');
  });

  it('with files:, min-tests counts the tests in those files only', async () => {
    const result = await junit('junit: pytest-xunit2.xml\n      files: [tests/test_web_api_week1.py]\n      min-tests: 7');
    expect(result.status).toBe('failed');
    expect(result.details).toContain('✗ min-tests: 6 passed in the listed files (expected ≥ 7)');
  });

  it('with no tests: or files:, every test must pass', async () => {
    expect((await junit('junit: pytest-api-only.xml')).status).toBe('passed');
    const result = await junit('junit: pytest-xunit2.xml');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('1 skipped, 1 failed, 2 errored');
    expect(result.details.filter((line) => line.startsWith('    ✗'))).toHaveLength(4);
  });

  it('allow-skipped lets skipped tests through in files, never in tests:', async () => {
    const file = await junit('junit: jest-file-attribute.xml\n      files: [src/workflow/workflow.test.js]\n      allow-skipped: true');
    expect(file.summary).toBe('src/workflow/workflow.test.js: 1 failed');
    const named = await junit(
      'junit: jest-file-attribute.xml\n      tests: [workflow interrupt terminal run returns 200 with current status]\n      allow-skipped: true',
    );
    expect(named.status).toBe('failed');
  });
});

describe('finding and reading reports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-junit-'));
    await mkdir(join(dir, 'reports', 'py'), { recursive: true });
    await mkdir(join(dir, 'reports', 'js'), { recursive: true });
    await copyFile(join(FIXTURES, 'pytest-xunit2.xml'), join(dir, 'reports', 'py', 'junit.xml'));
    await copyFile(join(FIXTURES, 'jest-file-attribute.xml'), join(dir, 'reports', 'js', 'junit.xml'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('no report matched fails', async () => {
    const result = await junit('junit: "build/**/*.xml"\n      tests: [test_resume_and_jd_workflow_transitions]', dir);
    expect(result).toMatchObject({ status: 'failed', summary: 'no JUnit report matches build/**/*.xml', measured: 'no report' });
  });

  it('a glob reads every report; evidence names the report of each test', async () => {
    const result = await junit(
      'junit: "reports/**/*.xml"\n      tests: [test_resume_and_jd_workflow_transitions, workflow resume and jd workflow transitions]\n      files: [tests/test_web_api_week1.py, __tests__/web-api-week1.test.js]',
      dir,
    );
    expect(result.status).toBe('passed');
    expect(result.details).toEqual(
      expect.arrayContaining([
        'report reports/js/junit.xml: 9 tests (5 passed, 1 skipped, 2 failed, 1 errored)',
        'report reports/py/junit.xml: 13 tests (9 passed, 1 skipped, 1 failed, 2 errored)',
        '✓ test_resume_and_jd_workflow_transitions: passed (reports/py/junit.xml)',
        '✓ workflow resume and jd workflow transitions: passed (reports/js/junit.xml)',
        '✓ file __tests__/web-api-week1.test.js: 2 passed (reports/js/junit.xml)',
      ]),
    );
  });

  it('a list of paths works, and a test found in two reports must pass in both', async () => {
    await copyFile(join(FIXTURES, 'pytest-api-only.xml'), join(dir, 'api.xml'));
    const result = await junit('junit: [api.xml, reports/py/junit.xml]\n      tests: [test_create_session_returns_201]', dir);
    expect(result.details).toContain('✓ test_create_session_returns_201: 2 passed (api.xml, reports/py/junit.xml)');
  });

  it('a report cut short fails with where it breaks', async () => {
    const text = await readFile(join(FIXTURES, 'pytest-xunit2.xml'), 'utf8');
    await writeFile(join(dir, 'cut.xml'), text.slice(0, 900));
    const result = await junit('junit: cut.xml', dir);
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      'cut.xml is not well-formed XML: it ends before <testsuites>, <testsuite>, <tes> are closed (a report cut short?)',
    );
  });

  it('XML that is not JUnit fails', async () => {
    await writeFile(join(dir, 'coverage.xml'), '<?xml version="1.0"?><coverage line-rate="0.9"><packages/></coverage>');
    const result = await junit('junit: coverage.xml', dir);
    expect(result.summary).toBe('coverage.xml is not a JUnit report: its root is <coverage>, expected <testsuites> or <testsuite>');
  });

  it('a bare <testsuite> root is read', async () => {
    await writeFile(
      join(dir, 'bare.xml'),
      '<testsuite name="s" tests="2"><testcase classname="a.B" name="t1"/><testcase classname="a.B" name="t2"><skipped message="later"/></testcase></testsuite>',
    );
    const result = await junit('junit: bare.xml\n      tests: [a.B.t1, B::t2]', dir);
    expect(result.details).toEqual([
      'report bare.xml: 2 tests (1 passed, 1 skipped)',
      '✓ a.B.t1: passed (bare.xml)',
      '✗ B::t2: skipped — later (bare.xml)',
    ]);
  });

  it('max-age ignores reports left from an earlier run', async () => {
    const old = join(dir, 'old.xml');
    await copyFile(join(FIXTURES, 'pytest-api-only.xml'), old);
    const threeHoursAgo = new Date(Date.now() - 3 * 3600_000);
    await utimes(old, threeHoursAgo, threeHoursAgo);
    const result = await junit('junit: old.xml\n      max-age: 1h', dir);
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('only reports older than max-age 1h match old.xml');
    expect(result.details).toContain('ignored old.xml: 3h old (max-age 1h)');
    expect((await junit('junit: old.xml\n      max-age: 4h', dir)).status).toBe('passed');
  });
});

describe('config', () => {
  it('problems point at the line and say what is expected', async () => {
    const attempt = runPreflight('    - junit: []\n      min-tests: 0\n      tests: x\n', { cwd: FIXTURES });
    await expect(attempt).rejects.toThrow(ConfigurationError);
    const error = (await attempt.catch((e: unknown) => e)) as ConfigurationError;
    const messages = error.problems.map((p) => `${p.location.line}: ${p.message}`);
    expect(messages).toEqual([
      '4: preflight.checks[0].junit: expected at least 1 item, got 0',
      '5: preflight.checks[0].min-tests: expected a number of at least 1, got number 0',
      '6: preflight.checks[0].tests: expected a list, got the string "x"',
    ]);
  });

  it('a check without a name is described by what it checks', async () => {
    const { check } = await runPreflight('    - { junit: pytest-xunit2.xml, tests: [test_reject_flow_completes_without_tool_result] }\n', {
      cwd: FIXTURES,
    });
    expect(check().name).toBe('junit test_reject_flow_completes_without_tool_result');
  });
});
