/**
 * The smoke gate against a misbehaving target started as a real process
 * (__tests__/support/targets/fault-server.mjs), through the real config path: YAML on
 * disk, parseConfig, runGates and the undici client; and through the real bundle.
 * Every fault must end as a failed check with a reason a person can act on.
 */
import { ConfigurationError } from '../../src/errors.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPortUrl, startTarget, type Target } from '../support/targets/index.js';
import { BUNDLE, runBundle, runSmoke, smokeConfig } from '../support/targets/run-config.js';

let target: Target;

beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.stop();
});

/** One check, written as YAML lines under `checks:`. */
async function one(check: string, section = '') {
  const result = await runSmoke(smokeConfig(target.url, `${section}  checks:\n${check}`));
  return { ...result, result: result.check() };
}

async function serverJson<T>(path: string): Promise<T> {
  const res = await fetch(`${target.url}${path}`);
  return (await res.json()) as T;
}

describe('transport faults', () => {
  it('connection refused on a closed port', async () => {
    const closed = await closedPortUrl();
    const { result } = await one(`    - http: GET ${closed}/healthy\n`);
    expect(result.status).toBe('failed');
    expect(result.summary).toContain(`connection refused by ${closed.replace('http://', '')}`);
    expect(result.measured).toMatch(/^connection refused/);
    expect(result.expected).toBe('status 2xx');
  });

  it('a connection reset in the middle of the body', async () => {
    const { result } = await one('    - http: GET /reset\n');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/connection reset by 127\.0\.0\.1:\d+ after \d+ B of the response body/);
  });

  it('a response slower than the check timeout fails at the timeout', async () => {
    const { result, run } = await one('    - http: GET /slow?ms=20000\n      timeout: 300ms\n');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/no response from 127\.0\.0\.1:\d+ within 300ms/);
    // Generous bound: proves the 20 s response was not waited for.
    expect(run.gates[0]!.durationMs).toBeLessThan(10_000);
  });

  it('an environment URL without a scheme is a config error at the url line, not an internal error', async () => {
    const yaml = smokeConfig(target.url.replace('http://', ''), '  checks:\n    - http: GET /healthy\n');
    const error = await runSmoke(yaml).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const [problem] = (error as ConfigurationError).problems;
    expect(problem?.message).toBe('environments.test.url: it is not an absolute URL (expected e.g. https://staging.example.com)');
    expect(problem?.location.line).toBe(4);
  });
});

describe('responses that are not what was expected', () => {
  it('5xx twice, then healthy: retry passes, attempts and progress recorded', async () => {
    const { result, events } = await one(
      '    - name: flaky\n      http: GET /flaky?key=retry-1&fail=2\n      retry: { attempts: 5, every: 100ms }\n',
    );
    expect(result.status).toBe('passed');
    expect(result.attempts).toBe(3);
    expect(result.summary).toContain('(after 3 attempts)');
    const progress = events.flatMap((event) => (event.type === 'check-progress' ? [event.message] : []));
    expect(progress).toEqual([
      expect.stringMatching(/^attempt 1 failed: .*measured 503.*retrying in 100ms \(attempt 2 of 5\)$/),
      expect.stringMatching(/^attempt 2 failed: .*measured 503.*retrying in 100ms \(attempt 3 of 5\)$/),
    ]);
    expect(events.map((event) => event.type)).toEqual(['check-started', 'check-progress', 'check-progress', 'check-finished']);
  });

  it('5xx more times than the attempts allow fails with the last status', async () => {
    const { result } = await one('    - http: GET /flaky?key=retry-2&fail=10\n      retry: { attempts: 3, every: 50ms }\n');
    expect(result.status).toBe('failed');
    expect(result.attempts).toBe(3);
    expect(result.summary).toContain('status: measured 503, expected 2xx (after 3 attempts)');
  });

  it('invalid JSON fails a json expectation and says why', async () => {
    const { result } = await one('    - http: GET /invalid-json\n      expect: { json: { $.status: ok } }\n');
    expect(result.status).toBe('failed');
    expect(result.measured).toMatch(/^\$\.status: body is not valid JSON/);
    expect(result.measured).toContain('it starts: {"status": ok');
    expect(result.expected).toBe('$.status: a JSON body');
  });
});

