/**
 * The top-level statements of a SQL text. The whole text is parsed at once; when it does not
 * parse, it is split at the scanner's top-level semicolons and each piece is parsed alone, so
 * one bad statement (a psql `\set`, a typo) is reported "not analysable" and the others are
 * still analysed.
 */
import { errorMessage, errorOffset, type Node, type Parser, type ScanToken } from './parser.js';
import type { SourceText } from './source.js';

export type TopStatement =
  | { parsed: true; node: Node; start: number; length: number; base: number }
  /** `at`: the byte offset of the error; `normal`: the tokens without comments, for the hash. */
  | { parsed: false; start: number; length: number; at: number; reason: string; normal: string };

function parsedStatements(parser: Parser, source: SourceText, start: number, end: number): TopStatement[] {
  const text = start === 0 && end === source.byteLength ? source.text : source.slice(start, end);
  return (parser.parse(text).stmts ?? []).flatMap((raw) => {
    if (!raw.stmt) return [];
    const at = start + (raw.stmt_location ?? 0);
    // The last statement's length is 0: "to the end of the parsed text".
    return [{ parsed: true as const, node: raw.stmt, start: at, length: raw.stmt_len || end - at, base: start }];
  });
}

const isComment = (token: ScanToken): boolean => token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT';

/** The statements of `source`, in order. */
export function topStatements(parser: Parser, source: SourceText): TopStatement[] {
  if (source.text.trim() === '') return [];
  try {
    return parsedStatements(parser, source, 0, source.byteLength);
  } catch (error) {
    let tokens: ScanToken[];
    try {
      tokens = parser.scan(source.text);
    } catch {
      const normal = source.text.replace(/\s+/g, ' ').trim();
      return [{ parsed: false, start: 0, length: source.byteLength, at: errorOffset(error) ?? 0, reason: errorMessage(error), normal }];
    }
    const pieces: ScanToken[][] = [[]];
    for (const token of tokens) {
      if (token.text === ';') pieces.push([]);
      else if (!isComment(token)) pieces.at(-1)?.push(token);
    }
    return pieces.flatMap((piece) => {
      const first = piece[0];
      const last = piece.at(-1);
      if (!first || !last) return [];
      try {
        return parsedStatements(parser, source, first.start, last.end);
      } catch (pieceError) {
        const at = first.start + (errorOffset(pieceError) ?? 0);
        const normal = piece.map((token) => token.text).join(' ');
        return [
          { parsed: false as const, start: first.start, length: last.end - first.start, at, reason: errorMessage(pieceError), normal },
        ];
      }
    });
  }
}
