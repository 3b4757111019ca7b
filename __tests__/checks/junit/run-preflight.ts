/**
 * Runs checks through the real config path: YAML written to a temp file, `parseConfig`,
 * then `runGates` with the preflight gate in a given working directory. Shared by the
 * junit and backup tests.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../../src/checks/kind.js';
import { parseConfig } from '../../../src/config/load.js';
import type { CheckResult } from '../../../src/engine/model.js';
import type { GateEvent } from '../../../src/engine/run-gate.js';
import { preflightGate } from '../../../src/gates/preflight/index.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import type { HttpClient } from '../../../src/io/http.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';

/** No check here speaks HTTP. */
const noHttp: HttpClient = {
  send: () => Promise.reject(new Error('no HTTP in these tests')),
  close: () => Promise.resolve(),
};

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

export async function runPreflight(checks: string, options: PreflightOptions): Promise<PreflightRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-preflight-'));
  const file = join(dir, 'release-gates.yml');
  const events: GateEvent[] = [];
  const secrets = new SecretRegistry();
  try {
    await writeFile(file, preflightYaml(checks, options.head));
    const loaded = parseConfig(file, await readFile(file, 'utf8'));
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
    const check = (name?: string): CheckResult => {
      const all = run.gates[0]?.checks ?? [];
      const found = name === undefined ? all[0] : all.find((c) => c.name === name);
      if (!found) throw new Error(`no check ${name ?? ''} in ${JSON.stringify(all.map((c) => c.name))}`);
      return found;
    };
    return { run, events, secrets, check, text: JSON.stringify({ run, events }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
