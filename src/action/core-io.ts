/**
 * The runner's side of the action through `@actions/core`: logging, annotations,
 * masking, outputs and the job summary. Untrusted text goes to the log inside
 * `::stop-commands::` so it cannot run workflow commands
 * (https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands).
 */
import * as core from '@actions/core';
import { guardedWrite } from '../io/guarded-output.js';
import type { Annotator, Logger } from '../io/logger.js';
import type { Output } from '../io/output.js';

export { guardedWrite };

/** stdout and stderr of the step, with workflow commands disabled inside untrusted text. */
export const actionOutput: Output = {
  out: (text) => guardedWrite((t) => process.stdout.write(t), text),
  err: (text) => guardedWrite((t) => process.stdout.write(t), text),
  isTTY: false,
  columns: 160,
};

/** Logger and annotator over `@actions/core`. */
export const coreLog: Logger & Annotator = {
  info: (message) => guardedWrite((t) => process.stdout.write(t), `${message}\n`),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  notice: (message) => core.notice(message),
  annotate: (level, message, where) => {
    const properties = {
      file: where.file,
      startLine: where.line,
      ...(where.column ? { startColumn: where.column } : {}),
      ...(where.title ? { title: where.title } : {}),
    };
    if (level === 'error') core.error(message, properties);
    else if (level === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  },
};

/** Masks a value in the runner's log (`::add-mask::`); multi-line values line by line. */
export function mask(value: string): void {
  for (const line of value.split(/\r?\n/)) if (line) core.setSecret(line);
}

export { core };
