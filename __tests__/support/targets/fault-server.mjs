#!/usr/bin/env node
/**
 * A misbehaving HTTP target for the smoke gate's fault tests. Plain node:http, no deps.
 * `node fault-server.mjs` listens on two free ports of 127.0.0.1 and prints
 * `listening on http://127.0.0.1:PORT` (the main origin) once both accept connections.
 *
 * Routes of the main origin (KEY is any string; each key has its own counters):
 *   GET  /healthy                      200 {"status":"ok"}
 *   GET  /reset                        headers + 100 of 1000 promised bytes, then socket.destroy()
 *   GET  /slow?ms=N                    answers 200 after N ms (default 30000)
 *   GET  /flaky?key=KEY&fail=N         503 N times for KEY, then 200 {"status":"ok","attempt":n}
 *   GET  /invalid-json                 200, content-type JSON, body `{"status": ok`
 *   GET  /big?mb=N&key=KEY             N MiB (default 50) streamed with content-length
 *   GET  /big-stats?key=KEY            {"written":bytes,"finished":bool,"closed":bool} of /big
 *   GET  /redirect-away?key=KEY        302 to the other origin's /landing?key=KEY
 *   GET  /point-away?key=KEY           200 {"next": "<other origin>/landing?key=KEY"}
 *   GET  /redirect-loop                302 to itself, forever
 *   GET  /recorded?key=KEY             what the other origin received for KEY:
 *                                      {"hits":n,"authorization":bool,"cookie":bool}
 *   ANY  /echo                         200 {"method","url","headers","body"}
 *   POST /api/v1/roles                 201 {"id"}
 *   POST /api/v1/roles/ID/upload-job-spec
 *                                      200 {"role_id","consistent"} for an existing ID, else 404;
 *                                      consistent: body.role_id and x-role-id equal ID
 *   GET  /api/v1/roles/ID              200 {"id","spec_uploaded"} or 404
 *   POST /api/v1/assessments/ID/submit 423 {"code":"ASSESSMENT_PAUSED"}
 *   GET  /metrics.csv?variant=V        text/csv; V = plain | quoted | bom | wrong
 *   GET  /token?key=KEY                200 {"token": a fresh random secret}, kept for KEY
 *   GET  /issued?key=KEY               {"token": the last token issued for KEY}
 */
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';

const counters = new Map();
const bigStats = new Map();
const recorded = new Map();
const roles = new Map();
const tokens = new Map();
let otherOrigin = '';

function json(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function streamBig(req, res, key, total) {
  const stats = { written: 0, finished: false, closed: false };
  bigStats.set(key, stats);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': total });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  res.on('close', () => {
    stats.closed = true;
  });
  const pump = () => {
    while (stats.written < total && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - stats.written));
      stats.written += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (stats.written >= total && !res.destroyed) {
      stats.finished = true;
      res.end();
    }
  };
  pump();
}

const CSV = {
  plain: 'metric,from,to,value\nbookings,2024-01-01,2024-01-31,12\n',
  quoted: '"metric","from","to","value"\n"bookings","2024-01-01","2024-01-31","12"\n',
  bom: '\uFEFFmetric,from,to,value\nbookings,2024-01-01,2024-01-31,12\n',
  wrong: 'metric,from,value\nbookings,2024-01-01,12\n',
};

