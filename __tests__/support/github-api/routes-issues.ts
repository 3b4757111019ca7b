/**
 * Handlers: issues, issue comments, pull requests, reviews and issue search.
 */
import { label, user } from './objects.js';
import { comment, issue, pull, review, searchItem } from './objects-issues.js';
import { notFound, ok, paginate, validationFailed, type Ctx, type Handler } from './http.js';
import type { CommentRec, IssueRec, RepoRec } from './types.js';

/** Longest comment (and issue) body GitHub accepts. */
export const MAX_BODY = 65536;

function tooLong(ctx: Ctx, resource: string, body: string | undefined) {
  if (body === undefined || body.length <= MAX_BODY) return undefined;
  return validationFailed(ctx.op.docsUrl, [
    {
      resource,
      code: 'unprocessable',
      field: 'data',
      message: `Body is too long (maximum is ${MAX_BODY} characters)`,
    },
  ]);
}

function findIssue(ctx: Ctx): IssueRec | undefined {
  return ctx.rec.issues.get(Number(ctx.params.issue_number ?? ctx.params.pull_number));
}

function findComment(ctx: Ctx): CommentRec | undefined {
  return ctx.rec.comments.find((c) => c.id === ctx.params.comment_id);
}

const listComments: Handler = (ctx) => {
  const target = findIssue(ctx);
  if (!target) return notFound(ctx);
  const since = typeof ctx.query.since === 'string' ? ctx.query.since : '';
  const all = ctx.rec.comments.filter((c) => c.issueNumber === target.number && c.updatedAt >= since).sort((a, b) => a.id - b.id);
  const page = paginate(ctx, all);
  return ok(
    page.items.map((c) => comment(ctx, ctx.rec, c)),
    200,
    page.headers,
  );
};

const createComment: Handler = (ctx) => {
  const target = findIssue(ctx);
  if (!target) return notFound(ctx);
  const { body } = ctx.body as { body: string };
  const broken = tooLong(ctx, 'IssueComment', body);
  if (broken) return broken;
  const c = ctx.state.addComment({
    repo: ctx.rec.fullName,
    issueNumber: target.number,
    body,
    user: ctx.state.actor,
  });
  return ok(comment(ctx, ctx.rec, c), 201);
};

const getComment: Handler = (ctx) => {
  const c = findComment(ctx);
  return c ? ok(comment(ctx, ctx.rec, c)) : notFound(ctx);
};

const updateComment: Handler = (ctx) => {
  const c = findComment(ctx);
  if (!c) return notFound(ctx);
  const { body } = ctx.body as { body: string };
  const broken = tooLong(ctx, 'IssueComment', body);
  if (broken) return broken;
  c.body = body;
  c.updatedAt = ctx.state.now();
  return ok(comment(ctx, ctx.rec, c));
};

const deleteComment: Handler = (ctx) => {
  const c = findComment(ctx);
  if (!c) return notFound(ctx);
  ctx.rec.comments.splice(ctx.rec.comments.indexOf(c), 1);
  return { status: 204 };
};

const getPull: Handler = (ctx) => {
  const i = findIssue(ctx);
  return i?.pull ? ok(pull(ctx, ctx.rec, i)) : notFound(ctx);
};

const listReviews: Handler = (ctx) => {
  const i = findIssue(ctx);
  if (!i?.pull) return notFound(ctx);
  const all = ctx.rec.reviews.filter((r) => r.pullNumber === i.number).sort((a, b) => a.id - b.id);
  const page = paginate(ctx, all);
  return ok(
    page.items.map((r) => review(ctx, ctx.rec, r)),
    200,
    page.headers,
  );
};

function sortIssues(list: IssueRec[], ctx: Ctx): IssueRec[] {
  const key = ctx.query.sort === 'updated' ? 'updatedAt' : 'createdAt';
  const dir = ctx.query.direction === 'asc' ? 1 : -1;
  if (ctx.query.sort === 'comments') {
    const count = (i: IssueRec): number => ctx.rec.comments.filter((c) => c.issueNumber === i.number).length;
    return [...list].sort((a, b) => dir * (count(a) - count(b)) || dir * (a.id - b.id));
  }
  return [...list].sort((a, b) => dir * a[key].localeCompare(b[key]) || dir * (a.id - b.id));
}

function assigneeMatches(i: IssueRec, wanted: unknown): boolean {
  if (typeof wanted !== 'string') return true;
  if (wanted === '*') return i.assignees.length > 0;
  if (wanted === 'none') return i.assignees.length === 0;
  return i.assignees.includes(wanted);
}

const listIssues: Handler = (ctx) => {
  const state = typeof ctx.query.state === 'string' ? ctx.query.state : 'open';
  const wanted =
    typeof ctx.query.labels === 'string'
      ? ctx.query.labels
          .split(',')
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean)
      : [];
  const q = ctx.query;
  const list = [...ctx.rec.issues.values()].filter(
    (i) =>
      (state === 'all' || i.state === state) &&
      wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)) &&
      (typeof q.creator !== 'string' || i.user === q.creator) &&
      (typeof q.since !== 'string' || i.updatedAt >= q.since) &&
      assigneeMatches(i, q.assignee),
  );
  const page = paginate(ctx, sortIssues(list, ctx));
  return ok(
    page.items.map((i) => issue(ctx, ctx.rec, i)),
    200,
    page.headers,
  );
};

