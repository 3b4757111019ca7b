/**
 * GitHub failing in every way it fails (GITHUB.md, "Rate limits", "Forks and tokens"):
 * whatever happens to the reporting, the gate's result reaches the job summary, the
 * outputs and the exit code (failing service → 1, healthy → 0), nothing crashes, and a
 * retried create never leaves a duplicate check run or comment. Each case has its own
 * GitHub API server, so the cases run concurrently.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { CheckRunRec, FaultSpec, GitHubApiServer } from '../support/github-api/index.js';
import {
  CONFIG_IN_REPO,
  HEAD_SHA,
  commands,
  expectExit,
  githubState,
  lineOf,
  makeWorkspace,
  runGate,
  startService,
  withGitHub,
  type GateRunResult,
  type Service,
} from './harness.js';

const CREATE_RUN = { method: 'POST', path: '/repos/{owner}/{repo}/check-runs' };
const UPDATE_RUN = { method: 'PATCH', path: '/repos/{owner}/{repo}/check-runs/{check_run_id}' };
const LIST_RUNS = { method: 'GET', path: '/repos/{owner}/{repo}/commits/{ref}/check-runs' };
const CREATE_COMMENT = { method: 'POST', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments' };
const LIST_COMMENTS = { method: 'GET', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments' };

let healthy: Service;
let failing: Service;
const workspace = makeWorkspace();
const ESTIMATOR_LINE = lineOf(workspace.config, '- name: estimator');

beforeAll(async () => {
  [healthy, failing] = await Promise.all([startService(), startService('estimate-schema')]);
});
afterAll(async () => {
  await Promise.all([healthy.stop(), failing.stop()]);
});

type Outcome = 'healthy' | 'failing';

/** Runs the gate under `faults` and checks what must hold whatever GitHub did. */
async function runUnder(
  gh: GitHubApiServer,
  faults: FaultSpec[],
  outcome: Outcome,
  extra: { runId?: string } = {},
): Promise<GateRunResult> {
  for (const fault of faults) gh.faults.add(fault);
  const result = await runGate({ gh, workspace: workspace.dir, serviceUrl: (outcome === 'healthy' ? healthy : failing).url, ...extra });
  expectExit(result, outcome === 'healthy' ? 0 : 1);
  expect(result.outputs.result).toBe(outcome === 'healthy' ? 'passed' : 'failed');
  expect(result.summary).toContain(
    `## ${outcome === 'healthy' ? '✅ passed' : '❌ failed'} · release-gates for \`${HEAD_SHA.slice(0, 12)}\``,
  );
  expect(result.stdout + result.stderr).not.toMatch(/internal error|Unhandled|TypeError|at .*\.js:\d+/);
  expect(gh.faults.pending.filter((fault) => fault.remaining !== Infinity)).toEqual([]);
  return result;
}

function onlyRun(gh: GitHubApiServer): CheckRunRec {
  const { checkRuns } = githubState(gh);
  expect(checkRuns).toHaveLength(1);
  return checkRuns[0]!;
}

function warnings(result: GateRunResult): string {
  return commands(result, 'warning')
    .map((c) => c.message)
    .join('\n');
}

it.concurrent.each<[string, FaultSpec, Outcome]>([
  ['500 on check-run create (not committed): created again', { kind: '500', ...CREATE_RUN }, 'failing'],
  ['502 on check-run update: retried', { kind: '502', ...UPDATE_RUN }, 'healthy'],
  ['500 twice on listing check runs: retried', { kind: '500', ...LIST_RUNS, times: 2 }, 'failing'],
  ['502 on listing comments: retried', { kind: '502', ...LIST_COMMENTS }, 'healthy'],
  ['secondary rate limit (403, retry-after) on comment create', { kind: 'secondary-rate-limit', ...CREATE_COMMENT }, 'failing'],
  ['429 with retry-after on check-run update', { kind: 'rate-limit-429', ...UPDATE_RUN }, 'healthy'],
  ['secondary rate limit on check-run create', { kind: 'secondary-rate-limit', ...CREATE_RUN }, 'healthy'],
])('%s: one completed check run, one comment', (_label, fault, outcome) =>
  withGitHub(async (gh) => {
    await runUnder(gh, [fault], outcome);
    const run = onlyRun(gh);
    expect([run.headSha, run.status, run.conclusion]).toEqual([HEAD_SHA, 'completed', outcome === 'healthy' ? 'success' : 'failure']);
    expect(githubState(gh).comments).toHaveLength(1);
  }),
);

it.concurrent('500-after-commit on check-run create: found by its external id, not created twice', () =>
  withGitHub(async (gh) => {
    const result = await runUnder(gh, [{ kind: '500-after-commit', ...CREATE_RUN }], 'failing');
    const run = onlyRun(gh);
    expect([run.status, run.conclusion]).toEqual(['completed', 'failure']);
    expect(run.annotations.map((a) => a.start_line)).toEqual([ESTIMATOR_LINE]);
    expect(gh.requestsTo('checks/create')).toHaveLength(1);
    expect(warnings(result)).toMatch(/checking whether it was created/);
  }),
);

