/**
 * Checks implied by `environments.<env>.requires`: before production's preflight, every
 * environment it requires must have passed for the same commit and config (runbook 000,
 * "Environment Order").
 */
import type { GateContext } from '../../gates/plan.js';
import type { CheckEntry } from '../registry.js';
import { rollbackPinKind } from '../rollback-pin/index.js';
import { environmentPassedKind, type EnvironmentPassedConfig } from './index.js';

/**
 * One `environment-passed` check per environment that the selected environment
 * `requires:`, unless the gate's section already checks that environment itself. Each is
 * located at its `requires:` entry, so annotations point at the line that asked for it.
 */
export function impliedEnvironmentChecks(context: GateContext): CheckEntry[] {
  const environment = context.environment;
  if (!environment) return [];
  const explicit = new Set(
    context.section.checks
      .filter((entry) => entry.kind === environmentPassedKind)
      .map((entry) => (entry.config as EnvironmentPassedConfig)['environment-passed'].environment),
  );
  return environment.requires.flatMap((required, index): CheckEntry[] =>
    explicit.has(required)
      ? []
      : [
          {
            kind: environmentPassedKind,
            config: environmentPassedKind.schema.parse({ 'environment-passed': required }),
            path: ['environments', environment.name, 'requires', index],
          },
        ],
  );
}

/**
 * The `rollback-pin` check of the selected environment, when the config can roll back
 * (a `rollback:` section: only the rollback gate makes pins), on runs that can deploy:
 * with a GitHub API, and not for a pull request or the merge queue. Unless the section
 * checks that environment's pin itself. Located at the environment, in the config.
 */
export function impliedPinCheck(context: GateContext): CheckEntry[] {
  const environment = context.environment;
  const github = context.scope.github;
  if (!environment || !github || !context.loaded.config.rollback) return [];
  if (github.pullRequest || github.eventName.startsWith('pull_request') || github.eventName === 'merge_group') return [];
  if (context.section.checks.some((entry) => entry.kind === rollbackPinKind)) return [];
  return [
    {
      kind: rollbackPinKind,
      config: rollbackPinKind.schema.parse({ 'rollback-pin': environment.name }),
      path: ['environments', environment.name],
    },
  ];
}
