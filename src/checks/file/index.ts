/**
 * The `file` check kind: a path or glob matches a file that is non-empty (by default),
 * recent enough and large enough (runbook 003: `ls .env` — "file exists with non-empty
 * size"). With a glob the newest match is judged, as the latest backup would be.
 */
import { isAbsolute, resolve } from 'node:path';
import type { CheckOutcome } from '../../engine/model.js';
import { assertionLine } from '../http/report.js';
import type { CheckKind } from '../kind.js';
import { findFiles, type FileMatches } from '../files.js';
import { describeFile, expectations, judgeFile } from './judge.js';
import { FileCheck, type FileCheckConfig } from './schema.js';

/** Matches listed in the details before `… and N more`. */
const LISTED_MATCHES = 5;

/** The expected column: `exists, non-empty, ≤ 24h old`. */
function expectedOf(config: FileCheckConfig): string {
  return ['exists', ...Object.values(expectations(config))].join(', ');
}

/** The outcome of a check from what it found; `nowMs` is the time ages are measured at. */
export function fileOutcome(config: FileCheckConfig, found: FileMatches, cwd: string, nowMs: number): CheckOutcome {
  const newest = found.files[0];
  if (!newest) {
    const where = isAbsolute(config.file) ? config.file : `${config.file} in ${resolve(cwd)}`;
    const measured = found.problem ?? (found.glob ? `no file matches ${config.file}` : `${config.file} not found`);
    return {
      status: 'failed',
      summary: found.problem ?? `${found.glob ? 'no file matches' : 'no file'} ${where}`,
      measured,
      expected: expectedOf(config),
    };
  }
  const assertions = judgeFile(newest, config, nowMs);
  const failed = assertions.filter((assertion) => !assertion.ok);
  const others = found.files.length - 1;
  const of = others > 0 ? ` (newest of ${found.files.length})` : '';
  const measured = `${newest.path}: ${describeFile(newest, nowMs)}${of}`;
  const expected = expectedOf(config);
  const details = [
    ...assertions.map(assertionLine),
    ...(others > 0
      ? [
          `matches of ${config.file}, newest first:`,
          ...found.files.slice(0, LISTED_MATCHES).map((file) => `  ${file.path}: ${describeFile(file, nowMs)}`),
          ...(found.files.length > LISTED_MATCHES ? [`  … and ${found.files.length - LISTED_MATCHES} more`] : []),
        ]
      : []),
  ];
  if (failed.length === 0) return { status: 'passed', summary: `${measured} (expected ${expected})`, measured, expected, details };
  const first = failed[0];
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
  return {
    status: 'failed',
    summary: first ? `${first.label}: measured ${first.measured}, expected ${first.expected}${more}` : measured,
    measured,
    expected,
    details,
  };
}

/** The `file` kind: `- file: backups/*.dump` with optional `non-empty`, `max-age`, `min-size`. */
export const fileKind: CheckKind<FileCheckConfig> = {
  name: 'file',
  key: 'file',
  schema: FileCheck,
  describe: (config) => `file ${config.file}`,
  plan(config, context) {
    const cwd = context.scope.cwd;
    return {
      timeoutMs: config.timeout ?? context.defaultTimeoutMs,
      run: async () => fileOutcome(config, await findFiles(cwd, config.file), cwd, Date.now()),
    };
  },
};
