/**
 * The PR comment a local run would post, as markdown: the same sticky-comment body the
 * action writes, built from this run's results instead of the commit's check runs.
 * `release-gates run … --markdown FILE` and the demo's `demo-report.md` use it.
 */
import type { RunResult } from '../gates/run.js';
import { commentBody } from './github/sticky-comment.js';
import { jobSummary } from './job-summary.js';
import { tally } from './markdown/tables.js';

/** Markdown of the comment plus the per-gate evidence that the check runs would hold. */
export function commentPreview(run: RunResult, context: { headSha: string | undefined; updatedAt: Date }): string {
  const cells = run.gates.map((gate) => ({ gate: gate.gate, environment: gate.environment, status: gate.status, title: tally(gate) }));
  const comment = commentBody(cells, { headSha: context.headSha ?? 'local', runUrl: undefined, updatedAt: context.updatedAt });
  const evidence = jobSummary(run, { headSha: context.headSha, lineLink: () => undefined });
  return `${comment}\n---\n\n<!-- What the check runs and the job summary would show: -->\n\n${evidence}`;
}
