/**
 * When an acknowledgement no longer matches a migration, the acknowledged version is
 * looked for in the file's git history (its hash, or the token's digest, compared with
 * each earlier version's), so the gate can show the old and new hash and the statements
 * that differ.
 */
import type { ProcessRunner } from '../../io/process.js';

/** How many earlier versions of a file are looked at. */
const MAX_VERSIONS = 50;

export interface FileVersion {
  commit: string;
  text: string;
}

interface GitContext {
  cwd: string;
  process: ProcessRunner;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Earlier committed versions of `file` (relative to `cwd`), newest first; empty outside git. */
export async function fileVersions(file: string, context: GitContext): Promise<FileVersion[]> {
  const run = (argv: string[]) => context.process.run({ argv, cwd: context.cwd, timeoutMs: context.timeoutMs, signal: context.signal });
  const log = await run(['git', 'log', `--max-count=${MAX_VERSIONS}`, '--format=%H', '--', file]);
  if (log.exitCode !== 0) return [];
  const versions: FileVersion[] = [];
  for (const commit of log.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)) {
    const shown = await run(['git', 'show', `${commit}:./${file}`]);
    if (shown.exitCode === 0) versions.push({ commit, text: shown.stdout });
  }
  return versions;
}

/** Items of `a` not in `b`, counting repeats. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const item of b) left.set(item, (left.get(item) ?? 0) + 1);
  return a.filter((item) => {
    const n = left.get(item) ?? 0;
    if (n === 0) return true;
    left.set(item, n - 1);
    return false;
  });
}

/** What differs between two versions: statements (or lines) removed and added. */
export interface Difference {
  removed: string[];
  added: string[];
}

/** Statements that differ, given each version's statements (`parts` of the analysis, normalised). */
export function statementDifference(before: readonly string[], after: readonly string[]): Difference {
  return { removed: minus(before, after), added: minus(after, before) };
}

/** Lines that differ, ignoring blank lines and line endings (a Python migration). */
export function lineDifference(before: string, after: string): Difference {
  const lines = (text: string) =>
    text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== '');
  return statementDifference(lines(before), lines(after));
}
