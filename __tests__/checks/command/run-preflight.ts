/**
 * Runs the preflight gate through the real config path: YAML written to a temp folder,
 * `parseConfig`, `runGates` with the real process runner. Shared by the env, file and
 * command tests.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../src/config/load.js';
import type { CheckResult } from '../../../src/engine/model.js';
import { preflightGate } from '../../../src/gates/preflight/index.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import type { HttpClient } from '../../../src/io/http.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';

/** These checks make no HTTP requests. */
const noHttp: HttpClient = {
  send: () => Promise.reject(new Error('no HTTP in these tests')),
  close: () => Promise.resolve(),
};

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
export async function runPreflight(yaml: string, options: { env?: Record<string, string>; cwd?: string } = {}): Promise<PreflightRun> {
  const { dir, remove } = await tempDir('rg-preflight-');
  const file = join(dir, 'release-gates.yml');
  const secrets = new SecretRegistry();
  try {
    await writeFile(file, yaml);
    const loaded = parseConfig(file, await readFile(file, 'utf8'));
    const run = await runGates({
      loaded,
      gates: [preflightGate],
      environment: 'x',
      env: { PATH: process.env.PATH ?? '', ...options.env },
      secrets,
      io: { http: noHttp },
      scope: { cwd: options.cwd ?? dir },
    });
    const check = (name?: string): CheckResult => {
      const checks = run.gates[0]?.checks ?? [];
      const found = name === undefined ? checks[0] : checks.find((c) => c.name === name);
      if (!found) throw new Error(`no check ${name ?? ''} in ${JSON.stringify(checks.map((c) => c.name))}`);
      return found;
    };
    return { run, secrets, check };
  } finally {
    await remove();
  }
}
