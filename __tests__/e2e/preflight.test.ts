/**
 * The preflight action end to end (issue #4), through `actions/preflight` and the real
 * bundle against the local GitHub API:
 * - an unticked checklist item leaves the gate pending: the check run asks for action
 *   (`action_required`), says what to tick, and the step fails; ticking the box and
 *   re-running on `pull_request: edited` clears it;
 * - `requires: [staging]` makes production's preflight wait for staging's smoke gate on
 *   the same commit AND config: a pass recorded for another config digest does not count.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFIG_IN_REPO,
  HEAD_SHA,
  PR_NUMBER,
  REPO,
  expectExit,
  githubState,
  lineOf,
  makeWorkspace,
  pullRequestEvent,
  runGate,
  stagedConfig,
  startService,
  withGitHub,
  type Service,
} from './harness.js';

const CONFIG = stagedConfig(`    - name: cost guardrails verified in staging
      checklist:
        - Cost guardrails verified in staging
`);

const UNTICKED = 'Release notes.\n\n- [ ] Cost guardrails verified in staging\n';
const TICKED = 'Release notes.\n\n- [x] Cost guardrails verified in staging\n';

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.stop();
});

function checkRun(gh: Parameters<typeof githubState>[0], name: string) {
  return githubState(gh)
    .checkRuns.filter((run) => run.name === name)
    .at(-1);
}

describe('preflight checklist', () => {
  it('is pending until the box is ticked, then passes on the edited re-run', () =>
    withGitHub(async (gh) => {
      const workspace = makeWorkspace(CONFIG);
      const pr = gh.state.repo(REPO).issues.get(PR_NUMBER)!;
      pr.body = UNTICKED;
      const first = await runGate({ gh, workspace: workspace.dir, serviceUrl: service.url, action: 'preflight', environment: 'staging' });
      expectExit(first, 1);
      expect(first.outputs.result).toBe('pending');
      const pending = checkRun(gh, 'release-gates / preflight (staging)');
      expect(pending).toMatchObject({ headSha: HEAD_SHA, status: 'completed', conclusion: 'action_required' });
      expect(pending?.output.text ?? '').toContain('Cost guardrails verified in staging');
      expect(first.summary).toMatch(/tick/i);
      // The warning annotation sits on the checklist's line in the config.
      const line = lineOf(workspace.config, '- name: cost guardrails verified in staging');
      expect(pending?.annotations.map((a) => a.start_line)).toEqual([line]);

      pr.body = TICKED;
      const second = await runGate({
        gh,
        workspace: workspace.dir,
        serviceUrl: service.url,
        action: 'preflight',
        environment: 'staging',
        event: { ...(pullRequestEvent({ body: TICKED }) as object), action: 'edited' },
      });
      expectExit(second, 0);
      expect(second.outputs.result).toBe('passed');
      expect(checkRun(gh, 'release-gates / preflight (staging)')).toMatchObject({ conclusion: 'success' });
    }));
});

describe('environment order (requires: [staging])', () => {
  it("production waits for staging's smoke pass on the same commit and config", () =>
    withGitHub(async (gh) => {
      gh.state.repo(REPO).issues.get(PR_NUMBER)!.body = TICKED;
      const workspace = makeWorkspace(CONFIG);
      const run = (action: 'smoke' | 'preflight', environment: string) =>
        runGate({ gh, workspace: workspace.dir, serviceUrl: service.url, action, environment });

      const early = await run('preflight', 'production');
      expectExit(early, 1);
      expect(checkRun(gh, 'release-gates / preflight (production)')).toMatchObject({ conclusion: 'failure' });
      // The implied check is reported at the `requires:` entry.
      const requiresLine = lineOf(workspace.config, 'requires: [staging]');
      const failing = checkRun(gh, 'release-gates / preflight (production)')!;
      expect(failing.annotations.map((a) => a.start_line)).toContain(requiresLine);

      expectExit(await run('smoke', 'staging'), 0, 'staging smoke');
      const after = await run('preflight', 'production');
      expectExit(after, 0);
      expect(checkRun(gh, 'release-gates / preflight (production)')).toMatchObject({ conclusion: 'success' });

      // Change the config: staging's pass was for the old digest and no longer counts.
      const file = join(workspace.dir, CONFIG_IN_REPO);
      writeFileSync(file, `${readFileSync(file, 'utf8')}# changed\n`);
      const changed = await run('preflight', 'production');
      expectExit(changed, 1);
      expect(checkRun(gh, 'release-gates / preflight (production)')?.output.text ?? '').toMatch(
        /success for config sha256:[0-9a-f]+…, not this config sha256:/,
      );
    }));
});