async function main(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const key = url.searchParams.get('key') ?? 'default';
  const path = url.pathname;
  let match;

  if (path === '/healthy') return json(res, 200, { status: 'ok' });
  if (path === '/reset') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
    res.write('x'.repeat(100));
    setTimeout(() => req.socket.destroy(), 20);
    return;
  }
  if (path === '/slow') {
    const timer = setTimeout(() => json(res, 200, { status: 'late' }), Number(url.searchParams.get('ms') ?? 30000));
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (path === '/flaky') {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    if (n <= Number(url.searchParams.get('fail') ?? 2)) return json(res, 503, { status: 'unavailable', attempt: n });
    return json(res, 200, { status: 'ok', attempt: n });
  }
  if (path === '/invalid-json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"status": ok');
  }
  if (path === '/big') return streamBig(req, res, key, Number(url.searchParams.get('mb') ?? 50) * 1024 * 1024);
  if (path === '/big-stats') return json(res, 200, bigStats.get(key) ?? null);
  if (path === '/redirect-away') {
    res.writeHead(302, { location: `${otherOrigin}/landing?key=${encodeURIComponent(key)}`, 'content-length': 0 });
    return res.end();
  }
  if (path === '/point-away') return json(res, 200, { next: `${otherOrigin}/landing?key=${encodeURIComponent(key)}` });
  if (path === '/redirect-loop') {
    res.writeHead(302, { location: '/redirect-loop', 'content-length': 0 });
    return res.end();
  }
  if (path === '/recorded') return json(res, 200, recorded.get(key) ?? { hits: 0, authorization: false, cookie: false });
  if (path === '/echo') {
    const body = await readBody(req);
    return json(res, 200, { method: req.method, url: req.url, headers: req.headers, body });
  }
  if (path === '/token') {
    const token = `tok_${randomBytes(12).toString('hex')}`;
    tokens.set(key, token);
    return json(res, 200, { token });
  }
  if (path === '/issued') return json(res, 200, { token: tokens.get(key) ?? null });
  if (path === '/metrics.csv') {
    const body = CSV[url.searchParams.get('variant') ?? 'plain'] ?? CSV.plain;
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    return res.end(body);
  }
  if (req.method === 'POST' && path === '/api/v1/roles') {
    const id = randomUUID();
    roles.set(id, { id, body: await readBody(req), spec_uploaded: false });
    return json(res, 201, { id });
  }
  if (req.method === 'POST' && (match = /^\/api\/v1\/roles\/([^/]+)\/upload-job-spec$/.exec(path))) {
    const id = decodeURIComponent(match[1]);
    const role = roles.get(id);
    const text = await readBody(req);
    if (!role) return json(res, 404, { code: 'ROLE_NOT_FOUND', id });
    let body = {};
    try {
      body = JSON.parse(text);
    } catch {
      /* consistent stays false */
    }
    role.spec_uploaded = true;
    return json(res, 200, { role_id: id, consistent: body.role_id === id && req.headers['x-role-id'] === id });
  }
  if (req.method === 'GET' && (match = /^\/api\/v1\/roles\/([^/]+)$/.exec(path))) {
    const role = roles.get(decodeURIComponent(match[1]));
    return role ? json(res, 200, { id: role.id, spec_uploaded: role.spec_uploaded }) : json(res, 404, { code: 'ROLE_NOT_FOUND' });
  }
  if (req.method === 'POST' && /^\/api\/v1\/assessments\/[^/]+\/submit$/.test(path)) {
    return json(res, 423, { code: 'ASSESSMENT_PAUSED' });
  }
  return json(res, 404, { code: 'NOT_FOUND', path });
}

/** The other origin: records whether credentials reached it. */
function other(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const key = url.searchParams.get('key') ?? 'default';
  const entry = recorded.get(key) ?? { hits: 0, authorization: false, cookie: false };
  entry.hits += 1;
  entry.authorization ||= req.headers.authorization !== undefined;
  entry.cookie ||= req.headers.cookie !== undefined;
  if (req.headers['x-api-key'] !== undefined) entry.apiKey = true;
  recorded.set(key, entry);
  json(res, 200, { landed: true });
}

function listen(handler) {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error) => {
      if (!res.headersSent) json(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const mainServer = await listen(main);
const otherServer = await listen(other);
otherOrigin = `http://127.0.0.1:${otherServer.address().port}`;
process.on('SIGTERM', () => process.exit(0));
process.stdout.write(`listening on http://127.0.0.1:${mainServer.address().port}\n`);
