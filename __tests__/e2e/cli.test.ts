/**
 * The command line through the real bundle (`node .test-bundle/dist/index.js`), against a
 * real HTTP target: help and usage errors, output paths checked before any gate runs,
 * `--check` (a partial run), the GitHub Actions guard, control characters in the
 * terminal, encoded response bodies, and captures in a later step's `expect`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireBundle, runCli, type CliResult } from '../config/helpers.js';
import { startTarget, type Target } from '../support/targets/index.js';

const OUTPUT_SERVER = fileURLToPath(new URL('../support/targets/output-server.mjs', import.meta.url));

let target: Target;
let dir: string;

beforeAll(async () => {
  requireBundle();
  target = await startTarget(OUTPUT_SERVER);
  dir = mkdtempSync(join(tmpdir(), 'rg-cli-e2e-'));
});

afterAll(async () => {
  await target.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a config with a `test` environment at the target and `smoke:` checks. */
function config(name: string, checks: string): string {
  const file = join(dir, name);
  writeFileSync(file, `version: 1\nenvironments:\n  test: { url: "${target.url}" }\nsmoke:\n  checks:\n${checks}`);
  return file;
}

async function hits(): Promise<number> {
  const response = await fetch(`${target.url}/hits`);
  return ((await response.json()) as { hits: number }).hits;
}

function expectUsage(result: CliResult, lines: readonly string[]): void {
  expect(result.stderr).toBe(`${lines.join('\n')}\n`);
  expect(result.stdout).toBe('');
  expect(result.code).toBe(2);
}

