/**
 * The monitor gate end to end in-process, against the runbook 004 stand-in and the local
 * GitHub API (every request checked against GitHub's OpenAPI description): a healthy
 * window passes with every sample in the evidence and a chart; a degraded one breaches
 * early, records the breaking samples, and dispatches the rollback exactly once — also
 * when GitHub loses its answer after starting the run (no retry), and never without a
 * GitHub to ask. Windows are short; no assertion depends on wall time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { monitorDataOf, type MonitorThresholdData } from '../../../src/evidence/monitor.js';
import { dispatchRollback } from '../../../src/gates/monitor/dispatch.js';
import { RecordingLogger } from '../../../src/io/logger.js';
import { monitorCharts } from '../../../src/reporters/markdown/monitor-chart.js';
import { githubScope, OWNER, REPO, useGitHubApi } from '../../checks/github/helpers.js';
import type { Target } from '../../support/targets/index.js';
import { runConfig, setMode, startAliasService } from './helpers.js';

const gh = useGitHubApi();
let service: Target;

beforeAll(async () => {
  service = await startAliasService();
});
afterAll(async () => {
  await service.stop();
});

/** A monitor of /api/employers and the alias search, `window` long, sampled every 200ms. */
function config(window = '2s', onBreach = '  on-breach: { dispatch: rollback.yml, inputs: { target: last-known-good } }\n'): string {
  return `version: 1
environments:
  local: { url: "\${API_BASE}" }
monitor:
  window: ${window}
  interval: 200ms
${onBreach}  checks:
    - name: employers API
      http: GET /api/employers
      thresholds: { max-error-rate: 10%, max-p95: 5s }
    - name: alias search
      http: GET /api/employers/search?q=acme
`;
}

const data = (check: { data?: unknown }): MonitorThresholdData => {
  const found = monitorDataOf(check.data);
  if (!found) throw new Error('no monitor data');
  return found;
};

