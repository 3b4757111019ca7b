/**
 * Helpers shared by the config tests: fixture paths and running the real CLI bundle.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The malformed config corpus, relative to the repository root (jest's working directory). */
export const MALFORMED_DIR = '__tests__/fixtures/config/malformed';

/** The path of one corpus file, as a user would pass it to `--config`. */
export function malformedFixture(name: string): string {
  return join(MALFORMED_DIR, name);
}

/** The bundled CLI, as shipped. */
export const BUNDLE = 'dist/index.js';

/** Fails with a clear message when the bundle has not been built. */
export function requireBundle(): void {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build it with "node scripts/bundle.mjs"`);
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
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
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
