/**
 * actions/rollback end to end (issue #11): the real bundle run by the test runner with
 * the runner's env contract, on a `workflow_dispatch` from the monitor gate, against the
 * local GitHub API seeded with a release history (`../gates/rollback/history.ts`) and the
 * example service deployed at the bad revision by the example's deploy command.
 *
 * It rolls back to the last known good (the service restarts at that revision and the
 * smoke checks verify it), across a destructive migration only because confirm-database
 * is given, and leaves a deployment with its statuses, an incident issue and a comment on
 * the pull request that shipped the bad revision. The pin then keeps the bad revision
 * out of a push run's preflight, and clears when a newer commit passes the gates.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BAD_PR, ENVIRONMENT, seedHistory, type History } from '../gates/rollback/history.js';
import type { GitHubApiServer } from '../support/github-api/index.js';
import { CREDENTIALS, REPO, ROOT, githubState, leaks, makeWorkspace, runGate, runStep, withGitHub } from './harness.js';

const DEPLOY = join(ROOT, 'examples/go-no-go/deploy.mjs');
let state: string;

function deploy(...args: string[]): string {
  const result = spawnSync(process.execPath, [DEPLOY, '--state', state, ...args], {
    env: { PATH: process.env.PATH ?? '', ...CREDENTIALS },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`deploy.mjs ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

async function revision(url: string): Promise<string> {
  return ((await (await fetch(`${url}/version`)).json()) as { revision: string }).revision;
}

beforeAll(() => {
  state = mkdtempSync(join(tmpdir(), 'rg-e2e-deploy-'));
});
afterAll(() => {
  deploy('--stop');
});

/** The bad revision's build has the estimator regression; every other build is healthy. */
function deployBad(history: History): string {
  writeFileSync(join(state, 'releases.json'), JSON.stringify({ [history.B]: { SERVICE_FAULT: 'estimate-schema' } }));
  deploy('--revision', history.B);
  return `http://127.0.0.1:${readFileSync(join(state, 'service.port'), 'utf8').trim()}`;
}

function rollback(gh: GitHubApiServer, workspace: string, serviceUrl: string, history: History) {
  return runGate({
    gh,
    workspace,
    serviceUrl,
    action: 'rollback',
    environment: ENVIRONMENT,
    eventName: 'workflow_dispatch',
    event: { inputs: { environment: ENVIRONMENT }, ref: 'refs/heads/main', repository: { full_name: REPO } },
    sha: history.B,
    actor: 'github-actions[bot]',
    with: { reason: 'monitor breach: error rate 7.5% > 1% for 2m', 'confirm-database': 'true' },
    env: { APP_DIR: join(ROOT, 'examples/go-no-go'), DEPLOY_STATE: state },
  });
}

