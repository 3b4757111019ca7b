/**
 * `github-ci` (runbook 002: "Main branch green in CI", "Confirm CI passed on merge
 * commit") against the local GitHub API.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../../src/errors.js';
import { parseConfig } from '../../../src/config/load.js';
import { fakeSha } from '../../support/github-api/index.js';
import { CONFIG_FILE, RUN_ID, preflightConfig, runWithGitHub, useGitHubApi } from './helpers.js';

const server = useGitHubApi();

const MAIN_CI = preflightConfig('    - name: Main branch green in CI\n      github-ci: { branch: main }\n');
const MERGE_CI = preflightConfig('    - name: Confirm CI passed on merge commit\n      github-ci: { commit: head }\n');

const job = (run: number, id: number): string => `https://github.com/owner/repo/actions/runs/${run}/job/${id}`;

/** Moves main to a new merge commit and returns its SHA. */
function mergeToMain(title: string): string {
  return server.state.addCommit({ branch: 'main', message: `Merge pull request #42 from acme/${title}` }).sha;
}

/** A CI workflow run's jobs on `sha`, all green. */
function greenWorkflow(sha: string, run = 111): void {
  server.state.addCheckRun({ headSha: sha, name: 'build (ubuntu-latest, 20.x)', conclusion: 'success', detailsUrl: job(run, 1) });
  server.state.addCheckRun({ headSha: sha, name: 'lint', conclusion: 'success', detailsUrl: job(run, 2) });
  server.state.addCheckRun({ headSha: sha, name: 'test (e2e)', conclusion: 'success', detailsUrl: job(run, 3) });
  server.state.addCheckRun({ headSha: sha, name: 'deploy-preview', conclusion: 'skipped', detailsUrl: job(run, 4) });
  server.state.addCheckRun({ headSha: sha, name: 'CodeQL', conclusion: 'neutral' });
}

describe('github-ci: release-gates runs of another app', () => {
  it('a red run named release-gates / … by another app is CI like any other: not excluded, it blocks', async () => {
    const sha = mergeToMain('feature/spoof');
    greenWorkflow(sha);
    // Ours (github-actions, the token's app) is excluded; the other app's is not.
    server.state.addCheckRun({ headSha: sha, name: 'release-gates / smoke (staging)', conclusion: 'failure' });
    server.state.addCheckRun({
      headSha: sha,
      name: 'release-gates / smoke (production)',
      conclusion: 'failure',
      app: { id: 4242, slug: 'helpful-bot', name: 'Helpful Bot' },
    });
    const { check } = await runWithGitHub(MAIN_CI, { server, eventName: 'push', headSha: sha, environment: 'staging' });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `CI not green on main (${sha.slice(0, 12)}): 1 red (release-gates / smoke (production): failure)`,
    });
  });
});

