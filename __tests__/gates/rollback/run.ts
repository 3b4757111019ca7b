/**
 * Runs the rollback gate in process, through the real config path and `runGates`, with
 * `scope.github` built by `createGitHubApi` against the local GitHub API, as the CLI
 * builds it.
 */
import type { LoadedConfig } from '../../../src/config/load.js';
import type { CheckResult } from '../../../src/engine/model.js';
import { rollbackGate } from '../../../src/gates/rollback/index.js';
import { LAST_KNOWN_GOOD, type RollbackRequest } from '../../../src/gates/rollback/request.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import { UndiciHttpClient } from '../../../src/io/http.js';
import { RecordingLogger } from '../../../src/io/logger.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';
import { githubScope } from '../../checks/github/helpers.js';
import type { GitHubApiServer } from '../../support/github-api/index.js';
import { ENVIRONMENT } from './history.js';

export interface RollbackRun {
  run: RunResult;
  /** The phase (check) named `name`; throws naming the phases there are. */
  phase: (name: string) => CheckResult;
}

/** A request with the defaults of a dispatch: last known good, no dry run, nothing confirmed. */
export function request(overrides: Partial<RollbackRequest> = {}): RollbackRequest {
  return {
    target: LAST_KNOWN_GOOD,
    reason: 'error rate above 5%',
    dryRun: false,
    confirmDatabase: false,
    restoreBackup: undefined,
    from: undefined,
    trigger: { kind: 'manual', actor: 'oncall' },
    runUrl: 'https://github.com/owner/repo/actions/runs/77',
    repoUrl: 'https://github.com/owner/repo',
    ...overrides,
  };
}

export async function runRollback(
  loaded: LoadedConfig,
  server: GitHubApiServer | undefined,
  asked: RollbackRequest,
  options: { env?: Record<string, string>; cwd?: string; headSha?: string } = {},
): Promise<RollbackRun> {
  const http = new UndiciHttpClient();
  const github = server ? githubScope(server, { eventName: 'workflow_dispatch' }, new RecordingLogger()) : undefined;
  try {
    const run = await runGates({
      loaded,
      gates: [rollbackGate],
      environment: ENVIRONMENT,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      secrets: new SecretRegistry(),
      io: { http },
      scope: { cwd: options.cwd ?? process.cwd(), headSha: options.headSha, github },
      rollback: asked,
    });
    const phase = (name: string): CheckResult => {
      const checks = run.gates[0]?.checks ?? [];
      const found = checks.find((check) => check.name === name);
      if (!found) throw new Error(`no phase ${name} in ${JSON.stringify(checks.map((check) => check.name))}`);
      return found;
    };
    return { run, phase };
  } finally {
    await http.close();
  }
}
