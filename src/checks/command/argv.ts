/**
 * The string form of a command, `command: "alembic heads"`, split into argv the way a
 * shell would split it, with no shell run. Shell syntax that only a shell understands
 * (pipes, redirections, `&&`, heredocs, `$VAR`, globs, backquotes) is refused with a
 * message saying to add `shell: bash`.
 *
 * `${VAR}` templates are kept whole while splitting and expanded per word afterwards, so
 * a value with spaces or `|` in it stays one argument and is never read as syntax.
 */
import { parse } from 'shell-quote';
import { expand, type Lookup } from '../../config/interpolate.js';

/** argv words, each possibly holding `${VAR}` templates; or why the line needs a shell. */
export type SplitLine = { ok: true; words: string[] } | { ok: false; problem: string };

/** `${…}` templates and the `$${` escape, as `config/interpolate.ts` reads them. */
const TEMPLATE = /\$\$\{|\$\{[^}]*\}/g;
/** Marks a template while the line is split; U+0000 cannot appear in a YAML string. */
const MARK = '\u0000';

const SHELL_HINT = 'add shell: bash to run it as a script, or write the arguments as a list, e.g. [alembic, heads]';

function needsShell(line: string, what: string, hint: string): SplitLine {
  return { ok: false, problem: `command ${JSON.stringify(line)} uses ${what}, which only a shell understands (${hint})` };
}

/** What shell-quote gives for one piece of a line: a word, an operator, a glob, a comment, or a `$VAR`. */
type Entry = string | { op: string; pattern?: string } | { comment: string } | { variable: string };

/** What in a parsed entry needs a shell, or undefined for a plain word. */
function shellSyntax(entry: Entry): string | undefined {
  if (typeof entry === 'string') return undefined;
  if ('variable' in entry)
    return entry.variable ? `$${entry.variable} (write \${${entry.variable}} to have release-gates fill it in)` : '"$"';
  if ('comment' in entry) return 'a # comment';
  if (entry.op === 'glob') return `the glob ${entry.pattern ?? ''} (quote it to pass it as is)`;
  return `the shell operator "${entry.op}"`;
}

/**
 * Splits a command line into words with their templates intact. `hint` ends the problem
 * of a line that needs a shell: what to write instead.
 */
export function splitCommandLine(line: string, hint = SHELL_HINT): SplitLine {
  if (line.trim().includes('\n')) return needsShell(line, 'several lines', hint);
  if (line.includes('`')) return needsShell(line, 'backquotes', hint);
  const templates: string[] = [];
  const marked = line.replace(TEMPLATE, (template) => `${MARK}${templates.push(template) - 1}${MARK}`);
  const entries = parse(marked, (variable) => ({ variable })) as Entry[];
  const words: string[] = [];
  for (const entry of entries) {
    const syntax = shellSyntax(entry);
    if (syntax !== undefined) return needsShell(line, syntax, hint);
    words.push((entry as string).replace(/\u0000(\d+)\u0000/g, (_, index: string) => templates[Number(index)] ?? ''));
  }
  const [first] = words;
  if (first === undefined) return { ok: false, problem: 'command is empty (expected a program and its arguments, e.g. "alembic heads")' };
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
    return needsShell(line, `the variable assignment ${first} (set it with env: instead)`, hint);
  }
  const tilde = words.find((word) => word.startsWith('~'));
  if (tilde !== undefined) return needsShell(line, `${tilde} (~ is the home folder only to a shell; write \${HOME} instead)`, hint);
  return { ok: true, words };
}

/** Expands the templates of each word: one word stays one argument whatever its value. */
export function expandWords(words: readonly string[], lookup: Lookup): string[] {
  return words.map((word) => expand(word, lookup).value);
}

/** A word as a person would type it to a shell: bare when safe, else in single quotes. */
function quoteWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** argv as a person would type it: `alembic heads`, `echo 'a b' '$HOME'`. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}
