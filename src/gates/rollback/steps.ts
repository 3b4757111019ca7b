/**
 * The phases that act: the database restore (only when confirmed with the backup's
 * name) and each step's command, each followed by its `verify:` checks (issue #11,
 * "Ordered steps, each verified"). A command may use `{{target}}`, `{{from}}`,
 * `{{environment}}` and `{{backup}}` in its argv, filled once the target is known, and
 * reads the same values from `RELEASE_GATES_*` variables (a script never has values
 * pasted into it). A dry run shows each command as it would run, and runs none.
 */
import { runPlannedCommand } from '../../checks/command/index.js';
import { formatArgv } from '../../checks/command/argv.js';
import { planCommand, type PlannedCommand } from '../../checks/command/invocation.js';
import type { CheckEntry } from '../../checks/registry.js';
import { findReference, namedChecks } from '../../config/rollback-problems.js';
import { resolveCheck } from '../../config/resolve.js';
import type { GateName, RollbackSectionConfig } from '../../config/schema/root.js';
import { STEP_VARIABLES } from '../../config/schema/rollback.js';
import type { ConfigPath } from '../../config/source.js';
import type { CheckSpec } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import { shortSha } from '../../checks/github-scope.js';
import { slug } from '../../evidence/identity.js';
import { planContextFor, planEntries, uniqueId, type GateContext } from '../plan.js';
import type { RollbackRequest } from './request.js';
import type { RollbackState } from './state.js';

/** A step's command runs at most this long when it sets no `timeout:` (a deploy is slower than a probe). */
export const STEP_TIMEOUT_MS = 10 * 60_000;
/** A restore runs at most this long when it sets no `timeout:`; it is never cut short by the gate's deadline. */
export const RESTORE_TIMEOUT_MS = 60 * 60_000;
/** Time past a command's own timeout for it to be killed and reported. */
const KILL_GRACE_MS = 5000;

export type StepConfig = RollbackSectionConfig['steps'][number];

/** What the phases share while planning. */
export interface StepPlanning {
  context: GateContext;
  state: RollbackState;
  request: RollbackRequest;
  /** Check ids used so far in the gate. */
  used: Set<string>;
}

/** The values of the placeholders, once the target is known. */
function values(state: RollbackState, environment: string): Record<keyof typeof STEP_VARIABLES, string> {
  return { target: state.target?.sha ?? '', from: state.deployed?.sha ?? '', environment, backup: state.backup?.name ?? '' };
}

/** The command with its placeholders filled and the values in its environment. */
function filled(planned: PlannedCommand, scripted: boolean, state: RollbackState, environment: string): PlannedCommand {
  const known = values(state, environment);
  const argv = scripted
    ? planned.argv
    : planned.argv.map((word) =>
        word.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name: string) => (name in known ? known[name as keyof typeof known] : whole)),
      );
  const env = {
    ...planned.env,
    ...Object.fromEntries(Object.entries(STEP_VARIABLES).map(([key, variable]) => [variable, known[key as keyof typeof known]])),
  };
  return scripted ? { ...planned, env } : { ...planned, argv, env, label: formatArgv(argv), shown: [formatArgv(argv)] };
}

/** A step without its `verify:`: a `command` check's config. */
function commandOf(step: StepConfig): Omit<StepConfig, 'verify'> {
  const command: Partial<StepConfig> = { ...step };
  delete command.verify;
  return command as Omit<StepConfig, 'verify'>;
}

interface CommandPhase {
  name: string;
  step: StepConfig;
  path: ConfigPath;
  defaultTimeoutMs: number;
  /** Never cut short by the gate's deadline or a cancellation (a restore). */
  uninterruptible?: boolean;
  /** Decides before the command runs: an outcome instead of running it, or undefined to run. */
  before?: () => CheckOutcome | undefined;
  after?: (outcome: CheckOutcome) => void;
}

function commandPhase(planning: StepPlanning, phase: CommandPhase): CheckSpec {
  const { context, state, request } = planning;
  const command = commandOf(phase.step);
  const planContext = planContextFor(context, phase.path, phase.defaultTimeoutMs);
  const planned = planCommand(command, planContext);
  const environment = context.environment?.name ?? '';
  const scripted = command.shell !== undefined;
  return {
    id: uniqueId(planning.used, slug(phase.name)),
    name: phase.name,
    kind: 'command',
    location: planContext.location,
    timeoutMs: planned.timeoutMs + KILL_GRACE_MS,
    ...(phase.uninterruptible ? { uninterruptible: true } : {}),
    run: async ({ signal, progress }) => {
      const early = phase.before?.();
      if (early) return early;
      const ready = filled(planned, scripted, state, environment);
      if (request.dryRun) {
        return {
          status: 'skipped',
          summary: `dry run: would run ${ready.shown[0] ?? ready.label}${scripted ? ` (with ${STEP_VARIABLES.target}=${shortSha(state.target?.sha ?? '')})` : ''}`,
          measured: 'not run (dry run)',
          expected: 'exit 0',
        };
      }
      const never = new AbortController().signal;
      const outcome = await runPlannedCommand(ready, command.expect, {
        process: context.io.process,
        secrets: context.secrets,
        signal: phase.uninterruptible ? never : signal,
        progress,
      });
      phase.after?.(outcome);
      return outcome;
    },
  };
}

