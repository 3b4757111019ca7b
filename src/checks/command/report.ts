/**
 * Turns a finished command into an outcome: measured against expected in one line, and
 * details with the command, every assertion and the last lines of its output. Every
 * text is redacted before it leaves here.
 */
import { formatDuration, formatSize } from '../../config/units.js';
import type { CheckOutcome } from '../../engine/model.js';
import { DEFAULT_MAX_OUTPUT_BYTES, type ProcessResult } from '../../io/process.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import { cut } from '../../text.js';
import type { Assertion } from '../../matchers/matchers.js';
import { assertionLine } from '../http/report.js';
import { describeExit } from '../output-expect.js';

/** Lines of stdout and of stderr kept in the details. */
export const TAIL_LINES = 20;
/** JSON fields named in a passing check's measured column before `+N more`. */
const MEASURED_FIELDS = 3;
/** Characters of the last output line quoted in a summary. */
const SUMMARY_LINE_MAX = 160;

/** What ran, for the texts. */
export interface Invocation {
  /** One line: `alembic heads`, or `bash: python3 - <<'PY' …`. */
  label: string;
  /** The command or script as run, for the details (several lines for a script). */
  shown: string[];
  cwd: string;
  timeoutMs: number;
}

/** The last `count` lines of a stream, with a heading; nothing for an empty stream. */
export function tail(name: string, text: string, count = TAIL_LINES): string[] {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return [];
  const kept = lines.slice(-count);
  const heading = kept.length < lines.length ? `${name} (last ${kept.length} of ${lines.length} lines):` : `${name}:`;
  return [heading, ...kept.map((line) => `  | ${line}`)];
}

function outputLines(result: ProcessResult): string[] {
  return [
    ...tail('stdout', result.stdout),
    ...tail('stderr', result.stderr),
    ...(result.truncated ? [`output was cut at the ${formatSize(DEFAULT_MAX_OUTPUT_BYTES)} cap per stream; the rest was not read`] : []),
  ];
}

/** The last line of stderr, else of stdout: redacted first, then cut, so no part of a secret shows. */
function lastOutput(result: ProcessResult, secrets: SecretRegistry): string | undefined {
  const last = (text: string): string | undefined =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1);
  const line = last(result.stderr) ?? last(result.stdout);
  if (line === undefined) return undefined;
  const redacted = secrets.redact(line);
  return cut(redacted, SUMMARY_LINE_MAX);
}

/** `$.app_env = "prod"`, `$.cors_origins count 2`: a field as measured. */
function fieldText(assertion: Assertion): string {
  return /^(count |is |present|absent|not found)/.test(assertion.measured)
    ? `${assertion.label} ${assertion.measured}`
    : `${assertion.label} = ${assertion.measured}`;
}

function measuredOf(exit: string, assertions: readonly Assertion[], failed: Assertion | undefined): string {
  if (failed && failed.label !== 'exit code')
    return `exit ${exit}, ${failed.label === 'stdout' || failed.label === 'stderr' ? `${failed.label}: ${failed.measured}` : fieldText(failed)}`;
  if (failed) return `exit ${exit}`;
  const fields = [...new Map(assertions.filter((a) => a.label.startsWith('$')).map((a) => [a.label, fieldText(a)])).values()];
  const more = fields.length > MEASURED_FIELDS ? ` (+${fields.length - MEASURED_FIELDS} more)` : '';
  return [`exit ${exit}`, ...fields.slice(0, MEASURED_FIELDS)].join(', ') + more;
}

function expectedOf(assertions: readonly Assertion[]): string {
  return assertions
    .map((assertion) => (assertion.label === 'exit code' ? `exit ${assertion.expected}` : `${assertion.label} ${assertion.expected}`))
    .join(', ');
}

function header(invocation: Invocation, result: ProcessResult): string[] {
  const [first = '', ...rest] = invocation.shown;
  return [
    `$ ${first}`,
    ...rest.map((line) => `  ${line}`),
    `in ${invocation.cwd}`,
    `exit ${describeExit(result)} after ${formatDuration(result.elapsedMs)}`,
  ];
}

/** The outcome of a command that ran, timed out or could not start. */
export function commandOutcome(
  invocation: Invocation,
  result: ProcessResult,
  assertions: readonly Assertion[],
  secrets: SecretRegistry,
): CheckOutcome {
  const limit = formatDuration(invocation.timeoutMs);
  let outcome: CheckOutcome;
  if (result.startError !== undefined) {
    outcome = {
      status: 'failed',
      summary: result.startError,
      measured: result.startError,
      expected: expectedOf(assertions.slice(0, 1)),
      details: [`$ ${invocation.shown[0] ?? ''}`, `in ${invocation.cwd}`, `✗ ${result.startError}`],
    };
  } else if (result.timedOut) {
    const measured = `no exit within ${limit} (killed)`;
    const last = lastOutput(result, secrets);
    outcome = {
      status: 'failed',
      summary: last === undefined ? measured : `${measured}; last output: ${last}`,
      measured,
      expected: `exit within ${limit}`,
      details: [...header(invocation, result), `✗ ${measured}`, ...outputLines(result)],
    };
  } else {
    const failed = assertions.filter((assertion) => !assertion.ok);
    const first = failed[0];
    const exit = describeExit(result);
    const details = [...header(invocation, result), ...assertions.map(assertionLine), ...outputLines(result)];
    const measured = measuredOf(exit, assertions, first);
    const expected = expectedOf(assertions);
    if (!first) {
      const count = assertions.length;
      const holds = count > 1 ? `; ${count} of ${count} assertions hold` : '';
      outcome = { status: 'passed', summary: `${invocation.label} → ${measured}${holds}`, measured, expected, details };
    } else {
      const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
      const why = first.label === 'exit code' ? lastOutput(result, secrets) : undefined;
      outcome = {
        status: 'failed',
        summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}${why === undefined ? '' : `; last output: ${why}`}`,
        measured,
        expected,
        details,
      };
    }
  }
  return secrets.redactDeep(outcome);
}
