/**
 * The `checklist` check kind: manual sign-offs ticked in the pull request's description
 * (runbook 001, "Keep `Cost guardrails verified in staging` unchecked until this is
 * done").
 *
 * ```yaml
 * - checklist:
 *     - Cost guardrails verified in staging
 *     - Rollback plan included in PR description
 * ```
 *
 * Each item must be a ticked task-list item (`- [x] …`) in the PR body. The body is read
 * fresh from the API, not from the event payload (a re-run reuses the old payload). It
 * is parsed as GitHub-flavoured markdown, so a task item inside a code block or an HTML
 * comment is not one. Items match case-insensitively with whitespace normalised. An item
 * unticked or missing leaves the check `pending`, with what to tick and where. Needs a
 * pull request: skipped on a run without one.
 */
import type { Nodes } from 'mdast';
import { z } from 'zod';
import { CheckCommon } from '../../config/schema/common.js';
import type { CheckOutcome } from '../../engine/model.js';
import { askPullRequest, pullRequestRun } from '../github-scope.js';
import type { CheckKind } from '../kind.js';

const Item = z.string().trim().min(1);

const Schema = z.strictObject({
  ...CheckCommon,
  checklist: z
    .union([Item, z.array(Item).min(1)], { error: 'expected checklist items, e.g. ["Cost guardrails verified in staging"]' })
    .transform((items) => (typeof items === 'string' ? [items] : items)),
});

export type ChecklistConfig = z.output<typeof Schema>;

/** A task-list item of the PR body: its text as shown and whether it is ticked. */
export interface TaskItem {
  text: string;
  checked: boolean;
}

/** Text as people read it: whitespace collapsed. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The key items are matched by: case-insensitive, whitespace normalised. Backticks are
 * dropped, since the PR side is read as text (`` `x` `` shows as x).
 */
function key(text: string): string {
  return tidy(text.replace(/`/g, '')).normalize('NFC').toLowerCase();
}

/** The visible text of inline markdown (`**Cost** guardrails` → `Cost guardrails`). */
function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return ' ';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  return 'children' in node ? node.children.map((child) => textOf(child)).join('') : '';
}

/**
 * Every task-list item of a markdown document, nested ones included; code blocks hold
 * none. The markdown parser is loaded on first use.
 */
export async function taskItems(markdown: string): Promise<TaskItem[]> {
  const { parseTaskListMarkdown } = await import('./markdown.js');
  const tree = parseTaskListMarkdown(markdown);
  const items: TaskItem[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'listItem' && typeof node.checked === 'boolean') {
      const label = node.children.find((child) => child.type === 'paragraph');
      items.push({ text: tidy(label ? textOf(label) : ''), checked: node.checked });
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return items;
}

type ItemState =
  { item: string; state: 'ticked' } | { item: string; state: 'unticked'; shown: string } | { item: string; state: 'missing' };

function stateOf(item: string, tasks: readonly TaskItem[]): ItemState {
  const found = tasks.filter((task) => key(task.text) === key(item));
  const open = found.find((task) => !task.checked);
  if (open) return { item, state: 'unticked', shown: open.text };
  return found.length ? { item, state: 'ticked' } : { item, state: 'missing' };
}

const RERUN = 'then re-run (the pull_request "edited" trigger does it)';

function outcome(items: readonly string[], tasks: readonly TaskItem[], pr: number): CheckOutcome {
  const states = items.map((item) => stateOf(item, tasks));
  const waiting = states.filter((state) => state.state !== 'ticked');
  const ticked = states.length - waiting.length;
  const details = states.map((state) =>
    state.state === 'ticked'
      ? `✓ - [x] ${state.item}`
      : state.state === 'unticked'
        ? `☐ - [ ] ${state.shown}: not ticked`
        : `☐ ${state.item}: not in the PR description`,
  );
  const measured = `${ticked} of ${items.length} ticked`;
  const expected = `ticked in #${pr}'s description: ${items.map((item) => `- [x] ${item}`).join('; ')}`;
  if (waiting.length === 0) {
    return {
      status: 'passed',
      summary: `#${pr}: ${items.length === 1 ? 'the item is' : `all ${items.length} items are`} ticked`,
      measured,
      expected,
      details,
    };
  }
  // Quoted, not in backticks: a summary is plain text, and reads the same in the log,
  // the check run and the comment.
  const actions = waiting.map((state) => (state.state === 'unticked' ? `tick "- [ ] ${state.shown}"` : `add "- [x] ${state.item}"`));
  const summary =
    waiting.length === 1 && waiting[0]
      ? `${actions[0] ?? ''} ${waiting[0].state === 'unticked' ? 'in' : 'to'} the PR description of #${pr}, ${RERUN}`
      : `${waiting.length} of ${items.length} items not ticked in the PR description of #${pr}: ${actions.join('; ')}; ${RERUN}`;
  return { status: 'pending', summary, measured, expected, details };
}

export const checklistKind: CheckKind<ChecklistConfig> = {
  name: 'checklist',
  key: 'checklist',
  schema: Schema,
  describe: (config) =>
    config.checklist.length === 1 ? `checked: ${config.checklist[0] ?? ''}` : `checklist: ${config.checklist.length} items ticked`,
  plan(config, context) {
    return pullRequestRun({ kind: 'checklist', timeout: config.timeout, context }, async (github) => {
      const number = github.pullRequest.number;
      const pr = await askPullRequest(`reading pull request #${number}`, () => github.api.getPullRequest(number));
      return outcome(config.checklist, await taskItems(pr.body), number);
    });
  },
};
