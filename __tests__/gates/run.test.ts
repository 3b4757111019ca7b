/**
 * Gates run in order (src/gates/run.ts): after a gate that failed or waits for a person,
 * the later gates are not run at all (no request reaches their targets) and are reported
 * as skipped with the reason; the run's result is the first gate's. The same through
 * the real bundle, with check runs and the comment, is in __tests__/e2e/verified.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { preflightGate } from '../../src/gates/preflight/index.js';
import { runGates } from '../../src/gates/run.js';
import { smokeGate } from '../../src/gates/smoke/index.js';
import { UndiciHttpClient } from '../../src/io/http.js';
import { SecretRegistry } from '../../src/secrets/registry.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { withConfigFile } from '../support/gate-run.js';

let target: Server;
let url: string;
let requests = 0;
beforeAll(async () => {
  target = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => target.close(() => resolve()));
});

const config = (preflight: string): string => `version: 1
environments:
  staging: { url: "${url}" }
preflight:
  checks:
${preflight}
smoke:
  checks:
    - http: GET /healthz
`;

async function run(preflight: string) {
  requests = 0;
  const http = new UndiciHttpClient();
  try {
    return await withConfigFile(config(preflight), 'rg-gates-run-', (loaded) =>
      runGates({
        loaded,
        gates: [preflightGate, smokeGate],
        environment: 'staging',
        env: { PRESENT: 'yes' },
        secrets: new SecretRegistry(),
        io: { http },
      }),
    );
  } finally {
    await http.close();
  }
}

it.each<[string, string, 'failed']>([
  ['a check failed', '    - env: ABSENT_VARIABLE', 'failed'],
  ['a check could not be verified', '    - github-ci: { branch: main }', 'failed'],
])('after a preflight where %s, smoke is skipped with the reason and never sends a request', async (_label, preflight, status) => {
  const result = await run(preflight);
  expect(result.gates.map((gate) => [gate.gate, gate.status, gate.reason, gate.checks.length])).toEqual([
    ['preflight', status, undefined, 1],
    ['smoke', 'skipped', 'not run: gate preflight did not pass', 0],
  ]);
  expect(requests).toBe(0);
  expect(result.status).toBe(status);
  expect(exitCodeFor(result.status)).toBe(1);
});

it('after a preflight that passed, smoke runs', async () => {
  const result = await run('    - env: PRESENT');
  expect(result.gates.map((gate) => [gate.gate, gate.status])).toEqual([
    ['preflight', 'passed'],
    ['smoke', 'passed'],
  ]);
  expect(requests).toBe(1);
  expect(exitCodeFor(result.status)).toBe(0);
});
