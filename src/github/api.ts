/**
 * The GitHub REST calls release-gates makes, behind one small interface. The Octokit
 * implementation retries 5xx and honours rate limits (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api); creates
 * are not retried blindly, so a retried create cannot post a duplicate.
 */
import type { Logger } from '../io/logger.js';

/** A check run as listed on a commit. */
export interface CheckRunInfo {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  htmlUrl: string | undefined;
  detailsUrl: string | undefined;
  externalId: string | undefined;
  title: string | undefined;
  summary: string | undefined;
  /** `output.text`: the failures' evidence. */
  text: string | undefined;
  startedAt: string | undefined;
  /** The GitHub App that created the run; only runs of the token's own app are evidence. */
  app: { id: number; slug: string } | undefined;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export type Conclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface IssueComment {
  id: number;
  body: string;
  /** Who wrote it: `github-actions[bot]` (type `Bot`) for `GITHUB_TOKEN`; a person may quote the marker. */
  author: { login: string; type: string } | undefined;
}

/** A pull request, as the preflight checks read it. Body and title are untrusted. */
export interface PullRequestDetails {
  number: number;
  author: string;
  headSha: string;
  body: string;
}

export interface Review {
  id: number;
  user: string;
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING`. */
  state: string;
  submittedAt: string | undefined;
  commitId: string | undefined;
}

export interface CommitStatus {
  context: string;
  state: string;
  description: string | undefined;
  targetUrl: string | undefined;
}

export interface IssueSummary {
  number: number;
  title: string;
  htmlUrl: string;
  labels: string[];
  isPullRequest: boolean;
}

/** The read calls of the preflight checks. */
export interface GitHubReads {
  getDefaultBranch(): Promise<string>;
  /** The commit SHA a branch points at. */
  getBranchSha(branch: string): Promise<string>;
  /** The combined status of a ref: its state and each context's latest status. */
  getCombinedStatus(ref: string): Promise<{ state: string; statuses: CommitStatus[] }>;
  getPullRequest(number: number): Promise<PullRequestDetails>;
  /** Every review of a pull request, oldest first, paginated. */
  listReviews(number: number): Promise<Review[]>;
  /** Issues (and pull requests, flagged) with every one of `labels`, paginated. */
  listIssues(query: { labels?: string[]; state: 'open' | 'closed' | 'all' }): Promise<IssueSummary[]>;
  /** Issue search (`q` as on github.com); first 100 results. */
  searchIssues(q: string): Promise<{ total: number; items: IssueSummary[] }>;
  listLabels(issue: number): Promise<string[]>;
  /** Who added which label to an issue or pull request (`labeled` events), oldest first, paginated. */
  listLabelEvents(issue: number): Promise<LabelEvent[]>;
}

/** A `labeled` event of an issue or pull request. */
export interface LabelEvent {
  label: string;
  /** The login of who added it. */
  actor: string;
  createdAt: string;
}

/** A commit, as the rollback gate lists history. */
export interface CommitInfo {
  sha: string;
  /** First line of the message. */
  title: string;
  /** Committer date, ISO 8601. */
  date: string | undefined;
}

/** A deployment of an environment (GITHUB.md, "Dispatch, deployments"). */
export interface DeploymentInfo {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  /** The payload given when it was created: JSON, or a string. */
  payload: unknown;
  createdAt: string;
  creator: string | undefined;
}

/** One status of a deployment. */
export interface DeploymentStatusInfo {
  id: number;
  /** `error`, `failure`, `inactive`, `in_progress`, `queued`, `pending` or `success`. */
  state: string;
  description: string;
  createdAt: string;
  logUrl: string | undefined;
}

/** A pull request that shipped a commit (its head, or merged into the default branch). */
export interface PullRequestRef {
  number: number;
  title: string;
  htmlUrl: string;
  state: string;
  merged: boolean;
}

/** The deployment, history and follow-up calls of the rollback gate. */
export interface GitHubDeploys {
  /** The commit a SHA, tag or branch names. */
  getCommit(ref: string): Promise<CommitInfo>;
  /** `from` and its ancestors, newest first, at most `max` (paginated). */
  listCommits(from: string, max: number): Promise<CommitInfo[]>;
  /** The commits reachable from `head` and not from `base`, oldest first (at most 250). */
  compareCommits(base: string, head: string): Promise<{ status: string; commits: CommitInfo[] }>;
  /** Deployments of an environment, newest first, at most `max` (paginated). */
  listDeployments(environment: string, max: number): Promise<DeploymentInfo[]>;
  /** Statuses of a deployment, newest first (paginated). */
  listDeploymentStatuses(id: number): Promise<DeploymentStatusInfo[]>;
  /** Creates a deployment with `auto_merge: false` and `required_contexts: []` (GITHUB.md). */
  createDeployment(input: {
    sha: string;
    environment: string;
    description: string;
    payload: Record<string, unknown>;
  }): Promise<DeploymentInfo>;
  /** Adds a status; `description` is at most 140 characters. */
  createDeploymentStatus(
    id: number,
    input: {
      state: 'in_progress' | 'success' | 'failure' | 'inactive' | 'error';
      description: string;
      logUrl?: string | undefined;
      environmentUrl?: string | undefined;
    },
  ): Promise<void>;
  createIssue(input: { title: string; body: string; labels: string[] }): Promise<{ number: number; htmlUrl: string }>;
  /** Pull requests associated with a commit: its merge commit, or its head. */
  listPullRequestsForCommit(sha: string): Promise<PullRequestRef[]>;
}

/** The calls release-gates makes. Every method may throw {@link GitHubError}. */
export interface GitHubApi extends GitHubReads, GitHubDeploys {
  createCheckRun(input: {
    name: string;
    headSha: string;
    externalId: string;
    detailsUrl?: string | undefined;
    output: CheckRunOutput;
    /** Creates the run already completed (a gate that was not run). */
    conclusion?: Conclusion;
  }): Promise<CheckRunInfo>;
  /** Completes a run; `output.annotations` holds at most 50. */
  completeCheckRun(id: number, input: { conclusion: Conclusion; output: CheckRunOutput }): Promise<void>;
  /** Appends up to 50 more annotations to a run (GitHub appends across PATCH calls). */
  addAnnotations(id: number, output: CheckRunOutput): Promise<void>;
  /** Every check run on `ref`, older attempts included (`filter=all`), paginated. */
  listCheckRuns(ref: string, checkName?: string): Promise<CheckRunInfo[]>;
  listComments(issue: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string): Promise<IssueComment>;
  updateComment(id: number, body: string): Promise<void>;
  deleteComment(id: number): Promise<void>;
  /**
   * Starts a workflow (`POST …/actions/workflows/{workflow}/dispatches`; needs
   * `actions: write`). Sent once and never retried on a 5xx: GitHub may have started the
   * run before the answer was lost, and a rollback must not start twice. Returns the run's
   * page when GitHub names it (`return_run_details`).
   */
  dispatchWorkflow(input: { workflow: string; ref: string; inputs: Record<string, string> }): Promise<{ runUrl: string | undefined }>;
}

/** A failed GitHub call, with the status and GitHub's message. */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GitHubError';
  }

  /** A read-only token: a fork's PR, or missing `permissions:` (https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token). */
  get readOnly(): boolean {
    return this.status === 403 && /not accessible by integration|write access|permission/i.test(this.message);
  }

  /** Worth trying again: a server error or a lost connection. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 0;
  }
}

export type { Logger };
