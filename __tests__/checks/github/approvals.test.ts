/**
 * `github-approvals` (runbook 002: "PRs for target changes approved") against the local
 * GitHub API.
 */
import { describe, expect, it } from '@jest/globals';
import { fakeSha } from '../../support/github-api/index.js';
import { preflightConfig, runWithGitHub, useGitHubApi } from './helpers.js';

const server = useGitHubApi();

const PR = 57;
const HEAD = fakeSha('feature/agent-loop@3');
const EARLIER = fakeSha('feature/agent-loop@2');
const AUTHOR = 'maria-dev';

function openPr(): void {
  server.state.addPullRequest({
    number: PR,
    headSha: HEAD,
    user: AUTHOR,
    title: 'Agent loop: retry Claude on 529',
    headRef: 'feature/agent-loop',
  });
}

let minute = 0;
/** A review submitted one minute after the previous one. */
function review(user: string, state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED', commitId = HEAD, body = ''): void {
  minute++;
  const submittedAt = new Date(Date.UTC(2026, 1, 13, 9, 0) + minute * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  server.state.addReview({ pullNumber: PR, user, state, commitId, submittedAt, body });
}

const approvals = (options: string): string => preflightConfig(`    - name: PRs approved\n      github-approvals: ${options}\n`);

describe('github-approvals', () => {
  it("passes with an approval; a later COMMENTED review does not override it; the author's own review is ignored", async () => {
    openPr();
    review(AUTHOR, 'COMMENTED', HEAD, 'Addressed the feedback');
    review('alice', 'APPROVED', HEAD, 'LGTM');
    review('alice', 'COMMENTED', HEAD, 'nit: rename retryCount');
    const { check } = await runWithGitHub(approvals('{ min: 1 }'), { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      kind: 'github-approvals',
      status: 'passed',
      summary: `#${PR}: 1 approval (alice), no changes requested`,
      measured: '1 approval',
      expected: '≥ 1 approval, no changes requested',
    });
    expect(check().details).toEqual([`✓ alice approved on ${HEAD.slice(0, 12)}`]);
  });

  it('fails on an outstanding change request, whatever else was approved; says who approved and who requested changes', async () => {
    openPr();
    review('alice', 'APPROVED');
    review('bob', 'APPROVED');
    review('carol', 'CHANGES_REQUESTED', EARLIER, 'This drops the retry budget');
    review('carol', 'COMMENTED', HEAD, 'Still looking');
    // Dave's change request was resolved by his later approval.
    review('dave', 'CHANGES_REQUESTED', EARLIER);
    review('dave', 'APPROVED');
    const { check } = await runWithGitHub(approvals('{ min: 1 }'), { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `#${PR}: changes requested by carol`,
      measured: '3 approvals, changes requested by carol',
    });
    expect(check().details).toEqual([
      `✓ alice approved on ${HEAD.slice(0, 12)}`,
      `✓ bob approved on ${HEAD.slice(0, 12)}`,
      `✗ carol requested changes on ${EARLIER.slice(0, 12)}`,
      `✓ dave approved on ${HEAD.slice(0, 12)}`,
    ]);
  });

  it('fails short of min; the author approving their own PR and a dismissed approval do not count', async () => {
    openPr();
    review(AUTHOR, 'APPROVED');
    review('erin', 'DISMISSED');
    review('alice', 'APPROVED');
    const { check } = await runWithGitHub(approvals('{ min: 2 }'), { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `#${PR}: 1 of 2 required approvals (alice)`,
      expected: '≥ 2 approvals, no changes requested',
    });
    expect(check().details).toContain(`· erin: review dismissed on ${HEAD.slice(0, 12)}`);
  });

  it('on-head: true counts only approvals of the head commit', async () => {
    openPr();
    review('alice', 'APPROVED', EARLIER);
    review('bob', 'APPROVED', HEAD);
    const loose = await runWithGitHub(approvals('{ min: 2 }'), { server, pr: PR, headSha: HEAD });
    expect(loose.check().status).toBe('passed');
    const strict = await runWithGitHub(approvals('{ min: 2, on-head: true }'), { server, pr: PR, headSha: HEAD });
    expect(strict.check()).toMatchObject({
      status: 'failed',
      summary: `#${PR}: 1 of 2 required approvals (bob); alice approved an earlier commit`,
      expected: `≥ 2 approvals of ${HEAD.slice(0, 12)}, no changes requested`,
    });
  });

  it('reads every page of reviews: a change request resolved by an approval after 120 bot comments', async () => {
    openPr();
    review('bob', 'CHANGES_REQUESTED', EARLIER, 'Please add a migration test');
    for (let i = 0; i < 120; i++) review('coderabbitai[bot]', 'COMMENTED', HEAD, `Review comment ${i}`);
    review('bob', 'APPROVED', HEAD, 'Thanks, looks good now');
    const { check } = await runWithGitHub(approvals('{ min: 1 }'), { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({ status: 'passed', summary: `#${PR}: 1 approval (bob), no changes requested` });
    expect(server.requestsTo('pulls/list-reviews').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });

  it('with no reviews fails with 0 of 1', async () => {
    openPr();
    const { check } = await runWithGitHub(approvals('{}'), { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      name: 'PRs approved',
      status: 'failed',
      summary: `#${PR}: 0 of 1 required approval`,
      measured: '0 approvals',
    });
  });

  it("a refused API call is not verified, with GitHub's answer", async () => {
    openPr();
    server.faults.add({ kind: 'read-only', path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews' });
    const { check } = await runWithGitHub(approvals('{ min: 1 }'), { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      status: 'unverified',
      summary: `not verified: GitHub answered 403 "Resource not accessible by integration" when listing the reviews of #${PR}`,
    });
  });
});
