/**
 * More than 50 failing checks: GitHub takes at most 50 annotations per request, so the
 * action sends them in batches (later PATCHes append), and every one arrives at the
 * config line of its check.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startGitHubApi, type GitHubApiServer } from '../support/github-api/index.js';
import {
  CONFIG_IN_REPO,
  HEAD_SHA,
  expectExit,
  githubState,
  lineOf,
  makeWorkspace,
  runGate,
  seedPullRequest,
  startService,
  type Service,
} from './harness.js';

const FAILING = 120;
const PASSING = 3;

function bigConfig(): string {
  const checks: string[] = [];
  for (let i = 1; i <= FAILING + PASSING; i++) {
    const name = `check ${String(i).padStart(3, '0')}`;
    checks.push(`    - name: ${name}`, '      http: GET /healthz', '      expect:', `        status: ${i <= FAILING ? 418 : 200}`);
  }
  return [
    'version: 1',
    'environments:',
    '  local:',
    '    url: ${API_BASE}',
    'smoke:',
    '  concurrency: 16',
    '  timeout: 60s',
    '  checks:',
    ...checks,
    '',
  ].join('\n');
}

let gh: GitHubApiServer;
let service: Service;
const workspace = makeWorkspace(bigConfig());

beforeAll(async () => {
  [gh, service] = await Promise.all([startGitHubApi(), startService()]);
  seedPullRequest(gh);
});
afterAll(async () => {
  await Promise.all([gh.close(), service.stop()]);
});

it(`${FAILING} failing checks: annotations in batches of at most 50, all present at their lines`, async () => {
  const result = await runGate({ gh, workspace: workspace.dir, serviceUrl: service.url });

  expectExit(result, 1);
  const [run, ...others] = githubState(gh).checkRuns;
  expect(others).toEqual([]);
  expect([run!.headSha, run!.status, run!.conclusion]).toEqual([HEAD_SHA, 'completed', 'failure']);

  const updates = gh
    .requestsTo('checks/update')
    .map((r) => (r.body as { output?: { annotations?: unknown[] } }).output?.annotations?.length ?? 0);
  expect(updates.every((count) => count <= 50)).toBe(true);
  expect(updates.filter((count) => count > 0)).toEqual([50, 50, 20]);

  const expected = Array.from({ length: FAILING }, (_, i) => {
    const name = `check ${String(i + 1).padStart(3, '0')}`;
    const line = lineOf(workspace.config, `- name: ${name}`);
    return { path: CONFIG_IN_REPO, start_line: line, end_line: line, annotation_level: 'failure', title: `smoke: ${name}` };
  });
  const got = run!.annotations.map(({ path, start_line, end_line, annotation_level, title }) => ({
    path,
    start_line,
    end_line,
    annotation_level,
    title,
  }));
  expect(got.sort((a, b) => a.start_line - b.start_line)).toEqual(expected);
  expect(run!.output.title).toBe(`${FAILING} failed, ${PASSING} passed`);
  expect(gh.violations).toEqual([]);
  expect(gh.responseViolations).toEqual([]);
});
