/**
 * Config schema of the `http` check kind: one request, or a flow of `steps:` that
 * capture values for later steps (runbook 000: create a role, then `/roles/{id}/…`).
 */
import { z } from 'zod';
import { CheckCommon, Duration, Retry, Size, Template, TextExpectation, VariableName } from '../../config/schema/common.js';
import { urlProblem } from '../../config/schema/url.js';
import { jsonPathSource } from '../../matchers/jsonpath.js';
import { Matcher } from '../../matchers/schema.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** `GET /healthz`: a method and a URL, absolute or relative to the environment's `url`. */
export const RequestLine = z
  .string()
  .regex(new RegExp(`^\\s*(${METHODS.join('|')})(\\s|$)`), {
    error: `expected "METHOD URL" with METHOD one of ${METHODS.join(', ')}, e.g. "GET /healthz"`,
  })
  .transform((line, ctx) => {
    const [, method = 'GET', rest = ''] = /^(\S+)(?:[ \t]+([^]*))?$/.exec(line.trim()) ?? [];
    const url = rest.trim();
    const problem =
      url === '' ? `"${method}" has no URL (expected e.g. "${method} /healthz" or "${method} https://host/path")` : urlProblem(url);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    // A variable may put a space into the URL: keep it, percent-encoded.
    return { method, url: url.replace(/ /g, '%20') };
  });

/** A header name: an HTTP token (RFC 9110, section 5.1). */
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, {
  error: 'expected a header name of letters, digits and - (no spaces or colons)',
});

/**
 * A header value: one line (RFC 9110, section 5.5: a line break would end the header, or
 * start another one).
 */
export const HeaderValue = z.union([z.string(), z.number(), z.boolean()]).superRefine((value, ctx) => {
  const control = typeof value === 'string' ? /[\u0000-\u0008\u000a-\u001f\u007f]/.exec(value)?.[0] : undefined;
  if (control !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `a header value holds ${control === '\n' ? 'a line break' : control === '\r' ? 'a carriage return' : `the control character ${JSON.stringify(control)}`} (expected one line; in YAML, a | block ends with a line break: use a plain or quoted value)`,
    });
  }
});

const STATUS_CLASS = /^[1-5]xx$/;
const StatusOne = z.union([z.number().int().min(100).max(599), z.string().regex(/^([1-5]xx|[1-5]\d\d)$/), Template], {
  error: 'expected a status code like 200, a class like 2xx, or a list like [200, 202]',
});

/** `200`, `2xx`, or `[200, 409]`. Expected 4xx codes pass when listed (runbooks 000, 003). */
export const StatusSpec = z.union([StatusOne, z.array(StatusOne).min(1)], {
  error: 'expected a status code like 200, a class like 2xx, or a list like [200, 202]',
});

/** True when `status` is a class such as `2xx`. */
export function isStatusClass(status: string | number): boolean {
  return typeof status === 'string' && STATUS_CLASS.test(status);
}

/** What a response must look like. */
export const Expect = z.strictObject({
  status: StatusSpec.optional(),
  headers: z.record(z.string(), Matcher).optional(),
  json: z.record(jsonPathSource('expected a JSONPath starting with $, e.g. $.status'), Matcher).optional(),
  body: TextExpectation.optional(),
  'csv-header': z.array(z.string()).min(1).optional(),
  'max-latency': Duration.optional(),
});

/** Credentials. Sent only to origins the config names (`RunScope.trustedOrigins`), never across a redirect to another origin. */
export const Auth = z.union(
  [
    z.strictObject({ basic: z.tuple([z.string(), z.string()], { error: 'expected [user, password]' }) }),
    z.strictObject({ bearer: z.string().min(1) }),
  ],
  {
    error: 'expected { basic: [user, password] } or { bearer: token }',
  },
);

const RequestFields = {
  http: RequestLine,
  headers: z.record(HeaderName, HeaderValue).optional(),
  auth: Auth.optional(),
  json: z.unknown().optional(),
  form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  'follow-redirects': z.union([z.boolean(), z.number().int().min(0).max(20)]).optional(),
  'max-body': Size.optional(),
  expect: Expect.optional(),
};

const oneBody = {
  check: (value: { json?: unknown; form?: unknown; body?: unknown }) =>
    [value.json, value.form, value.body].filter((part) => part !== undefined).length <= 1,
  message: 'a request takes one body: "json", "form" or "body", not several',
};

/** A capture: a JSONPath into the response, or `{ header: name }`. */
export const Capture = z.union([
  jsonPathSource('expected a JSONPath like $.id, or { header: Location }'),
  z.strictObject({
    json: jsonPathSource('expected a JSONPath like $.id').optional(),
    header: z.string().optional(),
    secret: z.boolean().optional(),
  }),
]);

/** One step of a flow. */
export const Step = z
  .strictObject({
    name: z.string().optional(),
    timeout: Duration.optional(),
    retry: Retry.optional(),
    ...RequestFields,
    capture: z.record(VariableName, Capture).optional(),
  })
  .refine(oneBody.check, { error: oneBody.message });

/** A single-request HTTP check. */
export const HttpCheck = z.strictObject({ ...CheckCommon, ...RequestFields }).refine(oneBody.check, { error: oneBody.message });

/** A flow: requests in order, each able to use values captured by earlier ones as `{{name}}`. */
export const FlowCheck = z.strictObject({ ...CheckCommon, steps: z.array(Step).min(1) });

export type HttpCheckConfig = z.output<typeof HttpCheck>;
export type FlowCheckConfig = z.output<typeof FlowCheck>;
export type StepConfig = z.output<typeof Step>;
export type ExpectConfig = z.output<typeof Expect>;
