/**
 * api.github.com-shaped JSON for users, repositories, labels, commits and branches.
 * Shapes follow the OpenAPI response schemas (the server checks its own responses).
 */
import type { GitHubState } from './state.js';
import type { CommitRec, RepoRec } from './types.js';

/** What every shape builder needs: the API base URL and the state. */
export interface Env {
  /** Base URL of the fake API, no trailing slash. */
  api: string;
  state: GitHubState;
}

/** Web base URL used in `html_url`s. */
export const WEB = 'https://github.com';

/** Deterministic numeric id for a login (github-actions[bot] keeps its real id). */
export function userId(login: string): number {
  if (login === 'github-actions[bot]') return 41898282;
  let h = 7;
  for (const ch of login) h = (h * 31 + ch.charCodeAt(0)) % 90000000;
  return h + 1000;
}

/** A GraphQL-style node id. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`).toString('base64').replace(/=+$/, '');
}

/** `simple-user` for a login. */
export function user(env: Env, login: string): Record<string, unknown> {
  const bot = login.endsWith('[bot]');
  const id = userId(login);
  const u = `${env.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(bot ? 'Bot' : 'User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: bot ? `${WEB}/apps/${login.replace(/\[bot\]$/, '')}` : `${WEB}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: bot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

/** Full repository JSON (`full-repository`, also valid as `repository`/`minimal-repository`). */
export function repository(env: Env, rec: RepoRec, fork = false): Record<string, unknown> {
  const b = `${env.api}/repos/${rec.fullName}`;
  const openIssues = [...rec.issues.values()].filter((i) => i.state === 'open').length;
  const created = '2020-01-01T00:00:00Z';
  return {
    id: rec.id,
    node_id: nodeId('Repository', rec.id),
    name: rec.name,
    full_name: rec.fullName,
    private: rec.private,
    visibility: rec.private ? 'private' : 'public',
    owner: user(env, rec.owner),
    html_url: `${WEB}/${rec.fullName}`,
    description: null,
    fork,
    url: b,
    archive_url: `${b}/{archive_format}{/ref}`,
    assignees_url: `${b}/assignees{/user}`,
    blobs_url: `${b}/git/blobs{/sha}`,
    branches_url: `${b}/branches{/branch}`,
    collaborators_url: `${b}/collaborators{/collaborator}`,
    comments_url: `${b}/comments{/number}`,
    commits_url: `${b}/commits{/sha}`,
    compare_url: `${b}/compare/{base}...{head}`,
    contents_url: `${b}/contents/{+path}`,
    contributors_url: `${b}/contributors`,
    deployments_url: `${b}/deployments`,
    downloads_url: `${b}/downloads`,
    events_url: `${b}/events`,
    forks_url: `${b}/forks`,
    git_commits_url: `${b}/git/commits{/sha}`,
    git_refs_url: `${b}/git/refs{/sha}`,
    git_tags_url: `${b}/git/tags{/sha}`,
    git_url: `git://github.com/${rec.fullName}.git`,
    hooks_url: `${b}/hooks`,
    issue_comment_url: `${b}/issues/comments{/number}`,
    issue_events_url: `${b}/issues/events{/number}`,
    issues_url: `${b}/issues{/number}`,
    keys_url: `${b}/keys{/key_id}`,
    labels_url: `${b}/labels{/name}`,
    languages_url: `${b}/languages`,
    merges_url: `${b}/merges`,
    milestones_url: `${b}/milestones{/number}`,
    notifications_url: `${b}/notifications{?since,all,participating}`,
    pulls_url: `${b}/pulls{/number}`,
    releases_url: `${b}/releases{/id}`,
    ssh_url: `git@github.com:${rec.fullName}.git`,
    stargazers_url: `${b}/stargazers`,
    statuses_url: `${b}/statuses/{sha}`,
    subscribers_url: `${b}/subscribers`,
    subscription_url: `${b}/subscription`,
    tags_url: `${b}/tags`,
    teams_url: `${b}/teams`,
    trees_url: `${b}/git/trees{/sha}`,
    clone_url: `${WEB}/${rec.fullName}.git`,
    mirror_url: null,
    svn_url: `${WEB}/${rec.fullName}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: rec.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: created,
    created_at: created,
    updated_at: created,
    license: null,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** `label` JSON. */
export function label(env: Env, rec: RepoRec, name: string): Record<string, unknown> {
  env.state.ensureLabel(rec, name);
  const l = rec.labels.get(name.toLowerCase());
  const id = l?.id ?? 0;
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${env.api}/repos/${rec.fullName}/labels/${encodeURIComponent(l?.name ?? name)}`,
    name: l?.name ?? name,
    color: l?.color ?? 'ededed',
    default: false,
    description: l?.description ?? null,
  };
}

/** `commit` JSON (as in list commits / get a commit). */
export function commit(env: Env, rec: RepoRec, c: CommitRec): Record<string, unknown> {
  const b = `${env.api}/repos/${rec.fullName}`;
  const person = { name: c.author, email: `${c.author}@users.noreply.github.com`, date: c.date };
  return {
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${b}/commits/${c.sha}`,
    html_url: `${WEB}/${rec.fullName}/commit/${c.sha}`,
    comments_url: `${b}/commits/${c.sha}/comments`,
    commit: {
      url: `${b}/git/commits/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.sha.split('').reverse().join(''), url: `${b}/git/trees/${c.sha}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: user(env, c.author),
    committer: user(env, c.author),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${b}/commits/${p}`,
      html_url: `${WEB}/${rec.fullName}/commit/${p}`,
    })),
  };
}

/** `branch-with-protection` JSON. */
export function branch(env: Env, rec: RepoRec, name: string, c: CommitRec): Record<string, unknown> {
  const b = `${env.api}/repos/${rec.fullName}/branches/${encodeURIComponent(name)}`;
  return {
    name,
    commit: commit(env, rec, c),
    _links: { self: b, html: `${WEB}/${rec.fullName}/tree/${name}` },
    protected: false,
    protection: {
      enabled: false,
      required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
    },
    protection_url: `${b}/protection`,
  };
}

/**
 * Commits reachable from `sha` (including it) in `git rev-list` order: newest commit
 * date first among those whose children were already listed.
 */
export function ancestry(rec: RepoRec, sha: string): CommitRec[] {
  const seen = new Set<string>([sha]);
  const out: CommitRec[] = [];
  const frontier: CommitRec[] = [];
  const start = rec.commits.get(sha);
  if (start) frontier.push(start);
  while (frontier.length > 0) {
    frontier.sort((a, b) => b.date.localeCompare(a.date));
    const c = frontier.shift() as CommitRec;
    out.push(c);
    for (const p of c.parents) {
      const parent = rec.commits.get(p);
      if (parent && !seen.has(p)) {
        seen.add(p);
        frontier.push(parent);
      }
    }
  }
  return out;
}
