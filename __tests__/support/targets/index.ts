/**
 * Test targets started as real processes, so the HTTP client meets real sockets:
 * `fault-server.mjs` (resets, slow and huge responses, redirects to another origin,
 * the runbook 000 role API). See the route list at the top of that file.
 *
 * @example
 * ```ts
 * const target = await startTarget();
 * // ... GET `${target.url}/flaky?key=t1&fail=2` ...
 * await target.stop();
 * ```
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const FAULT_SERVER = fileURLToPath(new URL('./fault-server.mjs', import.meta.url));

export interface Target {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** Process id of the target. */
  pid: number;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** Starts `script` (default: the fault server) with node and waits for its listening line. */
export function startTarget(script: string = FAULT_SERVER, timeoutMs = 15_000): Promise<Target> {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise<Target>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not print "listening on" within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${String(code)} before listening; stderr: ${stderr}`));
    });
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const match = LISTENING.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ url: match[1], pid: child.pid ?? 0, stop });
    });
  });
}

/** A URL on 127.0.0.1 where nothing listens: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
