/**
 * What every GitHub check kind shares (src/checks/github-scope.ts): not verified without
 * a GitHub API, PR checks skipped on runs without a pull request (token or not), and a
 * GitHub error as not verified (GitHub could not answer, or the run's own PR could not be
 * read) or failed (GitHub's answer is the verdict), with GitHub's own answer.
 */
import { describe, expect, it } from '@jest/globals';
import { fakeSha } from '../../support/github-api/index.js';
import { preflightConfig, runWithGitHub, useGitHubApi } from './helpers.js';

const server = useGitHubApi();

const HEAD = fakeSha('release/1.4.0');

const EVERY_KIND = preflightConfig(`    - name: Main branch green in CI
      github-ci: { branch: main }
    - name: PRs approved
      github-approvals: { min: 1 }
    - name: No open P0 incidents
      github-issues: { labels: [P0] }
    - name: Release labels
      labels: { required: [release-approved], forbidden: [do-not-merge] }
    - name: Staging passed
      environment-passed: staging
    - name: Cost guardrails
      checklist: [Cost guardrails verified in staging]
`);

describe('without GitHub (no GITHUB_TOKEN or GITHUB_REPOSITORY)', () => {
  it('marks every GitHub check not verified, saying to set GITHUB_TOKEN and GITHUB_REPOSITORY, and fails the gate', async () => {
    const { run } = await runWithGitHub(EVERY_KIND, { headSha: HEAD });
    const checks = run.gates[0]!.checks;
    expect(checks.map((check) => [check.kind, check.status])).toEqual([
      ['github-ci', 'unverified'],
      ['github-approvals', 'unverified'],
      ['github-issues', 'unverified'],
      ['labels', 'unverified'],
      ['environment-passed', 'unverified'],
      ['checklist', 'unverified'],
    ]);
    for (const check of checks) {
      expect(check.summary).toContain('set GITHUB_TOKEN and GITHUB_REPOSITORY (owner/repo)');
      expect(check.summary).toContain(`the ${check.kind} check reads GitHub`);
    }
    // A check that applies but could not run is not a pass.
    expect(run.gates[0]!.status).toBe('failed');
    expect(server.requests).toEqual([]);
  });

  it('with optional: true, a check that cannot be verified does not block the gate, and says it is optional', async () => {
    const yaml = preflightConfig(`    - name: CI green
      github-ci: { branch: main }
      optional: true
    - name: no P0
      github-issues: { labels: [P0] }
      optional: true
`);
    const { run } = await runWithGitHub(yaml, { headSha: HEAD });
    expect(run.gates[0]!.checks.map((check) => [check.status, check.optional])).toEqual([
      ['unverified', true],
      ['unverified', true],
    ]);
    expect(run.gates[0]!.status).toBe('passed');
  });

  it('optional: true does not excuse a check that ran and failed', async () => {
    const yaml = preflightConfig(`    - github-ci: { branch: no-such-branch }
      optional: true
`);
    const { run } = await runWithGitHub(yaml, { server, pr: 7, headSha: HEAD });
    expect(run.gates[0]!.checks[0]!.status).toBe('failed');
    expect(run.gates[0]!.status).toBe('failed');
  });

  it('on a run known to have no pull request (push), PR checks are skipped and the others not verified', async () => {
    const { run } = await runWithGitHub(EVERY_KIND, { eventName: 'push', headSha: HEAD });
    expect(run.gates[0]!.checks.map((check) => [check.kind, check.status])).toEqual([
      ['github-ci', 'unverified'],
      ['github-approvals', 'skipped'],
      ['github-issues', 'unverified'],
      ['labels', 'skipped'],
      ['environment-passed', 'unverified'],
      ['checklist', 'skipped'],
    ]);
    expect(run.gates[0]!.status).toBe('failed');
  });

  it('the commit under test unknown: environment-passed is not verified, saying how to give it', async () => {
    const { check } = await runWithGitHub(preflightConfig('    - environment-passed: staging\n'), { server, pr: 7, headSha: undefined });
    expect(check()).toMatchObject({ status: 'unverified', measured: 'no commit' });
    expect(check().summary).toContain('run in a git checkout, or set GITHUB_SHA');
    expect(server.requests).toEqual([]);
  });
});

