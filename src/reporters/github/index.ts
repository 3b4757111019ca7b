/**
 * Reports gates on GitHub: one check run per gate and environment, created in_progress
 * and completed at the end, and one sticky PR comment rebuilt from the commit's check
 * runs (see `comment-writer.ts`). With a read-only token (a fork's PR) it writes
 * annotations only, says why once, and never fails the step for a reporting problem:
 * the gate's result decides that.
 */
import { randomUUID } from 'node:crypto';
import type { GateResult } from '../../engine/model.js';
import { GitHubError, type CheckRunInfo, type GitHubApi } from '../../github/api.js';
import { attemptKeyOf, type RunContext } from '../../github/context.js';
import { TokenIdentity } from '../../github/identity.js';
import type { RunResult } from '../../gates/run.js';
import type { Annotator, Logger } from '../../io/logger.js';
import { escapeInline } from '../markdown/escape.js';
import { monitorCharts } from '../markdown/monitor-chart.js';
import { tally, type LineLink } from '../markdown/tables.js';
import { checkRunName } from '../../evidence/identity.js';
import { annotationsFor, batches, checkRunOutput, conclusionFor, failuresText } from './check-run.js';
import { StickyComment, type OwnCell } from './comment-writer.js';
import { createCheckRunOnce } from './create-once.js';

export interface GitHubReporterOptions {
  api: GitHubApi | undefined;
  context: RunContext;
  /** Config path relative to the repository root, for annotations. */
  configPath: string;
  configDigest: string;
  logger: Logger;
  annotator: Annotator;
  lineLink: LineLink;
  environmentUrl?: string | undefined;
  /** Learns the token's app from the check runs created here; shared with the checks. */
  identity?: TokenIdentity;
  /** The config's environments in its order: the sticky comment's columns. */
  environments?: readonly string[] | undefined;
}

interface Started {
  id: number;
  htmlUrl: string | undefined;
  result?: GateResult;
}

/** Status of a finished gate as a comment cell. */
function cellOf(result: GateResult, url: string | undefined, lineLink: LineLink): OwnCell {
  return {
    name: checkRunName(result.gate, result.environment),
    gate: result.gate,
    environment: result.environment,
    status: result.status,
    title: tally(result),
    url,
    details: failuresText(result, lineLink),
    ...(monitorCharts(result).length > 0 ? { chart: true } : {}),
  };
}

/** The `permissions:` a job needs for a write (https://docs.github.com/rest/checks/runs, https://docs.github.com/rest/issues/comments). */
function permissionFor(what: string): string {
  return /comment/.test(what) ? 'pull-requests: write' : /check run|annotations/.test(what) ? 'checks: write' : 'checks: read';
}

export class GitHubReporter {
  private readonly started = new Map<string, Started>();
  /**
   * Makes this process's external ids unique. Matrix cells share GITHUB_RUN_ID and
   * GITHUB_JOB, so without it two cells on the same gate and environment would have the
   * same external id, and a create retried after a 5xx could adopt the sibling's run
   * (and overwrite its failure with our success).
   */
  private readonly nonce = randomUUID().slice(0, 8);
  private readOnlyReason: string | undefined;
  private annotated = false;
  /** Ids of every check run this job created, for the comment's ordering. */
  private readonly runIds: number[] = [];
  private readonly identity: TokenIdentity;
  /** The sticky comment's id, once this job wrote it as its creator (recorded on its run). */
  private commentId: number | undefined;

  constructor(private readonly options: GitHubReporterOptions) {
    const { context, api } = options;
    this.identity = options.identity ?? new TokenIdentity();
    if (!api) this.readOnly('no github-token was given');
    else if (context.isFork)
      this.readOnly(`this pull request comes from the fork ${context.pullRequest?.headRepository ?? ''}, so the token is read-only`);
  }

  /** The external id of a gate's check run: the job attempt, gate, environment and {@link nonce}. */
  private externalId(gate: string, environment: string | undefined): string {
    return `${this.options.context.runKey}:${gate}:${environment ?? ''}:${this.nonce}`;
  }

  /** The page of a gate's check run, once it was created (for the job summary's links). */
  checkRunUrl(gate: string, environment: string | undefined): string | undefined {
    return this.started.get(checkRunName(gate, environment))?.htmlUrl;
  }

  /** True once writes are off; reports go to the job summary and annotations. */
  get isReadOnly(): boolean {
    return this.readOnlyReason !== undefined;
  }

