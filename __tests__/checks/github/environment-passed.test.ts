/**
 * `environment-passed` and the checks implied by `requires:` (runbook 000: "Do not
 * progress until smoke checks pass in the previous environment"): results count only for
 * the same commit and the same config digest (PRODUCT.md, "Beyond the peers").
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { ConfigurationError } from '../../../src/errors.js';
import { smokeGate } from '../../../src/gates/smoke/index.js';
import { preflightGate } from '../../../src/gates/preflight/index.js';
import { digestIn, digestMarker } from '../../../src/evidence/identity.js';
import { fakeSha, type AppRec, type CheckRunRec } from '../../support/github-api/index.js';
import { CONFIG_FILE, lineOf, preflightConfig, runWithGitHub, useGitHubApi, type GitHubRunOptions } from './helpers.js';

const server = useGitHubApi();
let app: Server;
let appUrl: string;

beforeAll(async () => {
  // The staging app the smoke gate checks.
  app = createServer((req, res) => {
    const ok = req.url === '/readyz';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { status: 'ok', database: { ok: true, migrations_current: true } } : { detail: 'Not Found' }));
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

const HEAD = fakeSha('codex/pre-pilot-hardening@5');
const PR = 88;

/** Runbook 000's order: staging, then production; smoke against each. */
function rollout(comment = ''): string {
  return `version: 1
${comment}environments:
  staging: { url: "${appUrl}" }
  production:
    url: "${appUrl}"
    requires: [staging]
preflight:
  checks:
    - name: No open P0 incidents
      github-issues: { labels: [P0] }
smoke:
  checks:
    - name: readiness
      http: GET /readyz
      expect: { status: 200, json: { $.status: ok, $.database.migrations_current: true } }
`;
}

/** Runs preflight and smoke on staging and reports them as check runs, as the action does. */
async function stagingRun(yaml: string) {
  return runWithGitHub(yaml, {
    server,
    eventName: 'push',
    headSha: HEAD,
    environment: 'staging',
    gates: [preflightGate, smokeGate],
    report: true,
  });
}

/** Runs preflight on production for HEAD; `options` adds to or overrides that. */
async function productionRun(yaml: string, options: GitHubRunOptions = {}) {
  return runWithGitHub(yaml, { server, headSha: HEAD, environment: 'production', ...options });
}

describe('environment-passed, end to end through the check runs', () => {
  it("production's preflight passes once staging passed for this commit and config; another config's success does not count", async () => {
    server.state.addPullRequest({ number: PR, headSha: HEAD, title: 'Pre-pilot hardening' });
    const yaml = rollout();

    // Before staging ran: the implied check fails.
    const early = await productionRun(yaml, { pr: PR });
    expect(early.check()).toMatchObject({
      kind: 'environment-passed',
      name: 'staging passed for this commit',
      status: 'failed',
      summary: `no release-gates results for staging on ${HEAD.slice(0, 12)}: run the staging gates on this commit first`,
    });

    const staging = await stagingRun(yaml);
    expect(staging.run.status).toBe('passed');
    // The completed check runs carry the config digest.
    const runs = server.state.repo().checkRuns.filter((run) => run.name.endsWith('(staging)'));
    expect(runs.map((run) => [run.name, run.conclusion])).toEqual([
      ['release-gates / preflight (staging)', 'success'],
      ['release-gates / smoke (staging)', 'success'],
    ]);
    for (const run of runs) expect(digestIn(run.output.summary ?? undefined)).toBe(staging.loaded.source.digest);

    const production = await productionRun(yaml, { pr: PR });
    expect(production.check()).toMatchObject({
      status: 'passed',
      summary: `staging passed for ${HEAD.slice(0, 12)} and this config: preflight and smoke (check runs by github-actions)`,
    });

    // The same commit with another config: staging's results do not count.
    const changed = rollout('# readiness now also checks migrations\n');
    const other = await productionRun(changed, { pr: PR });
    const digest = staging.loaded.source.digest.slice(0, 19);
    expect(other.check()).toMatchObject({
      status: 'failed',
      summary:
        `staging has not passed for ${HEAD.slice(0, 12)} with this config: ` +
        `preflight passed only for config ${digest}…, which does not count for this config; ` +
        `smoke passed only for config ${digest}…, which does not count for this config`,
    });
    expect(other.check().details[1]).toMatch(
      new RegExp(
        `^✗ release-gates / smoke \\(staging\\): success for config ${digest}…, not this config ${other.loaded.source.digest.slice(0, 19)}… https://github.com/owner/repo/runs/\\d+$`,
      ),
    );

    // Staging run again with the new config: now it counts.
    await stagingRun(changed);
    const after = await productionRun(changed, { pr: PR });
    expect(after.check().status).toBe('passed');
  });
});

