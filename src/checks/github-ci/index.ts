/**
 * The `github-ci` check kind: CI is green on a branch or commit (runbook 002, "Main branch
 * green in CI", "Confirm CI passed on merge commit").
 *
 * ```yaml
 * - github-ci: { branch: main }          # the branch's current commit
 * - github-ci: { commit: head }          # the commit under test (the merge commit on push)
 * - github-ci: {}                        # the default branch
 * - github-ci: { branch: main, exclude: [codecov/patch, "preview-*"] }
 *   retry: { until: 10m, every: 30s }    # wait for CI still running
 * ```
 *
 * Green means the combined commit status is success (a commit with no statuses at all is
 * fine) and the newest check run of every name completed as success, neutral or skipped.
 * release-gates' own runs (`release-gates / …` created by the token's own app; a run of
 * another app with that name is CI like any other, see `github/identity.ts`) and this
 * workflow run's own jobs are never waited for. Anything still running fails the
 * attempt, so `retry: { until }` waits it out.
 */
import { z } from 'zod';
import { CheckCommon, Template } from '../../config/schema/common.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { CheckRunInfo, CommitStatus } from '../../github/api.js';
import { TokenIdentity } from '../../github/identity.js';
import { parseCheckRunName } from '../../evidence/identity.js';
import { ask, githubRun, noCommitOutcome, plural, shortSha } from '../github-scope.js';
import { joinList } from '../../text.js';
import type { CheckKind, GitHubScope } from '../kind.js';

const Commit = z.union([z.literal('head'), z.string().regex(/^[0-9a-f]{7,40}$/i), Template], {
  error: 'expected "head" (the commit under test) or a commit SHA',
});

const Target = z
  .strictObject({
    /** A branch: its current commit is checked. */
    branch: z.string().min(1).optional(),
    /** `head` (the commit under test) or a SHA. */
    commit: Commit.optional(),
    /** Check-run names and status contexts not to wait for; `*` matches any text. */
    exclude: z.array(z.string().min(1)).optional(),
  })
  .refine((target) => target.branch === undefined || target.commit === undefined, {
    error: 'give "branch" or "commit", not both (expected e.g. { branch: main } or { commit: head })',
  });

const Schema = z.strictObject({
  ...CheckCommon,
  'github-ci': z
    .union([z.null(), Target], { error: 'expected { branch: main }, { commit: head } or {} (the default branch)' })
    .transform((target) => target ?? {}),
});

export type GithubCiConfig = z.output<typeof Schema>;

/** Statuses the combined-status call lists (its first page). */
const STATUS_PAGE = 100;

/** Conclusions that count as passing, as for required checks
 * (https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks). */
const PASSING = new Set(['success', 'neutral', 'skipped']);

function describeTarget(target: GithubCiConfig['github-ci']): string {
  if (target.branch !== undefined) return target.branch;
  if (target.commit === 'head') return 'the commit under test';
  if (target.commit !== undefined) return target.commit.slice(0, 12);
  return 'the default branch';
}

/** `codecov/*` → a case-insensitive matcher. */
function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map(
    (pattern) =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        'i',
      ),
  );
  return (name) => regexes.some((regex) => regex.test(name));
}

/** The newest run of each name (names are not unique; re-runs add runs). */
function newestPerName(runs: readonly CheckRunInfo[]): CheckRunInfo[] {
  const newest = new Map<string, CheckRunInfo>();
  for (const run of runs) {
    const seen = newest.get(run.name);
    if (!seen || run.id > seen.id) newest.set(run.name, run);
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name));
}

interface Resolved {
  sha: string;
  /** `main (abc123456789)`. */
  label: string;
}

async function resolveTarget(
  github: GitHubScope,
  target: GithubCiConfig['github-ci'],
  headSha: string | undefined,
): Promise<Resolved | undefined> {
  if (target.commit === 'head') return headSha ? { sha: headSha, label: `the commit under test (${shortSha(headSha)})` } : undefined;
  if (target.commit !== undefined) return { sha: target.commit, label: `commit ${shortSha(target.commit)}` };
  const branch = target.branch ?? (await ask('reading the default branch', () => github.api.getDefaultBranch()));
  const sha = await ask(`reading branch ${branch}`, () => github.api.getBranchSha(branch));
  return { sha, label: `${branch} (${shortSha(sha)})` };
}

interface Sorted {
  red: string[];
  pending: string[];
  green: string[];
  excluded: string[];
  details: string[];
  /** Check runs and statuses from CI (not release-gates' own), before exclusions. */
  reported: number;
}

