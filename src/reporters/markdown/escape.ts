/**
 * Escaping for text that did not come from us (response bodies, PR text, check names)
 * before it goes into markdown: it must not break a table, open HTML, run code spans or
 * mention people (issue #3, "must not break out of the comment's markdown").
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for inline markdown: HTML, `|`, backticks, emphasis, links and @mentions. */
export function escapeInline(text: string): string {
  return text
    .replace(/[&<>"]/g, (char) => HTML[char] ?? char)
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/@/g, '&#64;')
    .replace(/\r?\n/g, ' ');
}

/** Escapes text for a table cell, cut to `max` characters. */
export function escapeCell(text: string, max = 200): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return escapeInline(cut);
}

/** A fenced code block that the text cannot close, whatever backticks it holds. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/@/g, '@\u200b')}\n${fence}`;
}

/** A link whose text is escaped and whose URL must be http(s). */
export function link(text: string, url: string | undefined): string {
  if (!url || !/^https?:\/\//.test(url)) return text;
  return `[${text}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}
