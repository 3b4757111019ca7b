/**
 * Reading a command's stdout as data: the whole of it as JSON, else the last non-empty
 * line that is JSON (after log lines), else a Python literal from `print({...})`
 * (runbook 003's settings dumps), whole or on the last line that is one.
 */
import { preview } from '../../matchers/matchers.js';
import { parsePythonLiteral } from './python-literal.js';

/** The data read from stdout, or why there is none. */
export type OutputJson = { ok: true; value: unknown; from: string } | { ok: false; reason: string };

function json(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Parses stdout; `from` says which reading worked (`whole stdout as JSON`, …). */
export function parseOutputJson(stdout: string): OutputJson {
  const text = stdout.trim();
  if (text === '') return { ok: false, reason: 'stdout is empty' };
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .reverse();
  const whole = json(text);
  if (whole.ok) return { ...whole, from: 'stdout as JSON' };
  for (const [index, line] of lines.entries()) {
    const parsed = json(line);
    if (parsed.ok) return { ...parsed, from: index === 0 ? 'the last line as JSON' : `line ${lines.length - index} as JSON` };
  }
  const python = parsePythonLiteral(text);
  if (python.ok) return { ok: true, value: python.value, from: 'stdout as a Python literal' };
  for (const line of lines) {
    const parsed = parsePythonLiteral(line);
    if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object') {
      return { ok: true, value: parsed.value, from: 'the last line that is a Python literal' };
    }
  }
  const last = lines[0] ?? '';
  return {
    ok: false,
    reason: `stdout is not JSON (${lines.length} line${lines.length === 1 ? '' : 's'}; last line: ${preview(last)}); print(json.dumps(...)) writes JSON`,
  };
}
