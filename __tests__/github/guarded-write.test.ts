/**
 * `guardedWrite` (src/action/core-io.ts): untrusted text printed to the log must not run
 * workflow commands (GITHUB.md, "Runner contract"). The runner is modelled on
 * actions/runner's ActionCommandManager: `::cmd::` at the start of a line (after leading
 * whitespace), the legacy `##[cmd]` anywhere in a line, and `::stop-commands::<token>`
 * until `::<token>::`.
 */
import { describe, expect, it } from '@jest/globals';
import { guardedWrite } from '../../src/action/core-io.js';

const REGISTERED = [
  'error',
  'warning',
  'notice',
  'debug',
  'add-mask',
  'set-output',
  'set-env',
  'add-path',
  'save-state',
  'group',
  'endgroup',
  'echo',
  'add-matcher',
  'remove-matcher',
];

/** The commands the runner would run for this log output. */
function runnerExecutes(log: string): string[] {
  const executed: string[] = [];
  let stopToken: string | undefined;
  for (const line of log.split(/\r\n|\r|\n/)) {
    const trimmed = line.trimStart();
    let command: { name: string; data: string } | undefined;
    const v2 = /^::([^:]*?)(?: [^:]*)?::(.*)$/.exec(trimmed);
    const v1 = /##\[([^\] ]*)[^\]]*\](.*)$/.exec(line);
    if (v2) command = { name: v2[1]!, data: v2[2]! };
    else if (v1) command = { name: v1[1]!, data: v1[2]! };
    if (!command) continue;
    const name = command.name.toLowerCase();
    if (stopToken !== undefined) {
      if (name === stopToken.toLowerCase()) stopToken = undefined;
    } else if (name === 'stop-commands') stopToken = command.data;
    else if (REGISTERED.includes(name)) executed.push(line);
  }
  return executed;
}

function capture(...texts: string[]): { log: string; writes: string[] } {
  const writes: string[] = [];
  for (const text of texts) guardedWrite((t) => writes.push(t), text);
  return { log: writes.join(''), writes };
}

const TOKEN = /^::stop-commands::([0-9a-f-]{36})$/;

describe('the runner model', () => {
  it('runs commands written without a guard (so the tests below mean something)', () => {
    expect(
      runnerExecutes('::error::x\n  ::add-mask::y\nsay ##[set-output name=a]b\n::stop-commands::t\n::error::no\n::t::\n::warning::w'),
    ).toEqual(['::error::x', '  ::add-mask::y', 'say ##[set-output name=a]b', '::warning::w']);
  });
});

describe('guardedWrite', () => {
  it('passes plain text through unchanged in one write', () => {
    const { writes } = capture('GET https://api.example.com/health -> 200 in 87 ms\nsecond line with a :: in the middle\n');
    expect(writes).toEqual(['GET https://api.example.com/health -> 200 in 87 ms\nsecond line with a :: in the middle\n']);
  });

  it.each([
    ['a line starting ::', 'body:\n::error title=pwned::owned\n'],
    ['a line starting ##[', '##[set-output name=result]passed'],
    ['an indented command', 'x\n   \t::add-mask::nothing'],
    ['a command after a lone CR', 'progress 10%\r::set-env name=NODE_OPTIONS::--require /tmp/x'],
  ])('wraps %s in stop-commands so the runner runs none of it', (_, text) => {
    const { log, writes } = capture(text);
    expect(writes).toHaveLength(1);
    const lines = log.split('\n');
    const token = TOKEN.exec(lines[0]!)?.[1];
    expect(token).toBeDefined();
    expect(lines.at(-2)).toBe(`::${token!}::`);
    expect(lines.at(-1)).toBe('');
    expect(log).toContain(text);
    expect(runnerExecutes(log)).toEqual([]);
  });

  it('uses a fresh random token each time, not one the text could guess', () => {
    const text = '::stop-commands::guess\n::error::a\n';
    const tokens = Array.from({ length: 20 }, () => TOKEN.exec(capture(text).log.split('\n')[0]!)![1]!);
    expect(new Set(tokens).size).toBe(20);
    for (const token of tokens) expect(text).not.toContain(token);
  });

  it('cannot be ended early by text that ends stop-commands with a guessed token', () => {
    const hostile = [
      '::guess::',
      '::00000000-0000-0000-0000-000000000000::',
      '::stop-commands::guess',
      '::error::pwned',
      '::add-mask::x',
    ].join('\n');
    expect(runnerExecutes(capture(hostile).log)).toEqual([]);
  });

  // The runner parses the legacy `##[cmd]` anywhere in a line (ActionCommand.TryParse
  // uses IndexOf), so such text must be guarded too.
  it('wraps a legacy ##[command] in the middle of a line', () => {
    const { log } = capture('response body: {"msg":"##[add-mask]x"} and ##[set-output name=result]passed\n');
    expect(runnerExecutes(log)).toEqual([]);
  });

  // After a write that did not end its line, the `::stop-commands::` opener must still
  // start a line, or the runner ignores it and the command runs.
  it('guards a command even when the previous write did not end its line', () => {
    const { log } = capture('checking health… ', '::error::pwned\n');
    expect(runnerExecutes(log)).toEqual([]);
  });
});
