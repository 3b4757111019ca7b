/**
 * PostgreSQL URLs without leaking their passwords, shared by the kinds that reach a
 * database (`backup`, `sql`). The password is taken out of the URL (user info or
 * `?password=`) and handed to `pg_dump`, `pg_restore` and `psql` as `PGPASSWORD` in their
 * environment, never on their command line; what is shown is the URL without it, or only
 * `host:port/database` ({@link targetOf}). The caller registers the password with the
 * secret registry.
 */

const SCHEMES = ['postgres:', 'postgresql:'];

/** A parsed URL, split into what may be shown and what may not. */
export interface PostgresUrl {
  /** The URL without its password: for `--dbname=` and for evidence. */
  safe: string;
  /** The password, decoded; undefined when the URL has none. */
  password: string | undefined;
  /** The password as written in the URL (percent-encoded), to register as a secret too. */
  rawPassword: string | undefined;
  /** The database name, decoded ('' when the URL names none). */
  database: string;
  /** Environment for libpq programs: `PGPASSWORD` when there is a password. */
  env: Record<string, string>;
  /** The full URL, password included: only for in-process connections, never shown. */
  full: string;
}

/** True when `text` looks like a PostgreSQL URL (used to find passwords in `env:` values). */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Parses a `postgres://` or `postgresql://` URL.
 * @returns undefined when it is not one; the reason is never the URL itself.
 */
export function parsePostgresUrl(text: string): PostgresUrl | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (!SCHEMES.includes(url.protocol.toLowerCase())) return undefined;
  const rawPassword = url.password !== '' ? url.password : (url.searchParams.get('password') ?? undefined);
  const password = url.password !== '' ? decode(url.password) : (url.searchParams.get('password') ?? undefined);
  const full = url.toString();
  url.password = '';
  if (url.searchParams.has('password')) url.searchParams.delete('password');
  return {
    safe: url.toString(),
    password,
    rawPassword,
    database: decode(url.pathname.replace(/^\//, '')),
    env: password === undefined ? {} : { PGPASSWORD: password },
    full,
  };
}

/** The same server and login with another database: where the scratch database lives. */
export function withDatabase(url: PostgresUrl, database: string): PostgresUrl {
  const swap = (text: string): string => {
    const parsed = new URL(text);
    parsed.pathname = `/${encodeURIComponent(database)}`;
    return parsed.toString();
  };
  return { ...url, safe: swap(url.safe), full: swap(url.full), database };
}

/** The server part shown in evidence: `postgresql://user@host:port`, no database, no password. */
export function serverOf(url: PostgresUrl): string {
  const parsed = new URL(url.safe);
  parsed.pathname = '';
  // A socket URL names its host in the query; a TCP one needs nothing from it.
  if (parsed.host !== '') parsed.search = '';
  return parsed.toString().replace(/\/$/, '');
}

/**
 * The database as evidence names it: `host:port/database`, no user, no password, no
 * options (`5432` when the URL names no port; the socket folder for a socket URL).
 */
export function targetOf(url: PostgresUrl): string {
  const parsed = new URL(url.safe);
  const host = parsed.hostname !== '' ? parsed.hostname : (parsed.searchParams.get('host') ?? 'localhost');
  return `${host}:${parsed.port !== '' ? parsed.port : '5432'}/${url.database}`;
}

/** Double-quotes an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
