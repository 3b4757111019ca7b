/**
 * The contract between the config and the engine: a check kind validates its config
 * and plans a runnable {@link CheckSpec}. Kinds are listed in one table,
 * `checks/registry.ts`; any gate may use any kind.
 */
import type { z } from 'zod';
import type { ConfigPath, ConfigSource } from '../config/source.js';
import type { CheckSpec } from '../engine/check.js';
import type { ConfigProblem, SourceLocation } from '../errors.js';
import type { GitHubApi } from '../github/api.js';
import type { TokenIdentity } from '../github/identity.js';
import type { DatabaseConnector } from '../io/database.js';
import type { HttpClient } from '../io/http.js';
import type { ProcessRunner } from '../io/process.js';
import type { SecretRegistry } from '../secrets/registry.js';

/** The environment a gate runs against, with its variables expanded. */
export interface ResolvedEnvironment {
  name: string;
  /** Base URL that relative check URLs are joined to. */
  url: string | undefined;
  /** The environment's PostgreSQL URL (`database:`), for `sql` checks; holds a password. */
  database?: string;
  vars: Record<string, string>;
  /** Environments that must pass first (`requires:`). */
  requires: string[];
}

/** The I/O a check may use; tests pass real local servers or small fakes. */
export interface Io {
  http: HttpClient;
  process: ProcessRunner;
  database: DatabaseConnector;
}

/** Where and for what the gates run: facts the checks need beyond their own config. */
export interface RunScope {
  /** The process environment; `env` checks read it with the environment's `vars` on top. */
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory for files and commands (the workspace in Actions). */
  cwd: string;
  /** The commit under test, when known (the PR head SHA in Actions). */
  headSha: string | undefined;
  /** `sha256:<hex>` of the config; results only count for the same digest. */
  configDigest: string;
  /** The repository on GitHub, when there is an API to ask (Actions, or a token locally). */
  github: GitHubScope | undefined;
  /**
   * Origins credentials may go to: the environment's `url` and every absolute URL written
   * in the environment's `vars:` and the gates being run, after `${VAR}` expansion (see
   * `io/origins.ts`). A URL from a capture, a redirect or a response is not one of them.
   */
  trustedOrigins: ReadonlySet<string>;
  /**
   * Inputs of this run that a gate reads beyond its config: an action input or a CLI
   * option, e.g. migrate's `mode` and `acknowledge`. Keys are the input names.
   */
  inputs?: Readonly<Record<string, string>>;
  /**
   * What the run is about, known even without a token: the event and its pull request.
   * A pull-request check on a run without one is skipped, token or not. Undefined when
   * not known (then `github` tells, or a pull-request check is not verified).
   */
  event?: RunEvent | undefined;
}

/** The event a run is about: `pull_request`, `push`, …, or `local` for the CLI. */
export interface RunEvent {
  name: string;
  /** The pull request under test (`--pr` locally). */
  pullRequest: { number: number } | undefined;
}

export interface GitHubScope {
  api: GitHubApi;
  owner: string;
  repo: string;
  eventName: string;
  /** The pull request under test, on `pull_request` events. */
  pullRequest: { number: number } | undefined;
  /** This workflow run's id: its own jobs are not "CI" to wait for. */
  runId: string | undefined;
  /**
   * The app the token acts as, learned from the check runs this job creates; only check
   * runs by this app count as release-gates evidence (see `github/identity.ts`).
   */
  identity?: TokenIdentity | undefined;
}

/** What a kind gets when it plans one check. */
export interface PlanContext {
  gate: string;
  environment: ResolvedEnvironment | undefined;
  /** Where the check is in the config. */
  location: SourceLocation;
  path: ConfigPath;
  source: ConfigSource;
  secrets: SecretRegistry;
  io: Io;
  scope: RunScope;
  /** Variable names the config lists under `secrets:` (pattern-named ones are secrets too). */
  declaredSecrets: ReadonlySet<string>;
  /** Per-attempt timeout when the check sets none, in milliseconds. */
  defaultTimeoutMs: number;
}

/** The part of a {@link CheckSpec} a kind decides. */
export type PlannedRun = Pick<CheckSpec, 'run' | 'timeoutMs' | 'prepare'>;

/** One check kind. */
export interface CheckKind<Config = never> {
  /** Kind name, shown in evidence, e.g. `http`. */
  name: string;
  /** The key whose presence in a check selects this kind, e.g. `http` or `steps`. */
  key: string;
  /**
   * This kind's own fields that are another kind's key (a `command` check's `env:`), so
   * that their presence does not select the other kind.
   */
  fields?: readonly string[];
  /**
   * Fields of a raw check that `${VAR}` must not expand: a shell script reads its
   * variables from the environment itself, and text pasted into it would be code.
   */
  verbatim?: (raw: Readonly<Record<string, unknown>>) => readonly string[];
  /** Validates and normalises the check's config. */
  schema: z.ZodType<Config>;
  /** A default name when the config gives none, e.g. `GET /healthz`. */
  describe(config: Config): string;
  /**
   * Plans the check.
   * @throws ConfigurationError when the config is valid in shape but unusable here
   *   (a relative URL with no environment URL).
   */
  plan(config: Config, context: PlanContext): PlannedRun;
  /** Problems only visible across fields (a capture used before it is made). */
  problems?(config: Config, path: ConfigPath, source: ConfigSource): ConfigProblem[];
}
