/**
 * The `environment-passed` check kind: the previous environment's gates passed for this
 * same commit and this same config (runbook 000, "Do not progress until smoke checks
 * pass in the previous environment").
 *
 * ```yaml
 * - environment-passed: staging                              # every staging gate on the commit
 * - environment-passed: { environment: staging, gates: [smoke] }
 * ```
 *
 * It reads the commit's `release-gates / <gate> (<env>)` check runs created by the
 * token's own app (`github-actions` for `GITHUB_TOKEN`; see `github/identity.ts`): any
 * app with `checks: write` can create a run with that name (GITHUB.md, "Check runs"), so
 * a run of another app never counts, and the evidence lists it as ignored. A gate counts
 * when its newest run for this config digest (the marker in the run's summary) concluded
 * `success`, and only `success`: `neutral` and `skipped`, which required checks let pass,
 * are not a pass here. A success recorded for another config never counts, and the check
 * says so (PRODUCT.md, "Beyond the peers"). The evidence names the run (id, URL) and the
 * app that satisfied each gate. Without `gates:`, every gate with a run for the
 * environment on the commit must pass, and there must be at least one. An environment's
 * `requires:` adds this check to preflight by itself (see `implied.ts`).
 */
import { isNode } from 'yaml';
import { z } from 'zod';
import { CheckCommon, EnvironmentReference } from '../../config/schema/common.js';
import { formatPath, type ConfigPath, type ConfigSource } from '../../config/source.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { ConfigProblem } from '../../errors.js';
import type { CheckRunInfo } from '../../github/api.js';
import { TokenIdentity } from '../../github/identity.js';
import { checkRunName, digestIn, parseCheckRunName } from '../../evidence/identity.js';
import { cut, joinList } from '../../text.js';
import { ask, githubRun, noCommitOutcome, shortSha } from '../github-scope.js';
import type { CheckKind } from '../kind.js';

const GateName = z.string().regex(/^[a-z][a-z0-9_-]*$/, { error: 'expected a gate name, e.g. smoke' });

const Spec = z.strictObject({
  environment: EnvironmentReference,
  /** Gates that must have passed; default: every gate that ran for the environment. */
  gates: z.array(GateName).min(1).optional(),
});

const Schema = z.strictObject({
  ...CheckCommon,
  'environment-passed': z
    .union([EnvironmentReference, Spec], { error: 'expected an environment name (staging) or { environment: staging, gates: [smoke] }' })
    .transform((spec) => (typeof spec === 'string' ? { environment: spec } : spec)),
});

export type EnvironmentPassedConfig = z.output<typeof Schema>;

/** How one gate of the environment stands for this commit and config. */
interface Verdict {
  gate: string;
  passed: boolean;
  /** Still running: a retry may see it finish. */
  running: boolean;
  /** One line for the summary, e.g. `smoke failed (failure)`. */
  line: string;
  detail: string;
  /** The run the verdict rests on, for the evidence record. */
  run?: RunEvidence;
}

/** A check run as the evidence record names it. */
interface RunEvidence {
  id: number;
  name: string;
  url: string | undefined;
  status: string;
  conclusion: string | null;
  app: string;
}

function runEvidence(run: CheckRunInfo): RunEvidence {
  return {
    id: run.id,
    name: run.name,
    url: run.htmlUrl,
    status: run.status,
    conclusion: run.conclusion,
    app: run.app ? `${run.app.slug} (app ${run.app.id})` : 'no app',
  };
}

/** `sha256:0123456789a…`: a digest short enough for a summary. */
function shortDigest(digest: string): string {
  return cut(digest, 20);
}

/** `check run 123 https://…/runs/123 by github-actions (app 15368)`. */
function describeRun(run: CheckRunInfo): string {
  const { url, app } = runEvidence(run);
  return `check run ${run.id}${url ? ` ${url}` : ''} by ${app}`;
}

/**
 * The verdict of one gate from its runs on the commit by the token's app, newest first;
 * `others` runs of the gate by other apps were ignored.
 */
function verdictOf(gate: string, env: string, runs: readonly CheckRunInfo[], digest: string, others: number): Verdict {
  const at = (run: CheckRunInfo): string => (run.htmlUrl ? ` ${run.htmlUrl}` : '');
  const ours = runs.find((run) => digestIn(run.summary) === digest);
  if (ours) {
    const passed = ours.status === 'completed' && ours.conclusion === 'success';
    const how = ours.status === 'completed' ? (ours.conclusion ?? 'no conclusion') : ours.status;
    return {
      gate,
      passed,
      running: ours.status !== 'completed',
      line: passed ? `${gate} passed` : `${gate} ${how}`,
      detail: `${passed ? '✓' : '✗'} ${ours.name}: ${how} for this config: ${describeRun(ours)}`,
      run: runEvidence(ours),
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
    };
  }
  return {
    gate,
    passed: false,
    running: false,
    line: `${gate} has not run on this commit${others ? ` (only ${others} by another app, which never count)` : ''}`,
    detail: `✗ ${checkRunName(gate, env)}: no check run on this commit by the token's app`,
  };
}

