/**
 * The `prometheus` kind against a real Prometheus (Debian `prometheus`) scraping the
 * runbook 004 stand-in every second: a value held to a matcher, an error ratio that rises
 * when the service is switched into its error mode, and every way there is no value —
 * an empty vector and NaN are no data (pending); several series, a query error, an
 * unreachable, stopped (SIGSTOP) or proxied-5xx Prometheus are source errors (not
 * verified), never a verdict on the service. Credentials go to the configured origin
 * only, and a redirect is not followed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smokeGate } from '../../../src/gates/smoke/index.js';
import { runConfig, setMode, startAliasService } from '../../gates/monitor/helpers.js';
import { startPrometheus, type Prometheus } from '../../support/prometheus.js';
import { closedPortUrl, type Target } from '../../support/targets/index.js';

let service: Target;
let prom: Prometheus;
/** Background traffic to the stand-in, so its rates have something to say. */
let traffic: NodeJS.Timeout | undefined;

/** The 5xx series does not exist until the first 5xx: `or vector(0)` makes it 0, not absent. */
const RATIO =
  '(sum(rate(http_requests_total{route="/api/employers",code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{route="/api/employers"}[5s]))';

beforeAll(async () => {
  service = await startAliasService();
  prom = await startPrometheus({ 'stand-in': service.url });
  await prom.waitFor('up{job="stand-in"}', (value) => value === 1);
}, 120_000);

afterAll(async () => {
  if (traffic) clearInterval(traffic);
  await prom.stop();
  await service.stop();
});

/** Runs one prometheus check (YAML lines under `- `) in a smoke gate, against `server`. */
async function check(lines: string, server = prom.url) {
  const yaml = `version: 1\nenvironments:\n  local: {}\nsmoke:\n  checks:\n    - server: ${server}\n${lines
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}\n`;
  const { check: result } = await runConfig(yaml, { gate: smokeGate });
  return result();
}

describe('a value', () => {
  it('passes when the matcher holds, and records the value, the resolved query and the series', async () => {
    const result = await check(`prometheus: up{job="stand-in"}\nexpect: 1`);
    expect(result).toMatchObject({ status: 'passed', measured: '1', expected: '== 1' });
    expect(result.data).toMatchObject({ value: 1, query: 'up{job="stand-in"}', resultType: 'vector' });
    expect((result.data as { series: string }).series).toContain('job="stand-in"');
  });

  it('follows the service: the error ratio is 0 while healthy and rises in the error mode', async () => {
    traffic = setInterval(() => void fetch(`${service.url}/api/employers`).catch(() => undefined), 25);
    await prom.waitFor(RATIO, (value) => value === 0, 30_000);
    const healthy = await check(`name: error rate on /api/employers\nprometheus: '${RATIO}'\nexpect: { lte: 0.01 }`);
    expect(healthy).toMatchObject({ status: 'passed', measured: '0', expected: '≤ 0.01' });
    expect(healthy.data).toMatchObject({ bounds: { lte: 0.01 } });

    await setMode(service, 'errors', { 'error-rate': '0.5' });
    try {
      await prom.waitFor(RATIO, (value) => value !== undefined && value > 0.2, 30_000);
      const failing = await check(`prometheus: '${RATIO}'\nexpect: { lte: 0.01 }`);
      expect(failing.status).toBe('failed');
      expect(Number(failing.measured)).toBeGreaterThan(0.2);
      expect(failing.summary).toMatch(/^value 0\.\d+, expected ≤ 0\.01$/);
    } finally {
      await setMode(service, 'healthy');
      clearInterval(traffic);
      traffic = undefined;
    }
  }, 90_000);
});

