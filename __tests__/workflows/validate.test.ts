/**
 * The actions and workflows this repository ships: schema-valid (action-validator), no
 * script injection, documented inputs, and a pull-request example that can be the one
 * required check (GITHUB.md, "Required checks, merge queue"; "Runner contract").
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML */
type Doc = Record<string, any>;

const ROOT = process.cwd();
const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator');
const yamlIn = (dir: string): string[] =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f))
    : [];

const ACTIONS = [
  'action.yml',
  ...readdirSync(join(ROOT, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join('actions', d.name, 'action.yml')),
].filter((f) => existsSync(join(ROOT, f)));
const EXAMPLES = yamlIn('examples/workflows');
const WORKFLOWS = [...EXAMPLES, ...yamlIn('.github/workflows')];
const PR_EXAMPLE = 'examples/workflows/release-gates-pr.yml';

const load = (file: string): Doc => parse(readFileSync(join(ROOT, file), 'utf8')) as Doc;

function validate(file: string): { status: number | null; output: string } {
  const result = spawnSync(VALIDATOR, [file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every `run:` script of an action or workflow, with where it is. */
function runScripts(file: string): { where: string; run: string }[] {
  const doc = load(file);
  const steps: { where: string; step: Doc }[] = doc.runs?.steps
    ? (doc.runs.steps as Doc[]).map((step, i) => ({ where: `runs.steps[${i}]`, step }))
    : Object.entries((doc.jobs ?? {}) as Record<string, Doc>).flatMap(([id, job]) =>
        ((job.steps ?? []) as Doc[]).map((step, i) => ({ where: `jobs.${id}.steps[${i}]`, step })),
      );
  return steps.filter(({ step }) => typeof step.run === 'string').map(({ where, step }) => ({ where, run: step.run as string }));
}

describe('action-validator', () => {
  it('finds the files to check', () => {
    expect(ACTIONS).toEqual(expect.arrayContaining(['action.yml', join('actions', 'smoke', 'action.yml')]));
    expect(EXAMPLES).toEqual(expect.arrayContaining([PR_EXAMPLE]));
    expect(WORKFLOWS.length).toBeGreaterThan(EXAMPLES.length);
  });

  it.each([...ACTIONS, ...WORKFLOWS])('accepts %s', (file) => {
    const { status, output } = validate(file);
    expect(output).not.toMatch(/"errors"/);
    expect(status).toBe(0);
  });

  it.each([
    ['workflow.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo hi\n'],
    ['action.yml', 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo no shell\n'],
  ])('rejects a broken %s (so a pass means something)', (name, text) => {
    const file = join(mkdtempSync(join(tmpdir(), 'rg-validate-')), name);
    writeFileSync(file, text);
    const { status, output } = validate(file);
    expect(status).not.toBe(0);
    expect(output).toMatch(/"errors"/);
  });
});

describe('script injection', () => {
  it.each([...ACTIONS, ...WORKFLOWS])('%s has no ${{ }} inside a run: script', (file) => {
    const scripts = runScripts(file);
    expect(scripts.filter(({ run }) => run.includes('${{')).map(({ where }) => where)).toEqual([]);
  });

  it.each(ACTIONS)('%s runs scripts that exist and are executable', (file) => {
    const scripts = runScripts(file);
    expect(scripts.flatMap(({ run }) => [...run.matchAll(/GITHUB_ACTION_PATH/g)]).length).toBeGreaterThan(0);
    for (const { run } of scripts) {
      expect(run).not.toMatch(/github\.action_path/);
      for (const [, path] of run.matchAll(/\$\{?GITHUB_ACTION_PATH\}?\/([^"'\s]+)/g)) {
        const script = join(ROOT, dirname(file), path!);
        expect(() => accessSync(script, constants.X_OK)).not.toThrow();
        // Users get the file from git: the executable bit must be in the index too.
        const staged = spawnSync('git', ['ls-files', '-s', '--', script], { cwd: ROOT, encoding: 'utf8' }).stdout;
        if (staged) expect(staged).toMatch(/^100755 /);
      }
    }
  });
});

describe('action metadata', () => {
  it.each(ACTIONS)('%s documents every input and output and has branding', (file) => {
    const action = load(file);
    expect(typeof action.name).toBe('string');
    expect(String(action.description ?? '').length).toBeGreaterThan(20);
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
    for (const [name, input] of Object.entries((action.inputs ?? {}) as Record<string, Doc>)) {
      expect([name, typeof input.description, String(input.description).length > 10]).toEqual([name, 'string', true]);
    }
    const outputs = Object.entries((action.outputs ?? {}) as Record<string, Doc>);
    expect(outputs.map(([name]) => name)).toEqual(expect.arrayContaining(['result', 'report']));
    for (const [name, output] of outputs) {
      expect([name, typeof output.description, String(output.description).length > 10]).toEqual([name, 'string', true]);
    }
  });

  it.each(ACTIONS)('%s uses every input it declares', (file) => {
    const action = load(file);
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const name of Object.keys((action.inputs ?? {}) as Doc)) expect([name, text.includes(`inputs.${name}`)]).toEqual([name, true]);
  });
});

describe(`the pull-request example (${PR_EXAMPLE})`, () => {
  const workflow = load(PR_EXAMPLE);
  const jobs = workflow.jobs as Record<string, Doc>;
  const [requiredId, required] = Object.entries(jobs).find(([id, job]) => (job.name ?? id) === 'release-gates') ?? [];

  it('triggers on pull_request, including edited, and on merge_group', () => {
    expect(Object.keys(workflow.on as Doc)).toEqual(expect.arrayContaining(['pull_request', 'merge_group']));
    const types = (workflow.on.pull_request?.types ?? ['opened', 'synchronize', 'reopened']) as string[];
    expect(types).toEqual(expect.arrayContaining(['opened', 'synchronize', 'reopened', 'edited']));
    const queue = workflow.on.merge_group?.types as string[] | undefined;
    if (queue) expect(queue).toContain('checks_requested');
  });

  it('has no path filters', () => {
    for (const [event, filters] of Object.entries(workflow.on as Record<string, Doc | null>)) {
      expect([event, Object.keys(filters ?? {}).filter((key) => key === 'paths' || key === 'paths-ignore')]).toEqual([event, []]);
    }
  });

  it('has a concurrency group per pull request', () => {
    const group = String(workflow.concurrency?.group ?? workflow.concurrency ?? '');
    expect(group).toMatch(/\$\{\{[^}]*github\.event\.pull_request\.number/);
  });

  it('asks for least privilege: contents read, checks and pull-requests write, nothing else', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', checks: 'write', 'pull-requests': 'write' });
    for (const [id, job] of Object.entries(jobs)) {
      if (job.permissions === undefined) continue;
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        expect([id, scope, level === 'read' || (workflow.permissions as Record<string, string>)[scope] === level]).toEqual([
          id,
          scope,
          true,
        ]);
      }
    }
  });

  it('ends in one job named release-gates that runs always() and needs the gate jobs', () => {
    expect(required).toBeDefined();
    expect(String(required!.if)).toMatch(/\balways\(\)/);
    expect(required!['continue-on-error']).toBeUndefined();
    const needs = [required!.needs].flat() as string[];
    expect(needs.length).toBeGreaterThan(0);
    for (const need of needs) expect(Object.keys(jobs)).toContain(need);
  });

  it('is the only job named release-gates in any workflow', () => {
    const named = WORKFLOWS.flatMap((file) =>
      Object.entries((load(file).jobs ?? {}) as Record<string, Doc>).map(([id, job]) => `${file}:${String(job.name ?? id)}`),
    );
    expect(named.filter((name) => name.endsWith(':release-gates'))).toEqual([`${PR_EXAMPLE}:release-gates`]);
  });

  /** Runs the required job's steps as the runner would, with these results of its needs. */
  function runRequired(results: Record<string, string>): number | null {
    const steps = (required!.steps ?? []) as Doc[];
    let code: number | null = 0;
    for (const step of steps.filter((s) => typeof s.run === 'string')) {
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries((step.env ?? {}) as Record<string, unknown>)) {
        const match = /^\$\{\{\s*needs\.([\w-]+)\.result\s*\}\}$/.exec(String(value));
        if (!match)
          throw new Error(`${requiredId!}: env ${name}=${JSON.stringify(value)} is not a needs.<job>.result this test understands`);
        env[name] = results[match[1]!] ?? '';
      }
      const script = join(mkdtempSync(join(tmpdir(), 'rg-step-')), 'step.sh');
      writeFileSync(script, step.run as string);
      code = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      }).status;
      if (code !== 0) return code;
    }
    return code;
  }

  it('passes when every needed job succeeded', () => {
    const needs = [required!.needs].flat() as string[];
    expect(runRequired(Object.fromEntries(needs.map((n) => [n, 'success'])))).toBe(0);
  });

  it.each(['failure', 'cancelled', 'skipped'])('fails explicitly when a needed job ended %s', (result) => {
    const needs = [required!.needs].flat() as string[];
    for (const failed of needs) {
      const results = Object.fromEntries(needs.map((n) => [n, n === failed ? result : 'success']));
      expect([failed, runRequired(results) === 0]).toEqual([failed, false]);
    }
  });

  it("reads every needed job's result", () => {
    const text = JSON.stringify(required!.steps);
    for (const need of [required!.needs].flat() as string[]) expect(text).toMatch(new RegExp(`needs\\.${need}\\.result`));
  });
});

describe('the rollback example (examples/workflows/rollback.yml)', () => {
  const FILE = 'examples/workflows/rollback.yml';
  const workflow = load(FILE);
  const text = readFileSync(join(ROOT, FILE), 'utf8');
  const inputs = (workflow.on as Doc).workflow_dispatch.inputs as Record<string, Doc>;

  it('is a workflow_dispatch with the inputs the monitor gate and the on-call engineer give', () => {
    expect(Object.keys(workflow.on as Doc)).toEqual(['workflow_dispatch']);
    expect(inputs.environment).toMatchObject({ type: 'choice', options: expect.arrayContaining(['production']) });
    expect(inputs.target).toMatchObject({ type: 'string', default: 'last-known-good' });
    expect(inputs.reason).toMatchObject({ type: 'string' });
    expect(inputs['dry-run']).toMatchObject({ type: 'boolean', default: false });
    expect(inputs['confirm-database']).toMatchObject({ type: 'boolean', default: false });
  });

  it('passes every input to actions/rollback, which declares each', () => {
    const step = ((workflow.jobs as Record<string, Doc>).rollback!.steps as Doc[]).find((s) =>
      String(s.uses).includes('actions/rollback'),
    )!;
    const action = load('actions/rollback/action.yml');
    for (const name of Object.keys(inputs)) {
      expect([name, step.with?.[name]]).toEqual([name, `\${{ inputs.${name} }}`]);
      expect([name, Object.keys(action.inputs as Doc)]).toEqual([name, expect.arrayContaining([name])]);
    }
  });

  it('runs one rollback per environment at a time, never cancelling one in flight', () => {
    expect(String(workflow.concurrency.group)).toMatch(/\$\{\{\s*inputs\.environment\s*\}\}/);
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
  });

  it('asks for least privilege, each permission explained by a comment above it', () => {
    expect(workflow.permissions).toEqual({
      contents: 'read',
      checks: 'write',
      deployments: 'write',
      issues: 'write',
      'pull-requests': 'write',
    });
    const lines = text.split('\n');
    for (const scope of Object.keys(workflow.permissions as Doc)) {
      const at = lines.findIndex((line) => line.startsWith(`  ${scope}: `));
      expect([scope, lines[at - 1]?.trim().startsWith('#')]).toEqual([scope, true]);
    }
  });

  it('has no job-level environment: its automatic deployment would replace the rollback pin', () => {
    for (const job of Object.values(workflow.jobs as Record<string, Doc>)) expect(job.environment).toBeUndefined();
  });
});
