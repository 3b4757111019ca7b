/* eslint-disable @typescript-eslint/no-unsafe-call -- Reply.json is the API's JSON, typed any (see setup.ts) */
/**
 * Tests of the local GitHub API used by the other tests (__tests__/support/github-api):
 * the repository, branches, commits, deployments and workflow dispatch.
 */
import { describe, expect, it } from '@jest/globals';
import { api, gh, REPO, takeViolations, useGitHubApi } from './setup.js';

useGitHubApi();

describe('repository, branches and commits', () => {
  it('serves the default branch, branches and commit history', async () => {
    gh.state.setRepo({ defaultBranch: 'trunk' });
    const c1 = gh.state.addCommit({
      branch: 'trunk',
      message: 'one',
      date: '2024-01-01T00:00:00Z',
    });
    const c2 = gh.state.addCommit({
      branch: 'trunk',
      message: 'two',
      date: '2024-01-02T00:00:00Z',
    });
    expect((await api('GET', REPO)).json.default_branch).toBe('trunk');
    expect((await api('GET', `${REPO}/branches/trunk`)).json.commit.sha).toBe(c2.sha);
    expect((await api('GET', `${REPO}/branches/nope`)).status).toBe(404);
    const commits = await api('GET', `${REPO}/commits?sha=trunk&per_page=2`);
    expect(commits.json.map((c: { sha: string }) => c.sha)).toEqual([c2.sha, c1.sha]);
    expect(commits.json[0].commit.message).toBe('two');
    expect(commits.headers.get('link')).toContain('rel="next"');
    const one = await api('GET', `${REPO}/commits/${c1.sha.slice(0, 7)}`);
    expect(one.json.sha).toBe(c1.sha);
    const missing = await api('GET', `${REPO}/commits/not-a-ref`);
    expect(missing.status).toBe(422);
    takeViolations();
  });

  it('compares base...head', async () => {
    const base = gh.state.repo().branches.get('main') ?? '';
    const f1 = gh.state.addCommit({ branch: 'feature', message: 'f1' });
    gh.state.addCommit({ branch: 'main', message: 'm1' });
    const r = await api('GET', `${REPO}/compare/main...feature`);
    expect(r.json).toMatchObject({
      status: 'diverged',
      ahead_by: 1,
      behind_by: 1,
      total_commits: 1,
      merge_base_commit: { sha: base },
      commits: [{ sha: f1.sha }],
    });
  });
});

describe('deployments and workflow dispatch', () => {
  it('creates deployments and statuses', async () => {
    const d = await api('POST', `${REPO}/deployments`, {
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      payload: { version: '1.2.3' },
    });
    expect(d.status).toBe(201);
    expect(d.json).toMatchObject({
      ref: 'main',
      environment: 'staging',
      payload: { version: '1.2.3' },
      task: 'deploy',
    });
    const s = await api('POST', `${REPO}/deployments/${d.json.id}/statuses`, {
      state: 'in_progress',
      log_url: 'https://ci/log',
    });
    expect(s.status).toBe(201);
    await api('POST', `${REPO}/deployments/${d.json.id}/statuses`, {
      state: 'success',
      environment_url: 'https://stg',
    });
    const list = await api('GET', `${REPO}/deployments/${d.json.id}/statuses`);
    expect(list.json.map((x: { state: string }) => x.state)).toEqual(['success', 'in_progress']);
    const deps = await api('GET', `${REPO}/deployments?environment=staging`);
    expect(deps.json).toHaveLength(1);
    const long = await api('POST', `${REPO}/deployments/${d.json.id}/statuses`, {
      state: 'failure',
      description: 'x'.repeat(141),
    });
    expect(long.status).toBe(422);
    const badState = await api('POST', `${REPO}/deployments/${d.json.id}/statuses`, {
      state: 'done',
    });
    expect(badState.status).toBe(422);
    expect(takeViolations()).toHaveLength(2);
  });

  it('refuses when required contexts fail, and auto-merges a branch that is behind', async () => {
    gh.state.addStatus({
      sha: gh.state.repo().branches.get('main') ?? '',
      state: 'failure',
      context: 'ci',
    });
    const conflict = await api('POST', `${REPO}/deployments`, { ref: 'main' });
    expect(conflict.status).toBe(409);
    expect(conflict.json.message).toBe('Conflict: Commit status checks failed for main.');
    gh.state.addCommit({ branch: 'topic' });
    gh.state.addCommit({ branch: 'main' });
    const merged = await api('POST', `${REPO}/deployments`, {
      ref: 'topic',
      required_contexts: [],
    });
    expect(merged.status).toBe(202);
    expect(merged.json.message).toBe('Auto-merged main into topic on deployment.');
  });

  it('records workflow dispatches', async () => {
    const r = await api('POST', `${REPO}/actions/workflows/rollback.yml/dispatches`, {
      ref: 'main',
      inputs: { version: '1.2.2' },
    });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(gh.state.repo().dispatches).toEqual([
      expect.objectContaining({
        workflowId: 'rollback.yml',
        ref: 'main',
        inputs: { version: '1.2.2' },
      }),
    ]);
    expect((await api('POST', `${REPO}/actions/workflows/1/dispatches`, { ref: 'nope' })).status).toBe(422);
    takeViolations();
  });
});
