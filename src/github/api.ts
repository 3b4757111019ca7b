/**
 * The GitHub REST calls release-gates makes, behind one small interface. The Octokit
 * implementation retries 5xx and honours rate limits (GITHUB.md, "Rate limits"); creates
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
}

/** The calls release-gates makes. Every method may throw {@link GitHubError}. */
export interface GitHubApi extends GitHubReads {
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

  /** A read-only token: a fork's PR, or missing `permissions:` (GITHUB.md, "Forks and tokens"). */
  get readOnly(): boolean {
    return this.status === 403 && /not accessible by integration|write access|permission/i.test(this.message);
  }

  /** Worth trying again: a server error or a lost connection. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 0;
  }
}

export type { Logger };
