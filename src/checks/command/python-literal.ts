/**
 * Reads the text Python's `print()` gives for a dict or list of plain values:
 * `{'app_env': 'prod', 'strict_cors': True, 'origins': ['https://a'], 'ips': None}`.
 * Runbook 003 dumps settings with `print({...})`, not `json.dumps`, and a check should
 * read like the runbook line it replaces. Strings, numbers, True/False/None, dicts,
 * lists and tuples are understood; anything else (objects, sets) is not.
 */

/** Thrown with what was not understood and where. */
class LiteralError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

class Reader {
  private index = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new LiteralError(`${what} at character ${this.index + 1}`);
  }

  private skip(): void {
    while (this.index < this.text.length && /\s/.test(this.text[this.index] ?? '')) this.index++;
  }

  private peek(): string {
    this.skip();
    return this.text[this.index] ?? '';
  }

  private eat(char: string): boolean {
    if (this.peek() !== char) return false;
    this.index++;
    return true;
  }

  document(): unknown {
    const value = this.value();
    if (this.peek() !== '') this.fail('unexpected text after the value');
    return value;
  }

  private value(): unknown {
    const char = this.peek();
    if (char === '{') return this.dict();
    if (char === '[') return this.sequence('[', ']');
    if (char === '(') return this.sequence('(', ')');
    if (char === "'" || char === '"') return this.string();
    const word = /^(?:True|False|None|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.index))?.[0];
    if (!word) this.fail(`unexpected ${char ? JSON.stringify(char) : 'end'}`);
    this.index += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    return Number(word);
  }

  private dict(): Record<string, unknown> {
    this.eat('{');
    const out: Record<string, unknown> = {};
    while (!this.eat('}')) {
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number') this.fail('a dict key that is not a string or number');
      if (!this.eat(':')) this.fail('expected ":"');
      out[String(key)] = this.value();
      if (!this.eat(',') && this.peek() !== '}') this.fail('expected "," or "}"');
    }
    return out;
  }

  private sequence(open: string, close: string): unknown[] {
    this.eat(open);
    const out: unknown[] = [];
    while (!this.eat(close)) {
      out.push(this.value());
      if (!this.eat(',') && this.peek() !== close) this.fail(`expected "," or "${close}"`);
    }
    return out;
  }

  private string(): string {
    const quote = this.text[this.index] ?? '';
    this.index++;
    let out = '';
    for (;;) {
      const char = this.text[this.index++];
      if (char === undefined || char === '\n') this.fail('unterminated string');
      if (char === quote) return out;
      if (char !== '\\') {
        out += char;
        continue;
      }
      const next = this.text[this.index++] ?? '';
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) out += simple;
      else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = this.text.slice(this.index, this.index + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) this.fail(`bad \\${next} escape`);
        out += String.fromCodePoint(parseInt(hex, 16));
        this.index += length;
      } else out += `\\${next}`;
    }
  }
}

/** The value of a Python literal, or the reason it is not one. */
export function parsePythonLiteral(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: new Reader(text).document() };
  } catch (error) {
    if (error instanceof LiteralError) return { ok: false, reason: error.message };
    throw error;
  }
}
