/**
 * Fault injection: make chosen requests fail the way api.github.com fails.
 */
import { errorBody, type ApiResponse } from './http.js';
import type { Operation } from './openapi.js';
import type { RateLimiter } from './ratelimit.js';

/**
 * - `500`, `502`: server errors (the 502 body is HTML, as from GitHub's proxy);
 * - `secondary-rate-limit`: 403, `retry-after: 1`, GitHub's secondary-limit message,
 *   `x-ratelimit-remaining` not 0;
 * - `rate-limit-429`: 429 with `retry-after: 1` and the secondary-limit message;
 * - `primary-rate-limit`: 403 with `x-ratelimit-remaining: 0` and a reset 1 s ahead;
 * - `read-only`: 403 "Resource not accessible by integration" (a fork PR's token);
 * - `body-too-long`: 422 Validation Failed, as for an over-long body;
 * - `500-after-commit`: the write happens, then the answer is a 500 (a lost response).
 */
export type FaultKind =
  '500' | '502' | 'secondary-rate-limit' | 'rate-limit-429' | 'primary-rate-limit' | 'read-only' | 'body-too-long' | '500-after-commit';

/** Which requests a fault hits, how often, and how. */
export interface FaultSpec {
  kind: FaultKind;
  /** HTTP method (any case); all methods when omitted. */
  method?: string;
  /**
   * A string matches the request path exactly or the OpenAPI template
   * (`/repos/{owner}/{repo}/check-runs`); a RegExp is tested against the path.
   */
  path?: string | RegExp;
  /** How many matching requests fail (default 1; `Infinity` for all). */
  times?: number;
}

interface Armed extends FaultSpec {
  remaining: number;
}

/** Ordered, consumable faults. The first armed fault that matches a request is used. */
export class Faults {
  private readonly armed: Armed[] = [];

  /** Arm a fault; faults apply in the order added. */
  add(spec: FaultSpec): this {
    this.armed.push({ ...spec, remaining: spec.times ?? 1 });
    return this;
  }

  /** Disarm everything. */
  clear(): void {
    this.armed.length = 0;
  }

  /** Faults still armed (with their remaining counts). */
  get pending(): ReadonlyArray<FaultSpec & { remaining: number }> {
    return this.armed;
  }

  /** Consume and return the fault for a request, if any. */
  take(method: string, path: string, template: string | undefined): FaultKind | undefined {
    const i = this.armed.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) &&
        (f.path === undefined || (f.path instanceof RegExp ? f.path.test(path) : f.path === path || f.path === template)),
    );
    const fault = this.armed[i];
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.armed.splice(i, 1);
    return fault.kind;
  }
}

const RATE_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

/** Permission a `GITHUB_TOKEN` needs for an operation (for `x-accepted-github-permissions`). */
function permissionFor(op: Operation | undefined): string {
  const id = op?.operationId ?? '';
  const level = op?.method === 'GET' ? 'read' : 'write';
  if (id.startsWith('checks/')) return `checks=${level}`;
  if (id.startsWith('pulls/')) return `pull_requests=${level}`;
  if (id.startsWith('issues/')) return `issues=${level}; pull_requests=${level}`;
  if (id.includes('commit-status')) return `statuses=${level}`;
  if (id.includes('deployment')) return `deployments=${level}`;
  if (id.startsWith('actions/')) return `actions=${level}`;
  return `contents=${level}`;
}

/** The response GitHub gives for a fault (not used for `500-after-commit` until after the write). */
export function faultResponse(kind: FaultKind, op: Operation | undefined, limits: RateLimiter, requestId: string): ApiResponse {
  const docs = op?.docsUrl ?? 'https://docs.github.com/rest';
  const secondary =
    `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ` +
    `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
  switch (kind) {
    case '500':
    case '500-after-commit':
      return { status: 500, body: { message: 'Server Error' } };
    case '502':
      return {
        status: 502,
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        headers: { 'content-type': 'text/html' },
      };
    case 'secondary-rate-limit':
      return {
        status: 403,
        body: errorBody(403, secondary, `${RATE_DOCS}#about-secondary-rate-limits`),
        headers: { 'retry-after': '1', 'x-github-request-id': requestId },
      };
    case 'rate-limit-429':
      return {
        status: 429,
        body: errorBody(429, secondary, `${RATE_DOCS}#about-secondary-rate-limits`),
        headers: { 'retry-after': '1', 'x-github-request-id': requestId },
      };
    case 'primary-rate-limit': {
      const reset = String(Math.floor(Date.now() / 1000) + 1);
      return {
        status: 403,
        body: errorBody(403, 'API rate limit exceeded for installation ID 1.', `${RATE_DOCS}#about-the-primary-rate-limit`),
        headers: { ...limits.headers('core', 0), 'x-ratelimit-reset': reset },
      };
    }
    case 'read-only':
      return {
        status: 403,
        body: errorBody(403, 'Resource not accessible by integration', docs),
        headers: { 'x-accepted-github-permissions': permissionFor(op) },
      };
    case 'body-too-long':
      return {
        status: 422,
        body: errorBody(422, 'Validation Failed', docs, {
          errors: [
            {
              resource: 'IssueComment',
              code: 'unprocessable',
              field: 'data',
              message: 'Body is too long (maximum is 65536 characters)',
            },
          ],
        }),
      };
  }
}
