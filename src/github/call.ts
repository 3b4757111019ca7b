/** Wraps Octokit calls so every failure is a {@link GitHubError} with GitHub's own message. */
import { GitHubError } from './api.js';

/** Converts an Octokit error to a {@link GitHubError} carrying GitHub's own message. */
export function wrap(error: unknown): GitHubError {
  if (error instanceof GitHubError) return error;
  const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 0;
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const message =
    data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : error instanceof Error
        ? error.message
        : String(error);
  return new GitHubError(status, message);
}

export async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrap(error);
  }
}
