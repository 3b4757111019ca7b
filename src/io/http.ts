/**
 * HTTP behind a small interface, with the safety rules of the README's "Security": bodies
 * are read up to a cap (after decoding gzip, deflate or br), redirects are followed only
 * when asked, and credentials (`Authorization`, `Cookie`, `Proxy-Authorization`) never
 * cross to another origin.
 */
import type { Agent, Dispatcher } from 'undici';
import { formatDuration, formatSize } from '../config/units.js';
import { BodyDecodeError, readBody } from './http-body.js';

/** Default cap on a response body: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Headers that are dropped when a redirect leaves the request's origin. */
export const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'] as const;

export interface HttpRequest {
  method: string;
  url: string;
  /** Header names in any case. */
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Time allowed for the whole exchange, redirects included, in milliseconds. */
  timeoutMs: number;
  /** Bytes of body kept; the rest is not read and `truncated` is set. */
  maxBodyBytes: number;
  /** Redirects followed; 0 returns the 3xx response itself. */
  maxRedirects: number;
  /**
   * Lower-case names of headers dropped when a redirect leaves the origin; default
   * {@link CREDENTIAL_HEADERS}. Callers add any header that holds a secret.
   */
  credentialHeaders?: readonly string[];
  signal?: AbortSignal;
}

export interface Redirect {
  status: number;
  from: string;
  to: string;
  /** True when credentials were dropped because the redirect changed origin. */
  droppedCredentials: boolean;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  /** True when the (decoded) body was longer than `maxBodyBytes` and reading stopped there. */
  truncated: boolean;
  /**
   * The `content-encoding` the body was decoded from (`gzip`, `deflate`, `br`), or with
   * "(not decoded)" for one we do not decode; absent for a body sent as is.
   */
  encoding?: string;
  /** The URL that gave this response, after redirects. */
  url: string;
  redirects: Redirect[];
  /** Milliseconds from sending the first request to the end of the (capped) body. */
  elapsedMs: number;
}

/** A transport failure, with a reason written for people ("connection refused by …"). */
export class HttpFailure extends Error {
  constructor(
    readonly reason: string,
    readonly elapsedMs: number,
  ) {
    super(reason);
    this.name = 'HttpFailure';
  }
}

/** Sends one request. Throws {@link HttpFailure} for transport failures. */
export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Loads what sending needs, so a gate's clock does not count start-up work. */
  prepare?: () => Promise<void>;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function withoutCredentials(headers: Record<string, string>, credentials: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !credentials.includes(name.toLowerCase())));
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error && typeof error === 'object' ? ((error as { code?: string }).code ?? undefined) : undefined;
}

/** Turns an undici/Node error into a sentence. */
function describe(error: unknown, url: URL, phase: 'connect' | 'body', bytes: number, timedOut: boolean, timeoutMs: number): string {
  const where = url.host;
  if (timedOut) {
    return phase === 'body'
      ? `response body not complete within ${formatDuration(timeoutMs)} (${formatSize(bytes)} read)`
      : `no response from ${where} within ${formatDuration(timeoutMs)}`;
  }
  if (error instanceof BodyDecodeError) return `response body from ${where} could not be decoded: ${error.reason}`;
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${url.hostname}`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return phase === 'body'
        ? `connection reset by ${where} after ${formatSize(bytes)} of the response body`
        : `connection reset by ${where} before a response`;
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return 'cancelled';
    case 'UND_ERR_HEADERS_OVERFLOW':
      return `response headers from ${where} too large`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      if (phase === 'body') return `response body from ${where} failed after ${formatSize(bytes)}: ${message}`;
      return `request to ${where} failed: ${message}${code ? ` (${code})` : ''}`;
    }
  }
}

/**
 * {@link HttpClient} over undici, with one connection pool per origin. undici is loaded
 * on the first request, so a run without HTTP checks does not pay for it at start-up.
 */
export class UndiciHttpClient implements HttpClient {
  private undici: Promise<{ agent: Agent; request: typeof import('undici').request }> | undefined;

  constructor(private readonly options: { connectionsPerOrigin?: number } = {}) {}

  /** Loads undici (one function, so callers can tell it is the same work). */
  readonly prepare = async (): Promise<void> => {
    await this.load();
  };

  private load(): Promise<{ agent: Agent; request: typeof import('undici').request }> {
    this.undici ??= import('undici').then(({ Agent, request }) => ({
      agent: new Agent({
        keepAliveTimeout: 4000,
        connections: this.options.connectionsPerOrigin ?? null,
        headersTimeout: 0,
        bodyTimeout: 0,
      }),
      request,
    }));
    return this.undici;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const { agent, request } = await this.load();
    const start = performance.now();
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new HttpFailure(`invalid URL ${JSON.stringify(req.url)} (expected an absolute http:// or https:// URL)`, 0);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpFailure(`unsupported URL scheme "${url.protocol}" in ${JSON.stringify(req.url)} (expected http:// or https://)`, 0);
    }
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    const redirects: Redirect[] = [];
    let method = req.method.toUpperCase();
    let headers = { ...req.headers };
    const credentials = (req.credentialHeaders ?? CREDENTIAL_HEADERS).map((name) => name.toLowerCase());
    let body = req.body;
    try {
      for (;;) {
        let phase: 'connect' | 'body' = 'connect';
        let bytes = 0;
        try {
          const res = await request(url, { method: method, headers, body, signal, dispatcher: agent });
          const location = res.headers.location;
          if (REDIRECTS.has(res.statusCode) && typeof location === 'string' && redirects.length < req.maxRedirects) {
            await res.body.dump({ limit: 64 * 1024, signal });
            let next: URL;
            try {
              next = new URL(location, url);
            } catch {
              throw new HttpFailure(
                `redirect ${res.statusCode} to an unusable Location ${JSON.stringify(location)} (expected a URL, absolute or relative to ${url.href})`,
                performance.now() - start,
              );
            }
            const droppedCredentials =
              next.origin !== url.origin && Object.keys(headers).length !== Object.keys(withoutCredentials(headers, credentials)).length;
            if (next.origin !== url.origin) headers = withoutCredentials(headers, credentials);
            if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
              method = method === 'HEAD' ? 'HEAD' : 'GET';
              body = undefined;
              headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
            }
            redirects.push({ status: res.statusCode, from: url.href, to: next.href, droppedCredentials });
            url = next;
            continue;
          }
          phase = 'body';
          const received = flattenHeaders(res.headers);
          const read = await readBody(res.body, received['content-encoding'], req.maxBodyBytes, (n) => (bytes = n));
          return {
            status: res.statusCode,
            headers: received,
            body: read.body,
            truncated: read.truncated,
            ...(read.encoding === undefined ? {} : { encoding: read.encoding }),
            url: url.href,
            redirects,
            elapsedMs: performance.now() - start,
          };
        } catch (error) {
          if (error instanceof HttpFailure) throw error;
          const timedOut = timeout.signal.aborted && !req.signal?.aborted;
          throw new HttpFailure(describe(error, url, phase, bytes, timedOut, req.timeoutMs), performance.now() - start);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.undici) await (await this.undici).agent.close();
  }
}
