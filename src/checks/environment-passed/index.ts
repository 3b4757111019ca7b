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
 * says so (PRODUCT.md, "Beyond the peers"); nor does a partial run (`release-gates run
 * --check`). The evidence names the run (id, URL) and the
 * app that satisfied each gate. Without `gates:`, every gate with a run for the
 * environment on the commit must pass, and there must be at least one. An environment's
 * `requires:` adds this check to preflight by itself (see `implied.ts`). In a config with a
 * `rollback:` section, while a rollback pin of that environment or of the one under test
 * stands against this commit, it fails (issue #11: the bad revision is not redeployed
 * silently).
 */
import { z } from 'zod';
import { CheckCommon, EnvironmentReference } from '../../config/schema/common.js';
import { formatPath, type ConfigPath, type ConfigSource } from '../../config/source.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { ConfigProblem } from '../../errors.js';
import type { CheckRunInfo } from '../../github/api.js';
import { checkRunName } from '../../evidence/identity.js';
import { describeRun, environmentVerdict, failingLines, gateList, runEvidence, shortDigest } from '../../evidence/verdicts.js';
import { joinList } from '../../text.js';
import { pinAgainst } from '../../evidence/pin.js';
import { pinnedOutcome } from '../rollback-pin/index.js';
import { TokenIdentity } from '../../github/identity.js';
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

function outcome(
  config: EnvironmentPassedConfig['environment-passed'],
  runs: readonly CheckRunInfo[],
  sha: string,
  digest: string,
  identity: TokenIdentity,
): CheckOutcome {
  const env = config.environment;
  const verdict = environmentVerdict(runs, env, digest, config.gates, (run) => identity.owns(run));
  const named = config.gates ? config.gates.map((gate) => checkRunName(gate, env)) : undefined;
  const expected = `${named ? joinList(named, 'and') : `every ${checkRunName('<gate>', env)}`} success on ${shortSha(sha)} for config ${shortDigest(digest)}, by ${identity.app.slug}`;
  const ignoredLines = verdict.ignored.map(
    (run) => `ignored: ${run.name}: ${describeRun(run)}, not by the token's app ${identity.describe()}`,
  );
  const data = {
    app: identity.app,
    counted: verdict.verdicts.flatMap((gate) =>
      gate.run ? [{ gate: gate.gate, passed: gate.passed, checkRun: runEvidence(gate.run) }] : [],
    ),
    ignored: verdict.ignored.map(runEvidence),
  };
  if (verdict.verdicts.length === 0) {
    const others = verdict.ignored.length ? `; ${verdict.ignored.length} by another app, which never count` : '';
    return {
      status: 'failed',
      summary: `no release-gates results for ${env} on ${shortSha(sha)}${others}: run the ${env} gates on this commit first`,
      measured: `no ${checkRunName('<gate>', env)} check runs by ${identity.app.slug}${others}`,
      expected,
      details: ignoredLines,
      data,
    };
  }
  const details = [...verdict.verdicts.map((gate) => gate.detail), ...ignoredLines];
  const measured = verdict.verdicts.map((gate) => gate.line).join('; ');
  if (verdict.passed) {
    return {
      status: 'passed',
      summary: `${env} passed for ${shortSha(sha)} and this config: ${gateList(verdict)} (check runs by ${identity.app.slug})`,
      measured,
      expected,
      details,
      data,
    };
  }
  const waiting = verdict.verdicts.filter((gate) => !gate.passed).every((gate) => gate.running);
  return {
    status: 'failed',
    summary: `${env} has ${waiting ? 'not finished' : 'not passed'} for ${shortSha(sha)} with this config: ${failingLines(verdict)}`,
    measured,
    expected,
    details,
    data,
  };
}

/** The environment names of each config, read once however many checks ask. */
const environmentNames = new WeakMap<ConfigSource, string[]>();

/** The names under `environments:`. */
function environmentsOf(source: ConfigSource): string[] {
  let names = environmentNames.get(source);
  if (names === undefined) {
    const root = source.toJS();
    const environments: unknown = root !== null && typeof root === 'object' ? (root as { environments?: unknown }).environments : undefined;
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
      const result = outcome(config['environment-passed'], runs, sha, context.scope.configDigest, github.identity ?? new TokenIdentity());
      // Only a config that can roll back has pins to read (only the rollback gate makes them).
      if (result.status !== 'passed' || context.source.document.get('rollback') === undefined) return result;
      // A pass does not count for a revision an environment was rolled back from (issue #11).
      const environments = [config['environment-passed'].environment, ...(context.environment ? [context.environment.name] : [])];
      const pin = await ask('reading the rollback pins', () => pinAgainst(github.api, environments, sha));
      return pin ? { ...pinnedOutcome(pin, sha), measured: `${result.measured ?? ''}; but pinned out` } : result;
    });
  },
};
