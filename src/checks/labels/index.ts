/**
 * The `labels` check kind: the pull request has the required labels and none of the
 * forbidden ones.
 *
 * ```yaml
 * - labels: { required: [release-approved], forbidden: [do-not-merge] }
 * ```
 *
 * Labels are read fresh from the API, not from the event payload: a re-run reuses the
 * old payload, and a label added since must count. Names compare case-insensitively, as
 * GitHub's do. Needs a pull request: skipped on a run without one.
 */
import { z } from 'zod';
import { CheckCommon } from '../../config/schema/common.js';
import type { CheckOutcome } from '../../engine/model.js';
import { askPullRequest, pullRequestRun } from '../github-scope.js';
import { joinList } from '../../text.js';
import type { CheckKind } from '../kind.js';

const Names = z.array(z.string().min(1));

const Schema = z.strictObject({
  ...CheckCommon,
  labels: z
    .strictObject({
      /** Labels the PR must have. */
      required: Names.optional(),
      /** Labels the PR must not have. */
      forbidden: Names.optional(),
    })
    .refine((labels) => (labels.required?.length ?? 0) + (labels.forbidden?.length ?? 0) > 0, {
      error: 'expected "required" or "forbidden" labels, e.g. { required: [release-approved], forbidden: [do-not-merge] }',
    }),
});

export type LabelsConfig = z.output<typeof Schema>;

function outcome(config: LabelsConfig['labels'], present: readonly string[], pr: number): CheckOutcome {
  const has = (name: string): boolean => present.some((label) => label.toLowerCase() === name.toLowerCase());
  const required = config.required ?? [];
  const forbidden = config.forbidden ?? [];
  const missing = required.filter((name) => !has(name));
  const found = forbidden.filter(has);
  const details = [
    `labels on #${pr}: ${present.length ? present.join(', ') : 'none'}`,
    ...required.map((name) => `${has(name) ? '✓' : '✗'} required ${name}${has(name) ? '' : ': missing'}`),
    ...forbidden.map((name) => `${has(name) ? '✗' : '✓'} forbidden ${name}${has(name) ? ': present' : ''}`),
  ];
  const expected = [
    ...(required.length ? [`has ${joinList(required, 'and')}`] : []),
    ...(forbidden.length ? [`none of ${forbidden.join(', ')}`] : []),
  ].join('; ');
  const measured = present.length ? present.join(', ') : 'no labels';
  if (missing.length === 0 && found.length === 0) {
    return { status: 'passed', summary: `#${pr}: ${expected}`, measured, expected, details };
  }
  const problems = [
    ...(missing.length ? [`missing required ${missing.length === 1 ? 'label' : 'labels'} ${joinList(missing, 'and')}`] : []),
    ...(found.length ? [`has forbidden ${found.length === 1 ? 'label' : 'labels'} ${joinList(found, 'and')}`] : []),
  ];
  return { status: 'failed', summary: `#${pr}: ${problems.join('; ')}`, measured, expected, details };
}

export const labelsKind: CheckKind<LabelsConfig> = {
  name: 'labels',
  key: 'labels',
  schema: Schema,
  describe: (config) =>
    'PR ' +
    [
      ...(config.labels.required?.length ? [`labelled ${joinList(config.labels.required, 'and')}`] : []),
      ...(config.labels.forbidden?.length ? [`not ${config.labels.forbidden.join(' or ')}`] : []),
    ].join(', '),
  plan(config, context) {
    return pullRequestRun({ kind: 'labels', timeout: config.timeout, context }, async (github) => {
      const number = github.pullRequest.number;
      const present = await askPullRequest(`listing the labels of #${number}`, () => github.api.listLabels(number));
      return outcome(config.labels, present, number);
    });
  },
};
