/**
 * Helpers shared by the config tests: fixture paths and running the real CLI bundle (or any
 * program, as the command tests run the CLI from source).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE } from '../support/bundle.js';

/** The malformed config corpus, relative to the repository root (jest's working directory). */
export const MALFORMED_DIR = '__tests__/fixtures/config/malformed';

/** The path of one corpus file, as a user would pass it to `--config`. */
export function malformedFixture(name: string): string {
  return join(MALFORMED_DIR, name);
}

export { BUNDLE };

/** Fails with a clear message when the bundle has not been built. */
export function requireBundle(): void {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build it with "node scripts/test-bundle.mjs"`);
}

/** What a CLI run printed and how it exited. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/index.js ...args` with exactly `env` (plus PATH), without a shell.
 * Asynchronous, so a server in the test process keeps answering while it runs.
 */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runProgram(process.execPath, [BUNDLE, ...args], { env });
}

/** Runs `program ...args` (in `cwd`, default this process's) with exactly `env` plus PATH and NO_COLOR, without a shell. */
export function runProgram(
  program: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
