/**
 * The `monitor:` section: a window of samples after a release (runbook 004, "Monitor for
 * 30 minutes"; runbook 002, "Rollback Triggers"), in Azure's timing vocabulary —
 * `window`, `interval`, `initial-delay`, `steady-for` — and the thresholds each monitored
 * check is held to. Semantics: docs/monitor.md.
 *
 * ```yaml
 * monitor:
 *   window: 30m
 *   interval: 15s
 *   on-breach: { dispatch: rollback.yml }
 *   checks:
 *     - name: /api/employers
 *       http: GET /api/employers
 *       thresholds: { max-error-rate: 1%, max-p95: 1s }
 * ```
 */
import { z } from 'zod';
import { checkDocumentSchema, checkEntrySchema } from '../../checks/registry.js';
import { DURATION_PATTERN, formatDuration, parseDuration } from '../units.js';
import { DEFAULT_CHECK_TIMEOUT_MS, Duration, GateSectionFields, Template } from './common.js';

/** Default time between samples: 15 seconds. */
export const DEFAULT_INTERVAL_MS = 15_000;
/** Time the default deadline leaves past the window and its last sample: 1 minute. */
export const DEADLINE_MARGIN_MS = 60_000;

const isTemplate = (value: unknown): boolean => typeof value === 'string' && Template.safeParse(value).success;

/**
 * A duration whose value is NaN while it is still a `${VAR}` template (at load), so the
 * rules across fields skip it until the value is known (they run again once expanded).
 */
const TimingDuration = z
  .union([z.number().nonnegative(), z.string().regex(DURATION_PATTERN), Template], {
    error: 'expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m',
  })
  .transform((value) => (isTemplate(value) ? Number.NaN : (parseDuration(value) ?? 0)));

/** `1%`, `0.5%`, or a fraction such as `0.01`. Parses to a fraction. */
export const Percent = z
  .union([z
      .number()
      .min(0)
      .refine((fraction) => fraction <= 1, { error: 'a bare number is a fraction: expected at most 1 (like 0.05), or a percentage like 5%' }), z.string().regex(/^\s*\d+(\.\d+)?\s*%\s*$/), Template], {
    error: 'expected a percentage like 1% (or a fraction like 0.01)',
  })
  .transform((value) => (typeof value === 'number' ? value : isTemplate(value) ? Number.NaN : Number.parseFloat(value) / 100))
  .refine((fraction) => Number.isNaN(fraction) || fraction <= 1, { error: 'expected a percentage of at most 100%' });

/** A whole number of samples, `3` or `"${MAX:-3}"`. */
export const Count = z
  .union([z.number().int().min(0), z.string().regex(/^\s*\d+\s*$/), Template], { error: 'expected a whole number like 3' })
  .transform((value) => (typeof value === 'number' ? value : isTemplate(value) ? Number.NaN : Number(value)));

/** A number of samples, or a share of the window's planned samples: `3` or `10%`. */
export const CountOrShare = z
  .union([z.number().int().min(0), z.string().regex(/^\s*\d+(\.\d+)?\s*%?\s*$/), Template], {
    error: 'expected a number of samples like 3, or a share of the window like 10%',
  })
  .transform((value): { count: number } | { share: number } => {
    if (typeof value === 'number') return { count: value };
    if (isTemplate(value)) return { count: Number.NaN };
    return value.includes('%') ? { share: Math.min(1, Number.parseFloat(value) / 100) } : { count: Math.floor(Number(value)) };
  });

/** What a sample without data counts as. Default `inconclusive`: neither a pass nor a failure. */
export const OnNoData = z.enum(['fail', 'pass', 'inconclusive'], { error: 'expected fail, pass or inconclusive' });

/** The thresholds a monitored check is held to over the window; each is one row of the report. */
export const Thresholds = z
  .strictObject({
    /** Failed samples over samples counted. */
    'max-error-rate': Percent.optional(),
    /** The 95th percentile of the samples' latencies (nearest rank). */
    'max-p95': Duration.optional(),
    'max-p99': Duration.optional(),
    /** Failed samples in a row. */
    'max-consecutive-failures': Count.optional(),
    /** Failed samples over the window. */
    'max-failures': Count.optional(),
    /** How long a run of failed samples may last (runbook 002: "fails health check for more than 5 minutes"). */
    'max-failing-for': Duration.optional(),
  })
  .refine((thresholds) => Object.keys(thresholds).length > 0, {
    // Only when the keys are known: a misspelt one is reported on its own.
    when: (payload) => payload.issues.length === 0,
    error: 'thresholds needs at least one of: max-error-rate, max-p95, max-p99, max-consecutive-failures, max-failures, max-failing-for',
  });

/** Fields a monitored check has beyond its kind's. */
export const MonitorCheckFields = z.strictObject({
  /** Without thresholds, every sample must pass. */
  thresholds: Thresholds.optional(),
  'on-no-data': OnNoData.optional(),
  'min-samples': CountOrShare.optional(),
  'max-source-errors': CountOrShare.optional(),
});

