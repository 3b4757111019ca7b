/**
 * `release-gates rollback --env production [--to SHA] [--dry-run]`: the rollback gate
 * from a terminal, with the same engine as `actions/rollback` (issue #11). Reads GitHub
 * with `GITHUB_TOKEN` and `GITHUB_REPOSITORY`, like the other GitHub checks.
 */
import { userInfo } from 'node:os';
import type { ProcessEnv } from '../../config/resolve.js';
import { LAST_KNOWN_GOOD, type RollbackRequest } from '../../gates/rollback/request.js';
import type { Output } from '../../io/output.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import { runCommand } from './run.js';

export interface RollbackCommandOptions {
  config: string;
  env: string;
  to?: string;
  from?: string;
  reason?: string;
  dryRun?: boolean;
  confirmDatabase?: boolean;
  restoreBackup?: string;
  json?: string;
  incident?: string;
  color?: boolean;
}

function localUser(env: ProcessEnv): string | undefined {
  try {
    return env.USER ?? userInfo().username;
  } catch {
    return undefined;
  }
}

/** The request a command line asks for. */
export function rollbackRequest(options: RollbackCommandOptions, env: ProcessEnv): RollbackRequest {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return {
    target: options.to?.trim() || LAST_KNOWN_GOOD,
    reason: options.reason?.trim() ?? '',
    dryRun: options.dryRun === true,
    confirmDatabase: options.confirmDatabase === true,
    restoreBackup: options.restoreBackup?.trim() || undefined,
    from: options.from?.trim() || undefined,
    trigger: { kind: 'local', actor: localUser(env) },
    runUrl: undefined,
    repoUrl: owner && repo ? `${server}/${owner}/${repo}` : undefined,
  };
}

/** Runs the rollback; 0 when it passed (a dry run that would pass), 1 otherwise. */
export function rollbackCommand(
  options: RollbackCommandOptions,
  context: { env: ProcessEnv; output: Output; secrets: SecretRegistry; signal?: AbortSignal },
): Promise<number> {
  return runCommand(
    ['rollback'],
    {
      config: options.config,
      env: options.env,
      ...(options.json ? { json: options.json } : {}),
      ...(options.incident ? { report: options.incident } : {}),
      ...(options.color === undefined ? {} : { color: options.color }),
      rollback: rollbackRequest(options, context.env),
    },
    context,
  );
}
