/**
 * Evidence that another app cannot forge (issue #7), through the real bundle:
 * production's preflight counts staging's `release-gates / smoke (staging)` only when the
 * token's own app created it and it concluded `success`, and its evidence names the run
 * (id, URL) and the app. The token's app is learned from the job's own check run: with
 * an app's installation token, a run made with `GITHUB_TOKEN` does not count either.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { digestMarker } from '../../src/evidence/identity.js';
import type { AppRec, GitHubApiServer } from '../support/github-api/index.js';
import {
  HEAD_SHA,
  expectExit,
  githubState,
  makeWorkspace,
  readReport,
  runGate,
  stagedConfig,
  startService,
  withGitHub,
  type GateRunResult,
  type Service,
} from './harness.js';

const CONFIG = stagedConfig(`    - name: runner has a PATH
      env: PATH
`);

const FORGER: AppRec = { id: 4242, slug: 'helpful-bot', name: 'Helpful Bot' };
const RELEASE_BOT: AppRec = { id: 777001, slug: 'release-bot', name: 'Release Bot' };
const RELEASE_BOT_TOKEN = 'ghs_releaseBotInstallationT0ken';

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.stop();
});

interface EnvironmentEvidence {
  app: { id: number; slug: string };
  counted: { gate: string; passed: boolean; checkRun: { id: number; url: string; conclusion: string; app: string } }[];
  ignored: { id: number; app: string }[];
}

/** The implied environment-passed check of a production preflight, from its evidence record. */
function environmentCheck(result: GateRunResult): { status: string; summary: string; details: string[]; data: EnvironmentEvidence } {
  const gates = readReport(result.outputs.report!).gates as { checks: { kind: string }[] }[];
  return gates[0]!.checks.find((check) => check.kind === 'environment-passed') as never;
}

function runner(gh: GitHubApiServer, workspace: string) {
  return (action: 'smoke' | 'preflight', environment: string, token?: string): Promise<GateRunResult> =>
    runGate({ gh, workspace, serviceUrl: service.url, action, environment, ...(token ? { token } : {}) });
}

it("a staging success by another app, or one that is neutral, never lets production through; the token's own run does, named in the evidence", () =>
  withGitHub(async (gh) => {
    const workspace = makeWorkspace(CONFIG);
    const run = runner(gh, workspace.dir);
    const digest = (readReport((await run('preflight', 'production')).outputs.report!) as { configDigest: string }).configDigest;
    const forge = (conclusion: string, app?: AppRec) =>
      gh.state.addCheckRun({
        headSha: HEAD_SHA,
        name: 'release-gates / smoke (staging)',
        conclusion,
        output: { title: '1 passed', summary: `looks legit\n${digestMarker(digest)}` },
        ...(app ? { app } : {}),
      });

    const forged = forge('success', FORGER);
    const afterForgery = await run('preflight', 'production');
    expectExit(afterForgery, 1, 'production preflight after a forged staging success');
    const rejected = environmentCheck(afterForgery);
    expect(rejected.status).toBe('failed');
    expect(rejected.data.ignored.map((r) => [r.id, r.app])).toEqual([[forged.id, 'helpful-bot (app 4242)']]);
    expect(rejected.details).toContainEqual(
      expect.stringMatching(/^ignored: release-gates \/ smoke \(staging\): check run \d+ .* by helpful-bot/),
    );

    forge('neutral');
    const afterNeutral = await run('preflight', 'production');
    expectExit(afterNeutral, 1, 'production preflight after a neutral staging smoke');
    expect(environmentCheck(afterNeutral).summary).toContain('smoke neutral');

    expectExit(await run('smoke', 'staging'), 0, 'staging smoke');
    const stagingRun = githubState(gh)
      .checkRuns.filter((r) => r.name === 'release-gates / smoke (staging)')
      .at(-1)!;
    const passed = await run('preflight', 'production');
    expectExit(passed, 0, 'production preflight after the real staging smoke');
    const counted = environmentCheck(passed);
    expect(counted.data.app).toEqual({ id: 15368, slug: 'github-actions' });
    expect(counted.data.counted).toEqual([
      {
        gate: 'smoke',
        passed: true,
        checkRun: expect.objectContaining({
          id: stagingRun.id,
          url: `https://github.com/owner/repo/runs/${stagingRun.id}`,
          conclusion: 'success',
          app: 'github-actions (app 15368)',
        }),
      },
    ]);
    expect(counted.details[0]).toBe(
      `✓ release-gates / smoke (staging): success for this config: check run ${stagingRun.id} https://github.com/owner/repo/runs/${stagingRun.id} by github-actions (app 15368)`,
    );
  }));

it("with an app's installation token, the app is learned from the job's own check run: a GITHUB_TOKEN run does not count", () =>
  withGitHub(
    async (gh) => {
      const workspace = makeWorkspace(CONFIG);
      const run = runner(gh, workspace.dir);

      expectExit(await run('smoke', 'staging'), 0, 'staging smoke with GITHUB_TOKEN');
      const other = await run('preflight', 'production', RELEASE_BOT_TOKEN);
      expectExit(other, 1, 'production preflight as release-bot after a github-actions staging run');
      expect(environmentCheck(other).data).toMatchObject({ app: { id: RELEASE_BOT.id, slug: 'release-bot' }, counted: [] });
      expect(environmentCheck(other).data.ignored.map((r) => r.app)).toEqual(['github-actions (app 15368)']);

      expectExit(await run('smoke', 'staging', RELEASE_BOT_TOKEN), 0, 'staging smoke as release-bot');
      const own = await run('preflight', 'production', RELEASE_BOT_TOKEN);
      expectExit(own, 0, 'production preflight as release-bot after its own staging run');
      expect(environmentCheck(own).data.counted.map((c) => c.checkRun.app)).toEqual(['release-bot (app 777001)']);
      // Its comment is release-bot[bot]'s: GITHUB_TOKEN's comment on the PR is not edited by it.
      const authors = githubState(gh).comments.map((c) => c.user);
      expect(authors.sort()).toEqual(['github-actions[bot]', 'release-bot[bot]']);
    },
    { identities: { [RELEASE_BOT_TOKEN]: { login: 'release-bot[bot]', app: RELEASE_BOT } } },
  ));
