/**
 * Checks implied by `environments.<env>.requires`: before production's preflight, every
 * environment it requires must have passed for the same commit and config (runbook 000,
 * "Environment Order").
 */
import type { GateContext } from '../../gates/plan.js';
import type { CheckEntry } from '../registry.js';
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
