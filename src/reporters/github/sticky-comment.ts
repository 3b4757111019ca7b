/**
 * The one sticky PR comment: a table of gates by environment, rebuilt from the
 * `release-gates / …` check runs on the commit so that parallel jobs converge
 * (docs/evidence.md, "Where results go").
 */
import type { CheckRunInfo } from '../../github/api.js';
import { escapeInline, htmlText, link } from '../markdown/escape.js';
import { gatesTable, overallVerdict, statusBadge, type GateCell } from '../markdown/tables.js';
import { parseCheckRunName } from '../../evidence/identity.js';
import { CHART_MARKER } from '../markdown/monitor-chart.js';
import { commentIdIn, environmentsIn } from './check-run.js';

/** Hidden marker that identifies the sticky comment. */
export const COMMENT_MARKER = '<!-- release-gates:sticky-comment -->';
/** A comment body is at most 65,536 characters (docs/evidence.md, "Platform limits"). */
export const MAX_COMMENT_CHARS = 65_536;

const CONCLUSION_STATUS: Record<string, GateCell['status']> = {
  success: 'passed',
  neutral: 'passed',
  failure: 'failed',
  timed_out: 'failed',
  action_required: 'pending',
  cancelled: 'skipped',
  skipped: 'skipped',
  stale: 'skipped',
};

/**
 * Cells from the commit's check runs, the newest run per name (highest id); `own`
 * replaces the runs this job has just finished. Pass only the runs of the token's own
 * app: a run of another app named `release-gates / …` is not ours to show.
 */
export function cellsFromCheckRuns(runs: readonly CheckRunInfo[], own: readonly (GateCell & { name: string })[]): GateCell[] {
  const cells = new Map<string, GateCell>();
  const latest = [...runs].sort((a, b) => a.id - b.id);
  for (const run of latest) {
    const parsed = parseCheckRunName(run.name);
    if (!parsed) continue;
    const status = run.status === 'completed' ? (CONCLUSION_STATUS[run.conclusion ?? ''] ?? 'failed') : 'in progress';
    const details = status === 'failed' || status === 'pending' ? run.text : undefined;
    const chart = run.summary?.includes(CHART_MARKER) ? { chart: true } : {};
    cells.set(run.name, { ...parsed, status, title: run.title ?? run.status, url: run.htmlUrl, details, ...chart });
  }
  for (const cell of own) cells.set(cell.name, cell);
  return [...cells.values()];
}

/**
 * The config's environment order for the comment's columns: `known` (this run's config),
 * else the newest order a release-gates check run on the commit recorded.
 */
export function environmentOrder(runs: readonly CheckRunInfo[], known: readonly string[] = []): string[] {
  if (known.length > 0) return [...known];
  for (const run of [...runs].sort((a, b) => b.id - a.id)) {
    const order = parseCheckRunName(run.name) ? environmentsIn(run.summary) : [];
    if (order.length > 0) return order;
  }
  return [];
}

export interface CommentContext {
  headSha: string;
  runUrl: string | undefined;
  updatedAt: Date;
  /** A preview from a local run (`--markdown`), not a comment rebuilt from check runs. */
  preview?: boolean;
  /** Environments in the config's order: the table's columns (see {@link environmentOrder}). */
  environments?: readonly string[];
}

/** Evidence of one cell longer than this is linked, not copied into the comment. */
export const MAX_DETAILS_CHARS = 6000;

/** The failing cells' evidence: a folded section each, or a link when it is long. */
function detailsSections(cells: readonly GateCell[], inline: boolean): string {
  const sections = cells
    .filter((cell) => (cell.status === 'failed' || cell.status === 'pending') && cell.details)
    .map((cell) => {
      const label = `${statusBadge(cell.status)} ${htmlText(cell.gate)}${cell.environment ? ` · ${htmlText(cell.environment)}` : ''}: ${htmlText(cell.title)}`;
      if (inline && (cell.details ?? '').length <= MAX_DETAILS_CHARS)
        return `<details><summary>${label}</summary>\n\n${cell.details ?? ''}\n\n</details>`;
      const text = `${statusBadge(cell.status)} ${escapeInline(cell.gate)}${cell.environment ? ` · ${escapeInline(cell.environment)}` : ''}: ${escapeInline(cell.title)}`;
      return `- ${text}: ${link('evidence in the check run', cell.url)}`;
    });
  return sections.length ? `\n\n${sections.join('\n\n')}` : '';
}

/**
 * The comment body, within GitHub's limit: the gates table, then the evidence of each
 * failing cell. When too long, evidence becomes links first, then rows are dropped (and
 * the comment says so).
 */
export function commentBody(cells: readonly GateCell[], context: CommentContext): string {
  const verdict = statusBadge(overallVerdict(cells.map((cell) => cell.status)));
  const head = `${COMMENT_MARKER}\n### ${verdict} · release-gates for \`${context.headSha.slice(0, 12)}\`\n\n`;
  const foot = context.preview
    ? `\n\n<sub>Preview from a local run at ${context.updatedAt.toISOString()}; in a workflow this comment is rebuilt from the commit's \`release-gates / …\` check runs.</sub>\n`
    : `\n\n<sub>Rebuilt from the \`release-gates / …\` check runs on ${context.headSha.slice(0, 12)} at ${context.updatedAt.toISOString()}${context.runUrl ? ` by ${link('this run', context.runUrl)}` : ''}.</sub>\n`;
  let shown = [...cells];
  let inline = true;
  for (;;) {
    const dropped = cells.length - shown.length;
    const note = dropped
      ? `\n\n**Truncated:** ${dropped} of ${cells.length} results are not shown (comment limit ${MAX_COMMENT_CHARS} characters); see the check runs.`
      : '';
    const body = head + gatesTable(shown, context.environments) + note + detailsSections(shown, inline) + foot;
    if (body.length <= MAX_COMMENT_CHARS || shown.length === 0) return body.slice(0, MAX_COMMENT_CHARS);
    if (inline) inline = false;
    else shown = shown.slice(0, Math.floor(shown.length * 0.9));
  }
}

/**
 * The sticky comment id recorded by the newest release-gates check run of `runs`, if
 * one is. Pass only the runs of the token's own app: a run of another app could point
 * at a person's comment.
 */
export function knownCommentId(runs: readonly CheckRunInfo[]): number | undefined {
  for (const run of [...runs].sort((a, b) => b.id - a.id)) {
    const id = parseCheckRunName(run.name) ? commentIdIn(run.summary) : undefined;
    if (id !== undefined) return id;
  }
  return undefined;
}
