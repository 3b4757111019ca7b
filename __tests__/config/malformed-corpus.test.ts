/**
 * The malformed config corpus, in process: every file in
 * __tests__/fixtures/config/malformed is loaded with `loadConfig` and must fail with
 * exactly the problems malformed-expected.ts lists (malformed-bundle.test.ts runs the same
 * corpus through the real bundle). Fixtures whose problem shows only at run time load.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { ConfigurationError } from '../../src/errors.js';
import { MALFORMED_DIR, malformedFixture } from './helpers.js';
import { AT_RUN, EXPECTED, KINDS } from './malformed-expected.js';

/** Loads a fixture and returns the ConfigurationError it must throw. */
async function failureOf(file: string): Promise<ConfigurationError> {
  const error: unknown = await loadConfig(file).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigurationError)) {
    throw new Error(`${file}: expected a ConfigurationError, got ${error instanceof Error ? error.stack : String(error)}`);
  }
  return error;
}

describe('malformed config corpus', () => {
  it('lists check kinds starting with http and steps', () => {
    expect(KINDS).toMatch(/^http, steps(, |$)/);
  });

  it('has an expectation for every fixture and a fixture for every expectation', () => {
    const files = readdirSync(MALFORMED_DIR).filter((name) => name.endsWith('.yml'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it.each(Object.entries(EXPECTED).filter(([name]) => !(name in AT_RUN)))('%s', async (name, lines) => {
    const file = malformedFixture(name);
    const error = await failureOf(file);
    // The message is exactly the problem lines, each prefixed with the file as given.
    expect(error.message).toBe(lines.map((line) => `${file}:${line}`).join('\n'));
    // .problems carries the same data, structured.
    const structured = error.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`);
    expect(structured).toEqual(lines);
    for (const problem of error.problems) expect(problem.location.file).toBe(file);
  });

  it.each(Object.keys(AT_RUN))('%s loads: its problem shows once ${VAR} is expanded', async (name) => {
    await expect(loadConfig(malformedFixture(name))).resolves.toBeDefined();
  });

  it('reports problems top to bottom, however they were found', async () => {
    const error = await failureOf(malformedFixture('31-several-problems.yml'));
    const positions = error.problems.map((p) => p.location.line * 1000 + p.location.column);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.length).toBe(5);
  });

  it('parseConfig reports the same problems for the same text under another name', () => {
    const text = readFileSync(malformedFixture('09-unknown-check-key.yml'), 'utf8');
    expect(() => parseConfig('ci/gates.yml', text)).toThrow(
      new ConfigurationError([
        {
          location: { file: 'ci/gates.yml', line: 6, column: 7 },
          message: 'smoke.checks[0].retyr: unknown key "retyr" (did you mean "retry"?)',
        },
      ]),
    );
  });

  it('does not guess far-off keys: a long unknown key lists the expected keys instead', () => {
    const text = 'version: 1\nsmoke:\n  checks: []\n  parallelism: 4\n';
    expect(() => parseConfig('c.yml', text)).toThrow(
      'c.yml:4:3: smoke.parallelism: unknown key "parallelism" (expected one of: concurrency, timeout, deadline, checks)',
    );
  });

  it('accepts the corrected version of a corpus file', () => {
    const text = readFileSync(malformedFixture('09-unknown-check-key.yml'), 'utf8').replace('retyr', 'retry');
    expect(parseConfig('c.yml', text).config.smoke?.checks).toHaveLength(1);
  });
});
