/**
 * Acknowledge: a migration that needs an acknowledgement runs only if one names its id,
 * its content hash and the environment (issue #9). Without one the gate fails here,
 * before anything runs. When an acknowledgement names the migration but another hash,
 * the content changed since: the gate shows the old and new hash and the statements that
 * differ, found in the file's git history.
 */
import type { CheckContext } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import { cut } from '../../text.js';
import { fileVersions, lineDifference, statementDifference, type Difference } from '../ack/history.js';
import { gatherClaims, type AckClaim } from '../ack/sources.js';
import { ackToken, fileHash, tokenIdPart } from '../ack/token.js';
import type { AcceptedAck, PendingMigration } from '../model.js';
import type { MigrateRun } from '../run.js';
import { findingLine } from './analyse.js';

/** Statements shown per side when a migration changed. */
const SHOWN_DIFFERENCES = 8;

/** True when `claim` acknowledges exactly this content on this environment. */
function accepts(claim: AckClaim, id: string, hash: string, environment: string): boolean {
  if (claim.token !== undefined) return claim.token === ackToken(id, hash, environment);
  return claim.entry?.migration === id && claim.entry.hash === hash && claim.entry.environment === environment;
}

/** True when `claim` names this migration but not this content (or, for a token, maybe another environment). */
function namesOtherContent(claim: AckClaim, id: string, environment: string): boolean {
  if (claim.token !== undefined) return ackToken(id, 'x', environment).startsWith(`ack:${tokenIdPart(claim.token) ?? '\0'}:`);
  return claim.entry?.migration === id && claim.entry.environment === environment;
}

interface ChangedSince {
  claim: AckClaim;
  /** The acknowledged hash, when the version was found (always known for an entry). */
  acknowledged: string | undefined;
  commit: string | undefined;
  difference: Difference | undefined;
}

/** Finds the version a stale claim acknowledged in the file's history, and what differs. */
async function changedSince(run: MigrateRun, pending: PendingMigration, claim: AckClaim, context: CheckContext): Promise<ChangedSince> {
  const { analysed } = pending;
  const environments = Object.keys(run.options.loaded.config.environments ?? {});
  const versions = await fileVersions(analysed.file, {
    cwd: run.cwd,
    process: run.options.io.process,
    timeoutMs: run.toolCallMs,
    signal: context.signal,
  });
  const { analyseSql } = await import('../analysis/index.js');
  for (const version of versions) {
    let hash: string;
    let statements: string[] = [];
    if (analysed.hashOf === 'file') hash = fileHash(version.text);
    else {
      const analysis = await analyseSql(run.tool.sqlOfText ? run.tool.sqlOfText(version.text) : version.text);
      hash = analysis.hash;
      statements = analysis.parts.map((part) => part.text);
    }
    const matches = claim.entry
      ? claim.entry.hash === hash
      : [run.environment, ...environments].some((env) => claim.token === ackToken(analysed.id, hash, env));
    if (!matches || hash === analysed.hash) continue;
    const difference =
      analysed.hashOf === 'file'
        ? lineDifference(version.text, pending.source.fileText)
        : statementDifference(statements, pending.statements);
    return { claim, acknowledged: hash, commit: version.commit, difference };
  }
  return { claim, acknowledged: claim.entry?.hash, commit: undefined, difference: undefined };
}

function changeLines(id: string, current: string, change: ChangedSince): string[] {
  const who = change.claim.by ? ` by ${change.claim.by}` : '';
  const what = change.claim.token ?? change.claim.where;
  const head = `${id} changed since it was acknowledged (${change.claim.source} ${what}${who}): acknowledged ${change.acknowledged ?? 'an earlier version or another environment'}${change.commit ? ` (commit ${change.commit.slice(0, 12)})` : ''}, now ${current}`;
  const diff = change.difference;
  if (!diff) return [head];
  const side = (sign: string, items: readonly string[]) => [
    ...items.slice(0, SHOWN_DIFFERENCES).map((item) => `    ${sign} ${cut(item.replace(/\s+/g, ' ').trim(), 160)}`),
    ...(items.length > SHOWN_DIFFERENCES ? [`    ${sign} … ${items.length - SHOWN_DIFFERENCES} more`] : []),
  ];
  return [head, '  statements that differ (- acknowledged, + now):', ...side('-', diff.removed), ...side('+', diff.added)];
}

