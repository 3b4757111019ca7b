/**
 * The action: run the configured gates for one environment and report them on the
 * commit (check runs), the PR (sticky comment), the job summary, the step outputs and
 * the evidence record. The step's exit code follows the gates' result, never a
 * reporting problem.
 */
import { loadConfig } from '../config/load.js';
import type { ProcessEnv } from '../config/resolve.js';
import { ConfigurationError, isUserError } from '../errors.js';
import { readRunContext, type RunContext } from '../github/context.js';
import type { GitHubApi } from '../github/api.js';
import { clearPinAfterPass, describePin } from '../evidence/pin.js';
import { gateReports } from '../gates/registry.js';
import { triggerOf } from '../gates/rollback/request.js';
import { TokenIdentity } from '../github/identity.js';
import { redactingApi } from '../github/redacting.js';
import { runGates } from '../gates/run.js';
import { UndiciHttpClient } from '../io/http.js';
import { redacting } from '../io/output.js';
import { buildEvidence, writeEvidence } from '../evidence/record.js';
import { GitHubReporter } from '../reporters/github/index.js';
import { jobSummary } from '../reporters/job-summary.js';
import { TerminalReporter } from '../reporters/terminal/index.js';
import { codeBlock } from '../reporters/markdown/escape.js';
import { SecretRegistry } from '../secrets/registry.js';
import { EXIT_BUG, EXIT_USAGE, exitCodeFor } from '../cli/exit-codes.js';
import { actionOutput, core, coreLog, mask } from './core-io.js';
import { readSettings } from './settings.js';

/** Events whose runs gate a deployment: a pass there clears a rollback pin (issue #11). */
const DEPLOYING_EVENTS = new Set(['push', 'workflow_dispatch']);

