/**
 * Reading libpg-query's parse trees: a walk over every node, the canonical form that hashes
 * and compares trees without their locations, and the names of relations and roles.
 */
import type { Node, RangeVar } from './parser.js';

/** Every node type name (`DeleteStmt`, `A_Const`, …). */
type KeysOfUnion<T> = T extends T ? keyof T : never;
export type NodeType = KeysOfUnion<Node>;
/** The body of a node of type `K`: `{ DeleteStmt: body }`. */
export type NodeOf<K extends NodeType> = Extract<Node, Record<K, unknown>>[K];

/**
 * Calls `visit` for every node under `value` (a node is `{ Type: body }`, `Type` capitalised),
 * parents before children; `visit` returns `false` to skip a node's children.
 */
export function walk(value: unknown, visit: (type: string, body: object) => boolean | undefined): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === null || typeof child !== 'object') continue;
    const code = key.charCodeAt(0);
    if (code >= 65 && code <= 90 && !Array.isArray(child) && visit(key, child) === false) continue;
    walk(child, visit);
  }
}

/** The node type and body of a node (`{ DeleteStmt: {…} }` → `['DeleteStmt', {…}]`). */
export function unwrap(node: Node | undefined): [string, object] | undefined {
  if (!node) return undefined;
  for (const key in node) return [key, (node as Record<string, object>)[key] ?? {}];
  return undefined;
}

/** The parse tree as JSON without `location`s; `replace` swaps given objects (function bodies) for their normal forms. */
export function canonical(value: unknown, replace?: ReadonlyMap<object, unknown>): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'location') return undefined;
    if (replace && v !== null && typeof v === 'object') return replace.has(v) ? replace.get(v) : v;
    return v;
  });
}

/** True when two trees are the same but for their locations. */
export function sameTree(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** `"name"`: an identifier quoted, so any name (mixed case, reserved word) means itself. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A relation as written: `public.candidates`, or `candidates` when unqualified. */
export function relationName(relation: RangeVar | undefined): string {
  if (!relation?.relname) return '(unknown)';
  return [relation.catalogname, relation.schemaname, relation.relname].filter(Boolean).join('.');
}

/** A relation quoted for SQL: `"public"."candidates"`, with `ONLY` when the statement said ONLY (the tree leaves out a false `inh`). */
export function quoteRelation(relation: RangeVar): string {
  const name = [relation.catalogname, relation.schemaname, relation.relname]
    .filter((part): part is string => Boolean(part))
    .map(quoteIdent)
    .join('.');
  return relation.inh === true ? name : `ONLY ${name}`;
}

/** The strings of a list of `String` nodes (a qualified name): `['public', 'candidates']`. */
export function names(list: readonly Node[] | undefined): string[] {
  return (list ?? []).flatMap((item) => ('String' in item && item.String.sval !== undefined ? [item.String.sval] : []));
}

/** The name lists of a DROP's objects: `DROP TABLE a.b, c` → `[['a', 'b'], ['c']]`. */
export function objectNames(objects: readonly Node[] | undefined): string[][] {
  return (objects ?? []).map((object) => ('List' in object ? names(object.List.items) : names([object])));
}
