/**
 * Starting the rollback workflow after a breach (`on-breach: { dispatch: rollback.yml }`),
 * at most once: one `workflow_dispatch` request, never retried after a 5xx or a lost
 * connection, because GitHub may have started the run before its answer was lost
 * (GITHUB.md, "Dispatch"; docs/monitor.md, "On a breach"). Every outcome is recorded.
 */
import type { GitHubScope } from '../../checks/kind.js';
import type { OnBreach } from '../../config/schema/monitor.js';
import type { DispatchEvidence } from '../../evidence/monitor.js';
import { GitHubError } from '../../github/api.js';
import type { z } from 'zod';

/** Longest `reason` input sent: the rest of the story is in the run's evidence. */
const MAX_REASON_CHARS = 1000;

export interface DispatchRequest {
  config: z.output<typeof OnBreach>;
  github: GitHubScope | undefined;
  environment: string | undefined;
  /** Why: the breach, in one line. */
  reason: string;
  now: () => Date;
}

/** What GitHub's refusal means for the person reading the evidence. */
function refusal(error: GitHubError, workflow: string, ref: string): string {
  if (error.status === 404) return `GitHub answered 404: is ${workflow} in .github/workflows on ${ref}, with on: workflow_dispatch?`;
  if (error.status === 403) return `GitHub answered 403 "${error.message}": the job needs permissions: actions: write`;
  if (error.status === 422) return `GitHub answered 422 "${error.message}": does ${workflow} take the inputs sent?`;
  return `GitHub answered ${error.status} "${error.message}"`;
}

/** Dispatches the rollback workflow once and records what happened; never throws. */
export async function dispatchRollback(request: DispatchRequest): Promise<DispatchEvidence> {
  const { config, github } = request;
  const inputs: Record<string, string> = {
    ...config.inputs,
    ...(request.environment === undefined ? {} : { environment: request.environment }),
    reason: request.reason.length > MAX_REASON_CHARS ? `${request.reason.slice(0, MAX_REASON_CHARS - 1)}…` : request.reason,
  };
  const at = request.now().toISOString();
  const base = { workflow: config.dispatch, inputs, at };
  if (!github) {
    return {
      ...base,
      ref: config.ref,
      status: 'not-dispatched',
      message: `rollback not dispatched: no GitHub repository and token here (set GITHUB_TOKEN and GITHUB_REPOSITORY to dispatch ${config.dispatch})`,
    };
  }
  let ref = config.ref;
  try {
    ref ??= await github.api.getDefaultBranch();
  } catch (error) {
    const why = error instanceof GitHubError ? `GitHub answered ${error.status} "${error.message}"` : String(error);
    return {
      ...base,
      ref,
      status: 'failed',
      message: `rollback not dispatched: the default branch could not be read (${why}); set on-breach.ref`,
    };
  }
  try {
    const { runUrl } = await github.api.dispatchWorkflow({ workflow: config.dispatch, ref, inputs });
    return {
      ...base,
      ref,
      status: 'dispatched',
      message: `rollback dispatched: ${config.dispatch} on ${ref}${runUrl ? ` (${runUrl})` : ''}`,
      ...(runUrl ? { runUrl } : {}),
    };
  } catch (error) {
    if (error instanceof GitHubError && !error.transient) {
      return { ...base, ref, status: 'failed', message: `rollback not dispatched: ${refusal(error, config.dispatch, ref)}` };
    }
    const what = error instanceof GitHubError ? `GitHub answered ${error.status || 'nothing'} "${error.message}"` : String(error);
    return {
      ...base,
      ref,
      status: 'unknown',
      message:
        `rollback dispatch of ${config.dispatch} on ${ref} may or may not have started: ${what}. ` +
        `Not retried, so that a rollback never starts twice; look for the run in ${github.owner}/${github.repo}'s Actions tab, and start it by hand if there is none`,
    };
  }
}
