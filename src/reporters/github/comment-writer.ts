/**
 * Writing the one sticky comment of a pull request: at most one comment is ever created,
 * however the cells of a workflow run interleave, and the last write shows every cell's
 * latest result (issue #7). Every creation notifies the PR's subscribers, and deleting a
 * duplicate takes nothing back (GITHUB.md, "PR comments"), so a race must not create.
 *
 * The check runs on the commit are the ordering. Each cell creates its check run when
 * its first gate starts, so run ids order the cells. After completing its check runs, a
 * cell lists the runs on the commit (only those of the token's own app) and:
 * 1. when a run records the comment's id, updates that comment;
 * 2. otherwise leaves it to the creator: the cell that owns the lowest-id run of this
 *    workflow run attempt (external ids start with `<run id>.<attempt>.`). The creator
 *    adopts this bot's comment from an earlier commit if there is one, else creates it,
 *    and records its id on its own check run;
 * 3. whoever wrote lists the runs again while other runs were in progress, and rewrites
 *    until the list matches what it wrote.
 *
 * Nothing is lost: a cell completes its check run before it lists, and the creator
 * records the id before it lists again, so either the cell's list shows the id (and it
 * writes its own result) or the cell completed before the creator's second list (which
 * shows it). One creation: one cell of a workflow run attempt owns that attempt's lowest
 * id. An earlier attempt or another workflow run never elects this attempt's creator,
 * so a cancelled run cannot block it. Two workflow runs that both find no comment on the
 * same PR at once could each create one (the example workflow runs every cell in one
 * workflow run, in a concurrency group per PR); the next creator keeps the lowest and
 * deletes the bot's duplicates. If the creator is cancelled before it writes, the
 * comment waits for the next run; the check runs and job summaries hold the results.
 */
import { GitHubError, type CheckRunInfo, type GitHubApi, type IssueComment } from '../../github/api.js';
import type { TokenIdentity } from '../../github/identity.js';
import type { Logger } from '../../io/logger.js';
import { parseCheckRunName } from '../../evidence/identity.js';
import type { GateCell } from '../markdown/tables.js';
import { COMMENT_MARKER, cellsFromCheckRuns, commentBody, knownCommentId } from './sticky-comment.js';

/** A finished gate of this job, as a comment cell named by its check run. */
export type OwnCell = GateCell & { name: string };

export interface CommentWrite {
  api: GitHubApi;
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
  logger: Logger;
  /** Records the comment's id on this job's check run, for the other cells and later runs. */
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
  return commentBody(cellsFromCheckRuns(runs, w.own), { headSha: w.headSha, runUrl: w.runUrl, updatedAt: new Date() });
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
 * This bot's comment on the PR, with `body`: the lowest id of its sticky comments, whose
 * duplicates (left by two workflow runs creating at once) are deleted; undefined when it
 * has none. Only this bot's comments are ever edited or deleted.
 */
async function adopt(w: CommentWrite, body: string): Promise<number | undefined> {
  const [keep, ...duplicates] = ownComments(await w.api.listComments(w.issue), w.identity);
  if (keep === undefined) return undefined;
  for (const duplicate of duplicates) {
    await w.api
      .deleteComment(duplicate)
      .catch((error: unknown) => w.logger.debug(`deleting duplicate comment ${duplicate}: ${String(error)}`));
  }
  await w.api.updateComment(keep, body);
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
  return (await adopt(w, body)) ?? (await w.api.createComment(w.issue, body)).id;
}

/** The creator's write: this bot's comment from an earlier commit, or a new one; then recorded. */
async function createOrAdopt(w: CommentWrite, runs: readonly CheckRunInfo[]): Promise<Written> {
  const body = bodyOf(w, runs);
  const id = (await adopt(w, body)) ?? (await create(w, body));
  await w.record(id);
  return { id, key: cellsKey(runs, w.own) };
}

/**
 * Writes the sticky comment as described above. Returns its id, or undefined when this
 * cell left it to the creator.
 * @throws GitHubError from GitHub; the reporter logs it and the step goes on.
 */
export async function writeStickyComment(w: CommentWrite): Promise<number | undefined> {
  let runs = await ownRuns(w);
  const known = knownCommentId(runs);
  let written = known === undefined ? undefined : await update(w, known, runs);
  let created = false;
  if (!written) {
    if (!isCreator(runs, w.attemptKey, w.ownRunIds)) {
      w.logger.debug('the PR comment is written by the cell with the lowest check run id of this workflow run');
      return undefined;
    }
    written = await createOrAdopt(w, runs);
    created = true;
  }
  // List again when a run was in progress at the list written (it may have completed
  // before the write landed) and, after creating, for the cells that listed before the
  // id was recorded. Each round that rewrites needs a run to have completed meanwhile.
  let again = created || runs.some((run) => run.status !== 'completed' && !w.ownRunIds.includes(run.id));
  for (let round = 0; again && round <= runs.length; round++) {
    runs = await ownRuns(w);
    if (cellsKey(runs, w.own) === written.key) break;
    written = (await update(w, written.id, runs)) ?? written;
    again = runs.some((run) => run.status !== 'completed' && !w.ownRunIds.includes(run.id));
  }
  return written.id;
}
