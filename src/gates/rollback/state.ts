/**
 * What one rollback learns as its phases run, shared by them: the phases run one at a
 * time (a serial gate), each reads what the earlier ones found (the target, the
 * migrations since it) and adds its line to the timeline that the record, the incident
 * issue and the job summary show.
 */
import type { CheckOutcome, CheckStatus } from '../../engine/model.js';
import type { CheckSpec } from '../../engine/check.js';
import type { AppliedMigrationRecord, RecordedBackup } from '../../evidence/identity.js';
import type { Pin } from '../../evidence/pin.js';
import type { CheckRunInfo, CommitInfo, GitHubApi } from '../../github/api.js';

/** The revision the environment runs before the rollback, and how we know. */
export interface Deployed {
  sha: string;
  title: string | undefined;
  /** `deployment`: the environment's current GitHub deployment; `from`: given (`--from`); `dispatch`: the workflow's commit, for lack of a deployment. */
  source: 'deployment' | 'from' | 'dispatch';
  deploymentId?: number | undefined;
}

/** A commit considered as the rollback target, and why it was or was not chosen. */
export interface Candidate {
  sha: string;
  title: string;
  chosen: boolean;
  /** `smoke failed`, `passed under config sha256:…, not the current one`, `chosen: …`. */
  reason: string;
  /** When it was deployed to the environment, if GitHub records a deployment of it. */
  deployedAt?: string | undefined;
}

/** The revision rolled back to. */
export interface Target {
  sha: string;
  title: string;
  /** `last-known-good`, or the SHA, tag or ref asked for. */
  asked: string;
  explicit: boolean;
  /** What its gates said, in one line. */
  gates: string;
}

/** A migration applied since the target, with the commit whose migrate run applied it. */
export type SinceTarget = AppliedMigrationRecord & { commit: string };

/** One line of the timeline. */
export interface TimelineEntry {
  /** ISO 8601, when the phase ended. */
  at: string;
  phase: string;
  status: CheckStatus;
  summary: string;
}

export class RollbackState {
  deployed: Deployed | undefined;
  /** The pin standing when the rollback started (an earlier rollback). */
  pinBefore: Pin | undefined;
  target: Target | undefined;
  candidates: Candidate[] = [];
  /** Commits after the target up to the deployed one, newest first. */
  between: CommitInfo[] = [];
  migrations: SinceTarget[] = [];
  /** The backup a restore would use, from the preflight evidence, with its commit. */
  backup: (RecordedBackup & { commit: string }) | undefined;
  /** The GitHub deployment this rollback created. */
  deploymentId: number | undefined;
  readonly timeline: TimelineEntry[] = [];
  /** Every phase, in order, as planned: those missing from the timeline did not run. */
  readonly planned: string[] = [];
  private readonly runs = new Map<string, Promise<CheckRunInfo[]>>();

  /** The check runs of a commit, read once however many phases ask. */
  checkRuns(api: GitHubApi, sha: string): Promise<CheckRunInfo[]> {
    let runs = this.runs.get(sha);
    if (!runs) {
      runs = api.listCheckRuns(sha);
      this.runs.set(sha, runs);
      // A failed read is asked again next time.
      runs.catch(() => this.runs.delete(sha));
    }
    return runs;
  }

  /** True while every phase that ran passed (or did not apply). */
  get clean(): boolean {
    return this.timeline.every((entry) => entry.status === 'passed' || entry.status === 'skipped');
  }

  /** The first phase that did not pass, if any. */
  get stoppedAt(): TimelineEntry | undefined {
    return this.timeline.find((entry) => entry.status !== 'passed' && entry.status !== 'skipped');
  }
}

/** A phase whose outcome is added to the timeline when it ends; planned in order. */
export function phase(state: RollbackState, spec: CheckSpec): CheckSpec {
  state.planned.push(spec.name);
  return {
    ...spec,
    run: async (context) => {
      const outcome: CheckOutcome = await spec.run(context);
      // A retried check is recorded once, with its last attempt.
      const last = state.timeline.at(-1);
      if (last?.phase === spec.name) state.timeline.pop();
      state.timeline.push({ at: new Date().toISOString(), phase: spec.name, status: outcome.status, summary: outcome.summary });
      return outcome;
    },
  };
}
