/* eslint-disable @typescript-eslint/no-unsafe-call -- Reply.json is the API's JSON, typed any (see setup.ts) */
/**
 * Tests of the local GitHub API used by the other tests (__tests__/support/github-api):
 * commit statuses, pull requests, reviews, issues and search.
 */
import { describe, expect, it } from '@jest/globals';
import { api, gh, REPO, SHA, takeViolations, useGitHubApi } from './setup.js';

useGitHubApi();

describe('commit statuses', () => {
  const post = (state: string, context: string) => api('POST', `${REPO}/statuses/${SHA}`, { state, context });

  it('computes the combined state as GitHub does', async () => {
    const none = await api('GET', `${REPO}/commits/${SHA}/status`);
    expect(none.json).toMatchObject({ state: 'pending', total_count: 0, statuses: [], sha: SHA });
    await post('success', 'build');
    expect((await api('GET', `${REPO}/commits/${SHA}/status`)).json.state).toBe('success');
    await post('pending', 'deploy');
    expect((await api('GET', `${REPO}/commits/${SHA}/status`)).json.state).toBe('pending');
    await post('error', 'lint');
    expect((await api('GET', `${REPO}/commits/${SHA}/status`)).json.state).toBe('failure');
    // newer statuses replace older ones of the same context (case-insensitively)
    await post('success', 'LINT');
    await post('success', 'deploy');
    const combined = await api('GET', `${REPO}/commits/${SHA}/status`);
    expect(combined.json.state).toBe('success');
    expect(combined.json.total_count).toBe(3);
    const history = await api('GET', `${REPO}/commits/${SHA}/statuses`);
    expect(history.json.map((s: { context: string }) => s.context)).toEqual(['deploy', 'LINT', 'lint', 'deploy', 'build']);
  });

  it('resolves branch names to their head commit', async () => {
    gh.state.setBranch({ name: 'main', sha: SHA });
    await post('failure', 'ci');
    expect((await api('GET', `${REPO}/commits/main/status`)).json).toMatchObject({
      state: 'failure',
      sha: SHA,
    });
  });

  it('limits the description to 140 characters', async () => {
    const r = await api('POST', `${REPO}/statuses/${SHA}`, {
      state: 'success',
      description: 'd'.repeat(141),
    });
    expect(r.status).toBe(422);
    takeViolations();
  });
});

describe('pull requests, reviews, issues and search', () => {
  it('returns a seeded pull request, including a fork head', async () => {
    gh.state.addPullRequest({
      number: 12,
      user: 'alice',
      headSha: SHA,
      headRef: 'feat',
      headRepo: 'alice/repo',
      baseRef: 'main',
      labels: ['release'],
      body: 'Deploys v2',
    });
    const r = await api('GET', `${REPO}/pulls/12`);
    expect(r.json).toMatchObject({
      number: 12,
      state: 'open',
      body: 'Deploys v2',
      user: { login: 'alice' },
      head: { sha: SHA, ref: 'feat', repo: { full_name: 'alice/repo', fork: true } },
      base: { ref: 'main', repo: { full_name: 'owner/repo' } },
      labels: [{ name: 'release' }],
    });
    expect((await api('GET', `${REPO}/pulls/13`)).status).toBe(404);
  });

  it('lists reviews in order, paginated', async () => {
    gh.state.addPullRequest({ number: 3, headSha: SHA });
    gh.state.addReview({ pullNumber: 3, user: 'bob', state: 'CHANGES_REQUESTED' });
    gh.state.addReview({
      pullNumber: 3,
      user: 'bob',
      state: 'APPROVED',
      submittedAt: '2024-05-01T10:00:00Z',
    });
    gh.state.addReview({ pullNumber: 3, user: 'carol', state: 'COMMENTED' });
    const r = await api('GET', `${REPO}/pulls/3/reviews?per_page=2`);
    expect(r.json.map((x: { state: string }) => x.state)).toEqual(['CHANGES_REQUESTED', 'APPROVED']);
    expect(r.json[1]).toMatchObject({
      user: { login: 'bob' },
      commit_id: SHA,
      submitted_at: '2024-05-01T10:00:00Z',
    });
    expect(r.headers.get('link')).toContain('rel="next"');
  });

  it('lists issues (pull requests included) by state and labels (AND)', async () => {
    gh.state.addIssue({ number: 1, labels: ['bug', 'p1'] });
    gh.state.addIssue({ number: 2, labels: ['bug'] });
    gh.state.addIssue({ number: 3, labels: ['bug', 'p1'], state: 'closed' });
    gh.state.addPullRequest({ number: 4, labels: ['bug', 'P1'] });
    const open = await api('GET', `${REPO}/issues?labels=bug,p1`);
    expect(open.json.map((i: { number: number }) => i.number)).toEqual([4, 1]);
    expect(open.json[0].pull_request.url).toBe(`${gh.url}${REPO}/pulls/4`);
    expect(open.json[1].pull_request).toBeUndefined();
    const all = await api('GET', `${REPO}/issues?state=all&labels=p1&direction=asc`);
    expect(all.json.map((i: { number: number }) => i.number)).toEqual([1, 3, 4]);
  });

  it('creates issues and lists their labels', async () => {
    const r = await api('POST', `${REPO}/issues`, {
      title: 'Release blocked',
      body: 'b',
      labels: ['release-gates', { name: 'urgent' }],
    });
    expect(r.status).toBe(201);
    expect(r.json.user.login).toBe('github-actions[bot]');
    const labels = await api('GET', `${REPO}/issues/${r.json.number}/labels`);
    expect(labels.json.map((l: { name: string }) => l.name)).toEqual(['release-gates', 'urgent']);
  });

  it('searches issues with repo:, is:, label: and text terms', async () => {
    gh.state.addIssue({ number: 1, title: 'Gate failed: migrate', labels: ['release-gates'] });
    gh.state.addIssue({
      number: 2,
      title: 'Gate failed: smoke',
      labels: ['release-gates'],
      state: 'closed',
    });
    gh.state.addPullRequest({ number: 3, title: 'Gate failed', labels: ['release-gates'] });
    gh.state.addIssue({
      repo: 'other/repo',
      number: 1,
      title: 'Gate failed',
      labels: ['release-gates'],
    });
    const q = encodeURIComponent('repo:owner/repo is:open is:issue label:release-gates "Gate failed"');
    const r = await api('GET', `/search/issues?q=${q}`);
    expect(r.json).toMatchObject({
      total_count: 1,
      incomplete_results: false,
      items: [{ number: 1, title: 'Gate failed: migrate' }],
    });
    expect(r.headers.get('x-ratelimit-resource')).toBe('search');
    const prs = await api('GET', `/search/issues?q=${encodeURIComponent('repo:owner/repo is:pr')}`);
    expect(prs.json.items.map((i: { number: number }) => i.number)).toEqual([3]);
  });
});
