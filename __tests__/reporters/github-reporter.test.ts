/**
 * The GitHub reporter (src/reporters/github/index.ts) against the in-memory GitHub:
 * read-only forks, a 403 mid-run, errors that must not fail the step, and the requests
 * one gate costs (PRODUCT.md, "Reporting contract").
 */
import { describe, expect, it } from '@jest/globals';
import type { GateResult } from '../../src/engine/model.js';
import type { RunContext } from '../../src/github/context.js';
import { RecordingLogger, type Annotator } from '../../src/io/logger.js';
import { GitHubReporter } from '../../src/reporters/github/index.js';
import { COMMENT_MARKER } from '../../src/reporters/github/sticky-comment.js';
import { FakeGitHub, READ_ONLY_403, httpError } from './fake-github.js';
import { check, gate, many } from './helpers.js';

const SHA = 'd'.repeat(40);
const CONFIG = '.github/release-gates.yml';

class RecordingAnnotator implements Annotator {
  readonly notices: string[] = [];
  readonly annotations: { level: string; message: string; where: { file: string; line: number; title?: string } }[] = [];
  annotate(level: 'error' | 'warning' | 'notice', message: string, where: { file: string; line: number; title?: string }): void {
    this.annotations.push({ level, message, where });
  }
  notice(message: string): void {
    this.notices.push(message);
  }
}

function context(extra: Partial<RunContext> = {}): RunContext {
  return {
    owner: 'o',
    repo: 'r',
    eventName: 'pull_request',
    headSha: SHA,
    pullRequest: { number: 7, headRepository: 'o/r' },
    isFork: false,
    serverUrl: 'https://github.com',
    runUrl: 'https://github.com/o/r/actions/runs/1',
    runKey: '1.1.gates',
    ...extra,
  };
}

function setup(fake: FakeGitHub | undefined, ctx = context()) {
  const logger = new RecordingLogger();
  const annotator = new RecordingAnnotator();
  const reporter = new GitHubReporter({
    api: fake?.api,
    context: ctx,
    configPath: CONFIG,
    configDigest: `sha256:${'0'.repeat(64)}`,
    logger,
    annotator,
    lineLink: () => undefined,
  });
  const warnings = () => logger.lines.filter((line) => line.startsWith('warning:'));
  return { reporter, logger, annotator, warnings };
}

/** Runs gates through the reporter as the action does; skipped gates are never started. */
async function report(reporter: GitHubReporter, ...results: GateResult[]): Promise<void> {
  for (const result of results) {
    if (result.status === 'skipped') continue;
    await reporter.gateStarted(result.gate, result.environment);
    reporter.gateFinished(result);
  }
  await reporter.finish({
    status: results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    environment: 'staging',
    gates: results,
  });
}

const failing = (): GateResult =>
  gate([
    check('failed', { location: { file: CONFIG, line: 12, column: 3 } }),
    check('pending', { location: { file: CONFIG, line: 20, column: 3 } }),
    check('passed'),
  ]);

describe('GitHubReporter, read-only', () => {
  it("on a fork's PR makes no API call, says so once and annotates the failures", async () => {
    const fake = new FakeGitHub();
    const { reporter, annotator, warnings } = setup(
      fake,
      context({ isFork: true, pullRequest: { number: 7, headRepository: 'someone/r' } }),
    );
    await report(reporter, failing(), gate([check('failed')], { gate: 'other' }));
    expect(fake.calls).toEqual([]);
    expect(reporter.isReadOnly).toBe(true);
    expect(annotator.notices).toHaveLength(1);
    expect(annotator.notices[0]).toContain('someone/r');
    expect(annotator.annotations.map((a) => [a.level, a.where.file, a.where.line])).toEqual([
      ['error', CONFIG, 12],
      ['warning', CONFIG, 20],
      ['error', '.github/release-gates.yml', expect.any(Number)],
    ]);
    expect(warnings()).toEqual([]);
  });

  it('switches to read-only once on a 403 "Resource not accessible by integration" and still annotates', async () => {
    const fake = new FakeGitHub().failAlways('createCheckRun', READ_ONLY_403);
    const { reporter, annotator, warnings } = setup(fake);
    await report(reporter, failing(), gate([check('failed')], { gate: 'second' }));
    expect(fake.methods).toEqual(['createCheckRun']);
    expect(annotator.notices).toHaveLength(1);
    expect(annotator.notices[0]).toContain('Resource not accessible by integration');
    expect(annotator.annotations).toHaveLength(3);
    expect(warnings()).toEqual([]);
  });

  it('without a token makes no call and says so once', async () => {
    const { reporter, annotator } = setup(undefined);
    await report(reporter, failing());
    expect(annotator.notices).toEqual([expect.stringContaining('no github-token')]);
    expect(annotator.annotations).toHaveLength(2);
  });
});

