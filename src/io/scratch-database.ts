/**
 * Scratch databases: created on a server for one piece of work and always dropped
 * afterwards (the backup check's restore drill, the migrate gate's rehearsal).
 */
import { randomBytes } from 'node:crypto';
import { describeDatabaseError, type DatabaseConnector } from './database.js';
import { quoteIdentifier, type PostgresUrl } from './postgres-url.js';

/** A fresh name: `release_gates_<purpose>_<time>_<random>`. */
export function scratchName(purpose: string): string {
  return `release_gates_${purpose}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * Creates `name` on `server` from `template0`.
 * @throws DatabaseError when the server refuses.
 */
export async function createScratchDatabase(
  database: DatabaseConnector,
  server: PostgresUrl,
  name: string,
  signal?: AbortSignal,
): Promise<void> {
  const admin = await database.connect(server.full, signal ? { signal } : {});
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE template0`, [], {
      readOnly: false,
      ...(signal ? { signal } : {}),
    });
  } finally {
    await admin.close();
  }
}

/** Drops `name` (closing its connections on PostgreSQL 13+); the problem in one line, or undefined. */
export async function dropScratchDatabase(database: DatabaseConnector, server: PostgresUrl, name: string): Promise<string | undefined> {
  try {
    const admin = await database.connect(server.full);
    try {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, [], { readOnly: false });
      } catch (error) {
        // WITH (FORCE) is PostgreSQL 13+.
        if (describeDatabaseError(error).code !== '42601') throw error;
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, [], { readOnly: false });
      }
    } finally {
      await admin.close();
    }
    return undefined;
  } catch (error) {
    return describeDatabaseError(error).message;
  }
}
