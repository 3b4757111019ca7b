/**
 * One request/response exchange of a step: send, evaluate `expect:`, take captures.
 * Transport failures come back as a report, never as a thrown error.
 */
import { formatSize } from '../../config/units.js';
import { HttpFailure, type HttpClient } from '../../io/http.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import { queryJson } from '../../matchers/jsonpath.js';
import { evaluateExpect, parseJsonBody } from './assertions.js';
import type { Assertion } from '../../matchers/matchers.js';
import { fillExpect, rememberTyped } from './expect-captures.js';
import { buildRequest, type Captures, type RequestPlan } from './request.js';

/** What happened in one exchange. */
export interface ExchangeReport {
  /** `GET /healthz`, as written in the config. */
  label: string;
  ok: boolean;
  /** Transport failure, e.g. `connection refused by 127.0.0.1:4000`. */
  failure?: string;
  status?: number;
  elapsedMs: number;
  assertions: Assertion[];
  /** Redirects, truncation and other facts worth showing. */
  notes: string[];
}

function takeCaptures(
  plan: RequestPlan,
  response: Parameters<typeof evaluateExpect>[1],
  captures: Captures,
  secrets: SecretRegistry,
): Assertion[] {
  const out: Assertion[] = [];
  for (const [name, spec] of Object.entries(plan.step.capture ?? {})) {
    const source = typeof spec === 'string' ? { json: spec } : spec;
    let value: unknown;
    let where = '';
    if (source.header !== undefined) {
      where = `header ${source.header}`;
      value = response.headers[source.header.toLowerCase()];
    } else if (source.json !== undefined) {
      where = source.json;
      const json = parseJsonBody(response);
      const found = json.ok ? queryJson(source.json, json.value) : undefined;
      value = found?.ok ? found.values[0] : undefined;
    }
    if (value === undefined || value === null || typeof value === 'object') {
      out.push({
        label: `capture ${name}`,
        ok: false,
        measured: value === undefined ? `${where} not found` : `${where} is not a scalar`,
        expected: `a value at ${where}`,
      });
      continue;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (source.secret) secrets.add(text);
    captures.values.set(name, text);
    captures.from.set(name, response.url);
    rememberTyped(captures.values, name, value);
  }
  return out;
}

/**
 * Sends a step's request and evaluates it. Captured values are added to `captures`
 * only when every assertion holds.
 */
export async function exchange(
  plan: RequestPlan,
  label: string,
  context: { http: HttpClient; secrets: SecretRegistry; signal: AbortSignal; captures: Captures },
): Promise<ExchangeReport> {
  const { request, note } = buildRequest(plan, context.captures, context.secrets, context.signal);
  try {
    const response = await context.http.send(request);
    const notes: string[] = note === undefined ? [] : [note];
    for (const redirect of response.redirects) {
      notes.push(
        `redirect ${redirect.status} → ${redirect.to}${redirect.droppedCredentials ? ' (credentials not forwarded: other origin)' : ''}`,
      );
    }
    if (response.encoding !== undefined)
      notes.push(`body sent with content-encoding ${response.encoding}; ${formatSize(response.body.length)} after decoding`);
    if (response.truncated) notes.push(`body cut at ${formatSize(response.body.length)} (max-body); the rest was not read`);
    const assertions = evaluateExpect(fillExpect(plan.step.expect, context.captures.values), response);
    if (assertions.every((assertion) => assertion.ok)) {
      assertions.push(...takeCaptures(plan, response, context.captures, context.secrets));
    }
    return {
      label,
      ok: assertions.every((assertion) => assertion.ok),
      status: response.status,
      elapsedMs: response.elapsedMs,
      assertions,
      notes,
    };
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    return { label, ok: false, failure: error.reason, elapsedMs: error.elapsedMs, assertions: [], notes: [] };
  }
}
