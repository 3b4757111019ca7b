/**
 * Loading a config: read the file, parse YAML with positions, validate with zod, and
 * check templates and captures. Every problem found is reported at once.
 */
import { readFile } from 'node:fs/promises';
import { ConfigurationError, UsageError, type ConfigProblem } from '../errors.js';
import { pathKey, templateErrors } from './interpolate.js';
import { rollbackProblems } from './rollback-problems.js';
import { verbatimPaths } from './verbatim.js';
import { describeIssue, sortProblems, suggestion, toProblems } from './problems.js';
import { GATE_NAMES, RootSchema, type RootConfig } from './schema/root.js';
import { ConfigSource, formatPath, type ConfigPath } from './source.js';

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

function crossProblems(config: RootConfig, raw: Record<string, unknown>, source: ConfigSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const environments = config.environments ?? {};
  for (const [name, environment] of Object.entries(environments)) {
    for (const [index, required] of (environment.requires ?? []).entries()) {
      const path: ConfigPath = ['environments', name, 'requires', index];
      const label = formatPath(path);
      if (required === name) {
        problems.push(
          source.problem(path, `${label}: environment "${name}" cannot require itself (expected environments that run before it)`),
        );
      } else if (!(required in environments)) {
        const others = Object.keys(environments).filter((other) => other !== name);
        const near = suggestion(required, others);
        const hint = near
          ? `did you mean "${near}"?`
          : others.length
            ? `expected one of: ${others.join(', ')}`
            : 'no other environment is defined';
        problems.push(source.problem(path, `${label}: unknown environment "${required}" (${hint})`));
      }
    }
  }
  for (const gate of GATE_NAMES) {
    for (const [index, entry] of (config[gate]?.checks ?? []).entries()) {
      problems.push(...(entry.kind.problems?.(entry.config, [gate, 'checks', index], source) ?? []));
    }
  }
  problems.push(...rollbackProblems(config, raw, source));
  return problems;
}

/**
 * Parses and validates config text.
 * @throws ConfigurationError with every problem, each at `file:line:col`.
 */
export function parseConfig(file: string, text: string): LoadedConfig {
  const source = ConfigSource.parse(file, text);
  const raw = source.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const got =
      raw === null || raw === undefined
        ? 'the file is empty'
        : `got ${Array.isArray(raw) ? 'a list' : `${typeof raw} ${JSON.stringify(raw)}`}`;
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
  problems.push(...crossProblems(parsed.data, raw as Record<string, unknown>, source));
  if (problems.length > 0) throw new ConfigurationError(sortProblems(problems));
  return { source, config: parsed.data, raw: raw as Record<string, unknown> };
}

/**
 * Reads and validates a config file.
 * @throws UsageError when the file cannot be read; ConfigurationError when it is invalid.
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`;
    throw new UsageError(`config file ${file} ${why} (expected a YAML file; pass --config FILE, default ${DEFAULT_CONFIG_PATH})`);
  }
  return parseConfig(file, text);
}
