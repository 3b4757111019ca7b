/**
 * Short texts for people: a value cut to a length, a list joined in words. Every text
 * release-gates cuts is cut here, with {@link CUT}: the secret registry redacts the head
 * of a secret that ends at that mark, so a cut value can never show part of one.
 */
import { CUT } from './secrets/registry.js';

/** `text` when it has at most `max` characters; else its start and `…`, `max` characters in all. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}${CUT}` : text;
}

/** `a`, `a and b`, `a, b and c` (or with `or`). */
export function joinList(items: readonly string[], word: 'and' | 'or'): string {
  const last = items.at(-1) ?? '';
  return items.length <= 1 ? last : `${items.slice(0, -1).join(', ')} ${word} ${last}`;
}
