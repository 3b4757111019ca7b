/**
 * Expanding `${VAR}` for one run: the selected environment's `vars:` first, then the
 * process environment. Only the environment and gate sections in use are expanded, so a
 * variable needed only by production does not stop a staging run.
 */
import type { ResolvedEnvironment } from '../checks/kind.js';
import { CheckEntrySchema, type CheckEntry } from '../checks/registry.js';
import { ConfigurationError, UsageError, type ConfigProblem } from '../errors.js';
import { parsePostgresUrl } from '../io/postgres-url.js';
import type { SecretRegistry } from '../secrets/registry.js';
import { isSecretName } from '../secrets/registry.js';
import { expandTree, type Lookup } from './interpolate.js';
import { verbatimPaths } from './verbatim.js';
import type { LoadedConfig } from './load.js';
import { describeIssue, sortProblems, toProblems } from './problems.js';
import { RootSchema, type GateName, type GateSectionConfig } from './schema/root.js';
import { urlProblem } from './schema/url.js';

/** Process environment as read by the resolver. */
export type ProcessEnv = Readonly<Record<string, string | undefined>>;

function missingProblem(loaded: LoadedConfig, environment: string | undefined) {
  return (path: (string | number)[], name: string): ConfigProblem =>
    loaded.source.problem(
      path,
      `environment variable ${name} is not set (expected it in the process environment${environment ? ` or environments.${environment}.vars` : ''}, or a default: \${${name}:-value})`,
    );
}

/** Names declared under `secrets:`. */
export function declaredSecrets(loaded: LoadedConfig): Set<string> {
  return new Set(loaded.config.secrets ?? []);
}

/**
 * The selected environment with its variables expanded; undefined when none is selected.
 * Secret-named variables, and the password of any URL in a variable or the url, are
 * registered with `secrets`.
 * @throws UsageError for an unknown environment; ConfigurationError for unset variables.
 */
export function resolveEnvironment(
  loaded: LoadedConfig,
  name: string | undefined,
  env: ProcessEnv,
  secrets: SecretRegistry,
): ResolvedEnvironment | undefined {
  if (name === undefined) return undefined;
  const environments = loaded.config.environments ?? {};
  const config = environments[name];
  if (!config) {
    const known = Object.keys(environments);
    throw new UsageError(
      known.length
        ? `unknown environment "${name}" (expected one of: ${known.join(', ')})`
        : `--env ${name} was given, but ${loaded.source.file} has no environments: section`,
    );
  }
  const problems: ConfigProblem[] = [];
  const onMissing = missingProblem(loaded, name);
  const processLookup: Lookup = (key) => env[key];
  const declared = declaredSecrets(loaded);
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.vars ?? {})) {
    vars[key] = expandTree(value, ['environments', name, 'vars', key], processLookup, (path, missing) =>
      problems.push(onMissing(path, missing)),
    ) as string;
    if (isSecretName(key, declared)) secrets.add(vars[key]);
  }
  const lookup: Lookup = (key) => vars[key] ?? env[key];
  const expandField = (field: 'url' | 'database'): string | undefined => {
    const value = config[field];
    if (value === undefined) return undefined;
    return expandTree(value, ['environments', name, field], lookup, (path, missing) => problems.push(onMissing(path, missing))) as string;
  };
  const url = expandField('url');
  const database = expandField('database');
  // Before any complaint quotes a value: a URL's password is a secret whatever the name.
  for (const text of [url ?? '', database ?? '', ...Object.values(vars)]) secrets.addUrlPasswords(text);
  // The password of the environment's database is a secret wherever the URL shows up.
  const databaseUrl = database === undefined ? undefined : parsePostgresUrl(database);
  secrets.add(databaseUrl?.password);
  secrets.add(databaseUrl?.rawPassword);
  const urlIssue = url && problems.length === 0 ? urlProblem(url, { absolute: true }) : undefined;
  if (urlIssue) {
    problems.push(loaded.source.problem(['environments', name, 'url'], `environments.${name}.url: ${urlIssue} (after \${} expansion)`));
  }
  if (problems.length) throw new ConfigurationError(sortProblems(problems));
  return {
    name,
    url: url === '' ? undefined : url,
    ...(database ? { database } : {}),
    vars,
    requires: config.requires ?? [],
  };
}

/**
 * A gate's section with `${VAR}` expanded and validated again.
 * @throws UsageError when the config has no such section; ConfigurationError for unset
 *   variables or values that became invalid once expanded.
 */
export function resolveGateSection(
  loaded: LoadedConfig,
  gate: GateName,
  environment: ResolvedEnvironment | undefined,
  env: ProcessEnv,
): GateSectionConfig {
  const raw = loaded.raw[gate];
  if (raw === undefined || raw === null) {
    throw new UsageError(`${loaded.source.file} has no "${gate}:" section (expected ${gate}: { checks: [...] })`);
  }
  const problems: ConfigProblem[] = [];
  const onMissing = missingProblem(loaded, environment?.name);
  const lookup: Lookup = (key) => environment?.vars[key] ?? env[key];
  const expanded = expandTree(raw, [gate], lookup, (path, name) => problems.push(onMissing(path, name)), verbatimPaths(loaded.raw));
  if (problems.length) throw new ConfigurationError(sortProblems(problems));
  const schema = RootSchema.shape[gate].unwrap();
  const parsed = schema.safeParse(expanded, { reportInput: true });
  if (!parsed.success) {
    // Each problem names the expansion when the value as written held a `${VAR}`.
    const described = parsed.error.issues
      .flatMap((issue) => describeIssue(issue, schema))
      .map((issue) => (templated(raw, issue.path) ? { ...issue, message: `${issue.message} (after \${} expansion)` } : issue));
    throw new ConfigurationError(sortProblems(toProblems(described, loaded.source, [gate])));
  }
  return parsed.data;
}

/** True when the value at `path` inside `value`, as written, holds a `${VAR}`. */
function templated(value: unknown, path: readonly (string | number)[]): boolean {
  let node: unknown = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return JSON.stringify(node ?? null).includes('${');
}

/**
 * One check of a gate section with `${VAR}` expanded and validated again: a rollback
 * step's `verify:` names a smoke check, and only that check's variables must be set.
 * @throws ConfigurationError for unset variables or a value invalid once expanded.
 */
export function resolveCheck(
  loaded: LoadedConfig,
  path: readonly [GateName, 'checks', number],
  environment: ResolvedEnvironment | undefined,
  env: ProcessEnv,
): CheckEntry {
  const [gate, , index] = path;
  const checks = (loaded.raw[gate] as { checks?: unknown[] } | undefined)?.checks;
  const raw = checks?.[index];
  const problems: ConfigProblem[] = [];
  const onMissing = missingProblem(loaded, environment?.name);
  const lookup: Lookup = (key) => environment?.vars[key] ?? env[key];
  const expanded = expandTree(raw, [...path], lookup, (at, name) => problems.push(onMissing(at, name)), verbatimPaths(loaded.raw));
  if (problems.length) throw new ConfigurationError(sortProblems(problems));
  const parsed = CheckEntrySchema.safeParse(expanded, { reportInput: true });
  if (!parsed.success) {
    const described = parsed.error.issues.flatMap((issue) => describeIssue(issue, CheckEntrySchema));
    throw new ConfigurationError(sortProblems(toProblems(described, loaded.source, [...path])));
  }
  return parsed.data;
}
