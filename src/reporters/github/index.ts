/**
 * Reports gates on GitHub: one check run per gate and environment, created in_progress
 * and completed at the end, and one sticky PR comment rebuilt from the commit's check
 * runs. With a read-only token (a fork's PR) it writes annotations only, says why once,
 * and never fails the step for a reporting problem: the gate's result decides that.
 */
import { randomUUID } from 'node:crypto';
import type { GateResult } from '../../engine/model.js';
import { GitHubError, type CheckRunInfo, type GitHubApi } from '../../github/api.js';
import type { RunContext } from '../../github/context.js';
import type { RunResult } from '../../gates/run.js';
import type { Annotator, Logger } from '../../io/logger.js';
import { escapeInline } from '../markdown/escape.js';
import { monitorCharts } from '../markdown/monitor-chart.js';
import { tally, type GateCell, type LineLink } from '../markdown/tables.js';
import { checkRunName, parseCheckRunName } from '../../evidence/identity.js';
import { annotationsFor, batches, checkRunOutput, conclusionFor, failuresText } from './check-run.js';
import { createCheckRunOnce } from './create-once.js';
import { cellsFromCheckRuns, commentBody, environmentOrder, knownCommentId, upsertComment } from './sticky-comment.js';

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
  /** The config's environments in its order: the sticky comment's columns. */
  environments?: readonly string[] | undefined;
}

interface Started {
  id: number;
  htmlUrl: string | undefined;
  result?: GateResult;
}

/**
 * Rebuilds of the comment after ours, while other runs were in progress: each re-reads
 * the check runs and stops once they match what was written.
 */
const CONVERGE_ROUNDS = 5;

/** A comparable key of the comment's cells (without the time it was written). */
function cellsKey(runs: readonly CheckRunInfo[], own: readonly (GateCell & { name: string })[]): string {
  return JSON.stringify(
    cellsFromCheckRuns(runs, own).map(({ gate, environment, status, title, url }) => ({ gate, environment, status, title, url })),
  );
}

