/**
 * The `env` check through the real config path: presence, emptiness, comparisons, the
 * list form, `vars:` over the process environment, and secrets that are never shown.
 */
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { ConfigurationError } from '../../../src/errors.js';
import { preflightConfig, runPreflight } from '../command/run-preflight.js';

describe('presence', () => {
  it('a list of present variables: "3 of 3 present" (runbook 000 §3.4)', async () => {
    const { check } = await runPreflight(preflightConfig('    - env: [ANTHROPIC_API_KEY, E2B_API_KEY, MAIL_HOST]'), {
      env: { ANTHROPIC_API_KEY: 'sk-ant-0123456789', E2B_API_KEY: 'e2b-0123456789', MAIL_HOST: 'smtp.example.com' },
    });
    expect(check()).toMatchObject({ status: 'passed', measured: '3 of 3 present', expected: 'all 3 present and non-empty' });
    expect(check().name).toBe('env ANTHROPIC_API_KEY, E2B_API_KEY, MAIL_HOST');
  });

  it('an absent one is named; the count of present ones follows', async () => {
    const { check } = await runPreflight(preflightConfig('    - env: [ANTHROPIC_API_KEY, E2B_API_KEY, MAIL_HOST]'), {
      env: { ANTHROPIC_API_KEY: 'sk-ant-0123456789', MAIL_HOST: 'smtp.example.com' },
    });
    expect(check()).toMatchObject({
      status: 'failed',
      measured: 'E2B_API_KEY absent',
      summary: 'E2B_API_KEY absent (expected present and non-empty); 2 of 3 present',
    });
  });

  it('an empty value fails as empty, not as absent', async () => {
    const { check } = await runPreflight(preflightConfig('    - env: MAIL_HOST'), { env: { MAIL_HOST: '' } });
    expect(check()).toMatchObject({ status: 'failed', measured: 'MAIL_HOST empty', expected: 'present and non-empty' });
  });

  it('a non-secret value is shown, with where it came from', async () => {
    const { check } = await runPreflight(preflightConfig('    - env: MAIL_HOST'), { env: { MAIL_HOST: 'smtp.example.com' } });
    expect(check()).toMatchObject({ status: 'passed', measured: 'MAIL_HOST = "smtp.example.com"' });
    expect(check().details).toContain('✓ MAIL_HOST: "smtp.example.com" (expected present and non-empty) [from the process environment]');
  });
});

describe('where values come from', () => {
  it("the environment's vars win over the process environment", async () => {
    const yaml = preflightConfig('    - env: APP_ENV\n      equals: prod', { vars: '{ APP_ENV: prod }' });
    const { check } = await runPreflight(yaml, { env: { APP_ENV: 'dev' } });
    expect(check()).toMatchObject({ status: 'passed', measured: 'APP_ENV = "prod"' });
    expect(check().details[0]).toContain('[from environments.x.vars]');
  });

  it('an empty var in vars: is empty, even when the process has a value', async () => {
    const { check } = await runPreflight(preflightConfig('    - env: APP_ENV', { vars: '{ APP_ENV: "" }' }), { env: { APP_ENV: 'dev' } });
    expect(check()).toMatchObject({ status: 'failed', measured: 'APP_ENV empty' });
  });
});

describe('comparisons on shown values', () => {
  it('equals shows measured and expected', async () => {
    const { check } = await runPreflight(preflightConfig('    - env: APP_ENV\n      equals: prod'), { env: { APP_ENV: 'dev' } });
    expect(check()).toMatchObject({
      status: 'failed',
      measured: 'APP_ENV = "dev"',
      summary: 'APP_ENV = "dev" (expected == "prod")',
      expected: 'present and non-empty, == "prod"',
    });
  });

  it('matches and one-of, on every variable of a list', async () => {
    const yaml = preflightConfig(
      '    - env: [CORS_ORIGIN, PORTAL_ORIGIN]\n      matches: "^https://"\n    - env: EMAIL_MODE\n      one-of: [smtp, ses]',
    );
    const { check } = await runPreflight(yaml, {
      env: { CORS_ORIGIN: 'https://app.example', PORTAL_ORIGIN: 'http://portal.example', EMAIL_MODE: 'ses' },
    });
    expect(check('env CORS_ORIGIN, PORTAL_ORIGIN')).toMatchObject({
      status: 'failed',
      measured: 'PORTAL_ORIGIN = "http://portal.example"',
      expected: 'all 2 present and non-empty, each matches /^https:///',
    });
    expect(check('env EMAIL_MODE')).toMatchObject({ status: 'passed', expected: 'present and non-empty, one of ["smtp","ses"]' });
  });

  it('a YAML number or boolean compares as the text it would be in the environment', async () => {
    const { check } = await runPreflight(preflightConfig('    - env: STRICT_CORS\n      equals: true'), { env: { STRICT_CORS: 'true' } });
    expect(check().status).toBe('passed');
  });

  it('an invalid regular expression is a config error at load time', () => {
    expect(() => parseConfig('rg.yml', preflightConfig('    - env: X\n      matches: "(["'))).toThrow(ConfigurationError);
  });
});

