/**
 * The origins credentials may go to (README, "Security": credentials only go to the
 * origins the config names). The config file and the environment's variables are
 * trusted; a URL that a capture, a redirect or a response body supplies never is. An
 * origin is compared as the WHATWG URL parser serialises it (scheme, lower-cased and
 * IDNA-mapped host, port without the scheme's default), so `HTTPS://API.example.com:443`
 * is `https://api.example.com`, and `https://аpi.example.com` (Cyrillic `а`) is another
 * origin.
 */

/** `scheme://authority` at the start of each absolute http(s) URL in a text. */
const ABSOLUTE = /\bhttps?:\/\/[^/?#\\\s"'<>`]*/gi;

/** The origin of an absolute http(s) URL, e.g. `https://api.example.com`; undefined for anything else. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * The origins of every absolute http(s) URL written in `values`: strings, at any depth of
 * arrays and plain objects (class instances, such as a kind's schema, are not read). A
 * URL whose host a capture fills (`https://{{host}}/x`) names no origin.
 */
export function originsNamedIn(values: readonly unknown[]): Set<string> {
  const origins = new Set<string>();
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const [match] of value.matchAll(ABSOLUTE)) {
        const origin = match.includes('{{') ? undefined : originOf(match);
        if (origin !== undefined) origins.add(origin);
      }
    } else if ((Array.isArray(value) || isPlainObject(value)) && !seen.has(value)) {
      seen.add(value);
      Object.values(value).forEach(visit);
    }
  };
  values.forEach(visit);
  return origins;
}
