/** Finding a backup file: the newest match of a path or glob, with its size and age. */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

export interface BackupFile {
  /** As shown: relative to the working directory when inside it, else absolute. */
  path: string;
  absolute: string;
  size: number;
  mtimeMs: number;
  isDirectory: boolean;
}

function shown(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

/**
 * The newest file `pattern` names (relative to `cwd`), or undefined. A directory counts
 * only when named literally (a `pg_dump -Fd` directory dump); its size is that of its
 * files.
 */
export async function newestMatch(cwd: string, pattern: string): Promise<BackupFile | undefined> {
  const { glob, isDynamicPattern } = await import('tinyglobby'); // loaded on first use
  if (!isDynamicPattern(pattern)) {
    const absolute = resolve(cwd, pattern);
    try {
      const info = await stat(absolute);
      if (info.isFile()) return { path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false };
      if (info.isDirectory()) return { path: shown(cwd, absolute), absolute, ...(await directorySize(absolute)), isDirectory: true };
    } catch {
      // not there
    }
    return undefined;
  }
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    dot: true,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: true,
  });
  let newest: BackupFile | undefined;
  for (const absolute of matches) {
    try {
      const info = await stat(absolute);
      if (!info.isFile()) continue;
      if (!newest || info.mtimeMs > newest.mtimeMs)
        newest = { path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false };
    } catch {
      // gone since the listing
    }
  }
  return newest;
}

async function directorySize(absolute: string): Promise<{ size: number; mtimeMs: number }> {
  const { glob } = await import('tinyglobby');
  const files = await glob('**/*', { cwd: absolute, absolute: true, dot: true, onlyFiles: true });
  let size = 0;
  let mtimeMs = 0;
  for (const file of files) {
    const info = await stat(file);
    size += info.size;
    mtimeMs = Math.max(mtimeMs, info.mtimeMs);
  }
  return { size, mtimeMs };
}
