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

/**
 * The origins of every absolute http(s) URL written in `texts`. A URL whose host a
 * capture fills (`https://{{host}}/x`) names no origin.
 */
export function originsNamedIn(texts: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const text of texts) {
    for (const [match] of text.matchAll(ABSOLUTE)) {
      const origin = match.includes('{{') ? undefined : originOf(match);
      if (origin !== undefined) origins.add(origin);
    }
  }
  return origins;
}