  private readOnly(reason: string): void {
    if (this.readOnlyReason !== undefined) return;
    this.readOnlyReason = reason;
    this.options.annotator.notice(
      `release-gates: ${reason}. Writing the job summary and annotations only; no check runs or PR comment. The step still passes or fails on the gates' result.`,
    );
  }

  /**
   * Runs a GitHub call; a failure is logged and never thrown. A refused write turns all
   * writes off, unless `onlyThis` (the PR comment: its permission is separate).
   */
  private async attempt<T>(what: string, work: (api: GitHubApi) => Promise<T>, onlyThis = false): Promise<T | undefined> {
    const outcome = await this.tryWrite(what, work, { onlyThis });
    return 'value' in outcome ? outcome.value : undefined;
  }

  /** {@link attempt}, telling why it failed; `quiet` leaves the logging to the caller. */
  private async tryWrite<T>(
    what: string,
    work: (api: GitHubApi) => Promise<T>,
    options: { onlyThis?: boolean; quiet?: boolean } = {},
  ): Promise<{ value: T } | { reason: string }> {
    const api = this.options.api;
    if (!api || this.isReadOnly) return { reason: this.readOnlyReason ?? 'no token' };
    try {
      return { value: await work(api) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = error instanceof GitHubError ? `GitHub answered ${error.status} "${error.message}"` : message;
      const denied = error instanceof GitHubError && error.readOnly;
      if (denied && options.onlyThis) {
        this.options.logger.warning(
          `release-gates could not ${what}: ${reason}; the job needs permissions: ${permissionFor(what)}. The check runs are written`,
        );
      } else if (denied)
        this.readOnly(`GitHub refused to let release-gates ${what} (${reason}); the job needs permissions: ${permissionFor(what)}`);
      else if (!options.quiet) this.options.logger.warning(`release-gates could not ${what}: ${message}`);
      return { reason };
    }
  }

  /** A check run this job created: its app is the token's, and its id orders the cells. */
  private created(run: CheckRunInfo): void {
    this.identity.learn(run);
    this.runIds.push(run.id);
  }

  /** Before a gate runs: its check run, in progress. */
  async gateStarted(gate: string, environment: string | undefined): Promise<void> {
    const name = checkRunName(gate, environment);
    const { context } = this.options;
    const run = await this.attempt(`create the check run "${name}"`, (api) =>
      createCheckRunOnce(
        api,
        {
          name,
          headSha: context.headSha,
          externalId: this.externalId(gate, environment),
          detailsUrl: context.runUrl,
          output: { title: 'running', summary: `**${gate}** is running${environment ? ` against **${environment}**` : ''}.` },
        },
        this.options.logger,
      ),
    );
    if (!run) return;
    this.created(run);
    this.started.set(name, { id: run.id, htmlUrl: run.htmlUrl });
  }

  /** After a gate: its result is kept, completed at {@link finish}. */
  gateFinished(result: GateResult): void {
    const started = this.started.get(checkRunName(result.gate, result.environment));
    if (started) started.result = result;
  }

  /** Completes a check run with its annotations; returns why it could not, if it could not. */
  private async complete(started: Started, result: GateResult, quiet = false): Promise<string | undefined> {
    const output = checkRunOutput(result, { ...this.options, headSha: this.options.context.headSha, commentId: this.commentId });
    const [first = [], ...rest] = batches(annotationsFor(result, this.options.configPath));
    const conclusion = conclusionFor(result);
    const what = `complete the check run "${checkRunName(result.gate, result.environment)}"`;
    const done = await this.tryWrite(
      what,
      (api) => api.completeCheckRun(started.id, { conclusion, output: { ...output, annotations: first } }),
      { quiet },
    );
    if ('reason' in done) return done.reason;
    for (const annotations of rest) {
      await this.attempt('add annotations', (api) =>
        api.addAnnotations(started.id, { title: output.title, summary: output.summary, annotations }),
      );
    }
    return undefined;
  }

  /**
   * After every gate: creates completed runs for gates that were not run and completes
   * every check run of this job; on a PR, the sticky comment is prepared before the last
   * run is completed (so that the completion records a new comment's id) and written
   * after it (see `comment-writer.ts`): a comment is never ahead of the check runs it is
   * rebuilt from. A check run whose completion failed after every retry gets one last
   * attempt at the very end; if that fails too, its URL and the reason are logged as a
   * warning, so that a person can see it and re-run the job rather than wait on a run
   * left in progress.
   */
  async finish(run: RunResult): Promise<void> {
    for (const result of run.gates.filter((gate) => gate.status === 'skipped')) await this.reportNotRun(result);
    const finished = [...this.started.values()].filter((s): s is Started & { result: GateResult } => s.result !== undefined);
    const unfinished: (Started & { result: GateResult })[] = [];
    const complete = async (started: Started & { result: GateResult }): Promise<void> => {
      if ((await this.complete(started, started.result)) !== undefined) unfinished.push(started);
    };
    const last = finished.at(-1);
    for (const started of finished.slice(0, -1)) await complete(started);
    const comment = last ? this.stickyComment(finished, last) : undefined;
    const prepared = comment
      ? await this.attempt(
          'write the PR comment',
          async () => {
            this.commentId = await comment.prepare();
            return true;
          },
          true,
        )
      : undefined;
    if (last) await complete(last);
    if (comment && prepared) await this.attempt('write the PR comment', () => comment.write(), true);
    for (const started of unfinished) await this.lastAttempt(started);
    if (this.isReadOnly) this.annotateInLog(run);
  }

  /** The last attempt to complete a run; on failure, its URL and why, for a person to act on. */
  private async lastAttempt(started: Started & { result: GateResult }): Promise<void> {
    if (this.isReadOnly) return;
    const reason = await this.complete(started, started.result, true);
    if (reason === undefined) return;
    const name = checkRunName(started.result.gate, started.result.environment);
    this.options.logger.warning(
      `release-gates: the check run "${name}" is left in progress${started.htmlUrl ? ` at ${started.htmlUrl}` : ''}: completing it failed after every retry (${reason}). Its result (${started.result.status}) is in this job's summary; re-run the job to complete the check run.`,
    );
  }

  /** The sticky comment this job writes, on a PR with write access. */
  private stickyComment(
    finished: readonly (Started & { result: GateResult })[],
    last: Started & { result: GateResult },
  ): StickyComment | undefined {
    const { context, logger, api } = this.options;
    if (!api || !context.pullRequest || this.isReadOnly) return undefined;
    return new StickyComment({
      api,
      issue: context.pullRequest.number,
      headSha: context.headSha,
      runUrl: context.runUrl,
      identity: this.identity,
      attemptKey: attemptKeyOf(context.runKey),
      ownRunIds: this.runIds,
      own: finished.map((s) => cellOf(s.result, s.htmlUrl, this.options.lineLink)),
      environments: this.options.environments ?? [],
      logger,
      record: async (commentId) => {
        this.commentId = commentId;
        await this.recordCommentId(last, last.result, commentId);
      },
    });
  }

  /** Records the sticky comment's id in a completed check run's summary (annotations stay). */
  private async recordCommentId(started: Started, result: GateResult, commentId: number): Promise<void> {
    const output = checkRunOutput(result, { ...this.options, headSha: this.options.context.headSha, commentId });
    await this.attempt('record the comment id on the check run', (api) => api.addAnnotations(started.id, output));
  }

  /** A gate not run because an earlier one failed: a completed run, in one request. */
  private async reportNotRun(result: GateResult): Promise<void> {
    const { context } = this.options;
    const name = checkRunName(result.gate, result.environment);
    const run = await this.attempt(`create the check run "${name}"`, (api) =>
      createCheckRunOnce(
        api,
        {
          name,
          headSha: context.headSha,
          externalId: this.externalId(result.gate, result.environment),
          detailsUrl: context.runUrl,
          output: { title: tally(result), summary: escapeInline(result.reason ?? 'not run') },
          conclusion: conclusionFor(result),
        },
        this.options.logger,
      ),
    );
    if (run) this.created(run);
  }

  /** Read-only mode: the failing checks as workflow-command annotations. */
  private annotateInLog(run: RunResult): void {
    if (this.annotated) return;
    this.annotated = true;
    for (const result of run.gates) {
      for (const annotation of annotationsFor(result, this.options.configPath)) {
        this.options.annotator.annotate(annotation.annotation_level === 'failure' ? 'error' : 'warning', annotation.message, {
          file: annotation.path,
          line: annotation.start_line,
          ...(annotation.title ? { title: annotation.title } : {}),
        });
      }
    }
  }
}
