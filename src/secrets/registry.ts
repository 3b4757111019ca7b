/**
 * The one secret registry. Every value registered here is replaced by `***` in every
 * text release-gates writes: terminal, job summary, check run, PR comment and evidence
 * record (README.md, "Security").
 */

/**
 * Variable names treated as secrets without being listed under `secrets:`.
 * Source: README.md, "Security" (the usual name patterns).
 */
export const SECRET_NAME_PATTERNS: readonly RegExp[] = [
  /_TOKEN$/i,
  /_SECRET$/i,
  /_PASSWORD$/i,
  /_KEY$/i,
  /_API_KEY$/i,
  /^(TOKEN|SECRET|PASSWORD|API_KEY)$/i,
];

/** The mark of text cut short for display; see {@link SecretRegistry.redact}. */
export const CUT = '…';

/** The text that replaces a secret value. */
export const REDACTED = '***';

/** Values shorter than this are not redacted: masking `1` or `on` would garble every line. */
export const MIN_SECRET_LENGTH = 4;

/** True when a variable name is a secret by pattern or by the config's `secrets:` list. */
export function isSecretName(name: string, declared: ReadonlySet<string> = new Set()): boolean {
  return declared.has(name) || SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name));
}

/**
 * Percent-encodes the characters a URL serializer encodes: controls, space, non-ASCII,
 * and those in `set`. `encodeURIComponent` encodes more (`/`, `:`, `@`, …), so a value
 * in a parsed URL is printed differently.
 */
function percentEncode(value: string, set: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += code <= 0x20 || code >= 0x7f || set.includes(char) ? encodeURIComponent(char) : char;
  }
  return out;
}

/** WHATWG URL percent-encode sets of a special (http, https) URL's query, path and userinfo. */
const QUERY_SET = '"#<>\'';
const PATH_SET = '"#<>?`{}';
const USERINFO_SET = '"#<>?`{}/:;=@[\\]^|';

/** The encodings a value may be printed in, besides itself. */
function encodedForms(value: string): string[] {
  // A lone surrogate (possible in a value captured from JSON) cannot be URL-encoded:
  // encodeURIComponent throws. Such a value keeps its other forms.
  let urlForms: string[];
  try {
    urlForms = urlEncodedForms(value);
  } catch {
    urlForms = [];
  }
  const json = JSON.stringify(value).slice(1, -1);
  return [
    ...urlForms,
    Buffer.from(value).toString('base64'),
    json,
    // JSON text shown inside a JSON string, as a failed body assertion shows a JSON body.
    JSON.stringify(json).slice(1, -1),
  ];
}

function urlEncodedForms(value: string): string[] {
  return [
    encodeURIComponent(value),
    // As a URL parser leaves it in a query, a path or user info (what a server echoes).
    percentEncode(value, QUERY_SET),
    percentEncode(value, PATH_SET),
    percentEncode(value, `${PATH_SET}^`),
    percentEncode(value, USERINFO_SET),
    // application/x-www-form-urlencoded, as URLSearchParams writes it: space as +.
    new URLSearchParams([['', value]]).toString().slice(1),
  ];
}

/** The authority of each `scheme://…` URL in a text: up to the path, query, fragment or a space. */
const URL_AUTHORITY = /[a-z][a-z0-9+.-]*:\/\/([^\s/?#"'<>`\\]*)/gi;

/**
 * The user-info passwords of the URLs in `text`: `postgres://app:s3cret@db/app` gives
 * `s3cret`, as written (percent-encoded). Parsers disagree on an unencoded `@` in a
 * password (libpq splits at the first, the WHATWG URL parser at the last), so every split
 * is given. A URL with a user and no password (`https://token@host`) gives nothing.
 */
export function urlPasswords(text: string): string[] {
  const out: string[] = [];
  for (const [, authority = ''] of text.matchAll(URL_AUTHORITY)) {
    for (let at = authority.indexOf('@'); at !== -1; at = authority.indexOf('@', at + 1)) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      if (colon !== -1) out.push(userinfo.slice(colon + 1));
    }
  }
  return out;
}

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Holds secret values and redacts them from text and from JSON-like values. */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;
  private readonly listeners: ((value: string) => void)[] = [];

  /**
   * Registers a secret value, with the encoded forms it may be printed in (URL-encoded
   * as by encodeURIComponent, by a URL parser and by a form, base64, JSON-escaped once
   * and twice) and
   * each line of a multi-line value. Values shorter than {@link MIN_SECRET_LENGTH} are
   * ignored.
   */
  add(value: string | undefined): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) return;
    const forms = [value, ...encodedForms(value), ...value.split(/\r?\n/).filter((line) => line.length >= MIN_SECRET_LENGTH)];
    for (const form of forms) {
      if (this.values.has(form)) continue;
      this.values.add(form);
      // Only a new value invalidates the compiled pattern (retries add the same ones).
      this.pattern = undefined;
      for (const listener of this.listeners) listener(form);
    }
  }

  /** Calls `listener` for every value registered now and later (e.g. `core.setSecret`). */
  onAdd(listener: (value: string) => void): void {
    this.listeners.push(listener);
    for (const value of this.values) listener(value);
  }

  /** Number of registered forms; for tests and diagnostics. */
  get size(): number {
    return this.values.size;
  }

  /** Replaces every registered value in `text` by `***`. */
  redact(text: string): string {
    if (this.values.size === 0 || text.length === 0) return text;
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    const redacted = text.replace(this.pattern, REDACTED);
    return redacted.includes(CUT) ? this.redactCutHeads(redacted) : redacted;
  }

  /**
   * A value cut short for display (`abcd…`) no longer matches the whole secret: replace
   * any head of a secret, at least {@link MIN_SECRET_LENGTH} long, that ends at a `…`.
   */
  private redactCutHeads(text: string): string {
    let out = text;
    for (let at = out.indexOf(CUT); at !== -1; at = out.indexOf(CUT, at + 1)) {
      for (const secret of this.values) {
        for (let length = Math.min(secret.length - 1, at); length >= MIN_SECRET_LENGTH; length--) {
          if (out.slice(at - length, at) === secret.slice(0, length)) {
            out = `${out.slice(0, at - length)}${REDACTED}${out.slice(at)}`;
            at = at - length + REDACTED.length;
            break;
          }
        }
      }
    }
    return out;
  }

  /** Redacts every string inside a JSON-like value; returns a new value. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.redactDeep(item)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)])) as T;
    }
    return value;
  }

  /**
   * Registers the password of every URL in `text` (see {@link urlPasswords}), as written
   * and percent-decoded, each with its encoded forms: `DATABASE_URL`'s password is a
   * secret whatever the variable is called.
   */
  addUrlPasswords(text: string): void {
    for (const password of urlPasswords(text)) {
      this.add(password);
      this.add(decodePercent(password));
    }
  }

  /**
   * Registers the values of every secret-named variable in `env` (names in `declared`,
   * the config's `secrets:`, and names matching {@link SECRET_NAME_PATTERNS}), and the
   * URL passwords in every value.
   */
  addFromEnvironment(env: Readonly<Record<string, string | undefined>>, declared: ReadonlySet<string>): void {
    for (const [name, value] of Object.entries(env)) {
      if (isSecretName(name, declared)) this.add(value);
      if (value !== undefined) this.addUrlPasswords(value);
    }
  }
}
