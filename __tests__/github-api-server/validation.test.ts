/**
 * Tests of the local GitHub API used by the other tests (__tests__/support/github-api):
 * basics (address, authorization, the request log) and request validation against the OpenAPI fixture.
 */
import { describe, expect, it } from '@jest/globals';
import { api, gh, REPO, SHA, takeViolations, useGitHubApi } from './setup.js';

useGitHubApi();

describe('basics', () => {
  it('listens on 127.0.0.1 and answers like api.github.com', async () => {
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await api('GET', REPO);
    expect(r.status).toBe(200);
    expect(r.json.full_name).toBe('owner/repo');
    expect(r.json.default_branch).toBe('main');
    expect(r.headers.get('x-github-request-id')).toMatch(/^[0-9A-F:]+$/);
    expect(r.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(r.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('needs a token or Bearer authorization, else 401', async () => {
    expect((await api('GET', REPO, undefined, { authorization: 'Bearer abc' })).status).toBe(200);
    const r = await fetch(`${gh.url}${REPO}`);
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ message: 'Requires authentication' });
    expect(takeViolations()).toEqual([expect.stringContaining('no authorization header')]);
  });

  it('logs every request', async () => {
    await api('POST', `${REPO}/statuses/${SHA}?x=1`, { state: 'success', context: 'ci' });
    takeViolations(); // the undeclared ?x=1
    expect(gh.requests).toEqual([
      {
        method: 'POST',
        path: `${REPO}/statuses/${SHA}`,
        query: { x: '1' },
        body: { state: 'success', context: 'ci' },
        status: 201,
        operation: 'repos/create-commit-status',
        fault: undefined,
      },
    ]);
    expect(gh.requestsTo('repos/create-commit-status')).toHaveLength(1);
  });
});

describe('request validation against the OpenAPI fixture', () => {
  it('records the @octokit/openapi version', () => {
    expect(gh.spec.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('rejects a body enum violation with 422', async () => {
    const r = await api('POST', `${REPO}/check-runs`, {
      name: 'gate',
      head_sha: SHA,
      conclusion: 'passed',
    });
    expect(r.status).toBe(422);
    expect(r.json.message).toContain(`For 'properties/conclusion', "passed" is not a member of`);
    expect(takeViolations()).toEqual([expect.stringContaining('checks/create): body:')]);
  });

  it('rejects missing required fields, undeclared keys and malformed JSON', async () => {
    const missing = await api('POST', `${REPO}/check-runs`, { head_sha: SHA });
    expect(missing.json.message).toBe(`Invalid request.\n\n"name" wasn't supplied.`);
    const extra = await api('POST', `${REPO}/issues`, {
      title: 't',
      issue_field_values: [{ field_id: 1, value: 'v', oops: 1 }],
    });
    expect(extra.status).toBe(422);
    expect(extra.json.message).toContain('"oops" is not a permitted key.');
    const bad = await api('POST', `${REPO}/issues`, '{not json');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('Problems parsing JSON');
    expect(takeViolations()).toHaveLength(3);
  });

  it('rejects a query parameter of the wrong type or value', async () => {
    expect((await api('GET', `${REPO}/issues/1/comments?per_page=many`)).status).toBe(422);
    expect((await api('GET', `${REPO}/commits/${SHA}/check-runs?filter=newest`)).status).toBe(422);
    expect(takeViolations()).toEqual([expect.stringContaining('query:'), expect.stringContaining('query:')]);
  });

  it('records undeclared query parameters but answers as GitHub does (ignoring them)', async () => {
    gh.state.addIssue({ number: 1 });
    expect((await api('GET', `${REPO}/issues/1/comments?perpage=100`)).status).toBe(200);
    expect(takeViolations()).toEqual([expect.stringContaining('undeclared parameter "perpage"')]);
  });

  it('answers 404 for unknown routes, wrong methods and bad path parameters', async () => {
    expect((await api('GET', `${REPO}/no-such-thing`)).status).toBe(404);
    expect((await api('PUT', `${REPO}/check-runs`, {})).status).toBe(404);
    expect((await api('GET', `${REPO}/check-runs/not-a-number`)).status).toBe(404);
    expect(takeViolations()).toEqual([
      expect.stringContaining('no such operation'),
      expect.stringContaining('method not allowed'),
      expect.stringContaining('path parameter'),
    ]);
  });

  it('accepts OpenAPI 3.0 nullable values and multi-segment refs', async () => {
    const r = await api('POST', `${REPO}/statuses/${SHA}`, {
      state: 'pending',
      target_url: null,
      description: null,
    });
    expect(r.status).toBe(201);
    gh.state.setBranch({ name: 'release/1.2', sha: SHA });
    const runs = await api('GET', `${REPO}/commits/release/1.2/check-runs`);
    expect(runs.status).toBe(200);
    const encoded = await api('GET', `${REPO}/branches/release%2F1.2`);
    expect(encoded.json.commit.sha).toBe(SHA);
  });
});
