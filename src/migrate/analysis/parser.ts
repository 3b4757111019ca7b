/**
 * The real PostgreSQL parser (npm `libpg-query`, PostgreSQL 18's parser compiled to
 * WebAssembly), loaded on first use with a dynamic `import()`: it costs about 0.1 s and
 * 40 MB, so nothing that starts the smoke or preflight gates ever loads it. The bundle
 * copies `libpg-query.wasm` next to the chunk that loads it (`scripts/bundle.mjs`).
 *
 * Offsets in everything it returns (statement locations, node locations, token spans,
 * error cursors) are UTF-8 byte offsets into the parsed text.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParseResult, ScanToken } from 'libpg-query';

export type { ParseResult, RawStmt, Node, RangeVar, ScanToken } from 'libpg-query';

/** The parser's functions this analysis uses, all synchronous once loaded. */
export interface Parser {
  /** Parses SQL; throws an error with `sqlDetails.cursorPosition` (a byte offset) on a syntax error. */
  parse(sql: string): ParseResult;
  /** Parses a `CREATE FUNCTION … LANGUAGE plpgsql` statement into its plpgsql tree (plain JSON). */
  parsePlpgsql(sql: string): unknown;
  /** The tokens of SQL, comments included. */
  scan(sql: string): ScanToken[];
}

let loading: Promise<Parser> | undefined;

/**
 * libpg-query's Emscripten loader is CommonJS and finds `libpg-query.wasm` in `__dirname`.
 * Run from node_modules, that is its own folder. Inside the ncc bundle (ES modules, where
 * `__dirname` does not exist) it reads the global one, set here to the bundle's folder for
 * the time of the load: `scripts/bundle.mjs` copies the wasm there.
 */
async function importWithDirname(): Promise<typeof import('libpg-query')> {
  const scope = globalThis as { __dirname?: string };
  const shim = !('__dirname' in scope);
  if (shim) scope.__dirname = dirname(fileURLToPath(import.meta.url));
  try {
    const pg = await import('libpg-query');
    await pg.loadModule();
    return pg;
  } finally {
    if (shim) delete scope.__dirname;
  }
}

/** Loads libpg-query once per process. */
export function loadParser(): Promise<Parser> {
  loading ??= importWithDirname().then((pg) => ({
    parse: (sql) => pg.parseSync(sql),
    parsePlpgsql: (sql) => pg.parsePlPgSQLSync(sql),
    scan: (sql) => pg.scanSync(sql).tokens,
  }));
  return loading;
}

/** The byte offset a parse error points at, when it gives one. */
export function errorOffset(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('sqlDetails' in error)) return undefined;
  const details = (error as { sqlDetails?: { cursorPosition?: unknown } }).sqlDetails;
  return typeof details?.cursorPosition === 'number' ? details.cursorPosition : undefined;
}

/** An error's message, for the "not analysable" reason. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
