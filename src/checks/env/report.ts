/** Turns the assertions on an `env` check's variables into one outcome. */
import type { CheckOutcome } from '../../engine/model.js';
import type { Assertion } from '../../matchers/matchers.js';
import { assertionLine } from '../http/report.js';
import { PRESENT, type FoundVariable } from './evaluate.js';

/** How many failing variables the measured column names before `+N more`. */
const SHOWN_FAILURES = 3;

/** One variable's result: what was found and every assertion on it. */
export interface VariableReport {
  found: FoundVariable;
  assertions: Assertion[];
}

/** `APP_ENV = "dev"` for a shown value (quoted), `E2B_API_KEY absent` otherwise. */
function failureText(assertion: Assertion): string {
  return `${assertion.label}${assertion.measured.startsWith('"') ? ' =' : ''} ${assertion.measured}`;
}

function capped(texts: readonly string[]): string {
  const more = texts.length - SHOWN_FAILURES;
  return texts.slice(0, SHOWN_FAILURES).join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

function detailLines(reports: readonly VariableReport[]): string[] {
  return reports.flatMap(({ found, assertions }) => [
    ...assertions.map(
      (assertion) => assertionLine(assertion) + (assertion.expected === PRESENT && found.from ? ` [from ${found.from}]` : ''),
    ),
    ...(found.secret && found.value ? [`  ${found.name} is a secret: only present, absent, equals or differs is reported`] : []),
  ]);
}

/**
 * The outcome: `3 of 3 present` or `E2B_API_KEY absent`; a single shown value as
 * `APP_ENV = "prod"`. `expected` lists what each variable must be.
 */
export function envOutcome(reports: readonly VariableReport[], expected: readonly string[]): CheckOutcome {
  const total = reports.length;
  const present = reports.filter(({ found }) => found.value !== undefined && found.value !== '').length;
  const failures = reports.flatMap(({ assertions }) => assertions.filter((assertion) => !assertion.ok));
  const details = detailLines(reports);
  const expectedText = [
    total > 1 ? `all ${total} ${PRESENT}` : PRESENT,
    ...expected.map((text) => (total > 1 ? `each ${text}` : text)),
  ].join(', ');
  if (failures.length === 0) {
    const only = reports[0];
    const measured =
      total === 1 && only
        ? failureText({
            label: only.found.name,
            ok: true,
            measured: [...new Set(only.assertions.map((a) => a.measured))].join(', '),
            expected: '',
          })
        : `${total} of ${total} present`;
    return { status: 'passed', summary: `${measured} (expected ${expectedText})`, measured, expected: expectedText, details };
  }
  const measured = capped(failures.map(failureText));
  const reasons = capped(failures.map((failure) => `${failureText(failure)} (expected ${failure.expected})`));
  const count = total > 1 ? `; ${present} of ${total} present` : '';
  return { status: 'failed', summary: `${reasons}${count}`, measured, expected: expectedText, details };
}