const createIssue: Handler = (ctx) => {
  const b = ctx.body as {
    title: string | number;
    body?: string;
    labels?: Array<string | { name?: string }>;
    assignees?: string[];
    assignee?: string | null;
  };
  const broken = tooLong(ctx, 'Issue', b.body);
  if (broken) return broken;
  const labels = (b.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
  const assignees = [...(b.assignees ?? []), ...(b.assignee ? [b.assignee] : [])];
  const i = ctx.state.addIssue({
    repo: ctx.rec.fullName,
    title: String(b.title),
    body: b.body ?? null,
    user: ctx.state.actor,
    labels,
    assignees,
  });
  return ok(issue(ctx, ctx.rec, i), 201);
};

const listLabels: Handler = (ctx) => {
  const i = findIssue(ctx);
  if (!i) return notFound(ctx);
  const page = paginate(ctx, i.labels);
  return ok(
    page.items.map((l) => label(ctx, ctx.rec, l)),
    200,
    page.headers,
  );
};

/** `labeled` events of an issue (the only kind the fake records). */
const listEvents: Handler = (ctx) => {
  const i = findIssue(ctx);
  if (!i) return notFound(ctx);
  const page = paginate(ctx, i.labelEvents ?? []);
  return ok(
    page.items.map((e) => ({
      id: e.id,
      node_id: `LE_${e.id}`,
      url: `${ctx.api}/repos/${ctx.rec.fullName}/issues/events/${e.id}`,
      actor: user(ctx, e.actor),
      event: 'labeled',
      commit_id: null,
      commit_url: null,
      created_at: e.createdAt,
      performed_via_github_app: null,
      label: { name: e.label, color: 'ededed' },
    })),
    200,
    page.headers,
  );
};

/** Split a search query into terms, keeping `label:"two words"` together. */
function terms(q: string): string[] {
  return (q.match(/-?[\w.-]+:"[^"]*"|"[^"]*"|\S+/g) ?? []).map((t) => t.replace(/"/g, ''));
}

/** Does an issue match one `q` term? Unknown qualifiers match everything. */
function matchTerm(rec: RepoRec, i: IssueRec, term: string): boolean {
  const negate = term.startsWith('-');
  const [rawKey, ...rest] = (negate ? term.slice(1) : term).split(':');
  const value = rest.join(':').toLowerCase();
  const key = (rawKey ?? '').toLowerCase();
  let hit: boolean;
  if (rest.length === 0) {
    hit = `${i.title}\n${i.body ?? ''}`.toLowerCase().includes(key);
  } else if (key === 'repo') hit = rec.fullName.toLowerCase() === value;
  else if (key === 'is' || key === 'state' || key === 'type') {
    if (value === 'open' || value === 'closed') hit = i.state === value;
    else if (value === 'issue') hit = !i.pull;
    else if (value === 'pr' || value === 'pull-request') hit = Boolean(i.pull);
    else if (value === 'merged') hit = Boolean(i.pull?.merged);
    else hit = true;
  } else if (key === 'label') hit = value.split(',').some((v) => i.labels.some((l) => l.toLowerCase() === v));
  else if (key === 'author') hit = i.user.toLowerCase() === value;
  else if (key === 'no' && value === 'label') hit = i.labels.length === 0;
  else hit = true;
  return negate ? !hit : hit;
}

const searchIssues: Handler = (ctx) => {
  const q = String(ctx.query.q);
  const list: Array<{ rec: RepoRec; i: IssueRec }> = [];
  for (const rec of ctx.state.allRepos()) {
    for (const i of rec.issues.values()) if (terms(q).every((t) => matchTerm(rec, i, t))) list.push({ rec, i });
  }
  const dir = ctx.query.order === 'asc' ? 1 : -1;
  list.sort((a, b) => dir * (a.i.createdAt.localeCompare(b.i.createdAt) || a.i.id - b.i.id));
  const page = paginate(ctx, list);
  return ok(
    {
      total_count: list.length,
      incomplete_results: false,
      search_type: 'lexical',
      items: page.items.map(({ rec, i }) => searchItem(ctx, rec, i)),
    },
    200,
    page.headers,
  );
};

/** Issue, comment, pull-request and search handlers by operationId. */
export const issueRoutes: Record<string, Handler> = {
  'issues/list-comments': listComments,
  'issues/create-comment': createComment,
  'issues/get-comment': getComment,
  'issues/update-comment': updateComment,
  'issues/delete-comment': deleteComment,
  'pulls/get': getPull,
  'pulls/list-reviews': listReviews,
  'issues/list-for-repo': listIssues,
  'issues/create': createIssue,
  'issues/list-labels-on-issue': listLabels,
  'issues/list-events': listEvents,
  'search/issues-and-pull-requests': searchIssues,
};