describe('a healthy window', () => {
  it('passes, keeps every sample in the evidence, and draws a chart per monitored check', async () => {
    await setMode(service, 'healthy');
    const { run, check, progress } = await runConfig(config(), { env: { API_BASE: service.url } });
    expect(run.gates[0]?.checks.map((c) => [c.name, c.status])).toEqual([
      ['employers API: error rate ≤ 10%', 'passed'],
      ['employers API: p95 ≤ 5s', 'passed'],
      ['alias search', 'passed'],
    ]);
    const first = data(check('employers API: error rate ≤ 10%'));
    expect(first.samples).toHaveLength(10);
    expect(first.samples?.every((sample) => sample.status === 'ok' && sample.latencyMs !== undefined)).toBe(true);
    expect(first.window).toMatchObject({ plannedSamples: 10, ended: 'complete', intervalMs: 200 });
    // The second row of the source points at the first for its samples.
    expect(data(check('employers API: p95 ≤ 5s'))).toMatchObject({ samplesIn: 'employers-api.max-error-rate' });
    expect(data(check('employers API: p95 ≤ 5s')).samples).toBeUndefined();
    const charts = monitorCharts(run.gates[0]!);
    expect(charts).toHaveLength(2);
    expect(charts[0]).toMatch(/^```mermaid\n[\s\S]*xychart-beta\n {2}title "employers API: latency \(ms\)"[\s\S]*line \[5000(, 5000){9}\]/);
    expect(progress.some((line) => /^window 0:0\d of 0:02 · employers API: \d+ samples/.test(line))).toBe(true);
  });
});

describe('a breach', () => {
  it('ends the window early, names the breaking samples, and dispatches the rollback once', async () => {
    await setMode(service, 'errors', { 'error-rate': '1' });
    try {
      const logger = new RecordingLogger();
      const github = githubScope(gh, {}, logger);
      const { run, check } = await runConfig(config('20s'), { env: { API_BASE: service.url }, github, headSha: 'ab'.repeat(20) });
      const rows = run.gates[0]?.checks ?? [];
      const breached = rows.filter((row) => row.status === 'failed');
      expect(breached).toHaveLength(1);
      const row = breached[0]!;
      const evidence = data(row);
      expect(evidence.window.ended).toBe('breach');
      // 100 planned samples at 10%: the 11th failure decides it, long before the window ends.
      expect(evidence.breach?.slots.length).toBeGreaterThan(0);
      expect(evidence.window.elapsedMs).toBeLessThan(evidence.window.windowMs);
      expect(row.summary).toMatch(/^breach at 0:\d\d of 0:20, ending the window: /);
      expect(row.details.filter((line) => / fail .*status: measured 500, expected 2xx/.test(line)).length).toBeGreaterThan(0);
      // The other rows were not judged to the end.
      expect(rows.filter((r) => r !== row).map((r) => r.status)).toEqual(['skipped', 'skipped']);

      const dispatches = gh.state.repo(`${OWNER}/${REPO}`).dispatches;
      expect(dispatches).toHaveLength(1);
      expect(dispatches[0]).toMatchObject({ workflowId: 'rollback.yml', ref: 'main' });
      expect(dispatches[0]?.inputs).toEqual({
        target: 'last-known-good',
        environment: 'local',
        reason: expect.stringMatching(/^release-gates monitor breach in local at abababababab: .+\(expected .+\)\.$/),
      });
      expect(evidence.dispatch).toMatchObject({ status: 'dispatched', workflow: 'rollback.yml', ref: 'main' });
      expect(evidence.dispatch?.runUrl).toMatch(/^https:\/\/github\.com\/owner\/repo\/actions\/runs\/\d+$/);
      expect(row.summary).toContain('rollback dispatched: rollback.yml on main');
      expect(gh.requestsTo('actions/create-workflow-dispatch')).toHaveLength(1);
      expect(check('alias search').status).not.toBe('passed');
    } finally {
      await setMode(service, 'healthy');
    }
  });

  it('without GitHub, says the rollback was not dispatched', async () => {
    await setMode(service, 'errors', { 'error-rate': '1' });
    try {
      const { run } = await runConfig(config('20s'), { env: { API_BASE: service.url } });
      const row = run.gates[0]?.checks.find((r) => r.status === 'failed');
      expect(data(row!).dispatch).toMatchObject({ status: 'not-dispatched' });
      expect(row?.summary).toMatch(/rollback not dispatched: no GitHub repository and token here/);
    } finally {
      await setMode(service, 'healthy');
    }
  });
});

describe('the dispatch, at most once', () => {
  const request = (logger = new RecordingLogger()) => ({
    config: { dispatch: 'rollback.yml', inputs: { target: 'last-known-good' } },
    github: githubScope(gh, {}, logger),
    environment: 'production',
    reason: 'employers API: error rate ≥ 11% (expected error rate ≤ 10%)',
    now: () => new Date(),
  });

  it('is not retried when GitHub starts the run and loses its answer (500 after commit)', async () => {
    gh.faults.add({ kind: '500-after-commit', method: 'POST', path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches' });
    const evidence = await dispatchRollback(request());
    expect(gh.requestsTo('actions/create-workflow-dispatch')).toHaveLength(1);
    expect(gh.state.repo(`${OWNER}/${REPO}`).dispatches).toHaveLength(1);
    expect(evidence.status).toBe('unknown');
    expect(evidence.message).toMatch(
      /may or may not have started: GitHub answered 500 .*Not retried, so that a rollback never starts twice/,
    );
  });

  it('is not retried after a 502 either (GitHub cannot say whether it started)', async () => {
    gh.faults.add({ kind: '502', method: 'POST', path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', times: 3 });
    const evidence = await dispatchRollback(request());
    expect(gh.requestsTo('actions/create-workflow-dispatch')).toHaveLength(1);
    expect(gh.state.repo(`${OWNER}/${REPO}`).dispatches).toHaveLength(0);
    expect(evidence.status).toBe('unknown');
  });

  it('names the permission when the token may not dispatch', async () => {
    gh.faults.add({ kind: 'read-only', method: 'POST', path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches' });
    const evidence = await dispatchRollback(request());
    expect(evidence).toMatchObject({ status: 'failed', ref: 'main' });
    expect(evidence.message).toBe(
      'rollback not dispatched: GitHub answered 403 "Resource not accessible by integration": the job needs permissions: actions: write',
    );
  });

  it('goes to the default branch, with the environment and the reason', async () => {
    gh.state.setRepo({ repo: `${OWNER}/${REPO}`, defaultBranch: 'trunk' });
    const evidence = await dispatchRollback(request());
    expect(evidence).toMatchObject({
      status: 'dispatched',
      ref: 'trunk',
      inputs: { environment: 'production', target: 'last-known-good' },
    });
    expect(gh.state.repo(`${OWNER}/${REPO}`).dispatches[0]).toMatchObject({ ref: 'trunk', inputs: { environment: 'production' } });
  });
});
