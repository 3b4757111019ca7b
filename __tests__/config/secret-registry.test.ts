/**
 * The one secret registry (src/secrets/registry.ts): which names are secrets, and every
 * form a secret value may be printed in.
 */
import { describe, expect, it } from '@jest/globals';
import { CUT, isSecretName, MIN_SECRET_LENGTH, REDACTED, SecretRegistry, urlPasswords } from '../../src/secrets/registry.js';
import { cut, joinList } from '../../src/text.js';

/** A registry holding `values`. */
function registryWith(...values: string[]): SecretRegistry {
  const secrets = new SecretRegistry();
  for (const value of values) secrets.add(value);
  return secrets;
}

describe('isSecretName', () => {
  it.each([
    'GITHUB_TOKEN',
    'MY_TOKEN',
    'WEBHOOK_SECRET',
    'X_PASSWORD',
    'ADMIN_BASIC_PASSWORD',
    'SSH_KEY',
    'STRIPE_API_KEY',
    'TOKEN',
    'SECRET',
    'PASSWORD',
    'API_KEY',
  ])('%s is a secret by its name', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['API_BASE', 'TOKENS', 'MY_TOKEN_FILE', 'KEYBOARD', 'MONKEY', 'PASSWORD_HINT', 'SECRETARY', 'ADMIN_BASIC_USERNAME', 'KEY'])(
    '%s is not a secret by its name',
    (name) => expect(isSecretName(name)).toBe(false),
  );

  it('treats names listed under secrets: as secrets', () => {
    expect(isSecretName('CAPTCHA_CODE', new Set(['CAPTCHA_CODE']))).toBe(true);
    expect(isSecretName('CAPTCHA_CODE', new Set(['OTHER']))).toBe(false);
  });
});

