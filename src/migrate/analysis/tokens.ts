/**
 * The token text of a function or DO body, for its hash and for deciding whether it needs
 * the plpgsql parser at all. PostgreSQL's lexical rules (the `scan.l` of its parser, as
 * libpg-query's `scan` applies them, at a fraction of the cost): whitespace and comments
 * (`--`, nested `/* *\/`) are dropped; string constants ('…' with '' escapes, E'…' with
 * backslash escapes, $tag$…$tag$), quoted identifiers and numbers are kept as written;
 * unquoted words, which SQL and plpgsql read case-insensitively, are lower-cased; operators
 * are grouped as the lexer groups them. Tokens are joined by one space. Nothing but
 * whitespace and comments is ever dropped, so two bodies with the same tokens differ only in
 * layout, and any other edit changes the text.
 */

const SPACE = /\s/;
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;
const OPERATOR = /[+\-*/<>=~!@#%^&|`?]/;

/** The opening `$tag$` (or `$$`) of a dollar-quoted string at the start of the text. */
export const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/;

/** End index of the string or quoted identifier that opens at `start` with `quote`, past the closing quote. */
function quotedEnd(text: string, start: number, quote: string, backslash: boolean): number {
  let at = start + 1;
  while (at < text.length) {
    const char = text[at];
    if (backslash && char === '\\') at += 2;
    else if (char === quote && text[at + 1] === quote) at += 2;
    else if (char === quote) return at + 1;
    else at++;
  }
  return text.length;
}

/** End index of the nested block comment that opens at `start`. */
function commentEnd(text: string, start: number): number {
  let depth = 0;
  let at = start;
  while (at < text.length) {
    if (text.startsWith('/*', at)) {
      depth++;
      at += 2;
    } else if (text.startsWith('*/', at)) {
      depth--;
      at += 2;
      if (depth === 0) return at;
    } else at++;
  }
  return text.length;
}

/** End index of an operator that starts at `start`: the longest run, less a trailing + or - that PostgreSQL would not take. */
function operatorEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && OPERATOR.test(text[end] ?? '') && !text.startsWith('--', end) && !text.startsWith('/*', end)) end++;
  const run = text.slice(start, end);
  if (run.length > 1 && !/[~!@#%^&|`?]/.test(run)) {
    while (end - start > 1 && (text[end - 1] === '+' || text[end - 1] === '-')) end--;
  }
  return Math.max(end, start + 1);
}

/** The tokens of `text` (see the module comment). */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] ?? '';
    const next = text[at + 1] ?? '';
    let end: number;
    if (SPACE.test(char)) {
      at++;
      continue;
    } else if (char === '-' && next === '-') {
      const newline = text.indexOf('\n', at);
      at = newline === -1 ? text.length : newline + 1;
      continue;
    } else if (char === '/' && next === '*') {
      at = commentEnd(text, at);
      continue;
    } else if (char === "'") {
      end = quotedEnd(text, at, "'", false);
    } else if ((char === 'e' || char === 'E') && next === "'") {
      end = quotedEnd(text, at + 1, "'", true);
    } else if (char === '"') {
      end = quotedEnd(text, at, '"', false);
    } else if (char === '$' && DOLLAR_TAG.test(text.slice(at, at + 64))) {
      const tag = DOLLAR_TAG.exec(text.slice(at, at + 64))?.[0] ?? '$$';
      const close = text.indexOf(tag, at + tag.length);
      end = close === -1 ? text.length : close + tag.length;
    } else if (WORD_START.test(char)) {
      end = at + 1;
      while (end < text.length && WORD.test(text[end] ?? '')) end++;
      out.push(text.slice(at, end).toLowerCase());
      at = end;
      continue;
    } else if (OPERATOR.test(char)) {
      end = operatorEnd(text, at);
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(next))) {
      end = at + 1;
      while (end < text.length && /[0-9A-Za-z_.]/.test(text[end] ?? '') && !text.startsWith('..', end)) end++;
    } else {
      end = at + 1;
    }
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}