describe('a PR check on a run without a pull request', () => {
  const PR_ONLY = preflightConfig(`    - github-approvals: { min: 1 }
    - labels: { required: [release-approved] }
    - checklist: [Cost guardrails verified in staging]
`);

  it.each(['push', 'merge_group', 'workflow_dispatch'])('is skipped with the reason on %s, and asks GitHub nothing', async (eventName) => {
    const { run } = await runWithGitHub(PR_ONLY, { server, eventName, headSha: HEAD });
    const checks = run.gates[0]!.checks;
    expect(checks.map((check) => check.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(checks.map((check) => check.summary)).toEqual([
      `skipped: the github-approvals check needs a pull request, and this ${eventName} run has none`,
      `skipped: the labels check needs a pull request, and this ${eventName} run has none`,
      `skipped: the checklist check needs a pull request, and this ${eventName} run has none`,
    ]);
    expect(checks[0]!.measured).toBe(`no pull request (${eventName})`);
    expect(server.requests).toEqual([]);
  });

  it('locally without --pr, says how to name one', async () => {
    const { check } = await runWithGitHub(preflightConfig('    - labels: { required: [release-approved] }\n'), {
      server,
      eventName: 'local',
      headSha: HEAD,
    });
    expect(check()).toMatchObject({
      status: 'skipped',
      summary: 'skipped: the labels check needs a pull request, and this local run has none (pass --pr <number> to check one)',
    });
  });
});

describe('a GitHub API error', () => {
  it("is not verified, with GitHub's status and message (a token without pull-requests: read)", async () => {
    server.state.addPullRequest({ number: 31, headSha: HEAD, labels: ['release-approved'] });
    server.faults.add({ kind: 'read-only', method: 'GET', path: '/repos/{owner}/{repo}/issues/{issue_number}/labels' });
    const { check } = await runWithGitHub(preflightConfig('    - labels: { required: [release-approved] }\n'), {
      server,
      pr: 31,
      headSha: HEAD,
    });
    expect(check()).toMatchObject({
      status: 'unverified',
      summary: 'not verified: GitHub answered 403 "Resource not accessible by integration" when listing the labels of #31',
      measured: 'HTTP 403: Resource not accessible by integration',
    });
  });

  it('is not verified, with the last answer, after the client gave up retrying a 5xx', async () => {
    server.faults.add({ kind: '500', method: 'GET', path: '/repos/{owner}/{repo}/issues', times: Infinity });
    const { check } = await runWithGitHub(preflightConfig('    - github-issues: { labels: [P0] }\n'), { server, headSha: HEAD });
    expect(check()).toMatchObject({
      status: 'unverified',
      summary: 'not verified: GitHub answered 500 "Server Error" when listing open issues labelled P0',
      measured: 'HTTP 500: Server Error',
    });
    // The 5xx was retried before the check failed.
    expect(server.requestsTo('issues/list-for-repo').length).toBeGreaterThan(1);
  });

  it('the pull request under test unreadable (404) is not verified: its body was never read', async () => {
    const { check } = await runWithGitHub(preflightConfig('    - checklist: [Rollback plan included in PR description]\n'), {
      server,
      pr: 404,
      headSha: HEAD,
    });
    expect(check()).toMatchObject({
      status: 'unverified',
      summary: 'not verified: GitHub answered 404 "Not Found" when reading pull request #404',
    });
  });

  it.each<[string, string, string]>([
    ['approvals: the reviews', '    - github-approvals: { min: 1 }\n', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
    ['labels', '    - labels: { required: [release-approved] }\n', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ])('%s of the pull request answered 422: not verified, like any error reading the PR under test', async (_label, yaml, path) => {
    server.state.addPullRequest({ number: 32, headSha: HEAD });
    server.faults.add({ kind: 'body-too-long', method: 'GET', path });
    const { check } = await runWithGitHub(preflightConfig(yaml), { server, pr: 32, headSha: HEAD });
    expect(check()).toMatchObject({ status: 'unverified', summary: expect.stringMatching(/^not verified: GitHub answered 422/) });
  });

  it("a branch that does not exist is GitHub's answer: failed", async () => {
    const { check } = await runWithGitHub(preflightConfig('    - github-ci: { branch: no-such-branch }\n'), { server, headSha: HEAD });
    expect(check()).toMatchObject({ status: 'failed', summary: expect.stringContaining('GitHub answered 404') });
  });
});
