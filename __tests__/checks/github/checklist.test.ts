/**
 * `checklist` (runbook 001: "Keep `Cost guardrails verified in staging` unchecked until
 * this is done") against the local GitHub API: the PR body is read fresh and parsed as
 * markdown.
 */
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { taskItems } from '../../../src/checks/checklist/index.js';
import { fakeSha } from '../../support/github-api/index.js';
import { CONFIG_FILE, preflightConfig, runWithGitHub, useGitHubApi } from './helpers.js';

const server = useGitHubApi();

const PR = 73;
const HEAD = fakeSha('web-productization@9');
const COST = preflightConfig('    - name: Cost guardrails\n      checklist: [Cost guardrails verified in staging]\n');
const RERUN = 'then re-run (the pull_request "edited" trigger does it)';

/** A release PR description as runbooks 001 and 002 ask for, with `tick` as the cost item's box. */
function releaseBody(tick: ' ' | 'x'): string {
  return `## Scope
- Export endpoint creates the artifact and marks the session exported

## Risk
Usage telemetry changed; cost caps are new.

## Rollback plan
Redeploy \`v1.3.2\` (backend first, then frontend).

## Release checklist
- [x] API contract tests pass (\`tests/test_web_api_week1.py\`)
- [${tick}] Cost guardrails verified in staging
- [x] Rollback plan included in PR description

Validation notes, copied from the staging run:

\`\`\`text
- [x] Cost guardrails verified in staging
\`\`\`

    - [x] Cost guardrails verified in staging

<!--
- [x] Cost guardrails verified in staging
-->
`;
}

describe('checklist', () => {
  it('is pending while the item is unticked, saying what to tick and where; ticked copies in code blocks and comments do not count', async () => {
    server.state.addPullRequest({ number: PR, headSha: HEAD, body: releaseBody(' ') });
    const { check, run } = await runWithGitHub(COST, { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      kind: 'checklist',
      status: 'pending',
      summary: `tick "- [ ] Cost guardrails verified in staging" in the PR description of #${PR}, ${RERUN}`,
      measured: '0 of 1 ticked',
    });
    expect(check().details).toEqual(['☐ - [ ] Cost guardrails verified in staging: not ticked']);
    expect(run.gates[0]!.status).toBe('pending');
  });

  it.each([
    ['after', '- [x] Cost guardrails verified in staging\n- [ ] cost guardrails  verified in staging\n'],
    ['before', '- [ ] Cost guardrails verified in staging\n\nNotes\n\n* [X] Cost guardrails verified in staging\n'],
  ])('an unticked copy %s a ticked one keeps the item pending, naming the unticked copy', async (_where, body) => {
    server.state.addPullRequest({ number: PR, headSha: HEAD, body });
    const { check } = await runWithGitHub(COST, { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({ status: 'pending', measured: '0 of 1 ticked' });
    expect(check().details).toEqual([expect.stringMatching(/^☐ - \[ \] [Cc]ost guardrails {1,2}verified in staging: not ticked$/)]);
  });

  it('passes once ticked: the body is read fresh from the API, not the event payload', async () => {
    const pr = server.state.addPullRequest({ number: PR, headSha: HEAD, body: releaseBody(' ') });
    expect((await runWithGitHub(COST, { server, pr: PR, headSha: HEAD })).check().status).toBe('pending');
    pr.body = releaseBody('x');
    const { check } = await runWithGitHub(COST, { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({ status: 'passed', summary: `#${PR}: the item is ticked`, measured: '1 of 1 ticked' });
    expect(server.requestsTo('pulls/get')).toHaveLength(2);
  });

  it('matches case-insensitively with whitespace normalised, in any list style and nesting', async () => {
    const body = [
      'Checklist:',
      '',
      '* [X]   cost GUARDRAILS  verified in Staging',
      '1. [x] API contract tests pass',
      '   - [x] Rollback plan included in\n     PR description',
    ].join('\n');
    server.state.addPullRequest({ number: PR, headSha: HEAD, body });
    const yaml = preflightConfig(
      '    - checklist:\n        - Cost guardrails verified in staging\n        - API contract tests pass\n        - Rollback plan included in PR description\n',
    );
    const { check } = await runWithGitHub(yaml, { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({ name: 'checklist: 3 items ticked', status: 'passed', summary: `#${PR}: all 3 items are ticked` });
  });

  it('is pending when an item is missing, and lists every item to act on', async () => {
    server.state.addPullRequest({ number: PR, headSha: HEAD, body: releaseBody(' ') });
    const yaml = preflightConfig(
      '    - checklist:\n        - Cost guardrails verified in staging\n        - Manual E2E acceptance complete\n        - "API contract tests pass (`tests/test_web_api_week1.py`)"\n',
    );
    const { check } = await runWithGitHub(yaml, { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      status: 'pending',
      summary:
        `2 of 3 items not ticked in the PR description of #${PR}: ` +
        'tick "- [ ] Cost guardrails verified in staging"; add "- [x] Manual E2E acceptance complete"; ' +
        RERUN,
      measured: '1 of 3 ticked',
    });
    expect(check().details).toEqual([
      '☐ - [ ] Cost guardrails verified in staging: not ticked',
      '☐ Manual E2E acceptance complete: not in the PR description',
      '✓ - [x] API contract tests pass (`tests/test_web_api_week1.py`)',
    ]);
  });

  it('an empty description: add the item', async () => {
    server.state.addPullRequest({ number: PR, headSha: HEAD, body: null });
    const { check } = await runWithGitHub(COST, { server, pr: PR, headSha: HEAD });
    expect(check()).toMatchObject({
      status: 'pending',
      summary: `add "- [x] Cost guardrails verified in staging" to the PR description of #${PR}, ${RERUN}`,
    });
  });

  it('rejects an empty list', () => {
    expect(() => parseConfig(CONFIG_FILE, preflightConfig('    - checklist: []\n'))).toThrow('checklist');
  });
});

describe('taskItems (GitHub-flavoured markdown)', () => {
  it('finds task items, not look-alikes in fenced or indented code, HTML comments or plain paragraphs', async () => {
    expect(await taskItems(releaseBody('x'))).toEqual([
      { text: 'API contract tests pass (tests/test_web_api_week1.py)', checked: true },
      { text: 'Cost guardrails verified in staging', checked: true },
      { text: 'Rollback plan included in PR description', checked: true },
    ]);
    expect(await taskItems('[x] not a list item\n\n- plain item\n- [ ] **bold** `code` item')).toEqual([
      { text: 'bold code item', checked: false },
    ]);
  });
});