describe('a partial run (--check) never satisfies environment-passed', () => {
  it('refuses a staging run of some checks, and counts the full run after it', async () => {
    const head = fakeSha('partial-run@1');
    const yaml = rollout('# partial\n');
    const partial = await runWithGitHub(yaml, {
      server,
      eventName: 'push',
      headSha: head,
      environment: 'staging',
      gates: [smokeGate],
      report: true,
      only: ['readiness'],
    });
    expect(partial.run.status).toBe('passed');
    // Every check of the gate matched: not partial after all. With a second check, it is.
    expect(partial.run.gates[0]?.partial).toBeUndefined();
    const wider = yaml.replace(
      'smoke:\n  checks:\n',
      'smoke:\n  checks:\n    - name: liveness\n      http: GET /livez\n      expect: { status: 404 }\n',
    );
    const some = await runWithGitHub(wider, {
      server,
      eventName: 'push',
      headSha: head,
      environment: 'staging',
      gates: [smokeGate],
      report: true,
      only: ['readiness'],
    });
    expect(some.run.gates[0]?.partial).toEqual({ only: ['readiness'], notRun: 1 });
    const run = server.state
      .repo()
      .checkRuns.filter((checkRun) => checkRun.headSha === head && checkRun.name === 'release-gates / smoke (staging)')
      .at(-1);
    expect(run?.conclusion).toBe('success');
    expect(run?.output.summary).toContain('<!-- release-gates:partial -->');
    expect(run?.output.summary).toContain('**Partial run:** only checks matching `readiness` ran; 1 check was not run.');

    const production = await runWithGitHub(wider, {
      server,
      headSha: head,
      environment: 'production',
      gates: [preflightGate],
    });
    expect(production.check('staging passed for this commit')).toMatchObject({
      status: 'failed',
      summary: `staging has not passed for ${head.slice(0, 12)} with this config: smoke ran only some checks (--check), which does not count`,
    });

    // The whole gate on staging: now production may go.
    await runWithGitHub(wider, { server, eventName: 'push', headSha: head, environment: 'staging', gates: [smokeGate], report: true });
    const after = await runWithGitHub(wider, { server, headSha: head, environment: 'production', gates: [preflightGate] });
    expect(after.check('staging passed for this commit').status).toBe('passed');
  });
});

