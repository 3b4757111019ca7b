/**
 * The malformed config corpus (malformed-expected.ts) through the real bundle, as a user
 * meets it: `release-gates validate` (or `run`, for a problem that only shows once
 * `${VAR}` is expanded) exits 2 and prints exactly the problems, each as
 * `file:line:col: message`, and nothing else: no stack trace, no "internal error".
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { MALFORMED_DIR, malformedFixture, requireBundle, runCli } from './helpers.js';
import { AT_RUN, EXPECTED } from './malformed-expected.js';

beforeAll(() => requireBundle());

describe('the malformed config corpus through the bundle', () => {
  it('covers every fixture, at least 60', () => {
    const files = readdirSync(MALFORMED_DIR).filter((name) => name.endsWith('.yml'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it.each(Object.entries(EXPECTED))('%s: exit 2 with exactly its problems', async (name, lines) => {
    const file = malformedFixture(name);
    const run = AT_RUN[name];
    const result = await runCli(run ? ['run', ...run.args, '--config', file] : ['validate', '--config', file], run?.env ?? {});
    expect(result.stderr).toBe(lines.map((line) => `${file}:${line}\n`).join(''));
    expect(result.stderr).not.toMatch(/^\s+at |internal error|this is a bug/m);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });
});
