/**
 * The committed OpenAPI fixture: route matching and request/response validation.
 */
import { readFileSync } from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { createAjv, ensureFormats, githubErrorText, toJsonSchema, type Json, type JsonObject } from './schema.js';

/** A string field of the description, or `fallback` when it is absent or not a string. */
function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Default location of the fixture written by `scripts/extract-openapi.mjs`. */
export const FIXTURE_URL = new URL('../../fixtures/github-openapi.json', import.meta.url);

/** One declared parameter of an operation. */
export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Json;
  multiSegment: boolean;
}

/** One operation of the fixture. */
export interface Operation {
  method: string;
  template: string;
  operationId: string;
  docsUrl: string;
  params: ParamSpec[];
  bodySchema: Json | undefined;
  bodyRequired: boolean;
  responses: JsonObject;
  segments: Array<{ literal: string } | { param: string; multi: boolean }>;
}

/** A successful route match. */
export interface RouteMatch {
  op: Operation;
  pathParams: Record<string, string>;
}

/** A request that fails validation: how GitHub would answer, and why. */
export interface RequestProblem {
  status: 400 | 404 | 422;
  messages: string[];
}

function asObject(v: Json | undefined): JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

/** The fixture, indexed for matching and validation. */
export class OpenApiSpec {
  readonly operations: Operation[] = [];
  /** `@octokit/openapi` version the fixture was extracted from. */
  readonly version: string;
  private readonly doc: JsonObject;
  private readonly ajv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  /** @param doc the parsed fixture (defaults to the committed one). */
  constructor(doc?: JsonObject) {
    this.doc = doc ?? (JSON.parse(readFileSync(FIXTURE_URL, 'utf8')) as JsonObject);
    this.version = text(asObject(this.doc['x-extracted-from']).version, 'unknown');
    const schemas = asObject(asObject(this.doc.components).schemas);
    this.ajv = createAjv(schemas, false);
    this.coercingAjv = createAjv(schemas, true);
    for (const [template, item] of Object.entries(asObject(this.doc.paths))) {
      for (const [method, raw] of Object.entries(asObject(item))) {
        this.operations.push(this.indexOperation(method.toUpperCase(), template, asObject(raw)));
      }
    }
  }

  /** Resolve a `#/components/...` reference (non-schema components only). */
  resolve(value: Json | undefined): JsonObject {
    let node = asObject(value);
    for (let i = 0; typeof node.$ref === 'string' && i < 10; i++) {
      let target: Json | undefined = this.doc;
      for (const part of node.$ref.slice(2).split('/')) target = asObject(target)[part];
      node = asObject(target);
    }
    return node;
  }

  private indexOperation(method: string, template: string, raw: JsonObject): Operation {
    const params = (Array.isArray(raw.parameters) ? raw.parameters : []).map((p): ParamSpec => {
      const r = this.resolve(p);
      return {
        name: text(r.name, ''),
        in: r.in as ParamSpec['in'],
        required: r.required === true,
        schema: r.schema ?? {},
        multiSegment: r['x-multi-segment'] === true,
      };
    });
    const body = this.resolve(raw.requestBody);
    const content = asObject(asObject(body.content)['application/json']);
    return {
      method,
      template,
      operationId: text(raw.operationId, ''),
      docsUrl: text(asObject(raw.externalDocs).url, 'https://docs.github.com/rest'),
      params,
      bodySchema: content.schema,
      bodyRequired: body.required === true,
      responses: asObject(raw.responses),
      segments: template
        .split('/')
        .filter(Boolean)
        .map((s) => {
          const m = /^\{(.+)\}$/.exec(s);
          if (!m?.[1]) return { literal: s };
          return { param: m[1], multi: params.some((p) => p.name === m[1] && p.multiSegment) };
        }),
    };
  }

