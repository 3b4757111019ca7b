/**
 * Runs checks through the real config path: YAML written to a temp file, `parseConfig`,
 * then `runGates` with the preflight gate in a given working directory. Shared by the
 * junit and backup tests.
 */
import type { Io } from '../../../src/checks/kind.js';
import type { CheckResult } from '../../../src/engine/model.js';
import type { GateEvent } from '../../../src/engine/run-gate.js';
import { preflightGate } from '../../../src/gates/preflight/index.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';
import { checkFinder, noHttp, withConfigFile } from '../../support/gate-run.js';

export interface PreflightRun {
  run: RunResult;
  events: GateEvent[];
  secrets: SecretRegistry;
  /** The only check's result, or the one named `name`. */
  check: (name?: string) => CheckResult;
  /** Everything the run produced, as one text: results and progress events. */
  text: string;
}

export interface PreflightOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Extra I/O, e.g. a recording process runner or a database connector. */
  io?: Partial<Io> & Record<string, unknown>;
  /** Top-level config lines before `preflight:`, e.g. `secrets: [X]`. */
  head?: string;
}

/** `checks` is the YAML list under `preflight: checks:`, indented by 4. */
export function preflightYaml(checks: string, head = ''): string {
  return `version: 1\n${head}preflight:\n  checks:\n${checks}`;
}

export function runPreflight(checks: string, options: PreflightOptions): Promise<PreflightRun> {
  return withConfigFile(preflightYaml(checks, options.head), 'rg-preflight-', async (loaded) => {
    const events: GateEvent[] = [];
    const secrets = new SecretRegistry();
    const run = await runGates({
      loaded,
      gates: [preflightGate],
      environment: undefined,
      env: options.env ?? {},
      secrets,
      io: { http: noHttp, ...options.io },
      scope: { cwd: options.cwd, env: options.env ?? {} },
      onEvent: (_gate, event) => events.push(event),
    });
    return { run, events, secrets, check: checkFinder(run), text: JSON.stringify({ run, events }) };
  });
}
