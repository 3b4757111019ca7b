/**
 * Child of bench/github-requests.mjs (run with `node --import tsx`): counts the GitHub
 * API requests of one gate run through the real bundle in action mode, against the local
 * GitHub API server of the tests (every request checked against GitHub's OpenAPI
 * description). Prints one JSON object on stdout.
 *
 * Scenarios, on one pull request:
 *   first      first gate run on the PR: no comment yet (creates it);
 *   existing   the same gate re-run on the same commit: the comment exists and a check
 *              run on the commit records its id (the steady state; aim <= 4, issue #3);
 *   newCommit  a gate on a new head commit: the comment exists, no check run knows it yet.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubApi } from '../__tests__/support/github-api/index.js';

const bundle = join(import.meta.dirname, '..', 'dist', 'index.js');
const target = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
const address = target.address();
const port = typeof address === 'object' && address ? address.port : 0;
const gh = await startGitHubApi();
const dir = await mkdtemp(join(tmpdir(), 'release-gates-bench-gh-'));

async function gateRun(headSha: string): Promise<{ count: number; sequence: string[] }> {
  const event = join(dir, `event-${headSha}.json`);
  await writeFile(
    event,
    JSON.stringify({
      pull_request: {
        number: 7,
        head: { sha: headSha, repo: { full_name: 'owner/repo' } },
        body: '',
        labels: [],
        user: { login: 'alice' },
      },
    }),
  );
  const config = join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 1\nenvironments:\n  staging: { url: "http://127.0.0.1:${port}" }\nsmoke:\n  checks:\n    - name: liveness\n      http: GET /healthz\n      expect: { json: { $.status: ok } }\n`,
  );
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  for (const file of Object.values(files)) await writeFile(file, '');
  const before = gh.requests.length;
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [bundle, 'action', 'smoke'], {
      env: {
        PATH: process.env.PATH,
        ...files,
        GITHUB_API_URL: gh.url,
        GITHUB_REPOSITORY: 'owner/repo',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_SHA: 'f'.repeat(40),
        GITHUB_RUN_ID: '1',
        GITHUB_JOB: 'gates',
        GITHUB_WORKSPACE: dir,
        RUNNER_TEMP: dir,
        INPUT_CONFIG: config,
        INPUT_ENVIRONMENT: 'staging',
        INPUT_GITHUB_TOKEN: 'ghs_bench',
      },
      stdio: 'ignore',
    });
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`the gate run exited ${code}`);
  const sequence = gh.requests.slice(before).map(
    (r) =>
      `${r.method} ${r.path
        .replace('/repos/owner/repo', '')
        .replace(/[0-9a-f]{40}/, '{sha}')
        .replace(/\/\d+$/, '/{id}')}`,
  );
  return { count: sequence.length, sequence };
}

try {
  gh.state.addPullRequest({
    repo: 'owner/repo',
    number: 7,
    headSha: 'a'.repeat(40),
    headRef: 'feature',
    headRepo: 'owner/repo',
    labels: [],
    body: '',
  });
  const first = await gateRun('a'.repeat(40));
  const existing = await gateRun('a'.repeat(40));
  const newCommit = await gateRun('b'.repeat(40));
  process.stdout.write(JSON.stringify({ first, existing, newCommit, violations: gh.violations }));
} finally {
  await gh.close();
  target.close();
  await rm(dir, { recursive: true, force: true });
}
