/**
 * Schema pieces shared by every section of the config: durations, sizes, names, regular
 * expressions, numeric bounds, variables and the fields every check has.
 */
import { z } from 'zod';
import { DURATION_PATTERN, formatDuration, parseDuration, parseSize, SIZE_PATTERN } from '../units.js';

/** Pause between attempts when `retry:` names none: 2 seconds. */
export const DEFAULT_RETRY_PAUSE_MS = 2000;

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
  .union([z.number().nonnegative(), z.string().regex(DURATION_PATTERN), Template], {
    error: 'expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m',
  })
  .transform((value) => parseDuration(value) ?? 0);

/** A size: bytes, or `512KiB`, `1MiB`, `10MB`. Parses to bytes. */
export const Size = z
  .union([z.number().int().nonnegative(), z.string().regex(SIZE_PATTERN), Template], {
    error: 'expected a size: a number of bytes or a string like 512KiB, 1MiB',
  })
  .transform((value) => parseSize(value) ?? 0);

/** An environment variable name, as in `secrets:` or `env:` checks. */
export const VariableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a variable name: letters, digits and _' });

/** Variables given to a process or an environment: YAML scalars, as the text they are in the environment. */
export const Variables = z.record(VariableName, z.union([z.string(), z.number(), z.boolean()]).transform(String));

const ENVIRONMENT_NAME_ERROR = 'expected an environment name of letters, digits, ".", "_" and "-"';

/** An environment's name, as `environments:` keys it and `requires:` names it. */
export const EnvironmentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: ENVIRONMENT_NAME_ERROR });

/** An environment's name where a check names one: `${VAR}` allowed, validated after expansion. */
export const EnvironmentReference = z.union([EnvironmentName, Template], { error: ENVIRONMENT_NAME_ERROR });

/**
 * A regular expression source (`matches:` of every kind), checked when the config is
 * loaded: a bad one is a config problem at its line, not an error at run time.
 */
export const RegexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a valid regular expression, e.g. "^head"' },
);

/** Expectations on a text (a stream, a response body): a bare string means `contains`. */
export const TextExpectation = z.union([
  z.string(),
  z.strictObject({ contains: z.string().optional(), 'not-contains': z.string().optional(), matches: RegexSource.optional() }),
]);

/** `gt`, `gte`, `lt`, `lte`: the bounds a number matcher takes. */
export const NumericBoundFields = {
  gt: Numeric.optional(),
  gte: Numeric.optional(),
  lt: Numeric.optional(),
  lte: Numeric.optional(),
};

/** Bounds on a number: a count, a row count. */
export const NumericBounds = z.strictObject({ equals: Numeric.optional(), ...NumericBoundFields });

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
  })
  .superRefine((retry, ctx) => {
    // A `${VAR}` reads as 0 until it is expanded; the expanded value is checked again.
    const every = retry.every ?? retry.interval;
    if (retry.until === undefined || retry.until === 0 || every === 0) return;
    const pause = every ?? DEFAULT_RETRY_PAUSE_MS;
    if (pause < retry.until) return;
    ctx.addIssue({
      code: 'custom',
      path: ['until'],
      message: `a window of ${formatDuration(retry.until)} holds no second attempt after a pause of ${formatDuration(pause)}${every === undefined ? ' (the default every:)' : ''} (expected until: longer than every:, e.g. { until: 2m, every: 5s })`,
    });
  });

/** Fields every check kind accepts. */
export const CheckCommon = {
  /** What the check verifies, as the runbook says it. */
  name: z.string().min(1).optional(),
  id: CheckId.optional(),
  /** Time allowed for one attempt. */
  timeout: Duration.optional(),
  retry: Retry.optional(),
  /**
   * When the check cannot be verified here (no GitHub token, the API unreachable), the
   * gate does not block on it; it is shown as "not verified (optional)". A check that
   * runs and fails still fails the gate.
   */
  optional: z.boolean().optional(),
};

/** Per-attempt timeout of a check when neither it nor its gate sets one: 10 seconds. */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/** Fields every gate section has, besides its `checks:`. */
export const GateSectionFields = {
  /** Checks run at once (default 8). */
  concurrency: z.number().int().min(1).max(256).optional(),
  /** Per-attempt timeout of a check that sets none (default 10s). */
  timeout: Duration.optional(),
  /** Whole-gate deadline (default 15m). */
  deadline: Duration.optional(),
};

/** The output shape of {@link TextExpectation}. */
export type TextExpectationConfig = z.output<typeof TextExpectation>;

/** The input shape of {@link Retry}. */
export type RetryConfig = z.output<typeof Retry>;
