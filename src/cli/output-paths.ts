/**
 * `--json` and `--markdown` paths, checked before any gate runs: a verdict reached after
 * a 15-minute gate must not be lost to a path that cannot be written.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return code ?? String(error);
  }
}

/** The nearest folder that exists on the way up from `path`, or the reason one is no folder. */
async function nearestFolder(path: string): Promise<string> {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    try {
      const info = await stat(folder);
      if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(folder) === folder) throw error;
    }
  }
}

/**
 * Checks that `file` can be written (it, or the folder it would be created in).
 * @throws UsageError naming the option, the path and why it cannot be written.
 */
export async function checkWritable(option: string, file: string): Promise<void> {
  const path = resolve(file);
  try {
    const info = await stat(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (info?.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    await access(info ? path : await nearestFolder(path), constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : why(error);
    throw new UsageError(`${option} ${file} cannot be written: ${reason} (expected a file path in a writable folder)`);
  }
}
