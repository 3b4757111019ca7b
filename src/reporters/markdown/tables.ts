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
import { escapeCell, link } from './escape.js';

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

/** One-line tally of a gate, e.g. `1 failed, 6 passed`; used as the check run's title. */
export function tally(result: Pick<GateResult, 'checks' | 'status' | 'reason'>): string {
  if (result.status === 'skipped') return result.reason ?? 'not run';
  return tallyChecks(result.checks);
}

/**
 * The evidence of a check, one line each: measured, expected, optionally the config
 * line, then the details. Shared by the check run, the job summary and the comment.
 */
export function evidenceLines(check: CheckResult, options: { config?: boolean } = {}): string[] {
  return [
    `measured: ${check.measured}`,
    `expected: ${check.expected}`,
    ...(options.config ? [`config: ${check.location.file}:${check.location.line}`] : []),
    ...check.details,
  ];
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
}

/** Rows are gates, columns are environments, each cell links to its check run. */
export function gatesTable(cells: readonly GateCell[]): string {
  const environments = [...new Set(cells.map((cell) => cell.environment ?? '—'))];
  const gates = [...new Set(cells.map((cell) => cell.gate))];
  const header = `| gate | ${environments.map((env) => escapeCell(env, 40)).join(' | ')} |`;
  const rule = `|---|${environments.map(() => '---').join('|')}|`;
  const rows = gates.map((gate) => {
    const columns = environments.map((env) => {
      const cell = cells.find((c) => c.gate === gate && (c.environment ?? '—') === env);
      return cell ? link(`${statusBadge(cell.status)} · ${escapeCell(cell.title, 60)}`, cell.url) : '';
    });
    return `| ${escapeCell(gate, 40)} | ${columns.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