it.concurrent('500-after-commit on comment create: exactly one comment, its id recorded on the check run', () =>
  withGitHub(async (gh) => {
    await runUnder(gh, [{ kind: '500-after-commit', ...CREATE_COMMENT }], 'healthy');
    const { comments } = githubState(gh);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('✅ passed');
    expect(onlyRun(gh).output.summary).toContain(`<!-- release-gates:comment=${comments[0]!.id} -->`);
  }),
);

it.concurrent('403 "Resource not accessible by integration" (read-only token): one notice, annotations as workflow commands', () =>
  withGitHub(async (gh) => {
    const result = await runUnder(gh, [{ kind: 'read-only', ...CREATE_RUN }], 'failing');
    expect(gh.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 403']);
    const notices = commands(result, 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/403 "Resource not accessible by integration".*job summary and annotations only/);
    expect(commands(result, 'error').filter((c) => c.properties.file)).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({ file: CONFIG_IN_REPO, line: String(ESTIMATOR_LINE), title: 'smoke: estimator' }),
      }),
    ]);
    expect(result.summary).toContain('Read-only token');
    expect(githubState(gh).checkRuns).toEqual([]);
  }),
);

it.concurrent('403 only on the comment: the check run is still completed, one warning names the permission', () =>
  withGitHub(async (gh) => {
    const result = await runUnder(gh, [{ kind: 'read-only', ...CREATE_COMMENT }], 'failing');
    // Only the comment is refused: writes stay on, so no read-only notice and no
    // workflow-command annotations doubling the check run's.
    expect(commands(result, 'notice')).toHaveLength(0);
    expect(commands(result, 'warning').filter((c) => c.message.includes('pull-requests: write'))).toHaveLength(1);
    expect(onlyRun(gh).conclusion).toBe('failure');
    expect(githubState(gh).comments).toEqual([]);
  }),
);

it.concurrent('422 body too long on the comment: a warning, the check run completed, the step decided by the gate', () =>
  withGitHub(async (gh) => {
    const result = await runUnder(gh, [{ kind: 'body-too-long', ...CREATE_COMMENT }], 'failing');
    expect(warnings(result)).toMatch(/could not write the PR comment: Validation Failed/);
    expect(onlyRun(gh).conclusion).toBe('failure');
    expect(githubState(gh).comments).toEqual([]);
  }),
);

it.concurrent.each<[Outcome]>([['healthy'], ['failing']])(
  'GitHub answering 500 to everything (%s service): the result still reaches the summary and the exit code',
  (outcome) =>
    withGitHub(async (gh) => {
      const result = await runUnder(gh, [{ kind: '500', times: Infinity }], outcome);
      gh.faults.clear();
      expect(githubState(gh).checkRuns).toEqual([]);
      expect(githubState(gh).comments).toEqual([]);
      expect(warnings(result)).toMatch(/could not create the check run "release-gates \/ smoke \(local\)": Server Error/);
    }),
);

it.concurrent('completing the check run fails on every retry: the last attempt at the end of the job completes it', () =>
  withGitHub(async (gh) => {
    // The first completion and its 3 retries fail; the last attempt, after the comment, does not.
    const result = await runUnder(gh, [{ kind: '500', ...UPDATE_RUN, times: 4 }], 'failing');
    expect(gh.requestsTo('checks/update').map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);
    const run = onlyRun(gh);
    expect([run.status, run.conclusion]).toEqual(['completed', 'failure']);
    // The last attempt also records the comment the first one was to record.
    expect(run.output.summary).toContain(`<!-- release-gates:comment=${githubState(gh).comments[0]!.id} -->`);
    expect(run.annotations.map((a) => a.start_line)).toEqual([ESTIMATOR_LINE]);
    expect(warnings(result)).toMatch(/could not complete the check run "release-gates \/ smoke \(local\)"/);
    expect(warnings(result)).not.toMatch(/left in progress/);
    expect(githubState(gh).comments[0]!.body).toContain('❌ failed');
  }),
);

it.concurrent(
  'completing the check run never succeeds: the run URL and the reason are in the log, the step still decided by the gate',
  () =>
    withGitHub(async (gh) => {
      const result = await runUnder(gh, [{ kind: '500', ...UPDATE_RUN, times: Infinity }], 'healthy');
      gh.faults.clear();
      const run = onlyRun(gh);
      expect(run.status).toBe('in_progress');
      expect(warnings(result)).toContain(
        `release-gates: the check run "release-gates / smoke (local)" is left in progress at https://github.com/owner/repo/runs/${run.id}: completing it failed after every retry (GitHub answered 500 "Server Error"). Its result (passed) is in this job's summary; re-run the job to complete the check run.`,
      );
    }),
);

it.concurrent('two matrix cells on the same environment: a create retried after a 500 does not adopt the sibling cell’s run', () =>
  withGitHub(async (gh) => {
    // Matrix cells share GITHUB_RUN_ID and GITHUB_JOB. Cell 1 (failing) finishes; cell 2
    // (healthy) hits a 500 on create and looks for its own run: it must not take cell 1's
    // and overwrite that failure with a success.
    await runUnder(gh, [], 'failing', { runId: '77' });
    await runUnder(gh, [{ kind: '500', ...CREATE_RUN }], 'healthy', { runId: '77' });
    expect(githubState(gh).checkRuns.map((run) => [run.name, run.conclusion])).toEqual([
      ['release-gates / smoke (local)', 'failure'],
      ['release-gates / smoke (local)', 'success'],
    ]);
  }),
);