describe('github-ci: pass', () => {
  it("main is green: statuses success, check runs success/neutral/skipped; release-gates and this run's own jobs are not waited for", async () => {
    const sha = mergeToMain('feature/agent-loop');
    greenWorkflow(sha);
    server.state.addStatus({ sha, state: 'success', context: 'ci/circleci: build', description: 'Your tests passed on CircleCI!' });
    server.state.addStatus({ sha, state: 'success', context: 'codecov/project', description: '87.12% (+0.20%) compared to 1a2b3c4' });
    // Our own gate's run and this workflow run's job are in progress while we check.
    server.state.addCheckRun({ headSha: sha, name: 'release-gates / preflight (production)', status: 'in_progress' });
    server.state.addCheckRun({ headSha: sha, name: 'release', conclusion: 'failure', detailsUrl: job(Number(RUN_ID), 76) });
    server.state.addCheckRun({ headSha: sha, name: 'release', status: 'in_progress', detailsUrl: job(Number(RUN_ID), 77) });

    const { check } = await runWithGitHub(MAIN_CI, { server, eventName: 'push', headSha: sha, environment: 'staging' });
    const result = check('Main branch green in CI');
    expect(result).toMatchObject({
      kind: 'github-ci',
      status: 'passed',
      summary: `CI green on main (${sha.slice(0, 12)}): 7 checks passed`,
      measured: '7/7 passed',
    });
    expect(result.details).toEqual(
      expect.arrayContaining([
        '✓ check run build (ubuntu-latest, 20.x): success',
        '✓ check run deploy-preview: skipped',
        '✓ check run CodeQL: neutral',
        '✓ status ci/circleci: build: success',
      ]),
    );
    // This run's job, attempt 1 failed and attempt 2 running: named once.
    expect(result.details.at(-1)).toBe("not waited for: release (this workflow run's own job)");
    expect(result.details.join('\n')).not.toContain('release-gates / preflight');
    expect(server.requestsTo('repos/get-branch')).toHaveLength(1);
    expect(server.requestsTo('checks/list-for-ref')[0]!.query).toMatchObject({ filter: 'all', per_page: '100' });
  });

  it('a commit with no statuses at all is fine (GitHub reports its combined state as pending)', async () => {
    const sha = mergeToMain('fix/router-metrics');
    greenWorkflow(sha);
    const { check } = await runWithGitHub(MERGE_CI, { server, eventName: 'push', headSha: sha });
    expect(check()).toMatchObject({
      status: 'passed',
      summary: `CI green on the commit under test (${sha.slice(0, 12)}): 5 checks passed`,
    });
  });

  it('counts only the newest run of each name: a re-run that passed replaces the failure', async () => {
    const sha = mergeToMain('fix/flaky-e2e');
    server.state.addCheckRun({ headSha: sha, name: 'test (e2e)', conclusion: 'failure', detailsUrl: job(200, 1) });
    server.state.addCheckRun({ headSha: sha, name: 'test (e2e)', conclusion: 'success', detailsUrl: job(200, 2) });
    const { check } = await runWithGitHub(MERGE_CI, { server, eventName: 'push', headSha: sha });
    expect(check()).toMatchObject({ status: 'passed', measured: '1/1 passed' });
  });

  it('{} checks the default branch', async () => {
    server.state.setRepo({ defaultBranch: 'trunk' });
    const sha = server.state.addCommit({ branch: 'trunk', message: 'Release 2.3.0' }).sha;
    greenWorkflow(sha);
    const { check } = await runWithGitHub(preflightConfig('    - github-ci: {}\n'), { server, headSha: fakeSha('pr-head') });
    expect(check()).toMatchObject({
      name: 'CI green on the default branch',
      status: 'passed',
      summary: `CI green on trunk (${sha.slice(0, 12)}): 5 checks passed`,
    });
    expect(server.requestsTo('repos/get')).toHaveLength(1);
  });

  it('exclude: skips named check runs and statuses, with * as a wildcard', async () => {
    const sha = mergeToMain('chore/deps');
    greenWorkflow(sha);
    server.state.addStatus({ sha, state: 'failure', context: 'codecov/patch', description: '61.02% of diff hit (target 80.00%)' });
    server.state.addCheckRun({ headSha: sha, name: 'preview (pr-42)', status: 'queued' });
    const yaml = preflightConfig('    - github-ci: { branch: main, exclude: ["codecov/*", "preview (*)"] }\n');
    const { check } = await runWithGitHub(yaml, { server, headSha: sha });
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.details).toContain('not waited for: preview (pr-42) (exclude:), codecov/patch (exclude:)');
  });
});

