/**
 * The monitor gate sampling a real Prometheus that scrapes the runbook 004 stand-in:
 * values recorded per sample with the resolved query; a service that goes down breaches
 * through `up` (which drops at the next scrape, where a rate() ratio would lag a minute);
 * and a Prometheus that stops answering mid-window is a source error that fails the gate
 * as not verified, saying the source is the problem — and never dispatches a rollback.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { monitorDataOf } from '../../../src/evidence/monitor.js';
import { RecordingLogger } from '../../../src/io/logger.js';
import { monitorCharts } from '../../../src/reporters/markdown/monitor-chart.js';
import { githubScope, OWNER, REPO, useGitHubApi } from '../../checks/github/helpers.js';
import { startPrometheus, type Prometheus } from '../../support/prometheus.js';
import type { Target } from '../../support/targets/index.js';
import { runConfig, startAliasService } from './helpers.js';

const gh = useGitHubApi();
let service: Target;
/** A second stand-in, stopped by one test. */
let doomed: Target;
let prom: Prometheus;

beforeAll(async () => {
  service = await startAliasService();
  doomed = await startAliasService();
  prom = await startPrometheus({ 'stand-in': service.url, doomed: doomed.url });
  await prom.waitFor('sum(up)', (value) => value === 2);
}, 120_000);

afterAll(async () => {
  await prom.stop();
  await service.stop();
  await doomed.stop();
});

function config(job: string, window: string, extra = ''): string {
  return `version: 1
environments:
  local: { url: "\${API_BASE}" }
monitor:
  window: ${window}
  interval: 250ms
  on-breach: { dispatch: rollback.yml }
  checks:
    - name: service up
      prometheus: up{job="${job}"}
      server: \${PROMETHEUS_URL}
      timeout: 1s
      expect: { gte: 1 }
${extra}`;
}

describe('sampling Prometheus', () => {
  it('passes while the service is up, recording each value and the resolved query, and charts the values', async () => {
    const { run, check } = await runConfig(config('stand-in', '2s'), { env: { API_BASE: service.url, PROMETHEUS_URL: prom.url } });
    expect(run.status).toBe('passed');
    const samples = monitorDataOf(check().data)?.samples ?? [];
    expect(samples).toHaveLength(8);
    expect(samples.every((sample) => sample.value === 1 && sample.query === 'up{job="stand-in"}')).toBe(true);
    const [chart] = monitorCharts(run.gates[0]!);
    expect(chart).toContain('title "service up: value"');
    expect(chart).toMatch(/line \[1(, 1){7}\]\n {2}line \[1(, 1){7}\]/);
  });

  it('breaches when the service goes down: up drops at the next scrape', async () => {
    const github = githubScope(gh, {}, new RecordingLogger());
    const stopped = doomed.stop();
    const { run, check } = await runConfig(config('doomed', '30s', '      thresholds: { max-consecutive-failures: 1 }\n'), {
      env: { API_BASE: service.url, PROMETHEUS_URL: prom.url },
      github,
    });
    await stopped;
    expect(run.status).toBe('failed');
    const row = check();
    expect(row.status).toBe('failed');
    expect(row.summary).toMatch(
      /^breach at 0:\d\d of 0:30, ending the window: 2 consecutive failures \(expected ≤ 1 consecutive failures\); rollback dispatched/,
    );
    expect(row.details.some((line) => / fail .*value 0: value 0 \{/.test(line))).toBe(true);
    expect(gh.state.repo(`${OWNER}/${REPO}`).dispatches).toHaveLength(1);
  });

  it('no data (a query matching nothing) is inconclusive: pending with the reason, neither a pass nor a breach', async () => {
    const yaml = config('stand-in', '2s').replace('up{job="stand-in"}', 'up{job="no-such-job"}');
    const { run, check } = await runConfig(yaml, { env: { API_BASE: service.url, PROMETHEUS_URL: prom.url } });
    expect(run.status).toBe('pending');
    expect(check()).toMatchObject({ status: 'pending', measured: '0 samples counted', expected: '≥ 4 samples, then every sample passes' });
    expect(check().summary).toBe(
      'inconclusive: 0 counted of 8 samples, min-samples 4; 8 had no data (on-no-data: inconclusive). No data is neither a pass nor a breach: send traffic, fix the query, or set on-no-data',
    );
    expect(gh.requestsTo('actions/create-workflow-dispatch')).toHaveLength(0);
  });

  it('a Prometheus that stops answering is a source error: not verified, and no rollback', async () => {
    const github = githubScope(gh, {}, new RecordingLogger());
    const pause = setTimeout(() => void prom.pause(), 500);
    try {
      const { run, check } = await runConfig(config('stand-in', '4s'), {
        env: { API_BASE: service.url, PROMETHEUS_URL: prom.url },
        github,
      });
      const row = check();
      expect(row.status).toBe('unverified');
      expect(row.summary).toMatch(
        /^the source could not be read in \d+ of \d+ samples \(max-source-errors 1\): the source, not the service, is the problem; last: Prometheus at 127\.0\.0\.1:\d+: no response from 127\.0\.0\.1:\d+ within 1s/,
      );
      expect(run.status).toBe('failed');
      const data = monitorDataOf(row.data);
      expect(data?.breach).toBeUndefined();
      expect(data?.counts['source-error']).toBeGreaterThan(1);
      expect(gh.requestsTo('actions/create-workflow-dispatch')).toHaveLength(0);
    } finally {
      clearTimeout(pause);
      prom.resume();
    }
  });
});
