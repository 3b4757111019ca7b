/**
 * The first phase: what the environment runs now, and the rollback target (issue #11,
 * "Last known good, from evidence").
 *
 * - Deployed: the environment's current GitHub deployment; without one, `--from`, else
 *   the workflow's own commit (said so in the evidence).
 * - Last known good: the newest commit before the deployed one whose gates all passed
 *   for the environment under this config digest, read from each commit's
 *   `release-gates / <gate> (<env>)` check runs (`evidence/verdicts.ts`). Every
 *   candidate is listed with why it was or was not chosen.
 * - An explicit target skips the search and is still checked: its gates are shown, and
 *   a target whose gates failed is refused.
 */
import type { GitHubScope } from '../../checks/kind.js';
import { ask, plural, shortSha } from '../../checks/github-scope.js';
import type { CheckOutcome } from '../../engine/model.js';
import { joinList } from '../../text.js';
import { digestIn } from '../../evidence/identity.js';
import { currentDeployment, pinOf } from '../../evidence/pin.js';
import {
  environmentVerdict,
  failingLines,
  gateList,
  shortDigest,
  type EnvironmentVerdict,
  type GateVerdict,
} from '../../evidence/verdicts.js';
import { LAST_KNOWN_GOOD, type RollbackRequest } from './request.js';
import type { Candidate, Deployed, RollbackState } from './state.js';

/** Commits before the deployed one looked at when the config sets no `target.search`. */
export const DEFAULT_SEARCH = 30;

export interface TargetOptions {
  environment: string;
  digest: string;
  /** Gates that must have passed; undefined: every gate that ran for the environment. */
  gates: readonly string[] | undefined;
  search: number;
  request: RollbackRequest;
  /** The workflow's commit, the deployed one when the environment has no deployment. */
  headSha: string | undefined;
}

/** Why one gate did not count, in the words of the issue: `smoke failed`, `passed under config …, not the current one`. */
function gateReason(verdict: GateVerdict, digest: string): string {
  if (verdict.running) return `${verdict.gate} still running`;
  if (!verdict.run) return `${verdict.gate} has not run`;
  const conclusion = verdict.run.conclusion ?? verdict.run.status;
  const failed = conclusion === 'failure' ? 'failed' : conclusion;
  if (digestIn(verdict.run.summary) !== digest) {
    const config = verdict.otherDigest ? `config ${shortDigest(verdict.otherDigest)}` : 'no recorded config';
    return conclusion === 'success'
      ? `${verdict.gate} passed under ${config}, not the current one`
      : `${verdict.gate} ${failed} under ${config}`;
  }
  return `${verdict.gate} ${failed}`;
}

/** Why a commit is not the last known good. */
function rejection(verdict: EnvironmentVerdict, environment: string, digest: string): string {
  if (verdict.none) return `no gate evidence for ${environment}`;
  const failing = verdict.verdicts.filter((gate) => !gate.passed);
  // Every gate passed, under one other config: say it once.
  const others = new Set(failing.map((gate) => (gate.run?.conclusion === 'success' ? digestIn(gate.run.summary) : digest)));
  const [other] = others;
  if (others.size === 1 && other !== digest) {
    return `passed under ${other ? `config ${shortDigest(other)}` : 'no recorded config'}, not the current one`;
  }
  return [...new Set(failing.map((gate) => gateReason(gate, digest)))].join('; ');
}

/** The deployed revision, and when each commit was deployed to the environment (oldest deployment kept). */
async function deployedRevision(
  github: GitHubScope,
  options: TargetOptions,
  state: RollbackState,
): Promise<{ deployed: Deployed | undefined; deployedAt: Map<string, string> }> {
  const { current, deployments } = await ask(`listing the deployments of ${options.environment}`, () =>
    currentDeployment(github.api, options.environment),
  );
  state.pinBefore = pinOf(current);
  const deployedAt = new Map(deployments.toReversed().map((deployment) => [deployment.sha, deployment.createdAt] as const));
  if (current) {
    return {
      deployed: { sha: current.deployment.sha, title: undefined, source: 'deployment', deploymentId: current.deployment.id },
      deployedAt,
    };
  }
  const from = options.request.from;
  if (from) {
    const commit = await ask(`resolving --from ${from}`, () => github.api.getCommit(from));
    return { deployed: { sha: commit.sha, title: commit.title, source: 'from' }, deployedAt };
  }
  return { deployed: options.headSha ? { sha: options.headSha, title: undefined, source: 'dispatch' } : undefined, deployedAt };
}

