/**
 * Reading an instant query's answer (Prometheus HTTP API, `GET /api/v1/query`:
 * `{"status": "success", "data": {"resultType": …, "result": …}}`, or `{"status":
 * "error", "errorType": …, "error": …}` with a 4xx/5xx) into one value, no data, or why
 * the source could not give one.
 */
import { cut } from '../../text.js';

/** Labels of a series, `{code="500",route="/api"}`. */
export function seriesName(metric: Record<string, string>): string {
  const labels = Object.entries(metric).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `{${labels.join(',')}}`;
}

/** What one query gave. */
export type QueryResult =
  | { kind: 'value'; value: number | string; series?: string; resultType: string }
  | { kind: 'no-data'; why: string; resultType: string }
  /** The source could not answer: never a verdict on the service. */
  | { kind: 'source-error'; why: string };

interface ApiBody {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  data?: { resultType?: unknown; result?: unknown };
  warnings?: unknown;
}

/** A sample value as Prometheus writes it: `"0.5"`, `"NaN"`, `"+Inf"`. */
function sampleValue(pair: unknown): number | undefined {
  if (!Array.isArray(pair) || typeof pair[1] !== 'string') return undefined;
  const text = pair[1];
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function numeric(value: number | undefined, resultType: string, series?: string): QueryResult {
  if (value === undefined) return { kind: 'source-error', why: `the ${resultType} result has no value` };
  if (Number.isNaN(value)) {
    return { kind: 'no-data', resultType, why: 'the value is NaN (a ratio of 0/0: no traffic in the range?)' };
  }
  return { kind: 'value', value, resultType, ...(series ? { series } : {}) };
}

/** How to turn several series into one, for the message. */
function aggregateHint(query: string, count: number, names: string[]): string {
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return (
    `the query returned ${count} series (${shown}); a threshold needs one value: aggregate them, ` +
    `e.g. sum(${cut(query, 60)}) or max by () (${cut(query, 60)})`
  );
}

/**
 * Reads an answer of `/api/v1/query`.
 * @param status the HTTP status; `text` the body; `truncated` when the body was cut.
 */
export function readQueryResponse(query: string, status: number, text: string, truncated: boolean): QueryResult {
  if (truncated) return { kind: 'source-error', why: 'the answer was larger than max-body and was cut; aggregate the query to one series' };
  let body: ApiBody;
  try {
    body = JSON.parse(text) as ApiBody;
  } catch {
    return {
      kind: 'source-error',
      why: `Prometheus answered ${status} with a body that is not its API's JSON: ${JSON.stringify(cut(text, 80))}`,
    };
  }
  if (body.status !== 'success') {
    const type = typeof body.errorType === 'string' ? body.errorType : 'error';
    const error = typeof body.error === 'string' ? body.error : 'no message';
    return { kind: 'source-error', why: `Prometheus answered ${status} ${type}: ${error}` };
  }
  const resultType = typeof body.data?.resultType === 'string' ? body.data.resultType : 'unknown';
  const result = body.data?.result;
  switch (resultType) {
    case 'scalar':
      return numeric(sampleValue(result), resultType);
    case 'string':
      return Array.isArray(result) && typeof result[1] === 'string'
        ? { kind: 'value', value: result[1], resultType }
        : { kind: 'source-error', why: 'the string result has no value' };
    case 'vector': {
      const series = Array.isArray(result) ? (result as { metric?: Record<string, string>; value?: unknown }[]) : [];
      if (series.length === 0) return { kind: 'no-data', resultType, why: 'the query returned an empty vector (no series matched)' };
      const names = series.map((one) => seriesName(one.metric ?? {}));
      if (series.length > 1) return { kind: 'source-error', why: aggregateHint(query, series.length, names) };
      return numeric(sampleValue(series[0]?.value), resultType, names[0]);
    }
    case 'matrix':
      return {
        kind: 'source-error',
        why: 'the query returns a range vector (matrix); an instant query needs an instant vector: wrap it, e.g. rate(x[5m]) or max_over_time(x[5m])',
      };
    default:
      return { kind: 'source-error', why: `Prometheus answered an unknown result type ${JSON.stringify(resultType)}` };
  }
}

/** Prometheus's warnings, when it gave any. */
export function warningsOf(text: string): string[] {
  try {
    const { warnings } = JSON.parse(text) as ApiBody;
    return Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}
