/**
 * Credentials only go to origins the config names (README "Security"), through the real
 * bundle (`node dist/index.js run smoke`, built from today's src/). Three local servers:
 * `api` (the environment's url), `named` (written in the config as `${NAMED_BASE}`) and
 * `elsewhere` (never written in the config or the environment: only responses point at
 * it). Every way a URL can arrive is one check; each server records which credentials
 * reached which path. The host tricks that need DNS are in
 * `__tests__/http/trusted-origins.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runBundle, type BundleRun } from '../support/targets/run-config.js';
import { startEchoServer, type EchoReply } from './harness.js';

const SECRETS = { API_TOKEN: 'api-T0ken-for-e2e-7f3a', SESSION_SECRET: 'sess-S3cret-e2e-51c9', MY_API_KEY: 'k3y-E2e-api-0b7d' };

interface Received {
  hits: number;
  authorization?: string;
  cookie?: string;
  apiKey?: string;
}

type Server = Awaited<ReturnType<typeof startEchoServer>> & { received: Map<string, Received> };

/** Where `/pointer/<target>`, `/created/<target>` and `/redirect/<target>` on `api` point. */
const targets: Record<string, string> = {};

async function recordingServer(): Promise<Server> {
  const received = new Map<string, Received>();
  const reply: EchoReply = (req) => {
    const url = new URL(req.url, 'http://x');
    const [, route, target = ''] = /^\/(pointer|created|redirect)\/(.+)$/.exec(url.pathname) ?? [];
    if (route === 'pointer') return { status: 200, body: JSON.stringify({ next: targets[target] }) };
    if (route === 'created') return { status: 201, headers: { location: targets[target] ?? '' }, body: '{}' };
    if (route === 'redirect') return { status: 302, headers: { location: targets[target] ?? '' }, body: '' };
    const seen = received.get(url.pathname) ?? { hits: 0 };
    seen.hits += 1;
    if (req.headers.authorization !== undefined) seen.authorization = String(req.headers.authorization);
    if (req.headers.cookie !== undefined) seen.cookie = String(req.headers.cookie);
    if (req.headers['x-api-key'] !== undefined) seen.apiKey = String(req.headers['x-api-key']);
    received.set(url.pathname, seen);
    return { status: 200, body: '{"ok":true}' };
  };
  const server = Object.assign(await startEchoServer(reply), { received });
  started.push(server);
  return server;
}

const CREDS = `
      auth: { bearer: "\${API_TOKEN}" }
      headers: { Cookie: "session=\${SESSION_SECRET}", X-Api-Key: "\${MY_API_KEY}" }`;
const STEP_CREDS = CREDS.replace(/\n {6}/g, '\n          ');

/** A flow: a first step whose response gives a URL (JSON or Location), then `GET {{next}}` with credentials. */
function follow(name: string, first: string, capture: string): string {
  return `
    - name: ${name}
      steps:
        - http: ${first}
          capture: { next: ${capture} }
        - http: GET {{next}}${STEP_CREDS}`;
}

let api: Server;
let named: Server;
let elsewhere: Server;
/** The servers that started (closed after the tests even when set-up failed half-way). */
const started: Server[] = [];
let run: BundleRun;
/** The same rule in a config whose environment has no url (the case issue #7 found open). */
let noUrl: BundleRun;

