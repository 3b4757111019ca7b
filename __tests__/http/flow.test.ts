/**
 * Flows (runbook 000): create a role, capture its id, use it in the next URL, JSON body
 * and header. Run through the real config path against the fault target's role API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/config/load.js';
import { ConfigurationError } from '../../src/errors.js';
import { buildEvidence } from '../../src/evidence/record.js';
import { fakeClock } from '../support/clock.js';
import { startTarget, type Target } from '../support/targets/index.js';
import { runBundle, runSmoke, smokeConfig } from '../support/targets/run-config.js';

let target: Target;

beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.stop();
});

const CREATE = `        - name: create role
          http: POST /api/v1/roles
          json: { title: Smoke role }
          expect: { status: 201, json: { $.id: { type: string } } }
          capture: { role_id: $.id }
`;
const UPLOAD = (url: string) => `        - name: upload job spec
          http: POST ${url}
          headers: { X-Role-Id: "{{role_id}}" }
          json: { role_id: "{{role_id}}", spec: { title: Smoke role } }
          expect: { status: 200, json: { $.consistent: true } }
`;
const SUBMIT = `        - name: submit paused assessment
          http: POST /api/v1/assessments/{{role_id}}/submit
          expect: { status: 423, json: { $.code: ASSESSMENT_PAUSED } }
`;
const READ_BACK = `        - name: read role back
          http: GET /api/v1/roles/{{role_id}}
          expect: { json: { $.spec_uploaded: true } }
`;

function flow(steps: string, name = 'role flow'): string {
  return smokeConfig(target.url, `  checks:\n    - name: ${name}\n      steps:\n${steps}`);
}

async function hits(key: string): Promise<number> {
  // /flaky with fail=0 answers its call count for the key; this call is one more.
  const res = await fetch(`${target.url}/flaky?key=${key}&fail=0`);
  return ((await res.json()) as { attempt: number }).attempt - 1;
}

describe('runbook 000 role flow', () => {
  it('captures $.id and uses it in the next URL, JSON body and header', async () => {
    const { check } = await runSmoke(flow(CREATE + UPLOAD('/api/v1/roles/{{role_id}}/upload-job-spec') + SUBMIT + READ_BACK));
    const result = check('role flow');
    expect(result).toMatchObject({ kind: 'flow', status: 'passed', summary: '4 of 4 steps passed', measured: '4/4 steps' });
    expect(result.details.filter((line) => /^[✓✗]/.test(line))).toEqual([
      '✓ step 1/4 create role → 201 (captured role_id)',
      '✓ step 2/4 upload job spec → 200',
      '✓ step 3/4 submit paused assessment → 423',
      '✓ step 4/4 read role back → 200',
    ]);
    // The server checked that URL, body and header carried the same id.
    expect(result.details).toContain('    ✓ $.consistent: true (expected == true)');
  });

  it('an expected 423 ASSESSMENT_PAUSED passes; the same answer fails without it', async () => {
    const passing = await runSmoke(flow(CREATE + SUBMIT));
    expect(passing.check().status).toBe('passed');
    const plain = SUBMIT.replace('status: 423, ', '');
    const failing = (await runSmoke(flow(CREATE + plain))).check();
    expect(failing.status).toBe('failed');
    expect(failing.summary).toBe('step 2/2 submit paused assessment: status: measured 423, expected 2xx');
  });

  it('a failing middle step stops the flow, names the step and lists later steps as not run', async () => {
    const after = `        - name: count me
          http: GET /flaky?key=flow-stop&fail=0
`;
    const { check } = await runSmoke(flow(CREATE + UPLOAD('/api/v1/roles/no-such-{{role_id}}/upload-job-spec') + SUBMIT + after));
    const result = check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('step 2/4 upload job spec: status: measured 404, expected 200 (+1 more)');
    expect(result.measured).toBe('status: 404');
    expect(result.expected).toBe('status: 200');
    expect(result.details).toContain('✗ step 2/4 upload job spec → 404');
    expect(result.details.slice(-2)).toEqual(['- not run: submit paused assessment', '- not run: count me']);
    expect(await hits('flow-stop')).toBe(0);
  });

  it('a transport failure in a step stops the flow with the reason', async () => {
    const slow = `        - name: slow step
          http: GET /slow?ms=20000
          timeout: 200ms
`;
    const result = (await runSmoke(flow(CREATE + slow + SUBMIT))).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^step 2\/3 slow step: no response from 127\.0\.0\.1:\d+ within 200ms$/);
    expect(result.details.at(-1)).toBe('- not run: submit paused assessment');
  });

  it("a step's until: holds at its boundary, on the engine's clock (no wall time)", async () => {
    const attemptsWithin = async (until: string, key: string): Promise<number> => {
      const clock = fakeClock();
      const steps = `        - name: wait for ready
          http: GET /flaky?key=${key}&fail=100
          retry: { until: ${until}, every: 300ms }
`;
      const result = (await runSmoke(flow(steps + CREATE), { clock })).check();
      expect(result.status).toBe('failed');
      expect(result.details.at(-1)).toBe('- not run: create role');
      return hits(key);
    };
    expect(await attemptsWithin('900ms', 'flow-until-900')).toBe(3); // at 0, 300, 600 ms; 900 is the deadline itself
    expect(await attemptsWithin('901ms', 'flow-until-901')).toBe(4);
  });

  it('a step retries on its own and the flow goes on', async () => {
    const flaky = `        - name: wait for ready
          http: GET /flaky?key=flow-retry&fail=2
          retry: { attempts: 4, every: 50ms }
`;
    const { check, events } = await runSmoke(flow(flaky + CREATE + SUBMIT));
    expect(check().status).toBe('passed');
    const progress = events.flatMap((event) => (event.type === 'check-progress' ? [event.message] : []));
    expect(progress.slice(0, 2)).toEqual([
      'step 1/3 wait for ready: attempt 1 failed: status: measured 503, expected 2xx; retrying in 50ms (attempt 2 of 4)',
      'step 1/3 wait for ready: attempt 2 failed: status: measured 503, expected 2xx; retrying in 50ms (attempt 3 of 4)',
    ]);
    expect(progress).toContain('step 1/3 wait for ready passed');
  });
});

describe('captures', () => {
  it('a capture that is missing fails the step clearly, and later steps do not run', async () => {
    const steps = `        - name: health
          http: GET /healthy
          capture: { role_id: $.id }
${SUBMIT}`;
    const result = (await runSmoke(flow(steps))).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('step 1/2 health: capture role_id: measured $.id not found, expected a value at $.id');
    expect(result.details.at(-1)).toBe('- not run: submit paused assessment');
  });

  it('a capture of an object is refused as not a scalar', async () => {
    const steps = `        - http: GET /echo
          capture: { role_id: $.headers }
${SUBMIT}`;
    expect((await runSmoke(flow(steps))).check().summary).toContain('capture role_id: measured $.headers is not a scalar');
  });

  it('a capture used before it is made is a config error at its line', () => {
    const yaml = flow(SUBMIT + CREATE);
    expect(() => parseConfig('release-gates.yml', yaml)).toThrow(ConfigurationError);
    expect(() => parseConfig('release-gates.yml', yaml)).toThrow(
      /release-gates\.yml:\d+:\d+.*"\{\{role_id\}\}" is not captured by an earlier step/,
    );
  });

  const SECRET_STEPS = (key: string) => `        - name: get token
          http: GET /token?key=${key}
          expect: { json: { $.token: { exists: true } } }
          capture: { token: { json: $.token, secret: true } }
        - name: use token
          http: GET /echo
          headers: { X-Token: "{{token}}" }
          expect: { json: { $.headers.x-token: { matches: "^nope" } } }
`;

  it('a secret capture is redacted from the evidence', async () => {
    const { run, secrets } = await runSmoke(flow(SECRET_STEPS('secret-1')));
    const issued = ((await (await fetch(`${target.url}/issued?key=secret-1`)).json()) as { token: string }).token;
    expect(issued).toMatch(/^tok_/);
    // The gate result is redacted before any reporter sees it.
    expect(JSON.stringify(run)).not.toContain(issued);
    expect(JSON.stringify(run)).toContain('***');
    const evidence = JSON.stringify(
      buildEvidence(
        run,
        { commit: null, configFile: 'f', configDigest: 'sha256:x', startedAt: new Date(), finishedAt: new Date() },
        secrets,
      ),
    );
    expect(evidence).not.toContain(issued);
    expect(evidence).toContain('***');
  });

  it('a secret capture never reaches the terminal or the evidence of the real bundle', async () => {
    const bundle = await runBundle(flow(SECRET_STEPS('secret-2')));
    const issued = ((await (await fetch(`${target.url}/issued?key=secret-2`)).json()) as { token: string }).token;
    expect(issued).toMatch(/^tok_/);
    expect(bundle.code).toBe(1);
    expect(bundle.evidence?.result).toBe('failed');
    expect(bundle.stdout + bundle.stderr).toContain('***');
    const everything = bundle.stdout + bundle.stderr + JSON.stringify(bundle.evidence);
    expect(everything).toContain('use token');
    expect(everything).not.toContain(issued);
    expect(everything).not.toContain(issued.slice(4));
  });
});
