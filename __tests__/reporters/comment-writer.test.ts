/**
 * How the sticky comment is written (src/reporters/github/comment-writer.ts), against the
 * in-memory GitHub: the comment a run of ours records is updated; only the cell owning
 * the lowest-id run of its workflow run attempt creates, adopts or de-duplicates; a
 * person's comment quoting the marker, or a comment another app's run points at, is never
 * touched; a create lost to a 5xx is not repeated. The many-cells race is in
 * comment-race.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { TokenIdentity } from '../../src/github/identity.js';
import { RecordingLogger } from '../../src/io/logger.js';
import { StickyComment, isCreator, type OwnCell } from '../../src/reporters/github/comment-writer.js';
import { COMMENT_MARKER } from '../../src/reporters/github/sticky-comment.js';
import { FakeGitHub, httpError, type FakeRun } from './fake-github.js';

const SHA = 'e'.repeat(40);
const PR = 7;
const ATTEMPT = '55.1.';
const FORGER = { id: 4242, slug: 'helpful-bot' };
const PERSON = { login: 'mallory', type: 'User' };

/** A run of a cell of this workflow run attempt (or of `attempt`). */
function cellRun(fake: FakeGitHub, env: string, extra: Partial<FakeRun> = {}, attempt = ATTEMPT): FakeRun {
  return fake.seedRun({
    name: `release-gates / smoke (${env})`,
    headSha: SHA,
    externalId: `${attempt}gates:smoke:${env}:${env}nonce`,
    status: 'in_progress',
    conclusion: null,
    title: 'running',
    ...extra,
  });
}

const cell = (env: string, status: OwnCell['status'], run?: FakeRun): OwnCell => ({
  name: `release-gates / smoke (${env})`,
  gate: 'smoke',
  environment: env,
  status,
  title: `1 ${status}`,
  url: run?.htmlUrl,
});

/**
 * Writes as the cell that owns `mine`, as the reporter does: prepare, complete `mine`
 * with `status` (recording the id prepare returned), write.
 */
async function write(fake: FakeGitHub, mine: FakeRun, status: OwnCell['status'] = 'passed') {
  const logger = new RecordingLogger();
  const recorded: number[] = [];
  const record = (id: number): void => {
    recorded.push(id);
    mine.summary = `${mine.summary ?? ''}\n<!-- release-gates:comment=${id} -->`;
  };
  const comment = new StickyComment({
    api: fake.api,
    issue: PR,
    headSha: SHA,
    runUrl: undefined,
    identity: new TokenIdentity(),
    attemptKey: ATTEMPT,
    ownRunIds: [mine.id],
    own: [cell(mine.name.slice('release-gates / smoke ('.length, -1), status, mine)],
    logger,
    record: (id) => Promise.resolve(record(id)),
  });
  const toRecord = await comment.prepare();
  Object.assign(mine, { status: 'completed', conclusion: status === 'passed' ? 'success' : 'failure', title: `1 ${status}` });
  if (toRecord !== undefined) record(toRecord);
  const id = await comment.write();
  return { id, recorded, logger };
}

const marked = (fake: FakeGitHub) => fake.comments.filter((comment) => comment.body.includes(COMMENT_MARKER));

describe('isCreator', () => {
  const run = (id: number, externalId: string | undefined) => ({ id, externalId }) as FakeRun;
  it('is the owner of the lowest id among the runs of its attempt', () => {
    expect(isCreator([run(5, '55.1.a'), run(9, '55.1.b')], ATTEMPT, [5])).toBe(true);
    expect(isCreator([run(5, '55.1.a'), run(9, '55.1.b')], ATTEMPT, [9])).toBe(false);
  });
  it('ignores runs of an earlier attempt, another workflow run, or without an external id', () => {
    expect(isCreator([run(1, '55.0.x'), run(2, '56.1.x'), run(3, undefined), run(9, '55.1.b')], ATTEMPT, [9])).toBe(true);
  });
  it('counts its own runs even before the list shows them, and is never the creator without one', () => {
    expect(isCreator([], ATTEMPT, [9])).toBe(true);
    expect(isCreator([run(5, '55.1.a')], ATTEMPT, [])).toBe(false);
  });
});

