/** Colours for the terminal, off when stdout is not a TTY or NO_COLOR is set. */
import pc from 'picocolors';
import { statusLabel, type CheckStatus, type GateStatus } from '../../engine/model.js';

export interface Style {
  status(status: CheckStatus | GateStatus): string;
  dim(text: string): string;
  bold(text: string): string;
}

const MARK: Record<CheckStatus | GateStatus, string> = { passed: '✓', failed: '✗', pending: '…', skipped: '-', unverified: '?' };

/** A style with or without colour. */
export function styleFor(color: boolean): Style {
  const c = pc.createColors(color);
  const paint: Record<CheckStatus | GateStatus, (text: string) => string> = {
    passed: c.green,
    failed: c.red,
    pending: c.yellow,
    skipped: c.dim,
    unverified: c.magenta,
  };
  return {
    status: (status) => paint[status](`${MARK[status]} ${statusLabel(status)}`),
    dim: c.dim,
    bold: c.bold,
  };
}
