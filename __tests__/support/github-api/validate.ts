/**
 * Per-request validation against the OpenAPI fixture: route, path and query
 * parameters, JSON body. Produces either the validated pieces or GitHub's answer.
 */
import { errorBody, invalidRequest, type ApiResponse } from './http.js';
import type { OpenApiSpec, Operation } from './openapi.js';

/** A request that passed validation. */
export interface ValidRequest {
  op: Operation;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Problems that GitHub would silently ignore (e.g. unknown query parameters). */
  warnings: string[];
}

/** A request that failed validation. */
export interface InvalidRequest {
  op?: Operation;
  response: ApiResponse;
  problems: string[];
}

/** Parse a query string, keeping repeated keys as arrays. */
export function parseQuery(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Validate a request. `strictQuery` turns undeclared query parameters into warnings
 * (GitHub ignores them, so the answer is unaffected).
 */
export function validateRequest(
  spec: OpenApiSpec,
  method: string,
  url: URL,
  rawBody: string,
  strictQuery: boolean,
): ValidRequest | InvalidRequest {
  const label = `${method} ${url.pathname}`;
  const matched = spec.match(method, url.pathname);
  if (matched === undefined || matched === 'method') {
    const why = matched === 'method' ? 'method not allowed for this path' : 'no such operation';
    return {
      response: { status: 404, body: errorBody(404, 'Not Found', 'https://docs.github.com/rest') },
      problems: [`${label}: ${why} in the OpenAPI fixture`],
    };
  }
  const { op } = matched;
  const where = `${label} (${op.operationId})`;
  const path = spec.validateParams(op, 'path', matched.pathParams);
  if (path.errors.length > 0) {
    return {
      op,
      response: { status: 404, body: errorBody(404, 'Not Found', op.docsUrl) },
      problems: path.errors.map((e) => `${where}: path parameter: ${e}`),
    };
  }
  const query = spec.validateParams(op, 'query', parseQuery(url));
  if (query.errors.length > 0) {
    return {
      op,
      response: invalidRequest(op.docsUrl, query.errors),
      problems: query.errors.map((e) => `${where}: query: ${e}`),
    };
  }
  const warnings = strictQuery ? query.unknown.map((k) => `${where}: query: undeclared parameter "${k}"`) : [];
  let body: unknown;
  if (op.bodySchema !== undefined) {
    if (rawBody.trim() === '') body = {};
    else {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return {
          op,
          response: { status: 400, body: errorBody(400, 'Problems parsing JSON', op.docsUrl) },
          problems: [`${where}: body is not JSON`],
        };
      }
    }
    const errors = spec.validateBody(op, body);
    if (errors.length > 0) {
      return {
        op,
        response: invalidRequest(op.docsUrl, errors),
        problems: errors.map((e) => `${where}: body: ${e}`),
      };
    }
  } else if (rawBody.trim() !== '') {
    warnings.push(`${where}: a body was sent to an operation that takes none`);
  }
  return { op, params: path.values, query: query.values, body, warnings };
}
