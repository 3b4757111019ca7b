/**
 * `--check NAME`: running only some checks of a gate, as a release engineer re-running
 * the one failed check does. A pattern matches a check's name or id; `*` matches any
 * text and `?` one character. A run that leaves checks out is partial: the evidence says
 * so, and a partial run never satisfies `environment-passed` (docs/evidence.md).
 */
import type { CheckSpec } from '../engine/check.js';
import { UsageError } from '../errors.js';
import { joinList } from '../text.js';

/** A glob as a regular expression: `*` any text, `?` one character, the rest literal. */
function globRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** True when `check`'s name or id matches one of `patterns`. */
export function selected(check: Pick<CheckSpec, 'id' | 'name'>, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const regex = globRegex(pattern);
    return regex.test(check.name) || regex.test(check.id);
  });
}

/**
 * The checks of each gate that the patterns select, gate by gate.
 * @throws UsageError when a pattern selects no check of any gate, listing the checks.
 */
export function selectChecks(
  planned: readonly { gate: string; checks: readonly CheckSpec[] }[],
  patterns: readonly string[],
): CheckSpec[][] {
  const unmatched = patterns.filter((pattern) => !planned.some(({ checks }) => checks.some((check) => selected(check, [pattern]))));
  if (unmatched.length > 0) {
    const names = planned.flatMap(({ gate, checks }) => checks.map((check) => `${gate}: ${check.name} (${check.id})`));
    throw new UsageError(
      `--check ${joinList(
        unmatched.map((pattern) => JSON.stringify(pattern)),
        'and',
      )} matches no check (expected a name or id of: ${names.join('; ') || 'no checks'})`,
    );
  }
  return planned.map(({ checks }) => checks.filter((check) => selected(check, patterns)));
}