describe('github-ci: fail', () => {
  it('lists what is red and what is pending, with links', async () => {
    const sha = mergeToMain('feature/auth');
    greenWorkflow(sha);
    server.state.addCheckRun({ headSha: sha, name: 'test (backend)', conclusion: 'failure', detailsUrl: job(111, 5) });
    server.state.addCheckRun({ headSha: sha, name: 'e2e (chromium)', status: 'in_progress', detailsUrl: job(111, 6) });
    server.state.addStatus({
      sha,
      state: 'error',
      context: 'ci/circleci: build',
      description: 'Your CircleCI tests were canceled',
      targetUrl: 'https://circleci.com/gh/owner/repo/1234',
    });
    const { check, run } = await runWithGitHub(MAIN_CI, { server, headSha: sha });
    const result = check();
    expect(result).toMatchObject({
      status: 'failed',
      summary: `CI not green on main (${sha.slice(0, 12)}): 2 red (test (backend): failure and ci/circleci: build: error), 1 pending (e2e (chromium): in_progress)`,
      measured: '2 red, 1 pending, 5 passed of 8',
    });
    expect(result.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^✗ check run test \(backend\): failure https:\/\/github\.com\/owner\/repo\/runs\/\d+$/),
        expect.stringMatching(/^… check run e2e \(chromium\): in_progress https:/),
        '✗ status ci/circleci: build: error (Your CircleCI tests were canceled) https://circleci.com/gh/owner/repo/1234',
      ]),
    );
    expect(run.status).toBe('failed');
  });

  it.each(['cancelled', 'timed_out', 'action_required'] as const)('a check run that concluded %s is not green', async (conclusion) => {
    const sha = mergeToMain(`fix/${conclusion}`);
    greenWorkflow(sha);
    server.state.addCheckRun({ headSha: sha, name: 'deploy (staging)', conclusion, detailsUrl: job(111, 9) });
    const { check } = await runWithGitHub(MERGE_CI, { server, eventName: 'push', headSha: sha });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `CI not green on the commit under test (${sha.slice(0, 12)}): 1 red (deploy (staging): ${conclusion})`,
      measured: '1 red, 0 pending, 5 passed of 6',
    });
  });

  it('CI still running fails the attempt; retry: { until } waits it out', async () => {
    const sha = mergeToMain('feature/export');
    greenWorkflow(sha);
    const e2e = server.state.addCheckRun({ headSha: sha, name: 'test (e2e, firefox)', status: 'in_progress', detailsUrl: job(111, 8) });
    const once = await runWithGitHub(MERGE_CI, { server, headSha: sha });
    expect(once.check()).toMatchObject({
      status: 'failed',
      summary: `CI still running on the commit under test (${sha.slice(0, 12)}): 1 pending (test (e2e, firefox): in_progress)`,
    });

    // A window far longer than the 500 ms wait: the check ends as soon as CI is green, and
    // a busy machine cannot make the window close first.
    const waiting = preflightConfig('    - github-ci: { commit: head }\n      retry: { until: 5m, every: 200ms }\n');
    setTimeout(() => {
      e2e.status = 'completed';
      e2e.conclusion = 'success';
    }, 500);
    const { check } = await runWithGitHub(waiting, { server, headSha: sha });
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.attempts).toBeGreaterThan(1);
  });

  it('fails when no CI has reported on the commit at all', async () => {
    const sha = mergeToMain('docs/readme');
    server.state.addCheckRun({ headSha: sha, name: 'release-gates / smoke (staging)', conclusion: 'success' });
    const { check } = await runWithGitHub(MERGE_CI, { server, headSha: sha });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `no CI has reported on the commit under test (${sha.slice(0, 12)}): no commit statuses and no check runs besides release-gates' own`,
    });
  });

  it('reads every page: a failure among 150 check runs on page 2', async () => {
    const sha = mergeToMain('feature/matrix');
    server.state.addCheckRun({ headSha: sha, name: 'test (shard 0/150)', conclusion: 'timed_out', detailsUrl: job(300, 0) });
    for (let shard = 1; shard < 150; shard++) {
      server.state.addCheckRun({ headSha: sha, name: `test (shard ${shard}/150)`, conclusion: 'success', detailsUrl: job(300, shard) });
    }
    const { check } = await runWithGitHub(MAIN_CI, { server, headSha: sha });
    expect(check()).toMatchObject({ status: 'failed', measured: '1 red, 0 pending, 149 passed of 150' });
    expect(check().summary).toContain('1 red (test (shard 0/150): timed_out)');
    expect(server.requestsTo('checks/list-for-ref').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });

  it("a branch that does not exist is GitHub's 404", async () => {
    const { check } = await runWithGitHub(preflightConfig('    - github-ci: { branch: release/9.9 }\n'), { server, headSha: fakeSha('x') });
    expect(check()).toMatchObject({ status: 'failed', summary: 'GitHub answered 404 "Branch not found" when reading branch release/9.9' });
  });

  it('{ commit: head } with no known commit is not verified, saying so', async () => {
    const { check } = await runWithGitHub(MERGE_CI, { server, headSha: undefined });
    expect(check()).toMatchObject({ status: 'unverified', measured: 'no commit' });
    expect(server.requests).toEqual([]);
  });
});

describe('github-ci: config', () => {
  it('rejects branch and commit together, and a commit that is neither head nor a SHA', () => {
    const both = preflightConfig('    - github-ci: { branch: main, commit: head }\n');
    expect(() => parseConfig(CONFIG_FILE, both)).toThrow(ConfigurationError);
    expect(() => parseConfig(CONFIG_FILE, both)).toThrow('give "branch" or "commit", not both');
    expect(() => parseConfig(CONFIG_FILE, preflightConfig('    - github-ci: { commit: tip }\n'))).toThrow(
      'expected "head" (the commit under test) or a commit SHA',
    );
  });

  it('an empty github-ci: is the default branch', () => {
    const loaded = parseConfig(CONFIG_FILE, preflightConfig('    - github-ci:\n'));
    expect(loaded.config.preflight!.checks[0]!.config).toMatchObject({ 'github-ci': {} });
  });
});
