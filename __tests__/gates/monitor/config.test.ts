/**
 * The monitor section at load: every mistake is a config problem at its line, saying what
 * was expected — timing that cannot work, a deadline shorter than the window, retry on a
 * sampled check, misspelt threshold keys — and `${VAR}` in timing fields is checked once
 * expanded.
 */
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';
import { resolveGateSection } from '../../../src/config/resolve.js';
import type { MonitorSectionConfig } from '../../../src/config/schema/monitor.js';
import { ConfigurationError } from '../../../src/errors.js';

function problems(yaml: string): string[] {
  try {
    parseConfig('rg.yml', yaml);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return error.problems.map((p) => `${p.location.line}:${p.location.column} ${p.message}`);
  }
}

const head = 'version: 1\nenvironments:\n  local: { url: "http://127.0.0.1:1" }\nmonitor:\n';
const check = '  checks:\n    - http: GET /health\n';

describe('monitor config problems', () => {
  it.each([
    [
      'an interval longer than the window',
      '  window: 10s\n  interval: 1m\n' + check,
      '6:13 monitor.interval: the interval (1m) is longer than the window (10s)',
    ],
    [
      'no window',
      '  interval: 1s\n' + check,
      '5:3 monitor.window: expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m, got nothing',
    ],
    [
      'a deadline shorter than the window',
      '  window: 30m\n  deadline: 15m\n' + check,
      '6:13 monitor.deadline: the deadline (15m) must exceed initial-delay + window + the longest sample timeout (30m10s); expected more, or leave it out',
    ],
    [
      'steady-for longer than the window',
      '  window: 1m\n  steady-for: 5m\n' + check,
      '6:15 monitor.steady-for: expected steady-for between the interval (15s) and the window (1m)',
    ],
    [
      'min-samples above the planned samples',
      '  window: 1m\n  min-samples: 5\n  interval: 30s\n' + check,
      "6:16 monitor.min-samples: min-samples 5 is more than the window's 2 samples (1m every 30s)",
    ],
    [
      'retry on a monitored check',
      '  window: 1m\n  checks:\n    - http: GET /health\n      retry: { attempts: 3 }\n',
      '8:14 monitor.checks[0].retry: a monitored check is sampled once per interval, so retry does not apply (expected thresholds such as max-consecutive-failures: 2 to tolerate a blip)',
    ],
    [
      'a misspelt thresholds key',
      '  window: 1m\n  checks:\n    - http: GET /health\n      treshold: { max-p95: 1s }\n',
      '8:7 monitor.checks[0].treshold: unknown key "treshold" (did you mean "thresholds"?)',
    ],
    [
      'a misspelt threshold',
      '  window: 1m\n  checks:\n    - http: GET /health\n      thresholds: { max-p95s: 1s }\n',
      '8:21 monitor.checks[0].thresholds.max-p95s: unknown key "max-p95s" (did you mean "max-p95"?)',
    ],
    [
      'an error rate above 100%',
      '  window: 1m\n  checks:\n    - http: GET /health\n      thresholds: { max-error-rate: 150% }\n',
      '8:37 monitor.checks[0].thresholds.max-error-rate: expected a percentage of at most 100%',
    ],
    [
      'an error rate written as a bare number above 1',
      '  window: 1m\n  checks:\n    - http: GET /health\n      thresholds: { max-error-rate: 5 }\n',
      '8:37 monitor.checks[0].thresholds.max-error-rate: a bare number is a fraction: expected at most 1 (like 0.05), or a percentage like 5%',
    ],
    [
      'rollback inputs that the monitor sets',
      '  window: 1m\n  on-breach: { dispatch: rollback.yml, inputs: { reason: x } }\n' + check,
      '6:48 monitor.on-breach.inputs: inputs.environment and inputs.reason are set by the monitor (the environment that breached, and why)',
    ],
    [
      'a workflow that is not a file name',
      '  window: 1m\n  on-breach: { dispatch: "rollback" }\n' + check,
      '6:26 monitor.on-breach.dispatch: expected a workflow file name like rollback.yml, or a workflow id, got the string "rollback"',
    ],
  ])('%s', (_name, body, expected) => {
    expect(problems(head + body)).toEqual([expected]);
  });

  it('accepts thresholds, percentages, shares and every on-no-data', () => {
    const yaml =
      head +
      '  window: 30m\n  interval: 15s\n  initial-delay: 1m\n  steady-for: 10m\n  min-samples: 60%\n  max-source-errors: 3\n  on-no-data: fail\n' +
      '  on-breach: { dispatch: rollback.yml, inputs: { target: last-known-good, dry-run: false } }\n' +
      '  checks:\n    - http: GET /health\n      on-no-data: pass\n      max-source-errors: 10%\n      thresholds: { max-error-rate: 0.5%, max-p95: 1s, max-consecutive-failures: 2 }\n';
    const loaded = parseConfig('rg.yml', yaml);
    const section = resolveGateSection(loaded, 'monitor', undefined, {}) as unknown as MonitorSectionConfig;
    expect(section).toMatchObject({ window: 1_800_000, interval: 15_000, 'initial-delay': 60_000, 'min-samples': { share: 0.6 } });
    // The default deadline covers initial-delay + window + the longest sample (10s) + 1m.
    expect(section.deadline).toBe(60_000 + 1_800_000 + 10_000 + 60_000);
    expect(section['on-breach']?.inputs).toEqual({ target: 'last-known-good', 'dry-run': 'false' });
    expect(section.checks[0]?.extra).toEqual({
      'on-no-data': 'pass',
      'max-source-errors': { share: 0.1 },
      thresholds: { 'max-error-rate': 0.005, 'max-p95': 1000, 'max-consecutive-failures': 2 },
    });
    // The kind's own config does not carry the monitor's fields.
    expect(Object.keys(section.checks[0]?.config as object).sort()).toEqual(['http']);
  });

  it('checks ${VAR} timing once expanded, at its line', () => {
    const yaml = head + '  window: "${WINDOW}"\n  interval: "${INTERVAL}"\n' + check;
    const loaded = parseConfig('rg.yml', yaml);
    expect(() => resolveGateSection(loaded, 'monitor', undefined, { WINDOW: '10s', INTERVAL: '2s' })).not.toThrow();
    expect(() => resolveGateSection(loaded, 'monitor', undefined, { WINDOW: '10s', INTERVAL: '1m' })).toThrow(
      'rg.yml:6:13: monitor.interval: the interval (1m) is longer than the window (10s)',
    );
  });
});
