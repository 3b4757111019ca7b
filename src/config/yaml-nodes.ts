/**
 * YAML anchors, aliases and `<<:` merge keys, as people write them to share settings
 * between checks. Aliases are resolved once, in document order; the expansion they
 * cause is measured before the document is turned into data, so that an exponential
 * "billion laughs" document is refused at the alias that makes it too big, and a config
 * that reuses one anchor a thousand times is read as written.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair } from 'yaml';

/**
 * Values a config may hold once its aliases are expanded. The largest real configs hold
 * a few thousand; an exponential expansion passes this within a few levels.
 */
export const MAX_EXPANDED_VALUES = 100_000;

/** A problem in the document at a character offset. */
export interface NodeProblem {
  offset: number;
  message: string;
}

/** True for a `<<` merge key (the library reads it as a symbol when merge keys are on). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));
}

/** The aliases of a document, each resolved to the anchored node before it. */
export class Aliases {
  private readonly targets = new Map<Alias, Node | undefined>();

  constructor(document: Document) {
    const latest = new Map<string, Node>();
    visit(document, {
      Node: (_key, node) => {
        if (isAlias(node)) this.targets.set(node, latest.get(node.source));
        else if (node.anchor) latest.set(node.anchor, node);
      },
    });
  }

  /** The node itself, or the node an alias refers to (undefined when it has no anchor). */
  resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return this.targets.get(node);
    return isNode(node) ? node : undefined;
  }

  /**
   * The pair of `map` (an alias resolved) whose key is `key`: its own pair, else one that
   * a `<<:` merge brings in (the first source that has it, as merging does).
   */
  pair(map: unknown, key: string): Pair | undefined {
    const node = this.resolve(map);
    if (!isMap(node)) return undefined;
    const own = node.items.find((item) => !isMergeKey(item.key) && isScalar(item.key) && String(item.key.value) === key);
    if (own) return own;
    for (const item of node.items.filter((candidate) => isMergeKey(candidate.key))) {
      for (const source of this.mergeSources(item.value)) {
        const found = this.pair(source, key);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** The child of a mapping or list at `part`, through aliases and merge keys. */
  child(node: unknown, part: string | number): Node | undefined {
    const resolved = this.resolve(node);
    if (isSeq(resolved)) return typeof part === 'number' ? (resolved.items[part] as Node | undefined) : undefined;
    const value = this.pair(resolved, String(part))?.value;
    return isNode(value) ? value : undefined;
  }

  private mergeSources(value: unknown): Node[] {
    const node = this.resolve(value);
    if (isSeq(node)) return node.items.flatMap((item) => this.resolve(item) ?? []);
    return node ? [node] : [];
  }

  /**
   * Aliases without an anchor, aliases inside their own anchor, merge keys whose value is
   * not a mapping, and an expansion past {@link MAX_EXPANDED_VALUES}: each at its place.
   */
  problems(document: Document): NodeProblem[] {
    const problems: NodeProblem[] = [];
    const sizes = new Map<Node, number>();
    const open = new Set<Node>();
    const at = (node: Node): number => node.range?.[0] ?? 0;
    const sizeOf = (node: unknown): number => {
      if (isAlias(node)) {
        const target = this.targets.get(node);
        if (!target || open.has(target)) return 1;
        return sizeOf(target);
      }
      if (!isNode(node)) return 1;
      const known = sizes.get(node);
      if (known !== undefined) return known;
      open.add(node);
      let size = 1;
      if (isMap(node)) for (const pair of node.items) size += sizeOf(pair.key) + sizeOf(pair.value);
      else if (isSeq(node)) for (const item of node.items) size += sizeOf(item);
      open.delete(node);
      sizes.set(node, size);
      return size;
    };
    let total = 0;
    let reported = false;
    const ancestors: Node[] = [];
    visit(document, {
      Node: (_key, node, path) => {
        ancestors.length = 0;
        for (const step of path) if (isNode(step)) ancestors.push(step);
        if (isAlias(node)) {
          const target = this.targets.get(node);
          if (!target) {
            problems.push({
              offset: at(node),
              message: `alias "*${node.source}" has no anchor "&${node.source}" before it (expected an anchor defined earlier in the file)`,
            });
            return;
          }
          if (ancestors.includes(target)) {
            problems.push({
              offset: at(node),
              message: `alias "*${node.source}" is inside its own anchor (expected it outside "&${node.source}")`,
            });
            return;
          }
          total += sizeOf(target);
          if (total > MAX_EXPANDED_VALUES && !reported) {
            reported = true;
            problems.push({
              offset: at(node),
              message: `aliases expand the config past ${MAX_EXPANDED_VALUES} values at "*${node.source}" (expected anchors reused a reasonable number of times, not an exponential expansion)`,
            });
          }
          return;
        }
        total += 1;
      },
      Pair: (_key, pair) => {
        if (!isMergeKey(pair.key)) return;
        const value = this.resolve(pair.value);
        const sources = isSeq(value) ? value.items.map((item) => this.resolve(item)) : [value];
        if (value === undefined || sources.some((source) => !isMap(source))) {
          const node = isNode(pair.value) ? pair.value : isNode(pair.key) ? pair.key : undefined;
          problems.push({
            offset: node ? at(node) : 0,
            message: '"<<" merges mappings (expected <<: *anchor or <<: [*a, *b], each anchor a mapping)',
          });
        }
      },
    });
    return problems;
  }
}
