/**
 * At most one PR comment is ever created, however the cells of a matrix interleave
 * (issue #7): 20 rounds of 8 cells starting at once, each a GitHubReporter with its own
 * Octokit client (as each cell is its own process) against the local GitHub API with
 * jittered latency and random gate times. Every round counts the comment creations
 * (POSTs) on its pull request, and checks that the one comment shows every cell's
 * result, that no comment was deleted, that a person's comment quoting the marker was
 * left alone, and that every check run was completed. The same through the real bundle
 * is in __tests__/e2e/concurrency.test.ts.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { GateStatus } from '../../src/engine/model.js';
import type { RunContext } from '../../src/github/context.js';
import { createGitHubApi } from '../../src/github/octokit.js';
import { RecordingLogger } from '../../src/io/logger.js';
import { GitHubReporter } from '../../src/reporters/github/index.js';
import { COMMENT_MARKER } from '../../src/reporters/github/sticky-comment.js';
import { commentCells } from '../support/comment-cells.js';
import { ACTIONS_BOT, fakeSha, startGitHubApi, type GitHubApiServer } from '../support/github-api/index.js';
import { check, gate } from './helpers.js';

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 20);
const CELLS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'];
const random = (max: number): number => Math.floor(Math.random() * max);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let gh: GitHubApiServer;
beforeAll(async () => {
  gh = await startGitHubApi({ latencyMs: () => random(25) });
});
afterAll(async () => {
  await gh.close();
});

/** One matrix cell of workflow run `runId`: its gate starts, runs for a while, and is reported. */
async function cell(env: string, status: GateStatus, pr: number, headSha: string, runId: number): Promise<RecordingLogger> {
  const logger = new RecordingLogger();
  const context: RunContext = {
    owner: 'owner',
    repo: 'repo',
    eventName: 'pull_request',
    headSha,
    pullRequest: { number: pr, headRepository: 'owner/repo' },
    isFork: false,
    serverUrl: 'https://github.com',
    runUrl: `https://github.com/owner/repo/actions/runs/${runId}`,
    runKey: `${runId}.1.gates`,
  };
  // Its own throttling limiters, as a separate process has (one write a second each).
  const throttleId = `${runId}-${env}`;
  const api = createGitHubApi({ token: 'ghs_race', owner: 'owner', repo: 'repo', baseUrl: gh.url, logger, retryBaseMs: 1, throttleId });
  const reporter = new GitHubReporter({
    api,
    context,
    configPath: '.github/release-gates.yml',
    configDigest: `sha256:${'0'.repeat(64)}`,
    logger,
    annotator: { annotate: () => undefined, notice: () => undefined },
    lineLink: () => undefined,
  });
  await sleep(random(30));
  await reporter.gateStarted('smoke', env);
  await sleep(random(80));
  const result = gate([check(status === 'passed' ? 'passed' : 'failed')], { environment: env });
  reporter.gateFinished(result);
  await reporter.finish({ status: result.status, environment: env, gates: [result] });
  return logger;
}

/** One round on its own pull request and workflow run: 8 cells start at once. */
async function round(n: number): Promise<number> {
  const pr = 100 + n;
  const headSha = fakeSha(`race-${n}`);
  gh.state.addPullRequest({ number: pr, headSha });
  // Every third PR already has the bot's comment from an earlier commit: adopted, none created.
  const earlier = n % 3 === 0 ? gh.state.addComment({ issueNumber: pr, body: `${COMMENT_MARKER}\nolder commit` }) : undefined;
  const quoted = gh.state.addComment({ issueNumber: pr, body: `What is ${COMMENT_MARKER}?`, user: 'mallory' });
  const statuses = Object.fromEntries(CELLS.map((env) => [env, random(2) ? 'passed' : 'failed'] as const));

  const loggers = await Promise.all(CELLS.map((env) => cell(env, statuses[env]!, pr, headSha, 7000 + n)));

  const label = `round ${n}`;
  const posts = gh.requests.filter((r) => r.operation === 'issues/create-comment' && r.path.endsWith(`/issues/${pr}/comments`));
  expect([label, posts.length]).toEqual([label, earlier ? 0 : 1]);
  const comments = gh.state.repo().comments.filter((c) => c.issueNumber === pr);
  const ours = comments.filter((c) => c.user === ACTIONS_BOT);
  expect([label, ours.map((c) => c.id)]).toEqual([label, [earlier?.id ?? expect.any(Number)]]);
  expect([label, comments.find((c) => c.id === quoted.id)?.body]).toEqual([label, quoted.body]);
  const cells = commentCells(ours[0]!.body);
  for (const env of CELLS) {
    expect([label, env, cells[env]]).toEqual([label, env, expect.stringContaining(statuses[env] === 'passed' ? '✅ passed' : '❌ failed')]);
  }
  const runs = gh.state.repo().checkRuns.filter((r) => r.headSha === headSha);
  expect([label, runs.map((r) => r.status)]).toEqual([label, CELLS.map(() => 'completed')]);
  expect([label, loggers.flatMap((l) => l.lines.filter((line) => line.startsWith('warning:')))]).toEqual([label, []]);
  return posts.length;
}

it(`${ROUNDS} rounds of ${CELLS.length} cells starting at once: at most one comment created per PR, showing every cell`, async () => {
  // The rounds run at once too (each its own PR and workflow run): more interleavings.
  const creations = await Promise.all(Array.from({ length: ROUNDS }, (_, i) => round(i + 1)));
  expect(gh.requestsTo('issues/delete-comment')).toEqual([]);
  expect(gh.violations).toEqual([]);
  expect(gh.responseViolations).toEqual([]);
  expect(creations.reduce((a, b) => a + b, 0)).toBe(ROUNDS - Math.floor(ROUNDS / 3));
}, 300_000);
