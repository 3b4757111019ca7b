/**
 * Writing the one sticky comment of a pull request: at most one comment is ever created,
 * however the cells of a workflow run interleave, and the last write shows every cell's
 * latest result (issue #7). Every creation notifies the PR's subscribers, and deleting a
 * duplicate takes nothing back (GITHUB.md, "PR comments"), so a race must not create.
 *
 * The check runs on the commit are the ordering. Each cell creates its check run when
 * its first gate starts, so run ids order the cells, and the runs with a lower id than a
 * cell's own are all there once its run exists. In two steps around the completion of
 * the cell's last check run ({@link StickyComment.prepare}, then
 * {@link StickyComment.write}), reading only the runs of the token's own app:
 * 1. when a run records the comment's id, the cell updates that comment;
 * 2. otherwise only the creator writes it: the cell that owns the lowest-id run of this
 *    workflow run attempt (external ids start with `<run id>.<attempt>.`). Before it
 *    completes its run, it adopts this bot's comment from an earlier commit or creates
 *    one, and its completion records the id; then it lists the runs again and writes;
 * 3. any other cell completes its run, lists the runs again and updates the comment if
 *    an id is recorded by now, or leaves its result to the creator;
 * 4. whoever wrote lists again after its write and rewrites until the list matches what
 *    it wrote: the last write to land was checked against a list taken after it, and a
 *    cell that completes later lists, and writes, after that.
 *
 * Nothing is lost: a cell lists after completing, and the creator lists after recording,
 * so either the cell sees the id (and writes its own result) or it completed before the
 * creator's list (which shows it). One creation: one cell of a workflow run attempt owns
 * that attempt's lowest id. An earlier attempt or another workflow run never elects this
 * attempt's creator, so a cancelled run cannot block it. Two workflow runs that both find
 * no comment on the same PR at once could each create one (the example workflow runs
 * every cell in one workflow run, in a concurrency group per PR); the next creator keeps
 * the lowest and deletes the bot's duplicates. If the creator is cancelled before it
 * writes, the comment waits for the next run; the check runs and job summaries hold the
 * results.
 */
import { GitHubError, type CheckRunInfo, type GitHubApi, type IssueComment } from '../../github/api.js';
import type { TokenIdentity } from '../../github/identity.js';
import type { Logger } from '../../io/logger.js';
import { parseCheckRunName } from '../../evidence/identity.js';
import type { GateCell } from '../markdown/tables.js';
import { COMMENT_MARKER, cellsFromCheckRuns, commentBody, environmentOrder, knownCommentId } from './sticky-comment.js';

/** A finished gate of this job, as a comment cell named by its check run. */
export type OwnCell = GateCell & { name: string };

/** What one job needs to write the sticky comment. */
export interface CommentWrite {
  api: GitHubApi;
  /** The pull request's number. */
  issue: number;
  headSha: string;
  runUrl: string | undefined;
  identity: TokenIdentity;
  /** `<run id>.<attempt>.`: how this workflow run attempt's external ids start. */
  attemptKey: string;
  /** Ids of this job's check runs. */
  ownRunIds: readonly number[];
  /** This job's finished gates; they replace the listing of their runs. */
  own: readonly OwnCell[];
  /** The config's environments in its order (the table's columns); [] to read it from the runs. */
  environments?: readonly string[];
  logger: Logger;
  /**
   * Records the comment's id on this job's check run, when it was not recorded by the
   * completion (a recorded comment someone deleted, created again after the completion).
   */
  record(commentId: number): Promise<void>;
}

interface Written {
  id: number;
  /** The cells written, without the time: to tell whether a new list changes them. */
  key: string;
}

/** The release-gates check runs of the token's own app on the commit. */
async function ownRuns(w: CommentWrite): Promise<CheckRunInfo[]> {
  const runs = await w.api.listCheckRuns(w.headSha);
  return runs.filter((run) => parseCheckRunName(run.name) !== undefined && w.identity.owns(run));
}

function cellsKey(runs: readonly CheckRunInfo[], own: readonly OwnCell[]): string {
  return JSON.stringify(
    cellsFromCheckRuns(runs, own).map(({ gate, environment, status, title, url }) => ({ gate, environment, status, title, url })),
  );
}

function bodyOf(w: CommentWrite, runs: readonly CheckRunInfo[]): string {
  return commentBody(cellsFromCheckRuns(runs, w.own), {
    headSha: w.headSha,
    runUrl: w.runUrl,
    updatedAt: new Date(),
    environments: environmentOrder(runs, w.environments ?? []),
  });
}

/** True when this job owns the lowest-id run of its workflow run attempt. */
export function isCreator(runs: readonly CheckRunInfo[], attemptKey: string, ownRunIds: readonly number[]): boolean {
  const ids = [...runs.filter((run) => run.externalId?.startsWith(attemptKey)).map((run) => run.id), ...ownRunIds];
  return ids.length > 0 && ownRunIds.includes(Math.min(...ids));
}

/** This bot's sticky comments, lowest id first; a person's comment quoting the marker is not one. */
export function ownComments(comments: readonly IssueComment[], identity: TokenIdentity): number[] {
  return comments
    .filter((comment) => identity.wrote(comment) && comment.body.includes(COMMENT_MARKER))
    .map((comment) => comment.id)
    .sort((a, b) => a - b);
}