function deployedLine(deployed: Deployed, environment: string): string {
  const how =
    deployed.source === 'deployment'
      ? `GitHub deployment ${String(deployed.deploymentId)}`
      : deployed.source === 'from'
        ? 'given with --from'
        : `no GitHub deployment of ${environment} found: assuming the workflow's commit is deployed`;
  return `deployed: ${shortSha(deployed.sha)} (${how})`;
}

/**
 * Runs the phase. Reads: the environment's deployments and their statuses, the history
 * before the deployed commit, and each candidate's check runs until one passed.
 */
export async function resolveTarget(github: GitHubScope, options: TargetOptions, state: RollbackState): Promise<CheckOutcome> {
  const { environment, digest } = options;
  const { deployed, deployedAt } = await deployedRevision(github, options, state);
  if (!deployed) {
    return {
      status: 'failed',
      summary: `cannot tell what ${environment} runs: it has no GitHub deployment and the workflow's commit is not known (pass --from SHA)`,
      measured: 'no deployed revision',
      expected: `a deployment of ${environment}, or --from`,
    };
  }
  state.deployed = deployed;
  const gates = options.gates ? gateListOf(options.gates) : 'gates';
  const expected = `the newest commit before ${shortSha(deployed.sha)} whose ${environment} ${gates} all passed under config ${shortDigest(digest)}`;
  const head = [
    deployedLine(deployed, environment),
    ...(state.pinBefore
      ? [`an earlier rollback pin stands: from ${shortSha(state.pinBefore.from)} to ${shortSha(state.pinBefore.to)}`]
      : []),
  ];
  if (options.request.target !== LAST_KNOWN_GOOD) return explicitTarget(github, options, state, head);

  const history = await ask(`listing the commits before ${shortSha(deployed.sha)}`, () =>
    github.api.listCommits(deployed.sha, options.search + 1),
  );
  const [first, ...before] = history;
  if (first) deployed.title = first.title;
  state.between = first ? [first] : [];
  for (const commit of before) {
    const runs = await ask(`listing the check runs of ${shortSha(commit.sha)}`, () => state.checkRuns(github.api, commit.sha));
    const verdict = environmentVerdict(runs, environment, digest, options.gates);
    const candidate: Candidate = {
      sha: commit.sha,
      title: commit.title,
      chosen: verdict.passed,
      reason: verdict.passed ? `${gateList(verdict)} passed under this config` : rejection(verdict, environment, digest),
      ...(deployedAt.has(commit.sha) ? { deployedAt: deployedAt.get(commit.sha) } : {}),
    };
    state.candidates.push(candidate);
    if (verdict.passed) {
      state.target = { sha: commit.sha, title: commit.title, asked: LAST_KNOWN_GOOD, explicit: false, gates: candidate.reason };
      break;
    }
    state.between.push(commit);
  }
  const details = [...head, ...state.candidates.map(candidateLine)];
  const data = { deployed, candidates: state.candidates, target: state.target };
  const target = state.target;
  if (!target) {
    return {
      status: 'failed',
      summary: `no last known good: none of the ${plural(before.length, 'commit')} before ${shortSha(deployed.sha)} passed the ${environment} gates under config ${shortDigest(digest)}; pass an explicit target`,
      measured: state.candidates.map((c) => `${shortSha(c.sha)}: ${c.reason}`).join('; ') || 'no earlier commit',
      expected,
      details,
      data,
    };
  }
  return {
    status: 'passed',
    summary: `last known good: ${shortSha(target.sha)} "${target.title}" (${target.gates})${rejectedList(state.candidates.filter((c) => !c.chosen))}`,
    measured: `${shortSha(target.sha)}: ${target.gates}`,
    expected,
    details,
    data,
  };
}

function gateListOf(gates: readonly string[]): string {
  return `${joinList([...gates], 'and')} ${gates.length === 1 ? 'gate' : 'gates'}`;
}

