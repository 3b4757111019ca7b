/**
 * A release history on the local GitHub API for the rollback tests: commits on `main`,
 * each with the `release-gates / <gate> (production)` check runs its gates left, a
 * deployment of the newest (the bad revision) and the pull request that shipped it.
 *
 * Newest first:
 * - B  "bad release": deployed to production; its gates passed; its migrate run applied
 *      `0046_add_col` (backward compatible); shipped by PR #12;
 * - F  "broken estimator": smoke failed;
 * - X  "forged": a smoke success created by another app (does not count) and a preflight success;
 * - O  "config change": preflight and smoke passed under another config digest;
 * - D  "drop legacy table": its migrate run applied `0045_drop_legacy` (destructive,
 *      drop-table) and its preflight recorded the backup `backups/pre-0045.dump`; smoke
 *      never ran on it;
 * - T  "good release": preflight, migrate and smoke passed under this config: the last known good.
 *
 * Every commit but D has a migrate run (with nothing to apply), as a workflow that runs
 * the migrate gate on each push leaves: the example configs have a migrate section.
 */
import { backupsMarker, digestMarker, migrationsMarker } from '../../../src/evidence/identity.js';
import { fakeSha, type GitHubApiServer } from '../../support/github-api/index.js';

export const REPO = 'owner/repo';
export const ENVIRONMENT = 'production';
export const BAD_PR = 12;
export const BACKUP = 'backups/pre-0045.dump';
/** A config digest that is not the current one. */
export const OTHER_DIGEST = `sha256:${'0'.repeat(64)}`;

export interface History {
  T: string;
  D: string;
  O: string;
  X: string;
  F: string;
  B: string;
  deploymentId: number;
}

/** A completed check run of `gate` for production on `sha`, under `digest`. */
export function gateRun(
  gh: GitHubApiServer,
  sha: string,
  gate: string,
  conclusion: string,
  digest: string,
  extra = '',
  environment = ENVIRONMENT,
): void {
  gh.state.addCheckRun({
    repo: REPO,
    headSha: sha,
    name: `release-gates / ${gate} (${environment})`,
    conclusion,
    output: { title: conclusion, summary: `| check | result |\n${digestMarker(digest)}${extra}` },
  });
}

/** A deployment of `sha` to `environment` whose latest status is `state`. */
export function deployed(gh: GitHubApiServer, sha: string, state = 'success', environment = ENVIRONMENT): number {
  const deployment = gh.state.addDeployment({ repo: REPO, sha, environment });
  deployment.statuses.push({
    id: gh.state.nextId('deploymentStatus'),
    state,
    description: '',
    environment,
    targetUrl: '',
    logUrl: '',
    environmentUrl: '',
    creator: 'github-actions[bot]',
    createdAt: gh.state.now(),
  });
  return deployment.id;
}

/** Seeds the history under the config `digest` (the current one). */
export function seedHistory(gh: GitHubApiServer, digest: string): History {
  const commit = (message: string): string => gh.state.addCommit({ repo: REPO, branch: 'main', message }).sha;
  const T = commit('good release');
  const D = commit('drop legacy table');
  const O = commit('config change');
  const X = commit('forged');
  const F = commit('broken estimator');
  const B = commit('bad release');
  gateRun(gh, T, 'preflight', 'success', digest);
  gateRun(gh, T, 'migrate', 'success', digest);
  gateRun(gh, T, 'smoke', 'success', digest);
  gateRun(gh, D, 'preflight', 'success', digest, `\n${backupsMarker([{ name: BACKUP, check: 'database backup', bytes: 2048 }])}`);
  gateRun(
    gh,
    D,
    'migrate',
    'success',
    digest,
    `\n${migrationsMarker([{ id: '0045_drop_legacy', hash: 'sha256:45', destructive: true, findings: ['drop-table'] }])}`,
  );
  gateRun(gh, O, 'preflight', 'success', OTHER_DIGEST);
  gateRun(gh, O, 'migrate', 'success', OTHER_DIGEST);
  gateRun(gh, O, 'smoke', 'success', OTHER_DIGEST);
  gateRun(gh, X, 'preflight', 'success', digest);
  gateRun(gh, X, 'migrate', 'success', digest);
  gh.state.addCheckRun({
    repo: REPO,
    headSha: X,
    name: `release-gates / smoke (${ENVIRONMENT})`,
    conclusion: 'success',
    output: { title: 'success', summary: digestMarker(digest) },
    app: { id: 999, slug: 'someone-else', name: 'Someone else' },
  });
  gateRun(gh, F, 'preflight', 'success', digest);
  gateRun(gh, F, 'migrate', 'success', digest);
  gateRun(gh, F, 'smoke', 'failure', digest);
  gateRun(gh, B, 'preflight', 'success', digest);
  gateRun(
    gh,
    B,
    'migrate',
    'success',
    digest,
    `\n${migrationsMarker([{ id: '0046_add_col', hash: 'sha256:46', destructive: false, findings: [] }])}`,
  );
  gateRun(gh, B, 'smoke', 'success', digest);
  const deploymentId = deployed(gh, B);
  gh.state.addPullRequest({ repo: REPO, number: BAD_PR, title: 'Bad feature', headSha: fakeSha('bad-feature'), mergeSha: B });
  return { T, D, O, X, F, B, deploymentId };
}