/** Updates a comment; undefined when it is gone (404: someone deleted it). */
async function update(w: CommentWrite, id: number, runs: readonly CheckRunInfo[]): Promise<Written | undefined> {
  try {
    await w.api.updateComment(id, bodyOf(w, runs));
    return { id, key: cellsKey(runs, w.own) };
  } catch (error) {
    if (!(error instanceof GitHubError) || error.status !== 404) throw error;
    w.logger.debug(`sticky comment ${id} is gone`);
    return undefined;
  }
}

/**
 * This bot's comment on the PR: the lowest id of its sticky comments, whose duplicates
 * (left by two workflow runs creating at once) are deleted; undefined when it has none.
 * Only this bot's comments are ever edited or deleted.
 */
async function adopt(w: CommentWrite): Promise<number | undefined> {
  const [keep, ...duplicates] = ownComments(await w.api.listComments(w.issue), w.identity);
  for (const duplicate of duplicates) {
    await w.api
      .deleteComment(duplicate)
      .catch((error: unknown) => w.logger.debug(`deleting duplicate comment ${duplicate}: ${String(error)}`));
  }
  return keep;
}

/**
 * Creates the comment once. A create that answered 5xx may have happened (GITHUB.md,
 * "Rate limits"): the bot's comments are looked up before a second try.
 */
async function create(w: CommentWrite, body: string): Promise<number> {
  try {
    return (await w.api.createComment(w.issue, body)).id;
  } catch (error) {
    if (!(error instanceof GitHubError) || !error.transient) throw error;
    w.logger.warning(`creating the PR comment failed (${error.status} ${error.message}); checking whether it was created`);
  }
  const adopted = await adopt(w);
  if (adopted === undefined) return (await w.api.createComment(w.issue, body)).id;
  await w.api.updateComment(adopted, body);
  return adopted;
}

/** What {@link StickyComment.prepare} found and did. */
type Prepared =
  | { role: 'update'; id: number; runs: CheckRunInfo[]; creator: boolean }
  | { role: 'adopted'; id: number }
  | { role: 'created'; id: number; key: string }
  | { role: 'follower' };

/** The sticky comment as one job writes it: {@link prepare}, complete the job's last run, {@link write}. */
export class StickyComment {
  private prepared: Prepared | undefined;

  constructor(private readonly w: CommentWrite) {}

  /**
   * Before the job's last check run is completed: lists the runs and, as the creator with
   * no comment recorded, adopts this bot's comment or creates one.
   * @returns the comment id the completion must record, if any.
   * @throws GitHubError from GitHub; the reporter logs it and writes no comment.
   */
  async prepare(): Promise<number | undefined> {
    const { w } = this;
    const runs = await ownRuns(w);
    const known = knownCommentId(runs);
    const creator = isCreator(runs, w.attemptKey, w.ownRunIds);
    if (known !== undefined) {
      this.prepared = { role: 'update', id: known, runs, creator };
      return undefined;
    }
    if (!creator) {
      this.prepared = { role: 'follower' };
      return undefined;
    }
    const adopted = await adopt(w);
    if (adopted !== undefined) {
      this.prepared = { role: 'adopted', id: adopted };
      return adopted;
    }
    const id = await create(w, bodyOf(w, runs));
    this.prepared = { role: 'created', id, key: cellsKey(runs, w.own) };
    return id;
  }

  /**
   * After the job's last check run is completed: writes the comment as its role says.
   * @returns its id, or undefined when this job left it to the creator.
   * @throws GitHubError from GitHub; the reporter logs it and the step goes on.
   */
  async write(): Promise<number | undefined> {
    const { w, prepared } = this;
    if (!prepared) return undefined;
    let written: Written | undefined;
    let runs: CheckRunInfo[];
    if (prepared.role === 'update') {
      runs = prepared.runs;
      written = await update(w, prepared.id, runs);
      if (!written && prepared.creator) written = await this.recreate();
    } else {
      runs = await ownRuns(w);
      if (prepared.role === 'created' && cellsKey(runs, w.own) === prepared.key) return prepared.id;
      const id = prepared.role === 'follower' ? knownCommentId(runs) : prepared.id;
      written = id === undefined ? undefined : await update(w, id, runs);
    }
    if (!written) {
      w.logger.debug('the PR comment is written by the cell with the lowest check run id of this workflow run');
      return undefined;
    }
    // A list taken before this write may lack a run created since (a cell that started
    // late): list once more after the write, and rewrite while the list changes. Each
    // round that rewrites needs another run to have completed meanwhile.
    for (let round = 0; round <= runs.length; round++) {
      runs = await ownRuns(w);
      if (cellsKey(runs, w.own) === written.key) break;
      written = (await update(w, written.id, runs)) ?? written;
    }
    return written.id;
  }

  /** The recorded comment was deleted: the creator adopts or creates one and records it, then lists again. */
  private async recreate(): Promise<Written> {
    const { w } = this;
    const id = (await adopt(w)) ?? (await create(w, bodyOf(w, await ownRuns(w))));
    await w.record(id);
    const runs = await ownRuns(w);
    return (await update(w, id, runs)) ?? { id, key: cellsKey(runs, w.own) };
  }
}
