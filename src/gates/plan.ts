/** Planning a gate's checks from its config section. */
import type { Io, PlanContext, ResolvedEnvironment, RunScope } from '../checks/kind.js';
import type { CheckEntry } from '../checks/registry.js';
import { toRetryPolicy } from '../checks/retry-policy.js';
import type { LoadedConfig } from '../config/load.js';
import type { RetryConfig } from '../config/schema/common.js';
import type { GateName, GateSectionConfig } from '../config/schema/root.js';
import type { ConfigPath } from '../config/source.js';
import type { CheckSpec } from '../engine/check.js';
import { ConfigurationError, type ConfigProblem } from '../errors.js';
import type { SecretRegistry } from '../secrets/registry.js';
import type { RollbackRequest } from './rollback/request.js';

/** Per-attempt timeout of a check when neither it nor its gate sets one: 10 seconds. */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

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

/** `Readiness probe` → `readiness-probe`. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'check'
  );
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
 * the caller across calls, so one gate never has two checks with one id).
 * @throws ConfigurationError listing every check that cannot be planned.
 */
export function planEntries(context: GateContext, entries: readonly (CheckEntry & { path: ConfigPath })[], used: Set<string>): CheckSpec[] {
  const problems: ConfigProblem[] = [];
  const specs: CheckSpec[] = [];
  for (const entry of entries) {
    const planContext = planContextFor(context, entry.path);
    const common = entry.config as CommonFields;
    const name = common.name ?? entry.kind.describe(entry.config);
    const id = uniqueId(used, common.id ?? slug(name));
    try {
      const planned = entry.kind.plan(entry.config, planContext);
      const retry = toRetryPolicy(common.retry);
      specs.push({
        id,
        name,
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
 * `after` (implied checks that come last). Ids are unique within the gate.
 * @throws ConfigurationError listing every check that cannot be planned.
 */
export function planChecks(context: GateContext, extra: readonly CheckEntry[] = [], after: readonly CheckEntry[] = []): CheckSpec[] {
  const implied = (entry: CheckEntry): CheckEntry & { path: ConfigPath } => ({ ...entry, path: entry.path ?? [context.gate, 'checks'] });
  const entries = [
    ...extra.map(implied),
    ...context.section.checks.map((entry, index) => ({ ...entry, path: [context.gate, 'checks', index] })),
    ...after.map(implied),
  ];
  return planEntries(context, entries, new Set());
}