describe('no data is neither a pass nor a failure', () => {
  it('an empty vector is pending', async () => {
    const result = await check(`prometheus: http_requests_total{route="/no/such/route"}\nexpect: { lte: 0.01 }`);
    expect(result).toMatchObject({ status: 'pending', measured: 'no data' });
    expect(result.summary).toBe('no data: the query returned an empty vector (no series matched)');
  });

  it('NaN is pending', async () => {
    const result = await check(`prometheus: 0/0\nexpect: { lte: 0.01 }`);
    expect(result.status).toBe('pending');
    expect(result.summary).toMatch(/NaN/);
  });

  it('a ratio of rates without traffic (0/0) is pending', async () => {
    await fetch(`${service.url}/api/health`);
    const rate = 'sum(rate(http_requests_total{route="/api/health"}[5s]))';
    await prom.waitFor(rate, (value) => value === 0);
    const result = await check(`prometheus: '${rate} / ${rate}'\nexpect: { lte: 0.01 }`);
    expect(result.status).toBe('pending');
    expect(result.summary).toMatch(/NaN \(a ratio of 0\/0: no traffic/);
  });
});

describe('source errors: the metrics source, not the service', () => {
  it('several series: says how to aggregate', async () => {
    await fetch(`${service.url}/api/employers/search?q=acme`);
    await prom.waitFor('count(http_requests_total)', (value) => value !== undefined && value >= 2);
    const result = await check(`prometheus: http_requests_total\nexpect: { gte: 0 }`);
    expect(result.status).toBe('unverified');
    expect(result.summary).toMatch(
      /the query returned \d+ series \(\{.*\); a threshold needs one value: aggregate them, e\.g\. sum\(http_requests_total\) or max by \(\) \(http_requests_total\)/,
    );
    expect(result.summary).toMatch(/the metrics source failed, not the service$/);
  });

  it('a query error', async () => {
    const result = await check(`prometheus: 'sum(rate(http_requests_total[5s]'\nexpect: 1`);
    expect(result.status).toBe('unverified');
    expect(result.summary).toMatch(/Prometheus answered 400 bad_data: .*parse error/);
  });

  it('Prometheus unreachable', async () => {
    const closed = await closedPortUrl();
    const result = await check(`prometheus: up\nexpect: 1`, closed);
    expect(result.status).toBe('unverified');
    expect(result.summary).toBe(
      `Prometheus at ${new URL(closed).host}: connection refused by ${new URL(closed).host}; the metrics source failed, not the service`,
    );
  });

  it('Prometheus stopped (accepts connections, never answers): a timeout', async () => {
    await prom.pause();
    try {
      const result = await check(`prometheus: up\nexpect: 1\ntimeout: 1s`);
      expect(result.status).toBe('unverified');
      expect(result.summary).toMatch(/no response from 127\.0\.0\.1:\d+ within 1s; the metrics source failed, not the service/);
    } finally {
      prom.resume();
    }
  });
});

describe('through a proxy', () => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let proxy: { url: string; close: () => Promise<void> };
  let other: { url: string; close: () => Promise<void> };

  /** A local server answering each request with `reply(path)`. */
  async function serve(reply: (path: string) => { status: number; type: string; body: string; location?: string }) {
    const server = createServer((req, res) => {
      seen.push({ url: `${req.headers.host ?? ''}${req.url ?? ''}`, headers: req.headers });
      const answer = reply(req.url ?? '/');
      res.writeHead(answer.status, { 'content-type': answer.type, ...(answer.location ? { location: answer.location } : {}) });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
    };
  }

  beforeAll(async () => {
    other = await serve(() => ({
      status: 200,
      type: 'application/json',
      body: '{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}',
    }));
    proxy = await serve((path) =>
      path.startsWith('/down/')
        ? { status: 503, type: 'text/html', body: '<html><body>503 Service Unavailable</body></html>' }
        : path.startsWith('/moved/')
          ? { status: 302, type: 'text/plain', body: '', location: `${other.url}/api/v1/query?query=up` }
          : { status: 200, type: 'application/json', body: '{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}' },
    );
  });
  afterAll(async () => {
    await proxy.close();
    await other.close();
  });

  it('a 5xx from the metrics backend is a source error', async () => {
    const result = await check(`prometheus: up\nexpect: 1`, `${proxy.url}/down`);
    expect(result.status).toBe('unverified');
    expect(result.summary).toMatch(/Prometheus answered 503 with a body that is not its API's JSON/);
  });

  it('sends bearer credentials to the server under its path prefix, and follows no redirect', async () => {
    seen.length = 0;
    const passing = await check(`prometheus: up\nexpect: 1\nauth: { bearer: s3cr3t-t0ken }`, `${proxy.url}/prom`);
    expect(passing.status).toBe('passed');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toMatch(/\/prom\/api\/v1\/query\?query=up&timeout=\d+ms$/);
    expect(seen[0]?.headers.authorization).toBe('Bearer s3cr3t-t0ken');

    seen.length = 0;
    const moved = await check(`prometheus: up\nexpect: 1\nauth: { bearer: s3cr3t-t0ken }`, `${proxy.url}/moved`);
    expect(moved.status).toBe('unverified');
    expect(seen.map((request) => request.url.split('/')[0])).toEqual([new URL(proxy.url).host]);
  });
});
