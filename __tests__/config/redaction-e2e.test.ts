/**
 * End to end: the shipped CLI against a real local server that requires Basic auth and
 * echoes the credentials back. Secrets reach the request through `auth:`, a header and
 * the URL query; failing expectations put the echoed body in the details. No secret, nor
 * an encoding of it, may appear in stdout, stderr or the evidence record.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBundle, runCli, type CliResult } from './helpers.js';

// Alphanumeric heads (hX9qbat, tK7qzW) survive every encoding, so a cut secret shows them.
const X_PASSWORD = 'hX9qbattery"staple horse';
const MY_TOKEN = 'tK7qzW/e"x<+w9=Rm';
const BASIC = `Basic ${Buffer.from(`admin:${X_PASSWORD}`).toString('base64')}`;

/** Every form of a secret that must never be printed. */
const FORBIDDEN = [
  X_PASSWORD,
  MY_TOKEN,
  Buffer.from(X_PASSWORD).toString('base64'),
  Buffer.from(MY_TOKEN).toString('base64'),
  BASIC.slice('Basic '.length),
  JSON.stringify(X_PASSWORD).slice(1, -1),
  JSON.stringify(MY_TOKEN).slice(1, -1),
  encodeURIComponent(MY_TOKEN),
  new URL(`http://h/?t=${MY_TOKEN}`).search.slice(3), // as the server receives the query
  'hX9qbat',
  'tK7qzW',
];

let server: Server;
let base: string;
let dir: string;
/** What the server received with valid credentials: header and query token. */
const authorized: { token: string | undefined; url: string | undefined }[] = [];

/** Answers 401 without the right Basic credentials, else echoes them in the body. */
function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.authorization !== BASIC) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    return;
  }
  const token = req.headers['x-api-token'] as string | undefined;
  authorized.push({ token, url: req.url });
  const json = (value: unknown) => JSON.stringify(value);
  const password = Buffer.from(BASIC.slice(6), 'base64').toString('utf8').slice('admin:'.length);
  // Fields in a fixed order: the body preview (60 characters) holds the whole password
  // in /echo, and cuts the token in two in /cut.
  const head = req.url?.startsWith('/cut') ? `"pad":${json('p'.repeat(35))}` : `"password":${json(password)},"pad":${json('p'.repeat(30))}`;
  const body = `{${head},"token":${json(token)},"ok":false,"password2":${json(password)},"url":${json(req.url)},"auth":${json(req.headers.authorization)},"pw64":${json(Buffer.from(password).toString('base64'))}}`;
  res.writeHead(200, { 'content-type': 'application/json', 'x-echo': token ?? '' }).end(body);
}

/** Writes a one-check config against the local server and runs it with the secrets set. */
async function runAgainstServer(name: string, check: string): Promise<CliResult & { evidence: string }> {
  const config = join(dir, `${name}.yml`);
  const evidence = join(dir, `${name}.json`);
  writeFileSync(
    config,
    `version: 1\nenvironments:\n  x: { url: "${base}" }\nsmoke:\n  checks:\n    - name: ${name}\n${check.replace(/^/gm, '      ')}\n`,
  );
  const result = await runCli(['run', 'smoke', '--config', config, '--env', 'x', '--json', evidence, '--no-color'], {
    X_PASSWORD,
    MY_TOKEN,
  });
  return { ...result, evidence: readFileSync(evidence, 'utf8') };
}

/** The forbidden forms found in `text`. */
function leaks(text: string): string[] {
  return FORBIDDEN.filter((form) => text.includes(form));
}

beforeAll(async () => {
  requireBundle();
  dir = mkdtempSync(join(tmpdir(), 'rg-redact-'));
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** A request carrying the secrets in the query, the auth and a header. */
function request(path: string): string {
  return [
    `http: GET ${path}?token=\${MY_TOKEN}&limit=1`,
    'auth: { basic: [admin, "${X_PASSWORD}"] }',
    'headers: { x-api-token: "${MY_TOKEN}" }',
  ].join('\n');
}

describe('secrets in a failing check, end to end', () => {
  let run: CliResult & { evidence: string };

  beforeAll(async () => {
    authorized.length = 0;
    run = await runAgainstServer(
      'echo',
      `${request('/echo')}
expect:
  status: 200
  json:
    $.ok: true
    $.password: { equals: nope }
    $.token: { equals: nope }
    $.url: { equals: nope }
    $.auth: { equals: nope }
    $.pw64: { equals: nope }
  body: { contains: "not in the body" }`,
    );
  });

  it('sent the real secrets to the server, which accepted them and echoed them', () => {
    expect(authorized).toEqual([{ token: MY_TOKEN, url: `/echo?token=${new URL(`http://h/?t=${MY_TOKEN}`).search.slice(3)}&limit=1` }]);
  });

  it('failed the gate (exit 1) and printed the echoed values as *** in the details', () => {
    expect(run.code).toBe(1);
    const details = (JSON.parse(run.evidence) as { gates: { checks: { details: string[] }[] }[] }).gates[0]!.checks[0]!.details;
    expect(details).toEqual(
      expect.arrayContaining([
        '✗ $.password: measured "***", expected == "nope"',
        '✗ $.token: measured "***", expected == "nope"',
        '✗ $.url: measured "/echo?token=***&limit=1", expected == "nope"',
        '✗ $.auth: measured "Basic ***", expected == "nope"',
        '✗ $.pw64: measured "***", expected == "nope"',
      ]),
    );
    // The body preview shows the JSON body as it came, redacted.
    expect(details.find((line) => line.startsWith('✗ body:'))).toContain('{"password":"***"');
  });

  it('prints no secret, nor an encoding of it, on stdout', () => {
    expect(leaks(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('***');
  });

  it('prints no secret on stderr', () => {
    expect(leaks(run.stderr)).toEqual([]);
    expect(run.stderr).toContain('evidence written to');
  });

  it('writes no secret to the evidence record', () => {
    expect(leaks(run.evidence)).toEqual([]);
    expect(run.evidence).toContain('***');
  });
});

describe('secrets cut by truncation (known bugs: text is cut before it is redacted)', () => {
  // These fail today, so they are marked `failing`: once the bug is fixed jest reports
  // them, and `.failing` should be removed. See the report of the config tests.
  it('does not show the head of a secret that the body preview cuts', async () => {
    const run = await runAgainstServer('cut', `${request('/cut')}\nexpect:\n  body: { contains: "not in the body" }`);
    expect(run.code).toBe(1);
    // The evidence has no table, so only the 60-character body preview can cut here.
    expect(run.evidence).toContain('p'.repeat(35));
    expect(leaks(run.evidence)).toEqual([]);
  });

  it('does not show the head of a secret that a table column cuts', async () => {
    const run = await runAgainstServer('column', `${request('/echo')}\nexpect:\n  headers:\n    x-echo: { equals: "${'n'.repeat(40)}" }`);
    expect(run.code).toBe(1);
    // The evidence holds the whole value, redacted; the table cell holds a cut copy.
    expect(leaks(run.evidence)).toEqual([]);
    expect(leaks(run.stdout)).toEqual([]);
  });
});
