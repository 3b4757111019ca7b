/**
 * The follow-up incident issue of a rollback (issue #11, "Make it loud"), in the shape of
 * runbook 002's "Rollback Procedure" and "Post-Rollback Follow-Up": when, where, from
 * which revision to which, what triggered it, the timeline of every phase, placeholders
 * for impact and root cause, and the steps a person does as checklist items. Every text
 * that did not come from us (commit titles, the reason) is escaped.
 */
import { escapeInline } from '../../reporters/markdown/escape.js';
import { statusLabel } from '../../engine/model.js';
import { shortSha } from '../../checks/github-scope.js';
import type { PullRequestRef } from '../../github/api.js';
import type { RollbackRequest } from './request.js';
import type { RollbackState } from './state.js';

/** Runbook 002, "Post-Rollback Follow-Up", after the config's own items. */
export const FOLLOW_UP = [
  'Document failure mode and trigger.',
  'Add missing tests to prevent recurrence.',
  'Define corrective action and owner.',
  'Plan re-release window after fix verification.',
];

/** Default person steps when the config lists none: runbook 002's "Stop forward deploy" and "Communication". */
export const DEFAULT_CHECKLIST = ['Freeze additional merges/deploys.', 'Notify stakeholders with timestamp, impact, and current status.'];

export interface IncidentContext {
  environment: string;
  request: RollbackRequest;
  state: RollbackState;
  /** `https://github.com/owner/repo`, for commit links; undefined locally. */
  repoUrl: string | undefined;
  /** When the rollback started, ISO 8601. */
  startedAt: string;
  /** Config `incident.checklist`, else {@link DEFAULT_CHECKLIST}. */
  checklist: readonly string[];
  /** The pull requests that shipped the bad revision. */
  pulls: readonly PullRequestRef[];
  /** The rollback's GitHub deployment, once created. */
  deploymentId: number | undefined;
}

/** A code span of text that did not come from us: only a backtick could end it. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

const ICON: Record<string, string> = { passed: '✅', failed: '❌', skipped: '⏭️', pending: '⏳', unverified: '⚠️' };

function commit(context: IncidentContext, sha: string | undefined, title: string | undefined): string {
  if (!sha) return 'unknown';
  const short = `\`${shortSha(sha)}\``;
  const linked = context.repoUrl ? `[${short}](${context.repoUrl}/commit/${sha})` : short;
  return title ? `${linked} ${escapeInline(title)}` : linked;
}

function trigger(request: RollbackRequest): string {
  const actor = request.trigger.actor;
  const who = actor ? (request.trigger.kind === 'local' ? ` by ${escapeInline(actor)}` : ` by @${actor.replace(/\[bot\]$/, '')}`) : '';
  if (request.trigger.kind === 'monitor') return `the monitor gate's breach (workflow dispatch${who})`;
  return request.trigger.kind === 'local' ? `manual, from the command line${who}` : `manual (Run workflow${who})`;
}

/** The outcome in one line. */
export function resultLine(state: RollbackState): string {
  const stop = state.stoppedAt;
  if (!stop) return 'rolled back and verified';
  return `stopped at "${stop.phase}" (${statusLabel(stop.status)}): ${stop.summary}`;
}

/** `Rollback of production: abc123 → def456`. */
export function incidentTitle(context: IncidentContext): string {
  const { state } = context;
  const failed = state.clean ? '' : ' (failed)';
  const dry = context.request.dryRun ? 'Dry run: ' : '';
  return `${dry}Rollback of ${context.environment}${failed}: ${shortSha(state.deployed?.sha ?? '?')} → ${shortSha(state.target?.sha ?? '?')}`;
}

/** The phase that writes the record (and this timeline): not a line of it. */
const RECORD = 'record';