function outcome(
  config: EnvironmentPassedConfig['environment-passed'],
  runs: readonly CheckRunInfo[],
  sha: string,
  digest: string,
  identity: TokenIdentity,
): CheckOutcome {
  const env = config.environment;
  const byGate = new Map<string, CheckRunInfo[]>();
  const ignored: CheckRunInfo[] = [];
  for (const gate of config.gates ?? []) byGate.set(gate, []);
  // Gates in the order they first ran; each gate's runs newest first.
  for (const run of [...runs].sort((a, b) => a.id - b.id)) {
    const parsed = parseCheckRunName(run.name);
    if (parsed?.environment !== env) continue;
    if (config.gates && !config.gates.includes(parsed.gate)) continue;
    if (!identity.owns(run)) ignored.push(run);
    else byGate.set(parsed.gate, [run, ...(byGate.get(parsed.gate) ?? [])]);
  }
  const named = config.gates ? config.gates.map((gate) => checkRunName(gate, env)) : undefined;
  const expected = `${named ? joinList(named, 'and') : `every ${checkRunName('<gate>', env)}`} success on ${shortSha(sha)} for config ${shortDigest(digest)}, by ${identity.app.slug}`;
  const ignoredLines = ignored.map((run) => `ignored: ${run.name}: ${describeRun(run)}, not by the token's app ${identity.describe()}`);
  const data = (verdicts: readonly Verdict[]) => ({
    app: identity.app,
    counted: verdicts.flatMap((verdict) => (verdict.run ? [{ gate: verdict.gate, passed: verdict.passed, checkRun: verdict.run }] : [])),
    ignored: ignored.map(runEvidence),
  });
  if (byGate.size === 0) {
    const others = ignored.length ? `; ${ignored.length} by another app, which never count` : '';
    return {
      status: 'failed',
      summary: `no release-gates results for ${env} on ${shortSha(sha)}${others}: run the ${env} gates on this commit first`,
      measured: `no ${checkRunName('<gate>', env)} check runs by ${identity.app.slug}${others}`,
      expected,
      details: ignoredLines,
      data: data([]),
    };
  }
  const ignoredOf = (gate: string): number => ignored.filter((run) => parseCheckRunName(run.name)?.gate === gate).length;
  const verdicts = [...byGate].map(([gate, gateRuns]) => verdictOf(gate, env, gateRuns, digest, ignoredOf(gate)));
  const details = [...verdicts.map((verdict) => verdict.detail), ...ignoredLines];
  const measured = verdicts.map((verdict) => verdict.line).join('; ');
  if (verdicts.every((verdict) => verdict.passed)) {
    const gates = verdicts.map((verdict) => verdict.gate);
    return {
      status: 'passed',
      summary: `${env} passed for ${shortSha(sha)} and this config: ${joinList(gates, 'and')} (check runs by ${identity.app.slug})`,
      measured,
      expected,
      details,
      data: data(verdicts),
    };
  }
  const failing = verdicts.filter((verdict) => !verdict.passed);
  const waiting = failing.every((verdict) => verdict.running);
  return {
    status: 'failed',
    summary: `${env} has ${waiting ? 'not finished' : 'not passed'} for ${shortSha(sha)} with this config: ${failing.map((verdict) => verdict.line).join('; ')}`,
    measured,
    expected,
    details,
    data: data(verdicts),
  };
}

/** The environment names of each config, read once however many checks ask. */
const environmentNames = new WeakMap<ConfigSource, string[]>();

/** The names under `environments:`; only that mapping is read, not the whole document. */
function environmentsOf(source: ConfigSource): string[] {
  let names = environmentNames.get(source);
  if (names === undefined) {
    const node: unknown = source.document.get('environments', true);
    const environments: unknown = isNode(node) ? node.toJS(source.document, { maxAliasCount: 100 }) : undefined;
    names = environments !== null && typeof environments === 'object' ? Object.keys(environments) : [];
    environmentNames.set(source, names);
  }
  return names;
}

/** An unknown environment name, found when the config is loaded. */
function unknownEnvironment(config: EnvironmentPassedConfig, path: ConfigPath, source: ConfigSource): ConfigProblem[] {
  const name = config['environment-passed'].environment;
  if (name.includes('${')) return [];
  const known = environmentsOf(source);
  if (known.includes(name)) return [];
  const expected = known.length ? `expected one of: ${known.join(', ')}` : 'the config has no environments: section';
  // The name's own position: the scalar, or `environment:` of the mapping form.
  const at = [...path, 'environment-passed', 'environment'];
  return [source.problem(at, `${formatPath([...path, 'environment-passed'])}: unknown environment "${name}" (${expected})`)];
}

export const environmentPassedKind: CheckKind<EnvironmentPassedConfig> = {
  name: 'environment-passed',
  key: 'environment-passed',
  schema: Schema,
  describe: (config) => {
    const { environment, gates } = config['environment-passed'];
    return `${environment}${gates ? ` ${joinList(gates, 'and')}` : ''} passed for this commit`;
  },
  problems: unknownEnvironment,
  plan(config, context) {
    return githubRun({ kind: 'environment-passed', timeout: config.timeout, context }, async (github) => {
      const sha = context.scope.headSha;
      if (!sha) return noCommitOutcome('environment-passed');
      const runs = await ask(`listing the check runs of ${shortSha(sha)}`, () => github.api.listCheckRuns(sha));
      return outcome(config['environment-passed'], runs, sha, context.scope.configDigest, github.identity ?? new TokenIdentity());
    });
  },
};
