/** What a gate is: a named section of the config that plans checks for the engine. */
import type { CheckSpec } from '../engine/check.js';
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
}
