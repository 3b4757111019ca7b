/**
 * Creating a check run at most once (src/reporters/github/create-once.ts): a POST that
 * failed with a 5xx may still have created the run (GITHUB.md, "Rate limits").
 */
import { describe, expect, it } from '@jest/globals';
import { RecordingLogger } from '../../src/io/logger.js';
import { CREATE_ATTEMPTS, createCheckRunOnce } from '../../src/reporters/github/create-once.js';
import { FakeGitHub, httpError } from './fake-github.js';

const SHA = 'b'.repeat(40);
const INPUT = {
  name: 'release-gates / smoke (staging)',
  headSha: SHA,
  externalId: '123.1.gates:smoke:staging',
  output: { title: 'running', summary: 'smoke is running' },
};

function setup(): { fake: FakeGitHub; logger: RecordingLogger; sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return {
    fake: new FakeGitHub(),
    logger: new RecordingLogger(),
    sleeps,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
}

describe('createCheckRunOnce', () => {
  it('creates the run in one request when GitHub answers', async () => {
    const { fake, logger, sleep } = setup();
    const run = await createCheckRunOnce(fake.api, INPUT, logger, sleep);
    expect(run).toMatchObject({ name: INPUT.name, externalId: INPUT.externalId, status: 'in_progress' });
    expect(fake.methods).toEqual(['createCheckRun']);
  });

  it('adopts the run when a 500 hid a create that happened: one run in total', async () => {
    const { fake, logger, sleep, sleeps } = setup();
    fake.fail('createCheckRun', 'after', httpError(500));
    const run = await createCheckRunOnce(fake.api, INPUT, logger, sleep);
    expect(fake.runs).toHaveLength(1);
    expect(run.id).toBe(fake.runs[0]!.id);
    expect(fake.methods).toEqual(['createCheckRun', 'listCheckRuns']);
    expect(fake.calls[1]!.args).toEqual([SHA, INPUT.name]);
    expect(sleeps).toHaveLength(1);
    expect(logger.lines.some((line) => line.startsWith('warning:') && line.includes('500'))).toBe(true);
  });

  it('retries a 500 that created nothing and creates the run once', async () => {
    const { fake, logger, sleep } = setup();
    fake.fail('createCheckRun', 'before', httpError(500));
    const run = await createCheckRunOnce(fake.api, INPUT, logger, sleep);
    expect(fake.runs).toHaveLength(1);
    expect(run.id).toBe(fake.runs[0]!.id);
    expect(fake.methods).toEqual(['createCheckRun', 'listCheckRuns', 'createCheckRun']);
  });

  it("does not adopt another job's run of the same name", async () => {
    const { fake, logger, sleep } = setup();
    const other = fake.seedRun({
      name: INPUT.name,
      headSha: SHA,
      externalId: '999.1.gates:smoke:staging',
      status: 'in_progress',
      conclusion: null,
    });
    fake.fail('createCheckRun', 'before', httpError(502));
    const run = await createCheckRunOnce(fake.api, INPUT, logger, sleep);
    expect(run.id).not.toBe(other.id);
    expect(run.externalId).toBe(INPUT.externalId);
    expect(fake.runs).toHaveLength(2);
  });

  it('throws a 422 at once, without a lookup or a retry', async () => {
    const { fake, logger, sleep, sleeps } = setup();
    fake.fail('createCheckRun', 'before', httpError(422, 'Invalid request'));
    await expect(createCheckRunOnce(fake.api, INPUT, logger, sleep)).rejects.toMatchObject({ status: 422 });
    expect(fake.methods).toEqual(['createCheckRun']);
    expect(sleeps).toEqual([]);
  });

  it(`gives up after ${CREATE_ATTEMPTS} failed creates`, async () => {
    const { fake, logger, sleep } = setup();
    fake.failAlways('createCheckRun', () => httpError(503));
    await expect(createCheckRunOnce(fake.api, INPUT, logger, sleep)).rejects.toMatchObject({ status: 503 });
    expect(fake.methods.filter((m) => m === 'createCheckRun')).toHaveLength(CREATE_ATTEMPTS);
    expect(fake.runs).toEqual([]);
  });
});
