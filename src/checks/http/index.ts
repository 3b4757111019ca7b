/** The `http` check kind: one request and its expectations (runbook `curl` lines). */
import { formatPath, type ConfigPath, type ConfigSource } from '../../config/source.js';
import type { ConfigProblem } from '../../errors.js';
import type { CheckKind } from '../kind.js';
import { exchange } from './exchange.js';
import { exchangeOutcome } from './report.js';
import { stringsIn } from '../../config/strings.js';
import { captureReferences, noCaptures, registerCredentials, resolveUrl } from './request.js';
import { HttpCheck, type HttpCheckConfig, type StepConfig } from './schema.js';

/** `{{name}}` references that no earlier step captured. */
export function unknownCaptures(step: StepConfig, known: ReadonlySet<string>, path: ConfigPath, source: ConfigSource): ConfigProblem[] {
  const texts = [
    step.http.url,
    ...stringsIn(step.headers),
    ...stringsIn(step.auth),
    ...stringsIn(step.json),
    ...stringsIn(step.form),
    ...stringsIn(step.body),
  ];
  const unknown = [...new Set(texts.flatMap(captureReferences))].filter((name) => !known.has(name));
  return unknown.map((name) =>
    source.problem(
      path,
      `${formatPath(path)}: "{{${name}}}" is not captured by an earlier step (expected one of: ${[...known].join(', ') || 'none; add capture: to an earlier step of steps:'})`,
    ),
  );
}

export const httpKind: CheckKind<HttpCheckConfig> = {
  name: 'http',
  key: 'http',
  schema: HttpCheck,
  describe: (config) => `${config.http.method} ${config.http.url}`,
  problems: (config, path, source) => unknownCaptures(config, new Set(), path, source),
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
