/**
 * The whole config file, `version: 1` (PRODUCT.md, "Config"): secrets, environments and
 * one section per gate.
 */
import { z } from 'zod';
import { CheckDocumentSchema, CheckEntrySchema } from '../../checks/registry.js';
import { Duration, EnvironmentName, VariableName, Variables } from './common.js';
import { rollbackSection, VerifyEntrySchema } from './rollback.js';

/** Gate sections a config may have, in the order gates run. */
export const GATE_NAMES = ['preflight', 'smoke', 'rollback'] as const;
export type GateName = (typeof GATE_NAMES)[number];

/** One deployment environment: its base URL, variables and the environments before it. */
export const Environment = z.strictObject({
  /** Base URL that relative check URLs are joined to. `${VAR}` allowed. */
  url: z.string().optional(),
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
  return z.strictObject({
    /** Checks run at once (default 8). */
    concurrency: z.number().int().min(1).max(256).optional(),
    /** Per-attempt timeout of a check that sets none (default 10s). */
    timeout: Duration.optional(),
    /** Whole-gate deadline (default 15m). */
    deadline: Duration.optional(),
    checks: z.array(check),
  });
}

function root<T extends z.ZodType, E extends z.ZodType>(check: T, verifyEntry: E) {
  const section = gateSection(check).optional();
  return z.strictObject({
    version: z.literal(1, { error: 'expected version: 1' }),
    /** Variable names whose values are secrets: redacted everywhere. */
    secrets: z.array(VariableName).optional(),
    environments: z.record(EnvironmentName, Environment).optional(),
    preflight: section,
    smoke: section,
    rollback: rollbackSection(check, verifyEntry).optional(),
  });
}

/** Validates a config; checks parse to {@link CheckEntry} values. */
export const RootSchema = root(CheckEntrySchema, VerifyEntrySchema);
/** The same shape for editors: checks as a union of every kind. */
export const RootDocumentSchema = root(CheckDocumentSchema, z.union([z.string().min(1), CheckDocumentSchema]));

export type RootConfig = z.output<typeof RootSchema>;
export type GateSectionConfig = NonNullable<RootConfig['smoke']>;
export type RollbackSectionConfig = NonNullable<RootConfig['rollback']>;
export type EnvironmentConfig = z.output<typeof Environment>;
