/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- Reply.json is the API's JSON, typed any (see setup.ts) */
/**
 * Tests of the local GitHub API used by the other tests (__tests__/support/github-api):
 * issue comments and pagination.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { api, gh, REPO, takeViolations, useGitHubApi } from './setup.js';

useGitHubApi();

describe('pagination', () => {
  beforeEach(() => {
    gh.state.addPullRequest({ number: 5 });
    for (let i = 0; i < 75; i++) gh.state.addComment({ issueNumber: 5, body: `c${i}` });
  });

  it('pages with per_page default 30 and Link rel="next"/"last"', async () => {
    const first = await api('GET', `${REPO}/issues/5/comments`);
    expect(first.json).toHaveLength(30);
    const link = first.headers.get('link') ?? '';
    expect(link).toContain(`<${gh.url}${REPO}/issues/5/comments?page=2>; rel="next"`);
    expect(link).toContain(`<${gh.url}${REPO}/issues/5/comments?page=3>; rel="last"`);
    const last = await api('GET', `${REPO}/issues/5/comments?page=3`);
    expect(last.json).toHaveLength(15);
    expect(last.headers.get('link')).toContain('rel="prev"');
    expect(last.headers.get('link')).toContain('rel="first"');
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('honours per_page up to 100', async () => {
    const page = await api('GET', `${REPO}/issues/5/comments?per_page=50&page=2`);
    expect(page.json).toHaveLength(25);
    expect(page.json[0].body).toBe('c50');
    const all = await api('GET', `${REPO}/issues/5/comments?per_page=500`);
    expect(all.json).toHaveLength(75);
    expect(all.headers.get('link')).toBeNull();
  });
});

describe('issue comments', () => {
  beforeEach(() => {
    gh.state.addPullRequest({ number: 9 });
  });

  it('creates, edits and deletes comments with increasing ids', async () => {
    const a = await api('POST', `${REPO}/issues/9/comments`, { body: 'one' });
    const b = await api('POST', `${REPO}/issues/9/comments`, { body: 'two' });
    expect(a.status).toBe(201);
    expect(b.json.id).toBeGreaterThan(a.json.id);
    expect(a.json.user.login).toBe('github-actions[bot]');
    expect(a.json.html_url).toBe(`https://github.com/owner/repo/pull/9#issuecomment-${a.json.id}`);
    const edited = await api('PATCH', `${REPO}/issues/comments/${a.json.id}`, { body: 'uno' });
    expect(edited.json.body).toBe('uno');
    expect((await api('DELETE', `${REPO}/issues/comments/${b.json.id}`)).status).toBe(204);
    expect((await api('GET', `${REPO}/issues/comments/${b.json.id}`)).status).toBe(404);
    const list = await api('GET', `${REPO}/issues/9/comments`);
    expect(list.json.map((c: { body: string }) => c.body)).toEqual(['uno']);
    const c = await api('POST', `${REPO}/issues/9/comments`, { body: 'three' });
    expect(c.json.id).toBeGreaterThan(b.json.id);
  });

  it('accepts 65536 characters and refuses more with Validation Failed', async () => {
    expect((await api('POST', `${REPO}/issues/9/comments`, { body: 'x'.repeat(65536) })).status).toBe(201);
    const r = await api('POST', `${REPO}/issues/9/comments`, { body: 'x'.repeat(65537) });
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        },
      ],
    });
    const edit = await api('PATCH', `${REPO}/issues/comments/${gh.state.repo().comments[0]?.id}`, {
      body: 'x'.repeat(65537),
    });
    expect(edit.status).toBe(422);
    expect(takeViolations()).toHaveLength(2);
  });

  it('answers 404 for a missing issue', async () => {
    expect((await api('POST', `${REPO}/issues/404/comments`, { body: 'x' })).status).toBe(404);
  });
});
