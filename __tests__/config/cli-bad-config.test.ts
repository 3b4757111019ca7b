/**
 * The shipped CLI (dist/index.js) on a bad config: exit code 2, the problem lines on
 * stderr and nothing else, no stack trace, nothing on stdout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { malformedFixture, requireBundle, runCli, runProgram, type CliResult } from './helpers.js';

let dir: string;

beforeAll(() => {
  requireBundle();
  dir = mkdtempSync(join(tmpdir(), 'rg-cli-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Asserts a user error: exit 2, exactly `lines` on stderr, no stack frames, empty stdout. */
function expectUserError(result: CliResult, lines: readonly string[]): void {
  expect(result.stderr).toBe(`${lines.join('\n')}\n`);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe('');
  expect(result.code).toBe(2);
}

describe('release-gates validate on a bad config', () => {
  it('prints the one problem of a misspelt key and exits 2', async () => {
    const file = malformedFixture('09-unknown-check-key.yml');
    const result = await runCli(['validate', '--config', file]);
    expectUserError(result, [`${file}:6:7: smoke.checks[0].retyr: unknown key "retyr" (did you mean "retry"?)`]);
  });

  it('prints every problem of a file, top to bottom, and exits 2', async () => {
    const file = malformedFixture('31-several-problems.yml');
    const result = await runCli(['validate', '--config', file]);
    expectUserError(result, [
      `${file}:3:16: smoke.concurrency: expected a number of at least 1, got number 0`,
      `${file}:6:13: smoke.checks[0].http: expected "METHOD URL" with METHOD one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, e.g. "GET /healthz", got the string "FETCH /healthz"`,
      `${file}:9:7: smoke.checks[1].retyr: unknown key "retyr" (did you mean "retry"?)`,
      `${file}:11:17: smoke.checks[1].expect.status: expected a status code like 200, a class like 2xx, or a list like [200, 202], got the string "20x"`,
      `${file}:12:1: smok: unknown key "smok" (did you mean "smoke"?)`,
    ]);
  });

  it('reports YAML syntax errors the same way', async () => {
    const file = malformedFixture('03-tab-indent.yml');
    const result = await runCli(['validate', '--config', file]);
    expectUserError(result, [`${file}:4:1: invalid YAML: tab used for indentation (expected spaces)`]);
  });

  it('says a missing config file is missing and exits 2', async () => {
    const file = join(dir, 'absent.yml');
    const result = await runCli(['validate', '--config', file]);
    expectUserError(result, [
      `config file ${file} not found (expected a YAML file; pass --config FILE, default .github/release-gates.yml)`,
      'see `release-gates validate --help`',
    ]);
  });

  it('prints "valid" for a good config and exits 0', async () => {
    const result = await runCli(['validate', '--config', 'examples/go-no-go/release-gates.yml']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^examples\/go-no-go\/release-gates\.yml: valid\. Gates: preflight \(8 checks\), migrate \(3 checks\), smoke \(7 checks\), rollback \(1 step\)\. /,
    );
    expect(result.code).toBe(0);
  });
});

describe('the config digest', () => {
  it("is the sha256 of the file's bytes, exactly as sha256sum prints it (a BOM, CRLF and UTF-8 included)", async () => {
    const file = join(dir, 'digest.yml');
    writeFileSync(file, Buffer.from('\ufeffversion: 1\r\n# Café ✓\r\nsmoke:\r\n  checks: []\r\n', 'utf8'));
    const result = await runCli(['validate', '--config', file]);
    expect(result.code).toBe(0);
    const digest = /Digest sha256:([0-9a-f]{64})$/m.exec(result.stdout)?.[1];
    const sum = await runProgram('sha256sum', [file]);
    expect(sum.code).toBe(0);
    expect(digest).toBe(sum.stdout.split(' ')[0]);
  });
});

describe('release-gates run on a bad invocation', () => {
  it('rejects an unknown --env with the environments it knows, exit 2, before any request', async () => {
    const file = join(dir, 'gates.yml');
    // An unreachable URL: if the run went ahead it would fail (exit 1), not exit 2.
    writeFileSync(
      file,
      [
        'version: 1',
        'environments:',
        '  staging: { url: "http://127.0.0.1:9" }',
        '  production: { url: "http://127.0.0.1:9", requires: [staging] }',
        'smoke:',
        '  checks:',
        '    - http: GET /healthz',
        '',
      ].join('\n'),
    );
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'nope']);
    expectUserError(result, ['unknown environment "nope" (expected one of: staging, production)', 'see `release-gates run --help`']);
  });

  it('rejects a missing config file with exit 2', async () => {
    const file = join(dir, 'absent.yml');
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'staging']);
    expectUserError(result, [
      `config file ${file} not found (expected a YAML file; pass --config FILE, default .github/release-gates.yml)`,
      'see `release-gates run --help`',
    ]);
  });

  it('rejects a malformed config before running anything', async () => {
    const file = malformedFixture('14-bad-request-line.yml');
    const result = await runCli(['run', 'smoke', '--config', file]);
    expectUserError(result, [
      `${file}:5:13: smoke.checks[0].http: expected "METHOD URL" with METHOD one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, e.g. "GET /healthz", got the string "FETCH /x"`,
    ]);
  });
});
