/** The terminal reporter: live progress while gates run, then a table per gate. */
import type { GateEvent } from '../../engine/run-gate.js';
import type { GateResult } from '../../engine/model.js';
import type { Gate } from '../../gates/gate.js';
import type { RunResult } from '../../gates/run.js';
import type { Output } from '../../io/output.js';
import { terminalSafe } from './safe.js';
import { styleFor, type Style } from './style.js';
import { renderFailures, renderTable, renderVerdict } from './table.js';

export class TerminalReporter {
  private readonly style: Style;

  constructor(
    private readonly output: Output,
    options: { color?: boolean } = {},
  ) {
    this.style = styleFor(options.color ?? (output.isTTY && !process.env.NO_COLOR));
  }

  /** Before a gate runs. */
  gateStarted(gate: Gate, checks: number, environment: { name: string; url: string | undefined } | undefined): void {
    const target = environment ? ` against ${environment.name}${environment.url ? ` (${terminalSafe(environment.url)})` : ''}` : '';
    this.output.err(`${this.style.bold(`▶ ${gate.name}`)}${target}: ${checks} check${checks === 1 ? '' : 's'}\n`);
  }

  /** Live progress: retries, waits and steps of a flow. */
  event(_gate: Gate, event: GateEvent): void {
    if (event.type === 'check-progress')
      this.output.err(this.style.dim(`  … ${terminalSafe(event.check.name)}: ${terminalSafe(event.message)}\n`));
    else if (event.type === 'check-finished' && this.output.isTTY) {
      this.output.err(
        this.style.dim(
          `  ${event.result.status === 'passed' ? '✓' : '✗'} ${terminalSafe(event.result.name)} (${event.result.durationMs} ms)\n`,
        ),
      );
    }
  }

  /** After a gate: its table, its failures and its verdict. */
  gateFinished(result: GateResult): void {
    const parts = [];
    if (result.checks.length) parts.push(renderTable(result, this.style, this.output.columns));
    const failures = renderFailures(result, this.style);
    if (failures) parts.push(failures);
    parts.push('', renderVerdict(result, this.style), '');
    this.output.out(`${parts.join('\n')}\n`);
  }

  /** After every gate: each result in order, skipped gates included. */
  finished(run: RunResult): void {
    for (const gate of run.gates) if (gate.status === 'skipped') this.output.out(`${renderVerdict(gate, this.style)}\n`);
  }
}
