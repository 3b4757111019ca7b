/**
 * The job summary ($GITHUB_STEP_SUMMARY): the gates table and each gate's checks, the
 * same tables as the check runs and the comment. At most 1 MiB per step (GITHUB.md).
 */
import type { GateResult } from '../engine/model.js';
import type { RunResult } from '../gates/run.js';
import { codeBlock, escapeInline } from './markdown/escape.js';
import { checksTable, gatesTable, tally, type LineLink } from './markdown/tables.js';
import { fit } from './github/check-run.js';

/** The step summary limit is 1 MiB; keep well inside it. */
export const MAX_SUMMARY_CHARS = 1_000_000;

function gateSection(result: GateResult, lineLink: LineLink): string {
  const heading = `### ${escapeInline(result.gate)}${result.environment ? ` · ${escapeInline(result.environment)}` : ''}: ${tally(result)}`;
  if (result.status === 'skipped') return `${heading}\n\n${escapeInline(result.reason ?? 'not run')}`;
  const failures = result.checks
    .filter((check) => check.status === 'failed' || check.status === 'pending')
    .map(
      (check) =>
        `<details><summary>${check.status === 'failed' ? '❌' : '⏳'} ${escapeInline(check.name)}: ${escapeInline(check.summary)}</summary>\n\n${codeBlock(
          [`measured: ${check.measured}`, `expected: ${check.expected}`, `config: ${check.location.file}:${check.location.line}`, ...check.details].join('\n'),
        )}\n\n</details>`,
    );
  return [heading, '', checksTable(result, lineLink), ...(failures.length ? ['', ...failures] : [])].join('\n');
}

/** The markdown of the job summary for a run. */
export function jobSummary(run: RunResult, context: { headSha: string | undefined; lineLink: LineLink; notice?: string | undefined }): string {
  const cells = run.gates.map((gate) => ({ gate: gate.gate, environment: gate.environment, status: gate.status, title: tally(gate) }));
  const parts = [
    `## release-gates${context.headSha ? ` for \`${context.headSha.slice(0, 12)}\`` : ''}: ${run.status}`,
    ...(context.notice ? ['', `> ${escapeInline(context.notice)}`] : []),
    '',
    gatesTable(cells),
    ...run.gates.flatMap((gate) => ['', gateSection(gate, context.lineLink)]),
  ];
  return `${fit(parts.join('\n'), MAX_SUMMARY_CHARS, 'job summary')}\n`;
}