describe('GitHubReporter, errors', () => {
  it.each<[string, (fake: FakeGitHub) => FakeGitHub, string[]]>([
    [
      'a 500 listing comments and a 422 completing',
      (fake) =>
        fake.fail('listComments', 'before', httpError(500)).fail('completeCheckRun', 'before', httpError(422, 'Invalid conclusion')),
      ['Server Error', 'Invalid conclusion'],
    ],
    [
      'a lost connection listing the check runs',
      (fake) => fake.fail('listCheckRuns', 'before', new Error('socket hang up')),
      ['socket hang up'],
    ],
  ])('logs other errors as warnings and never throws: %s', async (_label, faults, messages) => {
    const fake = faults(new FakeGitHub());
    const { reporter, annotator, warnings } = setup(fake);
    await expect(report(reporter, failing())).resolves.toBeUndefined();
    for (const message of messages) expect(warnings()).toContainEqual(expect.stringContaining(message));
    expect(reporter.isReadOnly).toBe(false);
    expect(annotator.notices).toEqual([]);
    // The completion that failed once was made at the end: no run is left in progress.
    expect(fake.runs.map((run) => run.status)).toEqual(['completed']);
  });

  it('logs a refused create (422) and carries on', async () => {
    const fake = new FakeGitHub().failAlways('createCheckRun', () => httpError(422, 'Invalid head_sha'));
    const { reporter, warnings } = setup(fake, context({ pullRequest: undefined, eventName: 'push' }));
    await expect(report(reporter, failing())).resolves.toBeUndefined();
    expect(warnings()).toEqual([expect.stringContaining('Invalid head_sha')]);
  });

  // A token without `pull-requests: write` gets a 403 on the comment only: the check
  // runs must not be left in progress.
  it('completes every check run when only the PR comment is forbidden', async () => {
    const fake = new FakeGitHub().failAlways('listComments', READ_ONLY_403).failAlways('createComment', READ_ONLY_403);
    const { reporter, warnings, annotator } = setup(fake);
    await report(reporter, failing());
    expect(fake.runs.map((run) => run.status)).toEqual(['completed']);
    // Only the comment is refused: one warning naming the permission, writes stay on.
    expect(reporter.isReadOnly).toBe(false);
    expect(annotator.notices).toEqual([]);
    expect(annotator.annotations).toEqual([]);
    expect(warnings()).toEqual([expect.stringContaining('pull-requests: write')]);
  });
});

