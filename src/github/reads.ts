/** The read calls of the preflight checks, over Octokit. Lists are paginated. */
import type { getOctokit } from '@actions/github';
import type { GitHubReads, IssueSummary } from './api.js';
import { call } from './call.js';

type Octokit = ReturnType<typeof getOctokit>;

interface RawIssue {
  number: number;
  title: string;
  html_url: string;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
}

function issueSummary(issue: RawIssue): IssueSummary {
  return {
    number: issue.number,
    title: issue.title,
    htmlUrl: issue.html_url,
    labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
    isPullRequest: issue.pull_request !== undefined,
  };
}

export function githubReads(octokit: Octokit, repo: { owner: string; repo: string }): GitHubReads {
  return {
    getDefaultBranch: () => call(async () => (await octokit.rest.repos.get(repo)).data.default_branch),
    getBranchSha: (branch) => call(async () => (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit.sha),
    getCombinedStatus: (ref) =>
      call(async () => {
        const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref, per_page: 100 });
        return {
          state: data.state,
          statuses: data.statuses.map((status) => ({
            context: status.context,
            state: status.state,
            description: status.description ?? undefined,
            targetUrl: status.target_url ?? undefined,
          })),
        };
      }),
    getPullRequest: (number) =>
      call(async () => {
        const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
        return {
          number: data.number,
          author: data.user.login,
          headSha: data.head.sha,
          body: data.body ?? '',
        };
      }),
    listReviews: (number) =>
      call(async () => {
        const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 });
        return reviews.map((review) => ({
          id: review.id,
          user: review.user?.login ?? '',
          state: review.state,
          submittedAt: review.submitted_at ?? undefined,
          commitId: review.commit_id ?? undefined,
        }));
      }),
    listIssues: (query) =>
      call(async () => {
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
          ...repo,
          state: query.state,
          per_page: 100,
          ...(query.labels?.length ? { labels: query.labels.join(',') } : {}),
        });
        return (issues as RawIssue[]).map(issueSummary);
      }),
    searchIssues: (q) =>
      call(async () => {
        const { data } = await octokit.rest.search.issuesAndPullRequests({ q, per_page: 100 });
        return { total: data.total_count, items: (data.items as RawIssue[]).map(issueSummary) };
      }),
    listLabels: (issue) =>
      call(async () => {
        const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...repo, issue_number: issue, per_page: 100 });
        return labels.map((label) => label.name);
      }),
    listLabelEvents: (issue) =>
      call(async () => {
        const events = await octokit.paginate(octokit.rest.issues.listEvents, { ...repo, issue_number: issue, per_page: 100 });
        return events.flatMap((event) => {
          const name = (event as { label?: { name?: string } }).label?.name;
          return event.event === 'labeled' && name ? [{ label: name, actor: event.actor.login, createdAt: event.created_at }] : [];
        });
      }),
  };
}
