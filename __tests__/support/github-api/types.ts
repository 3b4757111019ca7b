/**
 * Records held by the fake GitHub's in-memory state. Handlers turn them into
 * api.github.com-shaped JSON (see `objects.ts`).
 */

/** A commit of a fake repository. */
export interface CommitRec {
  sha: string;
  message: string;
  parents: string[];
  author: string;
  date: string;
}

/** One check-run annotation, as sent in `output.annotations`. */
export interface AnnotationRec {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

/** A GitHub App, as a check run's `app` names it. */
export interface AppRec {
  id: number;
  slug: string;
  name: string;
}

/** A check run. */
export interface CheckRunRec {
  id: number;
  headSha: string;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRec[];
  suiteId: number;
  /** The app that created it: the token's app, or a seeded one. */
  app: AppRec;
}

/** A commit status (the legacy Statuses API). */
export interface StatusRec {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

/** Pull-request specific fields of an issue record. */
export interface PullRec {
  headSha: string;
  headRef: string;
  /** `full_name` of the head repository; differs from the base for forks. */
  headRepo: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  /** The commit a merged pull request made on its base branch (its merge or squash commit). */
  mergeSha: string | null;
}

/** An issue, or a pull request when `pull` is set (they share numbers, as on GitHub). */
export interface IssueRec {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  labels: string[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull?: PullRec;
  /** `labeled` events: who added which label, oldest first. */
  labelEvents?: { id: number; label: string; actor: string; createdAt: string }[];
}

/** An issue or pull-request comment. */
export interface CommentRec {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

/** A pull-request review. */
export interface ReviewRec {
  id: number;
  pullNumber: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  body: string;
  submittedAt: string;
  commitId: string;
}

/** A deployment status. */
export interface DeploymentStatusRec {
  id: number;
  state: string;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  creator: string;
  createdAt: string;
}

/** A deployment. */
export interface DeploymentRec {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  payload: Record<string, unknown> | string;
  description: string | null;
  creator: string;
  createdAt: string;
  transient: boolean;
  production: boolean;
  statuses: DeploymentStatusRec[];
}

/** A recorded `workflow_dispatch`. */
export interface DispatchRec {
  workflowId: string;
  ref: string;
  inputs: Record<string, unknown>;
  at: string;
}

/** A repository label. */
export interface LabelRec {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** Everything the fake knows about one repository. */
export interface RepoRec {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  branches: Map<string, string>;
  tags: Map<string, string>;
  commits: Map<string, CommitRec>;
  checkRuns: CheckRunRec[];
  statuses: StatusRec[];
  issues: Map<number, IssueRec>;
  comments: CommentRec[];
  reviews: ReviewRec[];
  deployments: DeploymentRec[];
  dispatches: DispatchRec[];
  labels: Map<string, LabelRec>;
  suites: Map<string, number>;
  nextNumber: number;
}
