/**
 * Which origins get credentials (README "Security"): the ones the config names, compared
 * as the URL parser serialises them. Host tricks that need DNS (IDN look-alikes, other
 * schemes and ports of a real name) are decided here on the built request; the same
 * rule end to end, on loopback, is in `__tests__/e2e/credentials.test.ts`.
 */
import { describe, expect, it } from '@jest/globals';
import { buildRequest, noCaptures, type RequestPlan } from '../../src/checks/http/request.js';
import { Step } from '../../src/checks/http/schema.js';
import { stringsIn } from '../../src/config/strings.js';
import { originOf, originsNamedIn } from '../../src/io/origins.js';
import { SecretRegistry } from '../../src/secrets/registry.js';

describe('originsNamedIn: what the config names', () => {
  it('takes every absolute http(s) URL in the config values, normalised; a capture-filled host names none', () => {
    const config = [
      'HTTPS://API.Example.COM:443/v1',
      { vars: { METRICS: 'http://metrics.internal:9090/api/v1/query' } },
      [{ http: { method: 'GET', url: 'https://{{host}}/x' } }, 'curl https://status.example.com/health and more'],
      'ftp://files.example.com/x',
      'postgres://app:pw@db.example.com/app',
      undefined,
      42,
      // A parsed check entry holds its kind: a class instance is not read.
      {
        kind: new (class Schema {
          url = 'https://schema.example.com';
        })(),
      },
    ];
    const named = originsNamedIn(stringsIn(config));
    expect([...named].sort()).toEqual(['http://metrics.internal:9090', 'https://api.example.com', 'https://status.example.com']);
  });

  it('originOf is undefined for what is not an absolute http(s) URL', () => {
    expect(originOf('/relative')).toBeUndefined();
    expect(originOf('javascript:alert(1)')).toBeUndefined();
    expect(originOf('file:///etc/passwd')).toBeUndefined();
    expect(originOf('http://[::1]:8080/x')).toBe('http://[::1]:8080');
  });
});

describe('buildRequest: credentials only to a named origin', () => {
  const TOKEN = 'bearer-T0ken-value-91';
  const step = Step.parse({
    http: 'GET {{next}}',
    auth: { bearer: TOKEN },
    headers: { Cookie: 'session=c00kie-value', 'X-Api-Key': 'k3y-for-the-api' },
  });
  const plan: RequestPlan = {
    method: 'GET',
    url: '{{next}}',
    step,
    timeoutMs: 1000,
    trustedOrigins: new Set(['https://api.example.com']),
  };

  /** The headers sent when the previous step (at `from`) captured `next`. */
  function sentTo(next: string, from = 'https://api.example.com/v1/start') {
    const secrets = new SecretRegistry();
    secrets.add('k3y-for-the-api'); // a secret-bearing header is a credential too
    const captures = noCaptures();
    captures.values.set('next', next);
    captures.from.set('next', from);
    const { request, note } = buildRequest(plan, captures, secrets, new AbortController().signal);
    const credentials = ['authorization', 'cookie', 'x-api-key'].filter((name) => name in request.headers);
    return { url: request.url, credentials, note };
  }

  const ALL = ['authorization', 'cookie', 'x-api-key'];

  it.each([
    ['the named origin', 'https://api.example.com/v1/next'],
    ['upper-case scheme and host', 'HTTPS://API.EXAMPLE.COM/v1/next'],
    ["the scheme's default port written out", 'https://api.example.com:443/v1/next'],
    ['a path only: resolved against the response it came from', '/v1/roles/7'],
    ['a relative path', 'roles/7'],
    ['full-width letters the URL parser maps to the same host', 'https://ａｐｉ.example.com/v1'],
  ])('sends credentials to %s', (_label, next) => {
    const sent = sentTo(next);
    expect(originOf(sent.url)).toBe('https://api.example.com');
    expect(sent.credentials).toEqual(ALL);
    expect(sent.note).toBeUndefined();
  });

  it.each([
    ['another host', 'https://evil.example.net/collect', 'https://evil.example.net'],
    ['another port', 'https://api.example.com:8443/v1', 'https://api.example.com:8443'],
    ['another scheme (http)', 'http://api.example.com/v1', 'http://api.example.com'],
    ['user info naming the trusted host', 'https://api.example.com@evil.example.net/v1', 'https://evil.example.net'],
    ['user info and port naming the trusted origin', 'https://api.example.com:443@evil.example.net/v1', 'https://evil.example.net'],
    ['a backslash (read as a slash)', 'https://evil.example.net\\@api.example.com/v1', 'https://evil.example.net'],
    ['a look-alike IDN host (Cyrillic а)', 'https://аpi.example.com/v1', 'https://xn--pi-6kc.example.com'],
    ['a trailing dot', 'https://api.example.com./v1', 'https://api.example.com.'],
    ['a sub-domain', 'https://api.example.com.evil.example.net/v1', 'https://api.example.com.evil.example.net'],
    ['a scheme-relative path', '//evil.example.net/v1', 'https://evil.example.net'],
  ])('holds credentials back from %s', (_label, next, origin) => {
    const sent = sentTo(next);
    expect(originOf(sent.url)).toBe(origin);
    expect(sent.credentials).toEqual([]);
    expect(sent.note).toBe(
      `credentials not sent to ${origin}: not an origin the config names (cookie, x-api-key, authorization held back)`,
    );
  });

  it('a path captured from an untrusted response resolves to that untrusted origin', () => {
    expect(sentTo('/v1/next', 'https://evil.example.net/pointer').credentials).toEqual([]);
  });

  it('a URL that is not http(s) gets no credentials', () => {
    expect(sentTo('file:///etc/passwd').credentials).toEqual([]);
    expect(sentTo('javascript:alert(1)').credentials).toEqual([]);
  });

  it('with nothing named, nothing gets credentials (no environment url, no literal URL)', () => {
    const secrets = new SecretRegistry();
    const captures = noCaptures();
    captures.values.set('next', 'https://api.example.com/v1');
    const { request } = buildRequest({ ...plan, trustedOrigins: new Set() }, captures, secrets, new AbortController().signal);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.cookie).toBeUndefined();
  });
});
