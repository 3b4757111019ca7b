/**
 * Expanding a config for one run (src/config/resolve.ts): environment `vars:` over the
 * process environment, only the sections in use, positioned errors for unset variables
 * and for typed fields that expand to garbage.
 */
import { describe, expect, it } from '@jest/globals';
import type { HttpCheckConfig } from '../../src/checks/http/schema.js';
import { parseConfig } from '../../src/config/load.js';
import { resolveEnvironment, resolveGateSection, type ProcessEnv } from '../../src/config/resolve.js';
import { ConfigurationError, UsageError } from '../../src/errors.js';
import { SecretRegistry } from '../../src/secrets/registry.js';

const CONFIG = `version: 1
secrets: [SIGNING_SEED]
environments:
  staging:
    url: \${STAGING_API_BASE:-http://staging.internal}
    vars:
      API_VERSION: v2
      REGION: \${AWS_REGION:-ca-central-1}
      DB_PASSWORD: \${STAGING_DB_PASSWORD:-staging-pw-123}
      SIGNING_SEED: seed-value-42
  production:
    url: \${PROD_API_BASE}
    requires: [staging]
smoke:
  timeout: "\${SMOKE_TIMEOUT:-5s}"
  checks:
    - http: GET /\${API_VERSION}/healthz
      timeout: "\${T:-5s}"
      expect:
        status: "\${S:-200}"
        json:
          $.region: \${REGION}
          $.count: { gt: "\${N:-0}" }
`;

const loaded = parseConfig('gates.yml', CONFIG);

/** Resolves `name` and the smoke section against `env`; returns both. */
function resolve(name: string | undefined, env: ProcessEnv, secrets = new SecretRegistry()) {
  const environment = resolveEnvironment(loaded, name, env, secrets);
  return { environment, smoke: resolveGateSection(loaded, 'smoke', environment, env) };
}

/** The first check's normalised config. */
function firstCheck(section: ReturnType<typeof resolve>['smoke']): HttpCheckConfig {
  return section.checks[0]!.config as HttpCheckConfig;
}

