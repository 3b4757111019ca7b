/**
 * Handlers: repository, branches, commits, compare.
 */
import { ancestry, branch, commit, repository } from './objects.js';
import { pull } from './objects-issues.js';
import { notFound, ok, paginate, unprocessable, type Handler } from './http.js';
import type { CommitRec } from './types.js';

const getRepo: Handler = (ctx) => ok(repository(ctx, ctx.rec));

const getBranch: Handler = (ctx) => {
  const name = String(ctx.params.branch);
  const sha = ctx.rec.branches.get(name);
  const c = sha ? ctx.state.ensureCommit(ctx.rec, sha) : undefined;
  return c ? ok(branch(ctx, ctx.rec, name, c)) : notFound(ctx, 'Branch not found');
};

const listCommits: Handler = (ctx) => {
  const from = typeof ctx.query.sha === 'string' ? ctx.query.sha : ctx.rec.defaultBranch;
  const head = ctx.state.resolveRef(ctx.rec, from);
  if (!head) return notFound(ctx);
  const q = ctx.query;
  const list = ancestry(ctx.rec, head.sha).filter(
    (c) =>
      (typeof q.since !== 'string' || c.date >= q.since) &&
      (typeof q.until !== 'string' || c.date <= q.until) &&
      (typeof q.author !== 'string' || c.author === q.author),
  );
  const page = paginate(ctx, list);
  return ok(
    page.items.map((c) => commit(ctx, ctx.rec, c)),
    200,
    page.headers,
  );
};

const getCommit: Handler = (ctx) => {
  const c = ctx.state.resolveRef(ctx.rec, String(ctx.params.ref));
  if (!c) return unprocessable(ctx, `No commit found for SHA: ${String(ctx.params.ref)}`);
  return ok({
    ...commit(ctx, ctx.rec, c),
    stats: { total: 0, additions: 0, deletions: 0 },
    files: [],
  });
};

const compare: Handler = (ctx) => {
  const [baseRef, headRef] = String(ctx.params.basehead).split(/\.\.\.?/);
  const base = baseRef ? ctx.state.resolveRef(ctx.rec, baseRef) : undefined;
  const head = headRef ? ctx.state.resolveRef(ctx.rec, headRef) : undefined;
  if (!base || !head) return notFound(ctx);
  const fromBase = ancestry(ctx.rec, base.sha);
  const fromHead = ancestry(ctx.rec, head.sha);
  const inBase = new Set(fromBase.map((c) => c.sha));
  const inHead = new Set(fromHead.map((c) => c.sha));
  const ahead = fromHead.filter((c) => !inBase.has(c.sha)).reverse();
  const behind = fromBase.filter((c) => !inHead.has(c.sha));
  const mergeBase: CommitRec = fromHead.find((c) => inBase.has(c.sha)) ?? base;
  const statusOf = ahead.length && behind.length ? 'diverged' : ahead.length ? 'ahead' : behind.length ? 'behind' : 'identical';
  const page = paginate(ctx, ahead);
  const web = `https://github.com/${ctx.rec.fullName}/compare/${baseRef ?? ''}...${headRef ?? ''}`;
  return ok(
    {
      url: `${ctx.api}/repos/${ctx.rec.fullName}/compare/${String(ctx.params.basehead)}`,
      html_url: web,
      permalink_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      base_commit: commit(ctx, ctx.rec, base),
      merge_base_commit: commit(ctx, ctx.rec, mergeBase),
      status: statusOf,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: page.items.map((c) => commit(ctx, ctx.rec, c)),
      files: [],
    },
    200,
    page.headers,
  );
};

/**
 * Pull requests associated with a commit: merged ones whose merge commit it is, and open
 * ones whose head it is (GitHub also lists a merged PR by its head commits).
 */
const pullsForCommit: Handler = (ctx) => {
  const sha = ctx.state.resolveRef(ctx.rec, String(ctx.params.commit_sha))?.sha;
  if (!sha) return unprocessable(ctx, `No commit found for SHA: ${String(ctx.params.commit_sha)}`);
  const list = [...ctx.rec.issues.values()]
    .filter((i) => i.pull && (i.pull.mergeSha === sha || i.pull.headSha === sha))
    .sort((a, b) => b.number - a.number);
  const page = paginate(ctx, list);
  return ok(
    page.items.map((i) => pull(ctx, ctx.rec, i)),
    200,
    page.headers,
  );
};

/** Repository, branch and commit handlers by operationId. */
export const repoRoutes: Record<string, Handler> = {
  'repos/get': getRepo,
  'repos/get-branch': getBranch,
  'repos/list-commits': listCommits,
  'repos/get-commit': getCommit,
  'repos/compare-commits-with-basehead': compare,
  'repos/list-pull-requests-associated-with-commit': pullsForCommit,
};