describe('environment-passed, from seeded check runs', () => {
  const SMOKE_ONLY = preflightConfig(
    '    - name: Staging smoke passed\n      environment-passed: { environment: staging, gates: [smoke] }\n',
  );
  const digest = parseConfig(CONFIG_FILE, SMOKE_ONLY).source.digest;
  const summary = (text: string, configDigest = digest): string =>
    `**smoke** against **staging** for \`${HEAD.slice(0, 12)}\`\n\n${text}\n${digestMarker(configDigest)}`;

  /** A completed check run `release-gates / <name>` on HEAD for this config, its summary ending in `text`. */
  function checkRun(name: string, conclusion: string, title: string, text: string, app?: AppRec): CheckRunRec {
    return server.state.addCheckRun({
      headSha: HEAD,
      name: `release-gates / ${name}`,
      conclusion,
      output: { title, summary: summary(text) },
      ...(app ? { app } : {}),
    });
  }
  /** Staging's smoke passed on HEAD for this config. */
  const stagingSmokePassed = (): void => {
    checkRun('smoke (staging)', 'success', '3 passed', 'ok');
  };

  it('the newest run for this config decides: a re-run that failed outweighs an earlier success', async () => {
    stagingSmokePassed();
    checkRun('smoke (staging)', 'failure', '1 failed, 2 passed', 'readiness failed');
    const { check } = await productionRun(SMOKE_ONLY);
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `staging has not passed for ${HEAD.slice(0, 12)} with this config: smoke failure`,
      measured: 'smoke failure',
    });
  });

  it.each(['neutral', 'skipped', 'cancelled', 'action_required'])(
    'only success counts: a staging smoke that concluded %s does not, though required checks may let it pass',
    async (conclusion) => {
      checkRun('smoke (staging)', conclusion, 'x', 'x');
      const { check } = await productionRun(SMOKE_ONLY);
      expect(check()).toMatchObject({
        status: 'failed',
        summary: `staging has not passed for ${HEAD.slice(0, 12)} with this config: smoke ${conclusion}`,
      });
    },
  );

  it('names the check run and the app that satisfied it, in the details and the evidence data', async () => {
    const run = checkRun('smoke (staging)', 'success', '3 passed', 'ok');
    const { check } = await productionRun(SMOKE_ONLY);
    const url = `https://github.com/owner/repo/runs/${run.id}`;
    expect(check().details).toEqual([
      `✓ release-gates / smoke (staging): success for this config: check run ${run.id} ${url} by github-actions (app 15368)`,
    ]);
    expect(check().data).toEqual({
      app: { id: 15368, slug: 'github-actions' },
      counted: [
        {
          gate: 'smoke',
          passed: true,
          checkRun: {
            id: run.id,
            name: 'release-gates / smoke (staging)',
            url,
            status: 'completed',
            conclusion: 'success',
            app: 'github-actions (app 15368)',
          },
        },
      ],
      ignored: [],
    });
  });

  const FORGER: AppRec = { id: 4242, slug: 'helpful-bot', name: 'Helpful Bot' };

  it('a success created by another app never counts, even with the right name and digest; the evidence lists it as ignored', async () => {
    const forged = checkRun('smoke (staging)', 'success', '3 passed', 'ok', FORGER);
    const { check } = await productionRun(SMOKE_ONLY);
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `staging has not passed for ${HEAD.slice(0, 12)} with this config: smoke has not run on this commit (only 1 by another app, which never count)`,
    });
    expect(check().details).toEqual([
      "✗ release-gates / smoke (staging): no check run on this commit by the token's app",
      expect.stringMatching(
        new RegExp(
          `^ignored: release-gates / smoke \\(staging\\): check run ${forged.id} \\S+ by helpful-bot \\(app 4242\\), not by the token's app github-actions`,
        ),
      ),
    ]);
    expect((check().data as { ignored: { id: number }[] }).ignored.map((run) => run.id)).toEqual([forged.id]);
  });

  it("another app's newer success does not outweigh our own failure", async () => {
    checkRun('smoke (staging)', 'failure', '1 failed', 'readiness failed');
    checkRun('smoke (staging)', 'success', '3 passed', 'ok', FORGER);
    const { check } = await productionRun(SMOKE_ONLY);
    expect(check()).toMatchObject({ status: 'failed', measured: 'smoke failure' });
  });

  it('a result for another commit never counts', async () => {
    stagingSmokePassed();
    const next = fakeSha('codex/pre-pilot-hardening@6');
    const { check } = await productionRun(SMOKE_ONLY, { headSha: next });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `staging has not passed for ${next.slice(0, 12)} with this config: smoke has not run on this commit`,
    });
  });

  it('names only the listed gates: a failed staging preflight does not matter to gates: [smoke]', async () => {
    checkRun('preflight (staging)', 'failure', '1 failed', 'x');
    stagingSmokePassed();
    checkRun('smoke (production)', 'failure', '1 failed', 'x');
    const { check } = await productionRun(SMOKE_ONLY);
    expect(check()).toMatchObject({
      status: 'passed',
      summary: `staging passed for ${HEAD.slice(0, 12)} and this config: smoke (check runs by github-actions)`,
    });
  });

  it('a staging run still in progress fails the attempt, saying it has not finished (retry waits)', async () => {
    server.state.addCheckRun({
      headSha: HEAD,
      name: 'release-gates / smoke (staging)',
      status: 'in_progress',
      output: { title: 'running', summary: '**smoke** is running against **staging**.' },
    });
    const { check } = await productionRun(SMOKE_ONLY);
    expect(check()).toMatchObject({
      status: 'failed',
      summary: `staging has not finished for ${HEAD.slice(0, 12)} with this config: smoke still running`,
    });
  });

  it('reads every page: the staging run behind 130 CI runs on the commit', async () => {
    stagingSmokePassed();
    for (let i = 0; i < 130; i++) server.state.addCheckRun({ headSha: HEAD, name: `test (shard ${i})`, conclusion: 'success' });
    const { check } = await productionRun(SMOKE_ONLY);
    expect(check().status).toBe('passed');
    expect(server.requestsTo('checks/list-for-ref')).toHaveLength(2);
  });

  it("a refused API call is not verified, with GitHub's answer, and fails the gate", async () => {
    server.faults.add({ kind: 'read-only', path: '/repos/{owner}/{repo}/commits/{ref}/check-runs' });
    const { check, run } = await productionRun(SMOKE_ONLY);
    expect(run.gates[0]!.status).toBe('failed');
    expect(check()).toMatchObject({
      status: 'unverified',
      summary: `not verified: GitHub answered 403 "Resource not accessible by integration" when listing the check runs of ${HEAD.slice(0, 12)}`,
    });
  });
});

