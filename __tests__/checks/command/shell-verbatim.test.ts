/**
 * A shell script is never expanded by release-gates: a value with shell syntax reaches
 * the script through the environment and stays data, and the script's own `${f}` is
 * bash's, not an unset config variable (issue #4; "never interpolate into a script").
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preflightConfig, runPreflight, tempDir } from './run-preflight.js';

describe('shell scripts are verbatim', () => {
  it('a variable holding $(…) is data, not code', async () => {
    const { dir, remove } = await tempDir('rg-verbatim-');
    try {
      const marker = join(dir, 'pwned');
      const yaml = preflightConfig(
        [
          '    - name: echo the value',
          '      shell: bash',
          '      command: echo "value=${NASTY}"',
          '      expect: { stdout: { contains: "value=$(touch" } }',
        ].join('\n'),
      );
      const { check } = await runPreflight(yaml, { env: { NASTY: `$(touch ${marker})` }, cwd: dir });
      expect(check().status).toBe('passed');
      expect(existsSync(marker)).toBe(false);
    } finally {
      await remove();
    }
  });

  it("a script's own ${f} and ${#list[@]} are bash's, not config variables", async () => {
    const yaml = preflightConfig(
      [
        '    - name: bash variables',
        '      shell: bash',
        '      command: |',
        '        list=(a b c); for f in "${list[@]}"; do echo "item ${f}"; done; echo "n=${#list[@]}"',
        '      expect: { stdout: { contains: "n=3" } }',
      ].join('\n'),
    );
    const { check } = await runPreflight(yaml);
    expect(check().status).toBe('passed');
  });

  it('the same ${VAR} outside a shell script is still expanded by the config', async () => {
    const yaml = preflightConfig(
      ['    - name: argv', '      command: [echo, "${GREETING:-hello}"]', '      expect: { stdout: hello }'].join('\n'),
    );
    const { check } = await runPreflight(yaml);
    expect(check().status).toBe('passed');
  });
});
