/**
 * A matrix of 8 cells (8 environments) running the action at once on the same PR, with
 * the GitHub API's latency jittered to provoke the find-then-create races: exactly one
 * sticky comment is ever created (one POST, nothing deleted: every creation notifies the
 * PR's subscribers), rebuilt from the commit's check runs with every cell's result, every
 * check run completed, and a person's comment quoting the marker left alone. Then the
 * request budget of a re-run once the comment exists. 20 rounds of the same race, in one
 * process, are in __tests__/reporters/comment-race.test.ts.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { parseDocument } from 'yaml';
import { COMMENT_MARKER } from '../../src/reporters/github/sticky-comment.js';
import { commentCells } from '../support/comment-cells.js';
import type { GitHubApiServer } from '../support/github-api/index.js';
import {
  HEAD_SHA,
  PR_NUMBER,
  exampleConfig,
  expectExit,
  githubState,
  makeWorkspace,
  runGate,
  startService,
  withGitHub,
  type Service,
} from './harness.js';

const CELLS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'];
/** e1–e4 point at the healthy service, e5–e8 at the failing one. */
const failingCell = (env: string): boolean => Number(env.slice(1)) > 4;

function matrixConfig(): string {
  const doc = parseDocument(exampleConfig());
  doc.setIn(
    ['environments'],
    doc.createNode(Object.fromEntries(CELLS.map((env) => [env, { url: failingCell(env) ? '${FAILING_BASE}' : '${API_BASE}' }]))),
  );
  // Eight cells at once on a busy machine: a latency bound would test the machine's speed.
  const checks = doc.getIn(['smoke', 'checks']) as { items: unknown[] };
  checks.items.forEach((_, index) => doc.deleteIn(['smoke', 'checks', index, 'expect', 'max-latency']));
  return doc.toString();
}

type Latency = (req: { method: string; path: string }) => number;

let healthy: Service;
let failing: Service;
const workspace = makeWorkspace(matrixConfig());

beforeAll(async () => {
  [healthy, failing] = await Promise.all([startService(), startService('estimate-schema')]);
});
afterAll(async () => {
  await Promise.all([healthy.stop(), failing.stop()]);
});

function runCell(gh: GitHubApiServer, env: string, runId = '5150'): ReturnType<typeof runGate> {
  return runGate({
    gh,
    workspace: workspace.dir,
    serviceUrl: healthy.url,
    environment: env,
    env: { FAILING_BASE: failing.url },
    job: 'gates',
    runId,
  });
}

const random = (max: number): number => Math.floor(Math.random() * max);

it.concurrent.each<[string, Latency]>([
  ['every request jittered 0-40 ms', () => random(40)],
  [
    'comment writes slow (150-400 ms), the rest 0-10 ms',
    (req) => (req.method !== 'GET' && req.path.includes('/issues/') ? 150 + random(250) : random(10)),
  ],
  [
    'check-run writes slow (100-300 ms)',
    (req) => (req.method !== 'GET' && req.path.includes('/check-runs') ? 100 + random(200) : random(10)),
  ],
])('8 concurrent matrix cells leave exactly one comment with every cell completed (%s)', (_label, latency) =>
  withGitHub(
    async (gh) => {
      const quoted = gh.state.addComment({ issueNumber: PR_NUMBER, body: `Why is ${COMMENT_MARKER} in the comments?`, user: 'alice' });
      const results = await Promise.all(CELLS.map((env) => runCell(gh, env)));

      for (const [index, env] of CELLS.entries()) {
        expectExit(results[index]!, failingCell(env) ? 1 : 0, `cell ${env}`);
        expect([env, results[index]!.outputs.result]).toEqual([env, failingCell(env) ? 'failed' : 'passed']);
      }
      const { checkRuns, comments } = githubState(gh);
      expect(checkRuns.map((run) => [run.name, run.headSha, run.status]).sort()).toEqual(
        CELLS.map((env) => [`release-gates / smoke (${env})`, HEAD_SHA, 'completed']),
      );
      expect(gh.requestsTo('issues/create-comment')).toHaveLength(1);
      expect(gh.requestsTo('issues/delete-comment')).toEqual([]);
      const onPr = comments.filter((comment) => comment.issueNumber === PR_NUMBER);
      expect(onPr.find((comment) => comment.id === quoted.id)?.body).toBe(quoted.body);
      const ours = onPr.filter((comment) => comment.user === 'github-actions[bot]');
      expect(ours).toHaveLength(1);
      const body = ours[0]!.body;
      expect(body).not.toMatch(/in progress|🔄/);
      const cells = commentCells(body);
      expect(Object.keys(cells).sort()).toEqual(CELLS);
      for (const env of CELLS)
        expect([env, cells[env]]).toEqual([env, expect.stringContaining(failingCell(env) ? '❌ failed' : '✅ passed')]);
      // Each cell links to its own check run.
      for (const run of checkRuns) expect(body).toContain(`/runs/${run.id})`);
    },
    { latencyMs: latency },
  ),
);

it.concurrent(
  'a second run on the same commit, with the comment in place, makes 5 requests: create, list, complete, update comment, list again',
  () =>
    withGitHub(async (gh) => {
      await runCell(gh, 'e1', '4242');
      const commentId = githubState(gh).comments[0]!.id;
      // The run that created the comment recorded its id on its check run.
      expect(githubState(gh).checkRuns[0]!.output.summary).toContain(`<!-- release-gates:comment=${commentId} -->`);
      gh.requests.length = 0;

      const again = await runCell(gh, 'e1', '4243');

      expectExit(again, 0);
      const runs = githubState(gh).checkRuns;
      const latest = runs.at(-1)!;
      expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /repos/owner/repo/check-runs',
        `GET /repos/owner/repo/commits/${HEAD_SHA}/check-runs`,
        `PATCH /repos/owner/repo/check-runs/${latest.id}`,
        `PATCH /repos/owner/repo/issues/comments/${commentId}`,
        // A list taken after the write: a cell that started after the first list is in it (comment-writer.ts).
        `GET /repos/owner/repo/commits/${HEAD_SHA}/check-runs`,
      ]);
      expect(gh.requests.map((r) => r.operation)).toEqual([
        'checks/create',
        'checks/list-for-ref',
        'checks/update',
        'issues/update-comment',
        'checks/list-for-ref',
      ]);
      // The check run is completed before the comment is written.
      expect(latest.status).toBe('completed');
      expect(gh.requests.length).toBeLessThanOrEqual(5);
      expect(githubState(gh).comments).toHaveLength(1);
    }),
);
