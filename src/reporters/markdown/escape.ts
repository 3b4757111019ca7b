/**
 * Escaping for text that did not come from us (response bodies, PR text, check names)
 * before it goes into markdown: it must not break a table, open HTML, run code spans or
 * mention people (README.md, "Security").
 */
import { cut } from '../../text.js';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Breaks an @mention. GitHub finds mentions after rendering, so neither `\@` nor
 * `&#64;` stops one (github/cmark-gfm#181); a zero-width space after the `@` does.
 */
const UNMENTION = '@\u200b';

/** Escapes text for inline markdown: HTML, `|`, backticks, emphasis, links and @mentions. */
export function escapeInline(text: string): string {
  return (
    text
      .replace(/[&<>]/g, (char) => HTML[char] ?? char)
      .replace(/([\\`*_[\]|#~])/g, '\\$1')
      .replace(/@/g, UNMENTION)
      // CommonMark ends a line at LF, CR LF and a lone CR; any of them would end a table row.
      .replace(/\r\n?|\n/g, ' ')
  );
}

/** Escapes text for a table cell, cut to `max` characters. */
export function escapeCell(text: string, max = 200): string {
  return escapeInline(cut(text, max));
}

/** A fenced code block that the text cannot close, whatever backticks it holds. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/@/g, UNMENTION)}\n${fence}`;
}

/**
 * Characters percent-encoded in a link's URL: parentheses and whitespace would end the
 * destination, `|` would split a table cell, and the rest have no business in one.
 * (`encodeURIComponent` leaves parentheses alone, so they are encoded by hand.)
 */
const URL_UNSAFE = /[()\s|<>`"\\[\]]/g;

/** A link around already-escaped text, when the URL is http(s); else the text alone. */
export function link(text: string, url: string | undefined): string {
  if (!url || !/^https?:\/\//.test(url)) return text;
  const safe = url.replace(URL_UNSAFE, (char) => (char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char)));
  return `[${text}](${safe})`;
}

/**
 * A code span holding `text` literally: the fence is longer than any backtick run inside
 * (CommonMark 6.1), a `|` is escaped so a table cell does not split (GFM 4.10), and a
 * line break becomes a space.
 */
export function codeSpan(text: string): string {
  const inner = text.replace(/\r\n?|\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

const HTML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '`': '&#96;' };

/**
 * Text inside an HTML element on one line (a `<summary>`), where markdown is not read (so
 * it is not escaped for markdown, which would show its backslashes): HTML and backticks
 * are written as entities,
 * mentions are broken, and line breaks become spaces.
 */
export function htmlText(text: string): string {
  return text
    .replace(/[&<>`]/g, (char) => HTML_TEXT[char] ?? char)
    .replace(/@/g, UNMENTION)
    .replace(/\r\n?|\n/g, ' ');
}
