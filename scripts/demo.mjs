#!/usr/bin/env node
// `npm run demo`: the smoke gate of runbook 003 (Release GO/NO-GO) against a local
// stand-in service, run with the real bundle (dist/index.js). No accounts, no network:
// everything listens on 127.0.0.1.
//
// 1. A healthy build: every check passes (readiness waits out a 1.5 s start-up).
// 2. A build with a regression: the estimator renamed `total_before_tax`. The gate fails
//    and says what it measured, what it expected and where the check is written; the PR
//    comment it would post is written to demo-report.md.
//
// Exits 0 when both runs behave as designed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const CONFIG = 'examples/go-no-go/release-gates.yml';
const demoCredentials = {
  ADMIN_BASIC_USERNAME: 'admin',
  ADMIN_BASIC_PASSWORD: 'demo-admin-password',
  DISPATCHER_BASIC_USERNAME: 'dispatcher',
  DISPATCHER_BASIC_PASSWORD: 'demo-dispatcher-password',
  ACCOUNTANT_BASIC_USERNAME: 'accountant',
  ACCOUNTANT_BASIC_PASSWORD: 'demo-accountant-password',
};

/** Starts the stand-in service on a free loopback port; resolves with its URL. */
async function startService(extraEnv) {
  const child = spawn(process.execPath, ['examples/go-no-go/service.mjs', '--port', '0'], {
    env: { ...process.env, ...demoCredentials, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /listening on (\S+)/.exec(line);
    if (match) return { url: match[1], stop: () => child.kill('SIGTERM') };
  }
  throw new Error('the demo service did not start');
}

/** Runs the real bundle; resolves with its exit code. */
async function runGate(url, extraArgs = []) {
  const child = spawn(process.execPath, ['dist/index.js', 'run', 'smoke', '--config', CONFIG, '--env', 'local', ...extraArgs], {
    env: { ...process.env, ...demoCredentials, API_BASE: url },
    stdio: 'inherit',
  });
  const [code] = await once(child, 'exit');
  return code;
}

function banner(text) {
  process.stdout.write(`\n${'━'.repeat(78)}\n${text}\n${'━'.repeat(78)}\n`);
}

const healthy = await startService({ STARTUP_MS: '1500' });
const broken = await startService({ SERVICE_FAULT: 'estimate-schema' });
let ok = true;
try {
  banner(
    `1/2  Healthy build at ${healthy.url}: runbook 003 "Health" and "Smoke tests"\n     release-gates run smoke --config ${CONFIG} --env local`,
  );
  const first = await runGate(healthy.url, ['--json', 'demo-evidence.json']);
  if (first !== 0) {
    ok = false;
    process.stdout.write(`\ndemo: expected the healthy run to pass (exit 0), got exit ${first}\n`);
  }

  banner(
    `2/2  A build with a regression at ${broken.url}: the estimator renamed total_before_tax.\n     The gate must fail, say what it measured and expected, and point at the config line.`,
  );
  const second = await runGate(broken.url, ['--markdown', 'demo-report.md']);
  if (second !== 1) {
    ok = false;
    process.stdout.write(`\ndemo: expected the regression to fail the gate (exit 1), got exit ${second}\n`);
  }
} finally {
  healthy.stop();
  broken.stop();
}

banner(
  ok
    ? 'Demo behaved as designed: the healthy build passed (exit 0) and the regression failed (exit 1).\nEvidence record of the passing run: demo-evidence.json\nThe PR comment the failing run would post: demo-report.md'
    : 'Demo did NOT behave as designed (see above).',
);
process.exitCode = ok ? 0 : 1;
