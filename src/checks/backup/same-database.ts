/**
 * Whether two PostgreSQL URLs reach the same database, asked of the servers themselves: a
 * URL can name one database in many ways (another login, `localhost` for `127.0.0.1`, a
 * pooler in front). A database is identified by its server's start time and its oid,
 * which two servers or two databases of one server do not share; any role may read both.
 */
import { describeDatabaseError, type DatabaseConnector } from '../../io/database.js';
import type { PostgresUrl } from '../../io/postgres-url.js';

const IDENTITY =
  'SELECT pg_postmaster_start_time()::text AS server, d.oid::text AS database FROM pg_database d WHERE d.datname = current_database()';

async function identity(database: DatabaseConnector, url: PostgresUrl, signal: AbortSignal): Promise<string> {
  const db = await database.connect(url.full, { signal });
  try {
    const row = (await db.query(IDENTITY, [], { readOnly: true, signal })).rows[0];
    return `${String(row?.server)}/${String(row?.database)}`;
  } finally {
    await db.close();
  }
}

/** `same` when both reach one database; `unknown` with the reason when either cannot be asked. */
export type Sameness = { same: boolean } | { unknown: string };

/** Compares the databases `a` and `b` reach. Never throws. */
export async function sameDatabase(database: DatabaseConnector, a: PostgresUrl, b: PostgresUrl, signal: AbortSignal): Promise<Sameness> {
  try {
    const [first, second] = await Promise.all([identity(database, a, signal), identity(database, b, signal)]);
    return { same: first === second };
  } catch (error) {
    return { unknown: describeDatabaseError(error).message };
  }
}
