/** Planning a gate's checks from its config section. */
import type { Io, PlanContext, ResolvedEnvironment, RunScope } from '../checks/kind.js';
import type { CheckEntry } from '../checks/registry.js';
import { toRetryPolicy } from '../checks/retry-policy.js';
import type { LoadedConfig } from '../config/load.js';
import { DEFAULT_CHECK_TIMEOUT_MS, type RetryConfig } from '../config/schema/common.js';
import type { GateName, GateSectionConfig } from '../config/schema/root.js';
import { formatPath, type ConfigPath } from '../config/source.js';
import { checkIdentity } from '../evidence/identity.js';
import type { CheckSpec } from '../engine/check.js';
import { ConfigurationError, type ConfigProblem } from '../errors.js';
import type { SecretRegistry } from '../secrets/registry.js';
import type { RollbackRequest } from './rollback/request.js';

/** Everything a gate needs to plan and run. */
export interface GateContext {
  loaded: LoadedConfig;
  gate: GateName;
  section: GateSectionConfig;
  environment: ResolvedEnvironment | undefined;
  secrets: SecretRegistry;
  io: Io;
  scope: RunScope;
  /** The rollback asked for, when the rollback gate runs (`actions/rollback`, `release-gates rollback`). */
  rollback?: RollbackRequest | undefined;
}

/** `base`, or `base-2`, `base-3`… when taken; the id returned is added to `used`. */
export function uniqueId(used: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

interface CommonFields {
  name?: string;
  id?: string;
  retry?: RetryConfig;
  optional?: boolean;
}

/**
 * What a kind gets to plan one check at `path`. `defaultTimeoutMs` overrides the
 * section's `timeout:` (a rollback step's command waits longer than an HTTP check).
 */
export function planContextFor(context: GateContext, path: ConfigPath, defaultTimeoutMs?: number): PlanContext {
  return {
    gate: context.gate,
    environment: context.environment,
    location: context.loaded.source.locate(path),
    path,
    source: context.loaded.source,
    secrets: context.secrets,
    io: context.io,
    scope: context.scope,
    declaredSecrets: new Set(context.loaded.config.secrets ?? []),
    defaultTimeoutMs: defaultTimeoutMs ?? context.section.timeout ?? DEFAULT_CHECK_TIMEOUT_MS,
  };
}

/**
 * Plans `entries` in order, each at its `path`. Ids are unique among `used` (shared by
 * the caller across calls, so one gate never has two checks with one id). A taken id is
 * refused (`onTaken: 'refuse'`, a gate's own checks) or numbered `-2`, `-3` (`'number'`:
 * a rollback's steps verify the same smoke check more than once).
 * @throws ConfigurationError listing every check that cannot be planned.
 */
export function planEntries(
  context: GateContext,
  entries: readonly (CheckEntry & { path: ConfigPath })[],
  used: Set<string>,
  onTaken: 'refuse' | 'number' = 'number',
): CheckSpec[] {
  const problems: ConfigProblem[] = [];
  const specs: CheckSpec[] = [];
  for (const entry of entries) {
    const planContext = planContextFor(context, entry.path);
    const common = entry.config as CommonFields;
    const identity = checkIdentity(common, () => entry.kind.describe(entry.config));
    if (onTaken === 'refuse' && used.has(identity.id)) {
      // Config checks were found unique at load; only an implied check can meet one.
      problems.push({
        location: planContext.location,
        message: `${formatPath(entry.path)}: a second check with the id "${identity.id}" in ${context.gate} (expected each check of a gate to have its own id: add or change id:)`,
      });
      continue;
    }
    const id = uniqueId(used, identity.id);
    try {
      const planned = entry.kind.plan(entry.config, planContext);
      const retry = toRetryPolicy(common.retry);
      specs.push({
        id,
        name: identity.name,
        kind: entry.kind.name,
        location: planContext.location,
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

/**
 * Plans `extra` (checks a gate implies), every check of the section in config order, and
 * `after` (implied checks that come last). Ids are unique within the gate (the config's
 * were checked when it was loaded).
 * @throws ConfigurationError listing every check that cannot be planned.
 */
export function planChecks(context: GateContext, extra: readonly CheckEntry[] = [], after: readonly CheckEntry[] = []): CheckSpec[] {
  const implied = (entry: CheckEntry): CheckEntry & { path: ConfigPath } => ({ ...entry, path: entry.path ?? [context.gate, 'checks'] });
  const entries = [
    ...extra.map(implied),
    ...context.section.checks.map((entry, index) => ({ ...entry, path: [context.gate, 'checks', index] })),
    ...after.map(implied),
  ];
  return planEntries(context, entries, new Set(), 'refuse');
}
