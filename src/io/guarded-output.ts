/**
 * Output for a GitHub Actions log. The runner reads `::command::` at the start of a line
 * and the legacy `##[command]` anywhere in one, on stdout and stderr alike, so text from
 * targets could run workflow commands. Such text is wrapped in
 * `::stop-commands::<token>` … `::<token>::` (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands).
 * The action writes through it, and so does the CLI when `GITHUB_ACTIONS=true`.
 */
import { randomUUID } from 'node:crypto';
import type { Output } from './output.js';

// The runner reads `::cmd` at the start of a line and the legacy `##[cmd]` anywhere in it.
const COMMAND_LIKE = /^\s*::|##\[/m;

/** Whether the log is at the start of a line (stdout and stderr share one log). */
let atLineStart = true;

/**
 * Writes text to the log; text holding something that looks like a workflow command is
 * wrapped in `::stop-commands::<token>` … `::<token>::`.
 */
export function guardedWrite(write: (text: string) => void, text: string): void {
  if (text.length === 0) return;
  if (!COMMAND_LIKE.test(text)) {
    write(text);
    atLineStart = text.endsWith('\n');
    return;
  }
  // The opener only counts at the start of a line: end a line left open first.
  const token = randomUUID();
  write(`${atLineStart ? '' : '\n'}::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`);
  atLineStart = true;
}

/** `output` with every write guarded (for a step's log: stdout and stderr alike). */
export function guarded(output: Output): Output {
  return {
    out: (text) => guardedWrite((t) => output.out(t), text),
    err: (text) => guardedWrite((t) => output.err(t), text),
    get isTTY() {
      return output.isTTY;
    },
    get columns() {
      return output.columns;
    },
  };
}
