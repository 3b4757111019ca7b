#!/usr/bin/env node
/**
 * `npm run bench`: the performance figures of issue #2, measured on the real bundle
 * (dist/index.js, committed, so this works on a fresh clone after `npm ci`).
 *
 *   1. Smoke overhead (bench/smoke-overhead.mjs): 200 HTTP checks at concurrency 50
 *      against a local 100 ms server. Aim: <= 1.25x the ideal 400 ms, <= 120 MB peak RSS.
 *   2. Cold start (bench/cold-start.mjs): the bundle with no checks vs `node -e 0`, for
 *      the CLI and for each action (root action, actions/smoke, actions/preflight).
 *   3. GitHub requests per gate run (bench/github-requests.mjs), issue #3: aim <= 4 when
 *      the PR comment already exists.
 *   4. SQL analysis (bench/sql-analysis.mjs), issue #9: throughput in MB/s of the migrate
 *      gate's destructive-change analysis (aim >= 10 MB/s) and the one-time load of the
 *      PostgreSQL parser (ms, MB).
 *   5. Migrate gate overhead (bench/migrate-overhead.mjs), issue #9: the gate's wall time
 *      over the tool's (dbmate) for the same migrations on an embedded PostgreSQL.
 *   6. Monitor sampling jitter (bench/monitor-jitter.mjs), issue #10: actual − scheduled
 *      start of each sample over a 60 s window at 1 s (sd and max; aim max < 20 ms), and
 *      CPU time per sample.
 *
 * Rules: figures are printed, never asserted (exit 1 only if a benchmark could not run,
 * e.g. the gate failed); every ratio is against a baseline measured in this same run, so
 * machine speed cancels out; no network, loopback only.
 *
 * Output: an aligned table per benchmark, then one `figure: value` line per figure, and
 * the same figures in bench/results.json (git-ignored).
 *
 *   npm run bench                 both benchmarks
 *   npm run bench -- smoke        only one (smoke | cold | github | sql | migrate | monitor)
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { coldStart } from './cold-start.mjs';
import { BUNDLE, ROOT, figureLines } from './lib.mjs';
import { smokeOverhead } from './smoke-overhead.mjs';
import { githubRequests } from './github-requests.mjs';
import { sqlAnalysis } from './sql-analysis.mjs';
import { migrateOverhead } from './migrate-overhead.mjs';
import { monitorJitter } from './monitor-jitter.mjs';

const BENCHMARKS = {
  smoke: smokeOverhead,
  cold: coldStart,
  github: githubRequests,
  sql: sqlAnalysis,
  migrate: migrateOverhead,
  monitor: monitorJitter,
};
const RESULTS = join(ROOT, 'bench', 'results.json');

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in BENCHMARKS)) {
    process.stderr.write(`unknown benchmark "${name}"; choose from: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    process.exit(2);
  }
}
if (!existsSync(BUNDLE)) {
  process.stderr.write(`${BUNDLE} is missing (dist/ is committed; \`npm run bundle\` rebuilds it)\n`);
  process.exit(2);
}
const selected = wanted.length ? wanted : Object.keys(BENCHMARKS);
const log = (s) => process.stderr.write(s);

const machine = `node ${process.version}, ${platform()}/${arch()}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`;
log(`release-gates bench on ${machine}\n`);

const results = [];
for (const name of selected) {
  log(`\n${name}…\n`);
  results.push({ name, ...(await BENCHMARKS[name]({ log })) });
}

for (const { text } of results) process.stdout.write(text);
const figures = results.flatMap((r) => r.figures);
process.stdout.write(`\n${figureLines(figures)}`);

const record = {
  date: new Date().toISOString(),
  machine,
  figures: Object.fromEntries(figures.map((f) => [f.name, f.value])),
  units: Object.fromEntries(figures.map((f) => [f.name, f.unit])),
  raw: Object.fromEntries(results.map(({ name, rounds, runs }) => [name, rounds ?? runs])),
};
await writeFile(RESULTS, `${JSON.stringify(record, null, 2)}\n`);
process.stdout.write(`\nresults written to ${RESULTS}\n`);
