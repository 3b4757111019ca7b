/**
 * What the GitHub check kinds (`github-ci`, `github-approvals`, `github-issues`,
 * `labels`, `environment-passed`, `checklist`) share: asking GitHub only when there is an
 * API to ask and, for the pull-request checks, a pull request; and turning GitHub's own
 * answer to a failed call into a failed check.
 *
 * The rule between failed, not verified and skipped is written once, at `CheckStatus`
 * (`engine/model.ts`); here it is applied to GitHub:
 * - A PR check on a run without a PR (`push`, `merge_group`, local without `--pr`):
 *   skipped, saying why, token or not. Not failed: the check does not apply to that run.
 * - No `scope.github` (no token or repository): not verified, saying how to enable it.
 *   The check applies; it could not run, so it is not a pass (docs/evidence.md, "Statuses").
 * - A PR check on a run without a PR (`push`, `merge_group`, local without `--pr`):
 *   skipped, saying why. Not failed: the check does not apply to that run.
 * - A GitHub API error: not verified when GitHub could not answer (unreachable, 5xx
 *   after retries, 401/403, rate limited) or the pull request under test could not be
 *   read (any error: it is the run's own PR, so a 404 means it cannot be read, not that
 *   there is nothing to check); failed when the answer is the verdict (a 404 for a
 *   branch), with the status and GitHub's message.
 * - The commit under test unknown: not verified.
 */
import { GitHubError } from '../github/api.js';
import type { CheckContext } from '../engine/check.js';
import type { CheckOutcome } from '../engine/model.js';
import { cut } from '../text.js';
import type { GitHubScope, PlanContext, PlannedRun } from './kind.js';

/**
 * Per-attempt budget of a GitHub check that sets no `timeout:`, at least: the client
 * retries a 5xx three times with 1 s, 4 s and 9 s back-off and waits out rate limits, and
 * the check should end with GitHub's answer rather than a timeout.
 */
export const GITHUB_CHECK_TIMEOUT_MS = 60_000;

/** A GitHub scope on a run that has a pull request. */
export type PullRequestScope = GitHubScope & { pullRequest: { number: number } };

/** Not verified: there is no GitHub API to ask. */
export function noGitHubOutcome(kind: string): CheckOutcome {
  return {
    status: 'unverified',
    summary: `not verified: the ${kind} check reads GitHub, and there is no GitHub token and repository; set GITHUB_TOKEN and GITHUB_REPOSITORY (owner/repo) to run it (in Actions, pass github-token), or mark the check optional: true`,
    measured: 'no GitHub API',
    expected: 'GITHUB_TOKEN and GITHUB_REPOSITORY',
  };
}

/** Skipped: the check needs a pull request and this run has none. */
export function noPullRequestOutcome(kind: string, eventName: string): CheckOutcome {
  const run = eventName === 'local' ? 'this local run has none (pass --pr <number> to check one)' : `this ${eventName} run has none`;
  return {
    status: 'skipped',
    summary: `skipped: the ${kind} check needs a pull request, and ${run}`,
    measured: `no pull request (${eventName})`,
    expected: 'a pull request',
  };
}

/** GitHub's message on one line; an HTML error page (a proxy's 502) as its text. */
function messageOf(error: GitHubError): string {
  const text = /^\s*</.test(error.message) ? error.message.replace(/<[^>]*>/g, ' ') : error.message;
  const line = text.replace(/\s+/g, ' ').trim();
  return cut(line, 300);
}

/** `GitHub answered 403 "Resource not accessible by integration"`, for a summary. */
export function describeGitHubError(error: GitHubError): string {
  return error.status === 0 ? `no answer from GitHub (${messageOf(error)})` : `GitHub answered ${error.status} "${messageOf(error)}"`;
}

/**
 * True when GitHub's answer says nothing about what was asked: no answer, a 5xx after
 * retries, a rate limit, or a token that may not read it (401/403). A 404 or 422 is an
 * answer about the thing asked for (the branch does not exist).
 */
function unanswered(error: GitHubError): boolean {
  return error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 403 || error.status === 429;
}

