/**
 * Problems of a `rollback:` section only visible across fields, found when the config is
 * loaded (so `release-gates validate` reports them): a `verify:` reference to a check no
 * gate section has, a command line that needs a shell, a `{{placeholder}}` that is never
 * filled.
 */
import { commandKind } from '../checks/command/index.js';
import type { CheckEntry } from '../checks/registry.js';
import type { ConfigProblem } from '../errors.js';
import { suggestion } from './problems.js';
import { GATE_NAMES, type RootConfig } from './schema/root.js';
import { STEP_PLACEHOLDERS, placeholderProblems } from './schema/rollback.js';
import { formatPath, type ConfigPath, type ConfigSource } from './source.js';

/** Check kinds that can read a migration tool's history. */
export const HISTORY_KINDS: readonly string[] = ['command', 'sql'];

/** A check of a gate section, as a `verify:` entry can name it. */
export interface NamedCheck {
  gate: string;
  index: number;
  name: string;
  id: string | undefined;
  entry: CheckEntry;
}

/** The name a check is known by: its `name:`, else its kind's description. */
export function nameOf(entry: CheckEntry): string {
  return (entry.config as { name?: string }).name ?? entry.kind.describe(entry.config);
}

/** Every check of every gate section other than rollback, with its name and id. */
export function namedChecks(config: RootConfig): NamedCheck[] {
  return GATE_NAMES.filter((gate) => gate !== 'rollback').flatMap((gate) =>
    (config[gate]?.checks ?? []).map((entry, index) => ({
      gate,
      index,
      name: nameOf(entry),
      id: (entry.config as { id?: string }).id,
      entry,
    })),
  );
}

/** The check a `verify:` reference names: by name, else by id. */
export function findReference(checks: readonly NamedCheck[], reference: string): NamedCheck | undefined {
  return checks.find((check) => check.name === reference) ?? checks.find((check) => check.id === reference);
}

function argvPlaceholderProblems(command: string | string[], at: ConfigPath, source: ConfigSource): ConfigProblem[] {
  const words = Array.isArray(command) ? command : [command];
  const known: readonly string[] = STEP_PLACEHOLDERS;
  return words.flatMap((word) =>
    [...word.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
      .map((match) => match[1] ?? '')
      .filter((name) => !known.includes(name))
      .map((name) => {
        const near = suggestion(name, known);
        const hint = near ? `did you mean {{${near}}}?` : `expected one of ${STEP_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`;
        return source.problem(at, `${formatPath(at)}: unknown placeholder {{${name}}} (${hint})`);
      }),
  );
}

/** Every cross-field problem of the `rollback:` section. */
export function rollbackProblems(config: RootConfig, raw: Readonly<Record<string, unknown>>, source: ConfigSource): ConfigProblem[] {
  const rollback = config.rollback;
  if (!rollback) return [];
  const checks = namedChecks(config);
  const problems: ConfigProblem[] = [...placeholderProblems(raw, source)];
  const history = rollback.database?.history;
  if (history) {
    const at: ConfigPath = ['rollback', 'database', 'history'];
    if (!HISTORY_KINDS.includes(history.kind.name)) {
      problems.push(
        source.problem(at, `${formatPath(at)}: a ${history.kind.name} check cannot list migrations (expected a command: or sql: check)`),
      );
    } else {
      problems.push(...(history.kind.problems?.(history.config, at, source) ?? []));
    }
  }
  const steps = [
    ...rollback.steps.map((step, index) => ({ step, path: ['rollback', 'steps', index] as ConfigPath })),
    ...(rollback.restore ? [{ step: rollback.restore, path: ['rollback', 'restore'] as ConfigPath }] : []),
  ];
  for (const { step, path } of steps) {
    const { verify, ...command } = step;
    problems.push(...(commandKind.problems?.(command, path, source) ?? []));
    if (command.shell === undefined) problems.push(...argvPlaceholderProblems(command.command, [...path, 'command'], source));
    for (const [index, entry] of (verify ?? []).entries()) {
      const at = [...path, 'verify', index];
      if (typeof entry !== 'string') {
        problems.push(...(entry.kind.problems?.(entry.config, at, source) ?? []));
      } else if (!findReference(checks, entry)) {
        const near = suggestion(
          entry,
          checks.map((check) => check.name),
        );
        const hint = near
          ? `did you mean "${near}"?`
          : checks.length
            ? `expected the name of a check in ${[...new Set(checks.map((check) => check.gate))].join(' or ')}, or a check written here`
            : 'the config has no other gate section; write the check here';
        problems.push(source.problem(at, `${formatPath(at)}: no check named "${entry}" (${hint})`));
      }
    }
  }
  return problems;
}