/** Status of a finished gate as a comment cell. */
function cellOf(result: GateResult, url: string | undefined, lineLink: LineLink): GateCell & { name: string } {
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

  constructor(private readonly options: GitHubReporterOptions) {
    const { context, api } = options;
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
    const api = this.options.api;
    if (!api || this.isReadOnly) return undefined;
    try {
      return await work(api);
    } catch (error) {
      const denied = error instanceof GitHubError && error.readOnly;
      if (denied && onlyThis) {
        this.options.logger.warning(
          `release-gates could not ${what}: GitHub answered ${error.status} "${error.message}"; the job needs permissions: ${permissionFor(what)}. The check runs are written`,
        );
      } else if (denied) {
        this.readOnly(
          `GitHub refused to let release-gates ${what} (${error.status} "${error.message}"); the job needs permissions: ${permissionFor(what)}`,
        );
      } else this.options.logger.warning(`release-gates could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
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
    if (run) this.started.set(name, { id: run.id, htmlUrl: run.htmlUrl });
  }

  /** After a gate: its result is kept, completed at {@link finish}. */
  gateFinished(result: GateResult): void {
    const started = this.started.get(checkRunName(result.gate, result.environment));
    if (started) started.result = result;
  }

  private async complete(started: Started, result: GateResult, commentId?: number): Promise<void> {
    const output = checkRunOutput(result, { ...this.options, headSha: this.options.context.headSha, commentId });
    const [first = [], ...rest] = batches(annotationsFor(result, this.options.configPath));
    const conclusion = conclusionFor(result);
    const done = await this.attempt(`complete the check run "${checkRunName(result.gate, result.environment)}"`, async (api) => {
      await api.completeCheckRun(started.id, { conclusion, output: { ...output, annotations: first } });
      return true;
    });
    for (const annotations of done ? rest : []) {
      await this.attempt('add annotations', (api) =>
        api.addAnnotations(started.id, { title: output.title, summary: output.summary, annotations }),
      );
    }
  }

  /**
   * After every gate. Completes the check runs, writes the sticky comment on a PR, and
   * creates completed runs for gates that were not run. Order: the commit's check runs
   * are listed (for the comment's id, recorded by an earlier run); every own check run is
   * completed; only then is the comment written from the list and our own results. A
   * comment is never ahead of the check runs it is rebuilt from: otherwise a parallel job
   * reading them would overwrite it with this run still "in progress". When the comment
   * id was not known yet, it is recorded on our check run, so that a later run updates
   * the comment without a lookup (4 requests for one gate when the comment exists). If
   * other release-gates runs were in progress, the comment is rebuilt from a fresh list
   * until the list no longer changes, so that parallel jobs converge on the final table.
   */
  async finish(run: RunResult): Promise<void> {
    for (const result of run.gates.filter((gate) => gate.status === 'skipped')) await this.reportNotRun(result);
    const finished = [...this.started.values()].filter((s): s is Started & { result: GateResult } => s.result !== undefined);
    const last = finished.at(-1);
    for (const started of finished.slice(0, -1)) await this.complete(started, started.result);
    const pr = this.options.context.pullRequest;
    if (last && (!pr || this.isReadOnly)) await this.complete(last, last.result);
    if (last && pr && !this.isReadOnly) {
      const own = finished.map((s) => cellOf(s.result, s.htmlUrl, this.options.lineLink));
      const runs = (await this.listRuns()) ?? [];
      const knownId = knownCommentId(runs);
      await this.complete(last, last.result, knownId);
      let written = await this.writeComment(pr.number, runs, own, knownId);
      if (written && written.id !== knownId) await this.recordCommentId(last, last.result, written.id);
      const ownNames = new Set(own.map((cell) => cell.name));
      const othersRunning = runs.some((r) => parseCheckRunName(r.name) && !ownNames.has(r.name) && r.status !== 'completed');
      for (let round = 0; written && othersRunning && round < CONVERGE_ROUNDS; round++) {
        const again = await this.listRuns();
        if (!again || cellsKey(again, []) === written.key) break;
        written = await this.writeComment(pr.number, again, [], written.id);
      }
    }
    if (this.isReadOnly) this.annotateInLog(run);
  }

  /** Records the sticky comment's id in a completed check run's summary (annotations stay). */
  private async recordCommentId(started: Started, result: GateResult, commentId: number): Promise<void> {
    const output = checkRunOutput(result, { ...this.options, headSha: this.options.context.headSha, commentId });
    await this.attempt('record the comment id on the check run', (api) => api.addAnnotations(started.id, output));
  }

  private listRuns(): Promise<CheckRunInfo[] | undefined> {
    return this.attempt('list the check runs on the commit', (api) => api.listCheckRuns(this.options.context.headSha));
  }

  /** A gate not run because an earlier one failed: a completed run, in one request. */
  private async reportNotRun(result: GateResult): Promise<void> {
    const { context } = this.options;
    const name = checkRunName(result.gate, result.environment);
    await this.attempt(`create the check run "${name}"`, (api) =>
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
  }

  private async writeComment(
    issue: number,
    runs: readonly CheckRunInfo[],
    own: readonly (GateCell & { name: string })[],
    knownId: number | undefined,
  ): Promise<{ id: number; key: string } | undefined> {
    const { context, logger } = this.options;
    const cells = cellsFromCheckRuns(runs, own);
    const body = commentBody(cells, {
      headSha: context.headSha,
      runUrl: context.runUrl,
      updatedAt: new Date(),
      environments: environmentOrder(runs, this.options.environments),
    });
    const id = await this.attempt('write the PR comment', (api) => upsertComment(api, issue, body, knownId, logger), true);
    return id === undefined ? undefined : { id, key: cellsKey(runs, own) };
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
