/**
 * Expectations on what a process did: its exit code, its stdout and stderr text, and JSON
 * fields read from its stdout. Shared by every kind that runs a command (`command`, and
 * kinds that run a team's tool). JSON fields use the same matchers as HTTP `expect.json`.
 *
 * ```yaml
 * expect:
 *   exit-code: 0              # or [0, 3]
 *   stdout: { contains: head }
 *   stderr: { not-contains: Traceback }
 *   json: { $.app_env: prod, $.strict_cors: true, $.cors_origins: { count: { gte: 1 } } }
 * ```
 */
import { z } from 'zod';
import { TextExpectation, type TextExpectationConfig } from '../config/schema/common.js';
import type { ProcessResult } from '../io/process.js';
import type { SecretRegistry } from '../secrets/registry.js';
import { parseOutputJson } from './command/stdout-json.js';
import { jsonPathSource, queryJson } from '../matchers/jsonpath.js';
import { applyMatcher, show, type Assertion } from '../matchers/matchers.js';
import { Matcher } from '../matchers/schema.js';

const ExitCode = z.number().int().min(0).max(255);

/** What a finished process must show. */
export const OutputExpect = z.strictObject({
  /** Exit codes that pass; default 0. */
  'exit-code': z.union([ExitCode, z.array(ExitCode).min(1)], { error: 'expected an exit code like 0, or a list like [0, 3]' }).optional(),
  stdout: TextExpectation.optional(),
  stderr: TextExpectation.optional(),
  /** JSONPath → matcher, on stdout read as JSON (see {@link parseOutputJson}). */
  json: z.record(jsonPathSource('expected a JSONPath starting with $, e.g. $.app_env'), Matcher).optional(),
});

export type OutputExpectConfig = z.output<typeof OutputExpect>;

/** What a finished process left behind. */
export type ProcessOutput = Pick<ProcessResult, 'exitCode' | 'signal' | 'stdout' | 'stderr' | 'truncated'>;

/** The exit codes that pass. */
export function expectedExitCodes(expect: OutputExpectConfig | undefined): number[] {
  const spec = expect?.['exit-code'] ?? 0;
  return Array.isArray(spec) ? spec : [spec];
}

/** `0`, or `killed by SIGTERM`. */
export function describeExit(output: Pick<ProcessOutput, 'exitCode' | 'signal'>): string {
  if (output.exitCode !== null) return String(output.exitCode);
  return output.signal ? `killed by ${output.signal}` : 'no exit code';
}

function lineOf(text: string, index: number): { number: number; line: string } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return { number: text.slice(0, start).split('\n').length, line: text.slice(start, end === -1 ? undefined : end) };
}

function lastLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .at(-1);
}

/**
 * Assertions on one stream. Matching uses the real text; what is shown is one line of
 * it, redacted: the line that matched, or the last line when nothing did.
 */
export function textAssertions(label: string, text: string, spec: TextExpectationConfig, secrets: SecretRegistry): Assertion[] {
  const object = typeof spec === 'string' ? { contains: spec } : spec;
  const at = (index: number): string => {
    const { number, line } = lineOf(text, index);
    return `line ${number}: ${show(secrets.redact(line))}`;
  };
  const lines = text.split(/\r?\n/).filter((line) => line !== '').length;
  const last = lastLine(text);
  const nowhere =
    text.trim() === ''
      ? `${label} is empty`
      : `not found in its ${lines} line${lines === 1 ? '' : 's'}; the last is ${show(secrets.redact(last ?? ''))}`;
  const out: Assertion[] = [];
  if (object.contains !== undefined) {
    const index = text.indexOf(object.contains);
    out.push({ label, ok: index !== -1, measured: index === -1 ? nowhere : at(index), expected: `contains ${show(object.contains)}` });
  }
  if (object['not-contains'] !== undefined) {
    const index = text.indexOf(object['not-contains']);
    out.push({
      label,
      ok: index === -1,
      measured: index === -1 ? `absent from ${lines} line${lines === 1 ? '' : 's'}` : at(index),
      expected: `does not contain ${show(object['not-contains'])}`,
    });
  }
  if (object.matches !== undefined) {
    const match = new RegExp(object.matches, 'm').exec(text);
    out.push({ label, ok: match !== null, measured: match ? at(match.index) : nowhere, expected: `matches /${object.matches}/` });
  }
  return out;
}

/**
 * JSON field assertions, as HTTP `expect.json` makes them. Verdicts use the real values;
 * the measured texts are made from redacted values, so a value cut short for display
 * cannot show part of a secret.
 */
export function jsonAssertions(
  stdout: string,
  spec: NonNullable<OutputExpectConfig['json']>,
  secrets: SecretRegistry,
  truncated = false,
): Assertion[] {
  const json = parseOutputJson(stdout);
  return Object.entries(spec).flatMap(([path, matcher]): Assertion[] => {
    if (!json.ok) {
      const reason = truncated ? `${json.reason} (stdout was cut at the output cap)` : json.reason;
      return [{ label: path, ok: false, measured: secrets.redact(reason), expected: 'JSON on stdout' }];
    }
    const found = queryJson(path, json.value);
    if (!found.ok) return [{ label: path, ok: false, measured: found.reason, expected: 'a JSONPath that evaluates' }];
    const values = found.values;
    const shown = applyMatcher(path, secrets.redactDeep(values), matcher);
    return applyMatcher(path, values, matcher).map((assertion, index) => ({
      ...assertion,
      measured: shown[index]?.measured ?? assertion.measured,
    }));
  });
}

/** Every assertion of `expect` on a finished process; the exit code is always first. */
export function evaluateOutput(expect: OutputExpectConfig | undefined, output: ProcessOutput, secrets: SecretRegistry): Assertion[] {
  const codes = expectedExitCodes(expect);
  const out: Assertion[] = [
    {
      label: 'exit code',
      ok: output.exitCode !== null && codes.includes(output.exitCode),
      measured: describeExit(output),
      expected: codes.join(' or '),
    },
  ];
  if (expect?.stdout !== undefined) out.push(...textAssertions('stdout', output.stdout, expect.stdout, secrets));
  if (expect?.stderr !== undefined) out.push(...textAssertions('stderr', output.stderr, expect.stderr, secrets));
  if (expect?.json) out.push(...jsonAssertions(output.stdout, expect.json, secrets, output.truncated));
  return out;
}