/** Candidates named in a summary before `and N more`. */
const SUMMARY_CANDIDATES = 3;

/** `; rejected a1b2c3d4e5f6 (smoke failed), …`: the newer commits passed over, for the one-line summary. */
function rejectedList(rejected: readonly Candidate[]): string {
  if (rejected.length === 0) return '';
  const shown = rejected.slice(0, SUMMARY_CANDIDATES).map((c) => `${shortSha(c.sha)} (${c.reason})`);
  const more = rejected.length > SUMMARY_CANDIDATES ? ` and ${rejected.length - SUMMARY_CANDIDATES} more` : '';
  return `; rejected ${shown.join(', ')}${more}`;
}

/** `✗ a1b2c3d4e5f6 "fix typo": smoke failed`. */
function candidateLine(candidate: Candidate): string {
  const deployed = candidate.deployedAt ? ` (deployed ${candidate.deployedAt})` : '';
  return `${candidate.chosen ? '✓' : '✗'} ${shortSha(candidate.sha)} "${candidate.title}"${deployed}: ${candidate.chosen ? 'chosen, ' : ''}${candidate.reason}`;
}

/** A gate that ended in failure: an explicit target with one is refused. */
function failedGate(verdict: EnvironmentVerdict): GateVerdict | undefined {
  return verdict.verdicts.find((gate) => !gate.running && gate.run && gate.run.conclusion !== 'success');
}

async function explicitTarget(github: GitHubScope, options: TargetOptions, state: RollbackState, head: string[]): Promise<CheckOutcome> {
  const { environment, digest, request } = options;
  const deployed = state.deployed as Deployed;
  const commit = await ask(`resolving the target ${request.target}`, () => github.api.getCommit(request.target));
  const expected = `${request.target}: not the deployed revision, and no ${environment} gate failed on it`;
  if (commit.sha === deployed.sha) {
    return {
      status: 'failed',
      summary: `${request.target} is ${shortSha(commit.sha)}, which ${environment} already runs: nothing to roll back to`,
      measured: `${shortSha(commit.sha)} is deployed`,
      expected,
      details: head,
    };
  }
  const runs = await ask(`listing the check runs of ${shortSha(commit.sha)}`, () => state.checkRuns(github.api, commit.sha));
  const verdict = environmentVerdict(runs, environment, digest, options.gates);
  const said = verdict.passed ? `${gateList(verdict)} passed under this config` : rejection(verdict, environment, digest);
  state.candidates.push({ sha: commit.sha, title: commit.title, chosen: true, reason: `asked for as ${request.target}: ${said}` });
  const compared = await ask(`comparing ${shortSha(commit.sha)} with ${shortSha(deployed.sha)}`, () =>
    github.api.compareCommits(commit.sha, deployed.sha),
  );
  state.between = compared.commits.toReversed();
  const sideways =
    compared.status === 'ahead'
      ? []
      : [`⚠ ${shortSha(commit.sha)} is not an ancestor of ${shortSha(deployed.sha)} (${compared.status}): this "rollback" goes sideways`];
  const details = [
    ...head,
    `target ${request.target} = ${shortSha(commit.sha)} "${commit.title}"`,
    ...verdict.verdicts.map((gate) => gate.detail),
    ...sideways,
  ];
  const failing = failedGate(verdict);
  const data = {
    deployed,
    explicit: request.target,
    target: { sha: commit.sha, title: commit.title },
    gates: verdict.verdicts.map((gate) => gate.line),
  };
  if (failing) {
    return {
      status: 'failed',
      summary: `refused: the target ${request.target} (${shortSha(commit.sha)}) failed the ${environment} gates: ${failingLines(verdict)}; choose another target`,
      measured: said,
      expected,
      details,
      data,
    };
  }
  state.target = { sha: commit.sha, title: commit.title, asked: request.target, explicit: true, gates: said };
  const unverified = verdict.passed ? '' : ' (not verified under this config: chosen by hand)';
  return {
    status: 'passed',
    summary: `explicit target ${request.target}: ${shortSha(commit.sha)} "${commit.title}"; its ${environment} gates: ${said}${unverified}`,
    measured: said,
    expected,
    details,
    data,
  };
}
