/**
 * No secret value reaches anything the action writes: the Basic-auth passwords (and
 * their base64 `Authorization` form), the GitHub token, and `*_TOKEN` variables, even
 * when the service answers them back in a failing check's measured value. Looked for in
 * stdout/stderr (apart from the `::add-mask::` commands that register them), the job
 * summary, `$GITHUB_OUTPUT`, the evidence record, and every request sent to GitHub
 * (check runs, annotations, the comment).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startGitHubApi, type GitHubApiServer } from '../support/github-api/index.js';
import {
  CREDENTIALS,
  OTHER_SECRETS,
  TOKEN,
  commands,
  exampleConfig,
  expectExit,
  leaks,
  makeWorkspace,
  pullRequestEvent,
  runGate,
  secretValues,
  seedPullRequest,
  startEchoServer,
  startService,
  writtenPlaces,
  type Service,
} from './harness.js';

/** What the echo server answers back on `/p/<key>`: a secret the check sent or the job holds. */
const REFLECTED: Record<string, string> = {
  password: CREDENTIALS.ADMIN_BASIC_PASSWORD,
  deploy: OTHER_SECRETS.DEPLOY_TOKEN,
  token: TOKEN,
};

const config = `${exampleConfig()}
    - name: echo authorization
      http: GET \${ECHO_BASE}/authorization
      auth: { basic: ['\${ADMIN_BASIC_USERNAME}', '\${ADMIN_BASIC_PASSWORD}'] }
      expect: { status: 200, json: { $.got: nope } }
    - name: echo captcha
      http: POST \${ECHO_BASE}/body
      json: { captcha: '\${CAPTCHA_TOKEN}' }
      expect: { status: 200, json: { $.got: nope } }
    - name: echo password
      http: GET \${ECHO_BASE}/p/password
      expect: { status: 200, json: { $.got: nope }, headers: { x-got: nope } }
    - name: echo deploy token
      http: GET \${ECHO_BASE}/p/deploy
      expect: { status: 200, json: { $.got: nope } }
    - name: echo github token
      http: GET \${ECHO_BASE}/p/token
      expect: { status: 200, body: nope }
`;

let gh: GitHubApiServer;
let service: Service;
let echo: Awaited<ReturnType<typeof startEchoServer>>;
const workspace = makeWorkspace(config);

beforeAll(async () => {
  [gh, service, echo] = await Promise.all([
    startGitHubApi(),
    startService(),
    startEchoServer((req) => {
      const got =
        req.url === '/authorization'
          ? String(req.headers.authorization)
          : req.url === '/body'
            ? String((JSON.parse(req.body) as { captcha?: string }).captcha)
            : (REFLECTED[req.url.replace('/p/', '')] ?? '');
      return { status: 200, headers: { 'x-got': got }, body: JSON.stringify({ got }) };
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([gh.close(), service.stop(), echo.close()]);
});
beforeEach(() => seedPullRequest(gh));
afterEach(() => {
  expect(gh.violations).toEqual([]);
  expect(gh.responseViolations).toEqual([]);
  gh.reset();
});

describe.each([
  ['pull_request', pullRequestEvent()],
  ['pull_request from a fork (annotations as workflow commands)', pullRequestEvent({ headRepo: 'mallory/repo' })],
])('%s', (_label, event) => {
  it('no secret appears in any output', async () => {
    const result = await runGate({ gh, workspace: workspace.dir, serviceUrl: service.url, event, env: { ECHO_BASE: echo.url } });

    expectExit(result, 1);
    // The service's own checks passed with the credentials; the echo checks failed on the
    // reflected secrets, so the secrets did reach the action's results.
    const report = readFileSync(result.outputs.report!, 'utf8');
    const checks = (JSON.parse(report) as { gates: { checks: { name: string; status: string; measured: string }[] }[] }).gates[0]!.checks;
    expect(checks.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual([
      'echo authorization',
      'echo captcha',
      'echo password',
      'echo deploy token',
      'echo github token',
    ]);
    expect(checks.find((c) => c.name === 'echo password')!.measured).toContain('***');

    const places = writtenPlaces(result, gh);
    expect(places['evidence record']).toBe(report);
    for (const [place, text] of Object.entries(places)) expect([place, leaks(text)]).toEqual([place, []]);

    // Every plain secret was registered with the runner before anything could print it.
    const masks = commands(result, 'add-mask').map((c) => c.message);
    for (const secret of secretValues()) expect([secret, masks.includes(secret)]).toEqual([secret, true]);
    expect(result.log.visible).not.toContain(CREDENTIALS.ADMIN_BASIC_PASSWORD);
  });
});
