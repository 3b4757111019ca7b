/**
 * Runs gates in order for one environment. After a gate fails, the later ones are
 * reported as skipped, with the reason (README.md, "From a terminal": the `gates` input).
 */
import type { Io, ResolvedEnvironment, RunScope } from '../checks/kind.js';
import { pgDatabase } from '../io/database.js';
import { nodeProcessRunner } from '../io/process.js';
import type { LoadedConfig } from '../config/load.js';
import { declaredSecrets, resolveEnvironment, resolveGateSection, type ProcessEnv } from '../config/resolve.js';
import type { Clock } from '../engine/clock.js';
import { runGate, type GateEvent } from '../engine/run-gate.js';
import { overallStatus, type GateResult, type GateStatus } from '../engine/model.js';
import type { SecretRegistry } from '../secrets/registry.js';
import { originsNamedIn } from '../io/origins.js';
import { stringsIn } from '../config/strings.js';
import type { GateSectionConfig } from '../config/schema/root.js';
import type { Gate } from './gate.js';
import { selectChecks } from './select.js';
import type { RollbackRequest } from './rollback/request.js';

export interface RunGatesOptions {
  loaded: LoadedConfig;
  gates: readonly Gate[];
  /** Environment name, or undefined to run without one. */
  environment: string | undefined;
  env: ProcessEnv;
  secrets: SecretRegistry;
  /** `process` defaults to the real process runner. */
  io: Pick<Io, 'http'> & Partial<Io>;
  /** Defaults: `env` above, the current directory, no commit, no GitHub. */
  scope?: Partial<Omit<RunScope, 'configDigest' | 'trustedOrigins'>>;
  signal?: AbortSignal;
  /** The rollback asked for, when the rollback gate is among `gates`. */
  rollback?: RollbackRequest;
  /** Overrides each gate's `concurrency:`. */
  concurrency?: number;
  /** The engine's clock; default the real one (tests pass a controlled one). */
  clock?: Clock;
  /** `--check` patterns: run only the checks whose name or id matches (see `select.ts`). */
  only?: readonly string[];
  onGateStart?: (gate: Gate, checks: number, environment: ResolvedEnvironment | undefined) => void | Promise<void>;
  onEvent?: (gate: Gate, event: GateEvent) => void;
  onGateFinished?: (result: GateResult) => void | Promise<void>;
}

/** Results of a run of one or more gates. */
export interface RunResult {
  status: GateStatus;
  environment: string | undefined;
  gates: GateResult[];
  /** Set when `--check` left checks out: the run is partial (see `GateResult.partial`). */
  partial?: { only: string[] };
}

/**
 * Plans every gate first, so a config problem in a later gate is reported before
 * anything runs, then runs them in order.
 * @throws ConfigurationError or UsageError before any check runs.
 */
export async function runGates(options: RunGatesOptions): Promise<RunResult> {
  const { loaded, env, secrets } = options;
  secrets.addFromEnvironment(env, declaredSecrets(loaded));
  const environment = resolveEnvironment(loaded, options.environment, env, secrets);
  const io: Io = { process: nodeProcessRunner, database: pgDatabase, ...options.io };
  const sections = options.gates.map((gate) => resolveGateSection(loaded, gate.name, environment, env));
  // The gates' URL passwords are secrets (the environment's are registered as it is resolved).
  for (const text of stringsIn(sections)) secrets.addUrlPasswords(text);
  const scope: RunScope = {
    env,
    cwd: process.cwd(),
    headSha: undefined,
    github: undefined,
    ...options.scope,
    configDigest: loaded.source.digest,
    trustedOrigins: originsNamedIn(stringsIn([environment?.url, environment?.vars, sections])),
  };
  const planned = options.gates.map((gate, index) => {
    const section = sections[index] as GateSectionConfig;
    const context = { loaded, gate: gate.name, section, environment, secrets, io, scope, rollback: options.rollback };
    const checks = gate.plan(context);
    return { gate, section, checks, total: checks.length };
  });
  const only = options.only?.length ? [...options.only] : undefined;
  if (only) {
    const kept = selectChecks(
      planned.map((entry) => ({ gate: entry.gate.name, checks: entry.checks })),
      only,
    );
    planned.forEach((entry, index) => (entry.checks = kept[index] ?? []));
  }

  const results: GateResult[] = [];
  let failedGate: string | undefined;
  for (const { gate, section, checks, total } of planned) {
    const partial = only && checks.length < total ? { only, notRun: total - checks.length } : undefined;
    if (partial && checks.length === 0) {
      results.push({
        gate: gate.name,
        environment: environment?.name,
        status: 'skipped',
        checks: [],
        startedAt: new Date().toISOString(),
        durationMs: 0,
        reason: `not run: no check of ${gate.name} matches --check ${partial.only.join(' ')}`,
        partial,
      });
      continue;
    }
    if (failedGate !== undefined) {
      results.push({
        gate: gate.name,
        environment: environment?.name,
        status: 'skipped',
        checks: [],
        startedAt: new Date().toISOString(),
        durationMs: 0,
        reason: `not run: gate ${failedGate} did not pass`,
      });
      continue;
    }
    await options.onGateStart?.(gate, checks.length, environment);
    const result: GateResult = await runGate({
      gate: gate.name,
      environment: environment?.name,
      checks,
      ...((options.concurrency ?? section.concurrency) ? { concurrency: options.concurrency ?? section.concurrency } : {}),
      ...(section.deadline === undefined ? {} : { deadlineMs: section.deadline }),
      ...(gate.serial ? { serial: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      onEvent: (event) => options.onEvent?.(gate, event),
    });
    if (partial) result.partial = partial;
    // Reporters escape and cut text; they must only ever see redacted text.
    const redacted = secrets.redactDeep(result);
    results.push(redacted);
    await options.onGateFinished?.(redacted);
    if (result.status !== 'passed') failedGate = gate.name;
  }
  return {
    status: overallStatus(results),
    environment: environment?.name,
    gates: results,
    ...(results.some((result) => result.partial) && only ? { partial: { only } } : {}),
  };
}