describe('secrets are never shown', () => {
  const VALUE = 'dev-auth-secret';

  it('not-equals on a secret that equals: "equals", never the value (runbook 003)', async () => {
    const { run, check } = await runPreflight(preflightConfig('    - env: AUTH_SECRET_KEY\n      not-equals: dev-auth-secret'), {
      env: { AUTH_SECRET_KEY: VALUE },
    });
    expect(check()).toMatchObject({
      status: 'failed',
      measured: 'AUTH_SECRET_KEY equals the not-equals value',
      expected: 'present and non-empty, differs from the not-equals value',
    });
    expect(JSON.stringify(run)).not.toContain(VALUE);
    expect(JSON.stringify(run)).not.toContain('***');
  });

  it('a secret named under secrets: passes as "present, differs", with no value', async () => {
    const value = 'prod-3f9a1c77e0b24d5e';
    const yaml = preflightConfig('    - env: AUTH_SIGNING\n      not-equals: dev-auth-secret', { secrets: ['AUTH_SIGNING'] });
    const { run, check } = await runPreflight(yaml, { env: { AUTH_SIGNING: value } });
    expect(check()).toMatchObject({ status: 'passed', measured: 'AUTH_SIGNING present, differs from the not-equals value' });
    expect(JSON.stringify(run)).not.toContain(value);
  });

  it('equals, matches and one-of on a secret: equals/differs, matches/does not match', async () => {
    const value = 'sk_live_abcdef0123456789';
    const yaml = preflightConfig(
      [
        '    - { name: eq, env: STRIPE_SECRET_KEY, equals: sk_test_000000 }',
        '    - { name: re, env: STRIPE_SECRET_KEY, matches: "^sk_test_" }',
        '    - { name: in, env: STRIPE_SECRET_KEY, one-of: [a1b2c3d4, e5f6g7h8] }',
        '    - { name: ok, env: STRIPE_SECRET_KEY, matches: "^sk_live_" }',
      ].join('\n'),
    );
    const { run, check } = await runPreflight(yaml, { env: { STRIPE_SECRET_KEY: value } });
    expect(check('eq')).toMatchObject({ status: 'failed', measured: 'STRIPE_SECRET_KEY differs from the configured value' });
    expect(check('re')).toMatchObject({ status: 'failed', measured: 'STRIPE_SECRET_KEY does not match /^sk_test_/' });
    expect(check('in')).toMatchObject({ status: 'failed', measured: 'STRIPE_SECRET_KEY equals none of the 2 one-of values' });
    expect(check('ok')).toMatchObject({ status: 'passed', measured: 'STRIPE_SECRET_KEY present, matches /^sk_live_/' });
    const text = JSON.stringify(run);
    expect(text).not.toContain(value);
    expect(text).not.toContain('sk_test_000000');
    expect(text).not.toContain('a1b2c3d4');
  });

  it('a short secret (not redactable) is not shown either', async () => {
    const { run, check } = await runPreflight(preflightConfig('    - env: API_TOKEN\n      equals: xyz'), { env: { API_TOKEN: 'q7w' } });
    expect(check()).toMatchObject({ status: 'failed', measured: 'API_TOKEN differs from the configured value' });
    expect(JSON.stringify(run)).not.toContain('q7w');
  });
});
