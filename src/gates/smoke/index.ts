/**
 * The smoke gate: the runbook's health and smoke `curl` lines as HTTP checks and flows,
 * run concurrently with a limit, the order holding within a flow (README.md, "HTTP checks").
 */
import type { Gate } from '../gate.js';
import { planChecks } from '../plan.js';

export const smokeGate: Gate = {
  name: 'smoke',
  description: 'HTTP checks with assertions and flows against the environment',
  plan: (context) => planChecks(context),
};