/** After every gate passed for an environment: a standing rollback pin clears; a failure to clear is logged, never fatal. */
async function clearPin(api: GitHubApi, environment: string, context: RunContext): Promise<void> {
  try {
    const cleared = await clearPinAfterPass(api, environment, context.headSha, context.runUrl);
    if (cleared)
      coreLog.info(
        `release-gates: ${describePin(cleared)}; the rollback pin is cleared: ${context.headSha.slice(0, 12)} passed the ${environment} gates`,
      );
  } catch (error) {
    coreLog.warning(
      `release-gates could not check the rollback pin of ${environment}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Reports a config error as annotations at each problem and in the job summary. */
async function reportUserError(error: Error, secrets: SecretRegistry): Promise<void> {
  if (error instanceof ConfigurationError) {
    for (const problem of error.problems) {
      const { file, line, column } = problem.location;
      coreLog.annotate('error', secrets.redact(problem.message), { file, line, column, title: 'release-gates config' });
    }
  } else {
    core.error(secrets.redact(error.message));
  }
  await core.summary.addRaw(`## release-gates: configuration error\n\n${codeBlock(secrets.redact(error.message))}\n`).write();
}

/** Runs the action; returns the exit code. `gateOverride` is set by per-gate actions. */
export async function runAction(env: ProcessEnv, gateOverride?: string): Promise<number> {
  const secrets = new SecretRegistry();
  secrets.onAdd(mask);
  secrets.addFromEnvironment(env, new Set());
  const output = redacting(actionOutput, secrets);
  const startedAt = new Date();
  try {
    const settings = readSettings(env, gateOverride);
    secrets.add(settings.token);
    const context = readRunContext(env);
    const loaded = await loadConfig(settings.configFile);
    // Octokit is one chunk, shared with the CLI, loaded when there is a token to use.
    const { createGitHubApi } = await import('../github/octokit.js');
    const api = settings.token
      ? redactingApi(
          createGitHubApi({
            token: settings.token,
            owner: context.owner,
            repo: context.repo,
            baseUrl: env.GITHUB_API_URL,
            logger: coreLog,
            ...(env.RELEASE_GATES_RETRY_BASE_MS ? { retryBaseMs: Number(env.RELEASE_GATES_RETRY_BASE_MS) } : {}),
          }),
          secrets,
        )
      : undefined;
    const blob = `${context.serverUrl}/${context.owner}/${context.repo}/blob/${context.headSha}/${settings.configInRepo}`;
    let environmentUrl: string | undefined;
    // Learned from this job's own check runs; the checks count only that app's evidence.
    const identity = new TokenIdentity();
    const reporter = new GitHubReporter({
      api,
      identity,
      context,
      configPath: settings.configInRepo,
      configDigest: loaded.source.digest,
      logger: coreLog,
      annotator: coreLog,
      lineLink: (check) => `${blob}#L${check.location.line}`,
      environments: Object.keys(loaded.config.environments ?? {}),
      get environmentUrl() {
        return environmentUrl;
      },
    });
    const terminal = new TerminalReporter(output, { color: false });
    const http = new UndiciHttpClient();
    const run = await runGates({
      loaded,
      gates: settings.gates,
      environment: settings.environment,
      env,
      secrets,
      io: { http },
      scope: {
        cwd: process.cwd(),
        headSha: context.headSha,
        inputs: settings.inputs,
        event: { name: context.eventName, pullRequest: context.pullRequest },
        github: api
          ? {
              api,
              owner: context.owner,
              repo: context.repo,
              eventName: context.eventName,
              pullRequest: context.pullRequest,
              runId: env.GITHUB_RUN_ID,
              identity,
            }
          : undefined,
      },
      ...(settings.rollback
        ? {
            rollback: {
              ...settings.rollback,
              from: undefined,
              trigger: triggerOf(env.GITHUB_ACTOR),
              runUrl: context.runUrl,
              repoUrl: `${context.serverUrl}/${context.owner}/${context.repo}`,
            },
          }
        : {}),
      onGateStart: async (gate, checks, environment) => {
        // Redacted before it is escaped into markdown (escaping would hide a secret's form).
        environmentUrl = environment?.url === undefined ? undefined : secrets.redact(environment.url);
        terminal.gateStarted(gate, checks, environment);
        await reporter.gateStarted(gate.name, environment?.name);
      },
      onEvent: (gate, event) => terminal.event(gate, event),
      onGateFinished: (result) => {
        terminal.gateFinished(result);
        reporter.gateFinished(result);
      },
    }).finally(() => http.close());
    terminal.finished(run);
    await reporter.finish(run);

    const summary = jobSummary(run, {
      headSha: context.headSha,
      lineLink: (check) => `${blob}#L${check.location.line}`,
      notice: reporter.isReadOnly
        ? `${api ? 'Read-only token' : 'No GitHub token'}: results are in this summary and the annotations only.`
        : undefined,
      checkRunUrl: (gate, environment) => reporter.checkRunUrl(gate, environment),
    });
    const reports = gateReports(settings.gates, run);
    await core.summary.addRaw(secrets.redact(reports ? `${summary}\n${reports}\n` : summary)).write();
    // Only a config that can roll back has pins to clear (only the rollback gate makes them).
    const canClear = api && loaded.config.rollback && !settings.rollback && DEPLOYING_EVENTS.has(context.eventName);
    if (canClear && run.status === 'passed' && settings.environment) {
      await clearPin(api, settings.environment, context);
    }
    const record = buildEvidence(
      run,
      { commit: context.headSha, configFile: settings.configInRepo, configDigest: loaded.source.digest, startedAt, finishedAt: new Date() },
      secrets,
    );
    await writeEvidence(settings.reportPath, record);
    core.setOutput('result', run.status);
    core.setOutput('report', settings.reportPath);
    core.setOutput('artifact-name', settings.artifactName);
    const code = exitCodeFor(run.status);
    if (code !== 0) core.setFailed(`release-gates: ${run.gates.map((g) => `${g.gate} ${g.status}`).join(', ')}`);
    return code;
  } catch (error) {
    if (isUserError(error)) {
      await reportUserError(error, secrets).catch(() => undefined);
      core.setOutput('result', 'failed');
      return EXIT_USAGE;
    }
    core.error(
      `release-gates: internal error (a bug, not a problem with your config): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_BUG;
  }
}