describe('help and usage errors', () => {
  it('prints the help on stdout and exits 0 without arguments', async () => {
    const result = await runCli([]);
    expect(result.stdout).toMatch(/^Usage: release-gates \[options\] \[command\]\n/);
    expect(result.stdout).toContain('run [options] <gates...>');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('ends a usage error with a hint to the command help, exit 2', async () => {
    expectUsage(await runCli(['run']), ["error: missing required argument 'gates'", 'see `release-gates run --help`']);
    expectUsage(await runCli(['deploy']), ["error: unknown command 'deploy'", 'see `release-gates --help`']);
  });

  it('refuses an option value that is another option: --env --json x', async () => {
    const file = config('usage.yml', '    - http: GET /hits\n');
    expectUsage(await runCli(['run', 'smoke', '--config', file, '--env', '--json', 'x.json']), [
      `error: option '-e, --env <name>' argument '--json' is invalid. expected a value, got the option "--json" (the value is missing before it).`,
      'see `release-gates run --help`',
    ]);
  });
});

describe('output paths', () => {
  it('refuses --json to a path that cannot be written before any gate runs, exit 2', async () => {
    const file = config('paths.yml', '    - http: GET /encoded?as=gzip\n');
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const before = await hits();
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--json', join(blocker, 'evidence.json')]);
    expectUsage(result, [
      `--json ${join(blocker, 'evidence.json')} cannot be written: a part of the path is a file, not a folder (expected a file path in a writable folder)`,
      'see `release-gates run --help`',
    ]);
    expect(await hits()).toBe(before);
  });

  it('refuses --markdown to a folder', async () => {
    const file = config('paths2.yml', '    - http: GET /encoded?as=gzip\n');
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--markdown', dir]);
    expectUsage(result, [
      `--markdown ${dir} cannot be written: it is a folder (expected a file path in a writable folder)`,
      'see `release-gates run --help`',
    ]);
  });

  it('prints the verdict first when a write still fails at the end, and exits with the gate code', async () => {
    const out = join(dir, 'late');
    mkdirSync(out, { recursive: true });
    // The check itself replaces the output folder with a file while the gate runs.
    const file = config('late.yml', `    - http: GET /replace?path=${encodeURIComponent(out)}\n`);
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--json', join(out, 'evidence.json')]);
    expect(result.stdout).toMatch(/smoke \(test\): ✓ passed, 1 passed in /);
    expect(result.stderr).toMatch(
      new RegExp(`release-gates: could not write evidence to ${join(out, 'evidence.json').replace(/[.\\/]/g, '\\$&')}: .+\\n$`),
    );
    expect(result.stderr).not.toMatch(/^\s+at |internal error/m);
    expect(result.code).toBe(0);
  });
});

describe('--check: some checks of a gate', () => {
  const checks = [
    '    - name: readiness gzip\n      http: GET /encoded?as=gzip\n      expect: { json: { $.status: ok } }\n',
    '    - name: readiness br\n      http: GET /encoded?as=br\n      expect: { json: { $.status: ok } }\n',
    '    - name: scrape\n      http: GET /scrape?wrong=1\n      expect: { json: { $.url: nope } }\n',
  ].join('');

  it('runs only the matching checks; the verdict and the evidence record say the run was partial', async () => {
    const file = config('check.yml', checks);
    const evidence = join(dir, 'partial.json');
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--check', 'readiness*', '--json', evidence]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('smoke (test): ✓ passed, 2 passed in ');
    expect(result.stdout).toContain('(partial: only checks matching readiness*; 1 not run)');
    const record = JSON.parse(readFileSync(evidence, 'utf8')) as {
      partial?: { only: string[] };
      gates: { checks: { name: string }[]; partial?: { only: string[]; notRun: number } }[];
    };
    expect(record.partial).toEqual({ only: ['readiness*'] });
    expect(record.gates[0]?.partial).toEqual({ only: ['readiness*'], notRun: 1 });
    expect(record.gates[0]?.checks.map((check) => check.name)).toEqual(['readiness gzip', 'readiness br']);
  });

  it('takes several --check, by name or id', async () => {
    const file = config('check2.yml', checks);
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--check', 'scrape', '--check', 'readiness-br']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('smoke (test): ✗ failed, 1 failed, 1 passed in ');
  });

  it('says which checks there are when a pattern matches none, exit 2', async () => {
    const file = config('check3.yml', checks);
    expectUsage(await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--check', 'health']), [
      '--check "health" matches no check (expected a name or id of: smoke: readiness gzip (readiness-gzip); smoke: readiness br (readiness-br); smoke: scrape (scrape))',
      'see `release-gates run --help`',
    ]);
  });
});

/** Lines of `log` that the runner would read as a workflow command: outside a stop-commands block. */
function commandsOutsideGuard(log: string): string[] {
  const found: string[] = [];
  let token: string | undefined;
  for (const line of log.split('\n')) {
    if (token !== undefined) {
      if (line === `::${token}::`) token = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) token = stop[1];
    else if (/^\s*::|##\[/.test(line)) found.push(line);
  }
  return found;
}

describe('text from targets', () => {
  const hostile = '    - name: hostile\n      http: GET /hostile\n      expect: { json: { $.status: ok } }\n';

  it('under GITHUB_ACTIONS=true, reaches the log only inside ::stop-commands::', async () => {
    const file = config('hostile.yml', hostile);
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test'], { GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(1);
    const log = result.stdout + result.stderr;
    expect(log).toContain('##[set-output name=result;]passed');
    expect(log).toMatch(/^::stop-commands::[0-9a-f-]{36}$/m);
    expect(commandsOutsideGuard(result.stdout)).toEqual([]);
    expect(commandsOutsideGuard(result.stderr)).toEqual([]);
  });

  it('outside Actions, is printed without the guard (the control shows the test can fail)', async () => {
    const file = config('hostile2.yml', hostile);
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test']);
    expect(result.stdout).not.toContain('::stop-commands::');
    expect(commandsOutsideGuard(result.stdout).length).toBeGreaterThan(0);
  });

  it('shows C0 and C1 control characters escaped, never raw', async () => {
    const file = config('hostile3.yml', hostile);
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test']);
    const log = result.stdout + result.stderr;
    expect(log).toContain('\\u009b31mred\\u001f');
    expect(log).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('encoded response bodies', () => {
  it.each(['gzip', 'deflate', 'br'])('decodes %s before the assertions and names the encoding in the evidence', async (encoding) => {
    const file = config(
      `enc-${encoding}.yml`,
      `    - http: GET /encoded?as=${encoding}\n      expect: { json: { $.status: ok, $.encoding: ${encoding} } }\n`,
    );
    const evidence = join(dir, `enc-${encoding}.json`);
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--json', evidence]);
    expect(result.code).toBe(0);
    const record = JSON.parse(readFileSync(evidence, 'utf8')) as { gates: { checks: { details: string[] }[] }[] };
    const details = record.gates[0]?.checks[0]?.details ?? [];
    expect(
      details.filter((line) => new RegExp(`^body sent with content-encoding ${encoding}; \\d+ B after decoding$`).test(line)),
    ).toHaveLength(1);
  });

  it('cuts a gzip bomb at max-body instead of inflating it', async () => {
    const file = config('bomb.yml', '    - http: GET /bomb\n      max-body: 1MiB\n      expect: { body: { contains: done } }\n');
    const evidence = join(dir, 'bomb.json');
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test', '--json', evidence]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('(body cut at 1 MiB by max-body; the rest was not read)');
    const record = JSON.parse(readFileSync(evidence, 'utf8')) as { gates: { checks: { details: string[] }[] }[] };
    expect(record.gates[0]?.checks[0]?.details).toContain('body sent with content-encoding gzip; 1 MiB after decoding');
  });
});

describe('captures in a later step’s expect', () => {
  const flow = (scrape: string) =>
    `    - name: scrape target\n      steps:\n        - http: GET /targets\n          capture: { scrape_url: "$.targets[0].url" }\n        - http: GET ${scrape}\n          expect: { json: { $.url: "{{scrape_url}}" } }\n`;

  it('compares with the captured value', async () => {
    const file = config('capture.yml', flow('/scrape'));
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test']);
    expect(result.stdout).toContain('smoke (test): ✓ passed, 1 passed');
    expect(result.code).toBe(0);
  });

  it('fails on another value, showing the captured one as expected, not {{scrape_url}}', async () => {
    const file = config('capture2.yml', flow('/scrape?wrong=1'));
    const result = await runCli(['run', 'smoke', '--config', file, '--env', 'test']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ $.url: measured "${target.url}/other", expected == "${target.url}/metrics"`);
    expect(result.stdout).not.toContain('{{scrape_url}}');
  });

  it('refuses an unknown {{name}} at load, naming the captures in scope', async () => {
    const file = config('capture3.yml', flow('/scrape').replace('{{scrape_url}}', '{{scrape_uri}}'));
    const result = await runCli(['validate', '--config', file]);
    expect(result.stderr).toBe(
      `${file}:11:36: smoke.checks[0].steps[1].expect.json["$.url"]: "{{scrape_uri}}" is not captured by an earlier step (captures in scope: scrape_url)\n`,
    );
    expect(result.code).toBe(2);
    expect(existsSync(file)).toBe(true);
  });
});
