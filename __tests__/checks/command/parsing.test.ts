/** Reading stdout as data (JSON or a Python literal), and splitting command lines. */
import { describe, expect, it } from '@jest/globals';
import { expandWords, formatArgv, splitCommandLine } from '../../../src/checks/command/argv.js';
import { parsePythonLiteral } from '../../../src/checks/command/python-literal.js';
import { parseOutputJson } from '../../../src/checks/command/stdout-json.js';
import { jsonAssertions } from '../../../src/checks/output-expect.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';

describe('parseOutputJson', () => {
  it('the whole stdout, or the last line that is JSON after log lines', () => {
    expect(parseOutputJson('{\n  "a": 1\n}\n')).toEqual({ ok: true, value: { a: 1 }, from: 'stdout as JSON' });
    expect(parseOutputJson('INFO start\n{"a": 1}\nINFO done\n')).toEqual({ ok: true, value: { a: 1 }, from: 'line 2 as JSON' });
    expect(parseOutputJson('{"a": 1}\n{"a": 2}')).toMatchObject({ value: { a: 2 } });
  });

  it("Python's print of a dict", () => {
    expect(parseOutputJson("starting\n{'app_env': 'prod', 'strict_cors': True, 'ips': None, 'origins': ('a',)}\n")).toEqual({
      ok: true,
      value: { app_env: 'prod', strict_cors: true, ips: null, origins: ['a'] },
      from: 'the last line that is a Python literal',
    });
  });

  it('says why when there is nothing to read', () => {
    expect(parseOutputJson('')).toEqual({ ok: false, reason: 'stdout is empty' });
    expect(parseOutputJson('hello\nworld')).toEqual({
      ok: false,
      reason: 'stdout is not JSON (2 lines; last line: world); print(json.dumps(...)) writes JSON',
    });
  });

  it('a long last line is cut with the mark, so a secret cut in two is still redacted', () => {
    const secrets = new SecretRegistry();
    secrets.add('s3cr3t-t0ken-value');
    const padding = 'x'.repeat(54);
    const [assertion] = jsonAssertions(`${padding} s3cr3t-t0ken-value and more`, { '$.a': 1 }, secrets);
    expect(assertion?.measured).toBe(`stdout is not JSON (1 line; last line: ${padding} ***…); print(json.dumps(...)) writes JSON`);
  });
});

describe('parsePythonLiteral', () => {
  it('strings with either quote and escapes, numbers, nesting, trailing commas', () => {
    expect(parsePythonLiteral(`{"it's": 'say "hi"\\n', 'n': -1.5e3, 'x': [1, 2,], 'u': '\\u00e9\\x41', 1: {}}`)).toEqual({
      ok: true,
      value: { "it's": 'say "hi"\n', n: -1500, x: [1, 2], u: 'éA', '1': {} },
    });
  });

  it('refuses what is not a plain literal', () => {
    expect(parsePythonLiteral("{'a': datetime.date(2024, 1, 1)}")).toEqual({ ok: false, reason: 'unexpected "d" at character 7' });
    expect(parsePythonLiteral("{'a': 1} trailing")).toMatchObject({ ok: false });
    expect(parsePythonLiteral("{'a: 1}")).toMatchObject({ ok: false });
  });
});

describe('splitCommandLine', () => {
  it('splits like a shell, keeping ${VAR} templates whole for later', () => {
    expect(splitCommandLine(`psql "\${DATABASE_URL}" -c 'SELECT 1' --x=\${A:-a b}`)).toEqual({
      ok: true,
      words: ['psql', '${DATABASE_URL}', '-c', 'SELECT 1', '--x=${A:-a b}'],
    });
    const split = splitCommandLine('echo ${V} x${V}');
    expect(split.ok && expandWords(split.words, (name) => (name === 'V' ? 'a; rm -rf /' : undefined))).toEqual([
      'echo',
      'a; rm -rf /',
      'xa; rm -rf /',
    ]);
  });

  it('several lines or backquotes need a shell', () => {
    expect(splitCommandLine('make build\nmake migrate')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('uses several lines'),
    });
    expect(splitCommandLine('echo `date`')).toMatchObject({ ok: false, problem: expect.stringContaining('uses backquotes') });
  });

  it('formatArgv quotes only what needs it', () => {
    expect(formatArgv(['alembic', 'heads'])).toBe('alembic heads');
    expect(formatArgv(['echo', 'a b', "it's", '$HOME', ''])).toBe(`echo 'a b' 'it'\\''s' '$HOME' ''`);
  });
});
