/** The commit under test, when it can be known. */
import { execFile } from 'node:child_process';

/**
 * `GITHUB_SHA` when set, else `git rev-parse HEAD` in `cwd`, else null.
 * (Issue #3 refines this per event: the PR head SHA on `pull_request`.)
 */
export async function currentCommit(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Promise<string | null> {
  if (env.GITHUB_SHA) return env.GITHUB_SHA;
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 2000 }, (error, stdout) => {
      const sha = stdout.trim();
      resolve(!error && /^[0-9a-f]{40}$/.test(sha) ? sha : null);
    });
  });
}
