/**
 * `release-gates analyse-sql <file.sql…>`: the migrate gate's destructive-change analysis
 * of SQL files, run locally: each file's findings as a table (position, code, severity,
 * whether it needs an acknowledgement, what it does), what could not be analysed, and the
 * content hash an acknowledgement binds to. Exit 0 when nothing needs an acknowledgement
 * and everything was analysed, 1 otherwise, 2 when a file cannot be read.
 */
import { readFile } from 'node:fs/promises';
import Table from 'cli-table3';
import { UsageError } from '../../errors.js';
import type { Output } from '../../io/output.js';
import { analyseSql, type SqlAnalysis } from '../../migrate/analysis/index.js';
import { EXIT_FAILED, EXIT_PASSED } from '../exit-codes.js';

export interface AnalyseSqlOptions {
  /** Print the analyses as JSON (`[{ file, …analysis }]`) instead of tables. */
  json?: boolean;
}

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function render(file: string, analysis: SqlAnalysis, columns: number): string {
  const lines = [`${file}: ${analysis.statements} statement${analysis.statements === 1 ? '' : 's'}, ${analysis.hash}`];
  if (analysis.findings.length) {
    const table = new Table({
      head: ['at', 'code', 'severity', 'ack', 'finding'],
      colWidths: [10, 24, 11, 5, Math.max(40, columns - 56)],
      wordWrap: false,
      truncate: '…',
      style: { head: [], border: [], compact: true },
    });
    for (const finding of analysis.findings) {
      const where = finding.context ? ` (in ${finding.context})` : '';
      table.push([`${finding.line}:${finding.column}`, finding.code, finding.severity, finding.needsAck ? 'yes' : 'no', `${finding.message}${where}`]);
    }
    lines.push(table.toString());
  } else {
    lines.push('  no findings');
  }
  for (const item of analysis.unanalysable) lines.push(`  not analysable at ${file}:${item.line}:${item.column}: ${item.reason}`);
  return `${lines.join('\n')}\n`;
}

/** Analyses each file; returns the exit code. */
export async function analyseSqlCommand(files: readonly string[], options: AnalyseSqlOptions, output: Output): Promise<number> {
  const results: { file: string; analysis: SqlAnalysis }[] = [];
  for (const file of files) results.push({ file, analysis: await analyseSql(await read(file)) });
  if (options.json) output.out(`${JSON.stringify(results.map(({ file, analysis }) => ({ file, ...analysis })), null, 2)}\n`);
  else for (const { file, analysis } of results) output.out(render(file, analysis, output.columns));
  const blocked = results.some(({ analysis }) => analysis.unanalysable.length > 0 || analysis.findings.some((finding) => finding.needsAck));
  return blocked ? EXIT_FAILED : EXIT_PASSED;
}
