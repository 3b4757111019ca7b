/** `release-gates validate`: check a config without running anything. */
import { loadConfig } from '../../config/load.js';
import { GATE_NAMES } from '../../config/schema/root.js';
import type { Output } from '../../io/output.js';

/** Validates the config; problems are thrown as ConfigurationError (exit 2). */
export async function validateCommand(options: { config: string }, output: Output): Promise<number> {
  const loaded = await loadConfig(options.config);
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const sections = GATE_NAMES.filter((gate) => loaded.config[gate]).map((gate) =>
    gate === 'rollback'
      ? `rollback (${count(loaded.config.rollback?.steps.length ?? 0, 'step')})`
      : `${gate} (${count(loaded.config[gate]?.checks.length ?? 0, 'check')})`,
  );
  const environments = Object.keys(loaded.config.environments ?? {});
  output.out(
    `${options.config}: valid. Gates: ${sections.join(', ') || 'none'}. Environments: ${environments.join(', ') || 'none'}. Digest ${loaded.source.digest}\n`,
  );
  return 0;
}
