import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startGitHubApi } from '../support/github-api/index.js';
import { CREDENTIALS, EXAMPLE_CONFIG, OTHER_SECRETS, TOKEN, leaks, makeWorkspace, pullRequestEvent, runGate, seedPullRequest, startEchoServer, startService } from './harness.js';

it('probe', async () => {
  const gh = await startGitHubApi();
  seedPullRequest(gh);
  const svc = await startService();
  const R: Record<string, string> = { password: CREDENTIALS.ADMIN_BASIC_PASSWORD, deploy: OTHER_SECRETS.DEPLOY_TOKEN, token: TOKEN };
  const echo = await startEchoServer((req) => { const got = req.url === '/authorization' ? String(req.headers.authorization) : req.url === '/body' ? String((JSON.parse(req.body) as any).captcha) : (R[req.url.replace('/p/', '')] ?? ''); return { status: 200, headers: { 'x-got': got }, body: JSON.stringify({ got }) }; });
  const config = readFileSync(EXAMPLE_CONFIG, 'utf8') + `
    - name: echo authorization
      http: GET \${ECHO_BASE}/authorization
      auth: { basic: ['\${ADMIN_BASIC_USERNAME}', '\${ADMIN_BASIC_PASSWORD}'] }
      expect: { status: 200, json: { $.got: nope } }
    - name: echo password
      http: GET \${ECHO_BASE}/p/password
      expect: { status: 200, json: { $.got: nope }, headers: { x-got: nope } }
`;
  const ws = makeWorkspace(config);
  for (const event of [pullRequestEvent(), pullRequestEvent({ headRepo: 'x/y' })]) {
    const r = await runGate({ gh, workspace: ws.dir, serviceUrl: svc.url, event, env: { ECHO_BASE: echo.url } });
    for (const line of (r.stdout + r.stderr).split('\n')) if (!line.startsWith('::add-mask') && leaks(line).length) console.log('LOG', line);
    for (const q of gh.requests) if (leaks(JSON.stringify(q.body)).length) console.log('REQ', q.method, q.path, JSON.stringify(q.body).slice(0, 3000));
    gh.reset(); seedPullRequest(gh);
  }
  await gh.close(); await svc.stop(); await echo.close();
  expect(1).toBe(1);
});
