/**
 * Judges one variable. A secret's value is never put in any text: it is reported as
 * present, absent or empty, and its comparisons only as equals/differs or
 * matches/does not match. Other values are shown.
 */
import { show, type Assertion } from '../../matchers/matchers.js';
import type { EnvCheckConfig } from './schema.js';

/** A variable as found: its value and where it came from. */
export interface FoundVariable {
  name: string;
  value: string | undefined;
  /** `environments.staging.vars` or `the process environment`; undefined when absent. */
  from: string | undefined;
  secret: boolean;
}

/** The comparisons of a check, without the variable names. */
export type Comparisons = Pick<EnvCheckConfig, 'equals' | 'not-equals' | 'matches' | 'one-of'>;

/** What "present" means, as the expected text says it. */
export const PRESENT = 'present and non-empty';

interface Comparison {
  test: (value: string) => boolean;
  /** Texts for a shown value. */
  expected: string;
  /** Texts for a secret: expected, measured when it holds, measured when it does not. */
  secret: [expected: string, holds: string, fails: string];
}

/** The comparisons configured, in a fixed order. */
export function comparisonsOf(config: Comparisons): Comparison[] {
  const out: Comparison[] = [];
  const { equals, matches } = config;
  const notEquals = config['not-equals'];
  const oneOf = config['one-of'];
  if (equals !== undefined) {
    out.push({
      test: (value) => value === equals,
      expected: `== ${show(equals)}`,
      secret: ['equals the configured value', 'equals the configured value', 'differs from the configured value'],
    });
  }
  if (notEquals !== undefined) {
    out.push({
      test: (value) => value !== notEquals,
      expected: `!= ${show(notEquals)}`,
      secret: ['differs from the not-equals value', 'differs from the not-equals value', 'equals the not-equals value'],
    });
  }
  if (matches !== undefined) {
    const pattern = new RegExp(matches);
    out.push({
      test: (value) => pattern.test(value),
      expected: `matches /${matches}/`,
      secret: [`matches /${matches}/`, `matches /${matches}/`, `does not match /${matches}/`],
    });
  }
  if (oneOf !== undefined) {
    const count = `${oneOf.length} one-of value${oneOf.length === 1 ? '' : 's'}`;
    out.push({
      test: (value) => oneOf.includes(value),
      expected: `one of ${show(oneOf)}`,
      secret: [`equals one of the ${count}`, `equals one of the ${count}`, `equals none of the ${count}`],
    });
  }
  return out;
}

/** The expected text of a check's comparisons for a variable, secret or not. */
export function expectedText(comparisons: readonly Comparison[], secret: boolean): string[] {
  return comparisons.map((comparison) => (secret ? comparison.secret[0] : comparison.expected));
}

/**
 * Every assertion on one variable: presence first; the comparisons only when it is
 * present and non-empty. Labels are the variable name.
 */
export function judgeVariable(found: FoundVariable, comparisons: readonly Comparison[]): Assertion[] {
  const { name, value, secret } = found;
  if (value === undefined) return [{ label: name, ok: false, measured: 'absent', expected: PRESENT }];
  if (value === '') return [{ label: name, ok: false, measured: 'empty', expected: PRESENT }];
  const presence: Assertion = { label: name, ok: true, measured: secret ? 'present' : show(value), expected: PRESENT };
  return [
    presence,
    ...comparisons.map((comparison): Assertion => {
      const ok = comparison.test(value);
      if (!secret) return { label: name, ok, measured: show(value), expected: comparison.expected };
      const [expected, holds, fails] = comparison.secret;
      return { label: name, ok, measured: ok ? holds : fails, expected };
    }),
  ];
}
