/**
 * The real CLI (`tsx src/index.ts run preflight`) on a config with env, file and command
 * checks: the exit code and the table a person reads.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runProgram, type CliResult } from '../../config/helpers.js';
import { preflightConfig, tempDir } from './run-preflight.js';

const ROOT = resolve('.');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove } = await tempDir('rg-cli-'));
  await writeFile(join(dir, '.env'), 'APP_ENV=prod\n');
  await mkdir(join(dir, 'app'));
  await writeFile(join(dir, 'app', '__init__.py'), '');
  await writeFile(join(dir, 'app', 'settings.py'), 'import os\nclass S:\n    app_env = os.environ.get("APP_ENV", "dev")\nsettings = S()\n');
});
afterAll(() => remove());

/** Runs the CLI in the temp folder with exactly `env` (plus PATH). */
async function cli(yaml: string, env: Record<string, string>): Promise<CliResult> {
  const config = join(dir, 'release-gates.yml');
  await writeFile(config, yaml);
  return runProgram(TSX, [join(ROOT, 'src', 'index.ts'), 'run', 'preflight', '--config', config, '--env', 'x'], { cwd: dir, env });
}

const CHECKS = `    - name: keys
      env: [MAIL_HOST, AUTH_SECRET_KEY]
    - env: AUTH_SECRET_KEY
      not-equals: dev-auth-secret
    - file: .env
      max-age: 1h
    - name: settings dump
      shell: bash
      command: |
        python3 - <<'PY'
        from app.settings import settings
        print({"app_env": settings.app_env})
        PY
      expect: { json: { $.app_env: prod } }
    - command: "python3 --version"`;

describe('release-gates run preflight', () => {
  it('passes: exit 0 and a table of what was measured', async () => {
    const yaml = preflightConfig(CHECKS, { vars: '{ MAIL_HOST: smtp.example.com, APP_ENV: prod }' });
    const { code, stdout, stderr } = await cli(yaml, { AUTH_SECRET_KEY: 'prod-2b7e151628aed2a6' });
    const out = stdout + stderr;
    expect(out).toMatch(/keys\s*│ ✓ passed\s*│ 2 of 2 present/);
    expect(out).toMatch(/file \.env\s*│ ✓ passed\s*│ \.env: 13 B, \d+s old/);
    expect(out).toMatch(/settings dump\s*│ ✓ passed\s*│ exit 0, \$\.app_env = "prod"/);
    expect(out).toMatch(/python3 --version\s*│ ✓ passed\s*│ exit 0/);
    expect(out).not.toContain('prod-2b7e151628aed2a6');
    expect(code).toBe(0);
  }, 60_000);

  it('fails: exit 1, the failing rows say measured against expected, and no secret is printed', async () => {
    const yaml = preflightConfig(CHECKS, { vars: '{ APP_ENV: dev }' });
    const { code, stdout, stderr } = await cli(yaml, { AUTH_SECRET_KEY: 'dev-auth-secret' });
    const out = stdout + stderr;
    expect(out).toMatch(/keys\s*│ ✗ failed\s*│ MAIL_HOST absent/);
    expect(out).toMatch(/env AUTH_SECRET_KEY\s*│ ✗ failed\s*│ AUTH_SECRET_KEY equals the not-e/);
    expect(out).toMatch(/settings dump\s*│ ✗ failed\s*│ exit 0, \$\.app_env = "dev"/);
    expect(out).toContain('$.app_env: measured "dev", expected == "prod"');
    expect(out).not.toContain('dev-auth-secret');
    expect(code).toBe(1);
  }, 60_000);
});
