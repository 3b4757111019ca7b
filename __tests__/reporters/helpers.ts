/**
 * Builders of gate results and a small GFM table reader, shared by the reporter tests.
 */
import type { CheckResult, CheckStatus, GateResult } from '../../src/engine/model.js';

let serial = 0;

/** One check result; the line defaults to a fresh number so annotations differ. */
export function check(status: CheckStatus, extra: Partial<CheckResult> = {}): CheckResult {
  serial += 1;
  return {
    id: `check-${serial}`,
    name: `check ${serial}`,
    kind: 'http',
    status,
    summary: status === 'passed' ? 'ok' : 'status: measured 503, expected 2xx',
    measured: status === 'passed' ? '200' : '503',
    expected: '2xx',
    details: [],
    location: { file: '.github/release-gates.yml', line: 10 + serial, column: 5 },
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 12,
    attempts: 1,
    ...extra,
  };
}

/** A gate result whose status follows its checks unless given. */
export function gate(checks: CheckResult[], extra: Partial<GateResult> = {}): GateResult {
  const status = checks.some((c) => c.status === 'failed') ? 'failed' : checks.some((c) => c.status === 'pending') ? 'pending' : 'passed';
  return { gate: 'smoke', environment: 'staging', status, checks, startedAt: '2024-01-01T00:00:00.000Z', durationMs: 40, ...extra };
}

/** `n` checks of one status. */
export function many(n: number, status: CheckStatus, extra: Partial<CheckResult> = {}): CheckResult[] {
  return Array.from({ length: n }, () => check(status, extra));
}

/**
 * The cells of one GFM table row, split as cmark-gfm does: on every `|` that is not
 * backslash-escaped, leading and trailing pipes dropped.
 */
export function tableCells(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    const char = row[i]!;
    if (char === '\\' && i + 1 < row.length) {
      current += char + row[i + 1]!;
      i++;
    } else if (char === '|') {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  if (row.trimStart().startsWith('|')) cells.shift();
  if (row.trimEnd().endsWith('|') && !row.trimEnd().endsWith('\\|')) cells.pop();
  return cells.map((cell) => cell.trim());
}

/** Splits markdown into lines the way CommonMark does: LF, CR LF or a lone CR. */
export function markdownLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Decodes the numeric and the few named HTML entities GitHub would decode in text. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&commat;/g, '@')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
