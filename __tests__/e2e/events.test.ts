/**
 * The real bundle through both composite actions (`actions/smoke` and the root
 * `action.yml` with `gates: smoke`) on each event: the check run lands on the commit
 * the event is about, with the right conclusion, annotations at the config line, the
 * outputs, the evidence record and the upload step's `path`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startGitHubApi, type GitHubApiServer } from '../support/github-api/index.js';
import {
  CONFIG_IN_REPO,
  GROUP_SHA,
  HEAD_SHA,
  MERGE_SHA,
  PUSH_SHA,
  commands,
  expectExit,
  githubState,
  lineOf,
  makeWorkspace,
  mergeGroupEvent,
  pullRequestEvent,
  pushEvent,
  readReport,
  runGate,
  seedPullRequest,
  startService,
  uploadStep,
  type Service,
} from './harness.js';

let gh: GitHubApiServer;
let healthy: Service;
let failing: Service;
const workspace = makeWorkspace();
const ESTIMATOR_LINE = lineOf(workspace.config, '- name: estimator');

beforeAll(async () => {
  [gh, healthy, failing] = await Promise.all([startGitHubApi({ latencyMs: 2 }), startService(), startService('estimate-schema')]);
});
afterAll(async () => {
  await Promise.all([gh.close(), healthy.stop(), failing.stop()]);
});
beforeEach(() => seedPullRequest(gh));
afterEach(() => {
  expect(gh.violations).toEqual([]);
  expect(gh.responseViolations).toEqual([]);
  gh.reset();
});

describe.each(['smoke', 'root'] as const)('%s action', (action) => {
  it('pull_request, failing service: a failed check run on the PR head SHA, annotated at the estimator line', async () => {
    const result = await runGate({
      gh,
      action,
      workspace: workspace.dir,
      serviceUrl: failing.url,
      eventName: 'pull_request',
      event: pullRequestEvent(),
    });

    expectExit(result, 1);
    expect(result.conclusion).toBe('failure');
    const { checkRuns, comments } = githubState(gh);
    expect(checkRuns.map((run) => [run.name, run.headSha, run.status, run.conclusion])).toEqual([
      ['release-gates / smoke (local)', HEAD_SHA, 'completed', 'failure'],
    ]);
    expect(checkRuns.some((run) => run.headSha === MERGE_SHA)).toBe(false);
    expect(checkRuns[0]!.annotations).toEqual([
      expect.objectContaining({
        path: CONFIG_IN_REPO,
        start_line: ESTIMATOR_LINE,
        end_line: ESTIMATOR_LINE,
        annotation_level: 'failure',
        title: 'smoke: estimator',
      }),
    ]);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('❌ failed');

    expect(result.outputs.result).toBe('failed');
    const report = readReport(result.outputs.report!);
    expect(report).toEqual(expect.objectContaining({ commit: HEAD_SHA }));
    expect(uploadStep(result)?.with).toEqual(
      expect.objectContaining({ path: result.outputs.report, name: expect.stringContaining('smoke-local') }),
    );
    expect(result.summary).toContain('release-gates');
    expect(result.summary).toContain('estimator');
  });

  it('push, healthy service: a successful check run on GITHUB_SHA, no comment, exit 0', async () => {
    const result = await runGate({ gh, action, workspace: workspace.dir, serviceUrl: healthy.url, eventName: 'push', event: pushEvent() });

    expectExit(result, 0);
    expect(result.conclusion).toBe('success');
    const { checkRuns, comments } = githubState(gh);
    expect(checkRuns.map((run) => [run.name, run.headSha, run.conclusion])).toEqual([
      ['release-gates / smoke (local)', PUSH_SHA, 'success'],
    ]);
    expect(checkRuns[0]!.annotations).toEqual([]);
    expect(comments).toEqual([]);
    expect(result.outputs.result).toBe('passed');
    expect(readReport(result.outputs.report!)).toEqual(expect.objectContaining({ commit: PUSH_SHA }));
    expect(uploadStep(result)?.with?.path).toBe(result.outputs.report);
  });
});

it('merge_group: the check run is on merge_group.head_sha', async () => {
  const result = await runGate({
    gh,
    workspace: workspace.dir,
    serviceUrl: failing.url,
    eventName: 'merge_group',
    event: mergeGroupEvent(),
    sha: 'ab'.repeat(20),
  });

  expectExit(result, 1);
  const { checkRuns, comments } = githubState(gh);
  expect(checkRuns.map((run) => [run.headSha, run.conclusion])).toEqual([[GROUP_SHA, 'failure']]);
  expect(comments).toEqual([]);
});

it('pull_request from a fork: no GitHub writes, one notice, annotations as workflow commands, still fails', async () => {
  const result = await runGate({
    gh,
    workspace: workspace.dir,
    serviceUrl: failing.url,
    eventName: 'pull_request',
    event: pullRequestEvent({ headRepo: 'mallory/repo' }),
  });

  expectExit(result, 1);
  expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  const notices = commands(result, 'notice');
  expect(notices).toHaveLength(1);
  expect(notices[0]!.message).toMatch(/fork mallory\/repo.*read-only/);
  const annotations = commands(result, 'error').filter((c) => c.properties.file);
  expect(annotations).toEqual([
    expect.objectContaining({ properties: expect.objectContaining({ file: CONFIG_IN_REPO, line: String(ESTIMATOR_LINE) }) }),
  ]);
  expect(result.summary).toContain('Read-only token');
  expect(result.summary).toContain('estimator');
  expect(result.outputs.result).toBe('failed');
});

it('a healthy fork PR passes without any GitHub write', async () => {
  const result = await runGate({
    gh,
    workspace: workspace.dir,
    serviceUrl: healthy.url,
    event: pullRequestEvent({ headRepo: 'mallory/repo' }),
  });

  expectExit(result, 0);
  expect(result.outputs.result).toBe('passed');
  expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  expect(commands(result, 'notice')).toHaveLength(1);
});

it('upload-report: false skips the upload step', async () => {
  const result = await runGate({
    gh,
    workspace: workspace.dir,
    serviceUrl: healthy.url,
    eventName: 'push',
    event: pushEvent(),
    with: { 'upload-report': 'false' },
  });

  expect(result.outputs.report).toMatch(/evidence-smoke-local\.json$/);
  expect(uploadStep(result)).toBeUndefined();
});
