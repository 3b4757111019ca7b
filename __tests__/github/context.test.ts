/**
 * The run context (src/github/context.ts): the commit under test per event, the pull
 * request, fork detection and the errors for a missing environment (GITHUB.md, "Use the
 * right SHA"; "Forks and tokens").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/errors.js';
import { DELETED_FORK, headShaFor, readRunContext } from '../../src/github/context.js';

const dir = mkdtempSync(join(tmpdir(), 'rg-context-'));
const MERGE_SHA = 'm'.repeat(40);
const HEAD_SHA = 'h'.repeat(40);
const QUEUE_SHA = 'q'.repeat(40);
let files = 0;

function eventFile(payload: unknown): string {
  const path = join(dir, `event-${++files}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

function pullRequest(headRepo: { full_name: string } | null = { full_name: 'octo/app' }, extra: Record<string, unknown> = {}) {
  return {
    pull_request: {
      number: 42,
      body: 'Fixes @someone',
      labels: [{ name: 'release' }],
      user: { login: 'dev' },
      head: { sha: HEAD_SHA, repo: headRepo },
      ...extra,
    },
  };
}

function read(eventName: string, payload: unknown, env: Record<string, string | undefined> = {}) {
  return readRunContext({
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventFile(payload),
    GITHUB_SHA: MERGE_SHA,
    GITHUB_RUN_ID: '9001',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_JOB: 'gates',
    ...env,
  });
}

describe('the head SHA', () => {
  it.each([
    ['pull_request', pullRequest(), HEAD_SHA],
    ['pull_request_target', pullRequest(), HEAD_SHA],
    ['merge_group', { merge_group: { head_sha: QUEUE_SHA, head_ref: 'refs/heads/gh-readonly-queue/main/pr-42' } }, QUEUE_SHA],
    ['push', { after: MERGE_SHA }, MERGE_SHA],
    ['workflow_dispatch', { inputs: {} }, MERGE_SHA],
    ['schedule', {}, MERGE_SHA],
  ])('on %s is the right commit', (event, payload, sha) => {
    expect(read(event, payload).headSha).toBe(sha);
  });

  it('is never the test merge commit on pull_request when the head is known', () => {
    expect(headShaFor('pull_request', pullRequest(), MERGE_SHA)).toBe(HEAD_SHA);
  });

  it('is an error when there is no commit at all', () => {
    expect(() => read('push', {}, { GITHUB_SHA: undefined })).toThrow(UsageError);
  });
});

describe('the pull request and forks', () => {
  it('reads the pull request', () => {
    const context = read('pull_request', pullRequest());
    expect(context.pullRequest).toEqual({ number: 42, headRepository: 'octo/app' });
    expect(context.isFork).toBe(false);
  });

  it('has no pull request on push', () => {
    const context = read('push', {});
    expect(context.pullRequest).toBeUndefined();
    expect(context.isFork).toBe(false);
  });

  it('detects a fork', () => {
    expect(read('pull_request', pullRequest({ full_name: 'someone/app' })).isFork).toBe(true);
  });

  it('does not treat pull_request_target from a fork as read-only: its token can write', () => {
    expect(read('pull_request_target', pullRequest({ full_name: 'someone/app' })).isFork).toBe(false);
  });

  it('compares repository names case-insensitively', () => {
    expect(read('pull_request', pullRequest({ full_name: 'Octo/App' })).isFork).toBe(false);
    expect(read('pull_request', pullRequest({ full_name: 'OCTO/app' }), { GITHUB_REPOSITORY: 'octo/APP' }).isFork).toBe(false);
  });

  it('treats a PR whose head repository was deleted (head.repo null) as a fork', () => {
    const context = read('pull_request', pullRequest(null));
    expect(context.isFork).toBe(true);
    expect(context.pullRequest?.headRepository).toBe(DELETED_FORK);
  });
});

describe('the environment', () => {
  it.each([undefined, '', 'no-slash', '/app', 'octo/'])('refuses GITHUB_REPOSITORY=%j with a UsageError', (repository) => {
    expect(() => read('push', {}, { GITHUB_REPOSITORY: repository })).toThrow(UsageError);
    expect(() => read('push', {}, { GITHUB_REPOSITORY: repository })).toThrow(/GITHUB_REPOSITORY/);
  });

  it('refuses an unreadable event payload with a UsageError', () => {
    expect(() => read('push', {}, { GITHUB_EVENT_PATH: join(dir, 'missing.json') })).toThrow(UsageError);
  });

  it('builds the run link and a run key unique per job attempt', () => {
    const context = read('push', {}, { GITHUB_SERVER_URL: 'https://ghe.example.com/' });
    expect(context.runUrl).toBe('https://ghe.example.com/octo/app/actions/runs/9001');
    expect(context.runKey).toBe('9001.2.gates');
    expect(context.owner).toBe('octo');
    expect(context.repo).toBe('app');
  });
});