/** The ConfigurationError `run` throws, as `file:line:col: message` lines. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigurationError, but nothing was thrown');
}

describe('resolveEnvironment', () => {
  it('expands the URL and vars from the process environment, with defaults', () => {
    const { environment } = resolve('staging', { AWS_REGION: 'us-east-1' });
    expect(environment).toEqual({
      name: 'staging',
      url: 'http://staging.internal',
      vars: { API_VERSION: 'v2', REGION: 'us-east-1', DB_PASSWORD: 'staging-pw-123', SIGNING_SEED: 'seed-value-42' },
      requires: [],
    });
  });

  it('lets environment vars win over the process environment', () => {
    const { environment, smoke } = resolve('staging', { API_VERSION: 'v9', REGION: 'from-process' });
    expect(environment?.vars.API_VERSION).toBe('v2');
    expect(firstCheck(smoke).http).toEqual({ method: 'GET', url: '/v2/healthz' });
    expect(firstCheck(smoke).expect?.json?.['$.region']).toBe('ca-central-1');
  });

  it('does not need a variable that only another environment uses', () => {
    expect(() => resolve('staging', {})).not.toThrow();
    expect(problemsOf(() => resolve('production', {}))).toEqual([
      'gates.yml:12:10: environment variable PROD_API_BASE is not set (expected it in the process environment or environments.production.vars, or a default: ${PROD_API_BASE:-value})',
    ]);
  });

  it('returns the requires: order and an absent URL as undefined', () => {
    const text = 'version: 1\nenvironments:\n  a: { url: "${A_URL:-}" }\n  b: { requires: [a] }\n';
    const config = parseConfig('c.yml', text);
    expect(resolveEnvironment(config, 'a', {}, new SecretRegistry())?.url).toBeUndefined();
    expect(resolveEnvironment(config, 'b', {}, new SecretRegistry())).toEqual({ name: 'b', url: undefined, vars: {}, requires: ['a'] });
  });

  it('registers secret-named and declared vars with the secret registry, and no others', () => {
    const secrets = new SecretRegistry();
    resolve('staging', {}, secrets);
    expect(secrets.redact('pw=staging-pw-123 seed=seed-value-42 region=ca-central-1')).toBe('pw=*** seed=*** region=ca-central-1');
  });

  it('registers the password of a URL in any var or the url, before a complaint could quote it', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a:',
      '    url: "${DATABASE_URL}"',
      '    vars: { REPLICA: "postgres://reader:Repl1ca-pw-7@replica/app" }',
      '',
    ].join('\n');
    const secrets = new SecretRegistry();
    const problems = problemsOf(() =>
      resolveEnvironment(parseConfig('c.yml', text), 'a', { DATABASE_URL: 'postgres://app:Db-pw-2a9f@db/app' }, secrets),
    );
    expect(problems.map((line) => secrets.redact(line))).toEqual([
      'c.yml:4:10: environments.a.url: the scheme "postgres:" is not http or https (expected http:// or https://) (after ${} expansion)',
    ]);
    expect(secrets.redact('postgres://reader:Repl1ca-pw-7@replica/app')).toBe('postgres://reader:***@replica/app');
  });

  it('rejects an unknown environment with the ones it knows, as a usage error', () => {
    const run = () => resolveEnvironment(loaded, 'prod', {}, new SecretRegistry());
    expect(run).toThrow(UsageError);
    expect(run).toThrow('unknown environment "prod" (expected one of: staging, production)');
  });

  it('says so when --env is given but the config has no environments', () => {
    const config = parseConfig('c.yml', 'version: 1\nsmoke: { checks: [] }\n');
    expect(() => resolveEnvironment(config, 'staging', {}, new SecretRegistry())).toThrow(
      '--env staging was given, but c.yml has no environments: section',
    );
  });

  it('returns undefined when no environment is selected', () => {
    expect(resolveEnvironment(loaded, undefined, {}, new SecretRegistry())).toBeUndefined();
  });
});

describe('resolveGateSection', () => {
  it('reports an unset variable at the position of its string, naming where it may be set', () => {
    const text = 'version: 1\nsmoke:\n  checks:\n    - http: GET /x\n      headers: { authorization: "Bearer ${API_TOKEN}" }\n';
    const config = parseConfig('c.yml', text);
    expect(problemsOf(() => resolveGateSection(config, 'smoke', undefined, {}))).toEqual([
      'c.yml:5:33: environment variable API_TOKEN is not set (expected it in the process environment, or a default: ${API_TOKEN:-value})',
    ]);
  });

  it('reports every unset variable at once, top to bottom', () => {
    const text = 'version: 1\nsmoke:\n  checks:\n    - http: GET ${B_URL}/x\n    - http: GET ${A_URL}/y\n';
    const config = parseConfig('c.yml', text);
    expect(problemsOf(() => resolveGateSection(config, 'smoke', undefined, {}))).toEqual([
      'c.yml:4:13: environment variable B_URL is not set (expected it in the process environment, or a default: ${B_URL:-value})',
      'c.yml:5:13: environment variable A_URL is not set (expected it in the process environment, or a default: ${A_URL:-value})',
    ]);
  });

  it('validates typed fields after expansion: defaults', () => {
    const check = firstCheck(resolve('staging', {}).smoke);
    expect(check.timeout).toBe(5000);
    expect(check.expect?.status).toBe('200');
    expect(check.expect?.json?.['$.count']).toEqual({ gt: 0 });
  });

  it('validates typed fields after expansion: values from the environment', () => {
    const { smoke } = resolve('staging', { T: '250ms', S: '2xx', N: '7', SMOKE_TIMEOUT: '1m' });
    expect(smoke.timeout).toBe(60_000);
    const check = firstCheck(smoke);
    expect(check.timeout).toBe(250);
    expect(check.expect?.status).toBe('2xx');
    expect(check.expect?.json?.['$.count']).toEqual({ gt: 7 });
  });

  it('reports typed fields that expand to garbage at their positions', () => {
    expect(problemsOf(() => resolve('staging', { T: 'soon', S: 'ok', N: 'many', SMOKE_TIMEOUT: '5 sec' }))).toEqual([
      'gates.yml:15:12: smoke.timeout: expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m, got the string "5 sec" (after ${} expansion)',
      'gates.yml:18:16: smoke.checks[0].timeout: expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m, got the string "soon" (after ${} expansion)',
      'gates.yml:20:17: smoke.checks[0].expect.status: expected a status code like 200, a class like 2xx, or a list like [200, 202], got the string "ok" (after ${} expansion)',
      'gates.yml:23:26: smoke.checks[0].expect.json["$.count"].gt: expected a number, got the string "many" (after ${} expansion)',
    ]);
  });

  it('throws a usage error when the config has no such section', () => {
    const config = parseConfig('c.yml', 'version: 1\n');
    expect(() => resolveGateSection(config, 'smoke', undefined, {})).toThrow(
      new UsageError('c.yml has no "smoke:" section (expected smoke: { checks: [...] })'),
    );
  });
});
