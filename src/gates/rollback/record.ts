/**
 * The record of a rollback on GitHub (issue #11, "Make it loud and make it stick"):
 *
 * - before the first action, a deployment of the target to the environment
 *   (`auto_merge: false`, `required_contexts: []`) with an `in_progress` status whose
 *   `log_url` is the workflow run; its payload is the rollback pin (`evidence/pin.ts`);
 * - at the end, whatever happened: `success` or `failure` on it (a `success` makes the pin
 *   stand), the follow-up incident issue, and a comment on the pull request that shipped the
 *   bad revision.
 *
 * A dry run writes nothing and says what it would write.
 */
import type { GitHubScope } from '../../checks/kind.js';
import { ask, shortSha } from '../../checks/github-scope.js';
import type { CheckOutcome } from '../../engine/model.js';
import { rollbackPayload } from '../../evidence/pin.js';
import type { PullRequestRef } from '../../github/api.js';
import { escapeInline } from '../../reporters/markdown/escape.js';
import { cut } from '../../text.js';
import { incidentMarkdown, incidentTitle, resultLine, type IncidentContext } from './incident.js';
import type { RollbackRequest } from './request.js';
import type { RollbackState } from './state.js';

/** GitHub's limit on a deployment status description (GITHUB.md). */
export const MAX_DESCRIPTION = 140;

export interface RecordOptions {
  environment: string;
  environmentUrl: string | undefined;
  request: RollbackRequest;
  labels: readonly string[];
  checklist: readonly string[];
  commentOnPr: boolean;
  repoUrl: string | undefined;
  startedAt: string;
}

function triggerText(request: RollbackRequest): string {
  return request.trigger.kind === 'monitor'
    ? 'monitor breach'
    : `${request.trigger.kind}${request.trigger.actor ? ` by ${request.trigger.actor}` : ''}`;
}

/** Phase "deployment started": the deployment of the target, in progress. */
export async function startRecord(github: GitHubScope, options: RecordOptions, state: RollbackState): Promise<CheckOutcome> {
  const { request, environment } = options;
  const target = state.target;
  const from = state.deployed;
  if (!target || !from) return { status: 'failed', summary: 'no target', measured: 'no target', expected: 'a target' };
  const expected = `a deployment of ${shortSha(target.sha)} to ${environment}, in progress`;
  if (request.dryRun) {
    return {
      status: 'skipped',
      summary: `dry run: would create a deployment of ${shortSha(target.sha)} to ${environment}`,
      measured: 'not written (dry run)',
      expected,
    };
  }
  const deployment = await ask(`creating a deployment of ${shortSha(target.sha)} to ${environment}`, () =>
    github.api.createDeployment({
      sha: target.sha,
      environment,
      description: cut(`rollback from ${shortSha(from.sha)}: ${request.reason || 'no reason given'}`, MAX_DESCRIPTION),
      payload: rollbackPayload({
        from: from.sha,
        to: target.sha,
        reason: request.reason,
        trigger: triggerText(request),
        ...(request.runUrl ? { run: request.runUrl } : {}),
      }),
    }),
  );
  state.deploymentId = deployment.id;
  await ask(`marking deployment ${deployment.id} in progress`, () =>
    github.api.createDeploymentStatus(deployment.id, {
      state: 'in_progress',
      description: cut(`rolling back from ${shortSha(from.sha)} to ${shortSha(target.sha)}`, MAX_DESCRIPTION),
      logUrl: request.runUrl,
      environmentUrl: options.environmentUrl,
    }),
  );
  return {
    status: 'passed',
    summary: `deployment ${deployment.id} of ${shortSha(target.sha)} to ${environment}: in progress`,
    measured: `deployment ${deployment.id}, in_progress`,
    expected,
    data: { deployment: deployment.id },
  };
}

/** The comment on the pull request that shipped the bad revision. */
function prComment(options: RecordOptions, state: RollbackState, incident: { number: number; htmlUrl: string } | undefined): string {
  const from = shortSha(state.deployed?.sha ?? '');
  const to = shortSha(state.target?.sha ?? '');
  const outcome = state.clean ? `was rolled back to \`${to}\`` : `could not be fully rolled back to \`${to}\` (${resultLine(state)})`;
  return [
    `<!-- release-gates:rollback -->`,
    `**${options.environment}** ${outcome}: this pull request shipped \`${from}\`, which ${options.environment} ran until the rollback.`,
    '',
    `Reason: ${escapeInline(options.request.reason || 'not given')}`,
    ...(incident ? ['', `Follow-up: #${incident.number}`] : []),
    ...(options.request.runUrl ? ['', `Workflow run: ${options.request.runUrl}`] : []),
    '',
    `While the rollback pin stands, the ${options.environment} gates report \`${from}\` as rolled back, so it is not redeployed silently.`,
  ].join('\n');
}

