/**
 * Why a run of the real bundle ended as it did, for assertion messages: each gate's
 * result and every check that did not pass, with what was measured against what was
 * expected, read from the run's evidence record. A red CI then says which check failed
 * and why, instead of "expected 0, received 1".
 */
import { existsSync, readFileSync } from 'node:fs';

interface RecordedCheck {
  name: string;
  status: string;
  summary?: string;
  measured?: string;
  expected?: string;
  optional?: boolean;
}

interface RecordedGate {
  gate: string;
  environment?: string | null;
  status: string;
  reason?: string;
  interrupted?: string;
  checks?: RecordedCheck[];
}

/** The part of an evidence record (`src/evidence/record.ts`) this reads. */
export interface RecordedRun {
  result?: string;
  environment?: string | null;
  durationMs?: number;
  gates?: RecordedGate[];
}

/** Reads an evidence record; undefined when there is none or it is not JSON. */
export function readRecord(path: string | undefined): RecordedRun | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RecordedRun;
  } catch {
    return undefined;
  }
}

/** One line per gate, and under it one line per check that did not pass. */
export function explainRecord(record: RecordedRun): string {
  const lines = [`result ${record.result ?? '?'}${record.durationMs === undefined ? '' : ` after ${record.durationMs} ms`}`];
  for (const gate of record.gates ?? []) {
    const why = gate.reason ? ` (${gate.reason})` : gate.interrupted ? ` (interrupted: ${gate.interrupted})` : '';
    lines.push(`  ${gate.gate}${gate.environment ? ` (${gate.environment})` : ''}: ${gate.status}${why}`);
    for (const check of gate.checks ?? []) {
      if (check.status === 'passed' || check.status === 'skipped') continue;
      lines.push(
        `    ✗ ${check.name}: ${check.status}${check.optional ? ' (optional)' : ''} — ${check.summary ?? ''}`,
        `        measured: ${check.measured ?? ''}`,
        `        expected: ${check.expected ?? ''}`,
      );
    }
  }
  return lines.join('\n');
}

/** The last `max` characters of a process's output, for when there is no record. */
export function tail(text: string, max = 3000): string {
  return text.length <= max ? text : `…${text.slice(-max)}`;
}

/**
 * Throws unless `actual` is `expected`, with a message naming `label`, the record's
 * failing checks (measured and expected), or the output's tail when no record was written.
 */
export function assertExitCode(
  actual: number | null,
  expected: number,
  context: { label: string; record: RecordedRun | undefined; output: string },
): void {
  if (actual === expected) return;
  const why = context.record
    ? explainRecord(context.record)
    : `no evidence record was written; the output ends with:\n${tail(context.output)}`;
  throw new Error(`${context.label}: exited ${String(actual)}, expected ${expected}\n${why}`);
}
