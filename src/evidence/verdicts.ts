/**
 * How an environment's gates stand on one commit, read from the commit's
 * `release-gates / <gate> (<env>)` check runs: shared by `environment-passed` (the
 * previous environment passed for this commit) and the rollback gate (the last known
 * good commit), so both count the same runs the same way.
 *
 * - A gate counts when its newest run for this config digest (the marker in the run's
 *   summary) concluded `success`; `neutral` or `skipped` never count, and a success
 *   recorded for another config does not count (PRODUCT.md, "Beyond the peers"). A
 *   partial run (`--check`) never counts.
 * - Only runs created by the GitHub Actions app count: anyone with `checks: write` can
 *   name a run anything (GITHUB.md, "Check runs").
 * - The rollback gate's own runs are not a verdict on the commit and are left out.
 */
import type { CheckRunInfo } from '../github/api.js';
import { cut, joinList } from '../text.js';
import { checkRunName, digestIn, isPartial, parseCheckRunName } from './identity.js';

/** Apps whose check runs count as evidence: the app of `GITHUB_TOKEN`. */
export const TRUSTED_APPS: readonly string[] = ['github-actions'];

/** Gates whose runs are records, not verdicts on the commit. */
const NOT_VERDICTS = new Set(['rollback']);

/** How one gate of the environment stands for a commit and config. */
export interface GateVerdict {
  gate: string;
  passed: boolean;
  /** Still running: a retry may see it finish. */
  running: boolean;
  /** One line for a summary, e.g. `smoke failure`. */
  line: string;
  detail: string;
  /** The run that decided it, if any. */
  run: CheckRunInfo | undefined;
  /** When only another config's runs exist: that config's digest. */
  otherDigest?: string | undefined;
}

/** How an environment stands on a commit. */
export interface EnvironmentVerdict {
  /** Every gate (at least one) passed for this config. */
  passed: boolean;
  /** No release-gates run for the environment on the commit at all. */
  none: boolean;
  verdicts: GateVerdict[];
  /** Runs of the environment's gates that `counts` refused (another app's), oldest first. */
  ignored: CheckRunInfo[];
}

/** `sha256:0123456789a…`: a digest short enough for a summary. */
export function shortDigest(digest: string): string {
  return cut(digest, 20);
}

/** True for a run by an app whose runs count (see {@link TRUSTED_APPS}). */
export function fromTrustedApp(run: CheckRunInfo): boolean {
  return run.app !== undefined && TRUSTED_APPS.includes(run.app.slug);
}

/** A check run as the evidence record names it. */
export interface RunEvidence {
  id: number;
  name: string;
  url: string | undefined;
  status: string;
  conclusion: string | null;
  app: string;
}

/** The evidence record's view of `run`. */
export function runEvidence(run: CheckRunInfo): RunEvidence {
  return {
    id: run.id,
    name: run.name,
    url: run.htmlUrl,
    status: run.status,
    conclusion: run.conclusion,
    app: run.app ? `${run.app.slug} (app ${run.app.id})` : 'no app',
  };
}

/** `check run 123 https://…/runs/123 by github-actions (app 15368)`. */
export function describeRun(run: CheckRunInfo): string {
  const { url, app } = runEvidence(run);
  return `check run ${run.id}${url ? ` ${url}` : ''} by ${app}`;
}

