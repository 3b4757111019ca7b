/** `release-gates run <gate...>`: run gates from a terminal, with the actions' engine. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { commentPreview } from '../../reporters/comment-preview.js';
import type { ProcessEnv } from '../../config/resolve.js';
import { gateNamed } from '../../gates/registry.js';
import { runGates } from '../../gates/run.js';
import { headShaFromEnv } from '../../github/context.js';
import { gitHead } from '../../io/git.js';
import { UndiciHttpClient } from '../../io/http.js';
import type { RunScope } from '../../checks/kind.js';
import type { Output } from '../../io/output.js';
import { buildEvidence, writeEvidence } from '../../evidence/record.js';
import { TerminalReporter } from '../../reporters/terminal/index.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import { exitCodeFor } from '../exit-codes.js';

export interface RunCommandOptions {
  config: string;
  env?: string;
  json?: string;
  concurrency?: number;
  color?: boolean;
  /** Write the PR comment this run would post, as markdown, to this file. */
  markdown?: string;
  /** Pull request number for the PR checks (approvals, labels, checklist) when run locally. */
  pr?: number;
}

/**
 * GitHub for a local run: only when GITHUB_TOKEN and GITHUB_REPOSITORY are set;
 * otherwise the GitHub checks are not verified, with that reason and the fix.
 */
async function localGitHub(env: ProcessEnv, pr: number | undefined, output: Output): Promise<RunScope['github']> {
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!token || !owner || !repo) return undefined;
  // Loaded only when used: Octokit is a large part of start-up.
  const { createGitHubApi } = await import('../../github/octokit.js');
  const logger = {
    info: (m: string) => output.err(`${m}\n`),
    warning: (m: string) => output.err(`warning: ${m}\n`),
    debug: () => undefined,
  };
  return {
    api: createGitHubApi({ token, owner, repo, baseUrl: env.GITHUB_API_URL, logger }),
    owner,
    repo,
    eventName: 'local',
    pullRequest: pr === undefined ? undefined : { number: pr },
    runId: undefined,
  };
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
  // In a workflow, the commit the event is about; otherwise the checkout's HEAD.
  const commit = headShaFromEnv(context.env) ?? (await gitHead());
  try {
    const run = await runGates({
      loaded,
      gates,
      environment: options.env,
      env: context.env,
      secrets,
      io: { http },
      scope: {
        cwd: process.cwd(),
        headSha: commit ?? undefined,
        event: { name: 'local', pullRequest: options.pr === undefined ? undefined : { number: options.pr } },
        github: await localGitHub(context.env, options.pr, output),
      },
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
          commit,
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
    if (options.markdown) {
      await mkdir(dirname(options.markdown), { recursive: true });
      await writeFile(options.markdown, secrets.redact(commentPreview(run, { headSha: commit ?? undefined, updatedAt: new Date() })));
      output.err(`PR comment preview written to ${options.markdown}\n`);
    }
    return exitCodeFor(run.status);
  } finally {
    await http.close();
  }
}
