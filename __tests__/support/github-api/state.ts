/**
 * In-memory state of the fake GitHub, with seeding methods for tests
 * (`server.state.addPullRequest(...)` etc.). Handlers use the same methods.
 */
import { RepoStore, fakeSha } from './store.js';
import type { AnnotationRec, AppRec, CheckRunRec, CommentRec, DeploymentRec, IssueRec, ReviewRec, StatusRec } from './types.js';

export { ACTIONS_APP, ACTIONS_BOT, DEFAULT_REPO, fakeSha, isoNow, type IdKind } from './store.js';

/** Seed input for {@link GitHubState.addIssue}. */
export interface IssueSeed {
  repo?: string;
  number?: number;
  title?: string;
  body?: string | null;
  user?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  assignees?: string[];
}

/** Seed input for {@link GitHubState.addPullRequest}: an issue's, without assignees, and the pull request's own. */
export interface PullRequestSeed extends Omit<IssueSeed, 'assignees'> {
  headSha?: string;
  headRef?: string;
  /** `owner/repo` of the head; set another owner to model a fork PR. */
  headRepo?: string;
  baseRef?: string;
  baseSha?: string;
  draft?: boolean;
  merged?: boolean;
  /** The merge (or squash) commit of a merged pull request; it becomes a commit of the repository. */
  mergeSha?: string;
}

/** Seed input for {@link GitHubState.addCheckRun}. */
export interface CheckRunSeed {
  repo?: string;
  headSha: string;
  name: string;
  status?: string;
  conclusion?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  detailsUrl?: string | null;
  externalId?: string | null;
  /** The app that created it; default: the app of the token in use (`github-actions`). */
  app?: AppRec;
  output?: {
    title?: string | null;
    summary?: string | null;
    text?: string | null;
    annotations?: AnnotationRec[];
  };
}

/** The fake's in-memory data, with seeding methods. All ids increase monotonically. */
export class GitHubState extends RepoStore {
  /** Add an issue. Numbers are shared with pull requests. */
  addIssue(seed: IssueSeed = {}): IssueRec {
    const rec = this.repo(seed.repo);
    const number = seed.number ?? rec.nextNumber;
    rec.nextNumber = Math.max(rec.nextNumber, number + 1);
    const now = this.now();
    const issue: IssueRec = {
      id: this.nextId('issue'),
      number,
      title: seed.title ?? `Issue ${number}`,
      body: seed.body ?? null,
      user: seed.user ?? 'octocat',
      state: seed.state ?? 'open',
      labels: [...(seed.labels ?? [])],
      assignees: [...(seed.assignees ?? [])],
      createdAt: now,
      updatedAt: now,
      closedAt: seed.state === 'closed' ? now : null,
    };
    for (const l of issue.labels) this.ensureLabel(rec, l);
    rec.issues.set(number, issue);
    return issue;
  }

  /** Add a pull request (an issue with `pull` fields). Head and base SHAs become commits. */
  addPullRequest(seed: PullRequestSeed = {}): IssueRec {
    const rec = this.repo(seed.repo);
    const issue = this.addIssue({
      ...seed,
      title: seed.title ?? `Pull request ${seed.number ?? rec.nextNumber}`,
    });
    const baseRef = seed.baseRef ?? rec.defaultBranch;
    const baseSha = seed.baseSha ?? rec.branches.get(baseRef) ?? this.head(rec);
    const headRef = seed.headRef ?? `feature-${issue.number}`;
    const headSha = seed.headSha ?? fakeSha(`${rec.fullName}:pr:${issue.number}`);
    this.ensureCommit(rec, baseSha);
    if (!rec.commits.has(headSha)) this.commitIn(rec, { sha: headSha, message: issue.title, parents: [baseSha] });
    const headRepo = seed.headRepo ?? rec.fullName;
    if (headRepo.toLowerCase() === rec.fullName.toLowerCase() && !rec.branches.has(headRef)) {
      rec.branches.set(headRef, headSha);
    }
    issue.pull = {
      headSha,
      headRef,
      headRepo,
      baseRef,
      baseSha,
      draft: seed.draft ?? false,
      merged: seed.merged ?? seed.mergeSha !== undefined,
      mergeSha: seed.mergeSha ?? null,
    };
    if (seed.mergeSha) this.ensureCommit(rec, seed.mergeSha);
    return issue;
  }

