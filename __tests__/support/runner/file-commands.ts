/**
 * The runner's file commands: `$GITHUB_OUTPUT`, `$GITHUB_ENV` and `$GITHUB_STATE` hold
 * `name=value` lines and `name<<DELIMITER` … `DELIMITER` heredocs (actions/runner
 * `FileCommandManager`). A malformed file is an error, as it fails the step on GitHub.
 */

/**
 * Parses a file command's contents into name/value pairs, in order (later wins).
 * @throws Error for a line that is neither form, an empty name, or a heredoc whose
 * delimiter never comes.
 */
export function parseFileCommand(text: string, file = 'file command'): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (!name) throw new Error(`${file}: line ${i + 1} has an empty name: ${JSON.stringify(line)}`);
      values.set(name, line.slice(equals + 1));
    } else if (heredoc >= 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (!name || !delimiter) throw new Error(`${file}: line ${i + 1} has an empty name or delimiter: ${JSON.stringify(line)}`);
      const body: string[] = [];
      for (i++; ; i++) {
        if (i >= lines.length) throw new Error(`${file}: matching delimiter not found: ${JSON.stringify(delimiter)}`);
        if (lines[i] === delimiter) break;
        body.push(lines[i] ?? '');
      }
      values.set(name, body.join('\n'));
    } else {
      throw new Error(`${file}: invalid format at line ${i + 1}: ${JSON.stringify(line)}`);
    }
  }
  return values;
}
