/**
 * The `yaml` library's parse errors in our words: what is wrong at that position and
 * what was expected. Its own sentences ("please use YAML.parseAllDocuments()") are
 * written for programmers; a release engineer reading a config error gets these.
 */
import type { YAMLError } from 'yaml';

/** What a flow collection is called in the library's messages, in ours. */
function flowName(text: string): string {
  return /seq/i.test(text) ? '[ … ] list' : '{ … } mapping';
}

/** Messages we translate by their text; the first match wins. */
const BY_MESSAGE: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /^Flow (map|sequence) in block collection must be sufficiently indented and end with a (.)/,
    (m) =>
      `a ${flowName(m[1] ?? '')} is not closed, or a line inside it is indented less than its key (expected "${m[2] ?? ''}" to close it, and its lines indented under the key)`,
  ],
  [/^Flow (map|sequence) must end with a (.)/, (m) => `a ${flowName(m[1] ?? '')} is not closed (expected "${m[2] ?? ''}")`],
  [
    /^All sequence items must start at the same column/,
    () => 'list items are not aligned (expected every "- " of a list at the same column)',
  ],
  [/^All mapping items must start at the same column/, () => 'keys of one mapping are not aligned (expected them at the same column)'],
  [
    /^Nested mappings are not allowed in compact mappings/,
    () => 'a second "key: value" on the same line as a key (expected one "key: value" per line, or quotes around a value that holds ": ")',
  ],
  [
    /^Implicit map keys need to be followed by map values/,
    () => 'a key without a value (expected "key: value"; quote a text that is not a key)',
  ],
  [
    /^Implicit keys need to be on a single line/,
    () => 'a key spans several lines (expected "key: value" on one line, or a missing ":" or closing quote above)',
  ],
  [/^Missing closing "quote/, () => 'a "double-quoted" string is not closed (expected a closing ")'],
  [/^Missing closing 'quote/, () => "a 'single-quoted' string is not closed (expected a closing ')"],
  [
    /^Invalid escape sequence (.*)/,
    (m) => `invalid escape ${m[1] ?? ''} in a "double-quoted" string (expected \\\\ for a backslash, or single quotes)`,
  ],
  [/^Plain value cannot start with (.*)/, (m) => `a value cannot start with ${m[1] ?? ''} (expected the value in quotes)`],
  [/^Missing , or : between (.*) items/, (m) => `missing "," or ":" between items of a ${flowName(m[1] ?? '')}`],
  [/^Missing , between (.*) items/, (m) => `missing "," between items of a ${flowName(m[1] ?? '')}`],
  [/^Missing space after : in (.*)/, (m) => `missing space after ":" in a ${flowName(m[1] ?? '')} (expected "key: value")`],
  [/^Unexpected , in (.*)/, (m) => `unexpected "," in a ${flowName(m[1] ?? '')} (expected a value between commas)`],
  [/^Unexpected empty item in (.*)/, (m) => `empty item in a ${flowName(m[1] ?? '')} (expected a value between commas)`],
  [
    /^Block collections are not allowed within flow collections/,
    () => 'an indented block inside [ … ] or { … } (expected the whole value in the brackets, or no brackets)',
  ],
  [/^A block sequence may not be used as an implicit map key/, () => 'a list where a key was expected (expected "key: value")'],
  [/^Sequence item without - indicator/, () => 'a list item without "- " (expected "- " before each item)'],
  [/^Block scalar/, () => 'lines of a | or > text block are indented less than its first line (expected them at least as indented)'],
  [
    /^Comments must be separated/,
    () => 'a "#" right after a value (expected a space before "#" for a comment, or quotes around the value)',
  ],
  [/^Tags and anchors must be separated/, () => 'an &anchor or !tag is followed directly by a value (expected a space after it)'],
  [/^A node can have at most one anchor/, () => 'a value with two &anchors (expected at most one)'],
  [/^A node can have at most one tag/, () => 'a value with two !tags (expected at most one)'],
  [/^An alias node must not specify any properties/, () => 'an *alias with an &anchor or !tag (expected the alias alone)'],
  [
    /^(Alias|Anchor) cannot be an empty string/,
    (m) => `an empty ${m[1] === 'Alias' ? '*alias' : '&anchor'} (expected a name after the ${m[1] === 'Alias' ? '*' : '&'})`,
  ],
  [/^The : indicator must be at most 1024 chars/, () => 'a key longer than 1024 characters (expected a shorter key)'],
  [
    /^Source contains multiple documents/,
    () => 'a second YAML document starts here (expected one document per config file: remove the "---")',
  ],
  [/^Unexpected doc-end/, () => 'a "..." document end without a document (expected the config before it)'],
  [/^Missing directives-end/, () => 'a %directive without a "---" after it (expected "---" before the config)'],
  [
    /^Unexpected (flow-map-end|flow-seq-end)/,
    (m) => `an unmatched "${m[1] === 'flow-map-end' ? '}' : ']'}" (expected it to close an opening bracket)`,
  ],
];

