/**
 * The action's inputs (src/action/settings.ts): the gate list, the config path relative
 * to the workspace, and names that are safe for an artifact and a file.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readSettings } from '../../src/action/settings.js';
import { UsageError } from '../../src/errors.js';
import { GATES } from '../../src/gates/registry.js';

const WORKSPACE = '/home/runner/work/app/app';
const base = { GITHUB_WORKSPACE: WORKSPACE, RUNNER_TEMP: '/home/runner/work/_temp', GITHUB_JOB: 'gates' };

describe('gates', () => {
  it.each(['smoke', ' smoke ', 'smoke,smoke', 'smoke, smoke', 'smoke\nsmoke', ',smoke,,'])('splits %j on spaces and commas', (value) => {
    const settings = readSettings({ ...base, INPUT_GATES: value });
    expect(settings.gates.map((gate) => gate.name)).toEqual(value.match(/smoke/g));
  });

  it('takes the gate of a per-gate action over the input', () => {
    expect(readSettings({ ...base, INPUT_GATES: 'nonsense' }, 'smoke').gates.map((g) => g.name)).toEqual(['smoke']);
  });

  it('refuses an empty list', () => {
    expect(() => readSettings({ ...base, INPUT_GATES: ' , ' })).toThrow(UsageError);
  });

  it('refuses an unknown gate and lists the known ones', () => {
    const attempt = () => readSettings({ ...base, INPUT_GATES: 'smoke smokey' });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/unknown gate "smokey"/);
    for (const gate of GATES) expect(attempt).toThrow(new RegExp(gate.name));
  });
});

describe('config', () => {
  it('defaults to .github/release-gates.yml', () => {
    const settings = readSettings({ ...base, INPUT_GATES: 'smoke' });
    expect(settings.configInRepo).toBe('.github/release-gates.yml');
  });

  it('reads a relative path as relative to GITHUB_WORKSPACE', () => {
    const settings = readSettings({ ...base, INPUT_GATES: 'smoke', INPUT_CONFIG: 'deploy/gates.yml' });
    expect(settings.configInRepo).toBe('deploy/gates.yml');
    // The file read is the workspace's, wherever this process started.
    expect(resolve(settings.configFile)).toBe(join(WORKSPACE, 'deploy', 'gates.yml'));
  });

  it('makes an absolute path inside the workspace relative to it, with forward slashes', () => {
    const settings = readSettings({ ...base, INPUT_GATES: 'smoke', INPUT_CONFIG: join(WORKSPACE, 'ops', 'gates.yml') });
    expect(settings.configInRepo).toBe('ops/gates.yml');
  });

  it('trims inputs', () => {
    const settings = readSettings({ ...base, INPUT_GATES: 'smoke', INPUT_CONFIG: '  ops/gates.yml\n', INPUT_ENVIRONMENT: ' staging ' });
    expect(settings.configInRepo).toBe('ops/gates.yml');
    expect(settings.environment).toBe('staging');
  });
});

describe('names', () => {
  it.each(['staging', 'prod/eu-1', 'a "quoted": <env>|*?\\ name', '../../etc', 'ümlaut 🚀'])(
    'makes a safe artifact name and report path for environment %j',
    (environment) => {
      const settings = readSettings({ ...base, INPUT_GATES: 'smoke', INPUT_ENVIRONMENT: environment });
      expect(settings.artifactName).toMatch(/^release-gates-[A-Za-z0-9._-]+$/);
      expect(settings.artifactName).not.toMatch(/["':<>|*?\\/\r\n]/);
      const file = settings.reportPath.slice(join(base.RUNNER_TEMP, 'release-gates').length + 1);
      expect(file).toMatch(/^evidence-[A-Za-z0-9._-]+\.json$/);
      expect(settings.reportPath.startsWith(join(base.RUNNER_TEMP, 'release-gates') + '/')).toBe(true);
    },
  );

  it('gives different environments different artifacts', () => {
    const names = ['staging', 'production'].map(
      (environment) => readSettings({ ...base, INPUT_GATES: 'smoke', INPUT_ENVIRONMENT: environment }).artifactName,
    );
    expect(new Set(names).size).toBe(2);
  });

  it('has no environment and no token when the inputs are empty', () => {
    const settings = readSettings({ ...base, INPUT_GATES: 'smoke', INPUT_ENVIRONMENT: '', INPUT_GITHUB_TOKEN: ' ' });
    expect(settings.environment).toBeUndefined();
    expect(settings.token).toBeUndefined();
    expect(settings.artifactName).toBe('release-gates-smoke-default-gates');
  });
});
