/**
 * Shared set-up of the end-to-end tests: the example service as a real process, a job
 * workspace holding the config, event payloads, and one call that runs a composite
 * action of this repository (the real bundle, built from today's `src/`) through the test runner against
 * the local GitHub API.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import { isPair, isScalar, parseDocument, visit } from 'yaml';
import { runProgram, type CliResult } from '../config/helpers.js';
import { ACTION_ROOT, BUNDLE } from '../support/bundle.js';
import { assertExitCode, readRecord, type RecordedRun } from '../support/explain.js';
import { runCompositeAction, type CompositeRunResult } from '../support/runner/index.js';
import {
  startGitHubApi,
  type CheckRunRec,
  type CommentRec,
  type GitHubApiOptions,
  type GitHubApiServer,
} from '../support/github-api/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_CONFIG = join(ROOT, 'examples/go-no-go/release-gates.yml');
export const CONFIG_IN_REPO = '.github/release-gates.yml';
export const REPO = 'owner/repo';
export const PR_NUMBER = 7;
export const HEAD_SHA = 'a1'.repeat(20);
/** `GITHUB_SHA` on `pull_request`: the test merge commit, never the one to report on. */
export const MERGE_SHA = 'e2'.repeat(20);
export const GROUP_SHA = 'c3'.repeat(20);
export const PUSH_SHA = 'd4'.repeat(20);
export const TOKEN = 'ghs_e2eT0kenV4lue0000';

/** The service's Basic-auth pairs and other secrets the job has in its environment. */
export const CREDENTIALS = {
  ADMIN_BASIC_USERNAME: 'admin-user',
  ADMIN_BASIC_PASSWORD: 'Adm1n-Pa55-9f2c',
  DISPATCHER_BASIC_USERNAME: 'dispatch-user',
  DISPATCHER_BASIC_PASSWORD: 'D1spatch-Pa55-71ab',
  ACCOUNTANT_BASIC_USERNAME: 'acct-user',
  ACCOUNTANT_BASIC_PASSWORD: 'Acc0unt-Pa55-c0de',
};
export const OTHER_SECRETS = { CAPTCHA_TOKEN: 'Capt-T0ken-55e1', DEPLOY_TOKEN: 'Depl0y-T0ken-ab77' };

/** Every secret value that must never be shown, with the encodings a leak could take. */
export function secretValues(): string[] {
  const plain = [
    CREDENTIALS.ADMIN_BASIC_PASSWORD,
    CREDENTIALS.DISPATCHER_BASIC_PASSWORD,
    CREDENTIALS.ACCOUNTANT_BASIC_PASSWORD,
    OTHER_SECRETS.CAPTCHA_TOKEN,
    OTHER_SECRETS.DEPLOY_TOKEN,
    TOKEN,
  ];
  const basic = [
    [CREDENTIALS.ADMIN_BASIC_USERNAME, CREDENTIALS.ADMIN_BASIC_PASSWORD],
    [CREDENTIALS.DISPATCHER_BASIC_USERNAME, CREDENTIALS.DISPATCHER_BASIC_PASSWORD],
    [CREDENTIALS.ACCOUNTANT_BASIC_USERNAME, CREDENTIALS.ACCOUNTANT_BASIC_PASSWORD],
  ].map(([user, password]) => Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64'));
  return [...plain, ...basic];
}

/** The secrets found in `text` (empty when none). */
export function leaks(text: string): string[] {
  return secretValues().filter((secret) => text.includes(secret));
}

/**
 * The forms a secret may leak in: as is, URL-encoded (encodeURIComponent, and as a URL
 * parser writes it in user info), base64, JSON-escaped.
 */
export function leakForms(secret: string): string[] {
  const userinfo = new URL('http://h');
  userinfo.password = secret;
  const forms = [
    secret,
    encodeURIComponent(secret),
    userinfo.password,
    Buffer.from(secret).toString('base64'),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)];
}

