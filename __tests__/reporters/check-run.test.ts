/**
 * The check run of a gate (src/reporters/github/check-run.ts): name, conclusion,
 * annotations, batching and output limits (GITHUB.md, "Check runs").
 */
import { describe, expect, it } from '@jest/globals';
import {
  ANNOTATIONS_PER_REQUEST,
  MAX_OUTPUT_CHARS,
  annotationsFor,
  batches,
  checkRunOutput,
  commentIdIn,
  conclusionFor,
} from '../../src/reporters/github/check-run.js';
import { checkRunName, parseCheckRunName } from '../../src/evidence/identity.js';
import { check, gate, many } from './helpers.js';

const CONTEXT = { headSha: 'c0ffee'.repeat(7), configDigest: `sha256:${'ab'.repeat(32)}`, lineLink: () => undefined };

describe('checkRunName / parseCheckRunName', () => {
  it.each([
    ['smoke', 'staging', 'release-gates / smoke (staging)'],
    ['preflight', 'eu (west)', 'release-gates / preflight (eu (west))'],
    ['smoke', undefined, 'release-gates / smoke'],
  ])('%s with %j round-trips as %j', (gateName, environment, name) => {
    expect(checkRunName(gateName, environment)).toBe(name);
    expect(parseCheckRunName(name)).toEqual({ gate: gateName, environment });
  });

  it.each(['smoke (staging)', 'release-gates', 'release-gates / ', 'other / smoke (staging)', 'Release-Gates / smoke'])(
    'does not claim %j',
    (name) => {
      expect(parseCheckRunName(name)).toBeUndefined();
    },
  );
});

describe('conclusionFor', () => {
  it('is failure for a failed gate, never neutral', () => {
    expect(conclusionFor(gate([check('failed'), check('passed')]))).toBe('failure');
  });

  it('is action_required for a gate waiting for a person', () => {
    expect(conclusionFor(gate([check('pending'), check('passed')]))).toBe('action_required');
  });

  it('is cancelled for a gate not run, so it never counts as passing', () => {
    expect(conclusionFor(gate([], { status: 'skipped', reason: 'not run: gate preflight did not pass' }))).toBe('cancelled');
  });

  it('is timed_out for a gate stopped by its deadline', () => {
    expect(conclusionFor(gate([check('failed', { measured: 'interrupted' })], { interrupted: 'deadline' }))).toBe('timed_out');
  });

  it('is cancelled for a cancelled gate', () => {
    expect(conclusionFor(gate([check('failed')], { interrupted: 'cancelled' }))).toBe('cancelled');
  });

  it('is success for a passed gate', () => {
    expect(conclusionFor(gate([check('passed'), check('skipped')]))).toBe('success');
  });

  it('is never a conclusion required checks treat as passing unless the gate passed', () => {
    const passing = new Set(['success', 'neutral', 'skipped']);
    for (const status of ['failed', 'pending', 'skipped'] as const) {
      for (const interrupted of [undefined, 'deadline', 'cancelled'] as const) {
        const result = gate([check(status === 'skipped' ? 'passed' : status)], { status, ...(interrupted ? { interrupted } : {}) });
        expect(passing.has(conclusionFor(result))).toBe(false);
      }
    }
  });
});

describe('annotationsFor', () => {
  it('puts one annotation per failing or pending check at its config line', () => {
    const failed = check('failed', { name: 'health', location: { file: 'x.yml', line: 42, column: 7 } });
    const pending = check('pending', { name: 'sign-off', location: { file: 'x.yml', line: 50, column: 7 } });
    const annotations = annotationsFor(gate([check('passed'), failed, pending, check('skipped')]), '.github/release-gates.yml');
    expect(annotations).toEqual([
      expect.objectContaining({
        path: '.github/release-gates.yml',
        start_line: 42,
        end_line: 42,
        annotation_level: 'failure',
        title: 'smoke: health',
      }),
      expect.objectContaining({ path: '.github/release-gates.yml', start_line: 50, end_line: 50, annotation_level: 'warning' }),
    ]);
    expect(annotations[0]!.message).toContain('measured: 503');
  });

  it('keeps titles within 255 characters', () => {
    const [annotation] = annotationsFor(gate([check('failed', { name: 'n'.repeat(1000) })]), 'c.yml');
    expect(annotation!.title!.length).toBeLessThanOrEqual(255);
  });
});

describe('batches', () => {
  it('splits 120 annotations into requests of 50, 50 and 20', () => {
    const annotations = annotationsFor(gate(many(120, 'failed')), 'c.yml');
    const split = batches(annotations);
    expect(split.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(split.flat()).toEqual(annotations);
    expect(ANNOTATIONS_PER_REQUEST).toBe(50);
  });

  it('makes no request for no annotations', () => {
    expect(batches([])).toEqual([]);
  });
});

describe('checkRunOutput', () => {
  it('has the tally as title and the checks table as summary', () => {
    const output = checkRunOutput(gate([check('failed', { name: 'health' }), ...many(6, 'passed')]), CONTEXT);
    expect(output.title).toBe('1 failed, 6 passed');
    expect(output.summary).toContain('| check | result | measured | expected | ms |');
    expect(output.summary).toContain('**smoke** against **staging**');
    expect(output.text).toContain('health');
  });

  it('has no text when nothing failed', () => {
    expect(checkRunOutput(gate(many(3, 'passed')), CONTEXT).text).toBeUndefined();
  });

  it('stays within 65,535 characters for 5,000 checks, says so, and keeps the comment marker', () => {
    const checks = many(5000, 'failed', { details: ['x'.repeat(200)], measured: 'm'.repeat(150) });
    const output = checkRunOutput(gate(checks), { ...CONTEXT, commentId: 987654321 });
    expect(output.summary.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
    expect(output.text!.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
    expect(output.summary).toMatch(/truncated/i);
    expect(output.text).toMatch(/truncated/i);
    expect(output.summary.endsWith('<!-- release-gates:comment=987654321 -->')).toBe(true);
    expect(commentIdIn(output.summary)).toBe(987654321);
  });

  it('records no comment id unless given', () => {
    expect(commentIdIn(checkRunOutput(gate([check('passed')]), CONTEXT).summary)).toBeUndefined();
  });
});

describe('commentIdIn', () => {
  it('reads the marker anywhere in a summary', () => {
    expect(commentIdIn('table\n<!-- release-gates:comment=42 -->')).toBe(42);
  });

  it.each([undefined, '', 'no marker', '<!-- release-gates:comment=abc -->', '<!-- release-gates:sticky-comment -->'])(
    'finds none in %j',
    (summary) => {
      expect(commentIdIn(summary)).toBeUndefined();
    },
  );
});
