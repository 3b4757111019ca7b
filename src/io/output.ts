/**
 * Where text goes: standard output and standard error behind one small interface, with
 * every secret redacted on the way out.
 */
import type { SecretRegistry } from '../secrets/registry.js';

/** A text sink for reports (stdout) and progress or errors (stderr). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (colours, widths). */
  readonly isTTY: boolean;
  /** Terminal width in columns. */
  readonly columns: number;
}

/** The process's stdout and stderr. */
export const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get isTTY() {
    return process.stdout.isTTY;
  },
  get columns() {
    return process.stdout.columns || 120;
  },
};

/** Wraps an output so that no registered secret is ever written. */
export function redacting(output: Output, secrets: SecretRegistry): Output {
  return {
    out: (text) => output.out(secrets.redact(text)),
    err: (text) => output.err(secrets.redact(text)),
    get isTTY() {
      return output.isTTY;
    },
    get columns() {
      return output.columns;
    },
  };
}
