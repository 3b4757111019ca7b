/**
 * The job summary ($GITHUB_STEP_SUMMARY): the gates table and each gate's checks, the
 * same tables as the check runs and the comment. At most 1 MiB per step (GITHUB.md).
 */
import { needsAttention, type GateResult } from '../engine/model.js';
import type { RunResult } from '../gates/run.js';
import { codeBlock, escapeInline } from './markdown/escape.js';
import { attentionHeading, checksTable, evidenceLines, gatesTable, tally, type LineLink } from './markdown/tables.js';

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

function gateSection(result: GateResult, lineLink: LineLink): string {
  const heading = `### ${escapeInline(result.gate)}${result.environment ? ` · ${escapeInline(result.environment)}` : ''}: ${tally(result)}`;
  if (result.status === 'skipped') return `${heading}\n\n${escapeInline(result.reason ?? 'not run')}`;
  const failures = result.checks
    .filter(needsAttention)
    .map(
      (check) =>
        `<details><summary>${attentionHeading(check, escapeInline(check.name))}: ${escapeInline(check.summary)}</summary>\n\n${codeBlock(
          evidenceLines(check, { config: true }).join('\n'),
        )}\n\n</details>`,
    );
  return [heading, '', checksTable(result, lineLink), ...(failures.length ? ['', ...failures] : [])].join('\n');
}

/** The markdown of the job summary for a run. */
export function jobSummary(
  run: RunResult,
  context: { headSha: string | undefined; lineLink: LineLink; notice?: string | undefined },
): string {
  const cells = run.gates.map((gate) => ({ gate: gate.gate, environment: gate.environment, status: gate.status, title: tally(gate) }));
  const parts = [
    `## release-gates${context.headSha ? ` for \`${context.headSha.slice(0, 12)}\`` : ''}: ${run.status}`,
    ...(context.notice ? ['', `> ${escapeInline(context.notice)}`] : []),
    '',
    gatesTable(cells),
    ...run.gates.flatMap((gate) => ['', gateSection(gate, context.lineLink)]),
  ];
  return `${fitBytes(parts.join('\n'), MAX_SUMMARY_BYTES)}\n`;
}
