/** Planning a gate's checks from its config section. */
import type { Io, ResolvedEnvironment, RunScope } from '../checks/kind.js';
import type { CheckEntry } from '../checks/registry.js';
import { toRetryPolicy } from '../checks/retry-policy.js';
import type { LoadedConfig } from '../config/load.js';
import { DEFAULT_CHECK_TIMEOUT_MS, type RetryConfig } from '../config/schema/common.js';
import type { GateName, GateSectionConfig } from '../config/schema/root.js';
import { formatPath } from '../config/source.js';
import { checkIdentity } from '../evidence/identity.js';
import type { CheckSpec } from '../engine/check.js';
import { ConfigurationError, type ConfigProblem } from '../errors.js';
import type { SecretRegistry } from '../secrets/registry.js';

export { DEFAULT_CHECK_TIMEOUT_MS };

/** Everything a gate needs to plan and run. */
export interface GateContext {
  loaded: LoadedConfig;
  gate: GateName;
  section: GateSectionConfig;
  environment: ResolvedEnvironment | undefined;
  secrets: SecretRegistry;
  io: Io;
  scope: RunScope;
}

interface CommonFields {
  name?: string;
  id?: string;
  retry?: RetryConfig;
  optional?: boolean;
}

/**
 * Plans `extra` (checks a gate implies) and then every check of the section, in config
 * order. Ids are unique within the gate (the config's were checked when it was loaded).
 * @throws ConfigurationError listing every check that cannot be planned.
 */
export function planChecks(context: GateContext, extra: readonly CheckEntry[] = []): CheckSpec[] {
  const declaredSecrets: ReadonlySet<string> = new Set(context.loaded.config.secrets ?? []);
  const entries = [...extra, ...context.section.checks.map((entry, index) => ({ ...entry, path: [context.gate, 'checks', index] }))];
  const problems: ConfigProblem[] = [];
  const used = new Set<string>();
  const specs: CheckSpec[] = [];
  for (const entry of entries) {
    const path = entry.path ?? [context.gate, 'checks'];
    const location = context.loaded.source.locate(path);
    const common = entry.config as CommonFields;
    const { id, name } = checkIdentity(common, () => entry.kind.describe(entry.config));
    if (used.has(id)) {
      // Config checks were found unique at load; only an implied check can meet one.
      problems.push({
        location,
        message: `${formatPath(path)}: a second check with the id "${id}" in ${context.gate} (expected each check of a gate to have its own id: add or change id:)`,
      });
      continue;
    }
    used.add(id);
    try {
      const planned = entry.kind.plan(entry.config, {
        gate: context.gate,
        environment: context.environment,
        location,
        path,
        source: context.loaded.source,
        secrets: context.secrets,
        io: context.io,
        scope: context.scope,
        declaredSecrets,
        defaultTimeoutMs: context.section.timeout ?? DEFAULT_CHECK_TIMEOUT_MS,
      });
      const retry = toRetryPolicy(common.retry);
      specs.push({
        id,
        name,
        kind: entry.kind.name,
        location,
        ...planned,
        ...(retry ? { retry } : {}),
        ...(common.optional ? { optional: true } : {}),
      });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ConfigurationError(problems);
  return specs;
}
