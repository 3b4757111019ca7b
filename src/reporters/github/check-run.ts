/**
 * The check run of one gate and environment, `release-gates / <gate> (<env>)`
 * (docs/evidence.md, "Where results go"): its name, conclusion, output and annotations.
 */
import type { Annotation, CheckRunOutput, Conclusion } from '../../github/api.js';
import { blocksGate, needsAttention, type GateResult } from '../../engine/model.js';
import { codeBlock, codeSpan, escapeInline, link } from '../markdown/escape.js';
import {
  attentionHeading,
  checksTable,
  evidenceLines,
  failureHeadline,
  optionalNote,
  partialNote,
  statusBadge,
  tally,
  type LineLink,
} from '../markdown/tables.js';
import {
  appliedMigrationsOf,
  backupsMarker,
  digestMarker,
  migrationsMarker,
  PARTIAL_MARKER,
  type RecordedBackup,
} from '../../evidence/identity.js';
import { monitorChartsSection } from '../markdown/monitor-chart.js';

/** GitHub accepts at most 50 annotations per request
 * (https://docs.github.com/rest/checks/runs#update-a-check-run). */
export const ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` and `output.text` are each at most 65,535 characters (docs/evidence.md, "Platform limits"). */
export const MAX_OUTPUT_CHARS = 65_535;
/** An annotation title is at most 255 characters (https://docs.github.com/rest/checks/runs#update-a-check-run). */
const MAX_ANNOTATION_TITLE = 255;
const COMMENT_ID = /<!-- release-gates:comment=(\d+) -->/;

/**
 * The conclusion for a gate result. A failing gate is never `neutral` (required checks
 * treat neutral as passing); a gate not run because an earlier one failed is
 * `cancelled`, for the same reason; a checklist waiting for a person is
 * `action_required`.
 */
export function conclusionFor(result: GateResult): Conclusion {
  if (result.interrupted === 'cancelled' || result.status === 'skipped') return 'cancelled';
  if (result.status === 'passed') return 'success';
  if (result.status === 'pending') return 'action_required';
  return result.interrupted === 'deadline' ? 'timed_out' : 'failure';
}

/** The comment id a check run's summary records, if any. */
export function commentIdIn(summary: string | undefined): number | undefined {
  const match = summary ? COMMENT_ID.exec(summary) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Cuts text to `max` characters, saying so. */
export function fit(text: string, max: number, what: string): string {
  if (text.length <= max) return text;
  const note = `\n\n… ${what} truncated at ${max} characters; the full record is in the evidence artifact.`;
  return text.slice(0, max - note.length) + note;
}

export interface OutputContext {
  headSha: string;
  configDigest: string;
  environmentUrl?: string | undefined;
  lineLink: LineLink;
  /** The sticky comment's id, recorded so later runs can update it without a lookup. */
  commentId?: number | undefined;
  /** The config's environments in its order, recorded for the sticky comment's columns. */
  environments?: readonly string[] | undefined;
}

/**
 * Markdown of each failing or pending check: its summary, config line, and evidence in a
 * code block. Undefined when every check passed. The check run's `text`, and the PR
 * comment's details.
 */
export function failuresText(result: GateResult, lineLink: LineLink = () => undefined): string | undefined {
  const failures = result.checks.filter(needsAttention).map((check) => {
    const where = link(codeSpan(`${check.location.file}:${check.location.line}`), lineLink(check));
    const headline = failureHeadline(check);
    return [
      `### ${attentionHeading(check, escapeInline(check.name))} · ${where}`,
      ...(headline ? [escapeInline(headline)] : []),
      '',
      codeBlock(evidenceLines(check).join('\n')),
    ].join('\n');
  });
  return failures.length ? failures.join('\n\n') : undefined;
}

/** The backups the gate's passing `backup` checks made or found, for the rollback gate to name. */
function recordedBackups(result: GateResult): RecordedBackup[] {
  return result.checks.flatMap((check) => {
    const backup =
      check.kind === 'backup' && check.status === 'passed'
        ? (check.data as { backup?: Omit<RecordedBackup, 'check'> } | undefined)?.backup
        : undefined;
    return backup ? [{ ...backup, check: check.name }] : [];
  });
}

/**
 * The environments of the config, in its order, recorded in a check run's summary so
 * that the sticky comment, rebuilt from check runs, puts its columns in that order.
 */
export function environmentsMarker(environments: readonly string[]): string {
  return `<!-- release-gates:environments=${environments.map(encodeURIComponent).join(',')} -->`;
}

/** The environment order a check run's summary records; [] when none. */
export function environmentsIn(summary: string | undefined): string[] {
  const match = summary ? /<!-- release-gates:environments=([^ ]*) -->/.exec(summary) : null;
  return match?.[1] ? match[1].split(',').map(decodeURIComponent) : [];
}

/** Title, summary (the checks table, and a monitor's charts) and text (each failure's evidence). */
export function checkRunOutput(result: GateResult, context: OutputContext): CheckRunOutput {
  const partial = partialNote(result);
  const header = [
    `**${escapeInline(result.gate)}**${result.environment ? ` against **${escapeInline(result.environment)}**` : ''}` +
      `${context.environmentUrl ? ` (${escapeInline(context.environmentUrl)})` : ''} for \`${context.headSha.slice(0, 12)}\`, config \`${context.configDigest.slice(0, 19)}…\`: ${statusBadge(result.status)}`,
    '',
    ...(partial ? [partial, ''] : []),
  ];
  const body = result.checks.length
    ? checksTable(result, context.lineLink) + monitorChartsSection(result)
    : escapeInline(result.reason ?? 'no checks');
  // Markers go after the cut, so truncation never loses them; the comment id stays last.
  const applied = appliedMigrationsOf(result.checks);
  const backups = recordedBackups(result);
  const marker =
    `\n${digestMarker(context.configDigest)}` +
    (result.partial ? `\n${PARTIAL_MARKER}` : '') +
    (context.environments?.length ? `\n${environmentsMarker(context.environments)}` : '') +
    (applied === undefined ? '' : `\n${migrationsMarker(applied)}`) +
    (backups.length ? `\n${backupsMarker(backups)}` : '') +
    (context.commentId === undefined ? '' : `\n<!-- release-gates:comment=${context.commentId} -->`);
  const summary = fit(`${header.join('\n')}\n${body}`, MAX_OUTPUT_CHARS - marker.length, 'summary') + marker;
  const failures = failuresText(result, context.lineLink);
  return {
    title: fit(tally(result), 1000, 'title'),
    summary,
    ...(failures ? { text: fit(failures, MAX_OUTPUT_CHARS, 'text') } : {}),
  };
}

/** One failure annotation per failing or pending check, at its config line. */
export function annotationsFor(result: GateResult, configPath: string): Annotation[] {
  return result.checks.filter(needsAttention).map((check) => ({
    path: configPath,
    start_line: check.location.line,
    end_line: check.location.line,
    annotation_level: blocksGate(check) ? 'failure' : 'warning',
    message: fit([failureHeadline(check), ...evidenceLines(check)].filter((line) => line !== undefined).join('\n'), 64_000, 'message'),
    title: `${result.gate}: ${check.name}${optionalNote(check)}`.slice(0, MAX_ANNOTATION_TITLE),
  }));
}

/** Splits annotations into requests of at most {@link ANNOTATIONS_PER_REQUEST}. */
export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
