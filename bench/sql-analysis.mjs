/**
 * Benchmark 4, SQL analysis (issue #9, item 10: "analysis throughput in MB/s of SQL; aim for
 * at least 10 MB/s"), and the one-time cost of loading the parser.
 *
 * How:
 *   - Load: a fresh `node --liftoff-only` (the bundle's own V8 setting) imports libpg-query and
 *     waits for its WebAssembly, as the migrate gate does on first use (bench/libpg-query-probe.mjs):
 *     wall ms and RSS growth in MB, median of LOAD_RUNS.
 *   - Throughput, through the real bundle: `dist/index.js analyse-sql` over a generated corpus of
 *     realistic migrations (bench/sql-corpus.mjs, FILES files), minus the same command on a
 *     one-statement file (start-up and parser load), so the figure is analysis only: every
 *     statement walked by every rule, bodies parsed, counts built and verified, hashes, and the
 *     printed tables. Then the same over the detector corpus (__tests__/fixtures/sql-corpus,
 *     dense with DO blocks and functions, the worst case), repeated to REPEAT copies.
 *   - Baseline in the same run: the bare parser (`parseSync` of each file once, same V8 flags)
 *     on the same corpus, so machine load cancels out in the ratio.
 * Medians of ROUNDS rounds; the machine's load average is printed with the figures.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, ROOT, median, round, runNode, table } from './lib.mjs';
import { migration } from './sql-corpus.mjs';

const FILES = 400;
const REPEAT = 25;
const ROUNDS = 3;
const LOAD_RUNS = 5;
const AIM_MBPS = 10;
const PRELOAD = pathToFileURL(join(ROOT, 'bench', 'maxrss-preload.mjs')).href;
const PROBE = join(ROOT, 'bench', 'libpg-query-probe.mjs');
const DETECTOR_CORPUS = join(ROOT, '__tests__', 'fixtures', 'sql-corpus');

async function probe(files = []) {
  const run = await runNode(['--liftoff-only', PROBE, ...files]);
  if (run.code !== 0) throw new Error(`libpg-query probe exited ${run.code}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The bundle's `analyse-sql` over `files`: wall ms and peak RSS MB (exit 0 or 1: findings are expected). */
async function analyse(files) {
  const run = await runNode(['--import', PRELOAD, BUNDLE, 'analyse-sql', ...files], { env: { ...process.env, NO_COLOR: '1' } });
  if (run.code !== 0 && run.code !== 1) throw new Error(`analyse-sql exited ${run.code}:\n${run.stderr.slice(-2000)}`);
  const rss = /bench-maxrss-kb=(\d+)/.exec(run.stderr);
  return { wallMs: run.wallMs, rssMB: rss ? Number(rss[1]) / 1024 : NaN, findings: (run.stdout.match(/│ \d+:\d+ /g) ?? []).length };
}

async function writeCorpus(dir, texts) {
  const files = [];
  for (const [i, text] of texts.entries()) {
    const file = join(dir, `${String(i).padStart(4, '0')}.sql`);
    await writeFile(file, text);
    files.push(file);
  }
  return { files, bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) };
}

