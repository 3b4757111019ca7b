/**
 * A {@link GitHubApi} that redacts every secret from what it writes: check-run output
 * and annotations, comment and issue bodies, workflow dispatch inputs, deployments and their statuses. The runner's `::add-mask::` does not reach API
 * payloads, so this is the last guard before text leaves for GitHub.
 */
import type { SecretRegistry } from '../secrets/registry.js';
import type { GitHubApi } from './api.js';

export function redactingApi(api: GitHubApi, secrets: SecretRegistry): GitHubApi {
  const clean = <T>(value: T): T => secrets.redactDeep(value);
  // Reads pass through untouched (through the prototype); writes are wrapped.
  return Object.assign(Object.create(api) as GitHubApi, {
    createCheckRun: (input) => api.createCheckRun({ ...input, output: clean(input.output) }),
    completeCheckRun: (id, input) => api.completeCheckRun(id, { ...input, output: clean(input.output) }),
    addAnnotations: (id, output) => api.addAnnotations(id, clean(output)),
    createComment: (issue, body) => api.createComment(issue, secrets.redact(body)),
    updateComment: (id, body) => api.updateComment(id, secrets.redact(body)),
    dispatchWorkflow: (input) => api.dispatchWorkflow(clean(input)),
    createIssue: (input) => api.createIssue(clean(input)),
    createDeployment: (input) => api.createDeployment(clean(input)),
    createDeploymentStatus: (id, input) => api.createDeploymentStatus(id, clean(input)),
  } satisfies Partial<GitHubApi>);
}