describe('checks implied by requires:', () => {
  it('adds one environment-passed check per required environment, located on the requires: line', async () => {
    const yaml = preflightConfig('    - github-issues: { labels: [P0] }\n');
    const { run } = await productionRun(yaml);
    const checks = run.gates[0]!.checks;
    expect(checks.map((check) => [check.kind, check.name])).toEqual([
      ['environment-passed', 'staging passed for this commit'],
      ['github-issues', 'no open issues labelled P0'],
    ]);
    const line = lineOf(yaml, 'requires: [staging]');
    const column = yaml.split('\n')[line - 1]!.indexOf('staging') + 1;
    expect(checks[0]!.location).toEqual({ file: CONFIG_FILE, line, column });
    expect(checks[0]!.status).toBe('failed');
  });

  it('adds nothing when the section checks that environment itself, or for an environment that requires none', async () => {
    const yaml = preflightConfig('    - environment-passed: { environment: staging, gates: [smoke] }\n');
    const production = await productionRun(yaml);
    expect(production.run.gates[0]!.checks.map((check) => check.name)).toEqual(['staging smoke passed for this commit']);
    const staging = await runWithGitHub(preflightConfig('    - github-issues: { labels: [P0] }\n'), {
      server,
      headSha: HEAD,
      environment: 'staging',
    });
    expect(staging.run.gates[0]!.checks.map((check) => check.kind)).toEqual(['github-issues']);
  });

  it('without GitHub, the implied check is not verified, with the reason, and the gate fails', async () => {
    const { check, run } = await runWithGitHub(preflightConfig('    - github-issues: { labels: [P0] }\n'), {
      headSha: HEAD,
      environment: 'production',
    });
    expect(run.gates[0]!.status).toBe('failed');
    expect(check()).toMatchObject({ kind: 'environment-passed', status: 'unverified' });
    expect(check().summary).toContain('set GITHUB_TOKEN and GITHUB_REPOSITORY');
  });
});

describe('environment-passed: config', () => {
  it('an unknown environment is a config problem at its line', () => {
    const yaml = preflightConfig('    - environment-passed: stagin\n');
    let error: unknown;
    try {
      parseConfig(CONFIG_FILE, yaml);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      {
        location: { file: CONFIG_FILE, line: lineOf(yaml, 'environment-passed: stagin'), column: '    - environment-passed: '.length + 1 },
        message: 'preflight.checks[0].environment-passed: unknown environment "stagin" (expected one of: staging, production)',
      },
    ]);
  });
});