  /** Add a review to a pull request. */
  addReview(seed: {
    repo?: string;
    pullNumber: number;
    user: string;
    state: ReviewRec['state'];
    body?: string;
    submittedAt?: string;
    commitId?: string;
  }): ReviewRec {
    const rec = this.repo(seed.repo);
    const pull = rec.issues.get(seed.pullNumber)?.pull;
    const review: ReviewRec = {
      id: this.nextId('review'),
      pullNumber: seed.pullNumber,
      user: seed.user,
      state: seed.state,
      body: seed.body ?? '',
      submittedAt: seed.submittedAt ?? this.now(),
      commitId: seed.commitId ?? pull?.headSha ?? this.head(rec),
    };
    rec.reviews.push(review);
    return review;
  }

  /** Adds a label to an issue or pull request as `actor` did (a `labeled` event). */
  addLabel(seed: { repo?: string; issueNumber: number; label: string; actor: string }): void {
    const rec = this.repo(seed.repo);
    const issue = rec.issues.get(seed.issueNumber);
    if (!issue) throw new Error(`no issue #${seed.issueNumber}`);
    this.ensureLabel(rec, seed.label);
    if (!issue.labels.includes(seed.label)) issue.labels.push(seed.label);
    (issue.labelEvents ??= []).push({ id: this.nextId('event'), label: seed.label, actor: seed.actor, createdAt: this.now() });
  }

  /** Add a comment to an issue or pull request. */
  addComment(seed: { repo?: string; issueNumber: number; body: string; user?: string }): CommentRec {
    const rec = this.repo(seed.repo);
    const now = this.now();
    const comment: CommentRec = {
      id: this.nextId('comment'),
      issueNumber: seed.issueNumber,
      body: seed.body,
      user: seed.user ?? this.actor,
      createdAt: now,
      updatedAt: now,
    };
    rec.comments.push(comment);
    return comment;
  }

  /** Add a check run (as if created through the API). */
  addCheckRun(seed: CheckRunSeed): CheckRunRec {
    const rec = this.repo(seed.repo);
    this.ensureCommit(rec, seed.headSha);
    const now = this.now();
    const conclusion = seed.conclusion ?? null;
    const status = conclusion ? 'completed' : (seed.status ?? 'queued');
    const run: CheckRunRec = {
      id: this.nextId('checkRun'),
      headSha: seed.headSha,
      name: seed.name,
      status,
      conclusion,
      startedAt: seed.startedAt ?? now,
      completedAt: seed.completedAt ?? (status === 'completed' ? now : null),
      detailsUrl: seed.detailsUrl ?? null,
      externalId: seed.externalId ?? '',
      output: {
        title: seed.output?.title ?? null,
        summary: seed.output?.summary ?? null,
        text: seed.output?.text ?? null,
      },
      annotations: [...(seed.output?.annotations ?? [])],
      suiteId: this.suiteFor(rec, seed.headSha),
      app: seed.app ?? this.app,
    };
    rec.checkRuns.push(run);
    return run;
  }

  /** Add a commit status. */
  addStatus(seed: {
    repo?: string;
    sha: string;
    state: StatusRec['state'];
    context?: string;
    description?: string | null;
    targetUrl?: string | null;
    creator?: string;
  }): StatusRec {
    const rec = this.repo(seed.repo);
    this.ensureCommit(rec, seed.sha);
    const now = this.now();
    const status: StatusRec = {
      id: this.nextId('status'),
      sha: seed.sha,
      state: seed.state,
      context: seed.context ?? 'default',
      description: seed.description ?? null,
      targetUrl: seed.targetUrl ?? null,
      creator: seed.creator ?? this.actor,
      createdAt: now,
      updatedAt: now,
    };
    rec.statuses.push(status);
    return status;
  }

  /** Add a deployment directly (bypassing GitHub's auto-merge and status checks). */
  addDeployment(seed: {
    repo?: string;
    ref?: string;
    sha?: string;
    environment?: string;
    task?: string;
    payload?: Record<string, unknown> | string;
    description?: string | null;
    creator?: string;
  }): DeploymentRec {
    const rec = this.repo(seed.repo);
    const ref = seed.ref ?? rec.defaultBranch;
    const sha = seed.sha ?? this.resolveRef(rec, ref)?.sha ?? this.head(rec);
    const environment = seed.environment ?? 'production';
    const dep: DeploymentRec = {
      id: this.nextId('deployment'),
      sha,
      ref,
      task: seed.task ?? 'deploy',
      environment,
      payload: seed.payload ?? {},
      description: seed.description ?? null,
      creator: seed.creator ?? this.actor,
      createdAt: this.now(),
      transient: false,
      production: environment === 'production',
      statuses: [],
    };
    rec.deployments.push(dep);
    return dep;
  }
}
