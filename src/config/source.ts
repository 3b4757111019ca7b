/**
 * A parsed config file that remembers where every value came from, so that each
 * problem can be reported as `file:line:col`.
 */
import { createHash } from 'node:crypto';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
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
      throw new ConfigurationError(
        document.errors.map((error) => ({
          location: source.at(error.pos[0]),
          message: `invalid YAML: ${yamlMessage(error.message)}`,
        })),
      );
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

/** First line of a yaml error message, without the trailing position the library adds. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
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
