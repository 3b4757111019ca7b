/**
 * Builds the HTTP request of one step: URL joined to the environment's base URL,
 * headers, credentials and body, with `{{name}}` filled from earlier captures.
 */
import { ConfigurationError } from '../../errors.js';
import { CREDENTIAL_HEADERS, DEFAULT_MAX_BODY_BYTES, type HttpRequest } from '../../io/http.js';
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

/** Every string inside a JSON-like value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
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

/** Step fields that shape the request, after planning. */
export interface RequestPlan {
  method: string;
  url: string;
  step: StepConfig;
  timeoutMs: number;
  /**
   * The origin credentials may go to: the one written in the config (the environment's
   * URL, or the step's absolute URL). A URL taken from a response (`{{next}}`) to another
   * origin gets no credentials.
   */
  trustedOrigin?: string | undefined;
}

/** The origin of a URL as written, or undefined when a capture decides it. */
export function writtenOrigin(url: string, environmentUrl: string | undefined): string | undefined {
  const origin = (text: string | undefined): string | undefined => {
    try {
      return text === undefined ? undefined : new URL(text).origin;
    } catch {
      return undefined;
    }
  };
  const host = /^https?:\/\/([^/]*)/i.exec(url)?.[1];
  if (host !== undefined && !host.includes('{{')) return origin(url);
  return origin(environmentUrl);
}

/** A request, and a note when credentials were held back from another origin. */
export interface BuiltRequest {
  request: HttpRequest;
  note?: string;
}

/**
 * The request to send for a step, with captures filled. Credentials are registered as
 * secrets so they are redacted wherever they might appear. Credential headers are
 * `Authorization`, `Cookie`, `Proxy-Authorization` and any header holding a secret; they
 * never go to an origin the config did not name, nor across a redirect.
 */
export function buildRequest(
  plan: RequestPlan,
  captures: ReadonlyMap<string, string>,
  secrets: SecretRegistry,
  signal: AbortSignal,
): BuiltRequest {
  const { step } = plan;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' };
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    headers[name.toLowerCase()] = fillCaptures(String(value), captures);
  }
  if (step.auth && 'basic' in step.auth) {
    const [user, password] = step.auth.basic.map((part) => fillCaptures(part, captures));
    secrets.add(password);
    const token = Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64');
    secrets.add(token);
    headers.authorization = `Basic ${token}`;
  } else if (step.auth && 'bearer' in step.auth) {
    const token = fillCaptures(step.auth.bearer, captures);
    secrets.add(token);
    headers.authorization = `Bearer ${token}`;
  }
  let body: string | undefined;
  if (step.json !== undefined) {
    body = JSON.stringify(fillDeep(step.json, captures));
    headers['content-type'] ??= 'application/json';
  } else if (step.form !== undefined) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(step.form)) form.append(name, fillCaptures(String(value), captures));
    body = form.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (step.body !== undefined) {
    body = fillCaptures(step.body, captures);
  }
  const follow = step['follow-redirects'];
  const url = fillCaptures(plan.url, captures, true);
  const credentialHeaders = Object.entries(headers)
    .filter(([name, value]) => (CREDENTIAL_HEADERS as readonly string[]).includes(name) || secrets.redact(value) !== value)
    .map(([name]) => name);
  let note: string | undefined;
  let sent = headers;
  const target = originOf(url);
  if (plan.trustedOrigin !== undefined && target !== undefined && target !== plan.trustedOrigin && credentialHeaders.length) {
    sent = Object.fromEntries(Object.entries(headers).filter(([name]) => !credentialHeaders.includes(name)));
    note = `credentials not sent to ${target}: only to ${plan.trustedOrigin}, the origin the config names`;
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

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
