/** Colours for the terminal, off when stdout is not a TTY or NO_COLOR is set. */
import pc from 'picocolors';
import type { CheckStatus, GateStatus } from '../../engine/model.js';

export interface Style {
  status(status: CheckStatus | GateStatus): string;
  dim(text: string): string;
  bold(text: string): string;
}

const MARK: Record<CheckStatus | GateStatus, string> = { passed: '✓', failed: '✗', pending: '…', skipped: '-' };

/** A style with or without colour. */
export function styleFor(color: boolean): Style {
  const c = pc.createColors(color);
  const paint: Record<CheckStatus | GateStatus, (text: string) => string> = {
    passed: c.green,
    failed: c.red,
    pending: c.yellow,
    skipped: c.dim,
  };
  return {
    status: (status) => paint[status](`${MARK[status]} ${status}`),
    dim: c.dim,
    bold: c.bold,
  };
}
