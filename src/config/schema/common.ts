/**
 * Schema pieces shared by every section of the config: durations, sizes, names and the
 * fields every check has.
 */
import { z } from 'zod';
import { parseDuration, parseSize } from '../units.js';

/**
 * A string holding `${VAR}`. Typed fields (durations, numbers, statuses) accept one when
 * the file is validated; the expanded value is validated again before a run.
 */
export const Template = z.string().regex(/\$\{[^}]*\}/);

/** A number, or a string that is (or expands to) one: `300`, `"${TTL:-300}"`. */
export const Numeric = z
  .union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/), Template], { error: 'expected a number' })
  .transform((value) => (typeof value === 'number' ? value : Number(value)));

/** A duration: milliseconds, or `500ms`, `5s`, `2m`, `1h`. Parses to milliseconds. */
export const Duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h)$/), Template], {
    error: 'expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m',
  })
  .transform((value) => parseDuration(value) ?? 0);

/** A size: bytes, or `512KiB`, `1MiB`, `10MB`. Parses to bytes. */
export const Size = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB)$/), Template], {
    error: 'expected a size: a number of bytes or a string like 512KiB, 1MiB',
  })
  .transform((value) => parseSize(value) ?? 0);

/** An environment variable name, as in `secrets:` or `env:` checks. */
export const VariableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a variable name: letters, digits and _' });

/** A check id: used in annotations, evidence and `environment-passed` references. */
export const CheckId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lower-case letters, digits, ".", "_" and "-"' });

/**
 * Retrying a failed check. `attempts` caps the tries; `until` waits for the check to
 * pass within a deadline (wait-until-healthy); `every` (or `interval`) is the pause.
 */
export const Retry = z
  .strictObject({
    attempts: z.number().int().min(1).max(1000).optional(),
    until: Duration.optional(),
    every: Duration.optional(),
    interval: Duration.optional(),
  })
  .refine((retry) => retry.attempts !== undefined || retry.until !== undefined, {
    error: 'retry needs "attempts" or "until" (expected e.g. { attempts: 5, every: 2s } or { until: 2m, every: 5s })',
  });

/** Fields every check kind accepts. */
export const CheckCommon = {
  /** What the check verifies, as the runbook says it. */
  name: z.string().min(1).optional(),
  id: CheckId.optional(),
  /** Time allowed for one attempt. */
  timeout: Duration.optional(),
  retry: Retry.optional(),
};

/** The input shape of {@link Retry}. */
export type RetryConfig = z.output<typeof Retry>;
