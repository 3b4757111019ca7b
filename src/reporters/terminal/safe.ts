/**
 * Text from targets shown in a terminal: C0 and C1 control characters (an ESC or the
 * 8-bit CSI U+009B would start a terminal escape sequence that recolours, moves the
 * cursor or rewrites the screen) and Unicode bidirectional overrides (which reorder what
 * is shown) are written as escapes, e.g. `\u009b`, never raw. Our own colours are added
 * after this, by the style.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character escaped; one line. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
