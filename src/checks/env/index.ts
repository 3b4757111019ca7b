/**
 * The `env` check kind: variables present and non-empty, and optionally equal, different,
 * matching or one of a list (runbook 000 §3.4, runbook 003 "Secrets loaded"). Values come
 * from the selected environment's `vars:` first, then the process environment. A secret
 * (named under `secrets:` or by the usual patterns) is never shown, not even redacted.
 */
import { isSecretName } from '../../secrets/registry.js';
import type { CheckKind, PlanContext } from '../kind.js';
import { comparisonsOf, expectedText, judgeVariable, type FoundVariable } from './evaluate.js';
import { envOutcome } from './report.js';
import { EnvCheck, variableNames, type EnvCheckConfig } from './schema.js';

/** Looks a variable up where a check reads it: the environment's `vars:`, then the process. */
export function findVariable(name: string, context: Pick<PlanContext, 'environment' | 'scope'>, secret: boolean): FoundVariable {
  const vars = context.environment?.vars ?? {};
  if (Object.hasOwn(vars, name)) {
    return { name, value: vars[name], from: `environments.${context.environment?.name ?? ''}.vars`, secret };
  }
  const value = context.scope.env[name];
  return { name, value, from: value === undefined ? undefined : 'the process environment', secret };
}

/** The `env` kind: `- env: [ANTHROPIC_API_KEY, MAIL_HOST]`, with optional `equals`, `not-equals`, `matches`, `one-of`. */
export const envKind: CheckKind<EnvCheckConfig> = {
  name: 'env',
  key: 'env',
  schema: EnvCheck,
  describe: (config) => {
    const names = variableNames(config);
    return names.length > 3 ? `env ${names.slice(0, 3).join(', ')} (+${names.length - 3} more)` : `env ${names.join(', ')}`;
  },
  plan(config, context) {
    const declared = context.declaredSecrets;
    const comparisons = comparisonsOf(config);
    const names = variableNames(config);
    const secret = names.map((name) => isSecretName(name, declared));
    // The expected column is shared by every variable: a list with a secret uses the secret texts.
    const expected = expectedText(comparisons, secret.some(Boolean));
    return {
      timeoutMs: config.timeout ?? context.defaultTimeoutMs,
      run: () => {
        const reports = names.map((name, index) => {
          const found = findVariable(name, context, secret[index] ?? true);
          return { found, assertions: judgeVariable(found, comparisons) };
        });
        return Promise.resolve(context.secrets.redactDeep(envOutcome(reports, expected)));
      },
    };
  },
};
