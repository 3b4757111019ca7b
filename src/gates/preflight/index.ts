/**
 * The preflight gate: everything a runbook checks "before you touch anything" — env and
 * secrets, files, commands, CI status, approvals, open incidents, labels, the previous
 * environment, manual sign-offs, test evidence and backups (README.md, "Preflight checks").
 * An environment's `requires:` adds an `environment-passed` check for each environment
 * it names, unless the config already has one; on runs that can deploy, a `rollback-pin`
 * check keeps out the revision the environment was rolled back from (issue #11).
 */
import { impliedEnvironmentChecks, impliedPinCheck } from '../../checks/environment-passed/implied.js';
import type { Gate } from '../gate.js';
import { planChecks } from '../plan.js';

export const preflightGate: Gate = {
  name: 'preflight',
  description: 'preconditions: env, secrets, files, commands, CI, approvals, incidents, previous environment, checklist, tests, backups',
  plan: (context) => planChecks(context, impliedEnvironmentChecks(context), impliedPinCheck(context)),
};
