// Helpers shared by the demo's acts: the stand-in service, the real bundle, banners.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** The Basic-auth pairs of the runbook 003 stand-in (demo values, not secrets of anyone). */
export const demoCredentials = {
  ADMIN_BASIC_USERNAME: 'admin',
  ADMIN_BASIC_PASSWORD: 'demo-admin-password',
  DISPATCHER_BASIC_USERNAME: 'dispatcher',
  DISPATCHER_BASIC_PASSWORD: 'demo-dispatcher-password',
  ACCOUNTANT_BASIC_USERNAME: 'accountant',
  ACCOUNTANT_BASIC_PASSWORD: 'demo-accountant-password',
};

/** Starts a stand-in service (`script --port 0`) on loopback; resolves with its URL and a stop function. */
export async function startService(extraEnv = {}, script = 'examples/go-no-go/service.mjs') {
  const child = spawn(process.execPath, [script, '--port', '0'], {
    env: { ...process.env, ...demoCredentials, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /listening on (\S+)/.exec(line);
    if (match) return { url: match[1], stop: () => child.kill('SIGTERM'), child };
  }
  throw new Error(`the demo service ${script} did not start`);
}

/** Runs the real bundle (`node dist/index.js …args`) with the output shown; resolves with its exit code. */
export async function runBundle(args, env = {}) {
  const child = spawn(process.execPath, ['dist/index.js', ...args], {
    env: { ...process.env, ...demoCredentials, ...env },
    stdio: 'inherit',
  });
  const [code] = await once(child, 'exit');
  return code;
}

export function banner(text) {
  process.stdout.write(`\n${'━'.repeat(78)}\n${text}\n${'━'.repeat(78)}\n`);
}

/** Checks an exit code against the one the act expects; prints why when it differs. Returns true when it matches. */
export function expectExit(what, code, expected) {
  if (code === expected) return true;
  process.stdout.write(`\ndemo: expected ${what} to exit ${expected}, got exit ${code}\n`);
  return false;
}
