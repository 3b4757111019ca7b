/**
 * Shared handler types, GitHub error bodies and `Link`-header pagination.
 */
import type { Env } from './objects.js';
import type { Operation } from './openapi.js';
import type { RateLimiter } from './ratelimit.js';
import type { RepoRec } from './types.js';

/** What a handler answers. */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What a handler receives: validated (and coerced) parameters and body. */
export interface Ctx extends Env {
  op: Operation;
  /** The repository named by `{owner}/{repo}` (the default repository for other routes). */
  rec: RepoRec;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  url: URL;
  limits: RateLimiter;
}

/** A route handler, keyed by operationId in the route table. */
export type Handler = (ctx: Ctx) => ApiResponse;

/** `{message, documentation_url, status}` as GitHub sends with errors. */
export function errorBody(status: number, message: string, docs: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { message, ...extra, documentation_url: docs, status: String(status) };
}

/** 404 Not Found. */
export function notFound(ctx: Pick<Ctx, 'op'>, message = 'Not Found'): ApiResponse {
  return { status: 404, body: errorBody(404, message, ctx.op.docsUrl) };
}

/** 422 with a plain message (e.g. `No commit found for SHA: x`). */
export function unprocessable(ctx: Pick<Ctx, 'op'>, message: string): ApiResponse {
  return { status: 422, body: errorBody(422, message, ctx.op.docsUrl) };
}

/** One entry of a `Validation Failed` body. */
export interface FieldError {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field: string;
  message?: string;
}

/** 422 `Validation Failed` with an `errors` list (GitHub's resource validation). */
export function validationFailed(docs: string, errors: FieldError[]): ApiResponse {
  return { status: 422, body: errorBody(422, 'Validation Failed', docs, { errors }) };
}

/** 422 `Invalid request.` (GitHub's JSON-schema validation). */
export function invalidRequest(docs: string, messages: string[]): ApiResponse {
  return { status: 422, body: errorBody(422, `Invalid request.\n\n${messages.join('\n')}`, docs) };
}

/** JSON response. */
export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): ApiResponse {
  return { status, body, headers };
}

/** Paging parameters as GitHub applies them: `per_page` default 30, max 100; `page` from 1. */
export function pageOf(query: Record<string, unknown>): { perPage: number; page: number } {
  const raw = typeof query.per_page === 'number' ? query.per_page : 30;
  const perPage = Math.min(100, Math.max(1, Math.trunc(raw) || 30));
  const page = Math.max(1, typeof query.page === 'number' ? Math.trunc(query.page) : 1);
  return { perPage, page };
}

/**
 * Cut one page out of `items` and build the `Link` header (`first`/`prev`/`next`/`last`,
 * only those that apply) the way api.github.com does.
 */
export function paginate<T>(ctx: Pick<Ctx, 'query' | 'url'>, items: T[]): { items: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageOf(ctx.query);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number): string => {
    const u = new URL(ctx.url.href);
    u.searchParams.set('page', String(p));
    return u.href;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${link(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`);
  if (page < last) rels.push(`<${link(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
  const headers: Record<string, string> = rels.length > 0 ? { link: rels.join(', ') } : {};
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

/** A string property of a validated body. */
export function str(body: unknown, key: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : undefined;
}
