/**
 * Running the monitor gate (or any gate) through the real config path against real
 * processes: YAML on disk, parseConfig, runGates with the undici client. Also the
 * example stand-in service of runbook 004, switched between modes at run time.
 */
import { fileURLToPath } from 'node:url';
import type { GitHubScope } from '../../../src/checks/kind.js';
import type { GateEvent } from '../../../src/engine/run-gate.js';
import type { Gate } from '../../../src/gates/gate.js';
import { monitorGate } from '../../../src/gates/monitor/index.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import { UndiciHttpClient } from '../../../src/io/http.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';
import type { CheckResult } from '../../../src/engine/model.js';
import { checkFinder, withConfigFile } from '../../support/gate-run.js';
import { startTarget, type Target } from '../../support/targets/index.js';

/** Runbook 004's stand-in service (examples/alias-initiative/service.mjs). */
export const ALIAS_SERVICE = fileURLToPath(new URL('../../../examples/alias-initiative/service.mjs', import.meta.url));

/** Starts the runbook 004 stand-in, healthy. */
export function startAliasService(): Promise<Target> {
  return startTarget(ALIAS_SERVICE);
}

/** Switches a stand-in's mode (`healthy`, `errors`, `slow`, `degraded`, `down`). */
export async function setMode(target: Target, mode: string, params: Record<string, string> = {}): Promise<void> {
  const query = new URLSearchParams({ mode, ...params });
  const response = await fetch(`${target.url}/__admin/mode?${query.toString()}`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`the stand-in refused mode ${mode}: ${response.status}`);
}

export interface GateRun {
  run: RunResult;
  /** The check named `name`, or the first. */
  check: (name?: string) => CheckResult;
  progress: string[];
}

/** Runs `gate` (default monitor) from `yaml` on environment `local` with API_BASE = `base`. */
export function runConfig(
  yaml: string,
  options: { env?: Record<string, string>; gate?: Gate; github?: GitHubScope; headSha?: string } = {},
): Promise<GateRun> {
  return withConfigFile(yaml, 'rg-monitor-', async (loaded, dir) => {
    const http = new UndiciHttpClient();
    const progress: string[] = [];
    try {
      const run = await runGates({
        loaded,
        gates: [options.gate ?? monitorGate],
        environment: 'local',
        env: { PATH: process.env.PATH ?? '', ...options.env },
        secrets: new SecretRegistry(),
        io: { http },
        scope: {
          cwd: dir,
          ...(options.github ? { github: options.github } : {}),
          ...(options.headSha ? { headSha: options.headSha } : {}),
        },
        onEvent: (_gate, event: GateEvent) => {
          if (event.type === 'check-progress') progress.push(event.message);
        },
      });
      return { run, check: checkFinder(run), progress };
    } finally {
      await http.close();
    }
  });
}
