/**
 * The common part of the example stand-in services that the monitor gate watches: a
 * route table, request counters and latency histograms served at `/metrics` in the
 * Prometheus text format (version 0.0.4), and a switch into a degraded mode at run time.
 * No dependencies.
 *
 * Modes (env `MODE`, default `healthy`; switch with `POST /__admin/mode?mode=degraded`, or
 * the signals SIGUSR1 = degraded and SIGUSR2 = healthy):
 *   healthy    every route answers normally
 *   errors     routes marked `degradable` answer 500 for a share of requests (`error-rate`,
 *              env ERROR_RATE, default 0.5; deterministic: every 2nd request at 0.5)
 *   slow       degradable routes answer after `slow-ms` (env SLOW_MS, default 1500)
 *   degraded   errors and slow together
 *   down       every route answers 503 (the health check fails)
 * `GET /__admin/mode` shows the mode. /metrics and /__admin are not counted.
 *
 * Prints `listening on http://127.0.0.1:PORT` once it accepts connections.
 */
import { createServer } from 'node:http';

const MODES = ['healthy', 'errors', 'slow', 'degraded', 'down'];
/** Latency buckets in seconds, as Prometheus client libraries default them. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Sends JSON (or text) with a status. */
export function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a JSON body; undefined when it is not JSON. */
export async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString() || '{}');
  } catch {
    return undefined;
  }
}

const escapeLabel = (value) => String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs) =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;

/**
 * Starts a stand-in.
 * @param {object} options
 * @param {{ method: string, path: string, degradable?: boolean, handle: Function }[]} options.routes
 *   `path` may hold `:name` segments; `handle(req, res, { url, params, mode })`.
 * @param {() => string[]} [options.metrics] more exposition lines (gauges of the app).
 */
export function startStandIn({ routes, metrics = () => [] }) {
  const env = process.env;
  const state = {
    mode: MODES.includes(env.MODE) ? env.MODE : 'healthy',
    errorRate: Number(env.ERROR_RATE ?? 0.5),
    slowMs: Number(env.SLOW_MS ?? 1500),
    /** Degradable requests seen per route, for a deterministic share of errors on each. */
    seen: new Map(),
  };
  const compiled = routes.map((route) => ({
    ...route,
    pattern: new RegExp(`^${route.path.replace(/:[A-Za-z_]+/g, '([^/]+)')}$`),
    names: [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]),
  }));
  const requests = new Map(); // key → count
  const durations = new Map(); // route key → { buckets: number[], sum, count }

  function record(method, route, code, seconds) {
    const key = labels({ method, route, code });
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const hkey = JSON.stringify([method, route]);
    const h = durations.get(hkey) ?? { method, route, buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.buckets[i]++;
    });
    h.sum += seconds;
    h.count++;
    durations.set(hkey, h);
  }

  function exposition() {
    const lines = ['# HELP http_requests_total Requests answered, by route and status code.', '# TYPE http_requests_total counter'];
    for (const [key, count] of requests) lines.push(`http_requests_total${key} ${count}`);
    lines.push('# HELP http_request_duration_seconds Time to answer, by route.', '# TYPE http_request_duration_seconds histogram');
    for (const h of durations.values()) {
      BUCKETS.forEach((le, i) =>
        lines.push(`http_request_duration_seconds_bucket${labels({ method: h.method, route: h.route, le })} ${h.buckets[i]}`),
      );
      lines.push(`http_request_duration_seconds_bucket${labels({ method: h.method, route: h.route, le: '+Inf' })} ${h.count}`);
      lines.push(`http_request_duration_seconds_sum${labels({ method: h.method, route: h.route })} ${h.sum}`);
      lines.push(`http_request_duration_seconds_count${labels({ method: h.method, route: h.route })} ${h.count}`);
    }
    lines.push('# HELP stand_in_mode The mode the stand-in is in.', '# TYPE stand_in_mode gauge');
    for (const mode of MODES) lines.push(`stand_in_mode${labels({ mode })} ${mode === state.mode ? 1 : 0}`);
    lines.push(...metrics(state.mode));
    return `${lines.join('\n')}\n`;
  }

  function setMode(mode, params) {
    if (!MODES.includes(mode)) return false;
    state.mode = mode;
    if (params.get('error-rate') !== null) state.errorRate = Number(params.get('error-rate'));
    if (params.get('slow-ms') !== null) state.slowMs = Number(params.get('slow-ms'));
    process.stderr.write(`stand-in: mode ${mode}\n`);
    return true;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === '/metrics') return send(res, 200, exposition(), 'text/plain; version=0.0.4');
    if (url.pathname === '/__admin/mode') {
      if (req.method === 'POST' && !setMode(url.searchParams.get('mode') ?? '', url.searchParams)) {
        return send(res, 400, { error: `expected mode one of ${MODES.join(', ')}` });
      }
      return send(res, 200, { mode: state.mode, errorRate: state.errorRate, slowMs: state.slowMs });
    }
    const started = performance.now();
    const route = compiled.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    const label = route?.path ?? 'unmatched';
    res.on('finish', () => record(req.method ?? 'GET', label, String(res.statusCode), (performance.now() - started) / 1000));
    if (!route) return send(res, 404, { error: `${req.method} ${url.pathname} not found` });
    if (state.mode === 'down') return send(res, 503, { ok: false, status: 'down' });
    if (route.degradable) {
      const degraded = state.mode === 'degraded';
      if (degraded || state.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, state.slowMs));
      if (degraded || state.mode === 'errors') {
        const n = state.seen.get(route.path) ?? 0;
        state.seen.set(route.path, n + 1);
        if (Math.floor((n + 1) * state.errorRate) > Math.floor(n * state.errorRate)) {
          return send(res, 500, { error: 'internal error (stand-in degraded mode)' });
        }
      }
    }
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(route.pattern.exec(url.pathname)[i + 1])]));
    try {
      await route.handle(req, res, { url, params, mode: state.mode });
    } catch (error) {
      send(res, 500, { error: String(error) });
    }
  });

  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(env.PORT ?? 0);
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
  });
  process.on('SIGUSR1', () => setMode('degraded', new URLSearchParams()));
  process.on('SIGUSR2', () => setMode('healthy', new URLSearchParams()));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    });
  }
  return { server, state };
}
