/**
 * A local api.github.com for tests: a real `node:http` server that validates every
 * request against GitHub's OpenAPI description, keeps state in memory, paginates,
 * reports rate limits and can inject faults.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, faultResponse, type FaultKind } from './faults.js';
import { errorBody, type ApiResponse, type Ctx } from './http.js';
import { OpenApiSpec } from './openapi.js';
import { RateLimiter } from './ratelimit.js';
import { routes } from './routes.js';
import { GitHubState } from './state.js';
import type { AppRec } from './types.js';
import { parseQuery, validateRequest } from './validate.js';

/** Options of {@link startGitHubApi}. */
export interface GitHubApiOptions {
  /** Delay before each request is handled (ms), or a function of the request. */
  latencyMs?: number | ((req: { method: string; path: string }) => number);
  /** Accepted tokens; any non-empty token when omitted. Others get 401 Bad credentials. */
  tokens?: string[];
  /**
   * Who a token acts as: the bot login its comments show and the app of its check runs.
   * Tokens not listed act as `GITHUB_TOKEN` (`github-actions[bot]`, app `github-actions`).
   */
  identities?: Record<string, TokenIdentitySeed>;
  /** Core requests per hour before primary rate limiting (default 5000). */
  rateLimit?: number;
  /** Search requests per minute before primary rate limiting (default 30). */
  searchRateLimit?: number;
  /** Check the fake's own 2xx responses against the response schemas (default true). */
  validateResponses?: boolean;
  /** Record undeclared query parameters as violations (default true). */
  strictQuery?: boolean;
  /** Time source for timestamps. */
  now?: () => Date;
  /** A parsed fixture to use instead of the committed one (mostly for tests of the server). */
  spec?: OpenApiSpec;
}

/** What a token acts as (see {@link GitHubApiOptions.identities}). */
export interface TokenIdentitySeed {
  login: string;
  app: AppRec;
}

/** One logged request. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  status: number;
  /** operationId of the matched operation, e.g. `checks/create`. */
  operation?: string;
  fault?: FaultKind;
}

/** A running fake GitHub API. */
export interface GitHubApiServer {
  /** Base URL for `GITHUB_API_URL` (`http://127.0.0.1:PORT`, no trailing slash). */
  url: string;
  port: number;
  state: GitHubState;
  faults: Faults;
  limits: RateLimiter;
  spec: OpenApiSpec;
  /** Every request, in arrival order. */
  requests: RequestLogEntry[];
  /** Requests GitHub would reject or that break the API contract; tests assert it stays empty. */
  violations: string[];
  /** Responses of the fake itself that do not match GitHub's response schemas (bugs in the fake). */
  responseViolations: string[];
  /** Requests made to one operation (by operationId), e.g. `requestsTo('issues/create-comment')`. */
  requestsTo(operationId: string): RequestLogEntry[];
  /** Forget state, logs, violations, faults and rate-limit usage (the URL stays the same). */
  reset(): void;
  close(): Promise<void>;
}