/** Start the rollback workflow on a breach: `POST …/actions/workflows/{dispatch}/dispatches`. */
export const OnBreach = z.strictObject({
  /** The workflow file in `.github/workflows` (e.g. `rollback.yml`), or its id. */
  dispatch: z.string().regex(/^([\w.-]+\.ya?ml|\d+)$/, { error: 'expected a workflow file name like rollback.yml, or a workflow id' }),
  /** The branch the workflow runs on; default the repository's default branch. */
  ref: z.string().min(1).optional(),
  /** More `workflow_dispatch` inputs; `environment` and `reason` are set by the monitor. */
  inputs: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .refine((inputs) => !('environment' in inputs) && !('reason' in inputs), {
      error: 'inputs.environment and inputs.reason are set by the monitor (the environment that breached, and why)',
    })
    .refine((inputs) => Object.keys(inputs).length <= 23, {
      error: 'expected at most 23 inputs: a workflow takes 25, and the monitor sends environment and reason',
    })
    .optional(),
});

function monitorSection<T extends z.ZodType>(check: T) {
  return z.strictObject({
    ...GateSectionFields,
    /** How long to watch, from the first sample. */
    window: TimingDuration,
    /** Time between samples (default 15s). */
    interval: TimingDuration.optional(),
    /** Delay before the first sample (default 0). */
    'initial-delay': TimingDuration.optional(),
    /** Pass early after this long of continuous success (off unless set). */
    'steady-for': TimingDuration.optional(),
    /** Counted samples a source needs for a verdict (default 50% of the window). */
    'min-samples': CountOrShare.optional(),
    /** What a sample without data counts as (default inconclusive). */
    'on-no-data': OnNoData.optional(),
    /** Source errors a source may have before it fails the gate as not verified (default 10%). */
    'max-source-errors': CountOrShare.optional(),
    'on-breach': OnBreach.optional(),
    checks: z.array(check).min(1),
  });
}

type Section = z.output<ReturnType<typeof monitorSection<ReturnType<typeof checkEntrySchema<typeof MonitorCheckFields>>>>>;

/** The longest time one sample may take: each check's own timeout, else the section's, else 10s. */
export function longestSampleMs(section: Pick<Section, 'timeout' | 'checks'>): number {
  return Math.max(
    ...section.checks.map((entry) => (entry.config as { timeout?: number }).timeout || section.timeout || DEFAULT_CHECK_TIMEOUT_MS),
  );
}

/** Rules across fields; a value still a template (NaN) is skipped until it is expanded. */
function crossRules(section: Section, ctx: z.RefinementCtx): void {
  const window = section.window;
  const interval = section.interval ?? DEFAULT_INTERVAL_MS;
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
  if (window === 0) issue(['window'], 'expected a window longer than 0, e.g. 30m');
  if (interval === 0) issue(['interval'], 'expected an interval longer than 0, e.g. 15s');
  if (interval > window) issue(['interval'], `the interval (${formatDuration(interval)}) is longer than the window (${formatDuration(window)})`);
  const steady = section['steady-for'];
  if (steady !== undefined && (steady < interval || steady > window)) {
    issue(['steady-for'], `expected steady-for between the interval (${formatDuration(interval)}) and the window (${formatDuration(window)})`);
  }
  const planned = Math.ceil(window / interval);
  const minimum = section['min-samples'];
  if (minimum && 'count' in minimum && minimum.count > planned) {
    issue(['min-samples'], `min-samples ${minimum.count} is more than the window's ${planned} samples (${formatDuration(window)} every ${formatDuration(interval)})`);
  }
  const needed = (section['initial-delay'] ?? 0) + window + longestSampleMs(section);
  if (section.deadline && needed >= section.deadline) {
    issue(
      ['deadline'],
      `the deadline (${formatDuration(section.deadline)}) must exceed initial-delay + window + the longest sample timeout (${formatDuration(needed)}); expected more, or leave it out`,
    );
  }
  section.checks.forEach((entry, index) => {
    if ((entry.config as { retry?: unknown }).retry !== undefined) {
      issue(
        ['checks', index, 'retry'],
        'a monitored check is sampled once per interval, so retry does not apply (expected thresholds such as max-consecutive-failures: 2 to tolerate a blip)',
      );
    }
  });
}

/** Validates the section; `deadline` defaults to what the window needs plus {@link DEADLINE_MARGIN_MS}. */
export const MonitorSection = monitorSection(checkEntrySchema(MonitorCheckFields))
  .superRefine(crossRules)
  .transform((section) => ({
    ...section,
    deadline: section.deadline || (section['initial-delay'] ?? 0) + section.window + longestSampleMs(section) + DEADLINE_MARGIN_MS,
  }));

/** The same shape for editors. */
export const MonitorDocumentSection = monitorSection(checkDocumentSchema(MonitorCheckFields));

export type MonitorSectionConfig = z.output<typeof MonitorSection>;
export type MonitorEntry = MonitorSectionConfig['checks'][number];
export type CountOrShareConfig = z.output<typeof CountOrShare>;
