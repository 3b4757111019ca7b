/** Finding the files a `file:` check names: a literal path, or the matches of a glob. */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** A regular file found, with what the check judges. */
export interface FoundFile {
  /** As shown: relative to the working directory when inside it, else absolute. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** What a path or glob matched. `problem` says why nothing usable was found. */
export interface FileMatches {
  /** Regular files, newest first. */
  files: FoundFile[];
  /** Set when the path exists but is not a regular file, or cannot be read. */
  problem?: string;
  glob: boolean;
}

function shown(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

async function literal(cwd: string, path: string): Promise<FileMatches> {
  const absolute = resolve(cwd, path);
  try {
    const info = await stat(absolute);
    if (!info.isFile())
      return { files: [], problem: `${path} is ${info.isDirectory() ? 'a directory' : 'not a regular file'}`, glob: false };
    return { files: [{ path: shown(cwd, absolute), size: info.size, mtimeMs: info.mtimeMs }], glob: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { files: [], glob: false };
    return { files: [], problem: `${path} cannot be read (${code ?? String(error)})`, glob: false };
  }
}

/**
 * The regular files `pattern` names, newest first. Dot files match (`*.env` finds
 * `.prod.env`); directories never do.
 */
export async function findFiles(cwd: string, pattern: string): Promise<FileMatches> {
  const { glob, isDynamicPattern } = await import('tinyglobby'); // loaded on first use
  if (!isDynamicPattern(pattern)) return literal(cwd, pattern);
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    dot: true,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: true,
  });
  const files: FoundFile[] = [];
  for (const match of matches) {
    try {
      const info = await stat(match);
      if (info.isFile()) files.push({ path: shown(cwd, match), size: info.size, mtimeMs: info.mtimeMs });
    } catch {
      // gone between the listing and the stat: not a match
    }
  }
  files.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  return { files, glob: true };
}
