/**
 * The job summary ($GITHUB_STEP_SUMMARY): the gates table and each gate's checks, the
 * same tables as the check runs and the comment. At most 1 MiB per step
 * (https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#adding-a-job-summary).
 */
import { needsAttention, type GateResult } from '../engine/model.js';
import type { RunResult } from '../gates/run.js';
import { codeBlock, codeSpan, escapeInline, htmlText, link } from './markdown/escape.js';
import {
  attentionHeading,
  checksTable,
  evidenceLines,
  failureHeadline,
  gatesTable,
  partialNote,
  statusBadge,
  tally,
  type LineLink,
} from './markdown/tables.js';
import { monitorChartsSection } from './markdown/monitor-chart.js';

/**
 * The step summary limit is 1 MiB of the file, so bytes of UTF-8, not characters: a
 * summary of CJK or emoji is 3 to 4 bytes a character. Keep well inside it.
 */
export const MAX_SUMMARY_BYTES = 1_000_000;

/** Cuts text to `max` bytes of UTF-8, at a character boundary, saying so. */
function fitBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  const note = `\n\n… job summary truncated at ${max} bytes; the full record is in the evidence artifact.`;
  let end = max - Buffer.byteLength(note, 'utf8');
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--; // not inside a character
  return bytes.subarray(0, end).toString('utf8') + note;
}

function gateSection(result: GateResult, lineLink: LineLink, url: string | undefined): string {
  const title = `${escapeInline(result.gate)}${result.environment ? ` · ${escapeInline(result.environment)}` : ''}`;
  const heading = `### ${statusBadge(result.status)} ${link(title, url)}: ${escapeInline(tally(result))}`;
  if (result.status === 'skipped') return `${heading}\n\n${escapeInline(result.reason ?? 'not run')}`;
  const partial = partialNote(result);
  const failures = result.checks.filter(needsAttention).map((check) => {
    const headline = failureHeadline(check);
    const where = `${check.location.file}:${check.location.line}`;
    return `<details><summary>${attentionHeading(check, htmlText(check.name))} · <code>${htmlText(where)}</code>${headline ? `: ${htmlText(headline)}` : ''}</summary>\n\n${codeBlock(
      evidenceLines(check).join('\n'),
    )}\n\n</details>`;
  });
  return [
    heading,
    '',
    ...(partial ? [partial, ''] : []),
    checksTable(result, lineLink) + monitorChartsSection(result),
    ...(failures.length ? ['', ...failures] : []),
  ].join('\n');
}

/** The markdown of the job summary for a run. */
export function jobSummary(
  run: RunResult,
  context: {
    headSha: string | undefined;
    lineLink: LineLink;
    notice?: string | undefined;
    /** The page of a gate's check run, when one was written: the tables link to it. */
    checkRunUrl?: (gate: string, environment: string | undefined) => string | undefined;
  },
): string {
  const urlOf = (gate: GateResult): string | undefined => context.checkRunUrl?.(gate.gate, gate.environment);
  const cells = run.gates.map((gate) => ({
    gate: gate.gate,
    environment: gate.environment,
    status: gate.status,
    title: tally(gate),
    url: urlOf(gate),
  }));
  const parts = [
    `## ${statusBadge(run.status)} · release-gates${context.headSha ? ` for \`${context.headSha.slice(0, 12)}\`` : ''}`,
    ...(context.notice ? ['', `> ${escapeInline(context.notice)}`] : []),
    ...(run.partial
      ? ['', `> **Partial run:** only checks matching ${run.partial.only.map((pattern) => codeSpan(pattern)).join(', ')} ran.`]
      : []),
    '',
    gatesTable(cells),
    ...run.gates.flatMap((gate) => ['', gateSection(gate, context.lineLink, urlOf(gate))]),
  ];
  return `${fitBytes(parts.join('\n'), MAX_SUMMARY_BYTES)}\n`;
}
