/**
 * Benchmark 1, smoke overhead (issue #2: "200 checks at concurrency 50 against a service
 * answering in 100 ms should take close to ceil(200/50) × 100 ms = 400 ms, ≤ 1.25×, and
 * stay under 120 MB").
 *
 * How: bench/server.mjs runs as its own process and answers every request after 100 ms.
 * A generated config (200 `http: GET /x?i=N` checks, each expecting status 200 and
 * `$.ok: true`, `concurrency: 50`) is run by the real bundle, dist/index.js, as a child
 * process. Figures per round:
 *   - gate wall time: the evidence record's gate `durationMs` (the engine's own clock,
 *     without node start-up and config loading; process wall time is shown beside it);
 *   - baseline: the same 200 requests with plain undici `request()` at concurrency 50, in
 *     this process, against the same server in the same run, so machine speed cancels;
 *   - peak RSS of the bundle process, from bench/maxrss-preload.mjs (`node --import`).
 * Medians of ROUNDS rounds; which side goes first alternates per round.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { BUNDLE, ROOT, median, round, runNode, startService, table } from './lib.mjs';

const CHECKS = 200;
const CONCURRENCY = 50;
const DELAY_MS = 100;
const ROUNDS = 3;
const IDEAL_MS = Math.ceil(CHECKS / CONCURRENCY) * DELAY_MS;
const AIM_RATIO = 1.25;
const AIM_RSS_MB = 120;
const PRELOAD = pathToFileURL(join(ROOT, 'bench', 'maxrss-preload.mjs')).href;

/** The generated config: one environment pointing at the server, one smoke gate. */
function configFor(url) {
  const lines = ['version: 1', 'environments:', '  bench:', `    url: ${url}`, 'smoke:', `  concurrency: ${CONCURRENCY}`, '  checks:'];
  for (let i = 0; i < CHECKS; i++) {
    lines.push(
      `    - name: check ${i}`,
      `      http: GET /x?i=${i}`,
      '      expect:',
      '        status: 200',
      '        json:',
      '          $.ok: true',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The baseline: CHECKS requests, CONCURRENCY at a time, body read and parsed. */
async function undiciBaseline(url) {
  const agent = new Agent({ connections: null }); // fresh pool per round: cold like the bundle
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < CHECKS) {
      const i = next++;
      const res = await request(`${url}/x?i=${i}`, { dispatcher: agent });
      const body = await res.body.json();
      if (res.statusCode !== 200 || body.ok !== true) failures++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wallMs = performance.now() - start;
  await agent.close();
  if (failures) throw new Error(`undici baseline: ${failures} of ${CHECKS} requests failed`);
  return wallMs;
}

/** One run of the real bundle; returns gate ms, process wall ms and peak RSS in MB. */
async function bundleRun(config, evidence) {
  const args = ['--import', PRELOAD, BUNDLE, 'run', 'smoke', '--config', config, '--env', 'bench', '--json', evidence, '--no-color'];
  const run = await runNode(args);
  const record = JSON.parse(await readFile(evidence, 'utf8'));
  const gate = record.gates.find((g) => g.gate === 'smoke');
  if (run.code !== 0 || gate?.status !== 'passed') {
    throw new Error(`the bundle did not pass the smoke gate (exit ${run.code}):\n${run.stderr}\n${run.stdout.slice(-2000)}`);
  }
  const rss = /bench-maxrss-kb=(\d+)/.exec(run.stderr);
  if (!rss) throw new Error('no bench-maxrss-kb line from the preload');
  return { gateMs: gate.durationMs, wallMs: run.wallMs, rssMB: Number(rss[1]) / 1024 };
}

export async function smokeOverhead({ log }) {
  const dir = await mkdtemp(join(tmpdir(), 'release-gates-bench-'));
  const server = await startService(join(ROOT, 'bench', 'server.mjs'), ['--delay-ms', String(DELAY_MS)]);
  try {
    const config = join(dir, 'release-gates.yml');
    await writeFile(config, configFor(server.url));
    await undiciBaseline(server.url); // warm-up, not counted: JIT in the server and here

    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const evidence = join(dir, `evidence-${r}.json`);
      let baselineMs;
      let ours;
      if (r % 2 === 0) {
        baselineMs = await undiciBaseline(server.url);
        ours = await bundleRun(config, evidence);
      } else {
        ours = await bundleRun(config, evidence);
        baselineMs = await undiciBaseline(server.url);
      }
      rounds.push({ baselineMs, ...ours });
      log(
        `  round ${r + 1}/${ROUNDS}: gate ${Math.round(ours.gateMs)} ms, undici ${Math.round(baselineMs)} ms, ${ours.rssMB.toFixed(1)} MB\n`,
      );
    }

    const m = {
      gateMs: median(rounds.map((x) => x.gateMs)),
      wallMs: median(rounds.map((x) => x.wallMs)),
      baselineMs: median(rounds.map((x) => x.baselineMs)),
      rssMB: median(rounds.map((x) => x.rssMB)),
    };
    const figures = [
      { name: 'smoke.gateMs', value: round(m.gateMs), unit: 'ms' },
      { name: 'smoke.idealMs', value: IDEAL_MS, unit: 'ms' },
      { name: 'smoke.ratioToIdeal', value: round(m.gateMs / IDEAL_MS, 2), unit: `x (aim <= ${AIM_RATIO}x)` },
      { name: 'smoke.undiciMs', value: round(m.baselineMs), unit: 'ms' },
      { name: 'smoke.ratioToUndici', value: round(m.gateMs / m.baselineMs, 2), unit: 'x' },
      { name: 'smoke.processWallMs', value: round(m.wallMs), unit: 'ms' },
      { name: 'smoke.peakRssMB', value: round(m.rssMB, 1), unit: `MB (aim <= ${AIM_RSS_MB} MB)` },
    ];
    const cell = (x) => [
      Math.round(x.gateMs),
      Math.round(x.baselineMs),
      (x.gateMs / x.baselineMs).toFixed(2),
      Math.round(x.wallMs),
      x.rssMB.toFixed(1),
    ];
    const text = table(
      `Smoke overhead: ${CHECKS} checks, concurrency ${CONCURRENCY}, ${DELAY_MS} ms server; ideal ${IDEAL_MS} ms (aim <= ${AIM_RATIO}x, <= ${AIM_RSS_MB} MB)`,
      ['round', 'gate ms', 'undici ms', 'gate/undici', 'process ms', 'peak RSS MB'],
      [...rounds.map((x, i) => [String(i + 1), ...cell(x)]), ['median', ...cell(m)]],
    );
    const note =
      'gate ms: evidence durationMs; process ms: spawn to exit; median row: medians, gate/undici = ratio of medians.\n' +
      'The undici baseline runs warm (JIT, llhttp compiled) in this process; the bundle starts cold each round.\n';
    const raw = rounds.map((x) => ({
      gateMs: x.gateMs,
      baselineMs: round(x.baselineMs, 1),
      wallMs: round(x.wallMs, 1),
      rssMB: round(x.rssMB, 1),
    }));
    return { text: text + note, figures, rounds: raw };
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
