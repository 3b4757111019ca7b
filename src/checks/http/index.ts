/** The `http` check kind: one request and its expectations (runbook `curl` lines). */
import { formatPath, type ConfigPath, type ConfigSource } from '../../config/source.js';
import type { ConfigProblem } from '../../errors.js';
import type { CheckKind } from '../kind.js';
import { exchange } from './exchange.js';
import { exchangeOutcome } from './report.js';
import { captureReferences, noCaptures, registerCredentials, resolveUrl } from './request.js';
import { HttpCheck, type HttpCheckConfig, type StepConfig } from './schema.js';

/** Every string of a step that may hold `{{name}}`, with its path in the step. */
function captureTexts(step: StepConfig): [ConfigPath, string][] {
  const out: [ConfigPath, string][] = [[['http'], step.http.url]];
  const walk = (value: unknown, path: ConfigPath): void => {
    if (typeof value === 'string') out.push([path, value]);
    else if (Array.isArray(value)) value.forEach((item: unknown, index) => walk(item, [...path, index]));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  for (const field of ['headers', 'auth', 'json', 'form', 'body', 'expect'] as const) walk(step[field], [field]);
  return out;
}

/**
 * `{{name}}` references, in any field of a step (its `expect:` too), that no earlier
 * step captured; each at its own position, naming the captures in scope. `flow` is false
 * for a single http check, which has no captures.
 */
export function unknownCaptures(
  step: StepConfig,
  known: ReadonlySet<string>,
  path: ConfigPath,
  source: ConfigSource,
  flow = true,
): ConfigProblem[] {
  const scope = [...known];
  const expected = !flow
    ? 'a single http check captures nothing; use steps: with capture: in an earlier step'
    : scope.length
      ? `captures in scope: ${scope.join(', ')}`
      : 'no captures in scope; add capture: to an earlier step of steps:';
  return captureTexts(step).flatMap(([at, text]) =>
    [...new Set(captureReferences(text))]
      .filter((name) => !known.has(name))
      .map((name) => {
        const where = [...path, ...at];
        return source.problem(where, `${formatPath(where)}: "{{${name}}}" is not captured by an earlier step (${expected})`);
      }),
  );
}

export const httpKind: CheckKind<HttpCheckConfig> = {
  name: 'http',
  key: 'http',
  schema: HttpCheck,
  describe: (config) => `${config.http.method} ${config.http.url}`,
  problems: (config, path, source) => unknownCaptures(config, new Set(), path, source, false),
  plan(config, context) {
    const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
    const url = resolveUrl(config.http.url, context);
    const plan = { method: config.http.method, url, step: config, timeoutMs, trustedOrigins: context.scope.trustedOrigins };
    registerCredentials(config, context.secrets);
    const label = `${config.http.method} ${config.http.url}`;
    return {
      timeoutMs,
      ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
      run: async ({ signal }) => {
        const report = await exchange(plan, label, { http: context.io.http, secrets: context.secrets, signal, captures: noCaptures() });
        return exchangeOutcome(report, config);
      },
    };
  },
};
