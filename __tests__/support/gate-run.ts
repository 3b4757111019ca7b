/**
 * What the helpers that run gates through the real config path share: the config written
 * to a real file and parsed from it (so locations name that file), an HTTP client for
 * checks that make no requests, and picking one check's result out of the run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type LoadedConfig } from '../../src/config/load.js';
import type { CheckResult } from '../../src/engine/model.js';
import type { RunResult } from '../../src/gates/run.js';
import type { HttpClient } from '../../src/io/http.js';

/** For runs whose checks make no HTTP requests: any request fails. */
export const noHttp: HttpClient = {
  send: () => Promise.reject(new Error('no HTTP in these tests')),
  close: () => Promise.resolve(),
};

/**
 * Writes `yaml` to `release-gates.yml` in a new temp folder (named from `prefix`), parses
 * it, and hands the loaded config and the folder to `use`; the folder is removed after.
 */
export async function withConfigFile<T>(yaml: string, prefix: string, use: (loaded: LoadedConfig, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    const file = join(dir, 'release-gates.yml');
    await writeFile(file, yaml);
    return await use(parseConfig(file, await readFile(file, 'utf8')), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A finder for `run`'s first gate: its only (first) check, or the one named `name`; throws naming the checks there are. */
export function checkFinder(run: RunResult): (name?: string) => CheckResult {
  return (name) => {
    const checks = run.gates[0]?.checks ?? [];
    const found = name === undefined ? checks[0] : checks.find((c) => c.name === name);
    if (!found) throw new Error(`no check ${name ?? ''} in ${JSON.stringify(checks.map((c) => c.name))}`);
    return found;
  };
}
