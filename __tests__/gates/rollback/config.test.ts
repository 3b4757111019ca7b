/**
 * The `rollback:` section is checked when the config is loaded: each problem at its
 * file:line:col with what was expected; a shell script is never expanded; a `verify:`
 * reference plans only the check it names.
 */
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { ConfigurationError } from '../../../src/errors.js';
import { withConfigFile } from '../../support/gate-run.js';
import { request, runRollback } from './run.js';

const HEAD = `version: 1
environments:
  production: { url: "http://127.0.0.1:9" }
smoke:
  checks:
    - name: liveness
      http: GET /healthz
    - name: admin metrics
      http: GET /v1/admin/metrics
      auth: { basic: ["\${ADMIN_USER}", "\${ADMIN_PASSWORD}"] }
rollback:
  steps:
`;

function problems(yaml: string): string[] {
  try {
    parseConfig('release-gates.yml', yaml);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('rollback config', () => {
  it('names an unknown verify reference, a misspelt placeholder, a placeholder in a script and a check without a kind, at their lines', () => {
    const yaml = `${HEAD}    - name: backend
      command: [./deploy.sh, "{{targte}}"]
      verify: [livenes, { http: GET /x }]
    - name: frontend
      shell: bash
      command: ./deploy.sh frontend {{target}}
`;
    expect(problems(yaml)).toEqual([
      '14:16: rollback.steps[0].command: unknown placeholder {{targte}} (did you mean {{target}}?)',
      '15:16: rollback.steps[0].verify[0]: no check named "livenes" (did you mean "liveness"?)',
      '18:16: rollback.steps[1].command: {{target}} is not filled in a shell script (a value pasted into a script would be code); read "$RELEASE_GATES_TARGET_SHA" instead',
    ]);
    expect(problems(yaml.replace('{ http: GET /x }', '{ htp: GET /x }'))).toEqual([
      '15:27: rollback.steps[0].verify[1].htp: check has no kind: unknown key "htp" (did you mean "http"?)',
    ]);
  });

  it('needs at least one step, and a command line without a shell that needs one is refused', () => {
    expect(problems(HEAD.replace('  steps:\n', '  steps: []\n'))).toEqual(['12:10: rollback.steps: expected at least 1 item, got 0']);
    expect(problems(`${HEAD}    - command: ./deploy.sh | tee log\n`)[0]).toMatch(/^13:16: .*uses the shell operator "\|"/);
  });

  it('reads the tool history only with a command or sql check', () => {
    const yaml =
      HEAD.replace('  steps:\n', '  database:\n    history: { http: GET /migrations }\n  steps:\n') + '    - command: [./deploy.sh]\n';
    expect(problems(yaml)).toEqual([
      '13:14: rollback.database.history: a http check cannot list migrations (expected a command: or sql: check)',
    ]);
  });

  it('leaves a step script alone and expands only the checks a verify names', () =>
    withConfigFile(
      `${HEAD}    - name: backend
      shell: bash
      command: echo "\${NOT_SET_ANYWHERE}"
      verify: [liveness]
`,
      'rg-rollback-config-',
      async (loaded) => {
        // admin metrics needs ADMIN_USER and ADMIN_PASSWORD, which are not set: no verify names it.
        const { phase } = await runRollback(loaded, undefined, request({ dryRun: true }));
        expect(phase('rollback target').status).toBe('unverified');
        expect(phase('backend: liveness').location.line).toBe(6);
      },
    ));
});
