/**
 * The migrate gate (PRODUCT.md, "migrate"; issue #9): the team's migration tool, run
 * serially in phases, one check each so that each is a row with what was measured:
 * plan (pending migrations, one head), analyse (destructive changes, rows at stake),
 * acknowledge (bound to id, content hash and environment), apply (one migration at a
 * time, never retried, never killed) or, in a rehearsal, the same on a scratch
 * database, then the section's `checks:` as verify checks. A phase that does not pass
 * stops the rest: without an acknowledgement nothing is applied.
 */
import type { MigrateSectionConfig } from '../../config/schema/root.js';
import type { CheckContext, CheckSpec } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import { ConfigurationError, UsageError } from '../../errors.js';
import { acknowledgePhase } from '../../migrate/phases/acknowledge.js';
import { analysePhase } from '../../migrate/phases/analyse.js';
import { applyPhase } from '../../migrate/phases/apply.js';
import { planPhase } from '../../migrate/phases/plan.js';
import { rehearsePhase } from '../../migrate/phases/rehearse.js';
import { MigrateRun, modeFor } from '../../migrate/run.js';
import type { Gate } from '../gate.js';
import { planChecks, type GateContext } from '../plan.js';

/** Budget of a phase that reads (plan, analyse, acknowledge): 15 minutes; the gate deadline bounds it too. */
const PHASE_TIMEOUT_MS = 15 * 60_000;

type Phase = (run: MigrateRun, context: CheckContext) => Promise<CheckOutcome>;

function phaseSpec(
  context: GateContext,
  run: MigrateRun,
  id: string,
  name: string,
  phase: Phase,
  key: string,
  uninterruptible = false,
): CheckSpec {
  const path = key in context.section ? ['migrate', key] : ['migrate', 'tool'];
  return {
    id,
    name,
    kind: 'migrate',
    location: context.loaded.source.locate(path),
    timeoutMs: PHASE_TIMEOUT_MS,
    ...(uninterruptible ? { uninterruptible: true } : {}),
    run: (checkContext) => phase(run, checkContext),
  };
}

const NOT_IN_REHEARSAL: CheckOutcome = {
  status: 'skipped',
  summary: 'not run in a rehearsal: verify checks run against the database after the real apply',
};

/**
 * The verify checks of a rehearsal, not run: they check the real database after a real
 * apply, and a pull request may have no database to name (then they cannot even be
 * planned, and are listed by name).
 */
function verifyInRehearsal(context: GateContext): CheckSpec[] {
  let specs: CheckSpec[];
  try {
    specs = planChecks(context);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    specs = context.section.checks.map((entry, index) => ({
      id: `verify-${index + 1}`,
      name: (entry.config as { name?: string }).name ?? entry.kind.describe(entry.config),
      kind: entry.kind.name,
      location: context.loaded.source.locate(['migrate', 'checks', index]),
      timeoutMs: 1000,
      run: () => Promise.resolve(NOT_IN_REHEARSAL),
    }));
  }
  return specs.map(({ retry: _retry, ...spec }) => ({ ...spec, run: () => Promise.resolve(NOT_IN_REHEARSAL) }));
}

export const migrateGate: Gate = {
  name: 'migrate',
  description:
    "migrations with the team's tool: one head, destructive changes found and acknowledged, applied one at a time, then verified",
  serial: true,
  plan(context) {
    const section = context.section as MigrateSectionConfig;
    const mode = modeFor(context.scope);
    if (typeof mode !== 'string') throw new UsageError(`input "mode" is "${mode.invalid}" (expected apply, rehearse or auto)`);
    const run = new MigrateRun({ ...context, section, mode });
    const plan = phaseSpec(context, run, 'plan', 'plan: pending migrations and heads', planPhase, 'tool');
    const analyse = phaseSpec(context, run, 'analyse', 'analyse: destructive changes and rows at stake', analysePhase, 'tool');
    const acknowledge = phaseSpec(
      context,
      run,
      'acknowledge',
      'acknowledge: bound to content and environment',
      acknowledgePhase,
      section['acknowledgements-file'] ? 'acknowledgements-file' : 'acknowledgements',
    );
    if (mode === 'rehearse') {
      const rehearse = phaseSpec(context, run, 'rehearse', 'rehearse: apply on a scratch database', rehearsePhase, 'rehearsal');
      return [plan, analyse, rehearse, acknowledge, ...verifyInRehearsal(context)];
    }
    const apply = phaseSpec(context, run, 'apply', 'apply: one migration at a time', applyPhase, 'tool', true);
    return [plan, analyse, acknowledge, apply, ...planChecks(context)];
  },
};
