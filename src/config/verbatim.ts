/**
 * The fields of a config that `${VAR}` expansion leaves alone: each check kind names
 * them (a shell script reads its variables from the environment itself).
 */
import { verbatimFields } from '../checks/registry.js';
import { pathKey } from './interpolate.js';
import { GATE_NAMES } from './schema/root.js';
import { rawRollbackChecks, rawSteps } from './schema/rollback.js';

/** Path keys (see `pathKey`) of every verbatim field in a raw config. */
export function verbatimPaths(raw: Readonly<Record<string, unknown>>): Set<string> {
  const paths = new Set<string>();
  for (const gate of GATE_NAMES) {
    const section = raw[gate];
    const checks = section !== null && typeof section === 'object' ? (section as { checks?: unknown }).checks : undefined;
    if (!Array.isArray(checks)) continue;
    checks.forEach((check: unknown, index) => {
      for (const field of verbatimFields(check)) paths.add(pathKey([gate, 'checks', index, field]));
    });
  }
  // A rollback step is a command; its verify checks are checks of any kind.
  for (const { path, step } of rawSteps(raw)) if (step.shell !== undefined) paths.add(pathKey([...path, 'command']));
  for (const { path, check } of rawRollbackChecks(raw)) for (const field of verbatimFields(check)) paths.add(pathKey([...path, field]));
  return paths;
}
