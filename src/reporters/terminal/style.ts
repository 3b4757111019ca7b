/** Colours for the terminal, off when stdout is not a TTY or NO_COLOR is set. */
import pc from 'picocolors';
import { checkStatusText, statusLabel, type CheckResult, type CheckStatus, type GateStatus } from '../../engine/model.js';

export interface Style {
  status(status: CheckStatus | GateStatus): string;
  /** A check's status as {@link checkStatusText} says it (`? not verified (optional)`). */
  check(check: Pick<CheckResult, 'status' | 'optional'>): string;
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
    check: (check) => paint[check.status](`${MARK[check.status]} ${checkStatusText(check)}`),
    dim: c.dim,
    bold: c.bold,
  };
}
