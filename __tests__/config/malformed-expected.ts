/**
 * The malformed config corpus: every file in __tests__/fixtures/config/malformed and the
 * exact problems it must give, each as `line:col: message` (the tests prefix the file). A
 * message that is unclear, or a position that is wrong, is fixed in src/config, not
 * written down here. Shared by the in-process test (malformed-corpus.test.ts) and the
 * test of the real bundle (malformed-bundle.test.ts).
 */
import { CHECK_KINDS } from '../../src/checks/registry.js';

/** The kind keys a check may have, as messages list them (the table grows with new kinds). */
export const KINDS = CHECK_KINDS.map((kind) => kind.key).join(', ');

/** Expected problems per fixture, `line:col: message`, in the order they are reported. */
export const EXPECTED: Record<string, readonly string[]> = {
  '01-yaml-syntax.yml': [
    '6:28: invalid YAML: a { … } mapping is not closed, or a line inside it is indented less than its key (expected "}" to close it, and its lines indented under the key)',
  ],
  '02-duplicate-key.yml': ['6:7: invalid YAML: duplicate key "name" (expected each key once per mapping)'],
  '03-tab-indent.yml': ['4:1: invalid YAML: tab used for indentation (expected spaces)'],
  '04-empty-file.yml': ['1:1: expected a mapping at the top level, starting with "version: 1"; the file is empty'],
  '05-top-level-list.yml': ['1:1: expected a mapping at the top level, starting with "version: 1"; got a list'],
  '06-missing-version.yml': ['1:1: (top level): missing required key "version" (expected version: 1)'],
  '07-version-2.yml': ['1:10: version: expected 1, got number 2'],
  '08-unknown-top-level-key.yml': ['2:1: smok: unknown key "smok" (did you mean "smoke"?)'],
  '09-unknown-check-key.yml': ['6:7: smoke.checks[0].retyr: unknown key "retyr" (did you mean "retry"?)'],
  '10-unknown-key-far.yml': [
    '8:9: smoke.checks[0].expect.colour: unknown key "colour" (expected one of: status, headers, json, body, csv-header, max-latency)',
  ],
  '11-check-without-kind.yml': [`4:7: smoke.checks[0]: check has no kind (expected one of the keys: ${KINDS})`],
  '12-misspelt-kind.yml': ['5:7: smoke.checks[0].htp: check has no kind: unknown key "htp" (did you mean "http"?)'],
  '13-two-kinds.yml': ['4:7: smoke.checks[0]: a check has exactly one kind, found "http" and "steps"'],
  '14-bad-request-line.yml': [
    '5:13: smoke.checks[0].http: expected "METHOD URL" with METHOD one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, e.g. "GET /healthz", got the string "FETCH /x"',
  ],
  '15-bad-status.yml': [
    '6:17: smoke.checks[0].expect.status: expected a status code like 200, a class like 2xx, or a list like [200, 202], got the string "20x"',
  ],
  '16-bad-duration.yml': [
    '5:16: smoke.checks[0].timeout: expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m, got the string "5 sec"',
  ],
  '17-retry-without-attempts.yml': [
    '5:14: smoke.checks[0].retry: retry needs "attempts" or "until" (expected e.g. { attempts: 5, every: 2s } or { until: 2m, every: 5s })',
  ],
  '18-negative-concurrency.yml': ['3:16: smoke.concurrency: expected a number of at least 1, got number -1'],
  '19-jsonpath-without-dollar.yml': [
    '7:11: smoke.checks[0].expect.json.status: invalid key "status" (expected a JSONPath starting with $, e.g. $.status)',
  ],
  '20-unknown-matcher-op.yml': ['7:23: smoke.checks[0].expect.json["$.status"].equal: unknown key "equal" (did you mean "equals"?)'],
  '21-bad-type.yml': [
    '7:25: smoke.checks[0].expect.json["$.id"].type: expected one of: "string", "number", "integer", "boolean", "object", "array", "null", got the string "uuid"',
  ],
  '22-auth-basic-and-bearer.yml': [
    '5:13: smoke.checks[0].auth: expected { basic: [user, password] } or { bearer: token }, got a mapping with keys: basic, bearer',
  ],
  '23-auth-basic-one-element.yml': ['6:16: smoke.checks[0].auth.basic: expected at least 2 items, got 1'],
  '24-two-bodies.yml': ['4:7: smoke.checks[0]: a request takes one body: "json", "form" or "body", not several'],
  '25-unclosed-template.yml': ['4:10: environments.staging.url: unclosed "${" (expected "${NAME}" or "${NAME:-default}")'],
  '26-invalid-variable-name.yml': [
    '6:18: smoke.checks[0].headers.x-build: invalid variable name "1X" in "${1X}" (expected letters, digits and _, e.g. ${API_BASE})',
  ],
  '27-capture-before-step.yml': [
    '6:17: smoke.checks[0].steps[0].http: "{{role_id}}" is not captured by an earlier step (no captures in scope; add capture: to an earlier step of steps:)',
  ],
  '28-requires-unknown-env.yml': [
    '6:16: environments.production.requires[0]: unknown environment "stagng" (did you mean "staging"?)',
    '9:16: environments.canary.requires[0]: unknown environment "qa" (expected one of: staging, production)',
  ],
  '29-requires-itself.yml': [
    '5:16: environments.staging.requires[0]: environment "staging" cannot require itself (expected environments that run before it)',
  ],
  '30-unknown-environment-key.yml': [
    '4:5: environments.staging.base-url: unknown key "base-url" (expected one of: url, database, vars, requires)',
  ],
  '31-several-problems.yml': [
    '3:16: smoke.concurrency: expected a number of at least 1, got number 0',
    '6:13: smoke.checks[0].http: expected "METHOD URL" with METHOD one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, e.g. "GET /healthz", got the string "FETCH /healthz"',
    '9:7: smoke.checks[1].retyr: unknown key "retyr" (did you mean "retry"?)',
    '11:17: smoke.checks[1].expect.status: expected a status code like 200, a class like 2xx, or a list like [200, 202], got the string "20x"',
    '12:1: smok: unknown key "smok" (did you mean "smoke"?)',
  ],
  '32-check-not-a-mapping.yml': [`4:7: smoke.checks[0]: expected a check mapping with one of the keys: ${KINDS}`],
  '33-empty-steps.yml': ['5:14: smoke.checks[0].steps: expected at least 1 item, got 0'],
  '34-bad-var-name.yml': [
    '6:7: environments.staging.vars.API-BASE: invalid key "API-BASE" (expected a variable name: letters, digits and _)',
  ],
  '35-bad-capture-path.yml': [
    '6:31: smoke.checks[0].steps[0].capture.role_id: expected a JSONPath like $.id, or { header: Location }, got the string "id"',
  ],
  '36-matcher-list.yml': [
    '7:20: smoke.checks[0].expect.json["$.total"]: expected a string, a number, true or false, null or a mapping, got a list',
  ],
  '37-version-string.yml': ['1:10: version: expected 1, got the string "1"'],
  // A bad `matches:` is found by validate, at its line, in every place an http check takes one.
  '38-bad-regex.yml': [
    '7:33: smoke.checks[0].expect.json["$.version"].matches: expected a valid regular expression, e.g. "^head"',
    '9:36: smoke.checks[0].expect.headers.content-type.matches: expected a valid regular expression, e.g. "^head"',
    '10:26: smoke.checks[0].expect.body.matches: expected a valid regular expression, e.g. "^head"',
  ],
  '39-alias-without-anchor.yml': [
    '5:15: invalid YAML: alias "*health" has no anchor "&health" before it (expected an anchor defined earlier in the file)',
  ],
  '40-billion-laughs.yml': [
    '6:47: invalid YAML: aliases expand the config past 100000 values at "*l3" (expected anchors reused a reasonable number of times, not an exponential expansion)',
  ],
  '41-merge-not-a-mapping.yml': ['6:13: invalid YAML: "<<" merges mappings (expected <<: *anchor or <<: [*a, *b], each anchor a mapping)'],
  '42-unknown-tag-env.yml': ['4:10: invalid YAML: unknown tag "!env" (expected no tag: write "${NAME}" to read a variable)'],
  '43-unknown-tag-binary.yml': ['5:13: invalid YAML: unknown tag "!!binary" (expected no tag: remove it, or quote the value)'],
  '44-two-documents.yml': [
    '4:1: invalid YAML: a second YAML document starts here (expected one document per config file: remove the "---")',
  ],
  '45-only-comments.yml': ['1:1: expected a mapping at the top level, starting with "version: 1"; the file has no content, only comments'],
  '46-compact-nested-mapping.yml': [
    '4:13: invalid YAML: a second "key: value" on the same line as a key (expected one "key: value" per line, or quotes around a value that holds ": ")',
  ],
  '47-unclosed-quote.yml': ['5:30: invalid YAML: a "double-quoted" string is not closed (expected a closing ")'],
  '48-unclosed-flow-list.yml': [
    '6:38: invalid YAML: a [ … ] list is not closed, or a line inside it is indented less than its key (expected "]" to close it, and its lines indented under the key)',
  ],
  '49-bad-escape.yml': [
    '6:28: invalid YAML: invalid escape \\d in a "double-quoted" string (expected \\\\ for a backslash, or single quotes)',
  ],
  '50-alias-inside-its-anchor.yml': ['5:13: invalid YAML: alias "*s" is inside its own anchor (expected it outside "&s")'],
  '51-error-through-merge.yml': [
    '6:9: smoke.checks[0].expect.statuss: unknown key "statuss" (did you mean "status"?)',
    '6:9: smoke.checks[1].expect.statuss: unknown key "statuss" (did you mean "status"?)',
  ],
  '52-key-without-value.yml': ['5:7: invalid YAML: a key without a value (expected "key: value"; quote a text that is not a key)'],
  '53-misaligned-list.yml': ['5:6: invalid YAML: list items are not aligned (expected every "- " of a list at the same column)'],
  '54-latin1-byte.yml': [
    '2:6: the file is not UTF-8: byte 0xe9 here is not part of a UTF-8 character (expected a UTF-8 file; convert it, e.g. iconv -f latin1 -t utf-8)',
  ],
  '55-jsonpath-unclosed-bracket.yml': [
    '6:17: smoke.checks[0].expect.json["$.items[0"]: invalid JSONPath "$.items[0": the "[" at character 8 is not closed (expected "]")',
  ],
  '56-jsonpath-bad-filter.yml': [
    '7:11: smoke.checks[0].expect.json["$.items[?(@ > )]"]: invalid JSONPath "$.items[?(@ > )]": the filter [?(@ > )] does not parse: expected an expression after ">"',
  ],
  '57-jsonpath-capture.yml': [
    '6:31: smoke.checks[0].steps[0].capture.role_id: invalid JSONPath "$.items[": the "[" at character 8 is not closed (expected "]")',
  ],
  '58-jsonpath-capture-mapping.yml': [
    '6:39: smoke.checks[0].steps[0].capture.role_id.json: invalid JSONPath "$.id]": the "]" at character 5 closes no "[" (expected [ before it)',
  ],
  '59-jsonpath-command-json.yml': [
    '6:17: preflight.checks[0].expect.json["$.."]: invalid JSONPath "$..": ".." at character 2 is not followed by a name, * or [ (e.g. $.status, $.items[0].id, $.items[?(@.state == "ok")])',
  ],
  '60-jsonpath-drill.yml': [
    '7:28: preflight.checks[0].restore-drill.expect["$[0.n"]: invalid JSONPath "$[0.n": the "[" at character 2 is not closed (expected "]")',
  ],
  '61-jsonpath-script-step.yml': [
    '6:17: smoke.checks[0].expect.json["$.items[(@.length-1)].id"]: invalid JSONPath "$.items[(@.length-1)].id": script steps [(…)] are not supported (expected a filter [?(…)] or a slice like [-1:])',
  ],
  '62-jsonpath-space-in-name.yml': [
    '6:17: smoke.checks[0].expect.json["$.total count"]: invalid JSONPath "$.total count": unexpected " " at character 8 (expected ".", "[" or the end; e.g. $.status, $.items[0].id, $.items[?(@.state == "ok")])',
  ],
  '63-header-newline.yml': [
    '6:20: smoke.checks[0].headers.X-Release: a header value holds a line break (expected one line; in YAML, a | block ends with a line break: use a plain or quoted value)',
  ],
  '64-header-name-space.yml': [
    '5:18: smoke.checks[0].headers["X Release"]: invalid key "X Release" (expected a header name of letters, digits and - (no spaces or colons))',
  ],
  '65-url-space-in-host.yml': [
    '4:13: smoke.checks[0].http: the host "api staging.example.com" holds a space (expected a host name like api.example.com)',
  ],
  '66-url-space-in-host-template.yml': [
    '4:13: smoke.checks[0].http: the host "${API_HOST} staging" holds a space (expected a host name like api.example.com)',
  ],
  '67-http-without-url.yml': ['5:13: smoke.checks[0].http: "GET" has no URL (expected e.g. "GET /healthz" or "GET https://host/path")'],
  '68-url-scheme.yml': ['4:13: smoke.checks[0].http: the scheme "ftp:" is not http or https (expected http:// or https://)'],
  '69-environment-url-relative.yml': [
    '3:19: environments.staging.url: it is not an absolute URL (expected e.g. https://staging.example.com)',
  ],
  '70-requires-cycle-of-two.yml': [
    '4:56: environments.production.requires[0]: environments require each other in a cycle: staging → production → staging (expected each environment to require only ones that run before it)',
  ],
  '71-requires-cycle-of-three.yml': [
    '4:25: environments.staging.requires[0]: environments require each other in a cycle: dev → canary → staging → dev (expected each environment to require only ones that run before it)',
  ],
  '72-duplicate-names.yml': [
    '6:13: smoke.checks[1].name: a second check named "health" in smoke (the first is at line 4; expected each check of a gate to have its own name: add or change name:)',
  ],
  '73-duplicate-ids.yml': [
    '5:13: smoke.checks[1].id: a second check with the id "health" in smoke (the first is at line 4; expected each check of a gate to have its own id: add or change id:)',
  ],
  '74-duplicate-default-names.yml': [
    '6:7: smoke.checks[1]: a second check named "GET /healthz" in smoke (the first is at line 4; expected each check of a gate to have its own name: add or change name:)',
  ],
  '75-retry-window-too-short.yml': [
    '5:23: smoke.checks[0].retry.until: a window of 1s holds no second attempt after a pause of 5s (expected until: longer than every:, e.g. { until: 2m, every: 5s })',
  ],
  '76-retry-window-default-pause.yml': [
    '5:23: smoke.checks[0].retry.until: a window of 2s holds no second attempt after a pause of 2s (the default every:) (expected until: longer than every:, e.g. { until: 2m, every: 5s })',
  ],
  '77-basic-auth-string.yml': [
    '5:22: smoke.checks[0].auth.basic: expected [user, password], got the string "admin:${ADMIN_BASIC_PASSWORD}"',
  ],
  '78-capture-unknown-in-expect.yml': [
    '9:28: smoke.checks[0].steps[1].expect.json["$.url"]: "{{scrape_url}}" is not captured by an earlier step (captures in scope: target_url)',
  ],
  '79-capture-in-single-check.yml': [
    '4:13: smoke.checks[0].http: "{{role_id}}" is not captured by an earlier step (a single http check captures nothing; use steps: with capture: in an earlier step)',
  ],
  '80-duration-nan.yml': [
    '5:16: smoke.checks[0].timeout: expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m, got number NaN',
  ],
  '81-concurrency-fraction.yml': ['3:16: smoke.concurrency: expected a whole number, got number 1.5'],
  '82-checks-not-a-list.yml': ['3:11: smoke.checks: expected a list, got a mapping'],
  '83-status-out-of-range.yml': ['5:25: smoke.checks[0].expect.status: expected a number of at most 599, got number 600'],
  '84-exit-code-empty-list.yml': ['5:28: preflight.checks[0].expect.exit-code: expected at least 1 item, got 0'],
  '85-basic-auth-three.yml': ['5:22: smoke.checks[0].auth.basic: expected at most 2 items, got 3'],
  '86-version-null.yml': ['1:9: version: expected 1, got null'],
  '87-environment-name-list.yml': ['2:15: environments: expected a mapping, got a list'],
  '88-url-after-expansion.yml': [
    '3:19: environments.staging.url: the host "a b" holds a space (expected a host name like api.example.com) (after ${} expansion)',
  ],
  '89-header-after-expansion.yml': [
    '7:27: smoke.checks[0].headers.X-Build: a header value holds a line break (expected one line; in YAML, a | block ends with a line break: use a plain or quoted value) (after ${} expansion)',
  ],
  '90-http-url-after-expansion.yml': [
    '6:13: smoke.checks[0].http: the host "a b" holds a space (expected a host name like api.example.com) (after ${} expansion)',
  ],
};

/**
 * Fixtures that load, and whose problem only shows once `${VAR}` is expanded for a run:
 * the arguments after `run` and the environment they run with.
 */
export const AT_RUN: Record<string, { args: readonly string[]; env: Record<string, string> }> = {
  '88-url-after-expansion.yml': { args: ['smoke', '--env', 'staging'], env: { API_HOST: 'a b' } },
  '89-header-after-expansion.yml': { args: ['smoke', '--env', 'staging'], env: { BUILD_ID: '1\n2' } },
  '90-http-url-after-expansion.yml': { args: ['smoke', '--env', 'staging'], env: { API_HOST: 'a b' } },
};
