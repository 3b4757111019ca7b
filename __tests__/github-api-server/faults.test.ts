/**
 * Tests of the local GitHub API used by the other tests (__tests__/support/github-api):
 * injected faults, rate limits and latency.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { startGitHubApi } from '../support/github-api/index.js';
import { api, gh, REPO, takeViolations, useGitHubApi } from './setup.js';

useGitHubApi();

describe('faults', () => {
  beforeEach(() => {
    gh.state.addPullRequest({ number: 1 });
  });
  const comment = () => api('POST', `${REPO}/issues/1/comments`, { body: 'hi' });

  it('500 and 502', async () => {
    gh.faults.add({ kind: '500' }).add({ kind: '502' });
    expect((await comment()).status).toBe(500);
    const bad = await comment();
    expect(bad.status).toBe(502);
    expect(bad.headers.get('content-type')).toBe('text/html');
    expect((await comment()).status).toBe(201);
    expect(gh.state.repo().comments).toHaveLength(1);
    expect(gh.requests.map((r) => r.fault)).toEqual(['500', '502', undefined]);
  });

  it('secondary rate limit: 403 with retry-after and remaining > 0', async () => {
    gh.faults.add({ kind: 'secondary-rate-limit' });
    const r = await comment();
    expect(r.status).toBe(403);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(Number(r.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(r.json.message).toMatch(/secondary rate limit/);
  });

  it('429 with retry-after', async () => {
    gh.faults.add({ kind: 'rate-limit-429' });
    const r = await comment();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it('primary rate limit: 403 with remaining 0', async () => {
    gh.faults.add({ kind: 'primary-rate-limit' });
    const r = await comment();
    expect(r.status).toBe(403);
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(r.json.message).toMatch(/API rate limit exceeded/);
  });

  it('read-only token (fork PR): 403 Resource not accessible by integration', async () => {
    gh.faults.add({ kind: 'read-only', method: 'POST', times: Infinity });
    const r = await comment();
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({
      message: 'Resource not accessible by integration',
      documentation_url: expect.any(String),
    });
    expect(r.headers.get('x-accepted-github-permissions')).toContain('issues=write');
    expect((await api('GET', `${REPO}/issues/1/comments`)).status).toBe(200);
    expect((await comment()).status).toBe(403);
    expect(gh.state.repo().comments).toHaveLength(0);
  });

  it('body-too-long: 422 Validation Failed', async () => {
    gh.faults.add({ kind: 'body-too-long' });
    const r = await comment();
    expect(r.status).toBe(422);
    expect(r.json.errors[0].message).toMatch(/too long/);
  });

  it('500-after-commit: the write happens, the answer is lost', async () => {
    gh.faults.add({
      kind: '500-after-commit',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    });
    expect((await comment()).status).toBe(500);
    expect((await comment()).status).toBe(201); // a naive retry duplicates
    const listed = await api('GET', `${REPO}/issues/1/comments`);
    expect(listed.json).toHaveLength(2);
  });

  it('matches by method, exact path or RegExp, in order, and is consumed', async () => {
    gh.faults
      .add({ kind: '502', method: 'GET' })
      .add({ kind: '500', path: /\/comments$/, times: 2 })
      .add({ kind: 'read-only', path: `${REPO}/issues/1/comments` });
    expect((await comment()).status).toBe(500);
    expect((await comment()).status).toBe(500);
    expect((await comment()).status).toBe(403);
    expect((await comment()).status).toBe(201);
    expect((await api('GET', REPO)).status).toBe(502);
    expect(gh.faults.pending).toHaveLength(0);
  });

  it('does not consume faults on invalid requests', async () => {
    gh.faults.add({ kind: '500' });
    expect((await api('POST', `${REPO}/issues/1/comments`, {})).status).toBe(422);
    expect(gh.faults.pending).toHaveLength(1);
    takeViolations();
  });
});

describe('rate limits and latency', () => {
  it('runs out of primary rate limit and reports it in /rate_limit', async () => {
    const small = await startGitHubApi({ rateLimit: 2 });
    try {
      const call = (p: string) => fetch(`${small.url}${p}`, { headers: { authorization: 'token t' } });
      expect((await call(REPO)).status).toBe(200);
      expect((await call(REPO)).status).toBe(200);
      const limited = await call(REPO);
      expect(limited.status).toBe(403);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      const overview = (await (await call('/rate_limit')).json()) as {
        resources: { core: { remaining: number; used: number } };
      };
      expect(overview.resources.core).toMatchObject({ remaining: 0, used: 2 });
      expect(small.violations).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('adds latency so that find-then-create races can happen', async () => {
    const slow = await startGitHubApi({ latencyMs: 30 });
    try {
      slow.state.addPullRequest({ number: 1 });
      const headers = { authorization: 'token t', 'content-type': 'application/json' };
      const upsert = async (): Promise<void> => {
        const list = (await (await fetch(`${slow.url}${REPO}/issues/1/comments`, { headers })).json()) as unknown[];
        if (list.length === 0) {
          await fetch(`${slow.url}${REPO}/issues/1/comments`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ body: 'x' }),
          });
        }
      };
      const started = Date.now();
      await Promise.all([upsert(), upsert()]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
      expect(slow.state.repo().comments).toHaveLength(2); // both saw no comment
      expect(slow.requestsTo('issues/create-comment')).toHaveLength(2);
    } finally {
      await slow.close();
    }
  });
});