beforeAll(async () => {
  [api, named, elsewhere] = await Promise.all([recordingServer(), recordingServer(), recordingServer()]);
  const port = (server: Server): string => new URL(server.url).port;
  Object.assign(targets, {
    'elsewhere-json': `${elsewhere.url}/json-capture`,
    'elsewhere-location': `${elsewhere.url}/location-capture`,
    'elsewhere-redirect': `${elsewhere.url}/redirected`,
    'named-json': `${named.url}/json-named`,
    'path-location': '/location-path',
    'path-json': '/json-path',
    'scheme-relative': `//127.0.0.1:${port(elsewhere)}/scheme-relative`,
    userinfo: `http://127.0.0.1:${port(api)}@127.0.0.1:${port(elsewhere)}/userinfo`,
    'upper-case': `HTTP://127.0.0.1:${port(api)}/upper-case`,
    'same-origin-redirect': `${api.url}/redirected-here`,
    'no-url-elsewhere': `${elsewhere.url}/no-url-json`,
    'no-url-path': '/no-url-path',
  });
  const yaml = `version: 1
environments:
  test: { url: "${api.url}" }
smoke:
  checks:
    - name: literal absolute URL
      http: GET ${api.url}/literal${CREDS}
    - name: relative to the environment url
      http: GET /relative${CREDS}
    - name: an origin from a variable
      http: GET \${NAMED_BASE}/variable${CREDS}
${[
  follow('JSON capture, another origin (same host, another port)', 'GET /pointer/elsewhere-json', '$.next'),
  follow('JSON capture, an origin the config names', 'GET /pointer/named-json', '$.next'),
  follow('Location capture, another origin', 'POST /created/elsewhere-location', '{ header: Location }'),
  follow('Location capture, only a path', 'POST /created/path-location', '{ header: Location }'),
  follow('JSON capture, only a path', 'GET /pointer/path-json', '$.next'),
  follow('JSON capture, scheme-relative', 'GET /pointer/scheme-relative', '$.next'),
  follow('JSON capture, user info naming the environment', 'GET /pointer/userinfo', '$.next'),
  follow('JSON capture, upper-case scheme of the environment', 'GET /pointer/upper-case', '$.next'),
].join('')}
    - name: redirect to another origin
      http: GET /redirect/elsewhere-redirect
      follow-redirects: true${CREDS}
    - name: redirect within the origin
      http: GET /redirect/same-origin-redirect
      follow-redirects: true${CREDS}
`;
  const noUrlYaml = `version: 1
environments:
  test: { vars: { REGION: eu } }
smoke:
  checks:${[
    follow('no url, JSON capture, another origin', 'GET ${API_BASE}/pointer/no-url-elsewhere', '$.next'),
    follow('no url, JSON capture, only a path', 'GET ${API_BASE}/pointer/no-url-path', '$.next'),
  ].join('')}
`;
  [run, noUrl] = await Promise.all([
    runBundle(yaml, { ...SECRETS, NAMED_BASE: named.url }),
    runBundle(noUrlYaml, { ...SECRETS, API_BASE: api.url }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
});

const ALL_SENT: Omit<Received, 'hits'> = {
  authorization: `Bearer ${SECRETS.API_TOKEN}`,
  cookie: `session=${SECRETS.SESSION_SECRET}`,
  apiKey: SECRETS.MY_API_KEY,
};

/** The exit code, with the output when it is not 0 (so a failure explains itself). */
function outcome(of: BundleRun): { code: number | null; output: string } {
  return { code: of.code, output: of.code === 0 ? '' : of.stdout + of.stderr };
}

/** The evidence lines of the check named `name`. */
function details(name: string, of = run): string {
  const check = of.evidence?.gates[0]?.checks.find((c) => c.name === name);
  if (!check) throw new Error(`no check ${name}: ${of.stdout}${of.stderr}`);
  return check.details.join('\n');
}

describe('credentials reach a named origin', () => {
  it('every check ran and passed', () => {
    expect(outcome(run)).toEqual({ code: 0, output: '' });
    expect(run.evidence?.gates[0]?.checks.map((c) => [c.name, c.status]).filter(([, status]) => status !== 'passed')).toEqual([]);
  });

  it.each([
    ['api', '/literal', 'literal absolute URL'],
    ['api', '/relative', 'relative to the environment url'],
    ['named', '/variable', 'an origin from a variable'],
    ['named', '/json-named', 'a response pointing at an origin the config names'],
    ['api', '/location-path', 'a Location that is only a path (resolved against the response that gave it)'],
    ['api', '/json-path', 'a JSON value that is only a path'],
    ['api', '/upper-case', 'the environment origin written in upper case'],
    ['api', '/redirected-here', 'a redirect within the origin'],
  ])('%s%s: %s', (server, path) => {
    const got = (server === 'api' ? api : named).received.get(path);
    expect(got).toEqual({ hits: 1, ...ALL_SENT });
  });
});

describe('credentials never reach an origin only a response named', () => {
  it.each([
    ['/json-capture', 'JSON capture, another origin (same host, another port)'],
    ['/location-capture', 'Location capture, another origin'],
    ['/scheme-relative', 'JSON capture, scheme-relative'],
    ['/userinfo', 'JSON capture, user info naming the environment'],
  ])('%s: %s', (path, check) => {
    expect(elsewhere.received.get(path)).toEqual({ hits: 1 });
    expect(details(check)).toMatch(
      /credentials not sent to http:\/\/127\.0\.0\.1:\d+: not an origin the config names \(cookie, x-api-key, authorization held back\)/,
    );
  });

  it('/redirected: a redirect to another origin drops them, and says so', () => {
    expect(elsewhere.received.get('/redirected')).toEqual({ hits: 1 });
    expect(details('redirect to another origin')).toMatch(
      /redirect 302 → http:\/\/127\.0\.0\.1:\d+\/redirected \(credentials not forwarded: other origin\)/,
    );
  });

  it('with no environment url, a response still cannot send them elsewhere; a path stays on the named origin', () => {
    expect(outcome(noUrl)).toEqual({ code: 0, output: '' });
    expect(elsewhere.received.get('/no-url-json')).toEqual({ hits: 1 });
    expect(details('no url, JSON capture, another origin', noUrl)).toContain('not an origin the config names');
    expect(api.received.get('/no-url-path')).toEqual({ hits: 1, ...ALL_SENT });
  });

  it('elsewhere never saw a credential on any path', () => {
    expect([...elsewhere.received.values()].filter((got) => Object.keys(got).length > 1)).toEqual([]);
    expect([...elsewhere.received.keys()].sort()).toEqual([
      '/json-capture',
      '/location-capture',
      '/no-url-json',
      '/redirected',
      '/scheme-relative',
      '/userinfo',
    ]);
  });

  it('no credential value appears in the output or the evidence', () => {
    const text = [run, noUrl].map((r) => r.stdout + r.stderr + JSON.stringify(r.evidence)).join('\n');
    for (const secret of Object.values(SECRETS)) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });
});
