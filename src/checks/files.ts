/**
 * Finding the files a check names by a literal path or a glob: `file:` checks, JUnit
 * reports and backups. The glob library is loaded on first use, so start-up stays short
 * for configs without such checks.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** A file found, with what the checks judge. */
export interface FoundFile {
  /** As shown: relative to the working directory when inside it, else absolute. */
  path: string;
  absolute: string;
  /** Bytes; of a directory, the sum of the files in it. */
  size: number;
  /** Of a directory, that of its newest file. */
  mtimeMs: number;
  /** A directory named literally, when {@link FindOptions.directories} allows it. */
  isDirectory: boolean;
}

/** What a path or glob matched. `problem` says why nothing usable was found. */
export interface FileMatches {
  /** Newest first. */
  files: FoundFile[];
  /** Set when the path exists but is not a regular file, or cannot be read. */
  problem?: string;
  glob: boolean;
}

export interface FindOptions {
  /**
   * A directory named literally is a match, measured by the files in it (a
   * `pg_dump -Fd` directory dump). A glob still matches regular files only.
   */
  directories?: boolean;
}

function shown(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

/** The size of the files in a directory, and the time of the newest. */
async function directoryContents(absolute: string): Promise<{ size: number; mtimeMs: number }> {
  const { glob } = await import('tinyglobby'); // loaded on first use
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

async function literal(cwd: string, path: string, options: FindOptions): Promise<FileMatches> {
  const absolute = resolve(cwd, path);
  try {
    const info = await stat(absolute);
    if (info.isFile()) {
      return { files: [{ path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false }], glob: false };
    }
    if (info.isDirectory() && options.directories) {
      return { files: [{ path: shown(cwd, absolute), absolute, ...(await directoryContents(absolute)), isDirectory: true }], glob: false };
    }
    return { files: [], problem: `${path} is ${info.isDirectory() ? 'a directory' : 'not a regular file'}`, glob: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { files: [], glob: false };
    return { files: [], problem: `${path} cannot be read (${code ?? String(error)})`, glob: false };
  }
}

/**
 * The regular files `pattern` (relative to `cwd`) names, newest first. Dot files match
 * (`*.env` finds `.prod.env`); directories match only as `options` allows.
 */
export async function findFiles(cwd: string, pattern: string, options: FindOptions = {}): Promise<FileMatches> {
  const { glob, isDynamicPattern } = await import('tinyglobby'); // loaded on first use
  if (!isDynamicPattern(pattern)) return literal(cwd, pattern, options);
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    dot: true,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: true,
  });
  const files: FoundFile[] = [];
  for (const absolute of matches) {
    try {
      const info = await stat(absolute);
      if (info.isFile()) files.push({ path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false });
    } catch {
      // gone between the listing and the stat: not a match
    }
  }
  files.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  return { files, glob: true };
}

/** The files several patterns name, each once, sorted by path. A pattern that matches nothing adds nothing. */
export async function findAll(cwd: string, patterns: readonly string[]): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  for (const pattern of patterns) {
    for (const file of (await findFiles(cwd, pattern)).files) found.set(file.absolute, file);
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}
