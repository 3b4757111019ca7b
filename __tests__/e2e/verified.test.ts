/**
 * A gate passes only when it verified (issue #7), through the real bundle:
 * - without a token, a production preflight with `environment-passed` (implied by
 *   `requires:`), `github-ci` and `github-approvals` exits 1, in Actions and in the CLI,
 *   listing each check as not verified with its reason and the fix;
 * - an `optional: true` check that could not be verified reads "not verified (optional)"
 *   in the terminal, the job summary, the check run, the comment and the evidence
 *   record, and does not block;
 * - after a gate that failed or waits for a person, the later gates are not run and are
 *   reported as skipped: a cancelled check run, the comment, the job summary, the
 *   evidence, the exit code, and not one request to the later gate's target.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { commentCells } from '../support/comment-cells.js';
import {
  CONFIG_IN_REPO,
  PR_NUMBER,
  REPO,
  commands,
  expectCliExit,
  expectExit,
  githubState,
  makeWorkspace,
  readReport,
  runCli,
  runGate,
  stagedConfig,
  startEchoServer,
  startService,
  withGitHub,
  type Service,
} from './harness.js';

const NEEDS_GITHUB = stagedConfig(`    - name: main green in CI
      github-ci: { branch: main }
    - name: PR approved
      github-approvals: { min: 1 }
`);
const NOT_VERIFIED = ['staging passed for this commit', 'main green in CI', 'PR approved'];

const OPTIONAL = `version: 1
environments:
  staging: { url: "\${API_BASE}" }
preflight:
  checks:
    - name: main green in CI
      github-ci: { branch: main }
      optional: true
    - name: liveness
      http: GET /healthz
      expect: { json: { $.status: ok } }
`;

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.stop();
});

interface RecordedCheck {
  name: string;
  status: string;
  summary: string;
  optional?: boolean;
}
const checksOf = (record: Record<string, unknown>, gate = 0): RecordedCheck[] =>
  (record.gates as { checks: RecordedCheck[] }[])[gate]!.checks;

describe('without a token, a production preflight that reads GitHub is not verified, and fails', () => {
  it('in Actions: exit 1, each check not verified with its reason and the fix, in the annotations, summary and evidence', () =>
    withGitHub(async (gh) => {
      const workspace = makeWorkspace(NEEDS_GITHUB);
      const result = await runGate({
        gh,
        workspace: workspace.dir,
        serviceUrl: service.url,
        action: 'preflight',
        environment: 'production',
        token: '',
      });

      expectExit(result, 1, 'production preflight without a token');
      expect(result.outputs.result).toBe('failed');
      expect(gh.requests).toEqual([]);
      const checks = checksOf(readReport(result.outputs.report!));
      expect(checks.map((check) => [check.name, check.status])).toEqual(NOT_VERIFIED.map((name) => [name, 'unverified']));
      for (const check of checks) expect(check.summary).toMatch(/^not verified: .*set GITHUB_TOKEN and GITHUB_REPOSITORY/);
      // Each one is an error annotation at its config line, and a row of the job summary.
      const errors = commands(result, 'error').filter((c) => c.properties.file === CONFIG_IN_REPO);
      expect(errors.map((c) => c.properties.title)).toEqual(NOT_VERIFIED.map((name) => `preflight: ${name}`));
      for (const error of errors) expect(error.message).toContain('set GITHUB_TOKEN and GITHUB_REPOSITORY');
      for (const name of NOT_VERIFIED) expect(result.summary).toMatch(new RegExp(`\\| \\[${name}\\]\\([^)]+\\) \\| ⚠️ not verified \\|`));
      expect(result.summary).toContain('3 not verified');
    }));

  it('in the CLI: exit 1, and the table and the list of failures name each check, its reason and the fix', async () => {
    const workspace = makeWorkspace(NEEDS_GITHUB);
    const run = await runCli(['run', 'preflight', '--config', CONFIG_IN_REPO, '--env', 'production', '--pr', String(PR_NUMBER)], {
      cwd: workspace.dir,
      env: { API_BASE: service.url },
      json: true,
    });

    expectCliExit(run, 1, 'release-gates run preflight --env production without a token');
    expect(run.record?.gates?.[0]?.checks?.map((check) => [check.name, check.status])).toEqual(
      NOT_VERIFIED.map((name) => [name, 'unverified']),
    );
    for (const name of NOT_VERIFIED) {
      expect(run.stdout).toMatch(new RegExp(`│ ${name}\\s+│ \\? not verified`));
      expect(run.stdout).toMatch(new RegExp(`\\? not verified ${name} .*\\n\\s+not verified: .*set GITHUB_TOKEN and GITHUB_REPOSITORY`));
    }
    expect(run.stdout).toContain('preflight (production): ✗ failed, 3 not verified');
  });

  it('in the CLI without --pr: the approvals check does not apply (skipped), the others are still not verified', async () => {
    const workspace = makeWorkspace(NEEDS_GITHUB);
    const run = await runCli(['run', 'preflight', '--config', CONFIG_IN_REPO, '--env', 'production'], {
      cwd: workspace.dir,
      env: { API_BASE: service.url },
      json: true,
    });
    expectCliExit(run, 1);
    expect(run.record?.gates?.[0]?.checks?.map((check) => check.status)).toEqual(['unverified', 'unverified', 'skipped']);
  });
});

describe('optional: true', () => {
  it('reads "not verified (optional)" in the check run, the comment, the job summary and the evidence, and does not block', () =>
    withGitHub(async (gh) => {
      // GitHub cannot answer the CI check (a 5xx on every try).
      gh.faults.add({ kind: '500', method: 'GET', path: '/repos/{owner}/{repo}/branches/{branch}', times: Infinity });
      const workspace = makeWorkspace(OPTIONAL);
      const result = await runGate({ gh, workspace: workspace.dir, serviceUrl: service.url, action: 'preflight', environment: 'staging' });

      expectExit(result, 0, 'a preflight whose only unverified check is optional');
      expect(result.outputs.result).toBe('passed');
      const [check] = checksOf(readReport(result.outputs.report!));
      expect(check).toMatchObject({ name: 'main green in CI', status: 'unverified', optional: true });

      const { checkRuns, comments } = githubState(gh);
      const run = checkRuns.find((r) => r.name === 'release-gates / preflight (staging)')!;
      expect(run).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: '1 not verified (optional), 1 passed' } });
      expect(run.output.summary).toContain('| ⚠️ not verified (optional) |');
      expect(run.output.text).toContain('### ⚠️ main green in CI — not verified (optional)');
      expect(run.annotations).toEqual([
        expect.objectContaining({ annotation_level: 'warning', title: 'preflight: main green in CI — not verified (optional)' }),
      ]);
      expect(commentCells(comments[0]!.body, 'preflight').staging).toContain('✅ passed · 1 not verified (optional), 1 passed');
      expect(result.summary).toContain('| ⚠️ not verified (optional) |');
      expect(result.summary).toMatch(
        /⚠️ main green in CI — not verified \(optional\) · <code>[^<]*<\/code>: not verified: GitHub answered 500/,
      );
    }));

  it('reads "not verified (optional)" in the terminal, and the CLI exits 0', async () => {
    const workspace = makeWorkspace(OPTIONAL);
    const run = await runCli(['run', 'preflight', '--config', CONFIG_IN_REPO, '--env', 'staging'], {
      cwd: workspace.dir,
      env: { API_BASE: service.url },
      json: true,
    });
    expectCliExit(run, 0, 'an optional check without a token');
    expect(run.stdout).toMatch(/│ main green in CI\s+│ \? not verified \(optional\)/);
    expect(run.stdout).toContain('preflight (staging): ✓ passed, 1 not verified (optional), 1 passed');
    expect(run.record?.gates?.[0]?.checks?.[0]).toMatchObject({ status: 'unverified', optional: true });
  });
});

describe('after a gate that did not pass, the later gates are skipped and reported as skipped', () => {
  const config = (preflight: string): string => `version: 1
environments:
  staging: { url: "\${SMOKE_BASE}" }
preflight:
  checks:
${preflight}
smoke:
  checks:
    - name: liveness
      http: GET /healthz
`;

  it.each<[string, string, string]>([
    ['failed', '    - name: deploy token present\n      env: DEPLOY_KEY_THAT_IS_NOT_SET', 'failed'],
    ['pending', '    - name: sign-off\n      checklist: [Release notes reviewed]', 'pending'],
  ])('preflight %s: smoke never runs, its check run is cancelled, the comment and summary say skipped', (_label, preflight, result) =>
    withGitHub(async (gh) => {
      gh.state.repo(REPO).issues.get(PR_NUMBER)!.body = '- [ ] Release notes reviewed';
      let smokeRequests = 0;
      const target = await startEchoServer(() => {
        smokeRequests++;
        return { status: 200, body: '{"status":"ok"}' };
      });
      try {
        const workspace = makeWorkspace(config(preflight));
        const run = await runGate({
          gh,
          workspace: workspace.dir,
          serviceUrl: service.url,
          action: 'root',
          environment: 'staging',
          with: { gates: 'preflight smoke' },
          env: { SMOKE_BASE: target.url },
        });

        expectExit(run, 1, `preflight ${result}, smoke after it`);
        expect(run.outputs.result).toBe(result);
        expect(smokeRequests).toBe(0);
        const { checkRuns, comments } = githubState(gh);
        expect(checkRuns.map((r) => [r.name, r.status, r.conclusion, r.output.title])).toEqual([
          ['release-gates / preflight (staging)', 'completed', result === 'failed' ? 'failure' : 'action_required', `1 ${result}`],
          ['release-gates / smoke (staging)', 'completed', 'cancelled', 'not run: gate preflight did not pass'],
        ]);
        expect(commentCells(comments[0]!.body, 'smoke').staging).toContain('⏭️ skipped · not run: gate preflight did not pass');
        expect(run.summary).toContain('| smoke | ⏭️ skipped · not run: gate preflight did not pass |');
        const gates = readReport(run.outputs.report!).gates as { gate: string; status: string; reason?: string; checks: unknown[] }[];
        expect(gates.map((g) => [g.gate, g.status, g.reason, g.checks.length])).toEqual([
          ['preflight', result, undefined, 1],
          ['smoke', 'skipped', 'not run: gate preflight did not pass', 0],
        ]);
      } finally {
        await target.close();
      }
    }),
  );
});
