/**
 * Reads the sticky comment's gates-by-environment table back: the cell of each
 * environment in one gate's row, for tests that check every matrix cell reached it.
 */

/** The comment's cell for each environment in the row of `gate` (the text between the pipes). */
export function commentCells(body: string, gate = 'smoke'): Record<string, string> {
  const lines = body.split('\n');
  const split = (line: string): string[] => line.replace(/^\|\s*|\s*\|$/g, '').split(/\s+\|\s+/);
  const header = lines.find((line) => line.startsWith('| gate |'));
  const row = lines.find((line) => line.startsWith(`| ${gate} |`));
  if (!header || !row) return {};
  const names = split(header).slice(1);
  const cells = split(row).slice(1);
  return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
}
