/**
 * api.github.com-shaped JSON for issues, pull requests, reviews and comments.
 */
import { WEB, label, nodeId, repository, user, type Env } from './objects.js';
import type { CommentRec, IssueRec, RepoRec, ReviewRec } from './types.js';

function association(rec: RepoRec, login: string): string {
  if (login.toLowerCase() === rec.owner.toLowerCase()) return 'OWNER';
  return login.endsWith('[bot]') ? 'NONE' : 'CONTRIBUTOR';
}

/** `issue` JSON; pull requests carry a `pull_request` key, as GitHub returns them. */
export function issue(env: Env, rec: RepoRec, i: IssueRec): Record<string, unknown> {
  const b = `${env.api}/repos/${rec.fullName}`;
  const u = `${b}/issues/${i.number}`;
  const out: Record<string, unknown> = {
    id: i.id,
    node_id: nodeId(i.pull ? 'PullRequest' : 'Issue', i.id),
    url: u,
    repository_url: b,
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: `${WEB}/${rec.fullName}/${i.pull ? 'pull' : 'issues'}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state === 'closed' ? 'completed' : null,
    title: i.title,
    body: i.body,
    user: user(env, i.user),
    labels: i.labels.map((l) => label(env, rec, l)),
    assignee: i.assignees[0] ? user(env, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => user(env, a)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: rec.comments.filter((c) => c.issueNumber === i.number).length,
    closed_at: i.closedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    author_association: association(rec, i.user),
    closed_by: null,
    reactions: reactions(`${u}/reactions`),
  };
  if (i.pull) {
    out.draft = i.pull.draft;
    out.pull_request = {
      url: `${b}/pulls/${i.number}`,
      html_url: `${WEB}/${rec.fullName}/pull/${i.number}`,
      diff_url: `${WEB}/${rec.fullName}/pull/${i.number}.diff`,
      patch_url: `${WEB}/${rec.fullName}/pull/${i.number}.patch`,
      merged_at: i.pull.merged ? i.updatedAt : null,
    };
  }
  return out;
}

function reactions(url: string): Record<string, unknown> {
  return {
    url,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

/** `issue-search-result-item` JSON. */
export function searchItem(env: Env, rec: RepoRec, i: IssueRec): Record<string, unknown> {
  const item: Record<string, unknown> = { ...issue(env, rec, i), score: 1 };
  if (item.body === null) delete item.body; // the search schema declares a non-null string
  return item;
}

/** `pull-request` JSON (GET /repos/{o}/{r}/pulls/{n}). */
export function pull(env: Env, rec: RepoRec, i: IssueRec): Record<string, unknown> {
  const p = i.pull;
  if (!p) throw new Error(`#${i.number} is not a pull request`);
  const b = `${env.api}/repos/${rec.fullName}`;
  const u = `${b}/pulls/${i.number}`;
  const headRec = env.state.repo(p.headRepo);
  const isFork = headRec !== rec;
  const side = (r: RepoRec, ref: string, sha: string, fork: boolean): Record<string, unknown> => ({
    label: `${r.owner}:${ref}`,
    ref,
    sha,
    user: user(env, r.owner),
    repo: repository(env, r, fork),
  });
  const link = (href: string): { href: string } => ({ href });
  const html = `${WEB}/${rec.fullName}/pull/${i.number}`;
  return {
    url: u,
    id: i.id,
    node_id: nodeId('PullRequest', i.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${b}/issues/${i.number}`,
    commits_url: `${u}/commits`,
    review_comments_url: `${u}/comments`,
    review_comment_url: `${b}/pulls/comments{/number}`,
    comments_url: `${b}/issues/${i.number}/comments`,
    statuses_url: `${b}/statuses/${p.headSha}`,
    number: i.number,
    state: i.state,
    locked: false,
    title: i.title,
    user: user(env, i.user),
    body: i.body,
    labels: i.labels.map((l) => label(env, rec, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    merged_at: p.merged ? i.updatedAt : null,
    merge_commit_sha: p.mergeSha,
    assignee: i.assignees[0] ? user(env, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => user(env, a)),
    requested_reviewers: [],
    requested_teams: [],
    head: side(headRec, p.headRef, p.headSha, isFork),
    base: side(rec, p.baseRef, p.baseSha, false),
    _links: {
      self: link(u),
      html: link(html),
      issue: link(`${b}/issues/${i.number}`),
      comments: link(`${b}/issues/${i.number}/comments`),
      review_comments: link(`${u}/comments`),
      review_comment: link(`${b}/pulls/comments{/number}`),
      commits: link(`${u}/commits`),
      statuses: link(`${b}/statuses/${p.headSha}`),
    },
    author_association: association(rec, i.user),
    auto_merge: null,
    draft: p.draft,
    merged: p.merged,
    mergeable: i.state === 'open' && !p.merged ? true : null,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: rec.comments.filter((c) => c.issueNumber === i.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

/** `pull-request-review` JSON. */
export function review(env: Env, rec: RepoRec, r: ReviewRec): Record<string, unknown> {
  const html = `${WEB}/${rec.fullName}/pull/${r.pullNumber}#pullrequestreview-${r.id}`;
  const pr = `${env.api}/repos/${rec.fullName}/pulls/${r.pullNumber}`;
  return {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: user(env, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pr,
    author_association: association(rec, r.user),
    _links: { html: { href: html }, pull_request: { href: pr } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
  };
}

/** `issue-comment` JSON. */
export function comment(env: Env, rec: RepoRec, c: CommentRec): Record<string, unknown> {
  const pr = rec.issues.get(c.issueNumber)?.pull !== undefined;
  const u = `${env.api}/repos/${rec.fullName}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    url: u,
    html_url: `${WEB}/${rec.fullName}/${pr ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: user(env, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${env.api}/repos/${rec.fullName}/issues/${c.issueNumber}`,
    author_association: association(rec, c.user),
    performed_via_github_app: null,
    reactions: reactions(`${u}/reactions`),
  };
}