/**
 * A GitHub call failed. Not verified when GitHub could not answer (see {@link unanswered})
 * or `unreadable` says any error leaves the check unanswered (reading the run's own pull
 * request); failed when its answer is the verdict (404: no such branch). The reason is
 * GitHub's own answer.
 */
export function apiErrorOutcome(error: GitHubError, doing: string, unreadable = false): CheckOutcome {
  const notVerified = unreadable || unanswered(error);
  return {
    status: notVerified ? 'unverified' : 'failed',
    summary: `${notVerified ? 'not verified: ' : ''}${describeGitHubError(error)} when ${doing}`,
    measured: error.status === 0 ? 'no answer' : `HTTP ${error.status}: ${messageOf(error)}`,
    expected: 'a GitHub answer',
  };
}

/**
 * Runs one GitHub call. A {@link GitHubError} becomes the thrown {@link GitHubCallFailed},
 * which {@link githubRun} turns into a check that is not verified; `doing` says what was asked
 * ("listing the reviews of #7").
 */
export async function ask<T>(doing: string, work: () => Promise<T>, unreadable = false): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GitHubError) throw new GitHubCallFailed(error, doing, unreadable);
    throw error;
  }
}

/**
 * Like {@link ask}, for reading the pull request under test (its body, reviews, labels):
 * any error leaves the check not verified, a 404 included: the run's own pull request
 * exists, so a 404 says the token cannot read it.
 */
export function askPullRequest<T>(doing: string, work: () => Promise<T>): Promise<T> {
  return ask(doing, work, true);
}

/** A GitHub call that failed, with what it was for. */
export class GitHubCallFailed extends Error {
  constructor(
    readonly error: GitHubError,
    readonly doing: string,
    /** Any error leaves the check not verified (see {@link askPullRequest}). */
    readonly unreadable = false,
  ) {
    super(`${describeGitHubError(error)} when ${doing}`);
    this.name = 'GitHubCallFailed';
  }
}

interface GitHubRunOptions {
  kind: string;
  timeout: number | undefined;
  context: PlanContext;
}

/**
 * Plans a check that reads GitHub. Without `scope.github` it is not verified; otherwise
 * `work` runs and a failed GitHub call (through {@link ask}) makes it not verified.
 */
export function githubRun(
  options: GitHubRunOptions,
  work: (github: GitHubScope, attempt: CheckContext) => Promise<CheckOutcome>,
): PlannedRun {
  const { kind, context } = options;
  return {
    timeoutMs: options.timeout ?? Math.max(context.defaultTimeoutMs, GITHUB_CHECK_TIMEOUT_MS),
    run: async (attempt) => {
      const github = context.scope.github;
      if (!github) return noGitHubOutcome(kind);
      try {
        return await work(github, attempt);
      } catch (error) {
        if (error instanceof GitHubCallFailed) return apiErrorOutcome(error.error, error.doing, error.unreadable);
        if (error instanceof GitHubError) return apiErrorOutcome(error, `running the ${kind} check`);
        throw error;
      }
    },
  };
}

/**
 * Like {@link githubRun}, for a check that needs a pull request: skipped on a run without
 * one (known from `scope.event` even without a token), not verified without a token.
 */
export function pullRequestRun(options: GitHubRunOptions, work: (github: PullRequestScope) => Promise<CheckOutcome>): PlannedRun {
  const planned = githubRun(options, (github) => {
    const { pullRequest } = github;
    if (!pullRequest) return Promise.resolve(noPullRequestOutcome(options.kind, github.eventName));
    return work({ ...github, pullRequest });
  });
  const event = options.context.scope.event;
  if (!event || event.pullRequest) return planned;
  return { ...planned, run: () => Promise.resolve(noPullRequestOutcome(options.kind, event.name)) };
}

/** `abc1234def56`: a SHA short enough for a summary. */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/** `1 approval`, `2 approvals`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Not verified: the check is about the commit under test, and it is not known. */
export function noCommitOutcome(kind: string): CheckOutcome {
  return {
    status: 'unverified',
    summary: `not verified: the ${kind} check is about the commit under test, and it is not known (run in a git checkout, or set GITHUB_SHA)`,
    measured: 'no commit',
    expected: 'the commit under test',
  };
}
