/**
 * Benchmark 2, cold start (issue #2: the CLI and every action load one bundle,
 * dist/index.js, so its load time is paid on every gate of every workflow run).
 *
 * How: the CLI (`run smoke`) and each action (`action`, `action smoke`, `action preflight`,
 * with the runner's env contract and no token) on a config with no checks, against
 * bare `node -e 0`, RUNS times each, interleaved so drift in machine load hits both
 * alike. Wall time is spawn to exit of the child. Prints the medians, their ratio and
 * difference (the bundle's own start-up cost), and the size of dist/index.js in bytes.
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUNDLE, median, round, runNode, table } from './lib.mjs';

const RUNS = 15;

/** Bytes of every JavaScript file in dist/: the entry and the chunks it loads on demand. */
async function bundleBytes() {
  const dist = dirname(BUNDLE);
  const files = (await readdir(dist)).filter((name) => name.endsWith('.js'));
  const sizes = await Promise.all(files.map(async (name) => (await stat(join(dist, name))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

async function timed(args, env) {
  const run = await runNode(args, env ? { env } : {});
  if (run.code !== 0) throw new Error(`node ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return run.wallMs;
}

export async function coldStart({ log }) {
  const dir = await mkdtemp(join(tmpdir(), 'release-gates-bench-'));
  try {
    const config = join(dir, 'empty.yml');
    await writeFile(config, 'version: 1\npreflight:\n  checks: []\nsmoke:\n  checks: []\n');
    for (const file of ['output', 'summary']) await writeFile(join(dir, file), '');
    // The runner's env contract for an action step, without a token: no API calls.
    const actionEnv = (gates) => ({
      PATH: process.env.PATH,
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_EVENT_NAME: 'push',
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      GITHUB_WORKSPACE: dir,
      RUNNER_TEMP: dir,
      INPUT_CONFIG: config,
      ...(gates ? { INPUT_GATES: gates } : {}),
    });
    const commands = [
      { name: 'cli: run smoke', figure: 'coldStart.cli', args: [BUNDLE, 'run', 'smoke', '--config', config, '--no-color'] },
      { name: 'action (root, gates: smoke)', figure: 'coldStart.actionRoot', args: [BUNDLE, 'action'], env: actionEnv('smoke') },
      { name: 'actions/smoke', figure: 'coldStart.actionSmoke', args: [BUNDLE, 'action', 'smoke'], env: actionEnv() },
      { name: 'actions/preflight', figure: 'coldStart.actionPreflight', args: [BUNDLE, 'action', 'preflight'], env: actionEnv() },
    ];
    const bareArgs = ['-e', '0'];
    await timed(bareArgs); // warm-up, not counted: page cache for node and the bundle
    for (const command of commands) await timed(command.args, command.env);

    const bare = [];
    const times = commands.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timed(bareArgs));
      for (const [j, command] of commands.entries()) times[j].push(await timed(command.args, command.env));
    }
    log(`  ${RUNS} runs each, interleaved\n`);

    const bytes = await bundleBytes();
    const nodeMs = median(bare);
    const row = (name, xs) => [
      name,
      Math.round(median(xs)),
      Math.round(Math.min(...xs)),
      Math.round(Math.max(...xs)),
      round(median(xs) / nodeMs, 2),
    ];
    const text = table(
      `Cold start: the bundle with no checks vs node -e 0, ${RUNS} runs each; dist/*.js ${bytes} bytes`,
      ['command', 'median ms', 'min ms', 'max ms', 'x node'],
      [...commands.map((command, j) => row(command.name, times[j])), row('node -e 0', bare)],
    );
    const figures = [
      { name: 'coldStart.nodeMs', value: round(nodeMs), unit: 'ms' },
      ...commands.flatMap((command, j) => [
        { name: `${command.figure}Ms`, value: round(median(times[j])), unit: 'ms' },
        { name: `${command.figure}Ratio`, value: round(median(times[j]) / nodeMs, 2), unit: 'x' },
      ]),
      { name: 'coldStart.bundleBytes', value: bytes, unit: 'bytes' },
    ];
    // Per run, as objects: results.json stays as Prettier would format it.
    return { text, figures, runs: times[0].map((ms, i) => ({ cliMs: round(ms, 1), nodeMs: round(bare[i], 1) })) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
