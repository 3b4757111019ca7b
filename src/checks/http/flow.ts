/**
 * The `flow` check kind: `steps:` run in order, each able to use values captured by
 * earlier steps as `{{name}}`. Runbook 000: `POST /api/v1/roles`, then
 * `/api/v1/roles/{id}/upload-job-spec`. A failing step stops the flow.
 */
import { formatDuration } from '../../config/units.js';
import { retryBudgetMs, withRetry } from '../../engine/retry.js';
import type { CheckKind } from '../kind.js';
import { toRetryPolicy } from '../retry-policy.js';
import { exchange } from './exchange.js';
import { unknownCaptures } from './index.js';
import { exchangeDetails, failureOf } from './report.js';
import { noCaptures, registerCredentials, resolveUrl } from './request.js';
import { FlowCheck, type FlowCheckConfig } from './schema.js';

export const flowKind: CheckKind<FlowCheckConfig> = {
  name: 'flow',
  key: 'steps',
  schema: FlowCheck,
  describe: (config) => `flow of ${config.steps.length} steps`,
  problems(config, path, source) {
    const known = new Set<string>();
    return config.steps.flatMap((step, index) => {
      const problems = unknownCaptures(step, known, [...path, 'steps', index], source);
      for (const name of Object.keys(step.capture ?? {})) known.add(name);
      return problems;
    });
  },
  plan(config, context) {
    const steps = config.steps.map((step, index) => {
      const timeoutMs = step.timeout ?? config.timeout ?? context.defaultTimeoutMs;
      const label = step.name ?? `${step.http.method} ${step.http.url}`;
      const retry = toRetryPolicy(step.retry);
      const locationContext = { ...context, location: context.source.locate([...context.path, 'steps', index]) };
      const url = resolveUrl(step.http.url, locationContext);
      registerCredentials(step, context.secrets);
      return {
        label,
        step,
        retry,
        budgetMs: retryBudgetMs(retry, timeoutMs),
        plan: { method: step.http.method, url, step, timeoutMs, trustedOrigins: context.scope.trustedOrigins },
      };
    });
    const total = steps.length;
    return {
      timeoutMs: steps.reduce((sum, step) => sum + step.budgetMs, 0),
      ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
      run: async ({ signal, progress, clock }) => {
        const captures = noCaptures();
        const details: string[] = [];
        for (const [index, step] of steps.entries()) {
          const tag = `step ${index + 1}/${total} ${step.label}`;
          const { result: report } = await withRetry(
            step.retry,
            () => exchange(step.plan, step.label, { http: context.io.http, secrets: context.secrets, signal, captures }),
            {
              failed: (r) => !r.ok,
              clock,
              signal,
              onRetry: ({ attempt, last, waitMs, remaining }) =>
                progress(
                  `${tag}: attempt ${attempt} failed: ${failureOf(last, step.step).summary}; retrying in ${formatDuration(waitMs)} (${remaining})`,
                ),
            },
          );
          const captured = Object.keys(step.step.capture ?? {}).filter((name) => captures.values.has(name));
          details.push(
            `${report.ok ? '✓' : '✗'} ${tag} → ${report.status ?? report.failure ?? ''}${captured.length ? ` (captured ${captured.join(', ')})` : ''}`,
          );
          details.push(...exchangeDetails(report, '    '));
          if (!report.ok) {
            const failure = failureOf(report, step.step);
            for (const later of steps.slice(index + 1)) details.push(`- not run: ${later.label}`);
            return { status: 'failed', ...failure, summary: `${tag}: ${failure.summary}`, details };
          }
          if (index < total - 1) progress(`${tag} passed`);
        }
        return {
          status: 'passed',
          summary: `${total} of ${total} steps passed`,
          measured: `${total}/${total} steps`,
          expected: `${total} steps pass`,
          details,
        };
      },
    };
  },
};