  /**
   * Find the operation for a method and URL path. Literal segments beat parameters,
   * and a multi-segment parameter (`x-multi-segment`, e.g. `{ref}`) may span slashes.
   * @returns the match, or `'method'` when only the method is wrong, or `undefined`.
   */
  match(method: string, pathname: string): RouteMatch | 'method' | undefined {
    const parts = pathname.split('/').filter(Boolean);
    let best: { op: Operation; params: Record<string, string>; score: number } | undefined;
    let pathKnown = false;
    for (const op of this.operations) {
      const found = matchSegments(op.segments, parts);
      if (!found) continue;
      pathKnown = true;
      if (op.method !== method.toUpperCase()) continue;
      if (!best || found.score > best.score) best = { op, params: found.params, score: found.score };
    }
    if (best) return { op: best.op, pathParams: best.params };
    return pathKnown ? 'method' : undefined;
  }

  private compile(key: string, schema: Json, coerce: boolean): ValidateFunction {
    let fn = this.cache.get(key);
    if (!fn) {
      const ajv = coerce ? this.coercingAjv : this.ajv;
      const converted = toJsonSchema(schema);
      ensureFormats(ajv, converted);
      fn = ajv.compile(converted as object);
      this.cache.set(key, fn);
    }
    return fn;
  }

  /**
   * Validate (and coerce) path or query parameters.
   * @returns the coerced values and GitHub-style error texts (empty when valid), plus
   * the names of undeclared parameters.
   */
  validateParams(
    op: Operation,
    where: 'path' | 'query',
    values: Record<string, string | string[]>,
  ): { values: Record<string, unknown>; errors: string[]; unknown: string[] } {
    const declared = op.params.filter((p) => p.in === where);
    const schema: JsonObject = {
      type: 'object',
      properties: Object.fromEntries(declared.map((p) => [p.name, p.schema])),
      required: declared.filter((p) => p.required).map((p) => p.name),
    };
    const data: Record<string, unknown> = { ...values };
    const fn = this.compile(`${op.method} ${op.template} ${where}`, schema, true);
    const ok = fn(data);
    const unknown = Object.keys(values).filter((k) => !declared.some((p) => p.name === k));
    return { values: data, errors: ok ? [] : githubErrorText(fn.errors ?? [], data), unknown };
  }

  /** Validate a JSON request body. Returns GitHub-style error texts (empty when valid). */
  validateBody(op: Operation, body: unknown): string[] {
    if (op.bodySchema === undefined) return [];
    const fn = this.compile(`${op.method} ${op.template} body`, op.bodySchema, false);
    return fn(body) ? [] : githubErrorText(fn.errors ?? [], body);
  }

  /**
   * Check a response the fake produced against the operation's declared response
   * (only 2xx statuses are checked). Returns problems, empty when it conforms.
   */
  validateResponse(op: Operation, status: number, body: unknown): string[] {
    if (status < 200 || status >= 300) return [];
    const declared = op.responses[String(status)];
    if (declared === undefined) return [`status ${status} is not declared`];
    const schema = asObject(this.resolve(declared).content)['application/json'];
    if (schema === undefined) return body === undefined ? [] : ['a body was sent for a body-less response'];
    const fn = this.compile(`${op.method} ${op.template} ${status}`, asObject(schema).schema ?? {}, false);
    if (fn(body)) return [];
    return (fn.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

function matchSegments(segments: Operation['segments'], parts: string[]): { params: Record<string, string>; score: number } | undefined {
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const walk = (si: number, pi: number): { params: Record<string, string>; score: number } | undefined => {
    const seg = segments[si];
    if (!seg) return pi === parts.length ? { params: {}, score: 0 } : undefined;
    if (pi >= parts.length) return undefined;
    if ('literal' in seg) {
      if (parts[pi] !== seg.literal) return undefined;
      const rest = walk(si + 1, pi + 1);
      return rest && { params: rest.params, score: rest.score + 10 };
    }
    const maxSpan = seg.multi ? parts.length - pi - (segments.length - si - 1) : 1;
    for (let span = 1; span <= maxSpan; span++) {
      const rest = walk(si + 1, pi + span);
      if (rest) {
        const value = parts
          .slice(pi, pi + span)
          .map(decode)
          .join('/');
        return { params: { ...rest.params, [seg.param]: value }, score: rest.score - (span - 1) };
      }
    }
    return undefined;
  };
  return walk(0, 0);
}
