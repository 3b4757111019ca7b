/**
 * GitHub-flavoured markdown with task lists, parsed into mdast. One module, loaded on
 * first use by the checklist kind, so the parser is one chunk of the bundle.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

/** The mdast tree of `markdown`, with `checked` set on task-list items. */
export function parseTaskListMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfmTaskListItem()], mdastExtensions: [gfmTaskListItemFromMarkdown()] });
}
