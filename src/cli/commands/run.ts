/** `release-gates run <gate...>`: run gates from a terminal, with the actions' engine. */
import { loadConfig } from '../../config/load.js';
import type { ProcessEnv } from '../../config/resolve.js';
import { gateNamed } from '../../gates/registry.js';
import { runGates } from '../../gates/run.js';
import { currentCommit } from '../../io/git.js';
import { UndiciHttpClient } from '../../io/http.js';
import type { Output } from '../../io/output.js';
import { buildEvidence, writeEvidence } from '../../reporters/evidence.js';
import { TerminalReporter } from '../../reporters/terminal/index.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import { exitCodeFor } from '../exit-codes.js';

export interface RunCommandOptions {
  config: string;
  env?: string;
  json?: string;
  concurrency?: number;
  color?: boolean;
}

/** Runs the gates and returns the exit code: 0 passed, 1 failed or pending. */
export async function runCommand(
  gateNames: readonly string[],
  options: RunCommandOptions,
  context: { env: ProcessEnv; output: Output; secrets: SecretRegistry; signal?: AbortSignal },
): Promise<number> {
  const startedAt = new Date();
  const gates = gateNames.map(gateNamed);
  const loaded = await loadConfig(options.config);
  const { secrets, output } = context;
  const reporter = new TerminalReporter(output, options.color === undefined ? {} : { color: options.color });
  const http = new UndiciHttpClient();
  try {
    const run = await runGates({
      loaded,
      gates,
      environment: options.env,
      env: context.env,
      secrets,
      io: { http },
      ...(context.signal ? { signal: context.signal } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      onGateStart: (gate, checks, environment) => reporter.gateStarted(gate, checks, environment),
      onEvent: (gate, event) => reporter.event(gate, event),
      onGateFinished: (result) => reporter.gateFinished(result),
    });
    reporter.finished(run);
    if (options.json) {
      const record = buildEvidence(
        run,
        {
          commit: await currentCommit(context.env),
          configFile: options.config,
          configDigest: loaded.source.digest,
          startedAt,
          finishedAt: new Date(),
        },
        secrets,
      );
      await writeEvidence(options.json, record);
      output.err(`evidence written to ${options.json}\n`);
    }
    return exitCodeFor(run.status);
  } finally {
    await http.close();
  }
}
