/**
 * PostgreSQL behind a small interface, over `pg`. SQL runs as one statement in a
 * read-only transaction that is rolled back, unless the caller asks for
 * `readOnly: false` (then it runs as is, outside a transaction: `CREATE DATABASE` needs
 * that). {@link Database.transaction} runs several statements in one transaction with
 * `SET LOCAL` settings and role. Errors are {@link DatabaseError}s with a one-line
 * message that never holds the connection URL.
 */
import type pg from 'pg';

/** How one statement runs. */
export interface QueryOptions {
  /** Default true: `BEGIN READ ONLY`, the statement, `ROLLBACK`. */
  readOnly?: boolean;
  /** `statement_timeout` for this statement, in milliseconds. */
  timeoutMs?: number;
  /** Aborting closes the connection, which ends the statement. */
  signal?: AbortSignal;
}

export interface QueryResult {
  /** Rows as objects keyed by column name. `bigint` columns that fit a number are numbers. */
  rows: Record<string, unknown>[];
  /** Column names, in order. */
  columns: string[];
  /** Rows returned, or rows affected by a write. */
  rowCount: number;
  elapsedMs: number;
}

/** How a {@link Database.transaction} begins and ends. */
export interface TransactionOptions {
  /** Default true: `BEGIN READ ONLY`; false: `BEGIN READ WRITE`. */
  readOnly?: boolean;
  /** Default false: `ROLLBACK` at the end. True: `COMMIT` when the work succeeded (else `ROLLBACK`). */
  commit?: boolean;
  /** `SET LOCAL statement_timeout`, in milliseconds: each statement's limit. */
  timeoutMs?: number;
  /**
   * `SET LOCAL name = value` for each entry, as `set_config(name, value, true)` with both
   * as bind parameters, so a value can never become SQL.
   */
  settings?: Readonly<Record<string, string>>;
  /** `SET LOCAL ROLE`, as `set_config('role', name, true)` (a bind parameter), after the settings. */
  role?: string;
  /** Aborting closes the connection, which ends the transaction (rolled back by the server). */
  signal?: AbortSignal;
}

/** Statements inside one transaction. */
export interface Transaction {
  /**
   * One statement, over the extended protocol, so `COMMIT; DELETE …` cannot leave the
   * transaction. `elapsedMs` is this statement's round trip.
   */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
}

