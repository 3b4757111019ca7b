/**
 * `actions/monitor` end to end: the real bundle run by the test runner with the runner's
 * env contract, against the runbook 004 stand-in in its error mode and the local GitHub
 * API. The window breaches early; the step fails; the check run on the PR head SHA says
 * why, shows the chart, and is annotated at the threshold's line; the sticky comment's
 * cell links to the chart; the job summary has the chart; the rollback workflow is
 * dispatched once with the environment and the reason; the evidence record keeps every
 * sample; the log shows the window's progress live.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { monitorDataOf } from '../../src/evidence/monitor.js';
import { setMode, startAliasService } from '../gates/monitor/helpers.js';
import type { Target } from '../support/targets/index.js';
import { HEAD_SHA, REPO, githubState, lineOf, makeWorkspace, readReport, runGate, runStep, withGitHub } from './harness.js';

const CONFIG = `version: 1
environments:
  local: { url: "\${API_BASE}" }
monitor:
  window: 20s
  interval: 250ms
  on-breach: { dispatch: rollback.yml, inputs: { target: last-known-good } }
  checks:
    - name: employers API
      http: GET /api/employers
      thresholds: { max-error-rate: 10%, max-p95: 5s }
`;

let service: Target;
beforeAll(async () => {
  service = await startAliasService();
  await setMode(service, 'errors', { 'error-rate': '0.5' });
});
afterAll(async () => {
  await service.stop();
});

it('breaches early, reports the chart and the reason everywhere, and dispatches the rollback once', () =>
  withGitHub(async (gh) => {
    const workspace = makeWorkspace(CONFIG);
    const result = await runGate({ gh, workspace: workspace.dir, serviceUrl: service.url, action: 'monitor', environment: 'local' });
    expect(runStep(result).exitCode).toBe(1);
    expect(result.outputs.result).toBe('failed');

    const run = githubState(gh).checkRuns.find((r) => r.name === 'release-gates / monitor (local)');
    expect(run).toMatchObject({ headSha: HEAD_SHA, status: 'completed', conclusion: 'failure' });
    expect(run?.output.summary).toContain('<!-- release-gates:chart -->');
    expect(run?.output.summary).toMatch(/```mermaid\n[\s\S]*xychart-beta\n {2}title "employers API: latency \(ms\)"/);
    expect(run?.output.text).toMatch(
      /employers API: error rate ≤ 10%[^\n]*\nbreach at 0:\d\d of 0:20, ending the window: error rate ≥ 1\d(\.\d+)?% \(\d+ failed of 80 planned samples\)/,
    );
    expect(run?.output.text).toContain('rollback dispatched: rollback.yml on main');
    expect(run?.annotations.map((a) => a.start_line)).toEqual([lineOf(workspace.config, 'thresholds:')]);

    const comment = githubState(gh).comments.at(-1)?.body ?? '';
    expect(comment).toMatch(/❌ failed · 1 failed, 1 skipped\]\([^)]+\) · \[📈 chart\]\([^)]+\)/);
    expect(result.summary).toContain('```mermaid');

    const dispatches = gh.state.repo(REPO).dispatches;
    expect(dispatches).toHaveLength(1);
    expect(dispatches[0]).toMatchObject({
      workflowId: 'rollback.yml',
      ref: 'main',
      inputs: { environment: 'local', target: 'last-known-good', reason: expect.stringContaining('employers API: error rate ≥') },
    });
    expect((dispatches[0]?.inputs.reason as string).includes('/owner/repo/actions/runs/4242')).toBe(true);

    const report = readReport(result.outputs.report ?? '') as { gates: { checks: { data?: unknown }[] }[] };
    const samples = monitorDataOf(report.gates[0]?.checks[0]?.data)?.samples ?? [];
    expect(samples.length).toBeGreaterThan(10);
    expect(samples.every((s) => typeof s.at === 'string' && typeof s.scheduledMs === 'number')).toBe(true);
    expect(samples.some((s) => s.status === 'fail' && s.summary.includes('measured 500'))).toBe(true);
    expect(result.stdout + result.stderr).toMatch(/window 0:0\d of 0:20 · employers API: \d+ samples, \d+ failed/);
  }));