describe('SecretRegistry.redact', () => {
  it('replaces every occurrence of a value with ***', () => {
    expect(REDACTED).toBe('***');
    expect(registryWith('hunter22').redact('pw=hunter22, again hunter22.')).toBe('pw=***, again ***.');
  });

  it('ignores values shorter than 4 characters, which would garble every line', () => {
    expect(MIN_SECRET_LENGTH).toBe(4);
    const secrets = registryWith('on', 'abc', '', 'abcd');
    expect(secrets.redact('on abc abcd')).toBe('on abc ***');
  });

  it('ignores undefined', () => {
    const secrets = new SecretRegistry();
    secrets.add(undefined);
    expect(secrets.size).toBe(0);
    expect(secrets.redact('anything')).toBe('anything');
  });

  it('redacts the URL-encoded form (encodeURIComponent)', () => {
    expect(registryWith('p@ss w/rd&x').redact('GET /login?pw=p%40ss%20w%2Frd%26x')).toBe('GET /login?pw=***');
  });

  it('redacts the form a URL parser gives a value in a query string', () => {
    const value = 'ab c/d:e"f';
    const sent = new URL(`http://h/x?t=${value}`).search; // what goes on the wire and what a server echoes
    expect(sent).toBe('?t=ab%20c/d:e%22f');
    expect(registryWith(value).redact(`received ${sent}`)).toBe('received ?t=***');
  });

  it('redacts the form a URL parser gives a value in a path', () => {
    const value = 'ab c:d@e{f}';
    const sent = new URL(`http://h/keys/${value}/x`).pathname;
    expect(registryWith(value).redact(sent)).toBe('/keys/***/x');
  });

  it('redacts the form a URL parser gives a value in user info (a password in DATABASE_URL)', () => {
    const value = 'pa$$:w@rd&x,y';
    const url = new URL('postgres://db.example.com/app');
    url.username = 'app';
    url.password = value;
    // Not the encodeURIComponent form, nor the query or path form (those leave : and @).
    expect(url.password).toBe('pa$$%3Aw%40rd&x,y');
    expect(url.password).not.toBe(encodeURIComponent(value));
    expect(registryWith(value).redact(`connecting to ${url.href}`)).toBe('connecting to postgres://app:***@db.example.com/app');
  });

  it('redacts the form-encoded form (URLSearchParams, space as +)', () => {
    const value = 'p@ss w/rd';
    const body = new URLSearchParams({ user: 'admin', password: value }).toString();
    expect(registryWith(value).redact(body)).toBe('user=admin&password=***');
  });

  it('redacts the base64 form', () => {
    const value = 's3cr3t-value';
    const b64 = Buffer.from(value).toString('base64');
    expect(registryWith(value).redact(`token ${b64}`)).toBe('token ***');
  });

  it('redacts the JSON-escaped form', () => {
    const value = 'quo"te\\back';
    const json = JSON.stringify({ password: value });
    expect(registryWith(value).redact(json)).toBe('{"password":"***"}');
  });

  it('redacts the twice JSON-escaped form (a JSON body shown as a JSON string)', () => {
    const value = 'correct "horse" battery';
    const shown = JSON.stringify(JSON.stringify({ password: value }));
    expect(registryWith(value).redact(shown)).toBe('"{\\"password\\":\\"***\\"}"');
  });

  it('redacts a multi-line value whole, each of its lines alone, and its JSON form', () => {
    const key = '-----BEGIN KEY-----\nMIIBOgIBAAJBAK\n-----END KEY-----';
    const secrets = registryWith(key);
    expect(secrets.redact(`key:\n${key}\n`)).toBe('key:\n***\n');
    expect(secrets.redact('line MIIBOgIBAAJBAK seen')).toBe('line *** seen');
    expect(secrets.redact(JSON.stringify(key))).toBe('"***"');
  });

  it('does not redact the short lines of a multi-line value', () => {
    expect(registryWith('long-first-line\nab\nsecond-line').redact('ab cd')).toBe('ab cd');
  });

  it('registers a value with a lone surrogate (from captured JSON) instead of throwing', () => {
    const value = JSON.parse('"abc\\ud800def"') as string;
    const secrets = new SecretRegistry();
    expect(() => secrets.add(value)).not.toThrow();
    expect(secrets.redact(`x ${value} y`)).toBe('x *** y');
  });

  it('prefers the longest match, so a secret containing another leaves no tail', () => {
    expect(registryWith('abcd', 'abcdefgh').redact('abcdefgh')).toBe('***');
  });

  it('treats regular-expression characters in a value literally', () => {
    const secrets = registryWith('a.b*c+d(e)');
    expect(secrets.redact('a.b*c+d(e) aXb*c+d(e)')).toBe('*** aXb*c+d(e)');
  });

  it('redacts values added after an earlier redact', () => {
    const secrets = registryWith('first-secret');
    expect(secrets.redact('first-secret second-secret')).toBe('*** second-secret');
    secrets.add('second-secret');
    expect(secrets.redact('first-secret second-secret')).toBe('*** ***');
  });

  it('tells listeners about every form, now and later (core.setSecret)', () => {
    const secrets = registryWith('first-secret');
    const seen: string[] = [];
    secrets.onAdd((value) => seen.push(value));
    expect(seen).toContain('first-secret');
    expect(seen).toContain(Buffer.from('first-secret').toString('base64'));
    secrets.add('second secret');
    expect(seen).toContain('second%20secret');
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('SecretRegistry.redactDeep', () => {
  it('redacts every string at any depth and keeps the shape and other values', () => {
    const secrets = registryWith('tok-123456');
    const record = {
      summary: 'sent tok-123456',
      n: 3,
      ok: false,
      none: null,
      details: ['a tok-123456', { nested: [`b ${Buffer.from('tok-123456').toString('base64')}`] }],
    };
    expect(secrets.redactDeep(record)).toEqual({
      summary: 'sent ***',
      n: 3,
      ok: false,
      none: null,
      details: ['a ***', { nested: ['b ***'] }],
    });
    expect(record.summary).toBe('sent tok-123456');
  });
});

describe('SecretRegistry.addFromEnvironment', () => {
  it('registers the values of secret-named and declared variables only', () => {
    const secrets = new SecretRegistry();
    secrets.addFromEnvironment(
      { MY_TOKEN: 'token-value', DEPLOY_CODE: 'code-value', API_BASE: 'https://api.example.com', EMPTY_TOKEN: undefined },
      new Set(['DEPLOY_CODE']),
    );
    expect(secrets.redact('token-value code-value https://api.example.com')).toBe('*** *** https://api.example.com');
  });

  it('registers the user-info password of a URL in any variable, as written and decoded', () => {
    const secrets = new SecretRegistry();
    secrets.addFromEnvironment(
      {
        DATABASE_URL: 'postgresql+psycopg2://app:s3cr%40t-Db-pw@db:5432/app?sslmode=require',
        REDIS_URL: 'redis://:R3dis-pass-77@cache:6379/0',
        REPO_URL: 'https://ghp-user-only-token@github.com/acme/app.git',
      },
      new Set(),
    );
    expect(secrets.redact('pg_dump: invalid connection option "postgresql+psycopg2://app:s3cr%40t-Db-pw@db:5432/app?sslmode"')).toBe(
      'pg_dump: invalid connection option "postgresql+psycopg2://app:***@db:5432/app?sslmode"',
    );
    expect(secrets.redact('auth failed for s3cr@t-Db-pw; R3dis-pass-77')).toBe('auth failed for ***; ***');
    // A user with no password is not one: only passwords are registered.
    expect(secrets.redact('https://ghp-user-only-token@github.com/acme/app.git')).toBe(
      'https://ghp-user-only-token@github.com/acme/app.git',
    );
  });
});

describe('urlPasswords', () => {
  it('finds each URL password in a text; an unencoded @ gives every split', () => {
    expect(urlPasswords('a postgres://app:one-pw@db/app and mysql://root:two-pw@h:3306/x')).toEqual(['one-pw', 'two-pw']);
    expect(urlPasswords('postgres://app:p@ss@db/app')).toEqual(['p', 'p@ss']);
    expect(urlPasswords('--dbname=postgres://app:pw-in-flag@db/app')).toEqual(['pw-in-flag']);
    expect(urlPasswords('https://example.com/a:b@c and user@example.com and https://user@host/')).toEqual([]);
  });
});

describe('cut: the one way texts are cut short', () => {
  it('keeps a short text and cuts a long one to max characters, ending in the registry mark', () => {
    expect(cut('abcd', 4)).toBe('abcd');
    expect(cut('abcdef', 4)).toBe(`abc${CUT}`);
    expect(cut('abcdef', 4)).toHaveLength(4);
  });

  it('a secret cut short is still redacted: the registry knows the mark', () => {
    const cutShort = cut('token=hunter2-password', 14);
    expect(cutShort).toBe('token=hunter2…');
    expect(registryWith('hunter2-password').redact(cutShort)).toBe(`token=${REDACTED}…`);
  });
});

describe('joinList', () => {
  it('joins with commas and the word before the last item', () => {
    expect(joinList([], 'and')).toBe('');
    expect(joinList(['a'], 'and')).toBe('a');
    expect(joinList(['a', 'b'], 'and')).toBe('a and b');
    expect(joinList(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });
});
