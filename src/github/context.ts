/**
 * What a workflow run tells us about itself: repository, event, the commit under test
 * and the pull request, read from the runner's environment and event payload.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * The pull request under test. Its body and labels are read fresh from the API by the
 * checks that need them: a re-run reuses the old event payload.
 */
export interface PullRequestInfo {
  number: number;
  /** `owner/repo` the head branch lives in; differs from the repository for forks. */
  headRepository: string;
}

export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  /**
   * The commit the gates are about (docs/evidence.md, "Where results go"): the PR head on
   * `pull_request`, `merge_group.head_sha` on `merge_group`, `GITHUB_SHA` otherwise.
   */
  headSha: string;
  pullRequest: PullRequestInfo | undefined;
  /** True on a `pull_request` from a fork: the token is read-only and secrets absent. */
  isFork: boolean;
  serverUrl: string;
  /** Link to this workflow run, for check runs and the comment. */
  runUrl: string | undefined;
  /**
   * `<run id>.<attempt>.<job>`: unique per job attempt; makes a check-run create
   * idempotent across retries. Job ids hold no dots (letters, digits, `-` and `_`).
   */
  runKey: string;
}

/**
 * `<run id>.<attempt>.`, the part of a {@link RunContext.runKey} shared by every job and
 * matrix cell of one workflow run attempt.
 */
export function attemptKeyOf(runKey: string): string {
  return runKey.slice(0, runKey.lastIndexOf('.') + 1);
}

interface EventPayload {
  pull_request?: {
    number?: number;
    head?: { sha?: string; repo?: { full_name?: string } | null };
  };
  merge_group?: { head_sha?: string };
}

/** `headRepository` of a pull request whose fork was deleted. */
export const DELETED_FORK = '(deleted fork)';

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch (error) {
    throw new UsageError(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${(error as Error).message}`);
  }
}

/**
 * The head SHA for an event (https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows).
 */
export function headShaFor(eventName: string, payload: EventPayload, githubSha: string | undefined): string | undefined {
  if (eventName.startsWith('pull_request')) return payload.pull_request?.head?.sha ?? githubSha;
  if (eventName === 'merge_group') return payload.merge_group?.head_sha ?? githubSha;
  return githubSha;
}

/**
 * The commit under test when running inside a workflow (the PR head SHA on
 * `pull_request`, not the merge commit in GITHUB_SHA), or undefined outside one.
 */
export function headShaFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (!env.GITHUB_SHA) return undefined;
  let payload: EventPayload = {};
  try {
    payload = readEvent(env.GITHUB_EVENT_PATH);
  } catch {
    // an unreadable payload: GITHUB_SHA is the best left
  }
  return headShaFor(env.GITHUB_EVENT_NAME ?? '', payload, env.GITHUB_SHA);
}

/**
 * Reads the run context from the runner's environment.
 * @throws UsageError when GITHUB_REPOSITORY or the commit cannot be determined.
 */
export function readRunContext(env: Readonly<Record<string, string | undefined>>): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new UsageError('GITHUB_REPOSITORY is not set (expected owner/repo; is this running in GitHub Actions?)');
  const eventName = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch';
  const payload = readEvent(env.GITHUB_EVENT_PATH);
  const headSha = headShaFor(eventName, payload, env.GITHUB_SHA);
  if (!headSha) throw new UsageError(`cannot tell the commit under test for event ${eventName} (GITHUB_SHA is not set)`);
  const pr = payload.pull_request;
  const fullName = `${owner}/${repo}`;
  // `head.repo` is null when the fork was deleted (only a fork's head repository can go
  // away); the token is read-only there too, so it must count as a fork.
  const headRepo = pr?.head?.repo;
  const headRepository = headRepo === null ? DELETED_FORK : (headRepo?.full_name ?? fullName);
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID;
  return {
    owner,
    repo,
    eventName,
    headSha,
    pullRequest:
      pr?.number === undefined
        ? undefined
        : {
            number: pr.number,
            headRepository,
          },
    // Only `pull_request` gets a read-only token for a fork; `pull_request_target` can write.
    isFork: eventName === 'pull_request' && pr !== undefined && headRepository.toLowerCase() !== fullName.toLowerCase(),
    serverUrl,
    runUrl: runId ? `${serverUrl}/${fullName}/actions/runs/${runId}` : undefined,
    runKey: [runId ?? 'local', env.GITHUB_RUN_ATTEMPT ?? '1', env.GITHUB_JOB ?? 'job'].join('.'),
  };
}
