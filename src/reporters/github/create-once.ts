/**
 * Creating a check run at most once. A POST retried after a 5xx can create a duplicate
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately), so after a failed create we look the run up by name and
 * by the external id we gave it before trying again.
 */
import { GitHubError, type CheckRunInfo, type GitHubApi } from '../../github/api.js';
import type { Logger } from '../../io/logger.js';

/** Create attempts before giving up. */
export const CREATE_ATTEMPTS = 3;

export async function createCheckRunOnce(
  api: GitHubApi,
  input: Parameters<GitHubApi['createCheckRun']>[0],
  logger: Logger,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<CheckRunInfo> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.createCheckRun(input);
    } catch (error) {
      if (!(error instanceof GitHubError) || !error.transient || attempt >= CREATE_ATTEMPTS) throw error;
      logger.warning(`creating check run "${input.name}" failed (${error.status} ${error.message}); checking whether it was created`);
      await sleep(500 * attempt);
      const existing = (await api.listCheckRuns(input.headSha, input.name)).find((run) => run.externalId === input.externalId);
      if (existing) return existing;
    }
  }
}
