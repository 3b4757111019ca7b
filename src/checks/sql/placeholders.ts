/**
 * The bind parameters a query refers to (`$1`, `$2`, …), found outside string literals,
 * quoted identifiers, dollar-quoted bodies and comments, so that `params:` can be checked
 * against the query when the config is loaded instead of failing at run time.
 */

/** Skips from `start` (just past the opening quote) to just past the closing `quote`; a doubled quote is an escaped one. */
function skipQuoted(text: string, start: number, quote: string, backslash: boolean): number {
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (backslash && char === '\\') index += 2;
    else if (char === quote && text[index + 1] === quote) index += 2;
    else if (char === quote) return index + 1;
    else index += 1;
  }
  return index;
}

/** Skips a `/* … *\/` comment starting at `start`; PostgreSQL nests them. */
function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    if (text.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (text.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else index += 1;
  }
  return index;
}

/** The highest `$n` the query refers to; 0 when it has none. */
export function highestPlaceholder(text: string): number {
  let highest = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    const rest = text.slice(index);
    if (char === "'") {
      const escaped = /[eE]/.test(text[index - 1] ?? '') && !/[A-Za-z0-9_]/.test(text[index - 2] ?? '');
      index = skipQuoted(text, index + 1, "'", escaped);
    } else if (char === '"') index = skipQuoted(text, index + 1, '"', false);
    else if (rest.startsWith('--')) index = text.includes('\n', index) ? text.indexOf('\n', index) + 1 : text.length;
    else if (rest.startsWith('/*')) index = skipBlockComment(text, index);
    else if (char === '$') {
      const placeholder = /^\$(\d+)/.exec(rest);
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
      if (placeholder?.[1] !== undefined && !/[A-Za-z0-9_]/.test(text[index - 1] ?? '')) {
        highest = Math.max(highest, Number(placeholder[1]));
        index += placeholder[0].length;
      } else if (tag && !/[A-Za-z0-9_]/.test(text[index - 1] ?? '')) {
        const end = text.indexOf(tag[0], index + tag[0].length);
        index = end === -1 ? text.length : end + tag[0].length;
      } else index += 1;
    } else index += 1;
  }
  return highest;
}