function requestId(): string {
  const hex = (n: number): string => randomBytes(n).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Start the fake GitHub API on 127.0.0.1 and a free port.
 * @example
 * const gh = await startGitHubApi();
 * gh.state.addPullRequest({ repo: 'owner/repo', number: 7, headSha: 'a'.repeat(40) });
 * process.env.GITHUB_API_URL = gh.url;
 * // ... run code under test ...
 * expect(gh.violations).toEqual([]);
 * await gh.close();
 */
export async function startGitHubApi(options: GitHubApiOptions = {}): Promise<GitHubApiServer> {
  const spec = options.spec ?? new OpenApiSpec();
  const clock = options.now ?? (() => new Date());
  const state = new GitHubState(clock);
  const limits = new RateLimiter(options.rateLimit ?? 5000, options.searchRateLimit ?? 30, () => clock().getTime());
  const faults = new Faults();
  const requests: RequestLogEntry[] = [];
  const violations: string[] = [];
  const responseViolations: string[] = [];
  const checkResponses = options.validateResponses ?? true;
  let url = '';

  async function handle(req: IncomingMessage): Promise<{ res: ApiResponse; entry: RequestLogEntry }> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    const target = new URL(req.url ?? '/', url);
    const entry: RequestLogEntry = {
      method,
      path: target.pathname,
      query: parseQuery(target),
      body: parseJson(rawBody),
      status: 0,
    };
    const latency =
      typeof options.latencyMs === 'function' ? options.latencyMs({ method, path: target.pathname }) : (options.latencyMs ?? 0);
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));

    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth?.[1] || (options.tokens && !options.tokens.includes(auth[1]))) {
      violations.push(`${method} ${target.pathname}: ${auth ? 'bad credentials' : 'no authorization header'}`);
      const message = auth ? 'Bad credentials' : 'Requires authentication';
      return {
        res: { status: 401, body: errorBody(401, message, 'https://docs.github.com/rest') },
        entry,
      };
    }
    const checked = validateRequest(spec, method, target, rawBody, options.strictQuery ?? true);
    if (checked.op) entry.operation = checked.op.operationId;
    const resource = target.pathname.startsWith('/search/') ? 'search' : 'core';
    const counted = entry.operation === 'rate-limit/get' || limits.consume(resource);
    const rate = limits.headers(resource);
    if (!counted) {
      const res = faultResponse('primary-rate-limit', checked.op, limits, 'x');
      return { res: { ...res, headers: { ...res.headers, ...limits.headers(resource) } }, entry };
    }
    if ('response' in checked) {
      violations.push(...checked.problems);
      return { res: { ...checked.response, headers: rate }, entry };
    }
    violations.push(...checked.warnings);
    const { op } = checked;
    const fault = faults.take(method, target.pathname, op.template);
    entry.fault = fault;
    const id = requestId();
    if (fault && fault !== '500-after-commit') {
      const res = faultResponse(fault, op, limits, id);
      return { res: { ...res, headers: { ...rate, ...res.headers } }, entry };
    }
    const owner = checked.params.owner;
    const repoName = checked.params.repo;
    const rec = state.repo(typeof owner === 'string' && typeof repoName === 'string' ? `${owner}/${repoName}` : undefined);
    const ctx: Ctx = {
      api: url,
      state,
      limits,
      op,
      rec,
      params: checked.params,
      query: checked.query,
      body: checked.body,
      url: target,
    };
    let res: ApiResponse;
    // Handlers are synchronous: the token's identity holds for exactly this request.
    const identity = options.identities?.[auth[1]];
    const [actor, app] = [state.actor, state.app];
    if (identity) [state.actor, state.app] = [identity.login, identity.app];
    try {
      const handler = routes[op.operationId];
      if (!handler) throw new Error(`no handler for ${op.operationId}`);
      res = handler(ctx);
    } catch (err) {
      violations.push(`${method} ${target.pathname}: the fake crashed: ${String(err)}`);
      res = { status: 500, body: { message: 'Server Error' } };
    } finally {
      [state.actor, state.app] = [actor, app];
    }
    if (res.status === 422) violations.push(`${method} ${target.pathname} (${op.operationId}): 422 ${JSON.stringify(res.body)}`);
    if (checkResponses) {
      for (const p of spec.validateResponse(op, res.status, res.body)) {
        responseViolations.push(`${method} ${target.pathname} (${op.operationId}) -> ${res.status}: ${p}`);
      }
    }
    if (fault === '500-after-commit') res = faultResponse(fault, op, limits, id);
    return { res: { ...res, headers: { ...rate, ...res.headers } }, entry };
  }

  function send(response: ServerResponse, res: ApiResponse): void {
    const headers: Record<string, string> = {
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      ...res.headers,
    };
    let payload = '';
    if (res.body !== undefined && res.status !== 204) {
      payload = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    response.writeHead(res.status, headers);
    response.end(payload);
  }

  const server = createServer((req, response) => {
    handle(req).then(
      ({ res, entry }) => {
        entry.status = res.status;
        requests.push(entry);
        send(response, res);
      },
      (err: unknown) => {
        violations.push(`${req.method ?? '?'} ${req.url ?? '?'}: the fake crashed: ${String(err)}`);
        send(response, { status: 500, body: { message: 'Server Error' } });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    state,
    faults,
    limits,
    spec,
    requests,
    violations,
    responseViolations,
    requestsTo: (operationId) => requests.filter((r) => r.operation === operationId),
    reset() {
      state.reset();
      faults.clear();
      limits.reset();
      requests.length = 0;
      violations.length = 0;
      responseViolations.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
