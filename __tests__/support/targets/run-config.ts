/**
 * Runs the smoke gate through the real config path: a YAML file written to a temp
 * folder, `parseConfig`, `runGates` and the undici client. Or through the real bundle,
 * `node dist/index.js run smoke`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/engine/clock.js';
import type { CheckResult } from '../../../src/engine/model.js';
import type { GateEvent } from '../../../src/engine/run-gate.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import { smokeGate } from '../../../src/gates/smoke/index.js';
import { UndiciHttpClient } from '../../../src/io/http.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';
import { BUNDLE } from '../bundle.js';
import { checkFinder, withConfigFile } from '../gate-run.js';

export { BUNDLE };

/** A config with one `test` environment at `url` and the given smoke section (YAML, indented 2). */
export function smokeConfig(url: string, smoke: string): string {
  return `version: 1\nenvironments:\n  test:\n    url: "${url}"\nsmoke:\n${smoke}`;
}

export interface SmokeRun {
  run: RunResult;
  events: GateEvent[];
  secrets: SecretRegistry;
  /** The only check's result, or the one named `name`. */
  check: (name?: string) => CheckResult;
}

/** Writes `yaml` to a temp file, then parses and runs the smoke gate on environment `test`. */
export async function runSmoke(
  yaml: string,
  options: { env?: Record<string, string>; signal?: AbortSignal; clock?: Clock } = {},
): Promise<SmokeRun> {
  const http = new UndiciHttpClient();
  try {
    return await withConfigFile(yaml, 'rg-smoke-', async (loaded) => {
      const events: GateEvent[] = [];
      const secrets = new SecretRegistry();
      const run = await runGates({
        loaded,
        gates: [smokeGate],
        environment: 'test',
        env: options.env ?? {},
        secrets,
        io: { http },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        onEvent: (_gate, event) => events.push(event),
      });
      return { run, events, secrets, check: checkFinder(run) };
    });
  } finally {
    await http.close();
  }
}

export interface BundleRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The evidence record written with `--json`, or undefined when none was written. */
  evidence: { result: string; gates: { status: string; interrupted?: string; checks: CheckResult[] }[] } | undefined;
  elapsedMs: number;
}

/** Runs `node dist/index.js run smoke --config F --env test --json R` on `yaml`. */
export async function runBundle(yaml: string, env: Record<string, string> = {}, killAfterMs = 45_000): Promise<BundleRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-bundle-'));
  const file = join(dir, 'release-gates.yml');
  const report = join(dir, 'report.json');
  await writeFile(file, yaml);
  const start = performance.now();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BUNDLE, 'run', 'smoke', '--config', file, '--env', 'test', '--json', report],
        { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, timeout: killAfterMs, killSignal: 'SIGKILL' },
        (error, out, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout: out, stderr: err }),
      );
    });
    const elapsedMs = performance.now() - start;
    let evidence: BundleRun['evidence'];
    try {
      evidence = JSON.parse(await readFile(report, 'utf8')) as BundleRun['evidence'];
    } catch {
      evidence = undefined;
    }
    return { code, stdout, stderr, evidence, elapsedMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
