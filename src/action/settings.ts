/**
 * The action's inputs, read once into a typed settings object (as actions/checkout's
 * input-helper does). Composite steps pass inputs through `env:` as `INPUT_*`.
 */
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../config/load.js';
import type { ProcessEnv } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import { gateNamed } from '../gates/registry.js';
import type { Gate } from '../gates/gate.js';
import { flag, LAST_KNOWN_GOOD, type RollbackRequest } from '../gates/rollback/request.js';

export interface ActionSettings {
  gates: Gate[];
  /** The config file to read: relative to the current directory, as messages show it. */
  configFile: string;
  /** Config path relative to the repository root, for annotations and links. */
  configInRepo: string;
  environment: string | undefined;
  token: string | undefined;
  /** Where the evidence record is written. */
  reportPath: string;
  /** A name for the uploaded evidence artifact. */
  artifactName: string;
  /** Inputs a gate reads beyond its config: migrate's `mode` and `acknowledge`. */
  inputs: Record<string, string>;
  /** The rollback's inputs (`actions/rollback`), when the rollback gate runs. */
  rollback: RollbackInputs | undefined;
}

/** The inputs of `actions/rollback`; the run's own facts are added by the action. */
export type RollbackInputs = Pick<RollbackRequest, 'target' | 'reason' | 'dryRun' | 'confirmDatabase' | 'restoreBackup'>;

function input(env: ProcessEnv, name: string): string {
  return (env[`INPUT_${name}`] ?? '').trim();
}

/**
 * Reads the inputs. `gateOverride` is the gate of a per-gate action (`actions/smoke`).
 * @throws UsageError for an unknown gate or an empty gate list.
 */
export function readSettings(env: ProcessEnv, gateOverride?: string): ActionSettings {
  const names = (gateOverride ?? input(env, 'GATES')).split(/[\s,]+/).filter(Boolean);
  if (names.length === 0) throw new UsageError('input "gates" is empty (expected gate names such as "preflight smoke")');
  const gates = names.map(gateNamed);
  const config = input(env, 'CONFIG') || DEFAULT_CONFIG_PATH;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  // A relative config is relative to the workspace (where the action's step runs), not
  // to wherever this process happens to start.
  const absolute = isAbsolute(config) ? config : resolve(workspace, config);
  const environment = input(env, 'ENVIRONMENT') || undefined;
  const slug = [...names, environment ?? 'default'].join('-').replace(/[^A-Za-z0-9._-]+/g, '-');
  return {
    gates,
    configFile: relative(process.cwd(), absolute) || absolute,
    configInRepo: relative(workspace, absolute).split('\\').join('/'),
    environment,
    token: input(env, 'GITHUB_TOKEN') || undefined,
    reportPath: join(env.RUNNER_TEMP ?? tmpdir(), 'release-gates', `evidence-${slug}.json`),
    artifactName: `release-gates-${slug}-${env.GITHUB_JOB ?? 'job'}`,
    inputs: Object.fromEntries(
      (['mode', 'acknowledge'] as const).flatMap((name) =>
        input(env, name.toUpperCase()) ? [[name, input(env, name.toUpperCase())]] : [],
      ),
    ),
    rollback: names.includes('rollback')
      ? {
          target: input(env, 'TARGET') || LAST_KNOWN_GOOD,
          reason: input(env, 'REASON'),
          dryRun: flag(input(env, 'DRY_RUN')),
          confirmDatabase: flag(input(env, 'CONFIRM_DATABASE')),
          restoreBackup: input(env, 'RESTORE_BACKUP') || undefined,
        }
      : undefined,
  };
}