export async function sqlAnalysis({ log }) {
  const loadBefore = loadavg();
  const dir = await mkdtemp(join(tmpdir(), 'release-gates-bench-sql-'));
  try {
    const loads = [];
    for (let i = 0; i < LOAD_RUNS; i++) loads.push(await probe());
    const loadMs = median(loads.map((l) => l.loadMs));
    const loadMB = median(loads.map((l) => l.rssAfter - l.rssBefore));
    log(`  libpg-query load: ${loadMs.toFixed(0)} ms, +${loadMB.toFixed(1)} MB RSS (median of ${LOAD_RUNS})\n`);

    const tiny = join(dir, 'tiny.sql');
    await writeFile(tiny, 'SELECT 1;\n');
    const realisticDir = await mkdtemp(join(dir, 'realistic-'));
    const realistic = await writeCorpus(
      realisticDir,
      Array.from({ length: FILES }, (_, i) => migration(i + 1)),
    );
    const fixtures = (await readdir(DETECTOR_CORPUS)).filter((name) => name.endsWith('.sql') && name !== 'broken.sql').sort();
    const fixtureTexts = await Promise.all(fixtures.map((name) => readFile(join(DETECTOR_CORPUS, name), 'utf8')));
    const detectorDir = await mkdtemp(join(dir, 'detector-'));
    const detector = await writeCorpus(detectorDir, Array.from({ length: REPEAT }, () => fixtureTexts).flat());
    await analyse([tiny]); // warm-up, not counted: page cache for node, the bundle and the wasm

    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const startup = await analyse([tiny]);
      const ours = await analyse(realistic.files);
      const bare = await probe(realistic.files);
      const heavy = await analyse(detector.files);
      const heavyBare = await probe(detector.files);
      const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);
      const round_ = {
        startupMs: startup.wallMs,
        analysisMs: ours.wallMs - startup.wallMs,
        analysisMBps: mbps(realistic.bytes, ours.wallMs - startup.wallMs),
        parseMBps: mbps(realistic.bytes, bare.parseMs),
        heavyMBps: mbps(detector.bytes, heavy.wallMs - startup.wallMs),
        heavyParseMBps: mbps(detector.bytes, heavyBare.parseMs),
        rssMB: ours.rssMB,
        findings: ours.findings,
      };
      rounds.push(round_);
      log(
        `  round ${r + 1}/${ROUNDS}: realistic ${round_.analysisMBps.toFixed(2)} MB/s (bare parser ${round_.parseMBps.toFixed(2)}), ` +
          `detector corpus ${round_.heavyMBps.toFixed(2)} MB/s (bare ${round_.heavyParseMBps.toFixed(2)}), load avg ${loadavg()[0].toFixed(1)}\n`,
      );
    }
    const loadAfter = loadavg();
    const m = Object.fromEntries(Object.keys(rounds[0]).map((key) => [key, median(rounds.map((x) => x[key]))]));
    const figures = [
      { name: 'sql.loadMs', value: round(loadMs), unit: 'ms (libpg-query import + wasm, once per process)' },
      { name: 'sql.loadRssMB', value: round(loadMB, 1), unit: 'MB' },
      { name: 'sql.corpusBytes', value: realistic.bytes, unit: `bytes (${FILES} files)` },
      { name: 'sql.analysisMBps', value: round(m.analysisMBps, 2), unit: `MB/s (aim >= ${AIM_MBPS})` },
      { name: 'sql.bareParseMBps', value: round(m.parseMBps, 2), unit: 'MB/s' },
      { name: 'sql.analysisToParse', value: round(m.analysisMBps / m.parseMBps, 2), unit: 'x of the bare parser' },
      { name: 'sql.detectorCorpusMBps', value: round(m.heavyMBps, 2), unit: 'MB/s' },
      { name: 'sql.detectorCorpusParseMBps', value: round(m.heavyParseMBps, 2), unit: 'MB/s' },
      { name: 'sql.peakRssMB', value: round(m.rssMB, 1), unit: 'MB (analyse-sql over the corpus)' },
      {
        name: 'sql.loadAverage',
        value: round((loadBefore[0] + loadAfter[0]) / 2, 1),
        unit: `(1 min, before ${loadBefore[0].toFixed(1)}, after ${loadAfter[0].toFixed(1)})`,
      },
    ];
    const cell = (x) => [
      x.analysisMBps.toFixed(2),
      x.parseMBps.toFixed(2),
      (x.analysisMBps / x.parseMBps).toFixed(2),
      x.heavyMBps.toFixed(2),
      x.heavyParseMBps.toFixed(2),
      Math.round(x.startupMs),
      x.rssMB.toFixed(1),
    ];
    const text = table(
      `SQL analysis: ${FILES} realistic migrations (${(realistic.bytes / 1e6).toFixed(2)} MB, ${rounds[0].findings} findings) and the detector corpus x${REPEAT} (${(detector.bytes / 1e6).toFixed(2)} MB); aim >= ${AIM_MBPS} MB/s`,
      ['round', 'MB/s', 'parser MB/s', 'x parser', 'detector MB/s', 'parser MB/s', 'start ms', 'peak RSS MB'],
      [...rounds.map((x, i) => [String(i + 1), ...cell(x)]), ['median', ...cell(m)]],
    );
    const note =
      `MB/s: analyse-sql through dist/index.js, minus its start-up on one statement (start ms); parser: bare parseSync, same V8 flags.\n` +
      `libpg-query load: ${loadMs.toFixed(0)} ms and +${loadMB.toFixed(1)} MB RSS; load average ${loadBefore[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after, (cores are shared with other work).\n`;
    return {
      text: text + note,
      figures,
      rounds: rounds.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v, 2)]))),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
