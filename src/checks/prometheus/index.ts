/**
 * The `prometheus` check kind: an instant query (`GET /api/v1/query`) whose one value —
 * a scalar, or a vector of exactly one series — is held to a matcher. An empty vector or
 * NaN is no data (`pending`); Prometheus unreachable, silent, answering 5xx or a query
 * error, or several series, is a source error (`unverified`): never a verdict on the
 * service (docs/monitor.md, "Sources").
 */
import { ConfigurationError } from '../../errors.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { MeasuredValue } from '../../evidence/monitor.js';
import { HttpFailure } from '../../io/http.js';
import { applyMatcher } from '../../matchers/matchers.js';
import type { MatcherConfig } from '../../matchers/schema.js';
import { cut } from '../../text.js';
import { buildRequest, noCaptures } from '../http/request.js';
import type { StepConfig } from '../http/schema.js';
import type { CheckKind, PlanContext } from '../kind.js';
import { readQueryResponse, warningsOf, type QueryResult } from './response.js';
import { PrometheusCheck, type PrometheusCheckConfig } from './schema.js';

/** Cap on an answer: one series is a few hundred bytes. */
const MAX_BODY_BYTES = 1024 * 1024;
const BOUND_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

/** The numeric bounds of a matcher, for charts. */
function boundsOf(expect: MatcherConfig | undefined): MeasuredValue['bounds'] | undefined {
  if (expect === null || typeof expect !== 'object') return undefined;
  const bounds = Object.fromEntries(BOUND_KEYS.flatMap((key) => (typeof expect[key] === 'number' ? [[key, expect[key]]] : [])));
  return Object.keys(bounds).length ? bounds : undefined;
}

/** The query URL under `server` (a path prefix is kept). */
function queryUrl(server: string, query: string, timeoutMs: number, context: Pick<PlanContext, 'location'>): string {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    base = new URL('invalid:');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new ConfigurationError([
      {
        location: context.location,
        message: `server ${JSON.stringify(server)} is not an absolute http(s) URL (expected e.g. http://prometheus:9090)`,
      },
    ]);
  }
  const params = new URLSearchParams({ query, timeout: `${Math.max(1, timeoutMs - 100)}ms` });
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/v1/query?${params.toString()}`;
}

/** Turns a query's result into an outcome: measured against expected. */
function outcomeOf(config: PrometheusCheckConfig, host: string, result: QueryResult, warnings: string[]): CheckOutcome {
  const query = config.prometheus;
  const bounds = boundsOf(config.expect);
  const data = (value: MeasuredValue['value'], extra: Record<string, unknown> = {}): MeasuredValue & Record<string, unknown> => ({
    value,
    query,
    server: host,
    ...(bounds ? { bounds } : {}),
    ...extra,
  });
  const details = [`query: ${query}`, ...warnings.map((warning) => `Prometheus warning: ${warning}`)];
  if (result.kind === 'source-error') {
    return {
      status: 'unverified',
      summary: `Prometheus at ${host}: ${result.why}; the metrics source failed, not the service`,
      measured: cut(result.why, 120),
      expected: 'one value from Prometheus',
      details,
      data: data(null, { error: result.why }),
    };
  }
  if (result.kind === 'no-data') {
    return {
      status: 'pending',
      summary: `no data: ${result.why}`,
      measured: 'no data',
      expected: 'a value',
      details,
      data: data(null, { resultType: result.resultType }),
    };
  }
  const shown = typeof result.value === 'number' && !Number.isFinite(result.value) ? (result.value > 0 ? '+Inf' : '-Inf') : result.value;
  const recorded = typeof result.value === 'number' && !Number.isFinite(result.value) ? String(shown) : result.value;
  const assertions = config.expect === undefined ? [] : applyMatcher('value', [result.value], config.expect);
  const failed = assertions.filter((assertion) => !assertion.ok);
  const expected = assertions.map((assertion) => assertion.expected).join(', ') || 'any value';
  const series = result.series && result.series !== '{}' ? ` ${result.series}` : '';
  const extra = { resultType: result.resultType, ...(result.series ? { series: result.series } : {}) };
  if (failed.length) {
    return {
      status: 'failed',
      summary: `value ${String(shown)}${series}, expected ${expected}`,
      measured: String(shown),
      expected,
      details,
      data: data(recorded, extra),
    };
  }
  return {
    status: 'passed',
    summary: `value ${String(shown)}${series} (expected ${expected})`,
    measured: String(shown),
    expected,
    details,
    data: data(recorded, extra),
  };
}

export const prometheusKind: CheckKind<PrometheusCheckConfig> = {
  name: 'prometheus',
  key: 'prometheus',
  schema: PrometheusCheck,
  describe: (config) => `prometheus ${cut(config.prometheus, 60)}`,
  plan(config, context) {
    const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
    const url = queryUrl(config.server, config.prometheus, timeoutMs, context);
    const server = new URL(config.server);
    const step: StepConfig = {
      http: { method: 'GET', url },
      ...(config.headers ? { headers: config.headers } : {}),
      ...(config.auth ? { auth: config.auth } : {}),
      'max-body': MAX_BODY_BYTES,
    };
    return {
      timeoutMs,
      ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
      run: async ({ signal }) => {
        // The query URL is built from `server:`, which the config names: credentials go only there.
        const plan = { method: 'GET', url, step, timeoutMs, trustedOrigins: new Set([server.origin]) };
        const { request } = buildRequest(plan, noCaptures(), context.secrets, signal);
        try {
          const response = await context.io.http.send(request);
          const text = response.body.toString('utf8');
          return outcomeOf(
            config,
            server.host,
            readQueryResponse(config.prometheus, response.status, text, response.truncated),
            warningsOf(text),
          );
        } catch (error) {
          if (!(error instanceof HttpFailure)) throw error;
          return outcomeOf(config, server.host, { kind: 'source-error', why: error.reason }, []);
        }
      },
    };
  },
};
