/**
 * The malformed config corpus: every file in __tests__/fixtures/config/malformed is
 * loaded with `loadConfig` and must fail with exactly the problems listed here, each as
 * `line:col: message` (the test prefixes the file). A message that is unclear, or a
 * position that is wrong, is fixed in src/config, not written down here.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { CHECK_KINDS } from '../../src/checks/registry.js';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { ConfigurationError } from '../../src/errors.js';
import { MALFORMED_DIR, malformedFixture } from './helpers.js';

/** The kind keys a check may have, as messages list them (the table grows with new kinds). */
const KINDS = CHECK_KINDS.map((kind) => kind.key).join(', ');

/** Expected problems per fixture, `line:col: message`, in the order they are reported. */
const EXPECTED: Record<string, readonly string[]> = {
  '01-yaml-syntax.yml': ['6:28: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }'],
  '02-duplicate-key.yml': ['6:7: invalid YAML: duplicate key "name" (expected each key once per mapping)'],
  '03-tab-indent.yml': ['4:1: invalid YAML: tab used for indentation (expected spaces)'],
  '04-empty-file.yml': ['1:1: expected a mapping at the top level, starting with "version: 1"; the file is empty'],
  '05-top-level-list.yml': ['1:1: expected a mapping at the top level, starting with "version: 1"; got a list'],
  '06-missing-version.yml': ['1:1: (top level): missing required key "version" (expected version: 1)'],
  '07-version-2.yml': ['1:10: version: expected 1, got number 2'],
  '08-unknown-top-level-key.yml': ['2:1: smok: unknown key "smok" (did you mean "smoke"?)'],
  '09-unknown-check-key.yml': ['6:7: smoke.checks[0].retyr: unknown key "retyr" (did you mean "retry"?)'],
  '10-unknown-key-far.yml': [
    '8:9: smoke.checks[0].expect.colour: unknown key "colour" (expected one of: status, headers, json, body, csv-header, max-latency)',
  ],
  '11-check-without-kind.yml': [`4:7: smoke.checks[0]: check has no kind (expected one of the keys: ${KINDS})`],
  '12-misspelt-kind.yml': ['5:7: smoke.checks[0].htp: check has no kind: unknown key "htp" (did you mean "http"?)'],
  '13-two-kinds.yml': ['4:7: smoke.checks[0]: a check has exactly one kind, found "http" and "steps"'],
  '14-bad-request-line.yml': [
    '5:13: smoke.checks[0].http: expected "METHOD URL" with METHOD one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, e.g. "GET /healthz", got the string "FETCH /x"',
  ],
  '15-bad-status.yml': [
    '6:17: smoke.checks[0].expect.status: expected a status code like 200, a class like 2xx, or a list like [200, 202], got the string "20x"',
  ],
  '16-bad-duration.yml': [
    '5:16: smoke.checks[0].timeout: expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m, got the string "5 sec"',
  ],
  '17-retry-without-attempts.yml': [
    '5:14: smoke.checks[0].retry: retry needs "attempts" or "until" (expected e.g. { attempts: 5, every: 2s } or { until: 2m, every: 5s })',
  ],
  '18-negative-concurrency.yml': ['3:16: smoke.concurrency: expected a number of at least 1, got number -1'],
  '19-jsonpath-without-dollar.yml': [
    '7:11: smoke.checks[0].expect.json.status: invalid key "status" (expected a JSONPath starting with $, e.g. $.status)',
  ],
  '20-unknown-matcher-op.yml': ['7:23: smoke.checks[0].expect.json["$.status"].equal: unknown key "equal" (did you mean "equals"?)'],
  '21-bad-type.yml': [
    '7:25: smoke.checks[0].expect.json["$.id"].type: expected one of: "string", "number", "integer", "boolean", "object", "array", "null", got the string "uuid"',
  ],
  '22-auth-basic-and-bearer.yml': [
    '5:13: smoke.checks[0].auth: expected { basic: [user, password] } or { bearer: token }, got a mapping with keys: basic, bearer',
  ],
  '23-auth-basic-one-element.yml': ['6:16: smoke.checks[0].auth.basic: expected at least 2 items, got 1'],
  '24-two-bodies.yml': ['4:7: smoke.checks[0]: a request takes one body: "json", "form" or "body", not several'],
  '25-unclosed-template.yml': ['4:10: environments.staging.url: unclosed "${" (expected "${NAME}" or "${NAME:-default}")'],
  '26-invalid-variable-name.yml': [
    '6:18: smoke.checks[0].headers.x-build: invalid variable name "1X" in "${1X}" (expected letters, digits and _, e.g. ${API_BASE})',
  ],
  '27-capture-before-step.yml': [
    '6:11: smoke.checks[0].steps[0]: "{{role_id}}" is not captured by an earlier step (expected one of: none; add capture: to an earlier step of steps:)',
  ],
  '28-requires-unknown-env.yml': [
    '6:16: environments.production.requires[0]: unknown environment "stagng" (did you mean "staging"?)',
    '9:16: environments.canary.requires[0]: unknown environment "qa" (expected one of: staging, production)',
  ],
  '29-requires-itself.yml': [
    '5:16: environments.staging.requires[0]: environment "staging" cannot require itself (expected environments that run before it)',
  ],
  '30-unknown-environment-key.yml': [
    '4:5: environments.staging.base-url: unknown key "base-url" (expected one of: url, database, vars, requires)',
  ],
  '31-several-problems.yml': [
    '3:16: smoke.concurrency: expected a number of at least 1, got number 0',
    '6:13: smoke.checks[0].http: expected "METHOD URL" with METHOD one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, e.g. "GET /healthz", got the string "FETCH /healthz"',
    '9:7: smoke.checks[1].retyr: unknown key "retyr" (did you mean "retry"?)',
    '11:17: smoke.checks[1].expect.status: expected a status code like 200, a class like 2xx, or a list like [200, 202], got the string "20x"',
    '12:1: smok: unknown key "smok" (did you mean "smoke"?)',
  ],
  '32-check-not-a-mapping.yml': [`4:7: smoke.checks[0]: expected a check mapping with one of the keys: ${KINDS}`],
  '33-empty-steps.yml': ['5:14: smoke.checks[0].steps: expected at least 1 item, got 0'],
  '34-bad-var-name.yml': [
    '6:7: environments.staging.vars.API-BASE: invalid key "API-BASE" (expected a variable name: letters, digits and _)',
  ],
  '35-bad-capture-path.yml': [
    '6:31: smoke.checks[0].steps[0].capture.role_id: expected a JSONPath like $.id, or { header: Location }, got the string "id"',
  ],
  '36-matcher-list.yml': [
    '7:20: smoke.checks[0].expect.json["$.total"]: expected a string, a number, true or false, null or a mapping, got a list',
  ],
  '37-version-string.yml': ['1:10: version: expected 1, got the string "1"'],
  // A bad `matches:` is found by validate, at its line, in every place an http check takes one.
  '38-bad-regex.yml': [
    '7:33: smoke.checks[0].expect.json["$.version"].matches: expected a valid regular expression, e.g. "^head"',
    '9:36: smoke.checks[0].expect.headers.content-type.matches: expected a valid regular expression, e.g. "^head"',
    '10:26: smoke.checks[0].expect.body.matches: expected a valid regular expression, e.g. "^head"',
  ],
};

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
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, lines) => {
    const file = malformedFixture(name);
    const error = await failureOf(file);
    // The message is exactly the problem lines, each prefixed with the file as given.
    expect(error.message).toBe(lines.map((line) => `${file}:${line}`).join('\n'));
    // .problems carries the same data, structured.
    const structured = error.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`);
    expect(structured).toEqual(lines);
    for (const problem of error.problems) expect(problem.location.file).toBe(file);
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
