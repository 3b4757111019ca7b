/**
 * The repository store under the fake GitHub's state: repositories (created on first
 * use; any `owner/repo` works), commits, branches, ref resolution and ids. Each new
 * repository has a default branch `main` pointing at one initial commit.
 */
import { createHash } from 'node:crypto';
import type { AppRec, CommitRec, RepoRec } from './types.js';

/** The repository used when a seeding call names none. */
export const DEFAULT_REPO = 'owner/repo';
/** The login GitHub shows for writes made with `GITHUB_TOKEN`. */
export const ACTIONS_BOT = 'github-actions[bot]';
/** The GitHub Actions app, which owns check runs made with `GITHUB_TOKEN` (its real id). */
export const ACTIONS_APP: AppRec = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

/** A 40-hex-digit SHA derived from any text. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** GitHub's timestamp format (`2024-05-01T12:00:00Z`, no milliseconds). */
export function isoNow(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const SHA_RE = /^[0-9a-f]{40}$/;

/** Kinds of object ids; each kind counts up on its own. */
export type IdKind =
  'repo' | 'checkRun' | 'suite' | 'status' | 'issue' | 'comment' | 'review' | 'deployment' | 'deploymentStatus' | 'label' | 'event';

/** Repositories, commits and branches. Extended by `GitHubState` with seeding methods. */
export class RepoStore {
  /** Login used for writes made through the API (the token's, while a request is handled). */
  actor = ACTIONS_BOT;
  /** App of check runs created through the API (the token's, while a request is handled). */
  app: AppRec = ACTIONS_APP;
  private readonly repos = new Map<string, RepoRec>();
  protected seq = 0;
  private readonly ids: Record<IdKind, number> = {
    repo: 100000,
    checkRun: 1000000,
    suite: 500000,
    status: 3000000,
    issue: 4000000,
    comment: 2000000,
    review: 6000000,
    deployment: 7000000,
    deploymentStatus: 8000000,
    label: 9000000,
    event: 10000000,
  };

  /** @param clock time source (tests may freeze or advance it). */
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Current time as a GitHub timestamp. */
  now(): string {
    return isoNow(this.clock());
  }

  /** Next id of a kind. */
  nextId(kind: IdKind): number {
    return ++this.ids[kind];
  }

  /** Forget every repository (ids keep increasing). */
  reset(): void {
    this.repos.clear();
  }

  /** All repositories touched so far. */
  allRepos(): RepoRec[] {
    return [...this.repos.values()];
  }

  /** Get (creating on first use) a repository by `owner/repo`; names are case-insensitive. */
  repo(fullName: string = DEFAULT_REPO): RepoRec {
    const key = fullName.toLowerCase();
    let rec = this.repos.get(key);
    if (!rec) {
      const [owner = 'owner', name = 'repo'] = fullName.split('/');
      rec = {
        id: this.nextId('repo'),
        owner,
        name,
        fullName: `${owner}/${name}`,
        defaultBranch: 'main',
        private: false,
        branches: new Map(),
        tags: new Map(),
        commits: new Map(),
        checkRuns: [],
        statuses: [],
        issues: new Map(),
        comments: [],
        reviews: [],
        deployments: [],
        dispatches: [],
        labels: new Map(),
        suites: new Map(),
        nextNumber: 1,
      };
      this.repos.set(key, rec);
      const initial = this.commitIn(rec, {
        message: 'Initial commit',
        parents: [],
        sha: fakeSha(`${key}:initial`),
        date: '2020-01-01T00:00:00Z',
      });
      rec.branches.set('main', initial.sha);
    }
    return rec;
  }

  /** Change repository settings (default branch, visibility). */
  setRepo(seed: { repo?: string; defaultBranch?: string; private?: boolean }): RepoRec {
    const rec = this.repo(seed.repo);
    if (seed.defaultBranch && seed.defaultBranch !== rec.defaultBranch) {
      if (!rec.branches.has(seed.defaultBranch)) {
        rec.branches.set(seed.defaultBranch, rec.branches.get(rec.defaultBranch) ?? this.head(rec));
      }
      rec.defaultBranch = seed.defaultBranch;
    }
    if (seed.private !== undefined) rec.private = seed.private;
    return rec;
  }

  protected head(rec: RepoRec): string {
    return rec.branches.get(rec.defaultBranch) ?? [...rec.commits.keys()][0] ?? fakeSha(rec.fullName);
  }

  protected commitIn(rec: RepoRec, c: Partial<CommitRec>): CommitRec {
    const commit: CommitRec = {
      sha: c.sha ?? fakeSha(`${rec.fullName}:${++this.seq}:${c.message ?? ''}`),
      message: c.message ?? `Commit ${this.seq}`,
      parents: c.parents ?? [],
      author: c.author ?? 'octocat',
      date: c.date ?? this.now(),
    };
    rec.commits.set(commit.sha, commit);
    return commit;
  }

  /**
   * Add a commit. With `branch`, its parent defaults to the branch head and the
   * branch moves to it (the branch is created if needed, from the default branch).
   */
  addCommit(
    seed: {
      repo?: string;
      sha?: string;
      message?: string;
      parents?: string[];
      branch?: string;
      author?: string;
      date?: string;
    } = {},
  ): CommitRec {
    const rec = this.repo(seed.repo);
    const branchHead = seed.branch ? (rec.branches.get(seed.branch) ?? this.head(rec)) : undefined;
    const parents = seed.parents ?? [branchHead ?? this.head(rec)];
    const commit = this.commitIn(rec, { ...seed, parents });
    if (seed.branch) rec.branches.set(seed.branch, commit.sha);
    return commit;
  }

  /** Point a branch at a commit (a well-formed unknown SHA becomes a commit). */
  setBranch(seed: { repo?: string; name: string; sha: string }): void {
    const rec = this.repo(seed.repo);
    this.ensureCommit(rec, seed.sha);
    rec.branches.set(seed.name, seed.sha);
  }

  /** Make sure a 40-hex SHA exists as a commit (tests rarely seed every commit). */
  ensureCommit(rec: RepoRec, sha: string): CommitRec | undefined {
    const found = rec.commits.get(sha);
    if (found || !SHA_RE.test(sha)) return found;
    return this.commitIn(rec, {
      sha,
      message: `Commit ${sha.slice(0, 7)}`,
      parents: [this.head(rec)],
    });
  }

  /**
   * Resolve a ref as GitHub does for `{ref}` path parameters: full SHA, unique SHA
   * prefix (7+), branch name, `heads/x`, `refs/heads/x`, tag, `tags/x`.
   * A well-formed but unknown 40-hex SHA is accepted and becomes a commit.
   */
  resolveRef(rec: RepoRec, ref: string): CommitRec | undefined {
    const name = ref.replace(/^refs\//, '');
    const branch = rec.branches.get(name.replace(/^heads\//, ''));
    if (branch) return this.ensureCommit(rec, branch);
    const tag = rec.tags.get(name.replace(/^tags\//, ''));
    if (tag) return this.ensureCommit(rec, tag);
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const hits = [...rec.commits.keys()].filter((s) => s.startsWith(ref));
      return hits.length === 1 && hits[0] ? rec.commits.get(hits[0]) : undefined;
    }
    return this.ensureCommit(rec, ref);
  }

  /** Id of the (single, GitHub Actions) check suite of a commit. */
  suiteFor(rec: RepoRec, sha: string): number {
    let id = rec.suites.get(sha);
    if (id === undefined) {
      id = this.nextId('suite');
      rec.suites.set(sha, id);
    }
    return id;
  }

  /** Make sure a label exists in the repository. */
  ensureLabel(rec: RepoRec, name: string): void {
    if (!rec.labels.has(name.toLowerCase())) {
      rec.labels.set(name.toLowerCase(), {
        id: this.nextId('label'),
        name,
        color: 'ededed',
        description: null,
      });
    }
  }
}
