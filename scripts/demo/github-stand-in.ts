/**
 * A local GitHub API for the demo: the test suite's server (every request checked against
 * GitHub's OpenAPI description), seeded with a release history from a JSON file. Run with
 * tsx (a devDependency): `node --import tsx scripts/demo/github-stand-in.ts seed.json`.
 * Prints one line of JSON, `{"url": …, "shas": {key: sha}}`, then serves until SIGTERM.
 *
 * Seed: `{ commits: [{ key, message }], checkRuns: [{ commit, name, conclusion, summary }],
 * deployments: [{ commit, environment, state }], pulls: [{ number, title, merged: key }] }`,
 * commits oldest first on `main` of owner/repo.
 */
import { readFileSync } from 'node:fs';
import { fakeSha, startGitHubApi } from '../../__tests__/support/github-api/index.js';

interface Seed {
  commits: { key: string; message: string }[];
  checkRuns: { commit: string; name: string; conclusion: string; summary: string }[];
  deployments: { commit: string; environment: string; state: string }[];
  pulls: { number: number; title: string; merged: string }[];
}

const REPO = 'owner/repo';
const seed = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Seed;
const gh = await startGitHubApi();
const shas: Record<string, string> = {};
for (const commit of seed.commits) shas[commit.key] = gh.state.addCommit({ repo: REPO, branch: 'main', message: commit.message }).sha;
const sha = (key: string): string => shas[key] ?? key;
for (const run of seed.checkRuns) {
  gh.state.addCheckRun({
    repo: REPO,
    headSha: sha(run.commit),
    name: run.name,
    conclusion: run.conclusion,
    output: { title: run.conclusion, summary: run.summary },
  });
}
for (const deployment of seed.deployments) {
  const created = gh.state.addDeployment({ repo: REPO, sha: sha(deployment.commit), environment: deployment.environment });
  created.statuses.push({
    id: gh.state.nextId('deploymentStatus'),
    state: deployment.state,
    description: 'deployed by the release pipeline',
    environment: deployment.environment,
    targetUrl: '',
    logUrl: '',
    environmentUrl: '',
    creator: 'github-actions[bot]',
    createdAt: gh.state.now(),
  });
}
for (const pull of seed.pulls) {
  gh.state.addPullRequest({
    repo: REPO,
    number: pull.number,
    title: pull.title,
    headSha: fakeSha(`demo-pr-${pull.number}`),
    mergeSha: sha(pull.merged),
  });
}
process.stdout.write(`${JSON.stringify({ url: gh.url, shas })}\n`);
process.once('SIGTERM', () => {
  if (gh.violations.length) process.stderr.write(`GitHub API contract violations:\n${gh.violations.join('\n')}\n`);
  void gh.close().then(() => process.exit(gh.violations.length ? 1 : 0));
});
