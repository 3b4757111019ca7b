/**
 * Shared set-up of the tests of the local GitHub API used by the other tests
 * (__tests__/support/github-api): one server per test file, a request helper, and the
 * check after each test that no request or response broke the OpenAPI description.
 */
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { startGitHubApi, type GitHubApiServer } from '../support/github-api/index.js';

/** The server of the current test file; set by {@link useGitHubApi}. */
export let gh: GitHubApiServer;
export const SHA = 'a'.repeat(40);
export const REPO = '/repos/owner/repo';

export interface Reply {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      authorization: 'token test-token',
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Take the violations recorded so far (so afterEach sees only unexpected ones). */
export function takeViolations(): string[] {
  return gh.violations.splice(0);
}

/**
 * Starts the server before the file's tests and stops it after; after each test, expects
 * no violation left unchecked and resets the server's state.
 */
export function useGitHubApi(): void {
  beforeAll(async () => {
    gh = await startGitHubApi();
  });
  afterAll(async () => {
    await gh.close();
  });
  afterEach(() => {
    expect(gh.responseViolations).toEqual([]);
    expect(gh.violations).toEqual([]);
    gh.reset();
  });
}
