/**
 * Benchmark 4, monitor sampling jitter (issue #10: "sampling jitter over a 60 s window at
 * a 1 s interval: the standard deviation and the maximum of (actual − scheduled start),
 * in ms, aiming for a max under 20 ms; the CPU time used per sample").
 *
 * How: the real bundle, dist/index.js, runs `release-gates run monitor` as a child process
 * with a generated config — one `http` check of bench/server.mjs (its own process,
 * answering after 5 ms), sampled every 1 s for 60 s. Every sample's scheduled and actual
 * start (to 0.1 ms) come from the evidence record, as the gate measured them with its own
 * clock. CPU time: the process's user + system time (bench/maxrss-preload.mjs) for the
 * 60 s window, minus that of a 5 s window run the same way (start-up, config, bundle
 * load), divided by the difference in samples.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, ROOT, round, runNode, startService, table } from './lib.mjs';

const WINDOW_S = 60;
const SHORT_WINDOW_S = 5;
const INTERVAL_MS = 1000;
const SERVER_DELAY_MS = 5;
const AIM_MAX_MS = 20;
const PRELOAD = pathToFileURL(join(ROOT, 'bench', 'maxrss-preload.mjs')).href;

function configFor(url, windowS) {
  return [
    'version: 1',
    'environments:',
    '  bench:',
    `    url: ${url}`,
    'monitor:',
    `  window: ${windowS}s`,
    `  interval: ${INTERVAL_MS}ms`,
    '  checks:',
    '    - name: probe',
    '      http: GET /x',
    '      expect: { json: { $.ok: true } }',
    '      thresholds: { max-error-rate: 1%, max-p95: 1s }',
    '',
  ].join('\n');
}

/** One window run by the bundle: its samples and the process's CPU time. */
async function windowRun(dir, url, windowS) {
  const config = join(dir, `monitor-${windowS}s.yml`);
  const evidence = join(dir, `evidence-${windowS}s.json`);
  await writeFile(config, configFor(url, windowS));
  const run = await runNode([
    '--import',
    PRELOAD,
    BUNDLE,
    'run',
    'monitor',
    '--config',
    config,
    '--env',
    'bench',
    '--json',
    evidence,
    '--no-color',
  ]);
  const record = JSON.parse(await readFile(evidence, 'utf8'));
  const gate = record.gates.find((g) => g.gate === 'monitor');
  if (run.code !== 0 || gate?.status !== 'passed') {
    throw new Error(`the bundle did not pass the monitor gate (exit ${run.code}):\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`);
  }
  const samples = gate.checks.flatMap((check) => check.data?.samples ?? []);
  const cpu = /bench-cpu-us=(\d+)/.exec(run.stderr);
  if (!cpu) throw new Error('no bench-cpu-us line from the preload');
  return { samples, cpuMs: Number(cpu[1]) / 1000, wallMs: run.wallMs };
}

function stats(values) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  const sorted = [...values].sort((a, b) => a - b);
  return { mean, sd, max: sorted.at(-1), p50: sorted[Math.floor(sorted.length / 2)], min: sorted[0] };
}

export async function monitorJitter({ log }) {
  const dir = await mkdtemp(join(tmpdir(), 'release-gates-bench-monitor-'));
  const server = await startService(join(ROOT, 'bench', 'server.mjs'), ['--delay-ms', String(SERVER_DELAY_MS)]);
  try {
    log(`  a ${SHORT_WINDOW_S} s window (fixed costs)…\n`);
    const short = await windowRun(dir, server.url, SHORT_WINDOW_S);
    log(`  the ${WINDOW_S} s window at ${INTERVAL_MS} ms…\n`);
    const full = await windowRun(dir, server.url, WINDOW_S);
    const jitter = full.samples.map((sample) => sample.startedMs - sample.scheduledMs);
    const s = stats(jitter);
    const latency = stats(full.samples.map((sample) => sample.latencyMs));
    const cpuPerSampleMs = (full.cpuMs - short.cpuMs) / (full.samples.length - short.samples.length);
    const figures = [
      { name: 'monitor.samples', value: full.samples.length, unit: '' },
      { name: 'monitor.jitterSdMs', value: round(s.sd, 2), unit: 'ms' },
      { name: 'monitor.jitterMaxMs', value: round(s.max, 1), unit: `ms (aim < ${AIM_MAX_MS} ms)` },
      { name: 'monitor.jitterMedianMs', value: round(s.p50, 1), unit: 'ms' },
      { name: 'monitor.cpuPerSampleMs', value: round(cpuPerSampleMs, 2), unit: 'ms' },
      { name: 'monitor.processCpuMs', value: round(full.cpuMs), unit: `ms over the ${WINDOW_S} s window` },
    ];
    const text = table(
      `Monitor sampling jitter: ${full.samples.length} samples, every ${INTERVAL_MS} ms for ${WINDOW_S} s, ${SERVER_DELAY_MS} ms server (aim: max < ${AIM_MAX_MS} ms)`,
      ['actual − scheduled start', 'mean ms', 'sd ms', 'median ms', 'max ms'],
      [
        ['jitter', s.mean.toFixed(2), s.sd.toFixed(2), s.p50.toFixed(1), s.max.toFixed(1)],
        ['sample latency (for scale)', latency.mean.toFixed(1), latency.sd.toFixed(1), latency.p50.toFixed(1), latency.max.toFixed(1)],
      ],
    );
    const note =
      `CPU: ${round(full.cpuMs)} ms for the ${WINDOW_S} s window, ${round(short.cpuMs)} ms for the ${SHORT_WINDOW_S} s one; ` +
      `${cpuPerSampleMs.toFixed(2)} ms per sample (request, assertions, thresholds, progress).\n`;
    return { text: text + note, figures, runs: { jitterMs: jitter, cpuMs: { full: full.cpuMs, short: short.cpuMs } } };
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
