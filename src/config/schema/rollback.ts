/**
 * The `rollback:` section (issue #11): ordered steps, each a command with the checks
 * that verify it, a separately confirmed database restore, how the rollback target is
 * chosen, and the follow-up incident issue. Runbook 001's playbook ("roll back backend
 * first … then frontend … verify critical journey"), 002's checklist, 003's application
 * and database rollback, 004's options, 000's "data rollback requires restoring the
 * backup".
 *
 * ```yaml
 * rollback:
 *   steps:
 *     - name: backend
 *       command: [./deploy.sh, backend, "{{target}}"]
 *       verify: [liveness, readiness]          # checks of another gate, by name
 *     - name: frontend
 *       shell: bash
 *       command: ./deploy.sh frontend "$RELEASE_GATES_TARGET_SHA"
 *       verify:
 *         - { name: UI loads, http: GET /, expect: { status: 200 } }
 *   restore:                                   # only with its own confirmation
 *     command: [./scripts/restore_pg.sh, "{{backup}}"]
 *     verify: [readiness]
 *   incident: { labels: [incident], checklist: [Notify stakeholders] }
 * ```
 */
import { z } from 'zod';
import { CommandCheck } from '../../checks/command/schema.js';
import { formatPath, type ConfigPath, type ConfigSource } from '../source.js';
import type { ConfigProblem } from '../../errors.js';
import { CheckEntrySchema, type CheckEntry } from '../../checks/registry.js';
import { Duration } from './common.js';

/** Values a step's argv may name as `{{name}}`, filled once the target is known. */
export const STEP_PLACEHOLDERS = ['target', 'from', 'environment', 'backup'] as const;

/** The same values in every step's environment: scripts read them as `"$RELEASE_GATES_TARGET_SHA"`. */
export const STEP_VARIABLES = {
  target: 'RELEASE_GATES_TARGET_SHA',
  from: 'RELEASE_GATES_FROM_SHA',
  environment: 'RELEASE_GATES_ENVIRONMENT',
  backup: 'RELEASE_GATES_BACKUP',
} as const satisfies Record<(typeof STEP_PLACEHOLDERS)[number], string>;

const GateName = z.string().regex(/^[a-z][a-z0-9_-]*$/, { error: 'expected a gate name, e.g. smoke' });

/**
 * A `verify:` entry: a reference to a check of another gate section by its name or id
 * (`readiness`), or a check of any kind, validated as a check so that
 * its problems keep their positions and hints ("did you mean http?").
 */
export const VerifyEntrySchema = z.unknown().transform((raw, ctx): string | CheckEntry => {
  if (typeof raw === 'string' && raw !== '') return raw;
  const parsed = CheckEntrySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, ...('params' in issue ? { params: issue.params } : {}) });
  }
  return z.NEVER;
});

/** The section, with checks validated by `check` and `verify:` entries by `entry` (a union for the JSON Schema). */
export function rollbackSection<T extends z.ZodType, E extends z.ZodType>(check: T, entry: E) {
  const verify = z.array(entry);
  /** A step: a `command` check (argv, or a script with `shell:`) and the checks that verify it. */
  const Step = CommandCheck.safeExtend({ verify: verify.optional() });
  return z.strictObject({
    /** Checks of `verify:` and `checks:` that set no `timeout:` (default 10s). */
    timeout: Duration.optional(),
    /** The whole rollback (default 1h). */
    deadline: Duration.default(60 * 60_000),
    /** Unused: the rollback runs one phase at a time. Accepted so the section reads like the others. */
    concurrency: z.number().int().min(1).max(256).optional(),
    /** Checks after the last step: the critical journey (runbook 001, step 5). */
    checks: z.array(check).default([]),
    /** How the last known good revision is chosen. */
    target: z
      .strictObject({
        /** Gates that must all have passed for the environment; default: every gate the config has a section for. */
        gates: z.array(GateName).min(1).optional(),
        /** Commits before the deployed one to look at (default 30). */
        search: z.number().int().min(1).max(500).optional(),
      })
      .optional(),
    database: z
      .strictObject({
        /**
         * The migration tool's history, the ids applied now: a `command` check printing
         * them (one per line, or a JSON array: `alembic current`, `dbmate status`), or a
         * `sql` check whose rows' first column holds them (`SELECT version_num FROM
         * alembic_version`; a JSON array in one row for more than 20).
         */
        history: check.optional(),
      })
      .optional(),
    /** The database restore: run only when confirmed with the backup's name. `{{backup}}` is that backup. */
    restore: Step.optional(),
    /** In order; the rollback stops at the first step or verify that does not pass. */
    steps: z.array(Step).min(1),
    incident: z
      .strictObject({
        /** Labels of the follow-up issue (default [incident, rollback]). */
        labels: z.array(z.string().min(1)).optional(),
        /** Steps a person does, as checklist items of the issue ("Notify stakeholders", "Freeze merges"). */
        checklist: z.array(z.string().min(1)).optional(),
        /** Comment on the pull request that shipped the bad revision (default true). */
        'comment-on-pr': z.boolean().optional(),
      })
      .optional(),
  });
}

interface RawStep {
  command?: unknown;
  shell?: unknown;
  verify?: unknown;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The steps of a raw `rollback:` section (and its restore), with their paths. */
export function rawSteps(raw: Readonly<Record<string, unknown>>): { path: ConfigPath; step: RawStep }[] {
  const section = asObject(raw.rollback);
  if (!section) return [];
  const steps = Array.isArray(section.steps) ? section.steps : [];
  const found = steps.flatMap((step: unknown, index) => {
    const object = asObject(step);
    return object ? [{ path: ['rollback', 'steps', index] as ConfigPath, step: object }] : [];
  });
  const restore = asObject(section.restore);
  return restore ? [...found, { path: ['rollback', 'restore'], step: restore }] : found;
}

/** Every inline check of a raw `rollback:` section (`verify:` entries that are checks), with its path. */
export function rawRollbackChecks(raw: Readonly<Record<string, unknown>>): { path: ConfigPath; check: unknown }[] {
  return rawSteps(raw).flatMap(({ path, step }) =>
    Array.isArray(step.verify)
      ? step.verify.flatMap((check: unknown, index) => (typeof check === 'string' ? [] : [{ path: [...path, 'verify', index], check }]))
      : [],
  );
}

/**
 * A `{{name}}` inside a shell script: it is never filled (a value pasted into a script
 * would become code); the script reads the variable instead.
 */
export function placeholderProblems(raw: Readonly<Record<string, unknown>>, source: ConfigSource): ConfigProblem[] {
  return rawSteps(raw).flatMap(({ path, step }) => {
    if (step.shell === undefined || typeof step.command !== 'string') return [];
    const found = [...step.command.matchAll(/\{\{\s*([a-z]+)\s*\}\}/g)].map((match) => match[1] ?? '');
    return found.map((name) => {
      const variable = (STEP_VARIABLES as Record<string, string>)[name];
      const instead = variable ? `read "$${variable}" instead` : `expected one of ${STEP_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')} in argv`;
      return source.problem(
        [...path, 'command'],
        `${formatPath([...path, 'command'])}: {{${name}}} is not filled in a shell script (a value pasted into a script would be code); ${instead}`,
      );
    });
  });
}