/** What each error code means when its message is not one of {@link BY_MESSAGE}. */
const BY_CODE: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: 'wrong indentation (expected the line indented like its siblings, under its key)',
  BAD_DIRECTIVE: 'an unknown %directive (expected none, or %YAML 1.2)',
  BAD_PROP_ORDER: 'an &anchor or !tag in the wrong place (expected it after "-" or ":")',
  BLOCK_AS_IMPLICIT_KEY: 'a block where a key was expected (expected "key: value")',
  MISSING_CHAR: 'a character is missing here (expected a closing quote or bracket, or a space)',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines (expected "key: value" on one line)',
  RESOURCE_EXHAUSTION: 'the document nests too deeply to read (expected a config of ordinary depth)',
  UNEXPECTED_TOKEN: 'unexpected text here (expected "key: value", "- item", or the text in quotes)',
  IMPOSSIBLE: 'unexpected text here (expected "key: value", "- item", or the text in quotes)',
  NON_STRING_KEY: 'a key that is not text (expected a plain key)',
  BAD_COLLECTION_TYPE: 'a !tag that does not fit this value (expected no tag)',
  BAD_ALIAS: 'an invalid *alias or &anchor name (expected a name without a trailing ":")',
  BAD_SCALAR_START: 'a value cannot start with this character (expected the value in quotes)',
  TAG_RESOLVE_FAILED: 'a value that does not fit its !!tag (expected a value of that type, or no tag)',
  BAD_DQ_ESCAPE: 'an invalid escape in a "double-quoted" string (expected \\\\ for a backslash, or single quotes)',
};

/** A duplicate key, named as it is written at `offset`. */
function duplicateKey(text: string, offset: number): string | undefined {
  const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\n]*?)\s*:/.exec(text.slice(offset))?.[1];
  if (!key) return undefined;
  return `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)} (expected each key once per mapping)`;
}

/** An unknown `!tag`: YAML tags are not a way to read variables here. */
export function unknownTagMessage(written: string): string {
  const tag = written.replace(/^tag:yaml\.org,2002:/, '!!');
  const hint = /env/i.test(tag) ? 'write "${NAME}" to read a variable' : 'remove it, or quote the value';
  return `unknown tag "${tag}" (expected no tag: ${hint})`;
}

/** One YAML error in our words. `text` is the file, for naming a duplicate key. */
export function yamlMessage(error: YAMLError, text: string): string {
  if (error.code === 'DUPLICATE_KEY') return duplicateKey(text, error.pos[0]) ?? 'duplicate key (expected each key once per mapping)';
  if (error.code === 'TAB_AS_INDENT') return 'tab used for indentation (expected spaces)';
  if (error.code === 'MULTIPLE_DOCS') return 'a second YAML document starts here (expected one document per config file: remove the "---")';
  if (error.code === 'TAG_RESOLVE_FAILED') {
    const tag = /Unresolved tag: (.*)$/.exec(error.message.split('\n')[0] ?? '')?.[1];
    if (tag) return unknownTagMessage(tag);
  }
  const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  for (const [pattern, render] of BY_MESSAGE) {
    const match = pattern.exec(first);
    if (match) return render(match);
  }
  return BY_CODE[error.code] ?? 'the YAML cannot be read here (expected "key: value", "- item", or the text in quotes)';
}
