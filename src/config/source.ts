/**
 * A parsed config file that remembers where every value came from, so that each
 * problem can be reported as `file:line:col`.
 */
import { createHash } from 'node:crypto';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { ConfigurationError, type ConfigProblem, type SourceLocation } from '../errors.js';

/** A path into the config: keys and array indexes, e.g. `['smoke', 'checks', 2, 'expect']`. */
export type ConfigPath = readonly (string | number)[];

/** The text of a config file, its YAML document and a position index. */
export class ConfigSource {
  /** `sha256:<hex>` of the file's bytes; results are bound to it (PRODUCT.md). */
  readonly digest: string;

  private constructor(
    /** The file as given on the command line, used in every message. */
    readonly file: string,
    readonly text: string,
    readonly document: Document,
    private readonly lines: LineCounter,
  ) {
    this.digest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  }

  /**
   * Parses YAML text.
   * @throws ConfigurationError listing every YAML syntax error with its position.
   */
  static parse(file: string, text: string): ConfigSource {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = new ConfigSource(file, text, document, lines);
    if (document.errors.length > 0) {
      // A tab used as indentation confuses the parser into further errors on the same
      // lines; the tab is the one to fix.
      const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
      const errors = tabs.length > 0 ? tabs : document.errors;
      // An error at the end of the file (an unclosed bracket) points just after the last
      // character, where the closing one is missing, not at an empty last line.
      const problems = errors.map((error) => ({
        location: source.at(Math.min(error.pos[0], text.trimEnd().length)),
        message: `invalid YAML: ${yamlMessage(error, text)}`,
      }));
      throw new ConfigurationError(problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column));
    }
    return source;
  }

  /** The plain JavaScript value of the document (`null` for an empty file). */
  toJS(): unknown {
    return this.document.toJS({ maxAliasCount: 100 }) as unknown;
  }

  /** The location of a character offset. */
  at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** The location of the value at `path`, or of its nearest existing ancestor. */
  locate(path: ConfigPath): SourceLocation {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return this.at(node.range[0]);
    }
    return { file: this.file, line: 1, column: 1 };
  }

  /** The location of the key `key` in the mapping at `path` (where an unknown key is). */
  locateKey(path: ConfigPath, key: string): SourceLocation {
    const node: unknown = path.length === 0 ? this.document.contents : this.document.getIn(path, true);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair && isNode(pair.key) && pair.key.range) return this.at(pair.key.range[0]);
    }
    return this.locate(path);
  }

  /** A problem at `path`. */
  problem(path: ConfigPath, message: string): ConfigProblem {
    return { location: this.locate(path), message };
  }
}

/**
 * First line of a yaml error message, without the trailing position the library adds;
 * a duplicate key is named.
 */
function yamlMessage(error: YAMLError, text: string): string {
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\n]*?)\s*:/.exec(text.slice(error.pos[0]))?.[1];
    if (key)
      return `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)} (expected each key once per mapping)`;
  }
  if (error.code === 'TAB_AS_INDENT') return 'tab used for indentation (expected spaces)';
  const first = error.message.split('\n')[0] ?? error.message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/** Formats a path as people write it: `smoke.checks[2].expect.status`. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(top level)';
}
