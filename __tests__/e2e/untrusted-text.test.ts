/**
 * Text the action does not control — the PR body, response bodies, and check names from
 * a config that a pull request can change — cannot run workflow commands (it reaches the
 * log only inside `::stop-commands::<token>`) and cannot break the markdown of the check
 * run, the job summary or the comment (tables, code spans, HTML, @mentions).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubApi, type GitHubApiServer } from '../support/github-api/index.js';
import { processLog } from '../support/runner/index.js';
import {
  commands,
  exampleConfig,
  expectExit,
  githubState,
  makeWorkspace,
  pullRequestEvent,
  runGate,
  seedPullRequest,
  startEchoServer,
  startService,
  type GateRunResult,
  type Service,
} from './harness.js';

const NASTY = '| `tick` <script>alert(1)</script> <b>bold</b> @octocat';
const INJECTION =
  '\n::set-output name=result::passed\n::error file=pwned.yml,line=1::pwned\n::stop-commands::abc\n::abc::\n::add-mask::smoke\n';
const PR_BODY = `Looks good.\n::stop-commands::pwn\n::pwn::\n::set-output name=result::passed\n::error::pwned-by-pr-body\n${NASTY}`;
const EVIL_NAME = 'evil\n::set-output name=result::passed\n::error file=pwned.yml,line=1::pwned-by-name\n';

const config = `${exampleConfig()}
    - name: ${JSON.stringify(EVIL_NAME)}
      http: GET \${ECHO_BASE}/json
      expect: { status: 200, json: { $.message: ok } }
    - name: ${JSON.stringify(`table ${NASTY}`)}
      http: GET \${ECHO_BASE}/json
      expect: { status: 200, json: { $.command: ok } }
    - name: plain text answer
      http: GET \${ECHO_BASE}/text
      expect: { status: 200, body: { contains: expected-text } }
`;

let gh: GitHubApiServer;
let service: Service;
let echo: Awaited<ReturnType<typeof startEchoServer>>;
const workspace = makeWorkspace(config);

beforeAll(async () => {
  [gh, service, echo] = await Promise.all([
    startGitHubApi(),
    startService(),
    startEchoServer((req) =>
      req.url === '/text'
        ? { status: 200, type: 'text/plain', body: `${INJECTION}${NASTY}` }
        : { status: 200, body: JSON.stringify({ message: `${NASTY}${INJECTION}`, command: '::set-output name=result::passed' }) },
    ),
  ]);
});
afterAll(async () => {
  await Promise.all([gh.close(), service.stop(), echo.close()]);
});
afterEach(() => {
  expect(gh.violations).toEqual([]);
  expect(gh.responseViolations).toEqual([]);
  gh.reset();
});

/** Markdown with fenced code blocks removed (their content is shown literally). */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '');
}

/** Unescaped `|` of a line. */
function pipes(line: string): number {
  return [...line.matchAll(/(?<!\\)\|/g)].length;
}

/** No raw HTML, code span or mention outside code blocks; every table row as wide as its header. */
function expectSafeMarkdown(where: string, markdown: string): void {
  const text = outsideCode(markdown);
  expect([where, text]).not.toEqual([where, expect.stringMatching(/<script|<b>|(?<!\\)`tick|@octocat/)]);
  let header: number | undefined;
  let rows = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    header ??= pipes(line);
    rows++;
    expect([where, line, pipes(line)]).toEqual([where, line, header]);
  }
  expect([where, rows]).not.toEqual([where, 0]);
}

/** The lines of the untrusted texts that would be workflow commands if they reached the log bare. */
const INJECTED = new Set([INJECTION, PR_BODY, EVIL_NAME].flatMap((text) => text.split('\n')).filter((line) => line.startsWith('::')));

function expectNoInjectedCommand(result: GateRunResult): void {
  const ran = result.log.commands.filter((c) => c.command !== 'add-mask');
  expect(ran.filter((c) => c.command === 'set-output')).toEqual([]);
  expect(ran.filter((c) => INJECTED.has(c.line.trim()) || c.properties.file === 'pwned.yml')).toEqual([]);
  expect(commands(result, 'add-mask').filter((c) => c.message === 'smoke')).toEqual([]);
  expect(result.steps.map((s) => s.outputFile).join('')).not.toMatch(/pwned|result<<[^\n]*\npassed/);
  expect(result.outputs.result).toBe('failed');
  expectExit(result, 1);
  // Any stop-commands region was closed by its own token: the runner resumed, and ran the last command.
  expect(ran.at(-1)).toEqual(
    expect.objectContaining({ command: 'error', message: expect.stringContaining('release-gates: smoke failed') }),
  );
}

describe('pull_request with a nasty body, a nasty config and nasty responses', () => {
  it('runs no injected command and keeps every markdown table intact', async () => {
    seedPullRequest(gh, PR_BODY);
    const result = await runGate({
      gh,
      workspace: workspace.dir,
      serviceUrl: service.url,
      event: pullRequestEvent({ body: PR_BODY }),
      env: { ECHO_BASE: echo.url },
    });

    expectNoInjectedCommand(result);
    // Not vacuous: the injected lines reach the log, as data: line breaks from a target are
    // shown escaped (`\n`), so none of them starts a line of the log.
    expect(result.stdout).toContain('\\n::set-output name=result::passed\\n::error file=pwned.yml,line=1::pwned');
    expect(processLog(result.stdout).commands.filter((c) => INJECTED.has(c.line.trim()))).toEqual([]);
    const [run] = githubState(gh).checkRuns;
    expect(run!.conclusion).toBe('failure');
    expectSafeMarkdown('check run summary', run!.output.summary!);
    expect(outsideCode(run!.output.text!)).not.toMatch(/<script|<b>|(?<!\\)`tick|@octocat/);
    expectSafeMarkdown('job summary', result.summary.replace(/<\/?(details|summary)>/g, ''));
    const comment = githubState(gh).comments[0]!.body;
    // The comment folds each failing gate's evidence (the check run's text) under its table.
    expectSafeMarkdown('comment', comment.replace(/<\/?(details|summary)>/g, ''));
    expect(outsideCode(comment)).not.toMatch(/<script|<b>|(?<!\\)`tick|@octocat/);
    // The nasty text is there, escaped, rather than dropped.
    expect(run!.output.summary).toContain('\\| \\`tick\\` &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(run!.output.summary).toContain('@\u200boctocat');
  });

  it('fork PR: annotations as workflow commands carry the nasty names as data only', async () => {
    const result = await runGate({
      gh,
      workspace: workspace.dir,
      serviceUrl: service.url,
      event: pullRequestEvent({ body: PR_BODY, headRepo: 'mallory/repo' }),
      env: { ECHO_BASE: echo.url },
    });

    expectNoInjectedCommand(result);
    const annotations = commands(result, 'error').filter((c) => c.properties.file);
    expect(annotations.map((c) => [c.properties.file, c.properties.title])).toEqual([
      ['.github/release-gates.yml', `smoke: ${EVIL_NAME}`],
      ['.github/release-gates.yml', `smoke: table ${NASTY}`],
      ['.github/release-gates.yml', 'smoke: plain text answer'],
    ]);
    // The response's command lines are in the message, as data.
    expect(annotations[2]!.message).toContain('::set-output name=result::passed');
    expect(result.summary).toContain('Read-only token');
  });
});
