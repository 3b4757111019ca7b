/** Logging behind a small interface; the action logs with workflow commands. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  /** Debug lines show only with ACTIONS_STEP_DEBUG or --verbose. */
  debug(message: string): void;
}

/** A logger that keeps messages, for tests. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warning(message: string): void {
    this.lines.push(`warning: ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug: ${message}`);
  }
}

/** Workflow-command annotations and notices (the job's own, not a check run's). */
export interface Annotator {
  annotate(
    level: 'error' | 'warning' | 'notice',
    message: string,
    where: { file: string; line: number; column?: number; title?: string },
  ): void;
  notice(message: string): void;
}
