/**
 * What every GitHub check kind shares (src/checks/github-scope.ts): skipped without a
 * GitHub API, PR checks skipped on runs without a pull request, and a GitHub error as a
 * failed check with GitHub's own answer.
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
    const yaml = preflightConfig(`    - checklist: [Rollback plan included in PR description]
      optional: true
`);
    const { run } = await runWithGitHub(yaml, { server, pr: 404, headSha: HEAD });
    expect(run.gates[0]!.checks[0]!.status).toBe('failed');
    expect(run.gates[0]!.status).toBe('failed');
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

  it("a pull request that does not exist is GitHub's 404", async () => {
    const { check } = await runWithGitHub(preflightConfig('    - checklist: [Rollback plan included in PR description]\n'), {
      server,
      pr: 404,
      headSha: HEAD,
    });
    expect(check()).toMatchObject({ status: 'failed', summary: 'GitHub answered 404 "Not Found" when reading pull request #404' });
  });
});
