/**
 * Runbook 003's settings dump as a `command` check: a small `app/settings.py` in a temp
 * folder, read by `python3 - <<'PY' … PY` under `shell: bash`, with `cwd:` and `env:`,
 * and JSON fields expected from its stdout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { preflightConfig, runPreflight, tempDir } from './run-preflight.js';

const SETTINGS = `import os


class Settings:
    def __init__(self):
        self.app_env = os.environ.get("APP_ENV", "dev")
        self.strict_cors = os.environ.get("STRICT_CORS", "false") == "true"
        self.cors_origins = [o for o in os.environ.get("CORS_ORIGINS", "https://app.example").split(",") if o]
        self.trust_proxy_headers = False
        self.trusted_proxy_ips = []


settings = Settings()
`;

let dir: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove } = await tempDir('rg-settings-'));
  await mkdir(join(dir, 'api', 'app'), { recursive: true });
  await writeFile(join(dir, 'api', 'app', '__init__.py'), '');
  await writeFile(join(dir, 'api', 'app', 'settings.py'), SETTINGS);
});
afterAll(() => remove());

/** The check as a release engineer would write it from runbook 003, with `print` as given. */
function dump(appEnv: string, print: string): string {
  return preflightConfig(`    - name: prod mode enforced
      shell: bash
      cwd: api
      env: { APP_ENV: ${appEnv}, STRICT_CORS: "true" }
      command: |
        python3 - <<'PY'
        import json
        from app.settings import settings
        print("loading settings")
        ${print}
        PY
      expect:
        json:
          $.app_env: prod
          $.strict_cors: true
          $.cors_origins: { count: { gte: 1 } }`);
}

const JSON_PRINT =
  'print(json.dumps({"app_env": settings.app_env, "strict_cors": settings.strict_cors, "cors_origins": settings.cors_origins, "trusted_proxy_ips": settings.trusted_proxy_ips}))';

describe('python settings dump (runbook 003)', () => {
  it('passes in prod mode: measured shows the fields read', async () => {
    const { check } = await runPreflight(dump('prod', JSON_PRINT), { cwd: dir });
    expect(check()).toMatchObject({
      status: 'passed',
      measured: 'exit 0, $.app_env = "prod", $.strict_cors = true, $.cors_origins count 1',
      expected: 'exit 0, $.app_env == "prod", $.strict_cors == true, $.cors_origins count ≥ 1',
    });
    expect(check().details).toContain(`  | loading settings`);
  });

  it('fails in dev mode: measured "dev", expected "prod"', async () => {
    const { check } = await runPreflight(dump('dev', JSON_PRINT), { cwd: dir });
    expect(check()).toMatchObject({
      status: 'failed',
      summary: '$.app_env: measured "dev", expected == "prod"',
      measured: 'exit 0, $.app_env = "dev"',
    });
  });

  it("the runbook's own print({...}) (a Python dict, not JSON) is read too", async () => {
    const print =
      'print({"app_env": settings.app_env, "strict_cors": settings.strict_cors, "cors_origins": settings.cors_origins, "trust_proxy_headers": settings.trust_proxy_headers})';
    const { check } = await runPreflight(dump('prod', print), { cwd: dir });
    expect(check().status).toBe('passed');
    expect(check().details).toContain(
      `  | {'app_env': 'prod', 'strict_cors': True, 'cors_origins': ['https://app.example'], 'trust_proxy_headers': False}`,
    );
  });

  it('a settings module that fails to import: exit 1 with the error line', async () => {
    const yaml = dump('prod', JSON_PRINT).replace('cwd: api', 'cwd: .');
    const { check } = await runPreflight(yaml, { cwd: dir });
    expect(check()).toMatchObject({ status: 'failed', measured: 'exit 1' });
    expect(check().summary).toMatch(
      /^exit code: measured 1, expected 0 \(\+3 more\); last output: ModuleNotFoundError: No module named 'app'$/,
    );
    expect(check().details).toContain('✗ $.app_env: measured stdout is empty, expected JSON on stdout');
  });
});
