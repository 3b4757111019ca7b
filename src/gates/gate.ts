/** What a gate is: a named section of the config that plans checks for the engine. */
import type { CheckSpec } from '../engine/check.js';
import type { GateResult } from '../engine/model.js';
import type { GateName } from '../config/schema/root.js';
import type { GateContext } from './plan.js';

export interface Gate {
  name: GateName;
  /** One line for `--help` and the action's description. */
  description: string;
  /** The checks to run, in config order (a gate may add implied checks). */
  plan(context: GateContext): CheckSpec[];
  /**
   * Run the checks one at a time, in order, stopping at the first that does not pass
   * (see `RunGateOptions.serial`). For gates whose steps build on each other.
   */
  serial?: boolean;
  /**
   * Markdown the gate adds to the job summary after its checks, from its result (the
   * rollback's incident issue and timeline); undefined for none.
   */
  report?(result: GateResult): string | undefined;
}
