/**
 * Error classes that separate a user's mistake from a bug, in the manner of
 * codeql-action's `ConfigurationError`: a user error is printed as one line with no
 * stack trace and exits with code 2; anything else is a bug and keeps its stack.
 */

/** A source position in a config file. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One problem found in a config file, with where it is. */
export interface ConfigProblem {
  location: SourceLocation;
  /** What is wrong and what was expected, e.g. `unknown key "retyr" (did you mean "retry"?)`. */
  message: string;
}

/** Formats a problem as `file:line:col: message`, the form editors and CI logs link. */
export function formatProblem(problem: ConfigProblem): string {
  const { file, line, column } = problem.location;
  return `${file}:${line}:${column}: ${problem.message}`;
}

/**
 * The user's config is wrong. Carries every problem found, so that one run reports all
 * of them. Exit code 2.
 */
export class ConfigurationError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

/** The command line is wrong (unknown gate, missing option, unreadable file). Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** True when the error is the user's mistake rather than a bug in release-gates. */
export function isUserError(error: unknown): error is ConfigurationError | UsageError {
  return error instanceof ConfigurationError || error instanceof UsageError;
}
