/**
 * Judging the newest file a check found: non-empty, recent, large enough. The `file` kind
 * and the `backup` kind judge (and print ages) alike.
 */
import { formatSize } from '../../config/units.js';
import type { FoundFile } from '../files.js';
import type { Assertion } from '../../matchers/matchers.js';
import type { FileCheckConfig } from './schema.js';

/** What a file must be: the `file` kind's fields (a backup's too). */
export type FileLimits = Pick<FileCheckConfig, 'non-empty' | 'min-size' | 'max-age'>;

/** An assertion on a file, with the limit it checks. */
export interface FileAssertion extends Assertion {
  limit: keyof FileLimits;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An age for people: `42s`, `5m`, `3h`, `3h12m`, `2d4h`. */
export function formatAge(ms: number): string {
  if (ms < MINUTE) return `${Math.max(0, Math.floor(ms / 1000))}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < 2 * DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes ? `${hours}h${minutes}m` : `${hours}h`;
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  return hours ? `${days}d${hours}h` : `${days}d`;
}

/** `1.2 KiB, 3h old`, or `… modified 5m in the future` on a skewed clock. */
export function describeFile(file: FoundFile, nowMs: number): string {
  const age = nowMs - file.mtimeMs;
  const when = age >= 0 ? `${formatAge(age)} old` : `modified ${formatAge(-age)} in the future`;
  return `${formatSize(file.size)}, ${when}`;
}

/** What a check expects of the file it judges, in the order judged: `non-empty`, `≥ 1 KiB`, `≤ 24h old`. */
export function expectations(config: FileLimits): { nonEmpty?: string; minSize?: string; maxAge?: string } {
  const minSize = config['min-size'];
  const maxAge = config['max-age'];
  return {
    ...((config['non-empty'] ?? true) ? { nonEmpty: 'non-empty' } : {}),
    ...(minSize === undefined ? {} : { minSize: `≥ ${formatSize(minSize)}` }),
    ...(maxAge === undefined ? {} : { maxAge: `≤ ${formatAge(maxAge)} old` }),
  };
}

/** Every assertion on the file judged, in the order of {@link expectations}. `label` is its path. */
export function judgeFile(file: FoundFile, config: FileLimits, nowMs: number): FileAssertion[] {
  const out: FileAssertion[] = [];
  const label = file.path;
  const size = formatSize(file.size);
  const expected = expectations(config);
  if (expected.nonEmpty) {
    out.push({ label, ok: file.size > 0, measured: file.size > 0 ? size : 'empty (0 B)', expected: expected.nonEmpty, limit: 'non-empty' });
  }
  const minSize = config['min-size'];
  if (minSize !== undefined && expected.minSize) {
    out.push({
      label,
      ok: file.size >= minSize,
      measured: file.size < 1024 ? size : `${size} (${file.size} B)`,
      expected: expected.minSize,
      limit: 'min-size',
    });
  }
  const maxAge = config['max-age'];
  if (maxAge !== undefined && expected.maxAge) {
    const age = nowMs - file.mtimeMs;
    out.push({
      label,
      ok: age <= maxAge,
      measured:
        age >= 0 ? `${formatAge(age)} old (modified ${new Date(file.mtimeMs).toISOString()})` : `modified ${formatAge(-age)} in the future`,
      expected: expected.maxAge,
      limit: 'max-age',
    });
  }
  return out;
}
