#!/usr/bin/env node
/**
 * A stand-in for a team's deploy command: "redeploy the prior application image/container
 * and restart services" (runbook 003, "Rollback"), for the example service. It stops the
 * running service and starts `service.mjs` at the given revision on the same port, then
 * waits until it listens. No dependencies.
 *
 *   node examples/go-no-go/deploy.mjs --state .deploy --revision <sha>
 *   node examples/go-no-go/deploy.mjs --state .deploy --stop
 *
 * The state folder holds what a platform would: `releases.json` (each revision's build
 * settings, e.g. `{"<sha>": {"SERVICE_FAULT": "estimate-schema"}}`; a revision not listed
 * is a healthy build), and, once deployed, `service.pid`, `service.port`, `revision` and
 * `service.log`. Prints `deployed <sha> at http://127.0.0.1:<port>`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const state = option('state') ?? '.deploy';
const revision = option('revision');
if (!revision && !args.includes('--stop')) {
  process.stderr.write('usage: deploy.mjs --state DIR --revision SHA | --stop\n');
  process.exit(2);
}
mkdirSync(state, { recursive: true });
const file = (name) => join(state, name);
const read = (name) => (existsSync(file(name)) ? readFileSync(file(name), 'utf8').trim() : undefined);

/** Stops the running service, waiting until it is gone. */
async function stop() {
  const pid = Number(read('service.pid'));
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  for (let waited = 0; waited < 10_000; waited += 50) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.kill(pid, 'SIGKILL');
}

/** Starts the service at `revision` on `port` (0: any), resolves with the port it listens on. */
function start(port) {
  const releases = existsSync(file('releases.json')) ? JSON.parse(readFileSync(file('releases.json'), 'utf8')) : {};
  const build = releases[revision] ?? {};
  const log = openSync(file('service.log'), 'a');
  const service = join(dirname(fileURLToPath(import.meta.url)), 'service.mjs');
  const child = spawn(process.execPath, [service, '--port', String(port)], {
    env: { ...process.env, SERVICE_FAULT: '', ...build, SERVICE_REVISION: revision },
    stdio: ['ignore', 'pipe', log],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the service exited with ${code} before listening`)));
    child.stdout.setEncoding('utf8').on('data', (text) => {
      out += text;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        child.stdout.destroy();
        child.unref();
        writeFileSync(file('service.pid'), String(child.pid));
        resolve(Number(match[1]));
      }
    });
  });
}

await stop();
if (revision) {
  const port = await start(Number(read('service.port') ?? 0));
  writeFileSync(file('service.port'), String(port));
  writeFileSync(file('revision'), revision);
  process.stdout.write(`deployed ${revision} at http://127.0.0.1:${port}\n`);
} else {
  process.stdout.write('stopped\n');
}
