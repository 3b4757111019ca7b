/**
 * A text and the map from the parser's UTF-8 byte offsets to JavaScript string indexes and
 * to lines and columns. Pure ASCII text (most SQL) maps byte to index one to one; other
 * text gets a byte → index table, built once.
 */

/** A 0-based line and column (UTF-16 code units) in a text. */
export interface LineColumn {
  line: number;
  column: number;
}

export class SourceText {
  readonly text: string;
  private readonly ascii: boolean;
  private bytesCache: Buffer | undefined;
  private indexOfByte: Uint32Array | undefined;
  private lineStarts: number[] | undefined;

  constructor(text: string) {
    this.text = text;
    this.ascii = !/[^\x00-\x7f]/.test(text);
  }

  /** The text as UTF-8. */
  get bytes(): Buffer {
    this.bytesCache ??= Buffer.from(this.text, 'utf8');
    return this.bytesCache;
  }

  /** Length in UTF-8 bytes. */
  get byteLength(): number {
    return this.ascii ? this.text.length : this.bytes.length;
  }

  /** The string index of a UTF-8 byte offset (clamped to the text). */
  index(byteOffset: number): number {
    const offset = Math.max(0, Math.min(byteOffset, this.byteLength));
    if (this.ascii) return offset;
    this.indexOfByte ??= byteToIndex(this.text, this.byteLength);
    return this.indexOfByte[offset] ?? this.text.length;
  }

  /** The text between two byte offsets (`end` defaults to the end of the text). */
  slice(startByte: number, endByte?: number): string {
    if (this.ascii) return this.text.slice(startByte, endByte);
    return this.bytes.subarray(startByte, endByte).toString('utf8');
  }

  /** The 0-based line and column of a string index. */
  lineColumn(index: number): LineColumn {
    const starts = this.starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: index - (starts[low] ?? 0) };
  }

  /** The string index where 0-based `line` starts, past its leading blanks (the end of the text past the last line). */
  lineIndent(line: number): number {
    const start = this.starts()[line];
    if (start === undefined) return this.text.length;
    let at = start;
    while (at < this.text.length && (this.text[at] === ' ' || this.text[at] === '\t')) at++;
    return at;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) starts.push(at + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** For each UTF-8 byte offset, the index of the character it falls in. */
function byteToIndex(text: string, byteLength: number): Uint32Array {
  const map = new Uint32Array(byteLength + 1);
  let byte = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const high = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : high ? 4 : 3;
    for (let k = 0; k < size; k++) map[byte + k] = index;
    byte += size;
    if (high) index++;
  }
  map[byteLength] = text.length;
  return map;
}
