/**
 * `${VAR}` and `${VAR:-default}` in config strings, read from the selected environment's
 * `vars:` and then from the process environment (README.md, "A config reads like the runbook"). `$${` writes a
 * literal `${`. `{{name}}` is left alone: it is a flow capture, filled in at run time.
 */

const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One `${…}` reference in a string. */
export interface Reference {
  name: string;
  fallback: string | undefined;
}

/** Parses the inside of `${…}`; returns an error message when it is malformed. */
function parseReference(inner: string | undefined): Reference | string {
  if (inner === undefined) return 'unclosed "${" (expected "${NAME}" or "${NAME:-default}")';
  const split = inner.indexOf(':-');
  const name = split === -1 ? inner : inner.slice(0, split);
  if (!NAME.test(name)) {
    return `invalid variable name "${name}" in "\${${inner}}" (expected letters, digits and _, e.g. \${API_BASE})`;
  }
  return { name, fallback: split === -1 ? undefined : inner.slice(split + 2) };
}

/** Every syntax error in the templates of `text`; empty when it is well formed. */
export function templateErrors(text: string): string[] {
  const errors: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (match[0] === '$${') continue;
    const reference = parseReference(match[1]);
    if (typeof reference === 'string') errors.push(reference);
  }
  return errors;
}

/** Looks a variable up; undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

/** Result of expanding one string. */
export interface Expansion {
  value: string;
  /** Names that were not set and had no default. */
  missing: string[];
}

/** Expands `${…}` references in `text`. Malformed references are left as written. */
export function expand(text: string, lookup: Lookup): Expansion {
  const missing: string[] = [];
  const value = text.replace(TOKEN, (whole, inner: string | undefined) => {
    if (whole === '$${') return '${';
    const reference = parseReference(inner);
    if (typeof reference === 'string') return whole;
    const found = lookup(reference.name);
    if (found !== undefined && found !== '') return found;
    if (reference.fallback !== undefined) return reference.fallback;
    if (found === undefined) missing.push(reference.name);
    return found ?? '';
  });
  return { value, missing };
}

/** A path as a key for {@link expandTree}'s `verbatim` set: `smoke.checks.3.command`. */
export function pathKey(path: readonly (string | number)[]): string {
  return path.join('\u0000');
}

/**
 * Expands every string inside a JSON-like value. `onMissing` is called with the path of
 * each string that refers to an unset variable. Values at a path in `verbatim` (see
 * {@link pathKey}) are left as written.
 */
export function expandTree(
  value: unknown,
  path: (string | number)[],
  lookup: Lookup,
  onMissing: (path: (string | number)[], name: string) => void,
  verbatim: ReadonlySet<string> = new Set(),
): unknown {
  if (verbatim.size && verbatim.has(pathKey(path))) return value;
  if (typeof value === 'string') {
    const result = expand(value, lookup);
    for (const name of result.missing) onMissing(path, name);
    return result.value;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => expandTree(item, [...path, index], lookup, onMissing, verbatim));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandTree(item, [...path, key], lookup, onMissing, verbatim)]),
    );
  }
  return value;
}
