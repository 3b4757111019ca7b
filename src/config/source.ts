/**
 * A parsed config file that remembers where every value came from, so that each
 * problem can be reported as `file:line:col`. Anchors, aliases and `<<:` merge keys are
 * read as YAML 1.2 with merge keys (https://yaml.org/type/merge.html); tags other than
 * YAML's own core ones are refused, so `!env X` is not silently the text "X".
 */
import { createHash } from 'node:crypto';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { ConfigurationError, type ConfigProblem, type SourceLocation } from '../errors.js';
import { firstInvalidUtf8 } from './utf8.js';
import { yamlMessage } from './yaml-errors.js';
import { Aliases, isMergeKey } from './yaml-nodes.js';

/** A path into the config: keys and array indexes, e.g. `['smoke', 'checks', 2, 'expect']`. */
export type ConfigPath = readonly (string | number)[];

/** The text of a config file, its YAML document and a position index. */
export class ConfigSource {
  /**
   * `sha256:<hex>` of the file's bytes, as `sha256sum` prints it: a gate result counts
   * only for the config it ran under (docs/evidence.md).
   */
  readonly digest: string;
  private readonly aliases: Aliases;
  private plain: unknown;

  private constructor(
    /** The file as given on the command line, used in every message. */
    readonly file: string,
    readonly text: string,
    readonly document: Document,
    private readonly lines: LineCounter,
    bytes: Uint8Array,
  ) {
    this.digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    this.aliases = new Aliases(document);
  }

  /**
   * Parses a config file's bytes, which must be UTF-8.
   * @throws ConfigurationError at the first byte that is not UTF-8, or listing every YAML
   *   syntax error with its position.
   */
  static fromBytes(file: string, bytes: Uint8Array): ConfigSource {
    const bad = firstInvalidUtf8(bytes);
    if (bad !== undefined) {
      const before = Buffer.from(bytes.subarray(0, bad)).toString('utf8');
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
      throw new ConfigurationError([
        {
          location: { file, line, column },
          message: `the file is not UTF-8: byte 0x${byte} here is not part of a UTF-8 character (expected a UTF-8 file; convert it, e.g. iconv -f latin1 -t utf-8)`,
        },
      ]);
    }
    return ConfigSource.parse(file, Buffer.from(bytes).toString('utf8'), bytes);
  }

  /**
   * Parses YAML text; the digest is of `bytes` (default: the text as UTF-8).
   * @throws ConfigurationError listing every YAML problem with its position.
   */
  static parse(file: string, text: string, bytes: Uint8Array = Buffer.from(text, 'utf8')): ConfigSource {
    const lines = new LineCounter();
    const document = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
      resolveKnownTags: false,
    });
    const source = new ConfigSource(file, text, document, lines, bytes);
    // A tab used as indentation confuses the parser into further errors on the same
    // lines; the tab is the one to fix.
    // After a syntax error the parser's idea of the structure is unreliable, and the errors
    // that follow are echoes of the first: only the first is reported. Duplicate keys and
    // unknown tags are each a mistake of their own.
    const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
    const tags = document.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
    const own = (error: YAMLError): boolean => error.code === 'DUPLICATE_KEY';
    const syntax = document.errors.filter((error) => !own(error)).sort((a, b) => a.pos[0] - b.pos[0]);
    const errors = tabs.length > 0 ? tabs : [...syntax.slice(0, 1), ...document.errors.filter(own), ...tags];
    // An error at the end of the file (an unclosed bracket) points just after the last
    // character, where the closing one is missing, not at an empty last line.
    const problems: ConfigProblem[] = errors.map((error) => ({
      location: source.at(Math.min(error.pos[0], text.trimEnd().length)),
      message: `invalid YAML: ${yamlMessage(error, text)}`,
    }));
    if (problems.length === 0) {
      for (const problem of source.aliases.problems(document)) {
        problems.push({ location: source.at(problem.offset), message: `invalid YAML: ${problem.message}` });
      }
    }
    if (problems.length > 0) {
      throw new ConfigurationError(problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column));
    }
    return source;
  }

  /**
   * The plain JavaScript value of the document (`null` for an empty file), aliases and
   * merge keys expanded. Their expansion was bounded when the file was parsed.
   */
  toJS(): unknown {
    this.plain ??= this.document.toJS({ maxAliasCount: -1 }) as unknown;
    return this.plain;
  }

  /** True when the document holds a value, not only comments (or nothing at all). */
  get hasContent(): boolean {
    return this.document.contents !== null;
  }

  /** The location of a character offset. */
  at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** The node at `path`, following aliases and merge keys; undefined when absent. */
  private nodeAt(path: ConfigPath): unknown {
    let node: unknown = this.document.contents;
    for (const part of path) {
      node = this.aliases.child(node, part);
      if (node === undefined) return undefined;
    }
    return node;
  }

  /** The location of the value at `path`, or of its nearest existing ancestor. */
  locate(path: ConfigPath): SourceLocation {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.nodeAt(path.slice(0, depth));
      if (isNode(node) && node.range) return this.at(node.range[0]);
    }
    return { file: this.file, line: 1, column: 1 };
  }

  /** The location of the key `key` in the mapping at `path` (where an unknown key is). */
  locateKey(path: ConfigPath, key: string): SourceLocation {
    const node = this.aliases.resolve(this.nodeAt(path));
    if (key === '<<' && isMap(node)) {
      const merge = node.items.find((item) => isMergeKey(item.key));
      if (merge && isNode(merge.key) && merge.key.range) return this.at(merge.key.range[0]);
    }
    const pair = this.aliases.pair(node, key);
    if (pair && isScalar(pair.key) && pair.key.range) return this.at(pair.key.range[0]);
    return this.locate(path);
  }

  /** A problem at `path`. */
  problem(path: ConfigPath, message: string): ConfigProblem {
    return { location: this.locate(path), message };
  }
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
