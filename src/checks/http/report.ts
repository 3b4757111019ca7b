/** Turns exchange reports into a check outcome: measured against expected, in one line. */
import type { CheckOutcome } from '../../engine/model.js';
import { describeStatus } from './assertions.js';
import type { ExchangeReport } from './exchange.js';
import type { Assertion } from '../../matchers/matchers.js';
import type { StepConfig } from './schema.js';

/** `✓ status: 200 (expected 2xx)` or `✗ $.ok: measured false, expected == true`. */
export function assertionLine(assertion: Assertion): string {
  return assertion.ok
    ? `✓ ${assertion.label}: ${assertion.measured} (expected ${assertion.expected})`
    : `✗ ${assertion.label}: measured ${assertion.measured}, expected ${assertion.expected}`;
}

/** Why an exchange failed, in one line, with the measured and expected columns. */
export function failureOf(report: ExchangeReport, step: StepConfig): Required<Pick<CheckOutcome, 'summary' | 'measured' | 'expected'>> {
  if (report.failure !== undefined) {
    return { summary: report.failure, measured: report.failure, expected: `status ${describeStatus(step.expect?.status)}` };
  }
  const failed = report.assertions.filter((assertion) => !assertion.ok);
  const first = failed[0];
  if (!first) return { summary: 'failed', measured: '', expected: '' };
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
  return {
    summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}`,
    measured: `${first.label}: ${first.measured}`,
    expected: `${first.label}: ${first.expected}`,
  };
}

/** Every line worth keeping as evidence for one exchange. */
export function exchangeDetails(report: ExchangeReport, prefix = ''): string[] {
  const head = report.failure !== undefined ? `✗ ${report.failure}` : undefined;
  return [...(head ? [head] : []), ...report.assertions.map(assertionLine), ...report.notes].map((line) => prefix + line);
}

/** The outcome of a single-request check. */
export function exchangeOutcome(report: ExchangeReport, step: StepConfig): CheckOutcome {
  const details = exchangeDetails(report);
  if (report.ok) {
    const count = report.assertions.length;
    return {
      status: 'passed',
      summary: `${report.label} → ${report.status ?? ''}, ${count} of ${count} assertions hold`,
      measured: `status ${report.status ?? ''}${count > 1 ? `, ${count}/${count} ok` : ''}`,
      expected: report.assertions
        .map((assertion) => (assertion.label === 'status' ? assertion.expected : `${assertion.label} ${assertion.expected}`))
        .join(', '),
      details,
    };
  }
  const failure = failureOf(report, step);
  return { status: 'failed', ...failure, summary: `${report.label}: ${failure.summary}`, details };
}