/** The verdict of one gate from its counted runs, newest first; `ignored` runs of it were another app's. */
function verdictOf(gate: string, env: string, runs: readonly CheckRunInfo[], digest: string, ignored: number): GateVerdict {
  const at = (run: CheckRunInfo): string => (run.htmlUrl ? ` ${run.htmlUrl}` : '');
  // A partial run (`--check`) never counts; the newest full run for this config does.
  const forDigest = runs.filter((run) => digestIn(run.summary) === digest);
  const ours = forDigest.find((run) => !isPartial(run.summary));
  const partial = forDigest[0];
  if (!ours && partial) {
    return {
      gate,
      passed: false,
      running: false,
      line: `${gate} ran only some checks (--check), which does not count`,
      detail: `✗ ${partial.name}: a partial run (only some checks) for this config; run the whole gate${at(partial)}`,
      run: partial,
    };
  }
  if (ours) {
    const passed = ours.status === 'completed' && ours.conclusion === 'success';
    const how = ours.status === 'completed' ? (ours.conclusion ?? 'no conclusion') : ours.status;
    return {
      gate,
      passed,
      running: ours.status !== 'completed',
      line: passed ? `${gate} passed` : `${gate} ${how}`,
      detail: `${passed ? '✓' : '✗'} ${ours.name}: ${how} for this config: ${describeRun(ours)}`,
      run: ours,
    };
  }
  const running = runs.find((run) => run.status !== 'completed');
  if (running) {
    return {
      gate,
      passed: false,
      running: true,
      line: `${gate} still running`,
      detail: `… ${running.name}: ${running.status}${at(running)}`,
      run: running,
    };
  }
  const newest = runs[0];
  if (newest) {
    const other = digestIn(newest.summary);
    const what = other ? `config ${shortDigest(other)}` : 'no recorded config';
    const result = newest.conclusion ?? newest.status;
    return {
      gate,
      passed: false,
      running: false,
      line: `${gate} ${result === 'success' ? 'passed' : `was ${result}`} only for ${what}, which does not count for this config`,
      detail: `✗ ${newest.name}: ${result} for ${what}, not this config ${shortDigest(digest)}${at(newest)}`,
      run: newest,
      otherDigest: other,
    };
  }
  return {
    gate,
    passed: false,
    running: false,
    line: `${gate} has not run on this commit${ignored ? ` (only ${ignored} by another app, which never count)` : ''}`,
    detail: `✗ ${checkRunName(gate, env)}: no check run on this commit by the token's app`,
    run: undefined,
  };
}

/**
 * How `env` stands on a commit whose check runs are `runs`, for the config `digest`.
 * With `gates`, those gates must each have passed; without, every gate with a run for
 * the environment, and at least one. Only runs `counts` accepts are evidence (default:
 * by the GitHub Actions app).
 */
export function environmentVerdict(
  runs: readonly CheckRunInfo[],
  env: string,
  digest: string,
  gates?: readonly string[],
  counts: (run: CheckRunInfo) => boolean = fromTrustedApp,
): EnvironmentVerdict {
  const byGate = new Map<string, CheckRunInfo[]>();
  const ignored: CheckRunInfo[] = [];
  for (const gate of gates ?? []) byGate.set(gate, []);
  // Gates in the order they first ran; each gate's runs newest first.
  for (const run of [...runs].sort((a, b) => a.id - b.id)) {
    const parsed = parseCheckRunName(run.name);
    if (parsed?.environment !== env || NOT_VERDICTS.has(parsed.gate)) continue;
    if (gates && !gates.includes(parsed.gate)) continue;
    if (!counts(run)) {
      ignored.push(run);
      continue;
    }
    byGate.set(parsed.gate, [run, ...(byGate.get(parsed.gate) ?? [])]);
  }
  const ignoredOf = (gate: string): number => ignored.filter((run) => parseCheckRunName(run.name)?.gate === gate).length;
  const verdicts = [...byGate].map(([gate, gateRuns]) => verdictOf(gate, env, gateRuns, digest, ignoredOf(gate)));
  const none = verdicts.every((verdict) => verdict.run === undefined);
  return { passed: verdicts.length > 0 && verdicts.every((verdict) => verdict.passed), none, verdicts, ignored };
}

/** `smoke failure; preflight passed only for config …`: why an environment did not pass. */
export function failingLines(verdict: EnvironmentVerdict): string {
  return verdict.verdicts
    .filter((gate) => !gate.passed)
    .map((gate) => gate.line)
    .join('; ');
}

/** `smoke and preflight`: the gates of a verdict. */
export function gateList(verdict: EnvironmentVerdict): string {
  return joinList(
    verdict.verdicts.map((gate) => gate.gate),
    'and',
  );
}
