/**
 * The rollback gate (issue #11; PRODUCT.md, "rollback"): one button back to the last
 * revision whose gates passed, refusing what the database can no longer support. Its
 * phases run one at a time, each a row of the evidence with what it measured:
 *
 * 1. `rollback target`: what the environment runs, and the last known good (or the
 *    explicit target, still checked), with every candidate and why (`target.ts`);
 * 2. `database safety`: the migrations since the target; refused across a destructive or
 *    incompatible one unless confirmed (`database.ts`);
 * 3. `deployment started`: the GitHub deployment of the target, in progress (`record.ts`);
 * 4. `database restore`, when the config has one: only with its own confirmation naming
 *    the backup, then its verify checks (`steps.ts`);
 * 5. each step's command, then its verify checks, in order; the first that does not
 *    pass stops the rest;
 * 6. the section's `checks:` after the last step (the critical journey);
 * 7. `record`, whatever happened: the deployment's final status (the rollback pin), the
 *    incident issue and a comment on the pull request that shipped the bad revision.
 *
 * A dry run resolves the target, checks the database and shows every step; it runs and
 * writes nothing.
 */
import { githubRun } from '../../checks/github-scope.js';
import { planCommand } from '../../checks/command/invocation.js';
import type { CommandCheckConfig } from '../../checks/command/schema.js';
import { GATE_NAMES, type RollbackSectionConfig } from '../../config/schema/root.js';
import type { CheckSpec } from '../../engine/check.js';
import type { GateResult } from '../../engine/model.js';
import { UsageError } from '../../errors.js';
import type { Gate } from '../gate.js';
import { planContextFor, planEntries, type GateContext } from '../plan.js';
import { checkDatabase, type HistorySource } from './database.js';
import { DEFAULT_CHECKLIST } from './incident.js';
import { finishRecord, startRecord, type RecordOptions } from './record.js';
import type { RollbackRequest } from './request.js';
import { phase, RollbackState } from './state.js';
import { restorePhases, stepPhases, verifyPhases, type StepPlanning } from './steps.js';
import { DEFAULT_SEARCH, resolveTarget } from './target.js';

/** Budget of the phases that read or write GitHub: a search reads one commit's check runs at a time. */
const GITHUB_PHASE_MS = 5 * 60_000;
/** Default labels of the incident issue. */
export const INCIDENT_LABELS = ['incident', 'rollback'];

/** A phase that asks GitHub: not verified without a token, like the GitHub check kinds. */
function githubPhase(context: GateContext, id: string, name: string, work: Parameters<typeof githubRun>[1]): CheckSpec {
  const planContext = planContextFor(context, ['rollback']);
  const planned = githubRun({ kind: 'rollback', timeout: GITHUB_PHASE_MS, context: planContext }, work);
  return { id, name, kind: 'rollback', location: planContext.location, ...planned };
}

/**
 * The gates a commit must have passed to be the last known good, by default: every gate
 * the config has a section for, but this one ("whose gates all passed"); with no other
 * section, every gate that ran for the environment. A gate that does not run for the
 * environment is left out with `target.gates:`.
 */
function verdictGates(context: GateContext): string[] | undefined {
  const gates = GATE_NAMES.filter((gate) => gate !== 'rollback' && context.loaded.config[gate] !== undefined);
  return gates.length ? gates : undefined;
}

/** The tool's history (`database.history:`): a command run for its output, or a `sql` check read for its rows. */
function planHistory(context: GateContext, planning: StepPlanning): HistorySource | undefined {
  const entry = (context.section as RollbackSectionConfig).database?.history;
  if (!entry) return undefined;
  const path = ['rollback', 'database', 'history'];
  if (entry.kind.name === 'command') {
    return { kind: 'command', command: planCommand(entry.config as CommandCheckConfig, planContextFor(context, path)) };
  }
  return { kind: 'sql', check: planEntries(context, [{ ...entry, path }], planning.used)[0] as CheckSpec };
}

function plan(context: GateContext): CheckSpec[] {
  const request: RollbackRequest | undefined = context.rollback;
  if (!request)
    throw new UsageError('the rollback gate runs with `release-gates rollback --env <name>` or actions/rollback, not with `run`');
  const environment = context.environment;
  if (!environment) throw new UsageError('a rollback needs an environment (--env production, or the environment input)');
  const section = context.section as RollbackSectionConfig;
  const state = new RollbackState();
  const planning: StepPlanning = {
    context,
    state,
    request,
    used: new Set(['rollback-target', 'database-safety', 'deployment-started', 'record']),
  };
  const startedAt = new Date().toISOString();
  const history = planHistory(context, planning);
  const recordOptions: RecordOptions = {
    environment: environment.name,
    environmentUrl: environment.url,
    request,
    labels: section.incident?.labels ?? INCIDENT_LABELS,
    checklist: section.incident?.checklist ?? DEFAULT_CHECKLIST,
    commentOnPr: section.incident?.['comment-on-pr'] ?? true,
    repoUrl: request.repoUrl,
    startedAt,
  };
  const phases: CheckSpec[] = [
    githubPhase(context, 'rollback-target', 'rollback target', (github) =>
      resolveTarget(
        github,
        {
          environment: environment.name,
          digest: context.scope.configDigest,
          gates: section.target?.gates ?? verdictGates(context),
          search: section.target?.search ?? DEFAULT_SEARCH,
          request,
          headSha: context.scope.headSha,
        },
        state,
      ),
    ),
    githubPhase(context, 'database-safety', 'database safety', (github, { signal }) =>
      checkDatabase(github, { environment: environment.name, request, history, process: context.io.process, signal }, state),
    ),
    githubPhase(context, 'deployment-started', 'deployment started', (github) => startRecord(github, recordOptions, state)),
    ...(section.restore ? restorePhases(planning, section.restore) : []),
    ...section.steps.flatMap((step, index) => stepPhases(planning, step, index, section.steps.length)),
    ...verifyPhases(planning, section.checks, ['rollback', 'checks'], 'after the steps', () => undefined),
    {
      id: 'record',
      name: 'record',
      kind: 'rollback',
      location: context.loaded.source.locate(['rollback']),
      timeoutMs: GITHUB_PHASE_MS,
      // The record is written whatever happened before it (a dry run or a refusal says so,
      // with or without a token), and never cut short.
      run: () => finishRecord(context.scope.github, recordOptions, state),
      always: true,
      uninterruptible: true,
    },
  ];
  return phases.map((spec) => phase(state, spec));
}

/** The incident issue's markdown (with the timeline) of a finished rollback, for the job summary. */
function report(result: GateResult): string | undefined {
  const record = result.checks.find((check) => check.id === 'record');
  const incident = (record?.data as { incident?: { markdown?: string; number?: number; htmlUrl?: string } } | undefined)?.incident;
  if (!incident?.markdown) return undefined;
  const link = incident.htmlUrl ? `Incident issue: [#${String(incident.number)}](${incident.htmlUrl})\n\n` : '';
  return `${link}${incident.markdown}`;
}

export const rollbackGate: Gate = {
  name: 'rollback',
  description:
    'back to the last known good revision: target from gate evidence, database safety, ordered verified steps, a record on GitHub',
  serial: true,
  plan,
  report,
};
