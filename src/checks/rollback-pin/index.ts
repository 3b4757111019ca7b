/**
 * The `rollback-pin` check kind: the commit under test is not the revision an
 * environment was rolled back from (issue #11, "make it stick"). While the rollback pin
 * stands (`evidence/pin.ts`), the bad revision fails this check, so the next run of the
 * pipeline for it does not silently redeploy it; any other commit passes, and the check
 * says what the environment runs.
 *
 * ```yaml
 * - rollback-pin: production
 * ```
 *
 * Preflight adds it by itself for the selected environment on runs that can deploy (not a
 * pull request or the merge queue), when there is a GitHub API to ask (see `implied.ts`).
 */
import { z } from 'zod';
import { CheckCommon, EnvironmentReference } from '../../config/schema/common.js';
import type { CheckOutcome } from '../../engine/model.js';
import { clearByHand, describePin, readPin, type Pin } from '../../evidence/pin.js';
import { ask, githubRun, noCommitOutcome, shortSha } from '../github-scope.js';
import type { CheckKind } from '../kind.js';

const Schema = z.strictObject({
  ...CheckCommon,
  /** The environment whose pin is read. */
  'rollback-pin': EnvironmentReference,
});

export type RollbackPinConfig = z.output<typeof Schema>;

/** Failed: `sha` is the revision the pin keeps out. */
export function pinnedOutcome(pin: Pin, sha: string): CheckOutcome {
  return {
    status: 'failed',
    summary: `${describePin(pin)}: ${shortSha(sha)} is pinned out until a newer commit passes the ${pin.environment} gates (reason: ${pin.reason || 'not given'})`,
    measured: `${shortSha(sha)} is the rolled-back revision`,
    expected: `a commit other than ${shortSha(pin.from)}`,
    details: [`rollback deployment ${pin.deploymentId}; to clear the pin by hand: ${clearByHand(pin)}`],
  };
}

export const rollbackPinKind: CheckKind<RollbackPinConfig> = {
  name: 'rollback-pin',
  key: 'rollback-pin',
  schema: Schema,
  describe: (config) => `not the revision ${config['rollback-pin']} was rolled back from`,
  plan(config, context) {
    return githubRun({ kind: 'rollback-pin', timeout: config.timeout, context }, async (github) => {
      const sha = context.scope.headSha;
      if (!sha) return noCommitOutcome('rollback-pin');
      const environment = config['rollback-pin'];
      const pin = await ask(`reading the deployments of ${environment}`, () => readPin(github.api, environment));
      if (pin?.from === sha) return pinnedOutcome(pin, sha);
      const expected = pin ? `a commit other than ${shortSha(pin.from)}` : `no rollback pin on ${environment}, or another commit`;
      return {
        status: 'passed',
        summary: pin ? `${describePin(pin)}; ${shortSha(sha)} is not the rolled-back revision` : `no rollback pin on ${environment}`,
        measured: pin ? `pinned out: ${shortSha(pin.from)}` : 'no pin',
        expected,
      };
    });
  },
};
