#!/usr/bin/env node
/**
 * A small stand-in for the API that runbook 003 (Release GO/NO-GO) releases, serving
 * the endpoints of its Health, Smoke tests and Jobs sections as the runbook describes.
 * No dependencies: `node examples/go-no-go/service.mjs [--port N]`.
 *
 * Environment:
 *   ADMIN_BASIC_USERNAME/PASSWORD, DISPATCHER_BASIC_USERNAME/PASSWORD,
 *   ACCOUNTANT_BASIC_USERNAME/PASSWORD, OWNER_BASIC_USERNAME/PASSWORD  Basic Auth pairs
 *   CAPTCHA_MODE      `off` (default) or anything else: leads need `captcha_token`
 *   ADMIN_READ_ONLY   `true`: POST on /v1/admin/* answers 409 Problem+JSON
 *   STARTUP_MS        /readyz answers 503 "starting" for this long after start (default 0)
 *   SERVICE_FAULT     a deliberate regression for demos: `estimate-schema` (the estimator
 *                     renames total_before_tax), `migrations-pending`, `metrics-csv`
 *   SERVICE_REVISION  the commit this build is, served at GET /version (default `dev`)
 *
 * Prints `listening on http://127.0.0.1:PORT` once it accepts connections.
 */
import { createServer } from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';

const env = process.env;
const started = Date.now();
const fault = env.SERVICE_FAULT ?? '';
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(env.PORT ?? 0);

const ROLES = {
  admin: ['ADMIN_BASIC_USERNAME', 'ADMIN_BASIC_PASSWORD'],
  dispatcher: ['DISPATCHER_BASIC_USERNAME', 'DISPATCHER_BASIC_PASSWORD'],
  accountant: ['ACCOUNTANT_BASIC_USERNAME', 'ACCOUNTANT_BASIC_PASSWORD'],
  owner: ['OWNER_BASIC_USERNAME', 'OWNER_BASIC_PASSWORD'],
};

function same(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when the request carries the Basic Auth pair of one of `roles`. */
function authorized(req, roles) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  const password = rest.join(':');
  return roles.some((role) => {
    const [u, p] = ROLES[role].map((name) => env[name]);
    return u && p && same(user, u) && same(password, p);
  });
}

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function problem(res, status, title, detail) {
  send(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString() || '{}');
  } catch {
    return undefined;
  }
}

const PRICES = { standard: 30, deep: 45, move_out: 55 };

const routes = {
  'GET /healthz': (req, res) => send(res, 200, { status: 'ok' }),
  'GET /version': (req, res) => send(res, 200, { revision: env.SERVICE_REVISION ?? 'dev', fault: fault || null }),
  'GET /readyz': (req, res) => {
    if (Date.now() - started < Number(env.STARTUP_MS ?? 0)) {
      return send(res, 503, { status: 'starting', database: { ok: false }, jobs: { ok: false, enabled: true } });
    }
    const current = fault !== 'migrations-pending';
    const body = {
      status: current ? 'ok' : 'degraded',
      database: { ok: true, migrations_current: current, revision: '0044_postgres_rls_org_isolation' },
      jobs: { ok: true, enabled: true, age_seconds: 12 },
    };
    send(res, current ? 200 : 503, body);
  },
  'POST /v1/estimate': async (req, res) => {
    const input = await readJson(req);
    if (!input || typeof input.beds !== 'number' || typeof input.baths !== 'number' || !(input.cleaning_type in PRICES)) {
      return problem(res, 422, 'Unprocessable Entity', 'beds, baths and cleaning_type are required');
    }
    const total = Math.round((input.beds * 40 + input.baths * 25 + PRICES[input.cleaning_type]) * 100) / 100;
    const priced = fault === 'estimate-schema' ? { total } : { total_before_tax: total };
    send(res, 200, { pricing_config_id: 'pc_2026_11', currency: 'CAD', ...priced });
  },
  'POST /v1/leads': async (req, res) => {
    const input = await readJson(req);
    if (!input || !input.name || !input.phone || !input.structured_inputs)
      return problem(res, 422, 'Unprocessable Entity', 'name, phone and structured_inputs are required');
    if ((env.CAPTCHA_MODE ?? 'off') !== 'off' && !input.captcha_token) return problem(res, 400, 'Bad Request', 'captcha required');
    send(res, 201, { lead_id: randomUUID(), status: 'new' });
  },
  'GET /v1/admin/metrics': (req, res, url) => {
    if (!authorized(req, ['admin', 'owner'])) return problem(res, 401, 'Unauthorized', 'Basic Auth required');
    if (url.searchParams.get('format') !== 'csv') return send(res, 200, { metrics: [] });
    const header = fault === 'metrics-csv' ? 'metric,start,end,value' : 'metric,from,to,value';
    send(res, 200, `${header}\nbookings_created,2026-11-01,2026-11-22,42\n`, 'text/csv');
  },
  'GET /v1/admin/queue/photos': (req, res) =>
    authorized(req, ['dispatcher', 'admin']) ? send(res, 200, []) : problem(res, 401, 'Unauthorized', 'Basic Auth required'),
  'GET /v1/admin/queue/invoices': (req, res) =>
    authorized(req, ['accountant', 'admin']) ? send(res, 200, []) : problem(res, 401, 'Unauthorized', 'Basic Auth required'),
  'POST /v1/admin/cleanup': (req, res) => send(res, 202, { deleted: 0 }),
  'POST /v1/admin/email-scan': (req, res) => send(res, 202, { scanned: 3, reminders: 1 }),
  'POST /v1/admin/retention/cleanup': (req, res) => send(res, 200, { deleted: 0 }),
  'GET /v1/admin/export-dead-letter': (req, res) => send(res, 200, []),
  'GET /v1/admin/outbox/dead-letter': (req, res) => send(res, 200, []),
  'GET /v1/admin/jobs/status': (req, res) =>
    send(res, 200, {
      jobs: ['outbox-delivery', 'storage-janitor', 'email-dlq'].map((name) => ({
        name,
        last_success_at: new Date(Date.now() - 30_000).toISOString(),
        consecutive_failures: 0,
      })),
    }),
  'POST /v1/admin/break-glass/start': async (req, res) => {
    if (!authorized(req, ['owner'])) return problem(res, 401, 'Unauthorized', 'owner Basic Auth required');
    const input = await readJson(req);
    send(res, 200, { token: randomUUID(), reason: input?.reason, expires_in_minutes: input?.ttl_minutes ?? 30 });
  },
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://service');
  const route = routes[`${req.method} ${url.pathname}`];
  if (!route) return problem(res, 404, 'Not Found', `${req.method} ${url.pathname}`);
  const adminWrite = url.pathname.startsWith('/v1/admin/') && req.method !== 'GET' && !url.pathname.startsWith('/v1/admin/break-glass');
  if (adminWrite) {
    if (!authorized(req, ['admin', 'owner'])) return problem(res, 401, 'Unauthorized', 'Basic Auth required');
    if (env.ADMIN_READ_ONLY === 'true' && !req.headers['x-break-glass-token'])
      return problem(res, 409, 'Conflict', 'admin is read-only (incident mode)');
  }
  try {
    await route(req, res, url);
  } catch (error) {
    problem(res, 500, 'Internal Server Error', String(error));
  }
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