describe('writeStickyComment', () => {
  it('updates the comment a run of ours records: a list, an update and a list after it, whatever the ordering', async () => {
    const fake = new FakeGitHub();
    const comment = fake.seedComment(PR, `${COMMENT_MARKER}\nold`);
    const other = cellRun(fake, 'e1', {
      status: 'completed',
      conclusion: 'success',
      summary: `x\n<!-- release-gates:comment=${comment.id} -->`,
    });
    const mine = cellRun(fake, 'e2');
    const { id } = await write(fake, mine, 'failed');
    expect(id).toBe(comment.id);
    expect(fake.methods).toEqual(['listCheckRuns', 'updateComment', 'listCheckRuns']);
    expect(comment.body).toContain('❌ failed');
    expect(comment.body).toContain(`/runs/${other.id}`);
  });

  it('an update from a list that lacks a cell started later is rewritten: the list after the write shows it', async () => {
    const fake = new FakeGitHub();
    const comment = fake.seedComment(PR, `${COMMENT_MARKER}\nold`);
    cellRun(fake, 'e1', { status: 'completed', conclusion: 'success', summary: `x\n<!-- release-gates:comment=${comment.id} -->` });
    const mine = cellRun(fake, 'e2');
    // e3 starts after e2's first list, completes and writes before e2's update lands
    // (CI, comment-race round 2): e2's first write has no e3 in it.
    fake.afterCall = (method) => {
      if (method !== 'listCheckRuns') return;
      fake.afterCall = undefined;
      cellRun(fake, 'e3', { status: 'completed', conclusion: 'failure', title: '4 failed' });
    };
    await write(fake, mine, 'failed');
    expect(fake.methods).toEqual(['listCheckRuns', 'updateComment', 'listCheckRuns', 'updateComment', 'listCheckRuns']);
    expect(comment.body).toContain('❌ failed · 4 failed');
  });

  it('a cell that is not the lowest-id run of its attempt creates nothing: it leaves the comment to the creator', async () => {
    const fake = new FakeGitHub();
    cellRun(fake, 'e1');
    const mine = cellRun(fake, 'e2');
    const { id, recorded } = await write(fake, mine);
    expect(id).toBeUndefined();
    expect(recorded).toEqual([]);
    // Before and after completing its run: no id recorded either time.
    expect(fake.methods).toEqual(['listCheckRuns', 'listCheckRuns']);
  });

  it('a run of an earlier attempt left in progress does not hold the comment back', async () => {
    const fake = new FakeGitHub();
    cellRun(fake, 'e1', {}, '55.0.');
    const mine = cellRun(fake, 'e2');
    const { id, recorded } = await write(fake, mine);
    expect(fake.methods.filter((m) => m === 'createComment')).toHaveLength(1);
    expect(recorded).toEqual([id]);
  });

  it('the creator creates once, records the id, and lists again for cells that completed meanwhile', async () => {
    const fake = new FakeGitHub();
    const mine = cellRun(fake, 'e1');
    const late = cellRun(fake, 'e2');
    // e2 completes while e1 creates the comment: it lists before the id is recorded and leaves it to e1.
    fake.afterCall = (method) => {
      if (method === 'createComment') Object.assign(late, { status: 'completed', conclusion: 'failure', title: '2 failed' });
    };
    const { id, recorded } = await write(fake, mine);
    expect(fake.methods).toEqual(['listCheckRuns', 'listComments', 'createComment', 'listCheckRuns', 'updateComment', 'listCheckRuns']);
    expect(recorded).toEqual([id]);
    expect(marked(fake)).toHaveLength(1);
    expect(marked(fake)[0]!.body).toContain('❌ failed · 2 failed');
  });

  it('the creator lists again even when no run was in progress: a cell that started later may have left its result to it', async () => {
    const fake = new FakeGitHub();
    const mine = cellRun(fake, 'e1');
    // e2 starts after e1's first list and completes before e1 records the id: e2's list
    // showed no id, and e1 is the lowest, so e2 left its result to e1.
    fake.afterCall = (method) => {
      if (method !== 'listCheckRuns') return;
      fake.afterCall = undefined;
      cellRun(fake, 'e2', { status: 'completed', conclusion: 'failure', title: '3 failed' });
    };
    await write(fake, mine);
    expect(marked(fake)[0]!.body).toContain('❌ failed · 3 failed');
  });

  it("never edits or deletes a person's comment quoting the marker: the creator makes its own", async () => {
    const fake = new FakeGitHub();
    const quoted = fake.seedComment(PR, `Why does ${COMMENT_MARKER} show up here?`, PERSON);
    const mine = cellRun(fake, 'e1');
    const { id } = await write(fake, mine);
    expect(id).not.toBe(quoted.id);
    expect(fake.comments.find((c) => c.id === quoted.id)).toEqual({ ...quoted });
    expect(fake.methods).not.toContain('deleteComment');
    expect(fake.calls.filter((call) => call.method === 'updateComment').map((call) => call.args[0])).not.toContain(quoted.id);
  });

  it("follows no comment id that another app's run records (it may point at a person's comment)", async () => {
    const fake = new FakeGitHub();
    const victim = fake.seedComment(PR, 'LGTM, shipping after lunch', PERSON);
    cellRun(fake, 'e0', {
      app: FORGER,
      status: 'completed',
      conclusion: 'success',
      summary: `<!-- release-gates:comment=${victim.id} -->`,
    });
    const mine = cellRun(fake, 'e1');
    const { id } = await write(fake, mine);
    expect(fake.comments.find((c) => c.id === victim.id)!.body).toBe('LGTM, shipping after lunch');
    expect(id).not.toBe(victim.id);
    // The other app's run is not shown either.
    expect(marked(fake)[0]!.body).not.toContain('(e0)');
  });

  it("adopts this bot's comment from an earlier commit without creating, and deletes only this bot's duplicates", async () => {
    const fake = new FakeGitHub();
    const quoted = fake.seedComment(PR, `> ${COMMENT_MARKER}`, PERSON);
    const first = fake.seedComment(PR, `${COMMENT_MARKER}\nfor the previous commit`);
    const duplicate = fake.seedComment(PR, `${COMMENT_MARKER}\nleft by a second workflow run`);
    const mine = cellRun(fake, 'e1');
    const { id, recorded } = await write(fake, mine);
    expect(id).toBe(first.id);
    expect(recorded).toEqual([first.id]);
    expect(fake.methods).not.toContain('createComment');
    expect(fake.calls.filter((call) => call.method === 'deleteComment').map((call) => call.args[0])).toEqual([duplicate.id]);
    expect(fake.comments.map((c) => c.id)).toEqual([quoted.id, first.id]);
  });

  it('a create that answered 502 but happened is adopted, not made twice', async () => {
    const fake = new FakeGitHub().fail('createComment', 'after', httpError(502));
    const { id } = await write(fake, cellRun(fake, 'e1'));
    expect(marked(fake).map((c) => c.id)).toEqual([id]);
    expect(fake.methods.filter((m) => m === 'createComment')).toHaveLength(1);
  });

  it('a create that failed before it happened is made once more', async () => {
    const fake = new FakeGitHub().fail('createComment', 'before', httpError(503));
    const { id } = await write(fake, cellRun(fake, 'e1'));
    expect(marked(fake).map((c) => c.id)).toEqual([id]);
    expect(fake.methods.filter((m) => m === 'createComment')).toHaveLength(2);
  });

  it('throws a create that GitHub refused (422)', async () => {
    const fake = new FakeGitHub().fail('createComment', 'before', httpError(422, 'Body is too long'));
    await expect(write(fake, cellRun(fake, 'e1'))).rejects.toMatchObject({ status: 422 });
    expect(fake.comments).toEqual([]);
  });

  it('a recorded comment that was deleted (404): the creator makes a new one, another cell leaves it', async () => {
    const fake = new FakeGitHub();
    const recorded = (id: number) => `x\n<!-- release-gates:comment=${id} -->`;
    const creator = cellRun(fake, 'e1');
    const follower = cellRun(fake, 'e2');
    cellRun(fake, 'old', { status: 'completed', conclusion: 'success', summary: recorded(99_999) }, '55.0.');
    expect((await write(fake, follower)).id).toBeUndefined();
    expect(fake.comments).toEqual([]);
    const { id } = await write(fake, creator);
    expect(marked(fake).map((c) => c.id)).toEqual([id]);
  });
});
