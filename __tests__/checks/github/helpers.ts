/**
 * Runs the preflight gate through the real config path (`parseConfig`, `runGates`) with
 * `scope.github` built by `createGitHubApi` against the local GitHub API server, as the
 * action and the CLI build it; `useGitHubApi` gives a test file that server.
 */
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import type { RunScope } from '../../../src/checks/kind.js';
import { parseConfig, type LoadedConfig } from '../../../src/config/load.js';
import type { CheckResult } from '../../../src/engine/model.js';
import type { Gate } from '../../../src/gates/gate.js';
import { preflightGate } from '../../../src/gates/preflight/index.js';
import { runGates, type RunResult } from '../../../src/gates/run.js';
import type { RunContext } from '../../../src/github/context.js';
import { TokenIdentity } from '../../../src/github/identity.js';
import { createGitHubApi } from '../../../src/github/octokit.js';
import { UndiciHttpClient } from '../../../src/io/http.js';
import { RecordingLogger, type Annotator } from '../../../src/io/logger.js';
import { GitHubReporter } from '../../../src/reporters/github/index.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';
import { checkFinder } from '../../support/gate-run.js';
import { startGitHubApi, type GitHubApiServer } from '../../support/github-api/index.js';

export const CONFIG_FILE = '.github/release-gates.yml';
export const OWNER = 'owner';
export const REPO = 'repo';
/** This workflow run's id in the tests. */
export const RUN_ID = '9876543210';

/**
 * The local GitHub API for the test file that calls this (at its top level): started
 * before its tests, closed after them, and after each test checked for no contract
 * violations (requests and responses) and reset. The returned server is usable in tests
 * and hooks, and stays the same object throughout.
 */
export function useGitHubApi(): GitHubApiServer {
  let started: GitHubApiServer | undefined;
  const server = (): GitHubApiServer => {
    if (!started) throw new Error('the local GitHub API is not started: use it inside a test or hook');
    return started;
  };
  beforeAll(async () => {
    started = await startGitHubApi();
  });
  afterEach(() => {
    expect(server().violations).toEqual([]);
    expect(server().responseViolations).toEqual([]);
    server().reset();
  });
  afterAll(async () => {
    // Undefined when the server did not start.
    await started?.close();
  });
  return {
    get url() {
      return server().url;
    },
    get port() {
      return server().port;
    },
    get state() {
      return server().state;
    },
    get faults() {
      return server().faults;
    },
    get limits() {
      return server().limits;
    },
    get spec() {
      return server().spec;
    },
    get requests() {
      return server().requests;
    },
    get violations() {
      return server().violations;
    },
    get responseViolations() {
      return server().responseViolations;
    },
    requestsTo: (operationId) => server().requestsTo(operationId),
    reset: () => server().reset(),
    close: () => server().close(),
  };
}

/** A config with staging and production (which requires staging) and the given preflight checks (YAML at 4 spaces). */
export function preflightConfig(checks: string, extra = ''): string {
  return [
    'version: 1',
    'environments:',
    '  staging: { url: "https://staging.example.com" }',
    '  production:',
    '    url: "https://api.example.com"',
    '    requires: [staging]',
    'preflight:',
    '  checks:',
    checks.replace(/\n$/, ''),
    extra,
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

export interface GitHubRunOptions {
  /** The local GitHub; omit for a run without GitHub (no token or repository). */
  server?: GitHubApiServer | undefined;
  /** The pull request under test, if any. */
  pr?: number;
  /** Default: `pull_request` with a PR, else `push`. */
  eventName?: string;
  headSha?: string | undefined;
  runId?: string | undefined;
  environment?: string | undefined;
  gates?: Gate[];
  /** Milliseconds the retry plugin multiplies its back-off by (default 1). */
  retryBaseMs?: number;
  /** Writes check runs and the comment with the reporter, as the action does. */
  report?: boolean;
  /** `--check` patterns: a partial run. */
  only?: string[];
}

export interface GitHubRun {
  run: RunResult;
  loaded: LoadedConfig;
  logger: RecordingLogger;
  /** The only check of the first gate, or the one named `name`. */
  check: (name?: string) => CheckResult;
}

/** `scope.github` as the action builds it, against the local server. */
export function githubScope(
  server: GitHubApiServer,
  options: GitHubRunOptions,
  logger: RecordingLogger,
  identity = new TokenIdentity(),
): RunScope['github'] {
  return {
    api: createGitHubApi({
      token: 'ghs_test',
      owner: OWNER,
      repo: REPO,
      baseUrl: server.url,
      logger,
      retryBaseMs: options.retryBaseMs ?? 1,
    }),
    owner: OWNER,
    repo: REPO,
    eventName: options.eventName ?? (options.pr === undefined ? 'push' : 'pull_request'),
    pullRequest: options.pr === undefined ? undefined : { number: options.pr },
    runId: options.runId ?? RUN_ID,
    identity,
  };
}

const quietAnnotator: Annotator = { annotate: () => undefined, notice: () => undefined };

/** Parses `yaml` and runs the gates (default: preflight) for `environment`. */
export async function runWithGitHub(yaml: string, options: GitHubRunOptions = {}): Promise<GitHubRun> {
  const loaded = parseConfig(CONFIG_FILE, yaml);
  const logger = new RecordingLogger();
  const http = new UndiciHttpClient();
  // Shared by the reporter (which learns the token's app from its check runs) and the checks.
  const identity = new TokenIdentity();
  const github = options.server ? githubScope(options.server, options, logger, identity) : undefined;
  const headSha = options.headSha;
  const reporter =
    options.report && options.server && github && headSha
      ? new GitHubReporter({
          api: github.api,
          context: runContext(github.eventName, headSha, options.pr),
          configPath: CONFIG_FILE,
          configDigest: loaded.source.digest,
          logger,
          annotator: quietAnnotator,
          lineLink: () => undefined,
          identity,
        })
      : undefined;
  try {
    const run = await runGates({
      loaded,
      gates: options.gates ?? [preflightGate],
      environment: options.environment,
      env: {},
      secrets: new SecretRegistry(),
      io: { http },
      scope: {
        cwd: process.cwd(),
        headSha,
        github,
        // The event is known to the action without a token; here only when a test names it.
        ...(options.eventName
          ? { event: { name: options.eventName, pullRequest: options.pr === undefined ? undefined : { number: options.pr } } }
          : {}),
      },
      ...(options.only ? { only: options.only } : {}),
      onGateStart: async (gate, _checks, environment) => reporter?.gateStarted(gate.name, environment?.name),
      onGateFinished: (result) => reporter?.gateFinished(result),
    });
    await reporter?.finish(run);
    const check = checkFinder(run);
    return { run, loaded, logger, check };
  } finally {
    await http.close();
  }
}

function runContext(eventName: string, headSha: string, pr: number | undefined): RunContext {
  return {
    owner: OWNER,
    repo: REPO,
    eventName,
    headSha,
    pullRequest: pr === undefined ? undefined : { number: pr, headRepository: `${OWNER}/${REPO}` },
    isFork: false,
    serverUrl: 'https://github.com',
    runUrl: `https://github.com/${OWNER}/${REPO}/actions/runs/${RUN_ID}`,
    runKey: `${RUN_ID}.1.gates`,
  };
}

/** The 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}
