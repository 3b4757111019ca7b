/**
 * The whole config file, `version: 1` (README.md, "A config reads like the runbook"): secrets, environments and
 * one section per gate.
 */
import { z } from 'zod';
import { CheckDocumentSchema, CheckEntrySchema } from '../../checks/registry.js';
import { checkMigrateFields, MigrateFields } from '../../migrate/schema.js';
import { EnvironmentName, GateSectionFields, VariableName, Variables } from './common.js';
import { MonitorDocumentSection, MonitorSection } from './monitor.js';
import { rollbackSection, VerifyEntrySchema } from './rollback.js';
import { urlProblem } from './url.js';

/** Gate sections a config may have, in the order gates run. */
export const GATE_NAMES = ['preflight', 'migrate', 'smoke', 'monitor', 'rollback'] as const;
export type GateName = (typeof GATE_NAMES)[number];

/** One deployment environment: its base URL, variables and the environments before it. */
export const Environment = z.strictObject({
  /** Base URL that relative check URLs are joined to. `${VAR}` allowed. */
  url: z
    .string()
    .superRefine((url, ctx) => {
      const problem = url === '' ? undefined : urlProblem(url, { absolute: true });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /**
   * PostgreSQL URL that `sql` checks query unless they name their own; `${VAR}` allowed.
   * Its password is a secret.
   */
  database: z.string().optional(),
  /** Variables for `${NAME}` in this environment; they win over the process environment. */
  vars: Variables.optional(),
  /** Environments whose gates must pass first, for the same commit (runbook 000, "Environment Order"). */
  requires: z.array(EnvironmentName).optional(),
});

function gateSection<T extends z.ZodType>(check: T) {
  return z.strictObject({ ...GateSectionFields, checks: z.array(check) });
}

/**
 * The migrate gate's section: a gate section with the tool, acknowledgements and
 * rehearsal (`migrate/schema.ts`); its `checks:` are the verify checks run after the apply.
 */
function migrateSection<T extends z.ZodType>(check: T) {
  return gateSection(check)
    .extend({ ...MigrateFields, checks: z.array(check).default([]) })
    .superRefine(checkMigrateFields);
}

function root<T extends z.ZodType, M extends z.ZodType, E extends z.ZodType>(check: T, monitor: M, verifyEntry: E) {
  const section = gateSection(check).optional();
  return z.strictObject({
    version: z.literal(1, { error: 'expected version: 1' }),
    /** Variable names whose values are secrets: redacted everywhere. */
    secrets: z.array(VariableName).optional(),
    environments: z.record(EnvironmentName, Environment).optional(),
    preflight: section,
    migrate: migrateSection(check).optional(),
    smoke: section,
    /** The window after a release: sampled checks held to thresholds (docs/monitor.md). */
    monitor: monitor.optional(),
    rollback: rollbackSection(check, verifyEntry).optional(),
  });
}

/** Validates a config; checks parse to {@link CheckEntry} values. */
export const RootSchema = root(CheckEntrySchema, MonitorSection, VerifyEntrySchema);
/** The same shape for editors: checks as a union of every kind. */
export const RootDocumentSchema = root(CheckDocumentSchema, MonitorDocumentSection, z.union([z.string().min(1), CheckDocumentSchema]));

export type RootConfig = z.output<typeof RootSchema>;
export type GateSectionConfig = NonNullable<RootConfig['smoke']>;
/** The migrate section: a gate section with the tool's settings. */
export type MigrateSectionConfig = NonNullable<RootConfig['migrate']>;
export type RollbackSectionConfig = NonNullable<RootConfig['rollback']>;
export type EnvironmentConfig = z.output<typeof Environment>;
