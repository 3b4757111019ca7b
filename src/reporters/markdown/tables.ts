/**
 * Markdown tables shared by the check run, the job summary, the PR comment and the
 * demo report, so every place shows the same evidence the same way.
 */
import {
  checkStatusText,
  statusLabel,
  tallyChecks,
  type CheckResult,
  type CheckStatus,
  type GateResult,
  type GateStatus,
} from '../../engine/model.js';
import { codeSpan, escapeCell, link } from './escape.js';

/** Gates in the order a release runs them (README.md); rows of every gates table follow it. */
export const PIPELINE_ORDER: readonly string[] = ['preflight', 'migrate', 'smoke', 'monitor', 'rollback'];

const EMOJI = { passed: '✅', failed: '❌', pending: '⏳', skipped: '⏭️', unverified: '⚠️', 'in progress': '🔄' } as const;

/** Status as an emoji and a word; `in progress` for a check run still running. */
export function statusBadge(status: CheckStatus | GateStatus | 'in progress'): string {
  return `${EMOJI[status]} ${status === 'in progress' ? status : statusLabel(status)}`;
}

/**
 * The heading of a check that needs attention: ❌ failed, ⚠️ not verified, ⏳ pending,
 * and its name; an optional check that could not be verified says so.
 */
export function attentionHeading(check: Pick<CheckResult, 'status' | 'optional'>, name: string): string {
  return `${EMOJI[check.status]} ${name}${optionalNote(check)}`;
}

/** ` — not verified (optional)` for an optional check that could not be verified, else nothing. */
export function optionalNote(check: Pick<CheckResult, 'status' | 'optional'>): string {
  return check.optional && check.status === 'unverified' ? ` — ${checkStatusText(check)}` : '';
}

/** A check's result as a table cell: its emoji and {@link checkStatusText} (`⚠️ not verified (optional)`). */
export function checkBadge(check: Pick<CheckResult, 'status' | 'optional'>): string {
  return `${EMOJI[check.status]} ${checkStatusText(check)}`;
}

/** The verdict over cells: failed, then in progress, then pending, then passed (skipped when all are). */
export function overallVerdict(statuses: readonly (GateStatus | 'in progress')[]): GateStatus | 'in progress' {
  for (const status of ['failed', 'in progress', 'pending'] as const) if (statuses.includes(status)) return status;
  return statuses.length > 0 && statuses.every((status) => status === 'skipped') ? 'skipped' : 'passed';
}

/** One-line tally of a gate, e.g. `1 failed, 6 passed`; used as the check run's title. */
export function tally(result: Pick<GateResult, 'checks' | 'status' | 'reason'>): string {
  if (result.status === 'skipped') return result.reason ?? 'not run';
  return tallyChecks(result.checks);
}

/** True when a check's details hold its failing assertions (`✗ label: measured …, expected …`). */
export function detailsStateFailure(check: Pick<CheckResult, 'details'>): boolean {
  return check.details.some((line) => line.trimStart().startsWith('✗'));
}

/**
 * The evidence of a check, one line each: its details, which state each failing
 * assertion as measured against expected; `measured:` and `expected:` lead only when the
 * details do not (a failure stated once). Shared by the check run, the job summary, the
 * comment and the terminal.
 */
export function evidenceLines(check: CheckResult): string[] {
  if (detailsStateFailure(check)) return [...check.details];
  return [
    ...(check.measured ? [`measured: ${check.measured}`] : []),
    ...(check.expected ? [`expected: ${check.expected}`] : []),
    ...check.details,
  ];
}

/**
 * The line that heads a failing check's evidence: its summary, unless the evidence
 * already states the failure (then the summary would say it a second time).
 */
export function failureHeadline(check: CheckResult): string | undefined {
  return detailsStateFailure(check) ? undefined : check.summary;
}

/** `**Partial run:** …`: a gate that `--check` restricted, said above its table. */
export function partialNote(result: Pick<GateResult, 'partial'>): string | undefined {
  if (!result.partial) return undefined;
  const { only, notRun } = result.partial;
  return `**Partial run:** only checks matching ${only.map((pattern) => codeSpan(pattern)).join(', ')} ran; ${notRun} ${notRun === 1 ? 'check was' : 'checks were'} not run. A partial run does not count for \`environment-passed\`.`;
}

/** Builds a link to a check's line in the config, when a base URL is known. */
export type LineLink = (check: CheckResult) => string | undefined;

/** The table of a gate's checks: check, result, measured, expected, ms. */
export function checksTable(result: GateResult, lineLink: LineLink = () => undefined): string {
  const rows = result.checks.map(
    (check) =>
      `| ${link(escapeCell(check.name, 80), lineLink(check))} | ${checkBadge(check)} | ${escapeCell(check.measured)} | ${escapeCell(check.expected)} | ${check.durationMs} |`,
  );
  return ['| check | result | measured | expected | ms |', '|---|---|---|---|---:|', ...rows].join('\n');
}

/** One cell of the gates-by-environment table. */
export interface GateCell {
  gate: string;
  environment: string | undefined;
  status: GateStatus | 'in progress';
  /** e.g. `1 failed, 6 passed`. */
  title: string;
  /** The check run's page. */
  url?: string | undefined;
  /** Markdown of the failing checks' evidence (the check run's text), when it failed. */
  details?: string | undefined;
  /** The check run shows a monitor's chart: the cell links to it. */
  chart?: boolean | undefined;
}

/**
 * Names in a fixed order: those of `order` first, in its order, then the rest
 * alphabetically, so that rows and columns never swap between runs.
 */
export function inOrder(names: Iterable<string>, order: readonly string[]): string[] {
  const rank = (name: string): number => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Rows are gates in pipeline order, columns are environments in the config's order
 * (`environments`, when known), each cell linked to its check run.
 */
export function gatesTable(cells: readonly GateCell[], environmentOrder: readonly string[] = []): string {
  const environments = inOrder(
    cells.map((cell) => cell.environment ?? '—'),
    environmentOrder,
  );
  const gates = inOrder(
    cells.map((cell) => cell.gate),
    PIPELINE_ORDER,
  );
  const header = `| gate | ${environments.map((env) => escapeCell(env, 40)).join(' | ')} |`;
  const rule = `|---|${environments.map(() => '---').join('|')}|`;
  const rows = gates.map((gate) => {
    const columns = environments.map((env) => {
      const cell = cells.find((c) => c.gate === gate && (c.environment ?? '—') === env);
      if (!cell) return '';
      const chart = cell.chart && cell.url ? ` · ${link('📈 chart', cell.url)}` : '';
      return link(`${statusBadge(cell.status)} · ${escapeCell(cell.title, 60)}`, cell.url) + chart;
    });
    return `| ${escapeCell(gate, 40)} | ${columns.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