describe('actions/rollback', () => {
  it('rolls back to the last known good, verifies it, and leaves a deployment, an incident issue and a PR comment', () =>
    withGitHub(async (gh) => {
      const workspace = makeWorkspace();
      const history = seedHistory(gh, `sha256:${createHash('sha256').update(workspace.config).digest('hex')}`);
      const serviceUrl = deployBad(history);
      expect(await revision(serviceUrl)).toBe(history.B);

      const before = gh.requests.length;
      const result = await rollback(gh, workspace.dir, serviceUrl, history);
      const requests = gh.requests.slice(before);
      expect({ exit: runStep(result).exitCode, result: result.outputs.result }).toEqual({ exit: 0, result: 'passed' });
      // The service runs the target now, on the same URL, and the smoke checks verified it.
      expect(await revision(serviceUrl)).toBe(history.T);

      const rec = gh.state.repo(REPO);
      const deployment = rec.deployments.at(-1)!;
      expect(deployment).toMatchObject({ sha: history.T, environment: ENVIRONMENT, ref: history.T });
      expect(deployment.statuses.map((status) => [status.state, status.logUrl])).toEqual([
        ['in_progress', 'https://github.com/owner/repo/actions/runs/4242'],
        ['success', 'https://github.com/owner/repo/actions/runs/4242'],
      ]);
      const create = gh.requestsTo('repos/create-deployment').at(-1)!.body as Record<string, unknown>;
      expect(create).toMatchObject({ auto_merge: false, required_contexts: [], environment: ENVIRONMENT });
      for (const status of deployment.statuses) expect(status.description.length).toBeLessThanOrEqual(140);

      const issue = [...rec.issues.values()].find((candidate) => candidate.title.startsWith('Rollback of production'))!;
      expect(issue.body).toContain("| **Trigger** | the monitor gate's breach (workflow dispatch by @github-actions) |");
      expect(issue.body).toContain('monitor breach: error rate 7.5% &gt; 1% for 2m');
      expect(issue.body).toContain('redeploy the prior application: estimator');
      const comment = rec.comments.find((candidate) => candidate.issueNumber === BAD_PR);
      expect(comment?.body).toContain(`Follow-up: #${issue.number}`);

      const run = githubState(gh).checkRuns.find((candidate) => candidate.name === 'release-gates / rollback (production)');
      expect(run).toMatchObject({ headSha: history.B, conclusion: 'success' });
      expect(result.summary).toContain('### Timeline');
      expect(result.summary).toContain('### Candidates rejected');
      expect(leaks(`${result.summary}${issue.body ?? ''}${comment?.body ?? ''}${result.log.visible}`)).toEqual([]);
      // What one rollback costs: its check run (2), the deployments and the current one's
      // statuses (2), the history (1), the check runs of the 5 candidates and the deployed
      // commit (6), the deployment and its 2 statuses (3), the bad revision's pull requests
      // (1), the issue (1) and the comment (1).
      expect(requests.map((entry) => entry.operation)).toHaveLength(17);
      expect(requests.filter((entry) => entry.operation === 'checks/list-for-ref')).toHaveLength(6);
    }));

  it('is refused across the destructive migration without confirm-database, and changes nothing', () =>
    withGitHub(async (gh) => {
      const workspace = makeWorkspace();
      const history = seedHistory(gh, `sha256:${createHash('sha256').update(workspace.config).digest('hex')}`);
      const serviceUrl = deployBad(history);
      const result = await runGate({
        gh,
        workspace: workspace.dir,
        serviceUrl,
        action: 'rollback',
        environment: ENVIRONMENT,
        eventName: 'workflow_dispatch',
        event: { inputs: {} },
        sha: history.B,
        actor: 'oncall',
        with: { reason: 'smoke failing' },
        env: { APP_DIR: join(ROOT, 'examples/go-no-go'), DEPLOY_STATE: state },
      });
      expect({ exit: runStep(result).exitCode, result: result.outputs.result }).toEqual({ exit: 1, result: 'failed' });
      expect(result.summary).toContain('0045\\_drop\\_legacy (destructive: drop-table');
      expect(await revision(serviceUrl)).toBe(history.B);
      expect(gh.requestsTo('repos/create-deployment')).toEqual([]);
      expect(gh.requestsTo('issues/create')).toEqual([]);
    }));
});

describe('the rollback pin', () => {
  const PIN_CONFIG = `version: 1
environments:
  production: { url: "\${API_BASE}" }
preflight:
  checks: []
smoke:
  checks:
    - name: liveness
      http: GET /healthz
rollback:
  steps:
    - command: [node, -e, "0"]
`;

  it('keeps the rolled-back revision out of a push run, and clears when a newer commit passes the gates', () =>
    withGitHub(async (gh) => {
      const workspace = makeWorkspace(PIN_CONFIG);
      const history = seedHistory(gh, `sha256:${createHash('sha256').update(PIN_CONFIG).digest('hex')}`);
      const serviceUrl = deployBad(history);
      const rolled = await runGate({
        gh,
        workspace: workspace.dir,
        serviceUrl,
        action: 'rollback',
        environment: ENVIRONMENT,
        eventName: 'workflow_dispatch',
        event: { inputs: {} },
        sha: history.B,
        with: { 'confirm-database': 'true', reason: 'pin test' },
      });
      expect(runStep(rolled).exitCode).toBe(0);

      const push = (action: 'preflight' | 'smoke', sha: string) =>
        runGate({
          gh,
          workspace: workspace.dir,
          serviceUrl,
          action,
          environment: ENVIRONMENT,
          eventName: 'push',
          event: { after: sha },
          sha,
        });
      const pinned = await push('preflight', history.B);
      expect(runStep(pinned).exitCode).toBe(1);
      const pinRun = githubState(gh)
        .checkRuns.filter((run) => run.name === 'release-gates / preflight (production)' && run.headSha === history.B)
        .at(-1)!;
      expect(pinRun.conclusion).toBe('failure');
      expect(pinRun.output.text ?? '').toContain(
        `${history.B.slice(0, 12)} is pinned out until a newer commit passes the production gates`,
      );

      const newer = gh.state.addCommit({ repo: REPO, branch: 'main', message: 'fix estimator' }).sha;
      expect(runStep(await push('preflight', newer)).exitCode).toBe(0);
      expect(runStep(await push('smoke', newer)).exitCode).toBe(0);
      const pin = gh.state.repo(REPO).deployments.find((deployment) => deployment.sha === history.T)!;
      expect(pin.statuses.at(-1)).toMatchObject({
        state: 'inactive',
        description: `rollback pin cleared: ${newer.slice(0, 12)} passed the production gates`,
      });
      expect(runStep(await push('preflight', history.B)).exitCode).toBe(0);
    }));
});