/** One open connection. */
export interface Database {
  query(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult>;
  /**
   * Runs `work` in one transaction (see {@link TransactionOptions}). The first error ends
   * it: the transaction is rolled back and the error is thrown as a {@link DatabaseError}.
   * @throws DatabaseError from the setup (an unknown role), from `work`, or from `COMMIT`.
   */
  transaction<T>(options: TransactionOptions, work: (transaction: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Connection timeout, in milliseconds (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** `application_name` shown in `pg_stat_activity` (default `release-gates`). */
  applicationName?: string;
}

/** Opens connections; the `database` member of the check kinds' I/O. */
export interface DatabaseConnector {
  /** @throws DatabaseError when the server cannot be reached or refuses the login. */
  connect(url: string, options?: ConnectOptions): Promise<Database>;
}

/** A database failure, in one line: `ERROR 42P01: relation "x" does not exist`. */
export class DatabaseError extends Error {
  /** SQLSTATE, when the server sent one. */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'DatabaseError';
    this.code = code;
  }
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const INT8_OID = 20;

/** `bigint` (e.g. `count(*)`) as a number when it fits, else as text. */
function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/** `pg`, loaded on first use so that runs without a database do not pay for it at start-up. */
let loaded: Promise<{ pg: typeof pg; types: pg.TypeOverrides }> | undefined;
function loadPg(): Promise<{ pg: typeof pg; types: pg.TypeOverrides }> {
  loaded ??= import('pg').then(({ default: module }) => {
    const types = new module.TypeOverrides();
    types.setTypeParser(INT8_OID, 'text', parseInt8);
    return { pg: module, types };
  });
  return loaded;
}

/** The one-line text of a `pg` or socket error. */
export function describeDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const fields = (error ?? {}) as { message?: unknown; code?: unknown; severity?: unknown; detail?: unknown; hint?: unknown };
  const message = typeof fields.message === 'string' && fields.message !== '' ? fields.message : String(error);
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const sqlState = code !== undefined && /^[0-9A-Z]{5}$/.test(code);
  const severity = typeof fields.severity === 'string' ? fields.severity : 'ERROR';
  const extra = [fields.detail, fields.hint].filter((part): part is string => typeof part === 'string' && part !== '');
  const text = sqlState ? `${severity} ${code}: ${message}` : code && !message.includes(code) ? `${message} (${code})` : message;
  return new DatabaseError([text, ...extra].join('; ').replace(/\s*\n\s*/g, ' '), sqlState ? code : undefined);
}

function abortError(): DatabaseError {
  return new DatabaseError('cancelled: the check was aborted (timeout or cancellation)');
}

/** The rows, columns and count of a `pg` result; the last one when a text held several statements. */
function resultOf(result: pg.QueryResult, elapsedMs: number): QueryResult {
  const last = (Array.isArray(result) ? (result as pg.QueryResult[]).at(-1) : result) ?? result;
  const rows = Array.isArray(last.rows) ? (last.rows as Record<string, unknown>[]) : [];
  return {
    rows,
    columns: Array.isArray(last.fields) ? last.fields.map((field) => field.name) : [],
    rowCount: last.rowCount ?? rows.length,
    elapsedMs,
  };
}

class PgDatabase implements Database {
  private closed = false;
  constructor(private readonly client: pg.Client) {}

  async query(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const { readOnly = true, timeoutMs, signal } = options;
    if (readOnly) return this.transaction({ timeoutMs, signal }, (transaction) => transaction.query(sql, params));
    return this.guarded(signal, async () => {
      const timeout = millis(timeoutMs);
      if (timeout !== undefined) await this.client.query(`SET statement_timeout = ${timeout}`);
      try {
        const start = performance.now();
        const result = await this.client.query({ text: sql, values: [...params] });
        // A multi-statement text gives one result per statement; the last one is the answer.
        return resultOf(result, performance.now() - start);
      } finally {
        if (timeout !== undefined && !this.closed) await this.client.query('RESET statement_timeout').catch(() => undefined);
      }
    });
  }

  async transaction<T>(options: TransactionOptions, work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const { readOnly = true, commit = false, timeoutMs, settings = {}, role, signal } = options;
    return this.guarded(signal, async () => {
      await this.client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN READ WRITE');
      let done = false;
      try {
        const timeout = millis(timeoutMs);
        // An integer made here, not a value from the config: safe to write into the text.
        if (timeout !== undefined) await this.client.query(`SET LOCAL statement_timeout = ${timeout}`);
        for (const [name, value] of Object.entries(settings)) await this.statement('SELECT set_config($1, $2, true)', [name, value]);
        if (role !== undefined) await this.statement("SELECT set_config('role', $1, true)", [role]);
        const result = await work({ query: (sql, params = []) => this.statement(sql, params) });
        if (commit) {
          done = true;
          await this.client.query('COMMIT');
        }
        return result;
      } finally {
        if (!done && !this.closed) await this.client.query('ROLLBACK').catch(() => undefined);
      }
    });
  }

  /** One statement over the extended protocol, timed. */
  private async statement(sql: string, params: readonly unknown[]): Promise<QueryResult> {
    const start = performance.now();
    const result = await this.client.query({ text: sql, values: [...params], queryMode: 'extended' } as pg.QueryConfig);
    return resultOf(result, performance.now() - start);
  }

  /** Runs `body` with `signal` wired to close the connection, and its errors as {@link DatabaseError}s. */
  private async guarded<T>(signal: AbortSignal | undefined, body: () => Promise<T>): Promise<T> {
    if (signal?.aborted) throw abortError();
    const onAbort = (): void => void this.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await body();
    } catch (error) {
      if (signal?.aborted) throw abortError();
      throw describeDatabaseError(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => undefined);
  }
}

/** A timeout as a whole number of milliseconds, at least 1. */
function millis(timeoutMs: number | undefined): number | undefined {
  return timeoutMs === undefined ? undefined : Math.max(1, Math.round(timeoutMs));
}

/** {@link DatabaseConnector} over `pg`. The URL may carry the password; it is never in an error. */
export const pgDatabase: DatabaseConnector = {
  async connect(url, options = {}) {
    if (options.signal?.aborted) throw abortError();
    const { pg, types } = await loadPg();
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      application_name: options.applicationName ?? 'release-gates',
      types,
    });
    // An error after connecting (the server goes away) must not crash the process.
    client.on('error', () => undefined);
    const onAbort = (): void => void client.end().catch(() => undefined);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      if (options.signal?.aborted) throw abortError();
      throw describeDatabaseError(error);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    return new PgDatabase(client);
  },
};