describe('a 50 MB body', () => {
  const cutAt = (notes: string[]): number => {
    const note = notes.find((line) => line.startsWith('body cut at '));
    const match = /^body cut at ([\d.]+) (B|KiB|MiB)/.exec(note ?? '');
    if (!match) throw new Error(`no truncation note in ${JSON.stringify(notes)}`);
    return Number(match[1]) * { B: 1, KiB: 1024, MiB: 1024 * 1024 }[match[2] as 'B' | 'KiB' | 'MiB'];
  };

  it('is cut at 1 MiB: a status-only check passes and says so, the server is not drained', async () => {
    const { result } = await one('    - http: GET /big?key=big-1\n      expect: { status: 200 }\n');
    expect(result.status).toBe('passed');
    expect(result.details).toContain('body cut at 1 MiB (max-body); the rest was not read');
    expect(cutAt(result.details)).toBeLessThanOrEqual(1024 * 1024);
    const stats = await serverJson<{ written: number; finished: boolean; closed: boolean }>('/big-stats?key=big-1');
    expect(stats.finished).toBe(false);
    expect(stats.closed).toBe(true);
    expect(stats.written).toBeLessThan(50 * 1024 * 1024);
  });

  it('a json check on it fails, saying the body was cut', async () => {
    const { result } = await one('    - http: GET /big?key=big-2\n      expect: { json: { $.status: ok } }\n');
    expect(result.status).toBe('failed');
    expect(result.summary).toContain('$.status: measured body cut at 1 MiB (the max-body cap), so it cannot be read as JSON');
  });

  it('honours a smaller max-body', async () => {
    const { result } = await one('    - http: GET /big?key=big-3\n      max-body: 64KiB\n');
    expect(result.status).toBe('passed');
    expect(cutAt(result.details)).toBe(64 * 1024);
  });
});

describe('a redirect to another origin while credentials are set', () => {
  const creds = '      auth: { bearer: "redirect-bearer-token" }\n      headers: { Cookie: "session=cookie-value-123" }\n';

  it('with follow-redirects, the other origin gets neither Authorization nor Cookie', async () => {
    const { result } = await one(`    - http: GET /redirect-away?key=leak-1\n      follow-redirects: true\n${creds}`);
    expect(result.status).toBe('passed');
    expect(result.details).toContainEqual(
      expect.stringMatching(/^redirect 302 → http:\/\/127\.0\.0\.1:\d+\/landing\?key=leak-1 \(credentials not forwarded: other origin\)$/),
    );
    const recorded = await serverJson<{ hits: number; authorization: boolean; cookie: boolean }>('/recorded?key=leak-1');
    expect(recorded).toEqual({ hits: 1, authorization: false, cookie: false });
  });

  it('with follow-redirects, a custom header holding a secret is not forwarded either', async () => {
    const check = `    - http: GET /redirect-away?key=leak-4\n      follow-redirects: true\n      headers: { X-Api-Key: "\${MY_API_KEY}" }\n`;
    const result = await runSmoke(smokeConfig(target.url, `  checks:\n${check}`), { env: { MY_API_KEY: 'k3y-value-for-the-api' } });
    expect(result.check().status).toBe('passed');
    const recorded = await serverJson<{ hits: number; apiKey?: boolean }>('/recorded?key=leak-4');
    expect(recorded.hits).toBe(1);
    expect(recorded.apiKey).toBeUndefined();
  });

  it('a flow step whose URL a response gave (another origin) gets no credentials, and says so', async () => {
    const flow = [
      '    - name: follow the pointer',
      '      steps:',
      '        - http: GET /point-away?key=leak-5',
      '          capture: { next: $.next }',
      '        - http: GET {{next}}',
      '          auth: { bearer: "flow-bearer-token" }',
      '          headers: { Cookie: "session=abc" }',
      '',
    ].join('\n');
    const { result } = await one(flow);
    expect(result.status).toBe('passed');
    expect(result.details.join('\n')).toMatch(
      /credentials not sent to http:\/\/127\.0\.0\.1:\d+: not an origin the config names \(cookie, authorization held back\)/,
    );
    expect(await serverJson('/recorded?key=leak-5')).toEqual({ hits: 1, authorization: false, cookie: false });
  });

  it('the recorder does see credentials sent to it directly (control)', async () => {
    const { result } = await one(`    - http: GET /redirect-away?key=leak-2\n${creds}`);
    const landing = /redirect to (\S+) not followed/.exec(result.measured)?.[1];
    expect(landing).toMatch(/\/landing\?key=leak-2$/);
    await fetch(landing!, { headers: { authorization: 'Bearer x', cookie: 'a=b' } });
    const recorded = await serverJson<{ hits: number; authorization: boolean; cookie: boolean }>('/recorded?key=leak-2');
    expect(recorded).toEqual({ hits: 1, authorization: true, cookie: true });
  });

  it('without follow-redirects, the check fails saying the redirect was not followed', async () => {
    const { result } = await one(`    - http: GET /redirect-away?key=leak-3\n${creds}`);
    expect(result.status).toBe('failed');
    expect(result.measured).toMatch(
      /^status: 302 \(redirect to http:\/\/127\.0\.0\.1:\d+\/landing\?key=leak-3 not followed; set follow-redirects: true\)$/,
    );
    expect(await serverJson('/recorded?key=leak-3')).toEqual({ hits: 0, authorization: false, cookie: false });
  });

  it('a redirect loop stops at the limit and does not advise setting follow-redirects again', async () => {
    const { result } = await one('    - http: GET /redirect-loop\n      follow-redirects: 3\n');
    expect(result.status).toBe('failed');
    expect(result.measured).toContain('not followed: stopped after 3 redirects');
    expect(result.measured).not.toContain('set follow-redirects: true');
    expect(result.details.filter((line) => line.startsWith('redirect 302'))).toHaveLength(3);
  });
});