describe('GitHubReporter, a check run it could not complete', () => {
  it('completes it in a last attempt at the end, after the comment, when the first attempt failed', async () => {
    const fake = new FakeGitHub().fail('completeCheckRun', 'before', httpError(502, 'Bad Gateway'));
    const { reporter, warnings } = setup(fake);
    await report(reporter, failing());
    expect(fake.methods.at(-1)).toBe('completeCheckRun');
    expect(fake.runs[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(warnings()).toEqual([expect.stringContaining('could not complete the check run "release-gates / smoke (staging)"')]);
  });

  it('when the last attempt fails too, logs the run URL and the reason, so a person can re-run it', async () => {
    const fake = new FakeGitHub().failAlways('completeCheckRun', () => httpError(503, 'Service Unavailable'));
    const { reporter, warnings } = setup(fake);
    await report(reporter, failing());
    const run = fake.runs[0]!;
    expect(run.status).toBe('in_progress');
    expect(fake.methods.filter((m) => m === 'completeCheckRun')).toHaveLength(2);
    expect(warnings().at(-1)).toBe(
      `warning: release-gates: the check run "release-gates / smoke (staging)" is left in progress at ${run.htmlUrl}: completing it failed after every retry (GitHub answered 503 "Service Unavailable"). Its result (failed) is in this job's summary; re-run the job to complete the check run.`,
    );
  });
});

describe('GitHubReporter, identity', () => {
  it("learns the token's app from its own check run: with an app token, a github-actions[bot] comment is not its own", async () => {
    const fake = new FakeGitHub();
    fake.app = { id: 901, slug: 'release-bot' };
    const foreign = fake.seedComment(7, `${COMMENT_MARKER}\nwritten by GITHUB_TOKEN`);
    const { reporter } = setup(fake);
    await report(reporter, failing());
    expect(fake.calls.filter((call) => call.method === 'updateComment').map((call) => call.args[0])).not.toContain(foreign.id);
    expect(fake.comments.map((c) => [c.author?.login, c.body.includes('release-gates for')])).toEqual([
      ['github-actions[bot]', false],
      ['release-bot[bot]', true],
    ]);
  });
});

describe('GitHubReporter, requests', () => {
  it('costs 5 requests for one gate when a run on the commit records the comment', async () => {
    const fake = new FakeGitHub();
    const comment = fake.seedComment(7, `${COMMENT_MARKER}\nold table`);
    fake.seedRun({
      name: 'release-gates / smoke (staging)',
      headSha: SHA,
      conclusion: 'failure',
      summary: `old\n<!-- release-gates:comment=${comment.id} -->`,
    });
    const { reporter, warnings } = setup(fake);
    await report(reporter, gate(many(3, 'passed')));
    // create; list (finds the comment id); complete; update the comment; list again (a cell started since would be in it).
    expect(fake.methods).toEqual(['createCheckRun', 'listCheckRuns', 'completeCheckRun', 'updateComment', 'listCheckRuns']);
    expect(fake.calls.find((call) => call.method === 'updateComment')!.args[0]).toBe(comment.id);
    const ours = fake.runs.at(-1)!;
    expect(ours).toMatchObject({ status: 'completed', conclusion: 'success', title: '3 passed' });
    expect(comment.body).toContain('✅ passed · 3 passed');
    expect(warnings()).toEqual([]);
  });

  it('creates the comment on the first run and records its id in the check run', async () => {
    const fake = new FakeGitHub();
    const { reporter } = setup(fake);
    await report(reporter, failing());
    expect(fake.methods.filter((m) => m === 'createComment')).toHaveLength(1);
    expect(fake.methods).not.toContain('deleteComment');
    expect(fake.comments).toHaveLength(1);
    expect(fake.runs[0]!.status).toBe('completed');
    expect(fake.runs[0]!.summary).toContain(`<!-- release-gates:comment=${fake.comments[0]!.id} -->`);
    expect(fake.runs[0]!.conclusion).toBe('failure');
  });

  it('sends 120 annotations in requests of 50, 50 and 20 to the same run', async () => {
    const fake = new FakeGitHub();
    const { reporter } = setup(fake, context({ pullRequest: undefined, eventName: 'push' }));
    await report(reporter, gate(many(120, 'failed')));
    expect(fake.methods).toEqual(['createCheckRun', 'completeCheckRun', 'addAnnotations', 'addAnnotations']);
    const sizes = fake.calls.slice(1).map((call) => {
      const input = call.args[1] as { annotations?: unknown[]; output?: { annotations?: unknown[] } };
      return (input.output ?? input).annotations?.length;
    });
    expect(sizes).toEqual([50, 50, 20]);
    expect(fake.runs[0]!.annotations).toHaveLength(120);
  });

  it('reports a gate that was not run as a completed, cancelled run in one request', async () => {
    const fake = new FakeGitHub();
    const { reporter } = setup(fake, context({ pullRequest: undefined, eventName: 'push' }));
    await report(reporter, failing(), gate([], { gate: 'monitor', status: 'skipped', reason: 'not run: gate smoke did not pass' }));
    const notRun = fake.runs.find((run) => run.name === 'release-gates / monitor (staging)')!;
    expect(notRun).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    expect(fake.methods).toEqual(['createCheckRun', 'createCheckRun', 'completeCheckRun']);
  });

  it('rebuilds the comment once more when a parallel job finished meanwhile', async () => {
    const fake = new FakeGitHub();
    const other = fake.seedRun({
      name: 'release-gates / smoke (production)',
      headSha: SHA,
      status: 'in_progress',
      conclusion: null,
      title: 'running',
    });
    fake.afterCall = (method) => {
      if (method !== 'completeCheckRun') return;
      Object.assign(other, { status: 'completed', conclusion: 'failure', title: '2 failed' });
    };
    const { reporter } = setup(fake);
    await report(reporter, gate(many(2, 'passed')));
    expect(fake.comments).toHaveLength(1);
    expect(fake.methods.filter((m) => m === 'listCheckRuns').length).toBeGreaterThanOrEqual(2);
    expect(fake.comments[0]!.body).toContain('❌ failed · 2 failed');
    expect(fake.comments[0]!.body).toContain('✅ passed · 2 passed');
  });
});
