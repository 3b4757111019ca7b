/**
 * Where acknowledgements come from (issue #9): a PR label or a `workflow_dispatch` input
 * (a token, `token.ts`), a file in the repository that the config points at, and the
 * config itself (entries naming migration, hash and environment). Each claim records
 * who made it: the actor of the `labeled` event, the dispatching actor, the entry's
 * `by:`, or else the author of the last commit that changed the file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigSource } from '../../config/source.js';
import type { GitHubScope } from '../../checks/kind.js';
import type { ProcessRunner } from '../../io/process.js';
import { AcknowledgementsFile, type AcknowledgementConfig } from '../schema.js';
import { parseTokens } from './token.js';

export type AckSource = 'label' | 'dispatch' | 'file' | 'config';

/** One acknowledgement as found, before it is matched to a migration. */
export interface AckClaim {
  source: AckSource;
  /** The token of a label or dispatch input. */
  token?: string;
  /** The entry of a file or the config. */
  entry?: AcknowledgementConfig;
  /** Who acknowledged, when known. */
  by: string | undefined;
  /** Where it was found, e.g. `label on #7`, `.github/migration-acks.yml:4`. */
  where: string;
}

export interface AckInputs {
  /** Entries of `migrate.acknowledgements`, with their lines in the config. */
  config: { file: string; entries: { entry: AcknowledgementConfig; line: number }[] };
  /** `migrate.acknowledgements-file`, relative to `cwd`. */
  file: string | undefined;
  /** The `acknowledge` input of a `workflow_dispatch` (tokens). */
  dispatch: string | undefined;
  /** Who dispatched (`GITHUB_ACTOR`). */
  actor: string | undefined;
  github: GitHubScope | undefined;
  /** The commit under test: on a push, its pull request's labels count. */
  headSha: string | undefined;
  cwd: string;
  process: ProcessRunner;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface GatheredClaims {
  claims: AckClaim[];
  /** Sources that could not be read, one line each (an unreadable file, the API failing). */
  problems: string[];
  /** True when a GitHub read failed: labels might hold an acknowledgement not seen. */
  labelsUnread: boolean;
}

/** The author of the last commit that changed `file` (`Name <email>`), or undefined outside git. */
export async function lastAuthor(
  file: string,
  inputs: Pick<AckInputs, 'cwd' | 'process' | 'timeoutMs' | 'signal'>,
): Promise<string | undefined> {
  const result = await inputs.process.run({
    argv: ['git', 'log', '-1', '--format=%an <%ae>', '--', file],
    cwd: inputs.cwd,
    timeoutMs: inputs.timeoutMs,
    signal: inputs.signal,
  });
  const text = result.exitCode === 0 ? result.stdout.trim() : '';
  return text || undefined;
}

async function fileClaims(inputs: AckInputs, problems: string[]): Promise<AckClaim[]> {
  if (!inputs.file) return [];
  let text: string;
  try {
    text = await readFile(resolve(inputs.cwd, inputs.file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      code === 'ENOENT'
        ? `acknowledgements file ${inputs.file} does not exist (no acknowledgement written there yet)`
        : `acknowledgements file ${inputs.file} cannot be read: ${code ?? String(error)}`,
    );
    return [];
  }
  let source: ConfigSource;
  try {
    source = ConfigSource.parse(inputs.file, text);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return [];
  }
  const data = source.toJS();
  const nested = !Array.isArray(data);
  const list: unknown = nested ? (data as { acknowledgements?: unknown } | null)?.acknowledgements : data;
  const prefix = nested ? ['acknowledgements'] : [];
  const parsed = AcknowledgementsFile.safeParse(list ?? null);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = source.locate([...prefix, ...(issue.path as (string | number)[])]);
      const message =
        list === undefined || list === null ? 'expected a list of acknowledgements, or acknowledgements: holding one' : issue.message;
      problems.push(`${where.file}:${where.line}:${where.column}: ${message}`);
    }
    return [];
  }
  const entries = parsed.data;
  const author = entries.some((entry) => !entry.by) ? await lastAuthor(inputs.file, inputs) : undefined;
  return entries.map((entry, index) => {
    const line = source.locate(nested ? ['acknowledgements', index] : [index]).line;
    return { source: 'file', entry, by: entry.by ?? author, where: `${inputs.file}:${line}` };
  });
}

async function labelClaims(inputs: AckInputs, problems: string[]): Promise<{ claims: AckClaim[]; unread: boolean }> {
  const github = inputs.github;
  if (!github) return { claims: [], unread: false };
  try {
    let numbers = github.pullRequest ? [github.pullRequest.number] : [];
    if (numbers.length === 0 && inputs.headSha && github.eventName !== 'local') {
      numbers = (await github.api.listPullRequestsForCommit(inputs.headSha)).map((pull) => pull.number);
    }
    const claims: AckClaim[] = [];
    for (const number of numbers) {
      const labels = (await github.api.listLabels(number)).filter((label) => label.startsWith('ack:'));
      if (labels.length === 0) continue;
      const events = await github.api.listLabelEvents(number);
      for (const label of labels) {
        const by = events.findLast((event) => event.label === label)?.actor;
        claims.push({ source: 'label', token: label, by, where: `label on #${number}` });
      }
    }
    return { claims, unread: false };
  } catch (error) {
    problems.push(`the pull request's labels could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return { claims: [], unread: true };
  }
}

/** Every claim from every source; a source that cannot be read is a problem, not an exception. */
export async function gatherClaims(inputs: AckInputs): Promise<GatheredClaims> {
  const problems: string[] = [];
  const configAuthor = inputs.config.entries.some(({ entry }) => !entry.by) ? await lastAuthor(inputs.config.file, inputs) : undefined;
  const fromConfig: AckClaim[] = inputs.config.entries.map(({ entry, line }) => ({
    source: 'config',
    entry,
    by: entry.by ?? configAuthor,
    where: `${inputs.config.file}:${line}`,
  }));
  const fromFile = await fileClaims(inputs, problems);
  const fromDispatch: AckClaim[] = parseTokens(inputs.dispatch).map((token) => ({
    source: 'dispatch',
    token,
    by: inputs.actor,
    where: 'workflow_dispatch input "acknowledge"',
  }));
  const labels = await labelClaims(inputs, problems);
  return { claims: [...labels.claims, ...fromDispatch, ...fromFile, ...fromConfig], problems, labelsUnread: labels.unread };
}
