/**
 * The `command` check with real processes, through the real config path: argv and
 * command lines, exit codes, stdout and stderr, shell scripts, config errors for shell
 * syntax without a shell, timeouts, missing programs, cwd, and redaction of output.
 */
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { ConfigurationError } from '../../../src/errors.js';
import { preflightConfig, runPreflight } from './run-preflight.js';

function configError(checks: string): string {
  try {
    parseConfig('rg.yml', preflightConfig(checks));
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('argv', () => {
  it('a list is argv: arguments with spaces stay whole, no shell reads them', async () => {
    const { check } = await runPreflight(
      preflightConfig(`    - command: [python3, -c, "import sys; print(sys.argv[1:])", "a b  c", "$HOME", "x|y"]
      expect: { stdout: "['a b  c', '$HOME', 'x|y']" }`),
    );
    expect(check()).toMatchObject({ status: 'passed', measured: 'exit 0' });
    expect(check().details).toContain(`$ python3 -c 'import sys; print(sys.argv[1:])' 'a b  c' '$HOME' 'x|y'`);
  });

  it('a command line is split like a shell would, quotes and all, without a shell', async () => {
    const { check } = await runPreflight(
      preflightConfig(`    - command: "python3 -c 'import sys; print(sys.argv[1:])' 'x y' \\"z w\\" plain"
      expect: { stdout: "['x y', 'z w', 'plain']" }`),
    );
    expect(check().status).toBe('passed');
  });

  it('${VAR} in a command line is one argument, even with spaces or | in its value', async () => {
    const { check } = await runPreflight(
      preflightConfig(`    - command: "python3 -c 'import sys; print(sys.argv[1:])' \${ARG} --flag=\${ARG}"
      expect: { stdout: "['a | b c', '--flag=a | b c']" }`),
      { env: { ARG: 'a | b c' } },
    );
    expect(check().status).toBe('passed');
  });
});

describe('exit codes', () => {
  it('0 by default; another code fails with the last output line', async () => {
    const { check } = await runPreflight(
      preflightConfig(`    - command: [sh, -c, "echo working; echo 'No module named app' >&2; exit 3"]`),
    );
    expect(check()).toMatchObject({
      status: 'failed',
      measured: 'exit 3',
      expected: 'exit 0',
      summary: 'exit code: measured 3, expected 0; last output: No module named app',
    });
    expect(check().details).toEqual(expect.arrayContaining(['stdout:', '  | working', 'stderr:', '  | No module named app']));
  });

  it('a list of accepted codes', async () => {
    const { check } = await runPreflight(preflightConfig(`    - command: [sh, -c, "exit 3"]\n      expect: { exit-code: [0, 3] }`));
    expect(check()).toMatchObject({ status: 'passed', measured: 'exit 3', expected: 'exit 0 or 3' });
  });

  it('an expected failure: exit-code 1', async () => {
    const { check } = await runPreflight(preflightConfig(`    - command: [sh, -c, "exit 0"]\n      expect: { exit-code: 1 }`));
    expect(check()).toMatchObject({ status: 'failed', summary: 'exit code: measured 0, expected 1' });
  });
});

describe('stdout and stderr', () => {
  it('contains, a regular expression, not-contains, and the line that matched', async () => {
    const { check } = await runPreflight(
      preflightConfig(`    - command: [sh, -c, "echo 'INFO  [alembic] context'; echo '0044_rls (head)'; echo 'deprecated' >&2"]
      expect:
        stdout: { matches: '^[0-9a-z_]+ \\(head\\)$', not-contains: Traceback }
        stderr: deprecated`),
    );
    expect(check().status).toBe('passed');
    expect(check().details).toEqual(
      expect.arrayContaining([
        '✓ stdout: line 2: "0044_rls (head)" (expected matches /^[0-9a-z_]+ \\(head\\)$/)',
        '✓ stderr: line 1: "deprecated" (expected contains "deprecated")',
      ]),
    );
  });

  it('a missing text fails with the last line shown', async () => {
    const { check } = await runPreflight(
      preflightConfig(`    - command: [sh, -c, "echo one; echo two"]\n      expect: { stdout: { contains: head } }`),
    );
    expect(check()).toMatchObject({
      status: 'failed',
      summary: 'stdout: measured not found in its 2 lines; the last is "two", expected contains "head"',
    });
  });

  it('the details keep the last 20 lines of a long output', async () => {
    const { check } = await runPreflight(preflightConfig(`    - command: [python3, -c, "for i in range(1, 51): print('line', i)"]`));
    const details = check().details;
    expect(details).toContain('stdout (last 20 of 50 lines):');
    expect(details).toContain('  | line 50');
    expect(details).toContain('  | line 31');
    expect(details).not.toContain('  | line 30');
  });
});

describe('shell scripts', () => {
  it('shell: bash runs a script with a pipe', async () => {
    const { check } = await runPreflight(
      preflightConfig(`    - shell: bash
      command: printf 'a\\nb\\nc\\n' | grep -c .
      expect: { stdout: { matches: '^3$' } }`),
    );
    expect(check()).toMatchObject({ status: 'passed', name: "bash: printf 'a\\nb\\nc\\n' | grep -c ." });
  });

  it('bash runs with pipefail: a failing stage fails the script', async () => {
    const { check } = await runPreflight(preflightConfig(`    - shell: bash\n      command: "false | cat"`));
    expect(check()).toMatchObject({ status: 'failed', measured: 'exit 1' });
  });

  it('a command line with | and no shell is a config error saying to add shell: bash', () => {
    const message = configError('    - name: heads\n      command: "alembic heads | grep head"');
    expect(message).toBe(
      'rg.yml:8:16: command "alembic heads | grep head" uses the shell operator "|", which only a shell understands (add shell: bash to run it as a script, or write the arguments as a list, e.g. [alembic, heads])',
    );
  });

  it.each([
    ['redirection', 'alembic heads > heads.txt', 'the shell operator ">"'],
    ['&&', 'make build && make migrate', 'the shell operator "&&"'],
    ['a heredoc', "python - <<'PY'", 'the shell operator "<<"'],
    ['$VAR', 'psql $DATABASE_URL', '$DATABASE_URL (write ${DATABASE_URL} to have release-gates fill it in)'],
    ['a glob', 'ls *.sql', 'the glob *.sql (quote it to pass it as is)'],
    ['an assignment', 'APP_ENV=prod python3 x.py', 'the variable assignment APP_ENV=prod (set it with env: instead)'],
  ])('%s without a shell is a config error', (_what, line, syntax) => {
    expect(configError(`    - command: "${line}"`)).toContain(`uses ${syntax}, which only a shell understands`);
  });

  it('a list with shell: is a config error', () => {
    expect(configError('    - { shell: bash, command: [echo, hi] }')).toContain('with shell:, command is one script string');
  });
});

describe('failures to run', () => {
  it('a timeout kills the command and says so', async () => {
    const { check } = await runPreflight(preflightConfig('    - command: [sleep, "30"]\n      timeout: 1s'));
    expect(check()).toMatchObject({ status: 'failed', measured: 'no exit within 1s (killed)', expected: 'exit within 1s' });
    expect(check().summary).toBe('no exit within 1s (killed)');
  });

  it('a script that ignores SIGTERM is still killed, within the check budget', async () => {
    const { check } = await runPreflight(preflightConfig(`    - shell: bash\n      command: "trap '' TERM; sleep 30"\n      timeout: 1s`));
    expect(check()).toMatchObject({ status: 'failed', measured: 'no exit within 1s (killed)' });
  });

  it('a program that does not exist: command not found', async () => {
    const { check } = await runPreflight(preflightConfig('    - command: [alembic-not-installed, heads]'));
    expect(check()).toMatchObject({
      status: 'failed',
      summary: 'command not found: alembic-not-installed',
      measured: 'command not found: alembic-not-installed',
    });
  });

  it('a cwd that does not exist says so (not "command not found")', async () => {
    const { check } = await runPreflight(preflightConfig('    - command: [ls]\n      cwd: no/such/dir'), { cwd: '/tmp' });
    expect(check()).toMatchObject({ status: 'failed', summary: 'cwd not found: /tmp/no/such/dir' });
  });
});

describe('environment', () => {
  it("the selected environment's vars reach the command", async () => {
    const { check } = await runPreflight(
      preflightConfig(
        `    - command: [python3, -c, "import os; print(os.environ['API_BASE'])"]\n      expect: { stdout: https://staging.example }`,
        {
          vars: '{ API_BASE: "https://staging.example" }',
        },
      ),
    );
    expect(check().status).toBe('passed');
  });
});

describe('redaction', () => {
  const TOKEN = 'tok_9f8e7d6c5b4a3210';

  it('a secret the command prints is redacted in every text of the result', async () => {
    const { run, check } = await runPreflight(
      preflightConfig(`    - shell: bash
      command: |
        echo "using token=$DEPLOY_TOKEN"
        python3 -c 'import json, os; print(json.dumps({"token": os.environ["DEPLOY_TOKEN"], "ok": False}))'
        echo "auth failed for $DEPLOY_TOKEN" >&2
        exit 1
      expect:
        stdout: { contains: nothing-like-this }
        json: { $.token: { matches: "^tok_" }, $.ok: true }`),
      { env: { DEPLOY_TOKEN: TOKEN } },
    );
    const text = JSON.stringify(run);
    expect(text).not.toContain(TOKEN);
    expect(check().summary).toBe('exit code: measured 1, expected 0 (+2 more); last output: auth failed for ***');
    expect(check().details).toEqual(
      expect.arrayContaining([
        '  | using token=***',
        '✓ $.token: "***" (expected matches /^tok_/)',
        '✗ $.ok: measured false, expected == true',
      ]),
    );
  });
});
