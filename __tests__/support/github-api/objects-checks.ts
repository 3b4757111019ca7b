/**
 * api.github.com-shaped JSON for check runs, commit statuses and deployments.
 */
import { WEB, nodeId, repository, user, type Env } from './objects.js';
import type { AnnotationRec, AppRec, CheckRunRec, DeploymentRec, DeploymentStatusRec, RepoRec, StatusRec } from './types.js';

/** `integration` JSON of the app that created a check run (`github-actions` for `GITHUB_TOKEN`). */
export function appJson(env: Env, app: AppRec): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('App', app.id),
    client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
    owner: { ...user(env, 'github'), type: 'Organization' },
    name: app.name,
    description: app.slug === 'github-actions' ? 'Automate your workflow from idea to production' : `The ${app.name} app`,
    external_url: `https://example.com/${app.slug}`,
    html_url: `${WEB}/apps/${app.slug}`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: {
      actions: 'write',
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      issues: 'write',
      metadata: 'read',
      pull_requests: 'write',
      statuses: 'write',
    },
    events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
  };
}

/** `check-run` JSON. */
export function checkRun(env: Env, rec: RepoRec, r: CheckRunRec): Record<string, unknown> {
  const u = `${env.api}/repos/${rec.fullName}/check-runs/${r.id}`;
  const prs = [...rec.issues.values()].filter((i) => i.pull?.headSha === r.headSha && i.state === 'open');
  const mini = (ref: string, sha: string): Record<string, unknown> => ({
    ref,
    sha,
    repo: { id: rec.id, url: `${env.api}/repos/${rec.fullName}`, name: rec.name },
  });
  return {
    id: r.id,
    name: r.name,
    node_id: nodeId('CheckRun', r.id),
    head_sha: r.headSha,
    external_id: r.externalId,
    url: u,
    html_url: `${WEB}/${rec.fullName}/runs/${r.id}`,
    details_url: r.detailsUrl ?? `${WEB}/${rec.fullName}/runs/${r.id}`,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.startedAt,
    completed_at: r.completedAt,
    output: {
      title: r.output.title,
      summary: r.output.summary,
      text: r.output.text,
      annotations_count: r.annotations.length,
      annotations_url: `${u}/annotations`,
    },
    check_suite: { id: r.suiteId },
    app: appJson(env, r.app),
    pull_requests: prs.map((i) => ({
      url: `${env.api}/repos/${rec.fullName}/pulls/${i.number}`,
      id: i.id,
      number: i.number,
      head: mini(i.pull?.headRef ?? '', i.pull?.headSha ?? ''),
      base: mini(i.pull?.baseRef ?? '', i.pull?.baseSha ?? ''),
    })),
  };
}

/** `check-annotation` JSON. */
export function annotation(rec: RepoRec, r: CheckRunRec, a: AnnotationRec): Record<string, unknown> {
  return {
    path: a.path,
    start_line: a.start_line,
    end_line: a.end_line,
    start_column: a.start_column ?? null,
    end_column: a.end_column ?? null,
    annotation_level: a.annotation_level,
    title: a.title ?? null,
    message: a.message,
    raw_details: a.raw_details ?? null,
    blob_href: `${WEB}/${rec.fullName}/blob/${r.headSha}/${a.path}`,
  };
}

/** `status` JSON (list statuses, create a status). */
export function status(env: Env, rec: RepoRec, s: StatusRec): Record<string, unknown> {
  return {
    url: `${env.api}/repos/${rec.fullName}/statuses/${s.sha}`,
    id: s.id,
    node_id: nodeId('StatusContext', s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator: user(env, s.creator),
    avatar_url: `https://avatars.githubusercontent.com/u/${s.creator === 'github-actions[bot]' ? 44036562 : 9919}?v=4`,
  };
}

/** Latest status per context (contexts compare case-insensitively), newest first. */
export function latestStatuses(rec: RepoRec, sha: string): StatusRec[] {
  const latest = new Map<string, StatusRec>();
  for (const s of rec.statuses) if (s.sha === sha) latest.set(s.context.toLowerCase(), s);
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

/**
 * GitHub's combined state: `failure` if any latest status is `error` or `failure`,
 * else `pending` if there are none or any is `pending`, else `success`.
 */
export function combinedState(statuses: StatusRec[]): 'failure' | 'pending' | 'success' {
  if (statuses.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure';
  if (statuses.length === 0 || statuses.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

/** `combined-commit-status` JSON. */
export function combinedStatus(env: Env, rec: RepoRec, sha: string, page: StatusRec[], all: StatusRec[]): Record<string, unknown> {
  const repo = repository(env, rec);
  return {
    state: combinedState(all),
    sha,
    total_count: all.length,
    statuses: page.map((s) => {
      // The combined status lists statuses without their creator.
      const simple: Record<string, unknown> = { ...status(env, rec, s), required: false };
      delete simple.creator;
      return simple;
    }),
    repository: repo,
    commit_url: `${env.api}/repos/${rec.fullName}/commits/${sha}`,
    url: `${env.api}/repos/${rec.fullName}/commits/${sha}/status`,
  };
}

/** `deployment` JSON. */
export function deployment(env: Env, rec: RepoRec, d: DeploymentRec): Record<string, unknown> {
  const u = `${env.api}/repos/${rec.fullName}/deployments/${d.id}`;
  const updated = d.statuses.at(-1)?.createdAt ?? d.createdAt;
  return {
    url: u,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: user(env, d.creator),
    created_at: d.createdAt,
    updated_at: updated,
    statuses_url: `${u}/statuses`,
    repository_url: `${env.api}/repos/${rec.fullName}`,
    transient_environment: d.transient,
    production_environment: d.production,
    performed_via_github_app: null,
  };
}

/** `deployment-status` JSON. */
export function deploymentStatus(env: Env, rec: RepoRec, d: DeploymentRec, s: DeploymentStatusRec): Record<string, unknown> {
  const dep = `${env.api}/repos/${rec.fullName}/deployments/${d.id}`;
  return {
    url: `${dep}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: user(env, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    log_url: s.logUrl,
    environment_url: s.environmentUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: dep,
    repository_url: `${env.api}/repos/${rec.fullName}`,
    performed_via_github_app: null,
  };
}
