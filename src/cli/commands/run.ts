/** `release-gates run <gate...>`: run gates from a terminal, with the actions' engine. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { commentPreview } from '../../reporters/comment-preview.js';
import type { ProcessEnv } from '../../config/resolve.js';
import { gateNamed, gateReports } from '../../gates/registry.js';
import type { RollbackRequest } from '../../gates/rollback/request.js';
import { runGates } from '../../gates/run.js';
import { headShaFromEnv } from '../../github/context.js';
import { redactingApi } from '../../github/redacting.js';
import { gitHead } from '../../io/git.js';
import { UndiciHttpClient } from '../../io/http.js';
import type { RunScope } from '../../checks/kind.js';
import type { Output } from '../../io/output.js';
import { buildEvidence, writeEvidence } from '../../evidence/record.js';
import { TerminalReporter } from '../../reporters/terminal/index.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import { exitCodeFor } from '../exit-codes.js';
import { checkWritable } from '../output-paths.js';

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
  /** `--check` patterns: run only the checks whose name or id matches. */
  check?: string[];
  /** migrate: `apply`, `rehearse` or `auto`. */
  mode?: string;
  /** migrate: acknowledgement tokens, as the `acknowledge` input of a dispatch. */
  acknowledge?: string;
  /** The rollback asked for (`release-gates rollback`). */
  rollback?: RollbackRequest;
  /** Write the gates' report (the rollback's incident issue, as markdown) to this file. */
  report?: string;
}

/** Writes one output file; a failure is reported after the verdict, never thrown. */
async function writeOutput(what: string, file: string, write: () => Promise<void>, output: Output): Promise<boolean> {
  try {
    await write();
    output.err(`${what} written to ${file}\n`);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    output.err(`release-gates: could not write ${what} to ${file}: ${reason}\n`);
    return false;
  }
}

/**
 * GitHub for a local run: only when GITHUB_TOKEN and GITHUB_REPOSITORY are set;
 * otherwise the GitHub checks are not verified, with that reason and the fix.
 */
async function localGitHub(env: ProcessEnv, pr: number | undefined, output: Output, secrets: SecretRegistry): Promise<RunScope['github']> {
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
    // The rollback writes from here (deployment, issue, comment): redacted like the action's writes.
    api: redactingApi(createGitHubApi({ token, owner, repo, baseUrl: env.GITHUB_API_URL, logger }), secrets),
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
  if (options.json) await checkWritable('--json', options.json);
  if (options.markdown) await checkWritable('--markdown', options.markdown);
  if (options.report) await checkWritable('--report', options.report);
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
        github: await localGitHub(context.env, options.pr, output, secrets),
        inputs: {
          ...(options.mode ? { mode: options.mode } : {}),
          ...(options.acknowledge ? { acknowledge: options.acknowledge } : {}),
        },
      },
      ...(context.signal ? { signal: context.signal } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.check?.length ? { only: options.check } : {}),
      ...(options.rollback ? { rollback: options.rollback } : {}),
      onGateStart: (gate, checks, environment) => reporter.gateStarted(gate, checks, environment),
      onEvent: (gate, event) => reporter.event(gate, event),
      onGateFinished: (result) => reporter.gateFinished(result),
    });
    reporter.finished(run);
    // The verdict is printed; a file that cannot be written now is said after it, and the
    // exit code stays the gates'.
    const { json, markdown } = options;
    if (json) {
      const context = { commit, configFile: options.config, configDigest: loaded.source.digest, startedAt, finishedAt: new Date() };
      await writeOutput('evidence', json, () => writeEvidence(json, buildEvidence(run, context, secrets)), output);
    }
    if (markdown) {
      await writeOutput(
        'PR comment preview',
        markdown,
        async () => {
          await mkdir(dirname(markdown), { recursive: true });
          const environments = Object.keys(loaded.config.environments ?? {});
          await writeFile(
            markdown,
            secrets.redact(commentPreview(run, { headSha: commit ?? undefined, updatedAt: new Date(), environments })),
          );
        },
        output,
      );
    }
    const file = options.report;
    if (file) {
      const report = gateReports(gates, run);
      await writeOutput(
        report ? 'report' : 'an empty report (nothing to report)',
        file,
        async () => {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, secrets.redact(report));
        },
        output,
      );
    }
    return exitCodeFor(run.status);
  } finally {
    await http.close();
  }
}
