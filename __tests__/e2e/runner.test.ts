/**
 * The composite-action runner the end-to-end tests rely on (`__tests__/support/runner`):
 * expressions, inputs and their defaults, `if:` and status functions, the step
 * environment, file commands, `uses:` recording, the script-injection refusal and the
 * runner's handling of workflow commands.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { condition, interpolate, loadCompositeAction, parseFileCommand, processLog, runCompositeAction } from '../support/runner/index.js';
import { ROOT } from './harness.js';

function action(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-runner-action-'));
  writeFileSync(join(dir, 'action.yml'), yaml);
  return dir;
}

async function run(yaml: string, inputs: Record<string, string> = {}): ReturnType<typeof runCompositeAction> {
  const workspace = mkdtempSync(join(tmpdir(), 'rg-runner-ws-'));
  mkdirSync(join(workspace, 'sub'));
  return runCompositeAction({
    action: action(yaml),
    with: inputs,
    run: {
      repository: 'o/r',
      sha: 'a'.repeat(40),
      eventName: 'push',
      event: { after: 'x' },
      token: 'ghs_tok',
      apiUrl: 'http://127.0.0.1:1',
    },
    workspace,
    runnerTemp: mkdtempSync(join(tmpdir(), 'rg-runner-tmp-')),
    env: { JOB_LEVEL: 'job' },
  });
}

const PROBE = `
name: probe
inputs:
  some-input: { required: true }
  github-token: { default: '\${{ github.token }}' }
  flag: { default: 'true' }
outputs:
  multi: { value: '\${{ steps.first.outputs.multi }}' }
  skipped: { value: '\${{ steps.never.outputs.x }}' }
runs:
  using: composite
  steps:
    - id: first
      shell: bash
      env:
        INPUT_SOME_INPUT: \${{ inputs.some-input }}
        MIXED: "token=\${{ inputs.github-token }} flag=\${{ inputs.flag == 'true' }}"
      run: |
        env | grep -E '^INPUT_' | sort > "$RUNNER_TEMP/inputs.txt"
        {
          echo "multi<<EOF_1"
          printf 'line 1\\nline 2\\n'
          echo "EOF_1"
          echo "simple=a=b"
          echo "mixed=$MIXED"
          echo "path=$GITHUB_ACTION_PATH"
          echo "inputs=$(paste -sd, "$RUNNER_TEMP/inputs.txt")"
          echo "job=$JOB_LEVEL sha=$GITHUB_SHA event=$(cat "$GITHUB_EVENT_PATH" | tr -d ' \\n')"
        } >> "$GITHUB_OUTPUT"
        echo "### summary" >> "$GITHUB_STEP_SUMMARY"
        echo "FROM_ENV_FILE=yes" >> "$GITHUB_ENV"
    - id: fails
      shell: bash
      run: exit 3
    - id: never
      shell: bash
      run: echo "x=1" >> "$GITHUB_OUTPUT"
    - id: cleanup
      if: always()
      shell: bash
      env:
        SEEN: \${{ env.FROM_ENV_FILE }}/\${{ steps.fails.outcome }}/\${{ steps.never.outcome }}
      run: echo "seen=$SEEN" >> "$GITHUB_OUTPUT"
    - if: failure() && steps.first.outputs.simple == 'a=b'
      uses: actions/upload-artifact@v4
      with:
        name: art-\${{ steps.first.outputs.simple }}
        path: \${{ steps.first.outputs.path }}
        overwrite: true
`;

describe('runCompositeAction', () => {
  it('evaluates inputs, env, outputs, if: and file commands like the runner', async () => {
    process.env.INPUT_LEAKED_FROM_TEST = 'no';
    const result = await run(PROBE, { 'some-input': 'hello' });
    delete process.env.INPUT_LEAKED_FROM_TEST;

    const [first, fails, never, cleanup, upload] = result.steps;
    expect(first!.outputs).toEqual(
      expect.objectContaining({
        multi: 'line 1\nline 2',
        simple: 'a=b',
        mixed: 'token=ghs_tok flag=true',
        inputs: 'INPUT_SOME_INPUT=hello',
        job: `job sha=${'a'.repeat(40)} event={"after":"x"}`,
      }),
    );
    expect(first!.outputs.path).toBe(result.steps[0]!.processEnv!.GITHUB_ACTION_PATH);
    expect(first!.summary).toBe('### summary\n');
    expect([fails!.outcome, fails!.exitCode, never!.ran, never!.outcome]).toEqual(['failure', 3, false, 'skipped']);
    expect(cleanup!.outputs.seen).toBe('yes/failure/skipped');
    expect(upload).toEqual(
      expect.objectContaining({
        uses: 'actions/upload-artifact@v4',
        ran: true,
        with: { name: 'art-a=b', path: first!.outputs.path, overwrite: 'true' },
      }),
    );
    expect(result.outputs).toEqual({ multi: 'line 1\nline 2', skipped: '' });
    expect([result.conclusion, result.exitCode]).toEqual(['failure', 3]);
    expect(result.inputs).toEqual({ 'some-input': 'hello', 'github-token': 'ghs_tok', flag: 'true' });
  });

  it('refuses a missing required input and an unknown one', async () => {
    await expect(run(PROBE)).rejects.toThrow(/input "some-input" is required/);
    await expect(run(PROBE, { 'some-input': 'x', nope: 'y' })).rejects.toThrow(/unexpected input "nope"/);
  });

  it('fails loudly on ${{ }} inside run: (script injection)', () => {
    const dir = action('runs:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "${{ inputs.x }}"\n');
    expect(() => loadCompositeAction(dir)).toThrow(/script injection/);
  });

  it.each(['action.yml', 'actions/smoke/action.yml'])('%s passes the script-injection check', (file) => {
    expect(() => loadCompositeAction(join(ROOT, file))).not.toThrow();
  });
});

describe('expressions', () => {
  const contexts = { inputs: { 'github-token': 'T' }, steps: { run: { outputs: { report: '' } } }, github: { event_name: 'push' } };
  it('interpolates with GitHub semantics', () => {
    expect(interpolate("a ${{ inputs.github-token }} ${{ INPUTS.GITHUB-TOKEN == 't' }} ${{ steps.x.outputs.y }}|", contexts)).toBe(
      'a T true |',
    );
    expect(interpolate(true, contexts)).toBe('true');
    expect(() => interpolate('${{ always() }}', contexts)).toThrow(/always/);
  });
  it('adds success() to an if: without a status function', () => {
    expect(condition("steps.run.outputs.report != ''", contexts, { failed: false, cancelled: false })).toBe(false);
    expect(condition("${{ github.event_name == 'push' }}", contexts, { failed: true, cancelled: false })).toBe(false);
    expect(condition("always() && github.event_name == 'push'", contexts, { failed: true, cancelled: false })).toBe(true);
    expect(condition(undefined, contexts, { failed: true, cancelled: false })).toBe(false);
  });
});

describe('file and workflow commands', () => {
  it('parses GITHUB_OUTPUT and rejects a heredoc without its delimiter', () => {
    expect([...parseFileCommand('a=1\n\nb<<X\nx\n\ny\nX\nc=\n')]).toEqual([
      ['a', '1'],
      ['b', 'x\n\ny'],
      ['c', ''],
    ]);
    expect(() => parseFileCommand('b<<X\nx\n')).toThrow(/delimiter/);
    expect(() => parseFileCommand('nonsense\n')).toThrow(/invalid format/);
  });
  it('runs commands, honours stop-commands and masks', () => {
    const log = processLog(
      [
        '::add-mask::s3cret',
        'value s3cret',
        '  ::warning file=a%2Cb.yml,line=3::two%0Alines',
        '::stop-commands::tok',
        '::error::ignored',
        '::tok::',
        '::error title=x%3Ay::after',
        '::unknown::plain',
      ].join('\n'),
    );
    expect(log.commands.map((c) => [c.command, c.properties, c.message])).toEqual([
      ['add-mask', {}, 's3cret'],
      ['warning', { file: 'a,b.yml', line: '3' }, 'two\nlines'],
      ['stop-commands', {}, 'tok'],
      ['error', { title: 'x:y' }, 'after'],
    ]);
    expect(log.visible).toContain('value ***');
    expect(log.visible).toContain('::error::ignored');
    expect(log.stopRegions).toBe(1);
  });
});