describe('the gate deadline', () => {
  const hanging = `  deadline: 1s\n  concurrency: 1\n  timeout: 60s\n  checks:
    - name: hangs
      http: GET /slow?ms=30000
    - name: never started
      http: GET /healthy
`;

  it('stops a check that hangs 30 s and marks unstarted checks not run', async () => {
    const { run, check } = await runSmoke(smokeConfig(target.url, hanging));
    expect(run.status).toBe('failed');
    expect(run.gates[0]!.interrupted).toBe('deadline');
    expect(check('hangs').summary).toBe('gate deadline of 1s reached before it finished');
    expect(check('never started')).toMatchObject({ status: 'failed', summary: 'not run: gate deadline of 1s reached', attempts: 0 });
    expect(run.gates[0]!.durationMs).toBeLessThan(10_000);
  });

  it('a retry cut short by the deadline says so', async () => {
    const { result } = await one(
      '    - http: GET /flaky?key=deadline-retry&fail=1000\n      retry: { attempts: 100, every: 200ms }\n',
      '  deadline: 1s\n',
    );
    expect(result.status).toBe('failed');
    expect(result.attempts).toBeGreaterThan(1);
    expect(result.attempts).toBeLessThan(100);
    expect(result.summary).toMatch(/measured 503, expected 2xx \(after \d+ attempts; no more retries: gate deadline of 1s reached\)$/);
  });

  it('the real bundle exits at the deadline, exit code 1, with the reason in the evidence', async () => {
    // The check hangs for 10 minutes and the process is killed only after 4: exiting by
    // itself (code 1, not killed) proves it did not wait for the hang, however slow
    // the machine is (no wall-clock bound on start-up; issue #7).
    const bundle = await runBundle(smokeConfig(target.url, hanging.replace('ms=30000', 'ms=600000')), {}, 240_000);
    expect(bundle.stderr).not.toMatch(/internal error|Unhandled|at .*\(.*:\d+:\d+\)/);
    expect(bundle.code).toBe(1);
    const gate = bundle.evidence!.gates[0]!;
    expect(gate.interrupted).toBe('deadline');
    expect(gate.checks.map((c) => c.summary)).toEqual([
      'gate deadline of 1s reached before it finished',
      'not run: gate deadline of 1s reached',
    ]);
  }, 300_000);
});

describe('no unhandled rejection', () => {
  // Jest's sandbox has its own `process`, which never sees unhandledRejection; the hook
  // is registered in a real node process instead, in front of the real bundle.
  const HOOK = 'data:text/javascript,process.on("unhandledRejection",(e)=>{process.stderr.write("UNHANDLED_REJECTION "+String(e)+"\\n")})';
  const withHook = (args: string[]): Promise<{ stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, ['--import', HOOK, ...args], { timeout: 45_000, killSignal: 'SIGKILL' }, (_error, stdout, stderr) =>
        resolve({ stdout, stderr }),
      );
    });

  it('the hook reports a rejection (control)', async () => {
    expect((await withHook(['-e', 'Promise.reject(new Error("on purpose")); setTimeout(() => {}, 50)'])).stderr).toContain(
      'UNHANDLED_REJECTION Error: on purpose',
    );
  });

  it('none from the bundle through every fault at once', async () => {
    const closed = await closedPortUrl();
    const dir = await mkdtemp(join(tmpdir(), 'rg-unhandled-'));
    const file = join(dir, 'release-gates.yml');
    const checks = [
      `GET ${closed}/healthy`,
      'GET /reset',
      'GET /slow?ms=30000',
      'GET /invalid-json',
      'GET /big?key=unhandled',
      'GET /redirect-away?key=unhandled',
    ];
    const yaml = smokeConfig(
      target.url,
      `  deadline: 2s\n  timeout: 1500ms\n  checks:\n${checks
        .map(
          (line) =>
            `    - http: ${line}\n      expect: { json: { $.status: ok } }\n      follow-redirects: true\n      auth: { bearer: unhandled-token }\n`,
        )
        .join('')}    - name: hangs for 30 s\n      http: GET /slow?ms=30000\n      timeout: 30s\n`,
    );
    await writeFile(file, yaml);
    const { stdout, stderr } = await withHook([BUNDLE, 'run', 'smoke', '--config', file, '--env', 'test', '--no-color']);
    // The faults were met: every check ran and failed for its own reason.
    for (const reason of ['connection refused', 'connection reset', 'not valid JSON', 'body cut at 1 MiB', 'gate deadline of 2s']) {
      expect(stdout + stderr).toContain(reason);
    }
    expect(stderr).not.toContain('UNHANDLED_REJECTION');
    expect(stderr).not.toContain('internal error');
    await rm(dir, { recursive: true, force: true });
  });
});
