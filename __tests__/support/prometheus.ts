/**
 * A real Prometheus (Debian `prometheus`, installed by scripts/setup.sh) started as a
 * process on loopback, scraping the given targets every second, with its own temporary
 * storage. It can be stopped without being killed (SIGSTOP): then it accepts connections
 * and never answers, as a hung metrics backend does.
 *
 * @example
 * ```ts
 * const prom = await startPrometheus({ 'stand-in': service.url });
 * await prom.waitFor('up{job="stand-in"}', (value) => value === 1);
 * await prom.stop();
 * ```
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Prometheus {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Polls an instant query until `accept` holds for its single value; throws after `timeoutMs`. */
  waitFor(query: string, accept: (value: number | undefined) => boolean, timeoutMs?: number): Promise<void>;
  /** SIGSTOP, resolved once every thread is stopped: the process keeps its socket open and answers nothing. */
  pause(): Promise<void>;
  /** SIGCONT. */
  resume(): void;
  stop(): Promise<void>;
}

/** True when the `prometheus` binary is on PATH (scripts/setup.sh installs it). */
export function hasPrometheus(): boolean {
  return spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The single value of an instant query, or undefined (no series, or an error). */
export async function queryValue(url: string, query: string): Promise<number | undefined> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as { data?: { resultType?: string; result?: unknown } };
  const result = body.data?.result;
  if (body.data?.resultType === 'scalar' && Array.isArray(result)) return Number(result[1]);
  const series = Array.isArray(result) ? (result as { value: [number, string] }[]) : [];
  return series.length === 1 && series[0] ? Number(series[0].value[1]) : undefined;
}

/**
 * Starts Prometheus scraping `targets` (job name → base URL, scraped at `/metrics`).
 * Resolves once `/-/ready` answers 200.
 */
export async function startPrometheus(targets: Record<string, string>, timeoutMs = 60_000): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'rg-prometheus-'));
  const port = await freePort();
  const jobs = Object.entries(targets).map(
    ([job, base]) => `  - job_name: ${JSON.stringify(job)}\n    static_configs:\n      - targets: [${JSON.stringify(new URL(base).host)}]`,
  );
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${jobs.join('\n')}\n`);
  const child = spawn(
    'prometheus',
    [`--config.file=${config}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${join(dir, 'data')}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    }
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/-/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within ${timeoutMs} ms: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    url,
    async waitFor(query, accept, waitMs = 60_000) {
      const until = Date.now() + waitMs;
      let last: number | undefined;
      for (;;) {
        last = await queryValue(url, query).catch(() => undefined);
        if (accept(last)) return;
        if (Date.now() > until)
          throw new Error(`prometheus: ${query} did not reach the expected value within ${waitMs} ms (last ${String(last)})`);
        await sleep(250);
      }
    },
    async pause() {
      child.kill('SIGSTOP');
      // SIGSTOP is delivered, not yet obeyed: a thread already serving may still answer.
      // Wait until the kernel reports every thread stopped (state T), however slow the machine.
      await allThreadsStopped(child.pid);
    },
    resume: () => child.kill('SIGCONT'),
    stop,
  };
}

/** Resolves once every thread of `pid` is stopped (`T` in /proc/<pid>/task/<tid>/stat). */
async function allThreadsStopped(pid: number | undefined): Promise<void> {
  if (pid === undefined) throw new Error('prometheus has no pid');
  for (;;) {
    const states = readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return stat.charAt(stat.lastIndexOf(')') + 2);
    });
    if (states.every((state) => state === 'T' || state === 't')) return;
    await sleep(10);
  }
}
