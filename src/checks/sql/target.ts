/**
 * Which database a `sql` check queries: the check's `database:`, else the environment's
 * `database:`, else `DATABASE_URL` (the environment's `vars:`, then the process
 * environment). The URL's password is registered as a secret, and evidence names only
 * `host:port/database`.
 */
import { formatPath, type ConfigPath } from '../../config/source.js';
import { ConfigurationError } from '../../errors.js';
import { parsePostgresUrl, targetOf, type PostgresUrl } from '../../io/postgres-url.js';
import type { PlanContext } from '../kind.js';
import type { SqlCheckConfig } from './schema.js';

/** The variable read when neither the check nor the environment names a database. */
export const DATABASE_URL = 'DATABASE_URL';

/** A database to connect to. */
export interface SqlTarget {
  url: PostgresUrl;
  /** `host:port/database`: what evidence shows. */
  shown: string;
  /** Where the URL came from, for the evidence: `database:`, `environments.staging.database` or `DATABASE_URL`. */
  from: string;
}

/**
 * Picks, parses and registers the check's database URL.
 * @throws ConfigurationError when no database is named, or the URL is not a PostgreSQL
 *   URL (the value is never shown: it may hold a password).
 */
export function planTarget(config: SqlCheckConfig, context: PlanContext): SqlTarget {
  const environment = context.environment;
  const candidates: [string | undefined, string, ConfigPath][] = [
    [config.database, 'database:', [...context.path, 'database']],
    [environment?.database, `environments.${environment?.name ?? ''}.database`, ['environments', environment?.name ?? '', 'database']],
    [environment?.vars[DATABASE_URL] ?? context.scope.env[DATABASE_URL], DATABASE_URL, context.path],
  ];
  const found = candidates.find(([value]) => value !== undefined && value.trim() !== '');
  if (!found) {
    throw new ConfigurationError([
      context.source.problem(
        context.path,
        `${formatPath(context.path)}: no database to query (expected database: "\${DATABASE_URL}" on the check, database: on the environment, or DATABASE_URL in the environment)`,
      ),
    ]);
  }
  const [value, from, path] = found as [string, string, ConfigPath];
  const url = parsePostgresUrl(value);
  if (!url) {
    throw new ConfigurationError([
      context.source.problem(
        path,
        `${formatPath(context.path)}: ${from} is not a PostgreSQL URL (expected postgresql://user:password@host:5432/database; the value is not shown)`,
      ),
    ]);
  }
  context.secrets.add(url.password);
  context.secrets.add(url.rawPassword);
  return { url, shown: targetOf(url), from };
}
