/**
 * Config schema of the `env` check kind: one variable or a list, present and non-empty,
 * with optional comparisons (runbook 000 §3.4: the API keys and mail settings are set;
 * runbook 003: the auth secret is not `dev-auth-secret`).
 */
import { z } from 'zod';
import { CheckCommon, RegexSource, VariableName } from '../../config/schema/common.js';

/** A value to compare with: YAML scalars compare as the text they would be in the environment. */
const Text = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/**
 * ```yaml
 * - env: [ANTHROPIC_API_KEY, E2B_API_KEY, MAIL_HOST]
 * - env: AUTH_SECRET_KEY
 *   not-equals: dev-auth-secret
 * - env: APP_ENV
 *   one-of: [prod, production]
 * ```
 * Comparisons apply to every variable listed.
 */
export const EnvCheck = z.strictObject({
  ...CheckCommon,
  env: z.union([VariableName, z.array(VariableName).min(1)], {
    error: 'expected a variable name or a list of them, e.g. [ANTHROPIC_API_KEY, MAIL_HOST]',
  }),
  equals: Text.optional(),
  'not-equals': Text.optional(),
  matches: RegexSource.optional(),
  'one-of': z.array(Text).min(1).optional(),
});

export type EnvCheckConfig = z.output<typeof EnvCheck>;

/** The variable names of a check, as a list. */
export function variableNames(config: Pick<EnvCheckConfig, 'env'>): string[] {
  return typeof config.env === 'string' ? [config.env] : config.env;
}
