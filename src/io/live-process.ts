/**
 * Running a command that must never be killed, with its output shown live: the apply of
 * a migration (issue #9: "a migration in progress is never killed by release-gates").
 * Over `@actions/exec`, whose contract fits (PRODUCT.md, "migrate"): argv without a
 * shell, the `[command]…` echo and live output as Actions users expect in the log, and
 * no timeout or kill. The tool's own timeouts (`lock_timeout`, `statement_timeout`) bound
 * it. Where a timeout and a kill are needed, use {@link ProcessRunner} (`process.ts`).
 */
import { Writable } from 'node:stream';

export interface LiveRequest {
  /** The program and its arguments; never passed through a shell. */
  argv: readonly string[];
  cwd: string;
  /** Added to the parent's environment. */
  env?: Readonly<Record<string, string>>;
  /** Each line of output as it comes (the `[command]` echo first); the caller redacts and shows it. */
  onLine: (line: string) => void;
}

export interface LiveResult {
  /** Exit code; null when it could not start. */
  exitCode: number | null;
  /** Why it could not start, e.g. `command not found: alembic`. */
  startError?: string;
  /** The last lines of output (at most {@link TAIL_LINES}). */
  tail: string[];
  elapsedMs: number;
}

export interface LiveRunner {
  run(request: LiveRequest): Promise<LiveResult>;
}

/** Lines of output kept for the evidence. */
export const TAIL_LINES = 20;

/** A writable stream that calls `onLine` for each complete line, and once more at the end. */
class LineStream extends Writable {
  private pending = '';
  constructor(private readonly onLine: (line: string) => void) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const text = this.pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const lines = text.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
    done();
  }
  flushLine(): void {
    if (this.pending) this.onLine(this.pending);
    this.pending = '';
  }
}

/** {@link LiveRunner} over `@actions/exec`, loaded on first use. */
export const actionsExecRunner: LiveRunner = {
  async run(request) {
    const start = performance.now();
    const tail: string[] = [];
    const stream = new LineStream((line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      request.onLine(line);
    });
    const { exec } = await import('@actions/exec');
    const [program = '', ...args] = request.argv;
    try {
      const exitCode = await exec(program, args, {
        cwd: request.cwd,
        env: { ...(process.env as Record<string, string>), ...request.env },
        ignoreReturnCode: true,
        outStream: stream,
        errStream: stream,
      });
      stream.flushLine();
      return { exitCode, tail, elapsedMs: performance.now() - start };
    } catch (error) {
      stream.flushLine();
      const message = error instanceof Error ? error.message : String(error);
      const startError = /Unable to locate executable file/.test(message) ? `command not found: ${program}` : message;
      return { exitCode: null, startError, tail, elapsedMs: performance.now() - start };
    }
  },
};