function sortResults(
  runs: readonly CheckRunInfo[],
  statuses: readonly CommitStatus[],
  combinedState: string,
  github: GitHubScope,
  exclude: readonly string[],
): Sorted {
  const excludedByConfig = globMatcher(exclude);
  const ownRun = github.runId ? `/actions/runs/${github.runId}/` : undefined;
  const sorted: Sorted = { red: [], pending: [], green: [], excluded: [], details: [], reported: 0 };
  const considered: CheckRunInfo[] = [];
  const identity = github.identity ?? new TokenIdentity();
  for (const run of runs) {
    if (parseCheckRunName(run.name) && identity.owns(run)) continue;
    sorted.reported++;
    if (ownRun && run.detailsUrl?.includes(ownRun)) sorted.excluded.push(`${run.name} (this workflow run's own job)`);
    else if (excludedByConfig(run.name)) sorted.excluded.push(`${run.name} (exclude:)`);
    else considered.push(run);
  }
  for (const run of newestPerName(considered)) {
    const where = run.htmlUrl ?? run.detailsUrl;
    const suffix = where ? ` ${where}` : '';
    if (run.status !== 'completed') {
      sorted.pending.push(`${run.name}: ${run.status}`);
      sorted.details.push(`… check run ${run.name}: ${run.status}${suffix}`);
    } else if (run.conclusion !== null && PASSING.has(run.conclusion)) {
      sorted.green.push(run.name);
      sorted.details.push(`✓ check run ${run.name}: ${run.conclusion}`);
    } else {
      sorted.red.push(`${run.name}: ${run.conclusion ?? 'no conclusion'}`);
      sorted.details.push(`✗ check run ${run.name}: ${run.conclusion ?? 'no conclusion'}${suffix}`);
    }
  }
  let excludedStatus = false;
  const before = sorted.red.length + sorted.pending.length;
  for (const status of statuses) {
    if (parseCheckRunName(status.context)) continue;
    sorted.reported++;
    if (excludedByConfig(status.context) || (ownRun && status.targetUrl?.includes(ownRun))) {
      excludedStatus = true;
      sorted.excluded.push(`${status.context} (${excludedByConfig(status.context) ? 'exclude:' : "this workflow run's own status"})`);
      continue;
    }
    const about = `${status.description ? ` (${status.description})` : ''}${status.targetUrl ? ` ${status.targetUrl}` : ''}`;
    if (status.state === 'success') {
      sorted.green.push(status.context);
      sorted.details.push(`✓ status ${status.context}: success`);
    } else if (status.state === 'pending') {
      sorted.pending.push(`${status.context}: pending`);
      sorted.details.push(`… status ${status.context}: pending${about}`);
    } else {
      sorted.red.push(`${status.context}: ${status.state}`);
      sorted.details.push(`✗ status ${status.context}: ${status.state}${about}`);
    }
  }
  // The listed statuses are the first 100; beyond that, the combined state covers them all.
  const statusProblems = sorted.red.length + sorted.pending.length - before;
  if (!excludedStatus && statuses.length >= STATUS_PAGE && combinedState !== 'success' && statusProblems === 0) {
    (combinedState === 'pending' ? sorted.pending : sorted.red).push(`combined status: ${combinedState}`);
    sorted.details.push(`✗ combined status: ${combinedState}`);
  }
  sorted.excluded = [...new Set(sorted.excluded)];
  if (sorted.excluded.length) sorted.details.push(`not waited for: ${sorted.excluded.join(', ')}`);
  return sorted;
}

function outcomeOf(target: Resolved, sorted: Sorted): CheckOutcome {
  const expected = 'combined status success; newest check run of each name success, neutral or skipped';
  const { red, pending, green, details } = sorted;
  if (sorted.reported === 0) {
    return {
      status: 'failed',
      summary: `no CI has reported on ${target.label}: no commit statuses and no check runs besides release-gates' own`,
      measured: 'no CI results',
      expected,
      details,
    };
  }
  if (red.length === 0 && pending.length === 0) {
    const only = green.length === 0 ? `; nothing left to wait for after exclusions (${sorted.excluded.length} excluded)` : '';
    return {
      status: 'passed',
      summary: `CI green on ${target.label}: ${plural(green.length, 'check')} passed${only}`,
      measured: `${green.length}/${green.length} passed`,
      expected,
      details,
    };
  }
  const total = red.length + pending.length + green.length;
  const parts = [
    ...(red.length ? [`${red.length} red (${joinList(red, 'and')})`] : []),
    ...(pending.length ? [`${pending.length} pending (${joinList(pending, 'and')})`] : []),
  ];
  return {
    status: 'failed',
    summary: `${red.length ? 'CI not green' : 'CI still running'} on ${target.label}: ${parts.join(', ')}`,
    measured: `${red.length} red, ${pending.length} pending, ${green.length} passed of ${total}`,
    expected,
    details,
  };
}

export const githubCiKind: CheckKind<GithubCiConfig> = {
  name: 'github-ci',
  key: 'github-ci',
  schema: Schema,
  describe: (config) => `CI green on ${describeTarget(config['github-ci'])}`,
  plan(config, context) {
    const target = config['github-ci'];
    return githubRun({ kind: 'github-ci', timeout: config.timeout, context }, async (github) => {
      const resolved = await resolveTarget(github, target, context.scope.headSha);
      if (!resolved) return noCommitOutcome('github-ci');
      const [combined, runs] = await Promise.all([
        ask(`reading the combined status of ${resolved.label}`, () => github.api.getCombinedStatus(resolved.sha)),
        ask(`listing the check runs of ${resolved.label}`, () => github.api.listCheckRuns(resolved.sha)),
      ]);
      return outcomeOf(resolved, sortResults(runs, combined.statuses, combined.state, github, target.exclude ?? []));
    });
  },
};
