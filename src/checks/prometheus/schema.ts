/**
 * Config schema of the `prometheus` check kind: an instant query and the matcher its one
 * value is held to (runbook 004, "Alerting Thresholds": error rate > 1% on
 * `/api/employers`, alias search > 1 s).
 *
 * ```yaml
 * - name: error rate on /api/employers
 *   prometheus: sum(rate(http_requests_total{route="/api/employers",code=~"5.."}[1m])) / sum(rate(http_requests_total{route="/api/employers"}[1m]))
 *   server: ${PROMETHEUS_URL}
 *   expect: { lte: 0.01 }
 * ```
 */
import { z } from 'zod';
import { CheckCommon, Template } from '../../config/schema/common.js';
import { Matcher } from '../../matchers/schema.js';
import { Auth } from '../http/schema.js';

export const PrometheusCheck = z.strictObject({
  ...CheckCommon,
  /** The PromQL expression, evaluated as an instant query (`/api/v1/query`). */
  prometheus: z.string().min(1),
  /** Prometheus's base URL, e.g. `http://prometheus:9090` (a path prefix is kept). */
  server: z.union([z.string().regex(/^https?:\/\/\S+$/i), Template], {
    error: 'expected an absolute http(s) URL like http://prometheus:9090, or ${PROMETHEUS_URL}',
  }),
  /** More request headers (a tenant header such as `X-Scope-OrgID`). */
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Credentials, sent only to `server`'s origin (redirects are not followed). */
  auth: Auth.optional(),
  /** What the value must be: a matcher, e.g. `1` (equals) or `{ lte: 0.01 }`. */
  expect: Matcher.optional(),
});

export type PrometheusCheckConfig = z.output<typeof PrometheusCheck>;
