/**
 * Loading a config: read the file, parse YAML with positions, validate with zod, and
 * check templates and captures. Every problem found is reported at once.
 */
import { readFile } from 'node:fs/promises';
import { ConfigurationError, UsageError, type ConfigProblem } from '../errors.js';
import { pathKey, templateErrors } from './interpolate.js';
import { rollbackProblems } from './rollback-problems.js';
import { verbatimPaths } from './verbatim.js';
import { crossProblems } from './cross-checks.js';
import { describeIssue, sortProblems, toProblems } from './problems.js';
import { RootSchema, type RootConfig } from './schema/root.js';
import { ConfigSource, formatPath } from './source.js';

/** Where the actions and the CLI look for the config by default. */
export const DEFAULT_CONFIG_PATH = '.github/release-gates.yml';

/** A valid config, its source (positions, digest) and the raw document. */
export interface LoadedConfig {
  source: ConfigSource;
  /** Validated, with `${VAR}` templates not yet expanded. */
  config: RootConfig;
  /** The document as plain data, for expansion per environment. */
  raw: Record<string, unknown>;
}

function templateProblems(value: unknown, path: (string | number)[], source: ConfigSource, verbatim: ReadonlySet<string>): ConfigProblem[] {
  if (verbatim.has(pathKey(path))) return [];
  if (typeof value === 'string') return templateErrors(value).map((message) => source.problem(path, `${formatPath(path)}: ${message}`));
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => templateProblems(item, [...path, index], source, verbatim));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => templateProblems(item, [...path, key], source, verbatim));
  }
  return [];
}

/**
 * Parses and validates config text.
 * @throws ConfigurationError with every problem, each at `file:line:col`.
 */
export function parseConfig(file: string, text: string): LoadedConfig {
  return validate(ConfigSource.parse(file, text));
}

/**
 * Validates a parsed config.
 * @throws ConfigurationError with every problem, each at `file:line:col`.
 */
function validate(source: ConfigSource): LoadedConfig {
  const raw = source.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const got =
      source.text.trim() === ''
        ? 'the file is empty'
        : !source.hasContent
          ? 'the file has no content, only comments'
          : `got ${raw === null || raw === undefined ? 'null' : Array.isArray(raw) ? 'a list' : `${typeof raw} ${JSON.stringify(raw)}`}`;
    throw new ConfigurationError([
      { location: source.locate([]), message: `expected a mapping at the top level, starting with "version: 1"; ${got}` },
    ]);
  }
  const parsed = RootSchema.safeParse(raw, { reportInput: true });
  const problems = templateProblems(raw, [], source, verbatimPaths(raw as Record<string, unknown>));
  if (!parsed.success) {
    problems.push(
      ...toProblems(
        parsed.error.issues.flatMap((issue) => describeIssue(issue, RootSchema)),
        source,
      ),
    );
    throw new ConfigurationError(sortProblems(problems));
  }
  problems.push(...crossProblems(parsed.data, source), ...rollbackProblems(parsed.data, raw as Record<string, unknown>, source));
  if (problems.length > 0) throw new ConfigurationError(sortProblems(problems));
  return { source, config: parsed.data, raw: raw as Record<string, unknown> };
}

/**
 * Reads and validates a config file.
 * @throws UsageError when the file cannot be read; ConfigurationError when it is invalid
 *   (not UTF-8, not YAML, or not a valid config).
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`;
    throw new UsageError(`config file ${file} ${why} (expected a YAML file; pass --config FILE, default ${DEFAULT_CONFIG_PATH})`);
  }
  return validate(ConfigSource.fromBytes(file, bytes));
}
