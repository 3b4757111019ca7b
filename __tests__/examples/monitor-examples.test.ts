/**
 * The example monitor configs of runbooks 004 and 002, as shipped (only the window
 * shortened through their `${MONITOR_*}` variables), against their stand-in services and
 * a real Prometheus scraping them: a healthy release passes every threshold; a degraded
 * one breaches before the window ends.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { monitorDataOf } from '../../src/evidence/monitor.js';
import { runConfig, setMode, startAliasService } from '../gates/monitor/helpers.js';
import { startPrometheus, type Prometheus } from '../support/prometheus.js';
import { startTarget, type Target } from '../support/targets/index.js';

const TALKATIVE = fileURLToPath(new URL('../../examples/talkative-poc/service.mjs', import.meta.url));
const ALIAS_CONFIG = 'examples/alias-initiative/release-gates.yml';
const TALKATIVE_CONFIG = 'examples/talkative-poc/release-gates.yml';
const SHORT = { MONITOR_WINDOW: '5s', MONITOR_INTERVAL: '500ms', MONITOR_INITIAL_DELAY: '0s' };

let alias: Target;
let talkative: Target;
let prom: Prometheus;
/** Users of both services: the rates need traffic. */
let traffic: NodeJS.Timeout;

beforeAll(async () => {
  [alias, talkative] = await Promise.all([startAliasService(), startTarget(TALKATIVE)]);
  traffic = setInterval(() => {
    for (const url of [`${alias.url}/api/employers`, `${alias.url}/api/employers/search?q=acme`]) void fetch(url).catch(() => undefined);
    void fetch(`${talkative.url}/agents/agent-2/message`, { method: 'POST', body: '{"text":"hi"}' }).catch(() => undefined);
    void fetch(`${talkative.url}/orchestrator/run`, { method: 'POST' }).catch(() => undefined);
  }, 50);
  prom = await startPrometheus({ 'alias-api': alias.url, 'talkative-backend': talkative.url });
  // Every ratio has a value once two scrapes have seen traffic.
  await prom.waitFor('sum(up)', (value) => value === 2);
  await prom.waitFor(
    'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{route="/api/employers/search"}[5m])))',
    (value) => value !== undefined && !Number.isNaN(value),
  );
  await prom.waitFor('sum(rate(http_requests_total{job="talkative-backend",route="/orchestrator/run"}[5m]))', (value) => (value ?? 0) > 0);
}, 120_000);

afterAll(async () => {
  clearInterval(traffic);
  await prom.stop();
  await Promise.all([alias.stop(), talkative.stop()]);
});

async function run(file: string, env: Record<string, string>, environment = 'local') {
  const yaml = await readFile(file, 'utf8');
  return runConfig(environment === 'local' ? yaml : yaml.replace(/^environments:\n/m, 'environments:\n  local:\n    url: ${API_BASE}\n'), {
    env: { PROMETHEUS_URL: prom.url, ...SHORT, ...env },
  });
}

describe('runbook 004: monitor for 30 minutes, held to the alerting thresholds', () => {
  it('passes while the release is healthy', async () => {
    await setMode(alias, 'healthy');
    const { run: result } = await run(ALIAS_CONFIG, { API_BASE: alias.url });
    const rows = result.gates[0]?.checks ?? [];
    expect(rows.filter((row) => row.status !== 'passed').map((row) => `${row.name}: ${row.summary}`)).toEqual([]);
    expect(rows.map((row) => row.name)).toContain('alias search under 1 s (probe): p95 ≤ 1s');
    expect(rows.map((row) => row.name)).toContain('canonical review backlog at most 50');
  });

  it('breaches early when the release degrades (errors and slow searches)', async () => {
    await setMode(alias, 'degraded', { 'error-rate': '0.5', 'slow-ms': '1200' });
    try {
      const { run: result } = await run(ALIAS_CONFIG, { API_BASE: alias.url, MONITOR_WINDOW: '30s' });
      expect(result.status).toBe('failed');
      const breached = result.gates[0]?.checks.find((row) => monitorDataOf(row.data)?.breach !== undefined);
      expect(breached?.status).toBe('failed');
      const window = monitorDataOf(breached?.data)?.window;
      expect(window?.ended).toBe('breach');
      expect(window?.elapsedMs ?? Infinity).toBeLessThan(30_000);
      expect(breached?.summary).toMatch(/rollback not dispatched: no GitHub repository and token here/);
    } finally {
      await setMode(alias, 'healthy');
    }
  });
});

describe('runbook 002: rollback triggers', () => {
  it('passes while the backend is healthy, the loop progresses and errors are rare', async () => {
    await setMode(talkative, 'healthy');
    const { run: result } = await run(TALKATIVE_CONFIG, { API_BASE: talkative.url }, 'added');
    const rows = result.gates[0]?.checks ?? [];
    expect(rows.map((row) => [row.name, row.status])).toEqual([
      ['health failing at most 5 minutes: failing ≤ 5m', 'passed'],
      ['message and orchestrator error rate: ≤ 1 consecutive failures', 'passed'],
      ['backend scraped (up): ≤ 1 consecutive failures', 'passed'],
      ['message loop progresses: ≤ 2 consecutive failures', 'passed'],
    ]);
  });

  it('breaches on an error-rate spike on /agents/:id/message', async () => {
    await setMode(talkative, 'errors', { 'error-rate': '0.5' });
    try {
      const { run: result } = await run(TALKATIVE_CONFIG, { API_BASE: talkative.url, MONITOR_WINDOW: '30s' }, 'added');
      expect(result.status).toBe('failed');
      const failed = result.gates[0]?.checks.filter((row) => row.status === 'failed').map((row) => row.name) ?? [];
      expect(failed).toHaveLength(1);
      expect([
        'message and orchestrator error rate: ≤ 1 consecutive failures',
        'message loop progresses: ≤ 2 consecutive failures',
      ]).toContain(failed[0]);
    } finally {
      await setMode(talkative, 'healthy');
    }
  });
});
