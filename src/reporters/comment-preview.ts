/**
 * The PR comment a local run would post, as markdown: the same sticky-comment body the
 * action writes (gates by environment, then each failing gate's evidence), built from
 * this run's results instead of the commit's check runs. `release-gates run …
 * --markdown FILE` and the demo's `demo-report.md` use it.
 */
import type { RunResult } from '../gates/run.js';
import { failuresText } from './github/check-run.js';
import { commentBody } from './github/sticky-comment.js';
import { monitorCharts } from './markdown/monitor-chart.js';
import { tally } from './markdown/tables.js';

/**
 * Markdown of the comment for `run`. Without a check run to link to, a monitor's charts
 * go into its cell's details (the real comment links to them in the check run).
 */
export function commentPreview(
  run: RunResult,
  context: { headSha: string | undefined; updatedAt: Date; environments?: readonly string[] },
): string {
  const cells = run.gates.map((gate) => {
    const details = [failuresText(gate), ...monitorCharts(gate)].filter((part) => part !== undefined);
    return {
      gate: gate.gate,
      environment: gate.environment,
      status: gate.status,
      title: tally(gate),
      details: details.length ? details.join('\n\n') : undefined,
    };
  });
  return commentBody(cells, {
    headSha: context.headSha ?? 'local',
    runUrl: undefined,
    updatedAt: context.updatedAt,
    preview: true,
    ...(context.environments ? { environments: context.environments } : {}),
  });
}