/**
 * Every text an action run wrote where people or GitHub see it, by place: stdout and
 * stderr (without the `::add-mask::` commands that register secrets), the job summary,
 * `$GITHUB_OUTPUT`, the evidence record, every request body sent to GitHub, the check
 * runs, the comments and the other workflow commands.
 */
export function writtenPlaces(result: CompositeRunResult, gh: GitHubApiServer): Record<string, string> {
  const report = result.outputs.report;
  const shownLog = [result.stdout, result.stderr]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return {
    'stdout/stderr': shownLog,
    'job summary': result.summary,
    GITHUB_OUTPUT: result.steps.map((step) => step.outputFile).join('\n'),
    'evidence record': report !== undefined && existsSync(report) ? readFileSync(report, 'utf8') : '',
    'requests to GitHub': JSON.stringify(gh.requests.map((r) => r.body)),
    'check runs': JSON.stringify(githubState(gh).checkRuns),
    comments: JSON.stringify(githubState(gh).comments),
    'workflow commands': JSON.stringify(result.log.commands.filter((c) => c.command !== 'add-mask')),
  };
}

/** A running example service. */
export interface Service {
  url: string;
  stop(): Promise<void>;
}

/** Starts `examples/go-no-go/service.mjs --port 0`; `fault` is its SERVICE_FAULT. */
export function startService(fault = ''): Promise<Service> {
  const child = spawn(process.execPath, [join(ROOT, 'examples/go-no-go/service.mjs'), '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', ...CREDENTIALS, SERVICE_FAULT: fault },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`service exited with ${String(code)} before listening`)));
    child.stderr.resume();
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1].replace(/\/+$/, ''), stop });
    });
  });
}

/**
 * How long an end-to-end test may take: generous, because a busy 2-core machine running
 * many bundles at once is slow, and a timeout only has to catch a hang. No e2e test
 * asserts how fast anything is (issue #7).
 */
export const E2E_TEST_TIMEOUT_MS = 300_000;
jest.setTimeout(E2E_TEST_TIMEOUT_MS);

/** A smoke check's per-attempt timeout in the e2e configs: only a hang should reach it. */
const E2E_CHECK_TIMEOUT = '60s';

/**
 * A config without wall-clock bounds: every `max-latency` removed and every `timeout`
 * raised to {@link E2E_CHECK_TIMEOUT}. End-to-end runs start many bundles at once on a
 * busy machine, so a latency bound would measure the machine, not the code (issue #7:
 * the go-no-go example's `max-latency: 500ms` failed matrix cells under load). Latency
 * is asserted where the delay is controlled: `__tests__/http/latency.test.ts` (a
 * server-side delay) and `__tests__/http/assertions.test.ts` (a given elapsed time).
 */
export function withoutWallClockBounds(yaml: string): string {
  const doc = parseDocument(yaml);
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return undefined;
      if (pair.key.value === 'max-latency') return visit.REMOVE;
      if (pair.key.value === 'timeout') pair.value = doc.createNode(E2E_CHECK_TIMEOUT);
      return undefined;
    },
  });
  return doc.toString();
}

/** The go-no-go example config as the e2e tests run it: {@link withoutWallClockBounds}. */
export function exampleConfig(): string {
  return withoutWallClockBounds(readFileSync(EXAMPLE_CONFIG, 'utf8'));
}

/**
 * A config with staging and production (which requires staging: production's preflight
 * checks staging passed), the given preflight checks (YAML at 4 spaces) and a liveness
 * smoke check, both environments at `${API_BASE}`.
 */
export function stagedConfig(preflightChecks: string): string {
  return `version: 1
environments:
  staging: { url: "\${API_BASE}" }
  production: { url: "\${API_BASE}", requires: [staging] }
preflight:
  checks:
${preflightChecks.replace(/\n$/, '')}
smoke:
  checks:
    - name: liveness
      http: GET /healthz
      expect: { json: { $.status: ok } }
`;
}

