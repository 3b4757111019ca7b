/**
 * The `github-issues` check kind: no open issues with the given labels, or matching a
 * search (runbook 002, "No open P0 incidents affecting agent loop, auth, or data
 * integrity").
 *
 * ```yaml
 * - github-issues: { labels: [P0, incident] }          # none open with ANY of these labels
 * - github-issues: { query: "is:open label:P0 label:auth", max: 0 }
 * ```
 *
 * `labels:` lists the repository's open issues once per label (pull requests excluded).
 * `query:` uses GitHub's issue search, limited to this repository unless the query names
 * a `repo:`, `org:` or `user:`, and to issues unless it says `is:pr` or `is:issue`.
 * `max` is the number of matches allowed (default 0). Titles are shown as evidence;
 * reporters escape them.
 */
import { z } from 'zod';
import { CheckCommon } from '../../config/schema/common.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { IssueSummary } from '../../github/api.js';
import { ask, githubRun } from '../github-scope.js';
import type { CheckKind, GitHubScope } from '../kind.js';

const Max = z.number().int().min(0).optional();

const ByLabels = z.strictObject({
  /** Labels; an open issue with any one of them counts. */
  labels: z.array(z.string().min(1)).min(1),
  /** Matches allowed (default 0). */
  max: Max,
});

const ByQuery = z.strictObject({
  /** A GitHub issue search, e.g. `is:open label:P0`. */
  query: z.string().min(1),
  max: Max,
});

const Schema = z.strictObject({
  ...CheckCommon,
  'github-issues': z.union([ByLabels, ByQuery], {
    error: 'expected { labels: [P0, incident] } or { query: "is:open label:P0" }, optionally with max: 0',
  }),
});

export type GithubIssuesConfig = z.output<typeof Schema>;

/** Issues shown in the summary line; the details list them all. */
const SHOWN = 5;

/** The search as sent: limited to this repository and to issues unless the query says otherwise. */
export function scopedQuery(query: string, github: Pick<GitHubScope, 'owner' | 'repo'>): string {
  const parts = [query.trim()];
  if (!/(^|\s)-?(repo|org|user):/i.test(query)) parts.push(`repo:${github.owner}/${github.repo}`);
  if (!/(^|\s)(is|type):(issue|pr|pull-request)\b/i.test(query)) parts.push('is:issue');
  return parts.join(' ');
}

function line(issue: IssueSummary): string {
  return `#${issue.number} ${issue.title}${issue.labels.length ? ` [${issue.labels.join(', ')}]` : ''} ${issue.htmlUrl}`;
}

/** `what(1)` = `open issue labelled P0`, `what(2)` = `open issues labelled P0`. */
type Noun = (count: number) => string;

function outcome(issues: readonly IssueSummary[], total: number, what: Noun, max: number, note: string[]): CheckOutcome {
  const expected = `≤ ${max}`;
  const measured = String(total);
  const details = [...note, ...issues.map(line), ...(total > issues.length ? [`… and ${total - issues.length} more`] : [])];
  if (total <= max) {
    const summary = total === 0 ? `no ${what(0)}` : `${total} ${what(total)}, at most ${max} allowed`;
    return { status: 'passed', summary, measured, expected, details };
  }
  const listed = issues.slice(0, SHOWN).map((issue) => `#${issue.number} ${issue.title}`);
  const more = total > listed.length ? `, and ${total - listed.length} more` : '';
  return {
    status: 'failed',
    summary: `${total} ${what(total)}${max > 0 ? ` (at most ${max} allowed)` : ''}: ${listed.join('; ')}${more}`,
    measured,
    expected,
    details,
  };
}

export const githubIssuesKind: CheckKind<GithubIssuesConfig> = {
  name: 'github-issues',
  key: 'github-issues',
  schema: Schema,
  describe: (config) => {
    const spec = config['github-issues'];
    return 'labels' in spec ? `no open issues labelled ${spec.labels.join(' or ')}` : `no issues matching "${spec.query}"`;
  },
  plan(config, context) {
    const spec = config['github-issues'];
    const max = spec.max ?? 0;
    return githubRun({ kind: 'github-issues', timeout: config.timeout, context }, async (github) => {
      if ('labels' in spec) {
        // One list per label: GitHub's `labels` filter wants every label at once.
        const lists = await Promise.all(
          spec.labels.map((label) =>
            ask(`listing open issues labelled ${label}`, () => github.api.listIssues({ labels: [label], state: 'open' })),
          ),
        );
        const byNumber = new Map<number, IssueSummary>();
        for (const issue of lists.flat()) if (!issue.isPullRequest) byNumber.set(issue.number, issue);
        const issues = [...byNumber.values()].sort((a, b) => a.number - b.number);
        const labels = spec.labels.join(' or ');
        return outcome(issues, issues.length, (n) => `open ${n === 1 ? 'issue' : 'issues'} labelled ${labels}`, max, []);
      }
      const q = scopedQuery(spec.query, github);
      const found = await ask(`searching issues for "${q}"`, () => github.api.searchIssues(q));
      const items = [...found.items].sort((a, b) => a.number - b.number);
      return outcome(items, found.total, (n) => `${n === 1 ? 'issue' : 'issues'} matching "${spec.query}"`, max, [`searched: ${q}`]);
    });
  },
};
