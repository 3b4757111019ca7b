/**
 * Where a file stops being UTF-8. A config must be UTF-8 (YAML 1.2, section 5.2): a
 * Latin-1 byte read as UTF-8 becomes U+FFFD, and two configs that differ in that byte
 * would read the same.
 */
import { isUtf8 } from 'node:buffer';

/**
 * The continuation bytes a lead byte takes, and the range of the first one (the Unicode
 * Standard, Table 3-7 "Well-Formed UTF-8 Byte Sequences").
 */
function sequence(lead: number): { length: number; low: number; high: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 1, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { length: 2, low: 0xa0, high: 0xbf };
  if ((lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef) return { length: 2, low: 0x80, high: 0xbf };
  if (lead === 0xed) return { length: 2, low: 0x80, high: 0x9f };
  if (lead === 0xf0) return { length: 3, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { length: 3, low: 0x80, high: 0x8f };
  return undefined;
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 character (a
 * stray byte, or the lead of a cut sequence), or undefined when all of them do.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const shape = sequence(lead);
    if (!shape) return i;
    for (let k = 1; k <= shape.length; k++) {
      const byte = bytes[i + k];
      const [low, high] = k === 1 ? [shape.low, shape.high] : [0x80, 0xbf];
      if (byte === undefined || byte < low || byte > high) return i;
    }
    i += shape.length + 1;
  }
  return undefined;
}