/** A job's checkout: a folder holding the config at `.github/release-gates.yml`. */
export function makeWorkspace(config = exampleConfig()): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rg-e2e-ws-'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, CONFIG_IN_REPO), config);
  return { dir, config };
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the config`);
  return index + 1;
}

/** A `pull_request` payload; `headRepo` other than {@link REPO} makes it a fork's. */
export function pullRequestEvent(options: { headRepo?: string; body?: string; headSha?: string } = {}): unknown {
  return {
    action: 'synchronize',
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      body: options.body ?? 'Adds the thing.',
      labels: [],
      user: { login: 'alice' },
      head: { sha: options.headSha ?? HEAD_SHA, ref: 'feature', repo: { full_name: options.headRepo ?? REPO } },
      base: { sha: 'f0'.repeat(20), ref: 'main', repo: { full_name: REPO } },
    },
    repository: { full_name: REPO },
  };
}

export function mergeGroupEvent(): unknown {
  return {
    action: 'checks_requested',
    merge_group: { head_sha: GROUP_SHA, head_ref: 'refs/heads/gh-readonly-queue/main/pr-7', base_sha: 'f0'.repeat(20) },
    repository: { full_name: REPO },
  };
}

export function pushEvent(): unknown {
  return { ref: 'refs/heads/main', after: PUSH_SHA, head_commit: { id: PUSH_SHA }, repository: { full_name: REPO } };
}

/** Seeds the pull request the events talk about. */
export function seedPullRequest(gh: GitHubApiServer, body = 'Adds the thing.'): void {
  gh.state.addPullRequest({ repo: REPO, number: PR_NUMBER, headSha: HEAD_SHA, headRef: 'feature', body });
}

/**
 * Runs `test` against a fresh GitHub API (the PR seeded), then checks that it saw no
 * request GitHub would reject and no response off its schema, and closes it. One server
 * per test lets tests run concurrently.
 */
export async function withGitHub(test: (gh: GitHubApiServer) => Promise<void>, options: GitHubApiOptions = {}): Promise<void> {
  const gh = await startGitHubApi(options);
  seedPullRequest(gh);
  try {
    await test(gh);
    if (gh.violations.length || gh.responseViolations.length) {
      throw new Error(`GitHub API contract violations:\n${[...gh.violations, ...gh.responseViolations].join('\n')}`);
    }
  } finally {
    await gh.close();
  }
}

export interface GateRun {
  gh: GitHubApiServer;
  workspace: string;
  serviceUrl: string;
  /** `smoke`, `preflight`, `migrate`, `monitor` or `rollback`: actions/<gate>; `root`: action.yml with `gates: smoke`. */
  action?: 'smoke' | 'preflight' | 'migrate' | 'monitor' | 'rollback' | 'root';
  /** `GITHUB_ACTOR`: who started the run (`github-actions[bot]` for a dispatch by a workflow's token). */
  actor?: string;
  eventName?: string;
  event?: unknown;
  /** `GITHUB_SHA`; default per event. */
  sha?: string;
  environment?: string;
  token?: string;
  /** More job `env:`. */
  env?: Record<string, string>;
  job?: string;
  runId?: string;
  with?: Record<string, string>;
}

export interface GateRunResult extends CompositeRunResult {
  runnerTemp: string;
}

/** Runs the gate the way a workflow step `uses:` the action. */
export async function runGate(options: GateRun): Promise<GateRunResult> {
  const eventName = options.eventName ?? 'pull_request';
  const sha =
    options.sha ?? ({ pull_request: MERGE_SHA, merge_group: GROUP_SHA, push: PUSH_SHA } as Record<string, string>)[eventName] ?? PUSH_SHA;
  const runnerTemp = mkdtempSync(join(tmpdir(), 'rg-e2e-tmp-'));
  const action = options.action === 'root' ? ACTION_ROOT : join(ACTION_ROOT, 'actions', options.action ?? 'smoke');
  const inputs = { environment: options.environment ?? 'local', ...(options.action === 'root' ? { gates: 'smoke' } : {}), ...options.with };
  const result = await runCompositeAction({
    action,
    with: inputs,
    run: {
      repository: REPO,
      sha,
      eventName,
      event: options.event ?? pullRequestEvent(),
      token: options.token ?? TOKEN,
      apiUrl: options.gh.url,
      runId: options.runId ?? '4242',
      job: options.job ?? 'gates',
      ...(options.actor ? { actor: options.actor } : {}),
    },
    workspace: options.workspace,
    runnerTemp,
    env: { API_BASE: options.serviceUrl, ...CREDENTIALS, ...OTHER_SECRETS, RELEASE_GATES_RETRY_BASE_MS: '50', ...options.env },
  });
  return { ...result, runnerTemp };
}

/** The run step of a result (the one that ran the bundle). */
export function runStep(result: CompositeRunResult): CompositeRunResult['steps'][number] {
  const step = result.steps.find((s) => s.id === 'run');
  if (!step) throw new Error('no run step');
  return step;
}

/**
 * Asserts the exit code of a run's bundle step. On a mismatch the error names `label` (a
 * matrix cell, a test step) and lists each check that did not pass with what it
 * measured against what it expected, read from the run's evidence record, or the tail
 * of the step's output when it wrote none: a red CI explains itself.
 */
export function expectExit(result: CompositeRunResult, expected: number, label = 'the run step'): void {
  const step = runStep(result);
  assertExitCode(step.exitCode ?? null, expected, {
    label: `${label} (outputs.result: ${result.outputs.result ?? 'none'})`,
    record: readRecord(result.outputs.report),
    output: step.output,
  });
}

/** A run of the CLI (`node <bundle> …`): its exit code, output and evidence record. */
export interface CliRun extends CliResult {
  /** The `--json` evidence record, when one was asked for and written. */
  record: RecordedRun | undefined;
}

/**
 * Runs the real bundle as the CLI, `node <bundle> <args…>`, in `cwd` with only `env` (and
 * PATH): no GITHUB_* variables unless given. `json` adds `--json <file>` and reads it back.
 */
export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; json?: boolean }): Promise<CliRun> {
  const record = join(mkdtempSync(join(tmpdir(), 'rg-e2e-cli-')), 'evidence.json');
  const run = await runProgram(process.execPath, [BUNDLE, ...args, ...(options.json ? ['--json', record] : [])], options);
  return { ...run, record: options.json ? readRecord(record) : undefined };
}

/** Asserts a CLI run's exit code; on a mismatch the error lists its failing checks (see {@link expectExit}). */
export function expectCliExit(run: CliRun, expected: number, label = 'the CLI'): void {
  assertExitCode(run.code, expected, { label, record: run.record, output: run.stdout + run.stderr });
}

/** The upload step (`uses: actions/upload-artifact`), if it ran. */
export function uploadStep(result: CompositeRunResult): CompositeRunResult['steps'][number] | undefined {
  return result.steps.find((s) => s.uses?.startsWith('actions/upload-artifact') && s.ran);
}

/** The check runs and comments the fake GitHub holds for the repository. */
export function githubState(gh: GitHubApiServer): { checkRuns: CheckRunRec[]; comments: CommentRec[] } {
  const rec = gh.state.repo(REPO);
  return { checkRuns: rec.checkRuns, comments: rec.comments };
}

/** Workflow commands the runner ran, by name. */
export function commands(result: CompositeRunResult, name: string): CompositeRunResult['log']['commands'] {
  return result.log.commands.filter((command) => command.command === name);
}

/** The evidence record at `path`, parsed; throws when it is missing. */
export function readReport(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new Error(`no report at ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** What the echo server answers, given the request. */
export type EchoReply = (request: {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}) => {
  status: number;
  type?: string;
  headers?: Record<string, string>;
  body: string;
};

/** A local HTTP server that answers whatever `reply` says (in the test process). */
export async function startEchoServer(reply: EchoReply): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = reply({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