/** Plans one `verify:` entry: a check of another gate by name, or a check written here. */
function planVerifyEntry(planning: StepPlanning, entry: string | CheckEntry, at: ConfigPath): CheckSpec {
  const { context } = planning;
  if (typeof entry !== 'string') return planEntries(context, [{ ...entry, path: at }], planning.used)[0] as CheckSpec;
  const reference = findReference(namedChecks(context.loaded.config), entry);
  if (!reference) throw new Error(`verify reference "${entry}" was not checked at load`);
  const gate = reference.gate as GateName;
  // The referenced check as its own gate runs it: its variables, and its section's timeout.
  const resolved = resolveCheck(context.loaded, [gate, 'checks', reference.index], context.environment, context.scope.env);
  const section = { ...context.section, checks: [], timeout: context.loaded.config[gate]?.timeout || undefined };
  return planEntries(
    { ...context, gate, section },
    [{ ...resolved, path: [gate, 'checks', reference.index] }],
    planning.used,
  )[0] as CheckSpec;
}

/**
 * The checks that verify a phase, named after it (`backend: readiness`). They run only
 * when `ran()` says the phase ran; in a dry run they are shown and not run.
 */
export function verifyPhases(
  planning: StepPlanning,
  entries: readonly (string | CheckEntry)[],
  path: ConfigPath,
  label: string,
  ran: () => string | undefined,
): CheckSpec[] {
  return entries.map((entry, index) => {
    const spec = planVerifyEntry(planning, entry, [...path, index]);
    return {
      ...spec,
      name: `${label}: ${spec.name}`,
      run: async (attempt) => {
        if (planning.request.dryRun) {
          return { status: 'skipped', summary: `dry run: would verify ${spec.name}`, measured: 'not run (dry run)', expected: spec.name };
        }
        const notRun = ran();
        if (notRun) return { status: 'skipped', summary: `not run: ${notRun}`, measured: 'not run', expected: spec.name };
        return spec.run(attempt);
      },
    };
  });
}

/** A step: its command, then its verify checks. */
export function stepPhases(planning: StepPlanning, step: StepConfig, index: number, total: number): CheckSpec[] {
  const path: ConfigPath = ['rollback', 'steps', index];
  const label = step.name ?? `step ${index + 1}`;
  const command = commandPhase(planning, { name: `step ${index + 1}/${total}: ${label}`, step, path, defaultTimeoutMs: STEP_TIMEOUT_MS });
  return [command, ...verifyPhases(planning, step.verify ?? [], [...path, 'verify'], label, () => undefined)];
}

/**
 * The database restore, with its own confirmation: `restore-backup` must name the backup
 * the preflight evidence records. Without it the restore is skipped and says how to ask.
 */
export function restorePhases(planning: StepPlanning, restore: StepConfig): CheckSpec[] {
  const { state, request } = planning;
  const path: ConfigPath = ['rollback', 'restore'];
  let restored = false;
  const before = (): CheckOutcome | undefined => {
    const backup = state.backup;
    const expected = backup ? `restore-backup: ${backup.name}` : 'a backup in the preflight evidence';
    if (request.restoreBackup === undefined) {
      const how = backup ? ` (to restore ${backup.name}, run again with restore-backup: ${backup.name})` : '';
      return { status: 'skipped', summary: `not asked: the database is not restored${how}`, measured: 'no restore-backup given', expected };
    }
    if (!backup) {
      return {
        status: 'failed',
        summary: `restore-backup "${request.restoreBackup}" was asked for, but the preflight evidence of the commits after ${shortSha(state.target?.sha ?? '')} records no backup: restore it by hand`,
        measured: 'no backup on record',
        expected,
      };
    }
    if (request.restoreBackup !== backup.name) {
      return {
        status: 'failed',
        summary: `restore-backup "${request.restoreBackup}" does not name the backup on record, ${backup.name} (preflight "${backup.check}" on ${shortSha(backup.commit)}): nothing was restored`,
        measured: request.restoreBackup,
        expected,
      };
    }
    return undefined;
  };
  const command = commandPhase(planning, {
    name: 'database restore',
    step: restore,
    path,
    defaultTimeoutMs: RESTORE_TIMEOUT_MS,
    uninterruptible: true,
    before,
    after: (outcome) => (restored = outcome.status === 'passed'),
  });
  const verify = verifyPhases(planning, restore.verify ?? [], [...path, 'verify'], 'database restore', () =>
    restored ? undefined : 'the database was not restored',
  );
  return [command, ...verify];
}