/** Pull requests that shipped a commit: merged ones first, else open ones. */
function shippers(pulls: readonly PullRequestRef[]): PullRequestRef[] {
  const merged = pulls.filter((pull) => pull.merged);
  return merged.length ? merged : pulls.filter((pull) => pull.state === 'open');
}

/**
 * Phase "record", run whatever happened before it (`always`): the deployment's final
 * status, the incident issue, the PR comment. Every write is tried; one that fails makes
 * the phase fail, saying which record is missing.
 */
export async function finishRecord(github: GitHubScope | undefined, options: RecordOptions, state: RollbackState): Promise<CheckOutcome> {
  const { request, environment } = options;
  const base: IncidentContext = {
    environment,
    request,
    state,
    repoUrl: options.repoUrl,
    startedAt: options.startedAt,
    checklist: options.checklist,
    pulls: [],
    deploymentId: state.deploymentId,
  };
  const expected = 'a deployment status, an incident issue and a comment on the PR that shipped the bad revision';
  if (request.dryRun) {
    const markdown = incidentMarkdown(base);
    return {
      status: 'skipped',
      summary: `dry run: nothing written; a rollback would record a deployment of ${shortSha(state.target?.sha ?? '?')}, an incident issue and a comment on the pull request of ${shortSha(state.deployed?.sha ?? '?')}`,
      measured: 'not written (dry run)',
      expected,
      data: { incident: { title: incidentTitle(base), markdown } },
    };
  }
  if (state.deploymentId === undefined || !github) {
    const stop = state.stoppedAt;
    return {
      status: 'skipped',
      summary: `nothing to record: the rollback did not start${stop ? ` ("${stop.phase}" did not pass)` : ''}`,
      measured: 'no deployment',
      expected,
    };
  }
  const deploymentId = state.deploymentId;
  const problems: string[] = [];
  const done: string[] = [];
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await ask(what, work);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  const from = state.deployed?.sha ?? '';
  const pulls = shippers(
    (await attempt(`listing the pull requests of ${shortSha(from)}`, () => github.api.listPullRequestsForCommit(from))) ?? [],
  );
  const context = { ...base, pulls };
  const markdown = incidentMarkdown(context);
  const issue = await attempt('opening the incident issue', () =>
    github.api.createIssue({ title: incidentTitle(context), body: markdown, labels: [...options.labels] }),
  );
  if (issue) done.push(`incident #${issue.number}`);
  const ok = state.clean;
  const description = ok
    ? `rolled back from ${shortSha(from)} to ${shortSha(state.target?.sha ?? '')}${issue ? ` (incident #${issue.number})` : ''}`
    : `rollback failed: ${state.stoppedAt?.phase ?? 'unknown phase'}${issue ? ` (incident #${issue.number})` : ''}`;
  const failedBefore = problems.length;
  await attempt(`marking deployment ${deploymentId} ${ok ? 'success' : 'failure'}`, () =>
    github.api.createDeploymentStatus(deploymentId, {
      state: ok ? 'success' : 'failure',
      description: cut(description, MAX_DESCRIPTION),
      logUrl: request.runUrl,
      environmentUrl: options.environmentUrl,
    }),
  );
  if (problems.length === failedBefore) done.push(`deployment ${deploymentId} ${ok ? 'success (the rollback pin)' : 'failure'}`);
  const comments: number[] = [];
  if (options.commentOnPr) {
    for (const pull of pulls) {
      const comment = await attempt(`commenting on #${pull.number}`, () =>
        github.api.createComment(pull.number, prComment(options, state, issue)),
      );
      if (comment) comments.push(pull.number);
    }
    done.push(comments.length ? `comment on ${comments.map((n) => `#${n}`).join(', ')}` : `no pull request found for ${shortSha(from)}`);
  }
  const data = { deployment: deploymentId, pin: ok, incident: { ...(issue ?? {}), title: incidentTitle(context), markdown }, comments };
  if (problems.length) {
    return {
      status: 'failed',
      summary: `recorded only in part (${done.join(', ') || 'nothing'}): ${problems.join('; ')}`,
      measured: done.join(', ') || 'nothing',
      expected,
      data,
    };
  }
  return { status: 'passed', summary: `recorded: ${done.join(', ')}`, measured: done.join(', '), expected, data };
}
