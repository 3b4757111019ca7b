/**
 * The rollback gate's GitHub calls over Octokit: commit history, deployments and their
 * statuses, the follow-up issue and the pull requests of a commit. Creates are not
 * retried (`retries: 0`): a POST retried after a 5xx could create a second deployment or
 * issue (GITHUB.md, "Rate limits").
 */
import type { getOctokit } from '@actions/github';
import type { CommitInfo, DeploymentInfo, GitHubDeploys } from './api.js';
import { call } from './call.js';

type Octokit = ReturnType<typeof getOctokit>;

interface RawCommit {
  sha: string;
  commit: { message: string; committer?: { date?: string } | null; author?: { date?: string } | null };
}

interface RawDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  payload: unknown;
  created_at: string;
  creator: { login: string } | null;
}

function commitInfo(raw: RawCommit): CommitInfo {
  return {
    sha: raw.sha,
    title: raw.commit.message.split('\n')[0] ?? '',
    date: raw.commit.committer?.date ?? raw.commit.author?.date ?? undefined,
  };
}

function deploymentInfo(raw: RawDeployment): DeploymentInfo {
  return {
    id: raw.id,
    sha: raw.sha,
    ref: raw.ref,
    environment: raw.environment,
    payload: raw.payload,
    createdAt: raw.created_at,
    creator: raw.creator?.login,
  };
}

/** Pages of at most 100, stopping once `max` items are in. */
function pageSize(max: number): number {
  return Math.max(1, Math.min(100, max));
}

export function githubDeploys(octokit: Octokit, repo: { owner: string; repo: string }): GitHubDeploys {
  const noRetry = { request: { retries: 0 } };
  return {
    getCommit: (ref) => call(async () => commitInfo((await octokit.rest.repos.getCommit({ ...repo, ref, per_page: 1 })).data)),
    listCommits: (from, max) =>
      call(async () => {
        let seen = 0;
        const commits = await octokit.paginate(
          octokit.rest.repos.listCommits,
          { ...repo, sha: from, per_page: pageSize(max) },
          (response, done) => {
            seen += response.data.length;
            if (seen >= max) done();
            return response.data;
          },
        );
        return commits.slice(0, max).map(commitInfo);
      }),
    compareCommits: (base, head) =>
      call(async () => {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 100 });
        return { status: data.status, commits: data.commits.map(commitInfo) };
      }),
    listDeployments: (environment, max) =>
      call(async () => {
        let seen = 0;
        const deployments = await octokit.paginate(
          octokit.rest.repos.listDeployments,
          { ...repo, environment, per_page: pageSize(max) },
          (response, done) => {
            seen += response.data.length;
            if (seen >= max) done();
            return response.data;
          },
        );
        return (deployments as RawDeployment[]).slice(0, max).map(deploymentInfo);
      }),
    listDeploymentStatuses: (id) =>
      call(async () => {
        const statuses = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, { ...repo, deployment_id: id, per_page: 100 });
        return statuses.map((status) => ({
          id: status.id,
          state: status.state,
          description: status.description,
          createdAt: status.created_at,
          logUrl: status.log_url ?? undefined,
        }));
      }),
    createDeployment: (input) =>
      call(async () => {
        const { data, status } = await octokit.rest.repos.createDeployment({
          ...repo,
          ...noRetry,
          ref: input.sha,
          environment: input.environment,
          description: input.description,
          payload: input.payload,
          // GitHub would otherwise merge the default branch into the ref, or refuse the
          // deployment until every commit status is green (GITHUB.md).
          auto_merge: false,
          required_contexts: [],
          task: 'deploy',
          production_environment: input.environment === 'production',
        });
        if (status !== 201 || !('id' in data)) throw new Error(`GitHub did not create the deployment: ${JSON.stringify(data)}`);
        return deploymentInfo(data);
      }),
    createDeploymentStatus: (id, input) =>
      call(async () => {
        await octokit.rest.repos.createDeploymentStatus({
          ...repo,
          ...noRetry,
          deployment_id: id,
          state: input.state,
          description: input.description,
          ...(input.logUrl ? { log_url: input.logUrl } : {}),
          ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
        });
      }),
    createIssue: (input) =>
      call(async () => {
        const { data } = await octokit.rest.issues.create({
          ...repo,
          ...noRetry,
          title: input.title,
          body: input.body,
          labels: input.labels,
        });
        return { number: data.number, htmlUrl: data.html_url };
      }),
    listPullRequestsForCommit: (sha) =>
      call(async () => {
        const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 });
        return data.map((pull) => ({
          number: pull.number,
          title: pull.title,
          htmlUrl: pull.html_url,
          state: pull.state,
          merged: Boolean(pull.merged_at),
        }));
      }),
  };
}
