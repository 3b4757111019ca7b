/**
 * Problems only visible across parts of a valid config: environments that require an
 * unknown one, or each other in a cycle; two checks of a gate with the same name or id;
 * and what each check kind finds across its own fields.
 */
import type { ConfigProblem } from '../errors.js';
import { checkIdentity } from '../evidence/identity.js';
import { suggestion } from './problems.js';
import { GATE_NAMES, type RootConfig } from './schema/root.js';
import { formatPath, type ConfigPath, type ConfigSource } from './source.js';

type Environments = NonNullable<RootConfig['environments']>;

/** `requires:` entries that name no environment, or the environment itself. */
function unknownRequirements(environments: Environments, source: ConfigSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, environment] of Object.entries(environments)) {
    for (const [index, required] of (environment.requires ?? []).entries()) {
      const path: ConfigPath = ['environments', name, 'requires', index];
      const label = formatPath(path);
      if (required === name) {
        problems.push(
          source.problem(path, `${label}: environment "${name}" cannot require itself (expected environments that run before it)`),
        );
      } else if (!(required in environments)) {
        const others = Object.keys(environments).filter((other) => other !== name);
        const near = suggestion(required, others);
        const hint = near
          ? `did you mean "${near}"?`
          : others.length
            ? `expected one of: ${others.join(', ')}`
            : 'no other environment is defined';
        problems.push(source.problem(path, `${label}: unknown environment "${required}" (${hint})`));
      }
    }
  }
  return problems;
}

/**
 * Cycles of `requires:` longer than one (staging ↔ production, or a → b → c → a): each
 * reported once, at the entry that closes it, naming every environment on it.
 */
function requirementCycles(environments: Environments, source: ConfigSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const finished = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    stack.push(name);
    for (const [index, required] of (environments[name]?.requires ?? []).entries()) {
      if (required === name || !(required in environments) || finished.has(required)) continue;
      const start = stack.indexOf(required);
      if (start === -1) {
        visit(required);
        continue;
      }
      const cycle = [...stack.slice(start), required];
      const path: ConfigPath = ['environments', name, 'requires', index];
      problems.push(
        source.problem(
          path,
          `${formatPath(path)}: environments require each other in a cycle: ${cycle.join(' → ')} (expected each environment to require only ones that run before it)`,
        ),
      );
    }
    stack.pop();
    finished.add(name);
  };
  for (const name of Object.keys(environments)) if (!finished.has(name)) visit(name);
  return problems;
}

/** Two checks of one gate with the same name or id: the second is the problem. */
function duplicateChecks(config: RootConfig, source: ConfigSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const gate of GATE_NAMES) {
    const names = new Map<string, number>();
    const ids = new Map<string, number>();
    for (const [index, entry] of (config[gate]?.checks ?? []).entries()) {
      const common = entry.config as { name?: string; id?: string };
      const { id, name } = checkIdentity(common, () => entry.kind.describe(entry.config));
      const path: ConfigPath = [gate, 'checks', index];
      const sameName = names.get(name);
      const sameId = ids.get(id);
      if (sameName !== undefined) {
        const where = source.locate([gate, 'checks', sameName]);
        const at = common.name === undefined ? path : [...path, 'name'];
        problems.push(
          source.problem(
            at,
            `${formatPath(at)}: a second check named "${name}" in ${gate} (the first is at line ${where.line}; expected each check of a gate to have its own name: add or change name:)`,
          ),
        );
      } else if (sameId !== undefined) {
        const where = source.locate([gate, 'checks', sameId]);
        const at = common.id === undefined ? path : [...path, 'id'];
        problems.push(
          source.problem(
            at,
            `${formatPath(at)}: a second check with the id "${id}" in ${gate} (the first is at line ${where.line}; expected each check of a gate to have its own id: add or change id:)`,
          ),
        );
      }
      if (!names.has(name)) names.set(name, index);
      if (!ids.has(id)) ids.set(id, index);
    }
  }
  return problems;
}

/** Every problem across fields of a config that passed its schema. */
export function crossProblems(config: RootConfig, source: ConfigSource): ConfigProblem[] {
  const environments = config.environments ?? {};
  const problems = [
    ...unknownRequirements(environments, source),
    ...requirementCycles(environments, source),
    ...duplicateChecks(config, source),
  ];
  for (const gate of GATE_NAMES) {
    for (const [index, entry] of (config[gate]?.checks ?? []).entries()) {
      problems.push(...(entry.kind.problems?.(entry.config, [gate, 'checks', index], source) ?? []));
    }
  }
  return problems;
}