/** The timeline: every planned phase, with what happened or that it did not run. */
export function timelineTable(state: RollbackState): string {
  const rows = state.planned
    .filter((name) => name !== RECORD)
    .map((name) => {
      const entry = state.timeline.find((line) => line.phase === name);
      if (!entry) return `| | ${escapeInline(name)} | did not run | |`;
      const time = entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      return `| ${time} | ${escapeInline(name)} | ${ICON[entry.status] ?? ''} ${statusLabel(entry.status)} | ${escapeInline(entry.summary.slice(0, 300))} |`;
    });
  return ['| time (UTC) | phase | result | what happened |', '|---|---|---|---|', ...rows].join('\n');
}

/** The issue body. */
export function incidentMarkdown(context: IncidentContext): string {
  const { state, request } = context;
  const target = state.target;
  const why = target
    ? target.explicit
      ? `explicit target ${escapeInline(target.asked)}: ${escapeInline(target.gates)}`
      : `last known good: ${escapeInline(target.gates)}`
    : 'no target';
  const shipped = context.pulls.length ? ` — shipped by ${context.pulls.map((pull) => `#${pull.number}`).join(', ')}` : '';
  const rejected = state.candidates.filter((candidate) => !candidate.chosen);
  const migrations = state.migrations;
  const done = state.clean;
  return [
    `## ${escapeInline(incidentTitle(context))}`,
    '',
    '| | |',
    '|---|---|',
    `| **Started** | ${context.startedAt} |`,
    `| **Environment** | ${escapeInline(context.environment)} |`,
    `| **From (bad revision)** | ${commit(context, state.deployed?.sha, state.deployed?.title)}${shipped} |`,
    `| **To (rollback target)** | ${commit(context, target?.sha, target?.title)} (${why}) |`,
    `| **Trigger** | ${trigger(request)} |`,
    `| **Reason** | ${escapeInline(request.reason || 'not given')} |`,
    `| **Result** | ${escapeInline(resultLine(state))} |`,
    ...(request.runUrl ? [`| **Workflow run** | ${request.runUrl} |`] : []),
    ...(context.deploymentId === undefined ? [] : [`| **Deployment** | ${context.deploymentId} (the rollback pin while it stands) |`]),
    '',
    '### Timeline',
    '',
    timelineTable(state),
    '',
    ...(rejected.length
      ? [
          '### Candidates rejected',
          '',
          ...rejected.map((c) => `- \`${shortSha(c.sha)}\` ${escapeInline(c.title)}: ${escapeInline(c.reason)}`),
          '',
        ]
      : []),
    ...(migrations.length
      ? [
          '### Database',
          '',
          ...migrations.map(
            (m) =>
              `- ${code(m.id)} on \`${shortSha(m.commit)}\`: ${m.destructive ? '**destructive**' : m.compatible === false ? '**not backward compatible**' : 'backward compatible'}${m.findings.length ? ` (${escapeInline(m.findings.join(', '))})` : ''}`,
          ),
          ...(state.backup ? [`- backup on record: ${code(state.backup.name)}`] : []),
          '',
        ]
      : []),
    '### Rollback procedure (runbook 002)',
    '',
    `- [${state.target ? 'x' : ' '}] Revert to previous known-good revision: ${target ? `\`${shortSha(target.sha)}\`` : 'not found'}`,
    `- [${done ? 'x' : ' '}] Validate rollback: the verify checks of every step passed`,
    ...context.checklist.map((item) => `- [ ] ${escapeInline(item)}`),
    '',
    '### Impact',
    '',
    '_To fill in: who was affected, how, and for how long (customer impact)._',
    '',
    '### Root cause',
    '',
    '_To fill in: the failure mode and what triggered it._',
    '',
    '### Post-rollback follow-up',
    '',
    ...FOLLOW_UP.map((item) => `- [ ] ${item}`),
    `- [ ] Release the fix through the ${escapeInline(context.environment)} gates (that clears the rollback pin; see README "Rollback")`,
    '',
  ].join('\n');
}