export async function acknowledgePhase(run: MigrateRun, context: CheckContext): Promise<CheckOutcome> {
  const needing = run.pending.filter(({ analysed }) => analysed.needsAck);
  if (needing.length === 0) {
    return {
      status: 'passed',
      summary: 'no pending migration needs an acknowledgement',
      measured: 'none needed',
      expected: 'an acknowledgement for each destructive migration',
      data: { environment: run.environment, accepted: [], missing: [] },
    };
  }
  const { section, loaded, scope } = run.options;
  const configEntries = (section.acknowledgements ?? []).map((entry, index) => ({
    entry,
    line: loaded.source.locate(['migrate', 'acknowledgements', index]).line,
  }));
  const gathered = await gatherClaims({
    config: { file: loaded.source.file, entries: configEntries },
    file: section['acknowledgements-file'],
    dispatch: scope.inputs?.acknowledge,
    actor: scope.env.GITHUB_ACTOR,
    github: scope.github,
    headSha: scope.headSha,
    cwd: scope.cwd,
    process: run.options.io.process,
    timeoutMs: run.toolCallMs,
    signal: context.signal,
  });
  const accepted: AcceptedAck[] = [];
  const details: string[] = [];
  const missing: Record<string, unknown>[] = [];
  for (const pending of needing) {
    const { id, hash } = pending.analysed;
    const valid = gathered.claims.find((claim) => accepts(claim, id, hash, run.environment));
    if (valid) {
      accepted.push({ migration: id, hash, environment: run.environment, source: valid.source, by: valid.by, where: valid.where });
      details.push(
        `✓ ${id} acknowledged for ${run.environment} by ${valid.by ?? 'unknown'} (${valid.source}: ${valid.token ?? valid.where})`,
      );
      continue;
    }
    const token = ackToken(id, hash, run.environment);
    const stale = gathered.claims.filter((claim) => namesOtherContent(claim, id, run.environment));
    const changes = [];
    for (const claim of stale) changes.push(await changedSince(run, pending, claim, context));
    const entry = `{ migration: ${JSON.stringify(id)}, hash: "${hash}", environment: ${run.environment} }`;
    details.push(
      `✗ ${id} needs an acknowledgement for ${run.environment} (content ${hash})`,
      ...pending.analysed.findings.filter((finding) => finding.needsAck).map((finding) => `  ${findingLine(pending.analysed, finding)}`),
      ...pending.analysed.unanalysable.map((part) => `  ${pending.analysed.file}:${part.line} not analysable: ${part.reason}`),
      ...changes.flatMap((change) => changeLines(id, hash, change)),
      `  to acknowledge: add the label ${token} to the pull request, or run the workflow with acknowledge: ${token},`,
      `  or add to ${section['acknowledgements-file'] ?? 'migrate.acknowledgements'}: ${entry}`,
    );
    missing.push({
      migration: id,
      hash,
      token,
      changed: changes.map((change) => ({
        source: change.claim.source,
        by: change.claim.by ?? null,
        acknowledged: change.acknowledged ?? null,
        commit: change.commit ?? null,
        difference: change.difference ?? null,
      })),
    });
  }
  run.accepted = accepted;
  details.push(...gathered.problems.map((problem) => `⚠ ${problem}`));
  const data = { environment: run.environment, accepted, missing };
  if (missing.length === 0) {
    return {
      status: 'passed',
      summary: accepted.map((ack) => `${ack.migration} acknowledged by ${ack.by ?? 'unknown'} (${ack.source})`).join('; '),
      measured: `${accepted.length} acknowledged`,
      expected: `an acknowledgement for each of ${needing.length} for ${run.environment}`,
      details,
      data,
    };
  }
  const first = missing[0] as { migration: string; token: string; changed: unknown[] };
  const changed = first.changed.length > 0;
  // An unreadable source might hold the acknowledgement: the gate cannot tell, so it is not verified.
  const status = gathered.labelsUnread ? 'unverified' : 'failed';
  return {
    status,
    summary: changed
      ? `${first.migration} changed since it was acknowledged: the acknowledgement is void; nothing was applied`
      : `${first.migration} needs an acknowledgement for ${run.environment}: add the label ${first.token}; nothing was applied`,
    measured: `${missing.length} not acknowledged${changed ? ' (changed since)' : ''}`,
    expected: `an acknowledgement of id, content hash and ${run.environment}`,
    details,
    data,
  };
}
