/**
 * `github-issues` (runbook 002: "No open P0 incidents affecting agent loop, auth, or data
 * integrity") and `labels` against the local GitHub API.
 */
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { fakeSha } from '../../support/github-api/index.js';
import { CONFIG_FILE, preflightConfig, runWithGitHub, useGitHubApi } from './helpers.js';

const server = useGitHubApi();

const HEAD = fakeSha('release/2026-02-13');

describe('github-issues', () => {
  const P0 = preflightConfig('    - name: No open P0 incidents\n      github-issues: { labels: [P0, incident] }\n');

  function seedTracker(): void {
    server.state.addIssue({ number: 12, title: 'Agent loop stalls after message send', labels: ['P0', 'agent-loop'] });
    server.state.addIssue({
      number: 15,
      title: 'Auth bypass on /orchestrator/* <script>alert(1)</script>',
      labels: ['incident', 'security'],
    });
    server.state.addIssue({ number: 18, title: 'Both labels', labels: ['P0', 'incident'] });
    server.state.addIssue({ number: 20, title: 'Old outage', labels: ['P0'], state: 'closed' });
    server.state.addIssue({ number: 21, title: 'Flaky e2e test', labels: ['P2'] });
    // A pull request carrying the label is not an incident.
    server.state.addPullRequest({ number: 22, title: 'Fix P0: agent loop stall', labels: ['P0'] });
  }

  it('fails on open issues with ANY of the labels, one list per label, PRs and closed issues excluded; titles are evidence', async () => {
    seedTracker();
    const { check } = await runWithGitHub(P0, { server, headSha: HEAD });
    expect(check()).toMatchObject({
      kind: 'github-issues',
      status: 'failed',
      summary:
        '3 open issues labelled P0 or incident: #12 Agent loop stalls after message send; #15 Auth bypass on /orchestrator/* <script>alert(1)</script>; #18 Both labels',
      measured: '3',
      expected: '≤ 0',
    });
    expect(check().details).toEqual([
      '#12 Agent loop stalls after message send [P0, agent-loop] https://github.com/owner/repo/issues/12',
      '#15 Auth bypass on /orchestrator/* <script>alert(1)</script> [incident, security] https://github.com/owner/repo/issues/15',
      '#18 Both labels [P0, incident] https://github.com/owner/repo/issues/18',
    ]);
    const lists = server.requestsTo('issues/list-for-repo');
    expect(lists.map((r) => r.query.labels)).toEqual(['P0', 'incident']);
    expect(lists.every((r) => r.query.state === 'open')).toBe(true);
  });

  it('passes with none open; max: allows some', async () => {
    server.state.addIssue({ number: 20, title: 'Old outage', labels: ['P0'], state: 'closed' });
    expect((await runWithGitHub(P0, { server, headSha: HEAD })).check()).toMatchObject({
      status: 'passed',
      summary: 'no open issues labelled P0 or incident',
    });
    server.state.addIssue({ number: 30, title: 'Checkout latency regression', labels: ['incident'] });
    const allowing = preflightConfig('    - github-issues: { labels: [incident], max: 1 }\n');
    expect((await runWithGitHub(allowing, { server, headSha: HEAD })).check()).toMatchObject({
      status: 'passed',
      summary: '1 open issue labelled incident, at most 1 allowed',
    });
  });

  it("query: searches this repository's issues, and counts the search total", async () => {
    seedTracker();
    server.state.addIssue({ repo: 'acme/other', title: 'P0 elsewhere', labels: ['P0'] });
    const { check } = await runWithGitHub(preflightConfig('    - github-issues: { query: "is:open label:P0" }\n'), {
      server,
      headSha: HEAD,
    });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: '2 issues matching "is:open label:P0": #12 Agent loop stalls after message send; #18 Both labels',
    });
    expect(check().details[0]).toBe('searched: is:open label:P0 repo:owner/repo is:issue');
    expect(server.requestsTo('search/issues-and-pull-requests')[0]!.query.q).toBe('is:open label:P0 repo:owner/repo is:issue');
  });

  it('query: keeps a repo: the query names (incidents tracked in another repository)', async () => {
    server.state.addIssue({ repo: 'acme/incidents', number: 4, title: 'Data integrity: duplicate invoices', labels: ['P0'] });
    const { check } = await runWithGitHub(preflightConfig('    - github-issues: { query: "repo:acme/incidents is:open label:P0" }\n'), {
      server,
      headSha: HEAD,
    });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: '1 issue matching "repo:acme/incidents is:open label:P0": #4 Data integrity: duplicate invoices',
    });
  });

  it("a 502 from GitHub's proxy, after retries, is not verified, with GitHub's answer", async () => {
    server.faults.add({ kind: '502', path: '/repos/{owner}/{repo}/issues', times: Infinity });
    const { check } = await runWithGitHub(P0, { server, headSha: HEAD });
    // The proxy's HTML page, as its text.
    expect(check()).toMatchObject({ status: 'unverified', measured: 'HTTP 502: 502 Bad Gateway' });
    expect(check().summary).toMatch(
      /^not verified: GitHub answered 502 "502 Bad Gateway" when listing open issues labelled (P0|incident)$/,
    );
    expect(server.requestsTo('issues/list-for-repo').length).toBeGreaterThan(2);
  });

  it('needs labels or query, not both', () => {
    expect(() => parseConfig(CONFIG_FILE, preflightConfig('    - github-issues: { labels: [P0], query: "label:P0" }\n'))).toThrow(
      'expected { labels: [P0, incident] } or { query: "is:open label:P0" }, optionally with max: 0',
    );
  });
});

describe('labels', () => {
  const LABELS = preflightConfig('    - labels: { required: [release-approved], forbidden: [do-not-merge] }\n');

  it('passes with the required label and none forbidden, read fresh from the API', async () => {
    const pr = server.state.addPullRequest({ number: 64, headSha: HEAD, labels: ['release-approved', 'backend'] });
    const { check } = await runWithGitHub(LABELS, { server, pr: 64, headSha: HEAD });
    expect(check()).toMatchObject({
      kind: 'labels',
      name: 'PR labelled release-approved, not do-not-merge',
      status: 'passed',
      summary: '#64: has release-approved; none of do-not-merge',
      measured: 'release-approved, backend',
    });
    expect(server.requestsTo('issues/list-labels-on-issue')).toHaveLength(1);

    // A label added after the event (a re-run reuses the old payload) is seen.
    pr.labels.push('Do-Not-Merge');
    const again = await runWithGitHub(LABELS, { server, pr: 64, headSha: HEAD });
    expect(again.check()).toMatchObject({ status: 'failed', summary: '#64: has forbidden label do-not-merge' });
  });

  it('fails on a missing required label and a forbidden one, listing both', async () => {
    server.state.addPullRequest({ number: 65, headSha: HEAD, labels: ['do-not-merge'] });
    const { check } = await runWithGitHub(LABELS, { server, pr: 65, headSha: HEAD });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: '#65: missing required label release-approved; has forbidden label do-not-merge',
      expected: 'has release-approved; none of do-not-merge',
    });
    expect(check().details).toEqual([
      'labels on #65: do-not-merge',
      '✗ required release-approved: missing',
      '✗ forbidden do-not-merge: present',
    ]);
  });

  it('needs required or forbidden labels', () => {
    expect(() => parseConfig(CONFIG_FILE, preflightConfig('    - labels: {}\n'))).toThrow('expected "required" or "forbidden" labels');
  });
});
