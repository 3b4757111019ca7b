/**
 * The monitor gate: watches the release for its window (PRODUCT.md, "monitor"). Each
 * monitored check (any kind: http, command, sql, prometheus…) is sampled on a fixed
 * schedule, and each of its thresholds is one row of every report. The rows share one
 * window, started by the first row the engine runs; the others wait for it, and every row
 * then judges its own threshold over the samples. A breach ends the window at once and,
 * with `on-breach`, dispatches the rollback workflow once. Semantics: docs/monitor.md.
 */
import { DEFAULT_INTERVAL_MS, type CountOrShareConfig, type MonitorEntry, type MonitorSectionConfig } from '../../config/schema/monitor.js';
import type { CheckContext, CheckSpec } from '../../engine/check.js';
import { systemClock, type Clock } from '../../engine/clock.js';
import { runAttempt } from '../../engine/run-gate.js';
import type { ThresholdKey } from '../../evidence/monitor.js';
import type { Gate } from '../gate.js';
import { planChecks, type GateContext } from '../plan.js';
import { dispatchRollback } from './dispatch.js';
import { rowOutcome, type RowSource } from './report.js';
import { thresholdLabel, type Threshold } from './thresholds.js';
import { plannedSamples, runWindow, type RowPlan, type SourcePlan, type WindowOutcome, type WindowSettings } from './window.js';

/** Default `min-samples`: half the window's planned samples. */
const DEFAULT_MIN_SHARE = 0.5;
/** Default `max-source-errors`: a tenth of the window's planned samples. */
const DEFAULT_SOURCE_ERROR_SHARE = 0.1;

const THRESHOLD_KEYS: readonly ThresholdKey[] = [
  'max-error-rate',
  'max-p95',
  'max-p99',
  'max-consecutive-failures',
  'max-failures',
  'max-failing-for',
];

/** A count, or a share of `planned` (rounded down for allowances, up for requirements). */
function resolveCount(value: CountOrShareConfig | undefined, fallbackShare: number, planned: number, round: (n: number) => number): number {
  if (value && 'count' in value) return value.count;
  return round((value?.share ?? fallbackShare) * planned);
}

/** The thresholds written for a monitored check, in a fixed order; `every-sample` when none are. */
function thresholdsOf(entry: MonitorEntry): Threshold[] {
  const written = entry.extra.thresholds ?? {};
  const thresholds = THRESHOLD_KEYS.flatMap((key) => {
    const limit = written[key as keyof typeof written];
    return limit === undefined ? [] : [{ key, limit }];
  });
  return thresholds.length ? thresholds : [{ key: 'every-sample', limit: 0 }];
}

/** The run of the one window the rows share, started by whichever row runs first. */
class SharedWindow {
  private running: Promise<WindowOutcome> | undefined;

  constructor(private readonly start: (context: CheckContext) => Promise<WindowOutcome>) {}

  get(context: CheckContext): Promise<WindowOutcome> {
    this.running ??= this.start(context);
    return this.running;
  }
}

/**
 * Plans the rows of the monitor section.
 * @throws ConfigurationError when a monitored check cannot be planned.
 */
export function planMonitor(context: GateContext, clock: Clock = systemClock): CheckSpec[] {
  // resolveGateSection parsed this section with the monitor's schema.
  const section = context.section as unknown as MonitorSectionConfig;
  const specs = planChecks(context);
  const settings: WindowSettings = {
    windowMs: section.window,
    intervalMs: section.interval ?? DEFAULT_INTERVAL_MS,
    initialDelayMs: section['initial-delay'] ?? 0,
    steadyForMs: section['steady-for'],
  };
  const planned = plannedSamples(settings);
  const sources: (SourcePlan & { row: RowSource })[] = specs.map((spec, index) => {
    const entry = section.checks[index] as MonitorEntry;
    const rows: RowPlan[] = thresholdsOf(entry).map((threshold) => ({
      id: threshold.key === 'every-sample' ? spec.id : `${spec.id}.${threshold.key}`,
      threshold,
      label: thresholdLabel(threshold),
    }));
    const onNoData = entry.extra['on-no-data'] ?? section['on-no-data'] ?? 'inconclusive';
    const minSamples = Math.max(
      1,
      resolveCount(entry.extra['min-samples'] ?? section['min-samples'], DEFAULT_MIN_SHARE, planned, Math.ceil),
    );
    return {
      id: spec.id,
      name: spec.name,
      kind: spec.kind,
      rows,
      onNoData,
      minSamples,
      sample: (signal) =>
        runAttempt(
          spec,
          1,
          signal,
          () => 'the window ended',
          clock,
          () => undefined,
        ),
      row: {
        id: spec.id,
        name: spec.name,
        kind: spec.kind,
        onNoData,
        minSamples,
        maxSourceErrors: resolveCount(
          entry.extra['max-source-errors'] ?? section['max-source-errors'],
          DEFAULT_SOURCE_ERROR_SHARE,
          planned,
          Math.floor,
        ),
        firstRow: rows[0]?.id ?? spec.id,
      },
    };
  });
  const onBreach = section['on-breach'];
  const window = new SharedWindow((check) =>
    runWindow(settings, sources, {
      clock,
      signal: check.signal,
      progress: check.progress,
      ...(onBreach
        ? {
            onBreach: async (breach) => {
              const source = sources.find((s) => s.id === breach.source);
              const dispatch = await dispatchRollback({
                config: onBreach,
                github: context.scope.github,
                environment: context.environment?.name,
                reason: breachReason(context, `${source?.name ?? breach.source}: ${breach.measured} (expected ${breach.label})`),
                now: () => clock.date(),
              });
              check.progress(dispatch.message);
              return dispatch;
            },
          }
        : {}),
    }),
  );

  return sources.flatMap((source, index) => {
    const spec = specs[index] as CheckSpec;
    return source.rows.map((row): CheckSpec => ({
      id: row.id,
      name: source.rows.length === 1 && row.threshold.key === 'every-sample' ? spec.name : `${spec.name}: ${row.label}`,
      kind: spec.kind,
      location:
        row.threshold.key === 'every-sample'
          ? spec.location
          : context.loaded.source.locate([context.gate, 'checks', index, 'thresholds', row.threshold.key]),
      timeoutMs: section.deadline,
      ...(spec.prepare ? { prepare: spec.prepare } : {}),
      ...(spec.optional ? { optional: true } : {}),
      run: async (check) => rowOutcome(row, source.row, await window.get(check)),
    }));
  });
}

/** The `reason` input of the rollback: what breached, where, for which commit, and the run. */
function breachReason(context: GateContext, what: string): string {
  const env = context.environment?.name;
  const commit = context.scope.headSha?.slice(0, 12);
  const server = context.scope.env.GITHUB_SERVER_URL;
  const github = context.scope.github;
  const run = server && github?.runId ? ` ${server}/${github.owner}/${github.repo}/actions/runs/${github.runId}` : '';
  return `release-gates monitor breach${env ? ` in ${env}` : ''}${commit ? ` at ${commit}` : ''}: ${what}.${run}`;
}

export const monitorGate: Gate = {
  name: 'monitor',
  description: 'watch the release for a window: sampled checks held to thresholds; on a breach, fail at once and dispatch the rollback',
  plan: (context) => planMonitor(context),
};
