/**
 * Tests of the local GitHub API used by the other tests (__tests__/support/github-api).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startGitHubApi, type GitHubApiServer } from './support/github-api/index.js';

let gh: GitHubApiServer;
const SHA = 'a'.repeat(40);
const REPO = '/repos/owner/repo';

interface Reply {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      authorization: 'token test-token',
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Take the violations recorded so far (so afterEach sees only unexpected ones). */
function takeViolations(): string[] {
  return gh.violations.splice(0);
}

beforeAll(async () => {
  gh = await startGitHubApi();
});
afterAll(async () => {
  await gh.close();
});
afterEach(() => {
  expect(gh.responseViolations).toEqual([]);
  expect(gh.violations).toEqual([]);
  gh.reset();
});

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

describe('check runs', () => {
  const annotations = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({
      path: 'src/a.ts',
      start_line: from + i + 1,
      end_line: from + i + 1,
      annotation_level: 'warning',
      message: `m${from + i}`,
    }));

  async function create(body: Record<string, unknown> = {}) {
    const r = await api('POST', `${REPO}/check-runs`, {
      name: 'release-gates / migrate',
      head_sha: SHA,
      status: 'in_progress',
      output: { title: 'Running', summary: '...' },
      ...body,
    });
    expect(r.status).toBe(201);
    return r.json as { id: number };
  }

  it('creates a run shaped like GitHub’s, owned by the github-actions app', async () => {
    const run = await create();
    const got = await api('GET', `${REPO}/check-runs/${run.id}`);
    expect(got.json).toMatchObject({
      id: run.id,
      head_sha: SHA,
      name: 'release-gates / migrate',
      status: 'in_progress',
      conclusion: null,
      completed_at: null,
      app: { slug: 'github-actions' },
      output: { title: 'Running', summary: '...', text: null, annotations_count: 0 },
    });
    expect(got.json.html_url).toBe(`https://github.com/owner/repo/runs/${run.id}`);
    expect(got.json.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('appends annotations across PATCHes and caps each request at 50', async () => {
    const run = await create({
      output: { title: 'Running', summary: 's', annotations: annotations(50) },
    });
    const patch = await api('PATCH', `${REPO}/check-runs/${run.id}`, {
      output: { summary: 's2', annotations: annotations(30, 50) },
    });
    expect(patch.json.output.annotations_count).toBe(80);
    expect(patch.json.output.title).toBe('Running'); // kept
    const tooMany = await api('PATCH', `${REPO}/check-runs/${run.id}`, {
      output: { summary: 's', annotations: annotations(51) },
    });
    expect(tooMany.status).toBe(422);
    expect(takeViolations()).toEqual([expect.stringContaining('annotations')]);
    const listed = await api('GET', `${REPO}/check-runs/${run.id}/annotations?per_page=100`);
    expect(listed.json).toHaveLength(80);
    expect(listed.json[79]).toMatchObject({
      message: 'm79',
      annotation_level: 'warning',
      start_line: 80,
    });
  });

  it('limits output.summary and output.text to 65535 characters', async () => {
    const run = await create();
    const ok65535 = await api('PATCH', `${REPO}/check-runs/${run.id}`, {
      output: { summary: 'x'.repeat(65535) },
    });
    expect(ok65535.status).toBe(200);
    const tooLong = await api('PATCH', `${REPO}/check-runs/${run.id}`, {
      output: { summary: 's', text: 'x'.repeat(65536) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.message).toBe('Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.');
    takeViolations();
  });

  it('completes with a conclusion; completed without one, or stale, is refused', async () => {
    const run = await create();
    const done = await api('PATCH', `${REPO}/check-runs/${run.id}`, { conclusion: 'failure' });
    expect(done.json).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(done.json.completed_at).not.toBeNull();
    const noConclusion = await api('POST', `${REPO}/check-runs`, {
      name: 'x',
      head_sha: SHA,
      status: 'completed',
    });
    expect(noConclusion.json).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'CheckRun', code: 'missing_field', field: 'conclusion' }],
    });
    const stale = await api('POST', `${REPO}/check-runs`, {
      name: 'x',
      head_sha: SHA,
      conclusion: 'stale',
    });
    expect(stale.status).toBe(422);
    expect(takeViolations()).toHaveLength(2);
  });

  it('lists runs for a ref: filter=latest keeps the newest run per name', async () => {
    const a1 = await create({ name: 'A', conclusion: 'failure' });
    const b1 = await create({ name: 'B' });
    const a2 = await create({ name: 'A', conclusion: 'success' });
    await create({ name: 'C', head_sha: 'b'.repeat(40) });
    const latest = await api('GET', `${REPO}/commits/${SHA}/check-runs`);
    expect(latest.json.total_count).toBe(2);
    expect(latest.json.check_runs.map((r: { id: number }) => r.id).sort()).toEqual([a2.id, b1.id].sort());
    const all = await api('GET', `${REPO}/commits/${SHA}/check-runs?filter=all`);
    expect(all.json.total_count).toBe(3);
    const named = await api('GET', `${REPO}/commits/${SHA}/check-runs?check_name=A&filter=all`);
    expect(named.json.check_runs.map((r: { id: number }) => r.id).sort()).toEqual([a1.id, a2.id].sort());
    const running = await api('GET', `${REPO}/commits/${SHA}/check-runs?status=in_progress`);
    expect(running.json.check_runs.map((r: { id: number }) => r.id)).toEqual([b1.id]);
    const byBranch = await api('GET', `${REPO}/commits/main/check-runs`);
    expect(byBranch.json.total_count).toBe(0);
  });

  it('paginates check runs with total_count over all pages', async () => {
    for (let i = 0; i < 5; i++) gh.state.addCheckRun({ headSha: SHA, name: `n${i}` });
    const r = await api('GET', `${REPO}/commits/${SHA}/check-runs?per_page=2&page=3`);
    expect(r.json.total_count).toBe(5);
    expect(r.json.check_runs).toHaveLength(1);
    expect(r.headers.get('link')).toContain('rel="prev"');
  });
});

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
