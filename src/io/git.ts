/** The checkout's own commit, when git can tell. */
import { execFile } from 'node:child_process';

/** `git rev-parse HEAD` in `cwd`, or null when it is not a git checkout. */
export function gitHead(cwd = process.cwd()): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 2000 }, (error, stdout) => {
      const sha = stdout.trim();
      resolve(!error && /^[0-9a-f]{40}$/.test(sha) ? sha : null);
    });
  });
}
