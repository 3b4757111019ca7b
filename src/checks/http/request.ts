/**
 * Builds the HTTP request of one step: URL joined to the environment's base URL,
 * headers, credentials and body, with `{{name}}` filled from earlier captures.
 */
import { stringsIn } from '../../config/strings.js';
import { ConfigurationError } from '../../errors.js';
import { CREDENTIAL_HEADERS, DEFAULT_MAX_BODY_BYTES, type HttpRequest } from '../../io/http.js';
import { originOf } from '../../io/origins.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import type { PlanContext } from '../kind.js';
import type { StepConfig } from './schema.js';

/** Redirects followed by `follow-redirects: true`. */
export const DEFAULT_MAX_REDIRECTS = 5;
const CAPTURE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const USER_AGENT = 'release-gates';

/** Names used as `{{name}}` in a string. */
export function captureReferences(text: string): string[] {
  return [...text.matchAll(CAPTURE)].map((match) => match[1] ?? '');
}

/** Fills `{{name}}`. In a URL, a value inside a larger string is URL-encoded. */
export function fillCaptures(text: string, captures: ReadonlyMap<string, string>, inUrl = false): string {
  const whole = /^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/.test(text);
  return text.replace(CAPTURE, (match, name: string) => {
    const value = captures.get(name);
    if (value === undefined) return match;
    return inUrl && !whole ? encodeURIComponent(value) : value;
  });
}

function fillDeep(value: unknown, captures: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return fillCaptures(value, captures);
  if (Array.isArray(value)) return value.map((item: unknown) => fillDeep(item, captures));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillDeep(item, captures)]));
  }
  return value;
}

/**
 * Joins a check URL to the environment's base URL: `/v1/x` on `https://h/api` gives
 * `https://h/api/v1/x`. Absolute URLs are kept.
 * @throws ConfigurationError when the URL is relative and there is no base URL.
 */
export function resolveUrl(url: string, context: Pick<PlanContext, 'environment' | 'location'>): string {
  if (/^https?:\/\//i.test(url) || url.startsWith('{{')) return url;
  const base = context.environment?.url;
  if (!base) {
    const why = context.environment
      ? `environment "${context.environment.name}" has no url`
      : 'no environment was selected (use --env NAME)';
    throw new ConfigurationError([
      { location: context.location, message: `relative URL "${url}" needs a base URL, but ${why} (expected environments.<name>.url)` },
    ]);
  }
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** Values captured by earlier steps of a flow, and the URL of the response each came from. */
export interface Captures {
  values: Map<string, string>;
  /** The response URL each value was read from: a captured relative URL is resolved against it. */
  from: Map<string, string>;
}

/** No captures yet. */
export function noCaptures(): Captures {
  return { values: new Map(), from: new Map() };
}

/** Step fields that shape the request, after planning. */
export interface RequestPlan {
  method: string;
  url: string;
  step: StepConfig;
  timeoutMs: number;
  /**
   * The origins credentials may go to: those the config names (`RunScope.trustedOrigins`).
   * A request to any other origin, such as a URL a response gave (`{{next}}`), is sent
   * without credentials.
   */
  trustedOrigins: ReadonlySet<string>;
}

/** A request, and a note when credentials were held back from another origin. */
export interface BuiltRequest {
  request: HttpRequest;
  note?: string;
}

/**
 * The `Authorization` header value of `auth:`, with captures filled. The basic password,
 * the bearer token and the base64 `user:password` are registered as secrets.
 */
function authorization(auth: StepConfig['auth'], captures: ReadonlyMap<string, string>, secrets: SecretRegistry): string | undefined {
  if (auth && 'basic' in auth) {
    const [user, password] = auth.basic.map((part) => fillCaptures(part, captures));
    secrets.add(password);
    const token = Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64');
    secrets.add(token);
    return `Basic ${token}`;
  }
  if (auth && 'bearer' in auth) {
    const token = fillCaptures(auth.bearer, captures);
    secrets.add(token);
    return `Bearer ${token}`;
  }
  return undefined;
}

/**
 * Registers the values given to `auth:` as secrets when the check is planned, so they are
 * redacted from every output even when this check never sends them (a failing command
 * that prints the same password). Values filled from captures are registered when sent.
 */
export function registerCredentials(step: StepConfig, secrets: SecretRegistry): void {
  if (step.auth && stringsIn(step.auth).flatMap(captureReferences).length === 0) authorization(step.auth, new Map(), secrets);
}

/**
 * The URL of a step with captures filled. A URL that is one capture (`{{next}}`) and holds
 * a relative URL (`/roles/7`, as a `Location` header gives it) is resolved against the
 * URL of the response it was captured from.
 */
function requestUrl(template: string, captures: Captures): string {
  const filled = fillCaptures(template, captures.values, true);
  const whole = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(template)?.[1];
  const base = whole === undefined ? undefined : captures.from.get(whole);
  if (base === undefined || /^[a-z][a-z0-9+.-]*:/i.test(filled)) return filled;
  try {
    return new URL(filled, base).href;
  } catch {
    return filled;
  }
}

/**
 * The request to send for a step, with captures filled. Credentials are registered as
 * secrets so they are redacted wherever they might appear. Credential headers are
 * `Authorization`, `Cookie`, `Proxy-Authorization` and any header holding a secret; they
 * go only to an origin the config names (`plan.trustedOrigins`), never to one a capture
 * supplied, nor across a redirect to another origin (`io/http.ts`).
 */
export function buildRequest(plan: RequestPlan, captures: Captures, secrets: SecretRegistry, signal: AbortSignal): BuiltRequest {
  const { step } = plan;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' };
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    headers[name.toLowerCase()] = fillCaptures(String(value), captures.values);
  }
  const auth = authorization(step.auth, captures.values, secrets);
  if (auth !== undefined) headers.authorization = auth;
  let body: string | undefined;
  if (step.json !== undefined) {
    body = JSON.stringify(fillDeep(step.json, captures.values));
    headers['content-type'] ??= 'application/json';
  } else if (step.form !== undefined) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(step.form)) form.append(name, fillCaptures(String(value), captures.values));
    body = form.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (step.body !== undefined) {
    body = fillCaptures(step.body, captures.values);
  }
  const follow = step['follow-redirects'];
  const url = requestUrl(plan.url, captures);
  const credentialHeaders = Object.entries(headers)
    .filter(([name, value]) => (CREDENTIAL_HEADERS as readonly string[]).includes(name) || secrets.redact(value) !== value)
    .map(([name]) => name);
  let note: string | undefined;
  let sent = headers;
  const target = originOf(url);
  if (credentialHeaders.length && (target === undefined || !plan.trustedOrigins.has(target))) {
    sent = Object.fromEntries(Object.entries(headers).filter(([name]) => !credentialHeaders.includes(name)));
    note = `credentials not sent to ${target ?? url}: not an origin the config names (${credentialHeaders.join(', ')} held back)`;
  }
  const request: HttpRequest = {
    method: plan.method,
    url,
    headers: sent,
    ...(body === undefined ? {} : { body }),
    timeoutMs: plan.timeoutMs,
    maxBodyBytes: step['max-body'] ?? DEFAULT_MAX_BODY_BYTES,
    maxRedirects: follow === true ? DEFAULT_MAX_REDIRECTS : typeof follow === 'number' ? follow : 0,
    credentialHeaders,
    signal,
  };
  return note === undefined ? { request } : { request, note };
}
