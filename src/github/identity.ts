/**
 * Who the token in use is: the GitHub App it acts as, and the bot user that writes its
 * comments. Results count only when this app wrote them (PRODUCT.md, "Beyond the
 * peers": a result from another app never counts), and release-gates edits only
 * comments this bot wrote (GITHUB.md, "PR comments": a person may quote the marker).
 *
 * How it is learned, at no extra request: every check run GitHub returns carries the
 * `app` that created it, so the answer to the `POST …/check-runs` of this job's own
 * check run names the token's app (`github-actions`, id 15368, for `GITHUB_TOKEN`). There
 * is no cheaper reliable way: `GET /app` needs the app's JWT and answers no installation
 * token, and the bot's login cannot be read before it writes. A run that created no check
 * run (the CLI, a read-only token on a fork's PR) uses the GitHub Actions app, the app of
 * the `GITHUB_TOKEN` that the example workflows run with; runs and comments of any other
 * app or person never count then either.
 */
import type { CheckRunInfo, IssueComment } from './api.js';

/** A GitHub App, as a check run names it (`app.id`, `app.slug`). */
export interface AppIdentity {
  id: number;
  slug: string;
}

/** The app of `GITHUB_TOKEN` (GITHUB.md, "Check runs"). */
export const GITHUB_ACTIONS_APP: AppIdentity = { id: 15368, slug: 'github-actions' };

/** The token's identity, learned from the check runs this job creates. */
export class TokenIdentity {
  private learned: AppIdentity | undefined;

  /** Learns the app from a check run this job created; the first one decides. */
  learn(run: Pick<CheckRunInfo, 'app'>): void {
    if (!this.learned && run.app) this.learned = run.app;
  }

  /** The token's app, or {@link GITHUB_ACTIONS_APP} while no check run of ours told. */
  get app(): AppIdentity {
    return this.learned ?? GITHUB_ACTIONS_APP;
  }

  /** True once a check run created with this token named its app. */
  get known(): boolean {
    return this.learned !== undefined;
  }

  /** The bot that writes this token's comments: `<app slug>[bot]`, e.g. `github-actions[bot]`. */
  get login(): string {
    return `${this.app.slug}[bot]`;
  }

  /** `github-actions (app 15368)`, and where that comes from. */
  describe(): string {
    return `${this.app.slug} (app ${this.app.id}${this.known ? '' : ', the GITHUB_TOKEN app: this run created no check run to learn its own'})`;
  }

  /** True when `run` was created by the token's app: same id and slug. */
  owns(run: Pick<CheckRunInfo, 'app'>): boolean {
    return run.app !== undefined && run.app.id === this.app.id && run.app.slug === this.app.slug;
  }

  /** True when `comment` was written by the token's bot user (login and type `Bot`). */
  wrote(comment: Pick<IssueComment, 'author'>): boolean {
    return comment.author?.type === 'Bot' && comment.author.login === this.login;
  }
}
