/**
 * Running commands behind a small interface: argv by default, a shell only when the
 * config asks for one; a timeout that kills the whole process group; output kept up to
 * a cap. A command that cannot start is a result, not a thrown error.
 */
import { spawn } from 'node:child_process';

/** Default cap on each of stdout and stderr: 1 MiB. */
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** Time between SIGTERM and SIGKILL when a command overruns, in milliseconds. */
const KILL_GRACE_MS = 2000;

export interface ProcessRequest {
  /** The program and its arguments; never passed through a shell. */
  argv: readonly string[];
  cwd?: string | undefined;
  /** Added to the parent's environment. */
  env?: Readonly<Record<string, string>> | undefined;
  /** Written to stdin, which is then closed. */
  stdin?: string | undefined;
  timeoutMs: number;
  maxOutputBytes?: number;
  signal?: AbortSignal | undefined;
}

export interface ProcessResult {
  /** Exit code, or null when the process was killed or never started. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** True when a stream was longer than the cap. */
  truncated: boolean;
  timedOut: boolean;
  /** Why it could not start, e.g. `command not found: alembic`. */
  startError?: string;
  elapsedMs: number;
}

export interface ProcessRunner {
  run(request: ProcessRequest): Promise<ProcessResult>;
}

/** The argv of a script run by a shell: `bash -c script` (`sh` and others alike). */
export function shellArgv(shell: string, script: string): string[] {
  return shell === 'bash' ? ['bash', '-o', 'pipefail', '-c', script] : [shell, '-c', script];
}

class Capture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  push(chunk: Buffer): void {
    const room = this.max - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.truncated = true;
    this.chunks.push(part);
    this.size += part.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** {@link ProcessRunner} over `child_process.spawn`. */
export const nodeProcessRunner: ProcessRunner = {
  run(request) {
    const start = performance.now();
    const max = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const [program = '', ...args] = request.argv;
    return new Promise((resolve) => {
      const stdout = new Capture(max);
      const stderr = new Capture(max);
      let timedOut = false;
      let startError: string | undefined;
      const child = spawn(program, args, {
        cwd: request.cwd,
        env: { ...process.env, ...request.env },
        stdio: [request.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
      });
      const killGroup = (signal: NodeJS.Signals): void => {
        try {
          if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
        } catch {
          // already gone
        }
      };
      const stop = (): void => {
        killGroup('SIGTERM');
        setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, request.timeoutMs);
      const onAbort = (): void => stop();
      request.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
      if (request.stdin !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined);
        child.stdin.end(request.stdin);
      }
      child.on('error', (error: NodeJS.ErrnoException) => {
        startError =
          error.code === 'ENOENT'
            ? `command not found: ${program}`
            : error.code === 'EACCES'
              ? `not executable: ${program}`
              : error.message;
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        resolve({
          exitCode: code,
          signal,
          stdout: stdout.text(),
          stderr: stderr.text(),
          truncated: stdout.truncated || stderr.truncated,
          timedOut,
          ...(startError ? { startError } : {}),
          elapsedMs: performance.now() - start,
        });
      });
    });
  },
};
