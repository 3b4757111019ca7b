/**
 * Everything written to GitHub is redacted on the way out: check-run output and
 * annotations, and comment bodies. The runner's masking does not reach API payloads.
 */
import { describe, expect, it } from '@jest/globals';
import { redactingApi } from '../../src/github/redacting.js';
import { SecretRegistry } from '../../src/secrets/registry.js';
import { FakeGitHub } from '../reporters/fake-github.js';

const SECRET = 'k3y-in-the-url-9f8e';

describe('redactingApi', () => {
  it('redacts check-run output, annotations and comments, and nothing else changes', async () => {
    const fake = new FakeGitHub();
    const secrets = new SecretRegistry();
    secrets.add(SECRET);
    const api = redactingApi(fake.api, secrets);
    const leaky = `against https://staging.example.com/?key=${SECRET}`;
    const run = await api.createCheckRun({
      name: 'release-gates / smoke (staging)',
      headSha: 'a'.repeat(40),
      externalId: 'x',
      output: { title: 't', summary: leaky },
    });
    await api.completeCheckRun(run.id, {
      conclusion: 'failure',
      output: {
        title: 't',
        summary: leaky,
        text: leaky,
        annotations: [{ path: 'c.yml', start_line: 1, end_line: 1, annotation_level: 'failure', message: leaky }],
      },
    });
    await api.addAnnotations(run.id, {
      title: 't',
      summary: 's',
      annotations: [{ path: 'c.yml', start_line: 2, end_line: 2, annotation_level: 'failure', message: leaky }],
    });
    fake.seedComment(7, 'old');
    const comment = await api.createComment(7, leaky);
    await api.updateComment(comment.id, `${leaky} again`);

    const sent = JSON.stringify(fake.calls);
    expect(sent).not.toContain(SECRET);
    expect(sent).toContain('https://staging.example.com/?key=***');
    expect(fake.calls.map((call) => call.method)).toEqual([
      'createCheckRun',
      'completeCheckRun',
      'addAnnotations',
      'createComment',
      'updateComment',
    ]);
  });
});
