/** Placeholder, filled in next. */
import type { CheckContext } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { MigrateRun } from '../run.js';

export function rehearsePhase(_run: MigrateRun, _context: CheckContext): Promise<CheckOutcome> {
  return Promise.resolve({ status: 'failed', summary: 'rehearsal not built yet' });
}
