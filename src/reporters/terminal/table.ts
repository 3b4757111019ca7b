/**
 * The terminal report of a gate: a table with columns check, result, measured,
 * expected and ms, then each failing check with its config line and evidence.
 */
import Table from 'cli-table3';
import { formatDuration } from '../../config/units.js';
import { checkStatusText, needsAttention, tallyChecks, type CheckResult, type GateResult } from '../../engine/model.js';
import { terminalSafe } from './safe.js';
import { evidenceLines, failureHeadline } from '../markdown/tables.js';
import type { Style } from './style.js';

/** `file:line:col` of a check, as editors link it. */
export function where(check: CheckResult): string {
  return `${check.location.file}:${check.location.line}:${check.location.column}`;
}

/**
 * Column widths: check names and numbers as long as they are (up to a limit), measured
 * and expected sharing what is left of the terminal.
 */
function widths(result: GateResult, columns: number): number[] {
  const longest = (texts: string[], floor: number): number => Math.max(floor, ...texts.map((text) => text.length)) + 2;
  const name = Math.min(
    longest(
      result.checks.map((c) => c.name),
      5,
    ),
    40,
  );
  const ms = longest(
    result.checks.map((c) => String(c.durationMs)),
    2,
  );
  // The mark, a space and the status as reports say it (`? not verified (optional)`).
  const status = longest(
    result.checks.map((c) => `? ${checkStatusText(c)}`),
    9,
  );
  const borders = 6;
  const free = Math.max(40, columns - name - ms - status - borders);
  const measured = Math.min(
    longest(
      result.checks.map((c) => c.measured),
      8,
    ),
    Math.ceil(free / 2),
  );
  const expected = Math.min(
    longest(
      result.checks.map((c) => c.expected),
      8,
    ),
    free - measured,
  );
  return [name, status, measured, expected, ms];
}

/** Renders the table of one gate's checks. */
export function renderTable(result: GateResult, style: Style, columns: number): string {
  const table = new Table({
    head: ['check', 'result', 'measured', 'expected', 'ms'],
    colWidths: widths(result, columns),
    colAligns: ['left', 'left', 'left', 'left', 'right'],
    wordWrap: false,
    truncate: '…',
    style: { head: [], border: [], compact: true },
  });
  for (const check of result.checks) {
    table.push([
      terminalSafe(check.name),
      style.check(check),
      terminalSafe(check.measured),
      terminalSafe(check.expected),
      String(check.durationMs),
    ]);
  }
  return table.toString();
}

/** The failing and pending checks, each with where it is written and its evidence. */
export function renderFailures(result: GateResult, style: Style): string {
  const lines: string[] = [];
  for (const check of result.checks.filter(needsAttention)) {
    lines.push('', `${style.check(check)} ${style.bold(terminalSafe(check.name))}  ${style.dim(where(check))}`);
    // The failure is stated once: by the failing assertions when the evidence has them.
    const headline = failureHeadline(check);
    if (headline) lines.push(`    ${terminalSafe(headline)}`);
    const evidence = evidenceLines(check);
    for (const line of evidence.slice(0, 40)) lines.push(`      ${terminalSafe(line)}`);
    if (evidence.length > 40) lines.push(style.dim(`      … ${evidence.length - 40} more lines in the evidence record (--json)`));
  }
  return lines.join('\n');
}

/** One line: `smoke (staging): failed, 1 failed, 7 passed in 1.2s`. */
export function renderVerdict(result: GateResult, style: Style): string {
  const counts = result.checks.length ? tallyChecks(result.checks) : '';
  const env = result.environment ? ` (${result.environment})` : '';
  const partial = result.partial
    ? `partial: only checks matching ${result.partial.only.join(', ')}; ${result.partial.notRun} not run`
    : undefined;
  const why =
    result.reason ??
    partial ??
    (result.interrupted === 'deadline' ? 'gate deadline reached' : result.interrupted === 'cancelled' ? 'cancelled' : undefined);
  return `${style.bold(`${result.gate}${env}`)}: ${style.status(result.status)}${counts ? `, ${counts}` : ''} in ${formatDuration(result.durationMs)}${why ? ` (${why})` : ''}`;
}
