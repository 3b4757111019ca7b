/**
 * Runs the preflight gate through the real config path: YAML written to a temp folder,
 * `parseConfig`, `runGates` with the real process runner. Shared by the env, file and
 * command tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../../src/engine/model.js';
import { preflightGate } from '../../../src/gates/preflight/index.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';
import { checkFinder, noHttp, withConfigFile } from '../../support/gate-run.js';

export interface PreflightRun {
  run: RunResult;
  secrets: SecretRegistry;
  /** The only check's result, or the one named `name`. */
  check: (name?: string) => CheckResult;
}

/** A config with environment `x` (its `vars:` given as YAML flow) and the given checks (YAML, indented 4). */
export function preflightConfig(checks: string, options: { vars?: string; secrets?: string[] } = {}): string {
  return [
    'version: 1',
    ...(options.secrets ? [`secrets: [${options.secrets.join(', ')}]`] : []),
    'environments:',
    '  x:',
    `    vars: ${options.vars ?? '{}'}`,
    'preflight:',
    '  checks:',
    checks.replace(/\n+$/, ''),
    '',
  ].join('\n');
}

/** A temp folder, removed by the returned function. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Writes `yaml` to a temp file and runs preflight on environment `x`, with `env` as the
 * process environment and `cwd` as the working directory (default: the temp folder).
 */
export function runPreflight(yaml: string, options: { env?: Record<string, string>; cwd?: string } = {}): Promise<PreflightRun> {
  return withConfigFile(yaml, 'rg-preflight-', async (loaded, dir) => {
    const secrets = new SecretRegistry();
    const run = await runGates({
      loaded,
      gates: [preflightGate],
      environment: 'x',
      env: { PATH: process.env.PATH ?? '', ...options.env },
      secrets,
      io: { http: noHttp },
      scope: { cwd: options.cwd ?? dir },
    });
    return { run, secrets, check: checkFinder(run) };
  });
}
