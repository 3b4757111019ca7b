/**
 * One small interface over the teams' migration tools (issue #9, "Tool adapters"): list
 * the pending migrations with their ids and files, get each one's SQL, apply them one at
 * a time, and read `current` and the heads. Every adapter runs the tool's real CLI as
 * argv. Listing and `--sql` go through the {@link ProcessRunner} (a timeout and a kill);
 * the apply goes through the {@link LiveRunner} (live output, never killed).
 */
import type { ProcessRunner } from '../../io/process.js';
import type { LiveRunner } from '../../io/live-process.js';

/** A migration the tool knows. */
export interface Migration {
  /** The tool's id: an alembic revision, a dbmate version, a file name without `.sql`. */
  id: string;
  /** The migration's file, relative to the project directory. */
  file: string;
  /** Ids it builds on (alembic's down_revision); empty for the first. */
  parents: string[];
}

/** A head of the migration history: the newest migration of a branch. */
export interface Head {
  id: string;
  file: string;
}

/** What the tool says about the project and the database. */
export interface ToolState {
  /** The history's heads; more than one fails the gate. */
  heads: Head[];
  /** Ids the database is at ([] for a database with no migration applied); undefined without a database. */
  current: string[] | undefined;
  /** Migrations not applied yet, in the order they apply. */
  pending: Migration[];
}

/** A note read from a migration's source beside its SQL (Python operations of alembic). */
export interface SourceNote {
  line: number;
  code: string;
  message: string;
  /** True when the operation cannot be read, so it is "not analysable" and needs an acknowledgement. */
  unanalysable: boolean;
}

/** What a migration will run. */
export interface MigrationSource {
  /** The SQL to analyse ('' when it could not be obtained: see `error`). */
  sql: string;
  /** Line of `file` where `sql` starts; undefined when the SQL is generated (alembic `--sql`). */
  startLine: number | undefined;
  /**
   * How the content hash is made: `sql`, the analysis hash of the parse tree; `file`,
   * the file with normalised line endings (a Python migration).
   */
  hashOf: 'sql' | 'file';
  /** The migration file's text, as read. */
  fileText: string;
  /** Operations read from the source that its SQL cannot show. */
  notes: SourceNote[];
  /** Why the SQL could not be obtained; the migration is then not analysable. */
  error?: string;
}

/** One run of the tool that changed the database (apply, down). */
export interface ToolRun {
  ok: boolean;
  /** The command as shown (no password). */
  shown: string;
  exitCode: number | null;
  elapsedMs: number;
  /** Last lines of the tool's output, for the evidence. */
  tail: string[];
}

/** What an adapter gets for each call. */
export interface ToolContext {
  /** The project directory (absolute). */
  cwd: string;
  /** The database URL, password included (never shown); undefined when there is none. */
  databaseUrl: string | undefined;
  /** Extra environment for the tool: `DATABASE_URL`, `PGOPTIONS`. */
  env: Record<string, string>;
  process: ProcessRunner;
  live: LiveRunner;
  /** Budget of one listing or `--sql` call, in milliseconds. */
  timeoutMs: number;
  signal: AbortSignal;
  progress: (message: string) => void;
}

/** A migration tool. Methods throw {@link ToolError} with a one-line message. */
export interface MigrationTool {
  name: string;
  /**
   * False when the tool applies everything at once (a `command` without `{file}`): the
   * gate then calls {@link apply} once, with the last pending migration, and cannot stop
   * between migrations. Default true: one call per migration.
   */
  stepwise?: boolean;
  /** Heads, current and pending. Without a database, every migration is pending. */
  state(context: ToolContext): Promise<ToolState>;
  /** The SQL of one pending migration. Failures are in `error`, never thrown. */
  source(migration: Migration, context: ToolContext): Promise<MigrationSource>;
  /** The SQL part of a version of the migration file (from git history), for its hash. */
  sqlOfText?(text: string): string;
  /** Applies `migration`, which is the next pending one. Never retried. */
  apply(migration: Migration, context: ToolContext): Promise<ToolRun>;
  /** The ids the database is at. */
  current(context: ToolContext): Promise<string[]>;
  /** Undoes `migration`, the last applied one (rehearsal round-trip); absent when the tool cannot. */
  down?(migration: Migration, context: ToolContext): Promise<ToolRun>;
}

/** A tool failed in a way the gate reports as one line (not a bug). */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
