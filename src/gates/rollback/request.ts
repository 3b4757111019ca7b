/**
 * What the on-call engineer (or the monitor gate) asked of a rollback: the inputs of
 * `actions/rollback` and of `release-gates rollback` (issue #11).
 */

/** The default target: the newest commit before the deployed one whose gates all passed. */
export const LAST_KNOWN_GOOD = 'last-known-good';

/** Who asked for the rollback. */
export interface RollbackTrigger {
  /**
   * `monitor`: dispatched by the monitor gate on a breach (the dispatch's actor is the
   * token's bot); `manual`: a person pressed "Run workflow"; `local`: the CLI.
   */
  kind: 'manual' | 'monitor' | 'local';
  /** The GitHub login or local user. */
  actor: string | undefined;
}

export interface RollbackRequest {
  /** {@link LAST_KNOWN_GOOD}, or a SHA, tag or ref: an explicit target skips the search and is still checked. */
  target: string;
  /** Why, in the words of whoever asked (the monitor gate puts its breach here). */
  reason: string;
  /** Resolve the target and show every step; run and write nothing. */
  dryRun: boolean;
  /** Roll the code back across a destructive or incompatible migration. */
  confirmDatabase: boolean;
  /**
   * The name of the backup to restore, typed by a person as its own confirmation; it
   * must equal the backup the evidence names. Undefined: no restore.
   */
  restoreBackup: string | undefined;
  /** The revision to treat as deployed when the environment has no GitHub deployment (CLI `--from`). */
  from: string | undefined;
  trigger: RollbackTrigger;
  /** This workflow run, for the deployment's `log_url` and the incident issue. */
  runUrl: string | undefined;
  /** `https://github.com/owner/repo`, for commit links in the incident issue. */
  repoUrl: string | undefined;
}

/** The login `GITHUB_TOKEN` acts as: a dispatch by it came from a workflow, the monitor gate's. */
const TOKEN_BOT = 'github-actions[bot]';

/** The trigger of a workflow run: the monitor gate when its token dispatched it, else the person. */
export function triggerOf(actor: string | undefined): RollbackTrigger {
  return { kind: actor === TOKEN_BOT ? 'monitor' : 'manual', actor };
}

/** `"true"`, `"yes"`, `"1"` (any case) are true; anything else is false. */
export function flag(value: string | undefined): boolean {
  return /^(true|yes|1)$/i.test((value ?? '').trim());
}
