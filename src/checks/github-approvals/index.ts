/**
 * The `github-approvals` check kind: the pull request is approved, with no changes
 * requested (runbook 002, "PRs for target changes approved").
 *
 * ```yaml
 * - github-approvals: { min: 1 }
 * - github-approvals: { min: 2, on-head: true }   # count only approvals of the head commit
 * ```
 *
 * Each reviewer counts once, by their latest APPROVED, CHANGES_REQUESTED or DISMISSED
 * review (a later COMMENTED review changes nothing, as on GitHub). The PR author's own
 * reviews are ignored. Any outstanding CHANGES_REQUESTED fails the check, whatever the
 * commit it was made on. Needs a pull request: skipped on a run without one.
 */
import { z } from 'zod';
import { CheckCommon } from '../../config/schema/common.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { Review } from '../../github/api.js';
import { askPullRequest, plural, pullRequestRun, shortSha } from '../github-scope.js';
import { joinList } from '../../text.js';
import type { CheckKind } from '../kind.js';

const Options = z.strictObject({
  /** Approvals needed (default 1). */
  min: z.number().int().min(0).optional(),
  /** Count only approvals of the commit under test, not of earlier pushes. */
  'on-head': z.boolean().optional(),
});

const Schema = z.strictObject({
  ...CheckCommon,
  'github-approvals': z
    .union([z.null(), Options], { error: 'expected { min: 1 } or { min: 1, on-head: true }' })
    .transform((options) => ({ min: options?.min ?? 1, onHead: options?.['on-head'] ?? false })),
});

export type GithubApprovalsConfig = z.output<typeof Schema>;

/** Review states that replace a reviewer's earlier verdict; COMMENTED and PENDING do not. */
const VERDICTS = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/** Each reviewer's latest verdict, in the order reviewers first gave one. */
export function latestVerdicts(reviews: readonly Review[], author: string): Map<string, Review> {
  const ordered = [...reviews].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id - b.id);
  const latest = new Map<string, Review>();
  for (const review of ordered) {
    if (!VERDICTS.has(review.state) || !review.user || review.user.toLowerCase() === author.toLowerCase()) continue;
    latest.set(review.user, review);
  }
  return latest;
}

function outcome(verdicts: Map<string, Review>, config: GithubApprovalsConfig['github-approvals'], pr: number, head: string): CheckOutcome {
  const approved: string[] = [];
  const stale: string[] = [];
  const changes: string[] = [];
  const details: string[] = [];
  for (const [user, review] of verdicts) {
    const commit = review.commitId ? ` on ${shortSha(review.commitId)}` : '';
    if (review.state === 'CHANGES_REQUESTED') {
      changes.push(user);
      details.push(`✗ ${user} requested changes${commit}`);
    } else if (review.state === 'DISMISSED') {
      details.push(`· ${user}: review dismissed${commit}`);
    } else if (config.onHead && review.commitId !== head) {
      stale.push(user);
      details.push(`· ${user} approved${commit}, not the head commit ${shortSha(head)}`);
    } else {
      approved.push(user);
      details.push(`✓ ${user} approved${commit}`);
    }
  }
  const expected = `≥ ${plural(config.min, 'approval')}${config.onHead ? ` of ${shortSha(head)}` : ''}, no changes requested`;
  const measured = `${plural(approved.length, 'approval')}${changes.length ? `, changes requested by ${joinList(changes, 'and')}` : ''}`;
  const who = approved.length ? ` (${joinList(approved, 'and')})` : '';
  if (changes.length === 0 && approved.length >= config.min) {
    return {
      status: 'passed',
      summary: `#${pr}: ${plural(approved.length, 'approval')}${who}, no changes requested`,
      measured,
      expected,
      details,
    };
  }
  const problems = [
    ...(changes.length ? [`changes requested by ${joinList(changes, 'and')}`] : []),
    ...(approved.length < config.min
      ? [
          `${approved.length} of ${plural(config.min, 'required approval')}${who}${stale.length ? `; ${joinList(stale, 'and')} approved an earlier commit` : ''}`,
        ]
      : []),
  ];
  return { status: 'failed', summary: `#${pr}: ${problems.join('; ')}`, measured, expected, details };
}

export const githubApprovalsKind: CheckKind<GithubApprovalsConfig> = {
  name: 'github-approvals',
  key: 'github-approvals',
  schema: Schema,
  describe: (config) => `PR approved (${plural(config['github-approvals'].min, 'approval')}), no changes requested`,
  plan(config, context) {
    return pullRequestRun({ kind: 'github-approvals', timeout: config.timeout, context }, async (github) => {
      const number = github.pullRequest.number;
      const [pr, reviews] = await Promise.all([
        askPullRequest(`reading pull request #${number}`, () => github.api.getPullRequest(number)),
        askPullRequest(`listing the reviews of #${number}`, () => github.api.listReviews(number)),
      ]);
      // The commit under test; locally (`--pr`) the PR's head.
      const head = github.eventName === 'local' ? pr.headSha : (context.scope.headSha ?? pr.headSha);
      return outcome(latestVerdicts(reviews, pr.author), config['github-approvals'], number, head);
    });
  },
};
