/* eslint-disable @typescript-eslint/no-unsafe-call -- Reply.json is the API's JSON, typed any (see setup.ts) */
/**
 * Tests of the local GitHub API used by the other tests (__tests__/support/github-api):
 * check runs.
 */
import { describe, expect, it } from '@jest/globals';
import { api, gh, REPO, SHA, takeViolations, useGitHubApi } from './setup.js';

useGitHubApi();

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
