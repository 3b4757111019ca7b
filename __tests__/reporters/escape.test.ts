/**
 * Markdown escaping of untrusted text (src/reporters/markdown/escape.ts): it must not
 * break a table row, open HTML, start a code span, emphasis or a link, or mention anyone.
 */
import { describe, expect, it } from '@jest/globals';
import { codeBlock, escapeCell, escapeInline, link } from '../../src/reporters/markdown/escape.js';
import { decodeEntities, markdownLines, tableCells } from './helpers.js';

const HOSTILE = [
  'a|b \\| c',
  '`code` ``double``',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'hi @octocat and @github/security',
  '[x](javascript:alert(1)) ![i](https://e.com/i.png)',
  '**bold** __under__ ~~strike~~',
  '# heading',
  'line\nbreak | cell',
  'lone\rcr | cell',
  'crlf\r\n| cell |',
].join(' ');

/** Characters of `chars` in `text` that are not backslash-escaped (markdown sees them). */
function unescaped(text: string, chars: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (chars.includes(text[i]!)) found.push(text[i]!);
  }
  return found;
}

/** What GitHub's mention filter sees: markdown escapes removed, entities decoded. */
function renderedText(markdown: string): string {
  return decodeEntities(markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

describe('escapeInline / escapeCell', () => {
  const escaped = escapeInline(HOSTILE);

  it('keeps a table row one line with the same number of cells', () => {
    const row = `| ${escapeCell(HOSTILE, 10_000)} | second |`;
    expect(markdownLines(row)).toHaveLength(1);
    expect(tableCells(row)).toHaveLength(2);
    expect(tableCells(row)[1]).toBe('second');
  });

  it('leaves no raw HTML', () => {
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).toContain('&lt;script&gt;');
  });

  it('leaves no unescaped backtick, emphasis, link or heading syntax', () => {
    expect(unescaped(escaped.replace(/&#?[a-z0-9]+;/gi, ''), '`*_[]~|#')).toEqual([]);
  });

  it('leaves no @mention, even after entities and escapes are decoded', () => {
    expect(renderedText(escaped)).not.toMatch(/@[A-Za-z0-9]/);
    expect(escaped).toContain('octocat');
  });

  it('escapes backslashes, so input cannot escape our escapes', () => {
    const row = `| ${escapeCell('\\|\\\\|', 100)} | x |`;
    expect(tableCells(row)).toHaveLength(2);
  });

  it('cuts long text before escaping, never inside an escape', () => {
    const cell = escapeCell('|'.repeat(300), 10);
    expect(cell).toBe(`${'\\|'.repeat(9)}…`);
    expect(escapeCell('x'.repeat(300))).toHaveLength(200);
  });
});

describe('codeBlock', () => {
  /** The fence that opens the block, and the first later line that closes it. */
  function fences(block: string): { open: string; closesAt: number; lines: string[] } {
    const lines = block.split('\n');
    const open = /^(`{3,})/.exec(lines[0]!)![1]!;
    const closesAt = lines.findIndex((line, i) => i > 0 && new RegExp(`^ {0,3}\`{${open.length},}\\s*$`).test(line));
    return { open, closesAt, lines };
  }

  it.each([
    ['three backticks', 'before\n```\nafter'],
    ['a longer run, indented', 'x\n   ``````\n`````````` and more'],
    ['backticks only', '`'.repeat(40)],
    ['no backticks', 'plain'],
  ])('cannot be closed by its content: %s', (_, content) => {
    const { open, closesAt, lines } = fences(codeBlock(content));
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(closesAt).toBe(lines.length - 1);
  });

  it('keeps the content and does not mention', () => {
    const block = codeBlock('ping @octocat <b>');
    expect(block).toContain('<b>');
    expect(block).not.toMatch(/@[A-Za-z0-9]/);
  });
});

describe('link', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    'ftp://example.com/file',
    '',
  ])('refuses %j and returns the text alone', (url) => {
    expect(link('text', url)).toBe('text');
  });

  it('refuses a missing URL', () => {
    expect(link('text', undefined)).toBe('text');
  });

  it.each(['http://example.com/a', 'https://github.com/o/r/runs/1?check_suite_focus=true#L3'])('links %s', (url) => {
    expect(link('text', url)).toBe(`[text](${url})`);
  });

  it('keeps a hostile URL inside the link destination and inside the table cell', () => {
    const out = link('x', 'https://e.com/a) <img src=x onerror=alert(1)> | b (c)`d`');
    expect(out).toMatch(/^\[x\]\(https:\/\/e\.com\/[^()\s<>|`]*\)$/);
    expect(tableCells(`| ${out} | y |`)).toHaveLength(2);
  });
});
