/** Reading every string out of config values (after `${VAR}` expansion). */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Every string inside a JSON-like value, at any depth of arrays and plain objects. Class
 * instances (a check kind's schema inside a parsed check entry) are not read.
 */
export function stringsIn(value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (item: unknown): void => {
    if (typeof item === 'string') out.push(item);
    else if ((Array.isArray(item) || isPlainObject(item)) && !seen.has(item)) {
      seen.add(item);
      Object.values(item).forEach(visit);
    }
  };
  visit(value);
  return out;
}
