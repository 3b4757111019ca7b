/**
 * Benchmark 3, GitHub API requests per gate run (issue #3: aim <= 4 when the comment
 * already exists). Runs bench/github-requests.ts (the real bundle in action mode against
 * the local GitHub API server) and prints the count and the sequence for each scenario.
 */
import { join } from 'node:path';
import { ROOT, runNode, table } from './lib.mjs';

export async function githubRequests({ log }) {
  const run = await runNode(['--import', 'tsx', join(ROOT, 'bench', 'github-requests.ts')]);
  if (run.code !== 0) throw new Error(`bench/github-requests.ts exited ${run.code}:\n${run.stderr}`);
  const result = JSON.parse(run.stdout);
  if (result.violations.length) log(`  OpenAPI violations: ${result.violations.join('; ')}\n`);
  const scenarios = [
    ['first run on the PR (creates the comment)', result.first],
    ['re-run, comment exists (steady state)', result.existing],
    ['new head commit, comment exists', result.newCommit],
  ];
  const text = table(
    'GitHub requests for one gate run (action smoke, one environment, on a pull request)',
    ['scenario', 'requests', 'sequence'],
    scenarios.map(([name, s]) => [name, s.count, s.sequence.join(' → ')]),
  );
  const figures = [
    { name: 'github.requestsFirstRun', value: result.first.count, unit: '' },
    { name: 'github.requestsCommentExists', value: result.existing.count, unit: '' },
    { name: 'github.requestsNewCommit', value: result.newCommit.count, unit: '' },
  ];
  return { text, figures, runs: scenarios.map(([name, s]) => ({ name, ...s })) };
}
