/**
 * {@link GitHubApi} over `@actions/github` with `@octokit/plugin-retry` and
 * `@octokit/plugin-throttling`: 5xx retried with back-off, `retry-after` honoured on
 * primary and secondary rate limits. Creates run with `retries: 0`; the callers make
 * them idempotent (see `reporters/github/`).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../io/logger.js';
import type { CheckRunInfo, GitHubApi, IssueComment } from './api.js';
import { call } from './call.js';
import { githubDeploys } from './deploys.js';
import { githubReads } from './reads.js';

/** Retries of a rate-limited request before giving up. */
const RATE_LIMIT_RETRIES = 3;

export interface OctokitOptions {
  token: string;
  owner: string;
  repo: string;
  /** API base URL; default `GITHUB_API_URL` or https://api.github.com. */
  baseUrl?: string | undefined;
  logger: Logger;
  /** Milliseconds the retry plugin multiplies its back-off by (default 1000). */
  retryBaseMs?: number;
  /**
   * Key of the throttling plugin's limiters (one write a second, one comment creation in
   * three), which it keeps per key for the whole process. A process is one job, so the
   * default shares them; a test running several jobs in one process gives each its own.
   */
  throttleId?: string;
}

interface RawCheckRun {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  html_url: string | null;
  details_url: string | null;
  external_id: string | null;
  started_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  app?: { id?: number; slug?: string } | null;
}

function toInfo(run: RawCheckRun): CheckRunInfo {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    htmlUrl: run.html_url ?? undefined,
    detailsUrl: run.details_url ?? undefined,
    externalId: run.external_id ?? undefined,
    title: run.output.title ?? undefined,
    summary: run.output.summary ?? undefined,
    text: run.output.text ?? undefined,
    startedAt: run.started_at ?? undefined,
    app: run.app?.id !== undefined && run.app.slug !== undefined ? { id: run.app.id, slug: run.app.slug } : undefined,
  };
}

function toComment(comment: { id: number; body?: string; user: { login: string; type: string } | null }): IssueComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    author: comment.user ? { login: comment.user.login, type: comment.user.type } : undefined,
  };
}

/** Creates the API client. */
export function createGitHubApi(options: OctokitOptions): GitHubApi {
  const { owner, repo, logger } = options;
  const octokit = getOctokit(
    options.token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      userAgent: 'release-gates',
      retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000 },
      throttle: {
        ...(options.throttleId ? { id: options.throttleId } : {}),
        onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          logger.warning(`GitHub rate limit on ${request.method} ${request.url}; retrying after ${retryAfter} s`);
          return retryCount < RATE_LIMIT_RETRIES;
        },
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          logger.warning(`GitHub secondary rate limit on ${request.method} ${request.url}; retrying after ${retryAfter} s`);
          return retryCount < RATE_LIMIT_RETRIES;
        },
      },
    },
    retry,
    throttling,
  );
  const repoParams = { owner, repo };
  const noRetry = { request: { retries: 0 } };

  return {
    ...githubReads(octokit, repoParams),
    ...githubDeploys(octokit, repoParams),
    createCheckRun: (input) =>
      call(async () => {
        const { data } = await octokit.rest.checks.create({
          ...repoParams,
          ...noRetry,
          name: input.name,
          head_sha: input.headSha,
          started_at: new Date().toISOString(),
          ...(input.conclusion
            ? { status: 'completed' as const, conclusion: input.conclusion, completed_at: new Date().toISOString() }
            : { status: 'in_progress' as const }),
          external_id: input.externalId,
          ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
          output: input.output,
        });
        return toInfo(data);
      }),
    completeCheckRun: (id, input) =>
      call(async () => {
        await octokit.rest.checks.update({
          ...repoParams,
          check_run_id: id,
          status: 'completed',
          conclusion: input.conclusion,
          completed_at: new Date().toISOString(),
          output: input.output,
        });
      }),
    addAnnotations: (id, output) =>
      call(async () => {
        await octokit.rest.checks.update({ ...repoParams, check_run_id: id, output });
      }),
    listCheckRuns: (ref, checkName) =>
      call(async () => {
        const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
          ...repoParams,
          ref,
          per_page: 100,
          filter: 'all',
          ...(checkName ? { check_name: checkName } : {}),
        });
        return (runs as RawCheckRun[]).map(toInfo);
      }),
    listComments: (issue) =>
      call(async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repoParams, issue_number: issue, per_page: 100 });
        return comments.map(toComment);
      }),
    createComment: (issue, body) =>
      call(async () => {
        const { data } = await octokit.rest.issues.createComment({ ...repoParams, ...noRetry, issue_number: issue, body });
        return toComment(data);
      }),
    updateComment: (id, body) =>
      call(async () => {
        await octokit.rest.issues.updateComment({ ...repoParams, comment_id: id, body });
      }),
    deleteComment: (id) =>
      call(async () => {
        await octokit.rest.issues.deleteComment({ ...repoParams, comment_id: id });
      }),
    dispatchWorkflow: (input) =>
      call(async () => {
        const { data } = await octokit.rest.actions.createWorkflowDispatch({
          ...repoParams,
          ...noRetry,
          workflow_id: input.workflow,
          ref: input.ref,
          inputs: input.inputs,
          return_run_details: true,
        });
        const details = data as { html_url?: unknown } | undefined;
        return { runUrl: typeof details?.html_url === 'string' ? details.html_url : undefined };
      }),
  };
}
