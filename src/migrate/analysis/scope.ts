/**
 * Where statements are analysed: the top level of the file, a DO block, a function body, a
 * string a plpgsql EXECUTE runs. A scope maps its own text's positions to the file's lines
 * and columns, and says which counts may be built there.
 */
import type { Node, Parser } from './parser.js';
import type { CountScope } from './rules/context.js';
import type { SourceText } from './source.js';

/** A 1-based line and column in the analysed file (lines offset by `startLine - 1`). */
export interface Position {
  line: number;
  column: number;
}

export interface Scope {
  /** The text this scope's statements were parsed from (their locations are byte offsets into it). */
  text: SourceText;
  /** The file position of a string index into {@link text}. */
  position(index: number): Position;
  /** `DO block`, `function public.reset_all()`; none at the top level. */
  context?: string;
  counts: CountScope;
  /** At the top level, tables a statement creates are remembered: later drops of them lose nothing. */
  topLevel: boolean;
}

/** One parsed statement: its node, and where its text is in the scope's text (bytes). */
export interface StatementInput {
  node: Node;
  start: number;
  /** Bytes; 0 means to the end of the text. */
  length: number;
  /** What the node's locations are relative to (the start of the text that was parsed). */
  base: number;
}

/** What the body analysis needs from the analysis, so that the two modules do not import each other. */
export interface Analyser {
  readonly parser: Parser;
  /** Analyses one statement (findings are recorded) and returns its canonical form for the hash. */
  statement(input: StatementInput, scope: Scope): string;
  unanalysable(position: Position, reason: string): void;
}
