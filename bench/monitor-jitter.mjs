/**
 * Benchmark 4, monitor sampling jitter (issue #10: "sampling jitter over a 60 s window at
 * a 1 s interval: the standard deviation and the maximum of (actual − scheduled start),
 * in ms, aiming for a max under 20 ms; the CPU time used per sample").
 *
 * How: the real bundle, dist/index.js, runs `release-gates run monitor` as a child process
 * with a generated config — one `http` check of bench/server.mjs (its own process,
 * answering after 5 ms), sampled every 1 s for 60 s. Every sample's scheduled and actual
 * start (to 0.1 ms) come from the evidence record, as the gate measured them with its own
 * clock. CPU time: the process's user + system time between the window's start and end
 * (bench/cpu-series-preload.mjs records it every 250 ms; the window's times come from the
 * evidence record), divided by the samples: start-up and config loading are not counted.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, ROOT, round, runNode, startService, table } from './lib.mjs';

const WINDOW_S = 60;
const INTERVAL_MS = 1000;
const SERVER_DELAY_MS = 5;
const AIM_MAX_MS = 20;
const PRELOAD = pathToFileURL(join(ROOT, 'bench', 'cpu-series-preload.mjs')).href;

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

/** CPU µs at `at` (epoch ms), interpolated from the preload's series. */
function cpuAt(series, at) {
  const after = series.findIndex(([t]) => t >= at);
  if (after <= 0) return series[Math.max(0, after)]?.[1] ?? 0;
  const [t0, c0] = series[after - 1];
  const [t1, c1] = series[after];
  return c0 + ((c1 - c0) * (at - t0)) / Math.max(1, t1 - t0);
}

/** The window run by the bundle: its samples, and the CPU time the process used during it. */
async function windowRun(dir, url) {
  const config = join(dir, 'monitor.yml');
  const evidence = join(dir, 'evidence.json');
  await writeFile(config, configFor(url, WINDOW_S));
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
  const first = gate.checks.find((check) => check.data?.samples);
  const samples = first.data.samples;
  const line = /bench-cpu-series=(\[.*\])/.exec(run.stderr);
  if (!line) throw new Error('no bench-cpu-series line from the preload');
  const series = JSON.parse(line[1]);
  const start = Date.parse(first.data.window.startedAt);
  const end = start + first.data.window.elapsedMs;
  return { samples, windowCpuMs: (cpuAt(series, end) - cpuAt(series, start)) / 1000, processCpuMs: series.at(-1)[1] / 1000 };
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
    log(`  the ${WINDOW_S} s window at ${INTERVAL_MS} ms…\n`);
    const full = await windowRun(dir, server.url);
    const jitter = full.samples.map((sample) => sample.startedMs - sample.scheduledMs);
    const s = stats(jitter);
    const latency = stats(full.samples.map((sample) => sample.latencyMs));
    const cpuPerSampleMs = full.windowCpuMs / full.samples.length;
    const figures = [
      { name: 'monitor.samples', value: full.samples.length, unit: '' },
      { name: 'monitor.jitterSdMs', value: round(s.sd, 2), unit: 'ms' },
      { name: 'monitor.jitterMaxMs', value: round(s.max, 1), unit: `ms (aim < ${AIM_MAX_MS} ms)` },
      { name: 'monitor.jitterMedianMs', value: round(s.p50, 1), unit: 'ms' },
      { name: 'monitor.cpuPerSampleMs', value: round(cpuPerSampleMs, 2), unit: 'ms' },
      { name: 'monitor.windowCpuMs', value: round(full.windowCpuMs), unit: `ms during the ${WINDOW_S} s window` },
      { name: 'monitor.processCpuMs', value: round(full.processCpuMs), unit: 'ms for the whole process (start-up included)' },
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
      `CPU: ${round(full.windowCpuMs)} ms during the ${WINDOW_S} s window (${round(full.processCpuMs)} ms for the whole process); ` +
      `${cpuPerSampleMs.toFixed(2)} ms per sample (request, assertions, thresholds, progress, idle loop).\n`;
    return { text: text + note, figures, runs: { jitterMs: jitter, cpuMs: { window: full.windowCpuMs, process: full.processCpuMs } } };
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
