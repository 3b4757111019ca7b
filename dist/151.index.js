export const id = 151;
export const ids = [151];
export const modules = {

/***/ 8034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ environmentPassedKind)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2311);
/* harmony import */ var _config_schema_common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79);
/* harmony import */ var _config_source_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9397);
/* harmony import */ var _evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4855);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8992);
/* harmony import */ var _github_scope_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5855);
/**
 * The `environment-passed` check kind: the previous environment's gates passed for this
 * same commit and this same config (runbook 000, "Do not progress until smoke checks
 * pass in the previous environment").
 *
 * ```yaml
 * - environment-passed: staging                              # every staging gate on the commit
 * - environment-passed: { environment: staging, gates: [smoke] }
 * ```
 *
 * It reads the commit's `release-gates / <gate> (<env>)` check runs. A gate counts when
 * its newest run for this config digest (the marker in the run's summary) concluded
 * `success`; a success recorded for another config never counts, and the check says so
 * (PRODUCT.md, "Beyond the peers"). Without `gates:`, every gate with a run for the
 * environment on the commit must pass, and there must be at least one. An environment's
 * `requires:` adds this check to preflight by itself (see `implied.ts`).
 */







const GateName = zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[a-z][a-z0-9_-]*$/, { error: 'expected a gate name, e.g. smoke' });
const Spec = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    environment: _config_schema_common_js__WEBPACK_IMPORTED_MODULE_1__/* .EnvironmentReference */ .$u,
    /** Gates that must have passed; default: every gate that ran for the environment. */
    gates: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(GateName).min(1).optional(),
});
const Schema = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    ..._config_schema_common_js__WEBPACK_IMPORTED_MODULE_1__/* .CheckCommon */ .g2,
    'environment-passed': zod__WEBPACK_IMPORTED_MODULE_4__/* .union */ .KCZ([_config_schema_common_js__WEBPACK_IMPORTED_MODULE_1__/* .EnvironmentReference */ .$u, Spec], { error: 'expected an environment name (staging) or { environment: staging, gates: [smoke] }' })
        .transform((spec) => (typeof spec === 'string' ? { environment: spec } : spec)),
});
/** `sha256:0123456789a…`: a digest short enough for a summary. */
function shortDigest(digest) {
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .cut */ .J)(digest, 20);
}
/** The verdict of one gate from its runs on the commit, newest first. */
function verdictOf(gate, env, runs, digest) {
    const at = (run) => (run.htmlUrl ? ` ${run.htmlUrl}` : '');
    const ours = runs.find((run) => (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .digestIn */ .s)(run.summary) === digest);
    if (ours) {
        const passed = ours.status === 'completed' && ours.conclusion === 'success';
        const how = ours.status === 'completed' ? (ours.conclusion ?? 'no conclusion') : ours.status;
        return {
            gate,
            passed,
            running: ours.status !== 'completed',
            line: passed ? `${gate} passed` : `${gate} ${how}`,
            detail: `${passed ? '✓' : '✗'} ${ours.name}: ${how} for this config${at(ours)}`,
        };
    }
    const running = runs.find((run) => run.status !== 'completed');
    if (running) {
        return {
            gate,
            passed: false,
            running: true,
            line: `${gate} still running`,
            detail: `… ${running.name}: ${running.status}${at(running)}`,
        };
    }
    const newest = runs[0];
    if (newest) {
        const other = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .digestIn */ .s)(newest.summary);
        const what = other ? `config ${shortDigest(other)}` : 'no recorded config';
        const result = newest.conclusion ?? newest.status;
        return {
            gate,
            passed: false,
            running: false,
            line: `${gate} ${result === 'success' ? 'passed' : `was ${result}`} only for ${what}, which does not count for this config`,
            detail: `✗ ${newest.name}: ${result} for ${what}, not this config ${shortDigest(digest)}${at(newest)}`,
        };
    }
    return {
        gate,
        passed: false,
        running: false,
        line: `${gate} has not run on this commit`,
        detail: `✗ ${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .checkRunName */ .$_)(gate, env)}: no check run on this commit`,
    };
}
function outcome(config, runs, sha, digest) {
    const env = config.environment;
    const byGate = new Map();
    for (const gate of config.gates ?? [])
        byGate.set(gate, []);
    // Gates in the order they first ran; each gate's runs newest first.
    for (const run of [...runs].sort((a, b) => a.id - b.id)) {
        const parsed = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .parseCheckRunName */ .ex)(run.name);
        if (parsed?.environment !== env)
            continue;
        if (config.gates && !config.gates.includes(parsed.gate))
            continue;
        byGate.set(parsed.gate, [run, ...(byGate.get(parsed.gate) ?? [])]);
    }
    const named = config.gates ? config.gates.map((gate) => (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .checkRunName */ .$_)(gate, env)) : undefined;
    const expected = `${named ? (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .joinList */ .D)(named, 'and') : `every ${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .checkRunName */ .$_)('<gate>', env)}`} success on ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .shortSha */ .Fu)(sha)} for config ${shortDigest(digest)}`;
    if (byGate.size === 0) {
        return {
            status: 'failed',
            summary: `no release-gates results for ${env} on ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .shortSha */ .Fu)(sha)}: run the ${env} gates on this commit first`,
            measured: `no ${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .checkRunName */ .$_)('<gate>', env)} check runs`,
            expected,
        };
    }
    const verdicts = [...byGate].map(([gate, gateRuns]) => verdictOf(gate, env, gateRuns, digest));
    const details = verdicts.map((verdict) => verdict.detail);
    const measured = verdicts.map((verdict) => verdict.line).join('; ');
    if (verdicts.every((verdict) => verdict.passed)) {
        const gates = verdicts.map((verdict) => verdict.gate);
        return {
            status: 'passed',
            summary: `${env} passed for ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .shortSha */ .Fu)(sha)} and this config: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .joinList */ .D)(gates, 'and')}`,
            measured,
            expected,
            details,
        };
    }
    const failing = verdicts.filter((verdict) => !verdict.passed);
    const waiting = failing.every((verdict) => verdict.running);
    return {
        status: 'failed',
        summary: `${env} has ${waiting ? 'not finished' : 'not passed'} for ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .shortSha */ .Fu)(sha)} with this config: ${failing.map((verdict) => verdict.line).join('; ')}`,
        measured,
        expected,
        details,
    };
}
/** The environment names of each config, read once however many checks ask. */
const environmentNames = new WeakMap();
/** The names under `environments:`; only that mapping is read, not the whole document. */
function environmentsOf(source) {
    let names = environmentNames.get(source);
    if (names === undefined) {
        const node = source.document.get('environments', true);
        const environments = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isNode */ .Ll)(node) ? node.toJS(source.document, { maxAliasCount: 100 }) : undefined;
        names = environments !== null && typeof environments === 'object' ? Object.keys(environments) : [];
        environmentNames.set(source, names);
    }
    return names;
}
/** An unknown environment name, found when the config is loaded. */
function unknownEnvironment(config, path, source) {
    const name = config['environment-passed'].environment;
    if (name.includes('${'))
        return [];
    const known = environmentsOf(source);
    if (known.includes(name))
        return [];
    const expected = known.length ? `expected one of: ${known.join(', ')}` : 'the config has no environments: section';
    // The name's own position: the scalar, or `environment:` of the mapping form.
    const at = [...path, 'environment-passed', 'environment'];
    return [source.problem(at, `${(0,_config_source_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPath */ .j)([...path, 'environment-passed'])}: unknown environment "${name}" (${expected})`)];
}
const environmentPassedKind = {
    name: 'environment-passed',
    key: 'environment-passed',
    schema: Schema,
    describe: (config) => {
        const { environment, gates } = config['environment-passed'];
        return `${environment}${gates ? ` ${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .joinList */ .D)(gates, 'and')}` : ''} passed for this commit`;
    },
    problems: unknownEnvironment,
    plan(config, context) {
        return (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .githubRun */ .pV)({ kind: 'environment-passed', timeout: config.timeout, context }, async (github) => {
            const sha = context.scope.headSha;
            if (!sha)
                return (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .noCommitOutcome */ .jf)('environment-passed');
            const runs = await (0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .ask */ .kA)(`listing the check runs of ${(0,_github_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .shortSha */ .Fu)(sha)}`, () => github.api.listCheckRuns(sha));
            return outcome(config['environment-passed'], runs, sha, context.scope.configDigest);
        });
    },
};


/***/ }),

/***/ 5855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fu: () => (/* binding */ shortSha),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   iM: () => (/* binding */ pullRequestRun),
/* harmony export */   jf: () => (/* binding */ noCommitOutcome),
/* harmony export */   kA: () => (/* binding */ ask),
/* harmony export */   pV: () => (/* binding */ githubRun)
/* harmony export */ });
/* unused harmony exports GITHUB_CHECK_TIMEOUT_MS, noGitHubOutcome, noPullRequestOutcome, describeGitHubError, apiErrorOutcome, GitHubCallFailed */
/* harmony import */ var _github_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8943);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
/**
 * What the GitHub check kinds (`github-ci`, `github-approvals`, `github-issues`,
 * `labels`, `environment-passed`, `checklist`) share: asking GitHub only when there is an
 * API to ask and, for the pull-request checks, a pull request; and turning GitHub's own
 * answer to a failed call into a failed check.
 *
 * - No `scope.github` (no token or repository): not verified, saying how to enable it.
 *   The check applies; it could not run, so it is not a pass (issue #7).
 * - A PR check on a run without a PR (`push`, `merge_group`, local without `--pr`):
 *   skipped, saying why. Not failed: the check does not apply to that run.
 * - A GitHub API error: not verified when GitHub could not answer (unreachable, 5xx
 *   after retries, 401/403, rate limited), failed when the answer is the verdict (404),
 *   with the status and GitHub's message.
 */


/**
 * Per-attempt budget of a GitHub check that sets no `timeout:`, at least: the client
 * retries a 5xx three times with 1 s, 4 s and 9 s back-off and waits out rate limits, and
 * the check should end with GitHub's answer rather than a timeout.
 */
const GITHUB_CHECK_TIMEOUT_MS = 60_000;
/** Not verified: there is no GitHub API to ask. */
function noGitHubOutcome(kind) {
    return {
        status: 'unverified',
        summary: `not verified: the ${kind} check reads GitHub, and there is no GitHub token and repository; set GITHUB_TOKEN and GITHUB_REPOSITORY (owner/repo) to run it (in Actions, pass github-token), or mark the check optional: true`,
        measured: 'no GitHub API',
        expected: 'GITHUB_TOKEN and GITHUB_REPOSITORY',
    };
}
/** Skipped: the check needs a pull request and this run has none. */
function noPullRequestOutcome(kind, eventName) {
    const run = eventName === 'local' ? 'this local run has none (pass --pr <number> to check one)' : `this ${eventName} run has none`;
    return {
        status: 'skipped',
        summary: `skipped: the ${kind} check needs a pull request, and ${run}`,
        measured: `no pull request (${eventName})`,
        expected: 'a pull request',
    };
}
/** GitHub's message on one line; an HTML error page (a proxy's 502) as its text. */
function messageOf(error) {
    const text = /^\s*</.test(error.message) ? error.message.replace(/<[^>]*>/g, ' ') : error.message;
    const line = text.replace(/\s+/g, ' ').trim();
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cut */ .J)(line, 300);
}
/** `GitHub answered 403 "Resource not accessible by integration"`, for a summary. */
function describeGitHubError(error) {
    return error.status === 0 ? `no answer from GitHub (${messageOf(error)})` : `GitHub answered ${error.status} "${messageOf(error)}"`;
}
/**
 * True when GitHub's answer says nothing about what was asked: no answer, a 5xx after
 * retries, a rate limit, or a token that may not read it (401/403). A 404 or 422 is an
 * answer about the thing asked for (the branch does not exist).
 */
function unanswered(error) {
    return error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 403 || error.status === 429;
}
/**
 * A GitHub call failed. Not verified when GitHub could not answer (see {@link unanswered});
 * failed when its answer is the verdict (404: no such branch). The reason is GitHub's own answer.
 */
function apiErrorOutcome(error, doing) {
    const notVerified = unanswered(error);
    return {
        status: notVerified ? 'unverified' : 'failed',
        summary: `${notVerified ? 'not verified: ' : ''}${describeGitHubError(error)} when ${doing}`,
        measured: error.status === 0 ? 'no answer' : `HTTP ${error.status}: ${messageOf(error)}`,
        expected: 'a GitHub answer',
    };
}
/**
 * Runs one GitHub call. A {@link GitHubError} becomes the thrown {@link GitHubCallFailed},
 * which {@link githubRun} turns into a check that is not verified; `doing` says what was asked
 * ("listing the reviews of #7").
 */
async function ask(doing, work) {
    try {
        return await work();
    }
    catch (error) {
        if (error instanceof _github_api_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubError */ .y)
            throw new GitHubCallFailed(error, doing);
        throw error;
    }
}
/** A GitHub call that failed, with what it was for. */
class GitHubCallFailed extends Error {
    error;
    doing;
    constructor(error, doing) {
        super(`${describeGitHubError(error)} when ${doing}`);
        this.error = error;
        this.doing = doing;
        this.name = 'GitHubCallFailed';
    }
}
/**
 * Plans a check that reads GitHub. Without `scope.github` it is not verified; otherwise
 * `work` runs and a failed GitHub call (through {@link ask}) makes it not verified.
 */
function githubRun(options, work) {
    const { kind, context } = options;
    return {
        timeoutMs: options.timeout ?? Math.max(context.defaultTimeoutMs, GITHUB_CHECK_TIMEOUT_MS),
        run: async () => {
            const github = context.scope.github;
            if (!github)
                return noGitHubOutcome(kind);
            try {
                return await work(github);
            }
            catch (error) {
                if (error instanceof GitHubCallFailed)
                    return apiErrorOutcome(error.error, error.doing);
                if (error instanceof _github_api_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubError */ .y)
                    return apiErrorOutcome(error, `running the ${kind} check`);
                throw error;
            }
        },
    };
}
/** Like {@link githubRun}, for a check that needs a pull request: skipped on a run without one. */
function pullRequestRun(options, work) {
    return githubRun(options, (github) => {
        const { pullRequest } = github;
        if (!pullRequest)
            return Promise.resolve(noPullRequestOutcome(options.kind, github.eventName));
        return work({ ...github, pullRequest });
    });
}
/** `abc1234def56`: a SHA short enough for a summary. */
function shortSha(sha) {
    return sha.slice(0, 12);
}
/** `1 approval`, `2 approvals`. */
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}
/** Failed: the check is about the commit under test, and it is not known. */
function noCommitOutcome(kind) {
    return {
        status: 'failed',
        summary: `the ${kind} check is about the commit under test, and it is not known (run in a git checkout, or set GITHUB_SHA)`,
        measured: 'no commit',
        expected: 'the commit under test',
    };
}


/***/ }),

/***/ 9061:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l6: () => (/* binding */ CheckDocumentSchema),
  yn: () => (/* binding */ CheckEntrySchema),
  QQ: () => (/* binding */ verbatimFields)
});

// UNUSED EXPORTS: CHECK_KINDS, kindOfRaw

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./src/config/problems.ts
var problems = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/secrets/registry.ts
var registry = __webpack_require__(3866);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/matchers/matchers.ts
/**
 * Value comparisons shared by JSON fields and headers: equals, not-equals, one-of,
 * matches, contains, type, exists, count and numeric bounds.
 */


const SHOW_MAX = 80;
/** Shows a value briefly: strings quoted, long values cut with `…`. */
function show(value) {
    const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? typeof value);
    return (0,src_text/* cut */.J)(text, SHOW_MAX);
}
/** The start of a text, shown: its first `max` characters and `…` when there is more. */
function preview(text, max = 60) {
    return show((0,src_text/* cut */.J)(text, max + 1));
}
/** The type name `type:` compares against. */
function typeName(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    if (typeof value === 'number')
        return Number.isInteger(value) ? 'integer' : 'number';
    return typeof value;
}
function typeMatches(value, expected) {
    const actual = typeName(value);
    return actual === expected || (expected === 'number' && actual === 'integer');
}
function asNumber(value, coerce) {
    if (typeof value === 'number')
        return value;
    if (coerce && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        return Number(value);
    return undefined;
}
function asText(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function equal(actual, expected, coerce) {
    if (coerce && typeof actual === 'string' && expected !== null && typeof expected !== 'object') {
        return actual === (typeof expected === 'string' ? expected : JSON.stringify(expected));
    }
    return (0,external_node_util_.isDeepStrictEqual)(actual, expected);
}
const BOUNDS = [
    ['gt', '>', (a, b) => a > b],
    ['gte', '≥', (a, b) => a >= b],
    ['lt', '<', (a, b) => a < b],
    ['lte', '≤', (a, b) => a <= b],
];
function checkBounds(label, measuredText, value, bounds) {
    const out = [];
    for (const [key, symbol, test] of BOUNDS) {
        const bound = bounds[key];
        if (typeof bound !== 'number')
            continue;
        out.push({ label, ok: value !== undefined && test(value, bound), measured: measuredText, expected: `${symbol} ${bound}` });
    }
    return out;
}
/**
 * Applies a matcher to the values found at `label` (JSONPath matches, or a header).
 * Every comparison other than `exists` and `count` must hold for every value found, and
 * fails with "not found" when there is none.
 *
 * @param coerce compare as text where the source is text (headers): `200` equals `"200"`.
 * @param singular the values come from a path naming one value (`$.items`, not
 *   `$.items[*]`): then `count` is the length of that value when it is an array.
 */
function applyMatcher(label, values, matcher, coerce = false, singular = true) {
    const spec = matcher !== null && typeof matcher === 'object' ? matcher : { equals: matcher };
    const out = [];
    const found = values.length > 0;
    if (spec.exists !== undefined) {
        out.push({
            label,
            ok: found === spec.exists,
            measured: found ? `present (${show(values[0])})` : 'absent',
            expected: spec.exists ? 'present' : 'absent',
        });
    }
    if (spec.count !== undefined) {
        const only = values[0];
        const count = singular && values.length === 1 && Array.isArray(only) ? only.length : values.length;
        const bounds = typeof spec.count === 'number' ? { equals: spec.count } : spec.count;
        const measured = `count ${count}`;
        if (typeof bounds.equals === 'number') {
            out.push({ label, ok: count === bounds.equals, measured, expected: `count ${bounds.equals}` });
        }
        out.push(...checkBounds(label, measured, count, bounds).map((a) => ({ ...a, expected: `count ${a.expected}` })));
    }
    const valueChecks = [];
    if ('equals' in spec && spec.equals !== undefined)
        valueChecks.push([`== ${show(spec.equals)}`, (v) => equal(v, spec.equals, coerce)]);
    if (spec['not-equals'] !== undefined)
        valueChecks.push([`!= ${show(spec['not-equals'])}`, (v) => !equal(v, spec['not-equals'], coerce)]);
    if (spec['one-of'] !== undefined) {
        const options = spec['one-of'];
        valueChecks.push([`one of ${show(options)}`, (v) => options.some((option) => equal(v, option, coerce))]);
    }
    if (spec.matches !== undefined) {
        const pattern = new RegExp(spec.matches);
        valueChecks.push([`matches /${spec.matches}/`, (v) => pattern.test(asText(v))]);
    }
    if (spec.contains !== undefined) {
        const needle = spec.contains;
        valueChecks.push([`contains ${show(needle)}`, (v) => (Array.isArray(v) ? v.includes(needle) : asText(v).includes(needle))]);
    }
    if (spec['not-contains'] !== undefined) {
        const needle = spec['not-contains'];
        valueChecks.push([`does not contain ${show(needle)}`, (v) => !(Array.isArray(v) ? v.includes(needle) : asText(v).includes(needle))]);
    }
    if (spec.type !== undefined) {
        const type = spec.type;
        valueChecks.push([`is ${type}`, (v) => typeMatches(v, type)]);
    }
    for (const [expected, test] of valueChecks) {
        const badIndex = values.findIndex((value) => !test(value));
        const ok = found && badIndex === -1;
        // The failing value is shown (it may be null); the first value when all hold.
        const shown = found ? values[badIndex === -1 ? 0 : badIndex] : undefined;
        const measured = !found ? 'not found' : expected.startsWith('is ') ? `is ${typeName(shown)}` : show(shown);
        out.push({ label, ok, measured, expected });
    }
    const numeric = { gt: spec.gt, gte: spec.gte, lt: spec.lt, lte: spec.lte };
    if (Object.values(numeric).some((bound) => bound !== undefined)) {
        if (!found) {
            for (const assertion of checkBounds(label, 'not found', undefined, numeric))
                out.push(assertion);
        }
        else {
            for (const value of values) {
                const number = asNumber(value, coerce);
                const measured = number === undefined ? `${show(value)} (not a number)` : String(number);
                out.push(...checkBounds(label, measured, number, numeric));
            }
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/checks/env/evaluate.ts
/**
 * Judges one variable. A secret's value is never put in any text: it is reported as
 * present, absent or empty, and its comparisons only as equals/differs or
 * matches/does not match. Other values are shown.
 */

/** What "present" means, as the expected text says it. */
const PRESENT = 'present and non-empty';
/** The comparisons configured, in a fixed order. */
function comparisonsOf(config) {
    const out = [];
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
function expectedText(comparisons, secret) {
    return comparisons.map((comparison) => (secret ? comparison.secret[0] : comparison.expected));
}
/**
 * Every assertion on one variable: presence first; the comparisons only when it is
 * present and non-empty. Labels are the variable name.
 */
function judgeVariable(found, comparisons) {
    const { name, value, secret } = found;
    if (value === undefined)
        return [{ label: name, ok: false, measured: 'absent', expected: PRESENT }];
    if (value === '')
        return [{ label: name, ok: false, measured: 'empty', expected: PRESENT }];
    const presence = { label: name, ok: true, measured: secret ? 'present' : show(value), expected: PRESENT };
    return [
        presence,
        ...comparisons.map((comparison) => {
            const ok = comparison.test(value);
            if (!secret)
                return { label: name, ok, measured: show(value), expected: comparison.expected };
            const [expected, holds, fails] = comparison.secret;
            return { label: name, ok, measured: ok ? holds : fails, expected };
        }),
    ];
}

// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 9 modules
var sync = __webpack_require__(5175);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(6229);
;// CONCATENATED MODULE: ./src/matchers/jsonpath.ts
/** JSONPath queries, shared by every kind that reads JSON: responses, command output, captures. */

/** Values matched by a JSONPath; an empty list when there is no match. */
function queryJson(path, json) {
    const result = (0,index_node_esm/* JSONPath */.E)({ path, json: json, wrap: true, eval: 'safe' });
    return Array.isArray(result) ? result : [];
}
/**
 * True when a JSONPath names at most one value (no wildcard, recursive descent, filter,
 * union or slice), so that `count` on it means the length of the array it names.
 */
function isSingularPath(path) {
    return index_node_esm/* JSONPath */.E.toPathArray(path).every((part) => !/^(\*|\.\.|\?\(|.*[,:])/.test(part) && part !== '*');
}

// EXTERNAL MODULE: ./src/config/schema/common.ts
var common = __webpack_require__(79);
;// CONCATENATED MODULE: ./src/matchers/schema.ts
/**
 * The matcher grammar shared by every kind that compares a value: JSON fields of a
 * response or of a command's output, headers, SQL values, Prometheus samples. A bare
 * scalar means `equals`.
 */


const Scalar = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY(), schemas/* null */.chJ()]);
/** Value types that `type:` can name. */
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
/**
 * Comparisons on a value. A bare scalar means `equals`.
 * `count` is the length of a matched array, or the number of matches.
 */
const MatcherObject = schemas/* strictObject */.rej({
    equals: schemas/* unknown */.L5J().optional(),
    'not-equals': schemas/* unknown */.L5J().optional(),
    'one-of': schemas/* array */.YOg(Scalar).optional(),
    matches: common/* RegexSource */.BY.optional(),
    contains: schemas/* string */.YjP().optional(),
    'not-contains': schemas/* string */.YjP().optional(),
    type: schemas/* enum */.k5n(JSON_TYPES).optional(),
    exists: schemas/* boolean */.zMY().optional(),
    count: schemas/* union */.KCZ([common/* Numeric */.ew, common/* NumericBounds */.NU]).optional(),
    ...common/* NumericBoundFields */.d2,
});
/** A matcher: a bare scalar (equals), or an object of comparisons. */
const Matcher = schemas/* union */.KCZ([Scalar, MatcherObject]);

;// CONCATENATED MODULE: ./src/checks/http/schema.ts
/**
 * Config schema of the `http` check kind: one request, or a flow of `steps:` that
 * capture values for later steps (runbook 000: create a role, then `/roles/{id}/…`).
 */



const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** `GET /healthz`: a method and a URL, absolute or relative to the environment's `url`. */
const RequestLine = schemas/* string */.YjP()
    .regex(new RegExp(`^(${METHODS.join('|')})\\s+\\S.*$`), {
    error: `expected "METHOD URL" with METHOD one of ${METHODS.join(', ')}, e.g. "GET /healthz"`,
})
    .transform((line) => {
    // A variable may put a space into the URL: keep it, percent-encoded.
    const [, method = 'GET', url = '/'] = /^(\S+)\s+(.*)$/.exec(line.trim()) ?? [];
    return { method, url: url.trim().replace(/ /g, '%20') };
});
const STATUS_CLASS = /^[1-5]xx$/;
const StatusOne = schemas/* union */.KCZ([schemas/* number */.aig().int().min(100).max(599), schemas/* string */.YjP().regex(/^([1-5]xx|[1-5]\d\d)$/), common/* Template */.Bj], {
    error: 'expected a status code like 200, a class like 2xx, or a list like [200, 202]',
});
/** `200`, `2xx`, or `[200, 409]`. Expected 4xx codes pass when listed (runbooks 000, 003). */
const StatusSpec = schemas/* union */.KCZ([StatusOne, schemas/* array */.YOg(StatusOne).min(1)], {
    error: 'expected a status code like 200, a class like 2xx, or a list like [200, 202]',
});
/** True when `status` is a class such as `2xx`. */
function isStatusClass(status) {
    return typeof status === 'string' && STATUS_CLASS.test(status);
}
/** What a response must look like. */
const Expect = schemas/* strictObject */.rej({
    status: StatusSpec.optional(),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), Matcher).optional(),
    json: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^\$/, { error: 'expected a JSONPath starting with $, e.g. $.status' }), Matcher).optional(),
    body: common/* TextExpectation */.Gq.optional(),
    'csv-header': schemas/* array */.YOg(schemas/* string */.YjP()).min(1).optional(),
    'max-latency': common/* Duration */.dw.optional(),
});
/** Credentials. Sent only to the origin of the request, never across a redirect. */
const Auth = schemas/* union */.KCZ([schemas/* strictObject */.rej({ basic: schemas/* tuple */.PVZ([schemas/* string */.YjP(), schemas/* string */.YjP()]) }), schemas/* strictObject */.rej({ bearer: schemas/* string */.YjP().min(1) })], {
    error: 'expected { basic: [user, password] } or { bearer: token }',
});
const RequestFields = {
    http: RequestLine,
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()])).optional(),
    auth: Auth.optional(),
    json: schemas/* unknown */.L5J().optional(),
    form: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()])).optional(),
    body: schemas/* string */.YjP().optional(),
    'follow-redirects': schemas/* union */.KCZ([schemas/* boolean */.zMY(), schemas/* number */.aig().int().min(0).max(20)]).optional(),
    'max-body': common/* Size */.or.optional(),
    expect: Expect.optional(),
};
const oneBody = {
    check: (value) => [value.json, value.form, value.body].filter((part) => part !== undefined).length <= 1,
    message: 'a request takes one body: "json", "form" or "body", not several',
};
/** A capture: a JSONPath into the response, or `{ header: name }`. */
const Capture = schemas/* union */.KCZ([
    schemas/* string */.YjP().regex(/^\$/, { error: 'expected a JSONPath like $.id, or { header: Location }' }),
    schemas/* strictObject */.rej({
        json: schemas/* string */.YjP().regex(/^\$/).optional(),
        header: schemas/* string */.YjP().optional(),
        secret: schemas/* boolean */.zMY().optional(),
    }),
]);
/** One step of a flow. */
const Step = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().optional(),
    timeout: common/* Duration */.dw.optional(),
    retry: common/* Retry */.fz.optional(),
    ...RequestFields,
    capture: schemas/* record */.g1P(common/* VariableName */.mr, Capture).optional(),
})
    .refine(oneBody.check, { error: oneBody.message });
/** A single-request HTTP check. */
const HttpCheck = schemas/* strictObject */.rej({ ...common/* CheckCommon */.g2, ...RequestFields }).refine(oneBody.check, { error: oneBody.message });
/** A flow: requests in order, each able to use values captured by earlier ones as `{{name}}`. */
const FlowCheck = schemas/* strictObject */.rej({ ...common/* CheckCommon */.g2, steps: schemas/* array */.YOg(Step).min(1) });

;// CONCATENATED MODULE: ./src/checks/http/assertions.ts
/**
 * Evaluates a step's `expect:` against a response: status, headers, JSON fields by
 * JSONPath, body text, CSV header row and latency.
 */





/** The status expected when `expect.status` is not given, as `curl -f` would. */
const DEFAULT_STATUS = '2xx';
/** Parses a body as JSON, explaining a cut or malformed body. */
function parseJsonBody(response) {
    if (response.truncated) {
        return { ok: false, reason: `body cut at ${(0,units/* formatSize */.Xq)(response.body.length)} (the max-body cap), so it cannot be read as JSON` };
    }
    const text = response.body.toString('utf8');
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch (error) {
        // V8's message quotes the body itself after a comma: keep the first clause.
        const message = (error instanceof Error ? error.message : String(error)).split(/, "|\n/)[0];
        return { ok: false, reason: `body is not valid JSON (${message}); it starts ${preview(text)}` };
    }
}
function statusMatches(status, spec) {
    if (isStatusClass(spec))
        return String(status)[0] === String(spec)[0];
    return status === Number(spec);
}
/** Text of an expected status, e.g. `200`, `2xx`, `200 or 409`. */
function describeStatus(spec) {
    const list = spec === undefined ? [DEFAULT_STATUS] : Array.isArray(spec) ? spec : [spec];
    return list.join(' or ');
}
function statusAssertion(response, spec) {
    const list = spec === undefined ? [DEFAULT_STATUS] : Array.isArray(spec) ? spec : [spec];
    const ok = list.some((one) => statusMatches(response.status, one));
    let measured = String(response.status);
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && location) {
        measured +=
            response.redirects.length > 0
                ? ` (redirect to ${location} not followed: stopped after ${response.redirects.length} redirects, the follow-redirects limit)`
                : ` (redirect to ${location} not followed; set follow-redirects: true)`;
    }
    return { label: 'status', ok, measured, expected: describeStatus(spec) };
}
function bodyAssertions(text, spec) {
    const object = typeof spec === 'string' ? { contains: spec } : spec;
    const start = preview(text);
    const out = [];
    if (object.contains !== undefined) {
        out.push({ label: 'body', ok: text.includes(object.contains), measured: start, expected: `contains ${show(object.contains)}` });
    }
    if (object['not-contains'] !== undefined) {
        out.push({
            label: 'body',
            ok: !text.includes(object['not-contains']),
            measured: start,
            expected: `does not contain ${show(object['not-contains'])}`,
        });
    }
    if (object.matches !== undefined) {
        out.push({ label: 'body', ok: new RegExp(object.matches, 'm').test(text), measured: start, expected: `matches /${object.matches}/` });
    }
    return out;
}
function csvHeaderAssertion(text, expected) {
    let header = [];
    let problem;
    try {
        const rows = (0,sync/* parse */.qg)(text, { to_line: 1, relax_column_count: true, bom: true, skip_empty_lines: true });
        header = (rows[0] ?? []).map((cell) => cell.trim());
    }
    catch (error) {
        problem = `not CSV (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    const ok = problem === undefined && header.length === expected.length && header.every((cell, i) => cell === expected[i]);
    return { label: 'CSV header', ok, measured: problem ?? (header.join(',') || '(empty body)'), expected: expected.join(',') };
}
/**
 * Every assertion of `expect` against `response`. The status is always asserted
 * (default {@link DEFAULT_STATUS}).
 */
function evaluateExpect(expect, response) {
    const spec = expect ?? {};
    const out = [statusAssertion(response, spec.status)];
    for (const [name, matcher] of Object.entries(spec.headers ?? {})) {
        const value = response.headers[name.toLowerCase()];
        out.push(...applyMatcher(`header ${name}`, value === undefined ? [] : [value], matcher, true));
    }
    if (spec.json) {
        const json = parseJsonBody(response);
        for (const [path, matcher] of Object.entries(spec.json)) {
            if (json.ok)
                out.push(...applyMatcher(path, queryJson(path, json.value), matcher, false, isSingularPath(path)));
            else
                out.push({ label: path, ok: false, measured: json.reason, expected: 'a JSON body' });
        }
    }
    const text = spec.body !== undefined || spec['csv-header'] ? response.body.toString('utf8') : '';
    if (spec.body !== undefined)
        out.push(...bodyAssertions(text, spec.body));
    if (spec['csv-header'])
        out.push(csvHeaderAssertion(text, spec['csv-header']));
    if (spec['max-latency'] !== undefined) {
        out.push({
            label: 'latency',
            ok: response.elapsedMs <= spec['max-latency'],
            measured: (0,units/* formatDuration */.a3)(response.elapsedMs),
            expected: `≤ ${(0,units/* formatDuration */.a3)(spec['max-latency'])}`,
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/checks/http/report.ts

/** `✓ status: 200 (expected 2xx)` or `✗ $.ok: measured false, expected == true`. */
function assertionLine(assertion) {
    return assertion.ok
        ? `✓ ${assertion.label}: ${assertion.measured} (expected ${assertion.expected})`
        : `✗ ${assertion.label}: measured ${assertion.measured}, expected ${assertion.expected}`;
}
/** Why an exchange failed, in one line, with the measured and expected columns. */
function failureOf(report, step) {
    if (report.failure !== undefined) {
        return { summary: report.failure, measured: report.failure, expected: `status ${describeStatus(step.expect?.status)}` };
    }
    const failed = report.assertions.filter((assertion) => !assertion.ok);
    const first = failed[0];
    if (!first)
        return { summary: 'failed', measured: '', expected: '' };
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return {
        summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}`,
        measured: `${first.label}: ${first.measured}`,
        expected: `${first.label}: ${first.expected}`,
    };
}
/** Every line worth keeping as evidence for one exchange. */
function exchangeDetails(report, prefix = '') {
    const head = report.failure !== undefined ? `✗ ${report.failure}` : undefined;
    return [...(head ? [head] : []), ...report.assertions.map(assertionLine), ...report.notes].map((line) => prefix + line);
}
/** The outcome of a single-request check. */
function exchangeOutcome(report, step) {
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

;// CONCATENATED MODULE: ./src/checks/env/report.ts


/** How many failing variables the measured column names before `+N more`. */
const SHOWN_FAILURES = 3;
/** `APP_ENV = "dev"` for a shown value (quoted), `E2B_API_KEY absent` otherwise. */
function failureText(assertion) {
    return `${assertion.label}${assertion.measured.startsWith('"') ? ' =' : ''} ${assertion.measured}`;
}
function capped(texts) {
    const more = texts.length - SHOWN_FAILURES;
    return texts.slice(0, SHOWN_FAILURES).join(', ') + (more > 0 ? ` (+${more} more)` : '');
}
function detailLines(reports) {
    return reports.flatMap(({ found, assertions }) => [
        ...assertions.map((assertion) => assertionLine(assertion) + (assertion.expected === PRESENT && found.from ? ` [from ${found.from}]` : '')),
        ...(found.secret && found.value ? [`  ${found.name} is a secret: only present, absent, equals or differs is reported`] : []),
    ]);
}
/**
 * The outcome: `3 of 3 present` or `E2B_API_KEY absent`; a single shown value as
 * `APP_ENV = "prod"`. `expected` lists what each variable must be.
 */
function envOutcome(reports, expected) {
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
        const measured = total === 1 && only
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

;// CONCATENATED MODULE: ./src/checks/env/schema.ts
/**
 * Config schema of the `env` check kind: one variable or a list, present and non-empty,
 * with optional comparisons (runbook 000 §3.4: the API keys and mail settings are set;
 * runbook 003: the auth secret is not `dev-auth-secret`).
 */


/** A value to compare with: YAML scalars compare as the text they would be in the environment. */
const Text = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]).transform(String);
/**
 * ```yaml
 * - env: [ANTHROPIC_API_KEY, E2B_API_KEY, MAIL_HOST]
 * - env: AUTH_SECRET_KEY
 *   not-equals: dev-auth-secret
 * - env: APP_ENV
 *   one-of: [prod, production]
 * ```
 * Comparisons apply to every variable listed.
 */
const EnvCheck = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    env: schemas/* union */.KCZ([common/* VariableName */.mr, schemas/* array */.YOg(common/* VariableName */.mr).min(1)], {
        error: 'expected a variable name or a list of them, e.g. [ANTHROPIC_API_KEY, MAIL_HOST]',
    }),
    equals: Text.optional(),
    'not-equals': Text.optional(),
    matches: common/* RegexSource */.BY.optional(),
    'one-of': schemas/* array */.YOg(Text).min(1).optional(),
});
/** The variable names of a check, as a list. */
function variableNames(config) {
    return typeof config.env === 'string' ? [config.env] : config.env;
}

;// CONCATENATED MODULE: ./src/checks/env/index.ts
/**
 * The `env` check kind: variables present and non-empty, and optionally equal, different,
 * matching or one of a list (runbook 000 §3.4, runbook 003 "Secrets loaded"). Values come
 * from the selected environment's `vars:` first, then the process environment. A secret
 * (named under `secrets:` or by the usual patterns) is never shown, not even redacted.
 */




/** Looks a variable up where a check reads it: the environment's `vars:`, then the process. */
function findVariable(name, context, secret) {
    const vars = context.environment?.vars ?? {};
    if (Object.hasOwn(vars, name)) {
        return { name, value: vars[name], from: `environments.${context.environment?.name ?? ''}.vars`, secret };
    }
    const value = context.scope.env[name];
    return { name, value, from: value === undefined ? undefined : 'the process environment', secret };
}
/** The `env` kind: `- env: [ANTHROPIC_API_KEY, MAIL_HOST]`, with optional `equals`, `not-equals`, `matches`, `one-of`. */
const envKind = {
    name: 'env',
    key: 'env',
    schema: EnvCheck,
    describe: (config) => {
        const names = variableNames(config);
        return names.length > 3 ? `env ${names.slice(0, 3).join(', ')} (+${names.length - 3} more)` : `env ${names.join(', ')}`;
    },
    plan(config, context) {
        const declared = context.declaredSecrets;
        const comparisons = comparisonsOf(config);
        const names = variableNames(config);
        const secret = names.map((name) => (0,registry/* isSecretName */.eh)(name, declared));
        // The expected column is shared by every variable: a list with a secret uses the secret texts.
        const expected = expectedText(comparisons, secret.some(Boolean));
        return {
            timeoutMs: config.timeout ?? context.defaultTimeoutMs,
            run: () => {
                const reports = names.map((name, index) => {
                    const found = findVariable(name, context, secret[index] ?? true);
                    return { found, assertions: judgeVariable(found, comparisons) };
                });
                return Promise.resolve(context.secrets.redactDeep(envOutcome(reports, expected)));
            },
        };
    },
};

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/checks/files.ts
/**
 * Finding the files a check names by a literal path or a glob: `file:` checks, JUnit
 * reports and backups. The glob library is loaded on first use, so start-up stays short
 * for configs without such checks.
 */


function shown(cwd, absolute) {
    const rel = (0,external_node_path_.relative)(cwd, absolute);
    return rel && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? rel : absolute;
}
/** The size of the files in a directory, and the time of the newest. */
async function directoryContents(absolute) {
    const { glob } = await __webpack_require__.e(/* import() */ 382).then(__webpack_require__.bind(__webpack_require__, 3382)); // loaded on first use
    const files = await glob('**/*', { cwd: absolute, absolute: true, dot: true, onlyFiles: true });
    let size = 0;
    let mtimeMs = 0;
    for (const file of files) {
        const info = await (0,promises_.stat)(file);
        size += info.size;
        mtimeMs = Math.max(mtimeMs, info.mtimeMs);
    }
    return { size, mtimeMs };
}
async function literal(cwd, path, options) {
    const absolute = (0,external_node_path_.resolve)(cwd, path);
    try {
        const info = await (0,promises_.stat)(absolute);
        if (info.isFile()) {
            return { files: [{ path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false }], glob: false };
        }
        if (info.isDirectory() && options.directories) {
            return { files: [{ path: shown(cwd, absolute), absolute, ...(await directoryContents(absolute)), isDirectory: true }], glob: false };
        }
        return { files: [], problem: `${path} is ${info.isDirectory() ? 'a directory' : 'not a regular file'}`, glob: false };
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return { files: [], glob: false };
        return { files: [], problem: `${path} cannot be read (${code ?? String(error)})`, glob: false };
    }
}
/**
 * The regular files `pattern` (relative to `cwd`) names, newest first. Dot files match
 * (`*.env` finds `.prod.env`); directories match only as `options` allows.
 */
async function findFiles(cwd, pattern, options = {}) {
    const { glob, isDynamicPattern } = await __webpack_require__.e(/* import() */ 382).then(__webpack_require__.bind(__webpack_require__, 3382)); // loaded on first use
    if (!isDynamicPattern(pattern))
        return literal(cwd, pattern, options);
    const matches = await glob(pattern, {
        cwd,
        absolute: true,
        dot: true,
        onlyFiles: true,
        expandDirectories: false,
        followSymbolicLinks: true,
    });
    const files = [];
    for (const absolute of matches) {
        try {
            const info = await (0,promises_.stat)(absolute);
            if (info.isFile())
                files.push({ path: shown(cwd, absolute), absolute, size: info.size, mtimeMs: info.mtimeMs, isDirectory: false });
        }
        catch {
            // gone between the listing and the stat: not a match
        }
    }
    files.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
    return { files, glob: true };
}
/** The files several patterns name, each once, sorted by path. A pattern that matches nothing adds nothing. */
async function findAll(cwd, patterns) {
    const found = new Map();
    for (const pattern of patterns) {
        for (const file of (await findFiles(cwd, pattern)).files)
            found.set(file.absolute, file);
    }
    return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

;// CONCATENATED MODULE: ./src/checks/file/judge.ts
/**
 * Judging the newest file a check found: non-empty, recent, large enough. The `file` kind
 * and the `backup` kind judge (and print ages) alike.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** An age for people: `42s`, `5m`, `3h`, `3h12m`, `2d4h`. */
function formatAge(ms) {
    if (ms < MINUTE)
        return `${Math.max(0, Math.floor(ms / 1000))}s`;
    if (ms < HOUR)
        return `${Math.floor(ms / MINUTE)}m`;
    if (ms < 2 * DAY) {
        const hours = Math.floor(ms / HOUR);
        const minutes = Math.floor((ms % HOUR) / MINUTE);
        return minutes ? `${hours}h${minutes}m` : `${hours}h`;
    }
    const days = Math.floor(ms / DAY);
    const hours = Math.floor((ms % DAY) / HOUR);
    return hours ? `${days}d${hours}h` : `${days}d`;
}
/** `1.2 KiB, 3h old`, or `… modified 5m in the future` on a skewed clock. */
function describeFile(file, nowMs) {
    const age = nowMs - file.mtimeMs;
    const when = age >= 0 ? `${formatAge(age)} old` : `modified ${formatAge(-age)} in the future`;
    return `${(0,units/* formatSize */.Xq)(file.size)}, ${when}`;
}
/** What a check expects of the file it judges, in the order judged: `non-empty`, `≥ 1 KiB`, `≤ 24h old`. */
function expectations(config) {
    const minSize = config['min-size'];
    const maxAge = config['max-age'];
    return {
        ...((config['non-empty'] ?? true) ? { nonEmpty: 'non-empty' } : {}),
        ...(minSize === undefined ? {} : { minSize: `≥ ${(0,units/* formatSize */.Xq)(minSize)}` }),
        ...(maxAge === undefined ? {} : { maxAge: `≤ ${formatAge(maxAge)} old` }),
    };
}
/** Every assertion on the file judged, in the order of {@link expectations}. `label` is its path. */
function judgeFile(file, config, nowMs) {
    const out = [];
    const label = file.path;
    const size = (0,units/* formatSize */.Xq)(file.size);
    const expected = expectations(config);
    if (expected.nonEmpty) {
        out.push({ label, ok: file.size > 0, measured: file.size > 0 ? size : 'empty (0 B)', expected: expected.nonEmpty, limit: 'non-empty' });
    }
    const minSize = config['min-size'];
    if (minSize !== undefined && expected.minSize) {
        out.push({
            label,
            ok: file.size >= minSize,
            measured: file.size < 1024 ? size : `${size} (${file.size} B)`,
            expected: expected.minSize,
            limit: 'min-size',
        });
    }
    const maxAge = config['max-age'];
    if (maxAge !== undefined && expected.maxAge) {
        const age = nowMs - file.mtimeMs;
        out.push({
            label,
            ok: age <= maxAge,
            measured: age >= 0 ? `${formatAge(age)} old (modified ${new Date(file.mtimeMs).toISOString()})` : `modified ${formatAge(-age)} in the future`,
            expected: expected.maxAge,
            limit: 'max-age',
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/checks/file/schema.ts
/**
 * Config schema of the `file` check kind: a path or glob that must match a file, by
 * default non-empty, optionally recent and of a minimum size (runbook 003: `ls .env`;
 * a backup made in the last day).
 */


/**
 * ```yaml
 * - file: .env
 * - file: backups/*.dump
 *   max-age: 24h
 *   min-size: 1KiB
 * ```
 * Paths and globs are relative to the working directory (the workspace in Actions);
 * absolute paths are allowed. With a glob, the newest match is the one judged.
 */
const FileCheck = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    file: schemas/* string */.YjP().min(1, { error: 'expected a path or glob, e.g. .env or backups/*.dump' }),
    /** The file must have at least one byte (default true). */
    'non-empty': schemas/* boolean */.zMY().optional(),
    /** The newest match was modified at most this long ago. */
    'max-age': common/* Duration */.dw.optional(),
    /** The newest match has at least this many bytes. */
    'min-size': common/* Size */.or.optional(),
});

;// CONCATENATED MODULE: ./src/checks/file/index.ts
/**
 * The `file` check kind: a path or glob matches a file that is non-empty (by default),
 * recent enough and large enough (runbook 003: `ls .env` — "file exists with non-empty
 * size"). With a glob the newest match is judged, as the latest backup would be.
 */





/** Matches listed in the details before `… and N more`. */
const LISTED_MATCHES = 5;
/** The expected column: `exists, non-empty, ≤ 24h old`. */
function expectedOf(config) {
    return ['exists', ...Object.values(expectations(config))].join(', ');
}
/** The outcome of a check from what it found; `nowMs` is the time ages are measured at. */
function fileOutcome(config, found, cwd, nowMs) {
    const newest = found.files[0];
    if (!newest) {
        const where = (0,external_node_path_.isAbsolute)(config.file) ? config.file : `${config.file} in ${(0,external_node_path_.resolve)(cwd)}`;
        const measured = found.problem ?? (found.glob ? `no file matches ${config.file}` : `${config.file} not found`);
        return {
            status: 'failed',
            summary: found.problem ?? `${found.glob ? 'no file matches' : 'no file'} ${where}`,
            measured,
            expected: expectedOf(config),
        };
    }
    const assertions = judgeFile(newest, config, nowMs);
    const failed = assertions.filter((assertion) => !assertion.ok);
    const others = found.files.length - 1;
    const of = others > 0 ? ` (newest of ${found.files.length})` : '';
    const measured = `${newest.path}: ${describeFile(newest, nowMs)}${of}`;
    const expected = expectedOf(config);
    const details = [
        ...assertions.map(assertionLine),
        ...(others > 0
            ? [
                `matches of ${config.file}, newest first:`,
                ...found.files.slice(0, LISTED_MATCHES).map((file) => `  ${file.path}: ${describeFile(file, nowMs)}`),
                ...(found.files.length > LISTED_MATCHES ? [`  … and ${found.files.length - LISTED_MATCHES} more`] : []),
            ]
            : []),
    ];
    if (failed.length === 0)
        return { status: 'passed', summary: `${measured} (expected ${expected})`, measured, expected, details };
    const first = failed[0];
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return {
        status: 'failed',
        summary: first ? `${first.label}: measured ${first.measured}, expected ${first.expected}${more}` : measured,
        measured,
        expected,
        details,
    };
}
/** The `file` kind: `- file: backups/*.dump` with optional `non-empty`, `max-age`, `min-size`. */
const fileKind = {
    name: 'file',
    key: 'file',
    schema: FileCheck,
    describe: (config) => `file ${config.file}`,
    plan(config, context) {
        const cwd = context.scope.cwd;
        return {
            timeoutMs: config.timeout ?? context.defaultTimeoutMs,
            run: async () => fileOutcome(config, await findFiles(cwd, config.file), cwd, Date.now()),
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/command/python-literal.ts
/**
 * Reads the text Python's `print()` gives for a dict or list of plain values:
 * `{'app_env': 'prod', 'strict_cors': True, 'origins': ['https://a'], 'ips': None}`.
 * Runbook 003 dumps settings with `print({...})`, not `json.dumps`, and a check should
 * read like the runbook line it replaces. Strings, numbers, True/False/None, dicts,
 * lists and tuples are understood; anything else (objects, sets) is not.
 */
/** Thrown with what was not understood and where. */
class LiteralError extends Error {
}
const SIMPLE_ESCAPES = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '0': '\0',
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
};
class Reader {
    text;
    index = 0;
    constructor(text) {
        this.text = text;
    }
    fail(what) {
        throw new LiteralError(`${what} at character ${this.index + 1}`);
    }
    skip() {
        while (this.index < this.text.length && /\s/.test(this.text[this.index] ?? ''))
            this.index++;
    }
    peek() {
        this.skip();
        return this.text[this.index] ?? '';
    }
    eat(char) {
        if (this.peek() !== char)
            return false;
        this.index++;
        return true;
    }
    document() {
        const value = this.value();
        if (this.peek() !== '')
            this.fail('unexpected text after the value');
        return value;
    }
    value() {
        const char = this.peek();
        if (char === '{')
            return this.dict();
        if (char === '[')
            return this.sequence('[', ']');
        if (char === '(')
            return this.sequence('(', ')');
        if (char === "'" || char === '"')
            return this.string();
        const word = /^(?:True|False|None|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.index))?.[0];
        if (!word)
            this.fail(`unexpected ${char ? JSON.stringify(char) : 'end'}`);
        this.index += word.length;
        if (word === 'True')
            return true;
        if (word === 'False')
            return false;
        if (word === 'None')
            return null;
        return Number(word);
    }
    dict() {
        this.eat('{');
        const out = {};
        while (!this.eat('}')) {
            const key = this.value();
            if (typeof key !== 'string' && typeof key !== 'number')
                this.fail('a dict key that is not a string or number');
            if (!this.eat(':'))
                this.fail('expected ":"');
            out[String(key)] = this.value();
            if (!this.eat(',') && this.peek() !== '}')
                this.fail('expected "," or "}"');
        }
        return out;
    }
    sequence(open, close) {
        this.eat(open);
        const out = [];
        while (!this.eat(close)) {
            out.push(this.value());
            if (!this.eat(',') && this.peek() !== close)
                this.fail(`expected "," or "${close}"`);
        }
        return out;
    }
    string() {
        const quote = this.text[this.index] ?? '';
        this.index++;
        let out = '';
        for (;;) {
            const char = this.text[this.index++];
            if (char === undefined || char === '\n')
                this.fail('unterminated string');
            if (char === quote)
                return out;
            if (char !== '\\') {
                out += char;
                continue;
            }
            const next = this.text[this.index++] ?? '';
            const simple = SIMPLE_ESCAPES[next];
            if (simple !== undefined)
                out += simple;
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                const hex = this.text.slice(this.index, this.index + length);
                if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length)
                    this.fail(`bad \\${next} escape`);
                out += String.fromCodePoint(parseInt(hex, 16));
                this.index += length;
            }
            else
                out += `\\${next}`;
        }
    }
}
/** The value of a Python literal, or the reason it is not one. */
function parsePythonLiteral(text) {
    try {
        return { ok: true, value: new Reader(text).document() };
    }
    catch (error) {
        if (error instanceof LiteralError)
            return { ok: false, reason: error.message };
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/checks/command/stdout-json.ts
/**
 * Reading a command's stdout as data: the whole of it as JSON, else the last non-empty
 * line that is JSON (after log lines), else a Python literal from `print({...})`
 * (runbook 003's settings dumps), whole or on the last line that is one.
 */


function json(text) {
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch {
        return { ok: false };
    }
}
/** Parses stdout; `from` says which reading worked (`whole stdout as JSON`, …). */
function parseOutputJson(stdout) {
    const text = stdout.trim();
    if (text === '')
        return { ok: false, reason: 'stdout is empty' };
    const lines = text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .reverse();
    const whole = json(text);
    if (whole.ok)
        return { ...whole, from: 'stdout as JSON' };
    for (const [index, line] of lines.entries()) {
        const parsed = json(line);
        if (parsed.ok)
            return { ...parsed, from: index === 0 ? 'the last line as JSON' : `line ${lines.length - index} as JSON` };
    }
    const python = parsePythonLiteral(text);
    if (python.ok)
        return { ok: true, value: python.value, from: 'stdout as a Python literal' };
    for (const line of lines) {
        const parsed = parsePythonLiteral(line);
        if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object') {
            return { ok: true, value: parsed.value, from: 'the last line that is a Python literal' };
        }
    }
    const last = lines[0] ?? '';
    return {
        ok: false,
        reason: `stdout is not JSON (${lines.length} line${lines.length === 1 ? '' : 's'}; last: ${preview(last)}); print(json.dumps(...)) writes JSON`,
    };
}

;// CONCATENATED MODULE: ./src/checks/output-expect.ts
/**
 * Expectations on what a process did: its exit code, its stdout and stderr text, and JSON
 * fields read from its stdout. Shared by every kind that runs a command (`command`, and
 * kinds that run a team's tool). JSON fields use the same matchers as HTTP `expect.json`.
 *
 * ```yaml
 * expect:
 *   exit-code: 0              # or [0, 3]
 *   stdout: { contains: head }
 *   stderr: { not-contains: Traceback }
 *   json: { $.app_env: prod, $.strict_cors: true, $.cors_origins: { count: { gte: 1 } } }
 * ```
 */






const ExitCode = schemas/* number */.aig().int().min(0).max(255);
/** What a finished process must show. */
const OutputExpect = schemas/* strictObject */.rej({
    /** Exit codes that pass; default 0. */
    'exit-code': schemas/* union */.KCZ([ExitCode, schemas/* array */.YOg(ExitCode).min(1)], { error: 'expected an exit code like 0, or a list like [0, 3]' }).optional(),
    stdout: common/* TextExpectation */.Gq.optional(),
    stderr: common/* TextExpectation */.Gq.optional(),
    /** JSONPath → matcher, on stdout read as JSON (see {@link parseOutputJson}). */
    json: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^\$/, { error: 'expected a JSONPath starting with $, e.g. $.app_env' }), Matcher).optional(),
});
/** The exit codes that pass. */
function expectedExitCodes(expect) {
    const spec = expect?.['exit-code'] ?? 0;
    return Array.isArray(spec) ? spec : [spec];
}
/** `0`, or `killed by SIGTERM`. */
function describeExit(output) {
    if (output.exitCode !== null)
        return String(output.exitCode);
    return output.signal ? `killed by ${output.signal}` : 'no exit code';
}
function lineOf(text, index) {
    const start = text.lastIndexOf('\n', index - 1) + 1;
    const end = text.indexOf('\n', index);
    return { number: text.slice(0, start).split('\n').length, line: text.slice(start, end === -1 ? undefined : end) };
}
function lastLine(text) {
    return text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .at(-1);
}
/**
 * Assertions on one stream. Matching uses the real text; what is shown is one line of
 * it, redacted: the line that matched, or the last line when nothing did.
 */
function textAssertions(label, text, spec, secrets) {
    const object = typeof spec === 'string' ? { contains: spec } : spec;
    const at = (index) => {
        const { number, line } = lineOf(text, index);
        return `line ${number}: ${show(secrets.redact(line))}`;
    };
    const lines = text.split(/\r?\n/).filter((line) => line !== '').length;
    const last = lastLine(text);
    const nowhere = text.trim() === '' ? `${label} is empty` : `not in ${lines} line${lines === 1 ? '' : 's'}; last: ${show(secrets.redact(last ?? ''))}`;
    const out = [];
    if (object.contains !== undefined) {
        const index = text.indexOf(object.contains);
        out.push({ label, ok: index !== -1, measured: index === -1 ? nowhere : at(index), expected: `contains ${show(object.contains)}` });
    }
    if (object['not-contains'] !== undefined) {
        const index = text.indexOf(object['not-contains']);
        out.push({
            label,
            ok: index === -1,
            measured: index === -1 ? `absent from ${lines} line${lines === 1 ? '' : 's'}` : at(index),
            expected: `does not contain ${show(object['not-contains'])}`,
        });
    }
    if (object.matches !== undefined) {
        const match = new RegExp(object.matches, 'm').exec(text);
        out.push({ label, ok: match !== null, measured: match ? at(match.index) : nowhere, expected: `matches /${object.matches}/` });
    }
    return out;
}
/**
 * JSON field assertions, as HTTP `expect.json` makes them. Verdicts use the real values;
 * the measured texts are made from redacted values, so a value cut short for display
 * cannot show part of a secret.
 */
function jsonAssertions(stdout, spec, secrets, truncated = false) {
    const json = parseOutputJson(stdout);
    return Object.entries(spec).flatMap(([path, matcher]) => {
        if (!json.ok) {
            const reason = truncated ? `${json.reason} (stdout was cut at the output cap)` : json.reason;
            return [{ label: path, ok: false, measured: secrets.redact(reason), expected: 'JSON on stdout' }];
        }
        const values = queryJson(path, json.value);
        const shown = applyMatcher(path, secrets.redactDeep(values), matcher);
        return applyMatcher(path, values, matcher).map((assertion, index) => ({
            ...assertion,
            measured: shown[index]?.measured ?? assertion.measured,
        }));
    });
}
/** Every assertion of `expect` on a finished process; the exit code is always first. */
function evaluateOutput(expect, output, secrets) {
    const codes = expectedExitCodes(expect);
    const out = [
        {
            label: 'exit code',
            ok: output.exitCode !== null && codes.includes(output.exitCode),
            measured: describeExit(output),
            expected: codes.join(' or '),
        },
    ];
    if (expect?.stdout !== undefined)
        out.push(...textAssertions('stdout', output.stdout, expect.stdout, secrets));
    if (expect?.stderr !== undefined)
        out.push(...textAssertions('stderr', output.stderr, expect.stderr, secrets));
    if (expect?.json)
        out.push(...jsonAssertions(output.stdout, expect.json, secrets, output.truncated));
    return out;
}

// EXTERNAL MODULE: ./node_modules/shell-quote/index.js
var shell_quote = __webpack_require__(6591);
// EXTERNAL MODULE: ./src/config/interpolate.ts
var interpolate = __webpack_require__(2757);
;// CONCATENATED MODULE: ./src/checks/command/argv.ts
/**
 * The string form of a command, `command: "alembic heads"`, split into argv the way a
 * shell would split it, with no shell run. Shell syntax that only a shell understands
 * (pipes, redirections, `&&`, heredocs, `$VAR`, globs, backquotes) is refused with a
 * message saying to add `shell: bash`.
 *
 * `${VAR}` templates are kept whole while splitting and expanded per word afterwards, so
 * a value with spaces or `|` in it stays one argument and is never read as syntax.
 */


/** `${…}` templates and the `$${` escape, as `config/interpolate.ts` reads them. */
const TEMPLATE = /\$\$\{|\$\{[^}]*\}/g;
/** Marks a template while the line is split; U+0000 cannot appear in a YAML string. */
const MARK = '\u0000';
const SHELL_HINT = 'add shell: bash to run it as a script, or write the arguments as a list, e.g. [alembic, heads]';
function needsShell(line, what, hint) {
    return { ok: false, problem: `command ${JSON.stringify(line)} uses ${what}, which only a shell understands (${hint})` };
}
/** What in a parsed entry needs a shell, or undefined for a plain word. */
function shellSyntax(entry) {
    if (typeof entry === 'string')
        return undefined;
    if ('variable' in entry)
        return entry.variable ? `$${entry.variable} (write \${${entry.variable}} to have release-gates fill it in)` : '"$"';
    if ('comment' in entry)
        return 'a # comment';
    if (entry.op === 'glob')
        return `the glob ${entry.pattern ?? ''} (quote it to pass it as is)`;
    return `the shell operator "${entry.op}"`;
}
/**
 * Splits a command line into words with their templates intact. `hint` ends the problem
 * of a line that needs a shell: what to write instead.
 */
function splitCommandLine(line, hint = SHELL_HINT) {
    if (line.trim().includes('\n'))
        return needsShell(line, 'several lines', hint);
    if (line.includes('`'))
        return needsShell(line, 'backquotes', hint);
    const templates = [];
    const marked = line.replace(TEMPLATE, (template) => `${MARK}${templates.push(template) - 1}${MARK}`);
    const entries = (0,shell_quote.parse)(marked, (variable) => ({ variable }));
    const words = [];
    for (const entry of entries) {
        const syntax = shellSyntax(entry);
        if (syntax !== undefined)
            return needsShell(line, syntax, hint);
        words.push(entry.replace(/\u0000(\d+)\u0000/g, (_, index) => templates[Number(index)] ?? ''));
    }
    const [first] = words;
    if (first === undefined)
        return { ok: false, problem: 'command is empty (expected a program and its arguments, e.g. "alembic heads")' };
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
        return needsShell(line, `the variable assignment ${first} (set it with env: instead)`, hint);
    }
    const tilde = words.find((word) => word.startsWith('~'));
    if (tilde !== undefined)
        return needsShell(line, `${tilde} (~ is the home folder only to a shell; write \${HOME} instead)`, hint);
    return { ok: true, words };
}
/** Expands the templates of each word: one word stays one argument whatever its value. */
function expandWords(words, lookup) {
    return words.map((word) => (0,interpolate/* expand */.fT)(word, lookup).value);
}
/** A word as a person would type it to a shell: bare when safe, else in single quotes. */
function quoteWord(word) {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/** argv as a person would type it: `alembic heads`, `echo 'a b' '$HOME'`. */
function formatArgv(argv) {
    return argv.map(quoteWord).join(' ');
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/io/process.ts
var io_process = __webpack_require__(6397);
;// CONCATENATED MODULE: ./src/checks/command/invocation.ts
/**
 * From a `command:` check's config to what is run: argv (split, or a shell's), the
 * working directory, the environment and the texts shown for it.
 */






/** Characters of a script's first line used in its label. */
const LABEL_MAX = 60;
/** Script lines shown in the details. */
const SHOWN_SCRIPT_LINES = 20;
/** `alembic heads`, or `bash: python3 - <<'PY' …` for a script. */
function commandLabel(config) {
    if (typeof config.command !== 'string')
        return formatArgv(config.command);
    if (config.shell === undefined)
        return config.command.trim();
    const lines = config.command
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    const first = lines[0] ?? '';
    const shown = (0,src_text/* cut */.J)(first, LABEL_MAX);
    return `${config.shell}: ${shown}${lines.length > 1 && shown === first ? ' …' : ''}`;
}
/** Where a check's `${VAR}` are looked up: the environment's `vars:`, then the process environment. */
function lookupOf(context) {
    const vars = context.environment?.vars ?? {};
    return (name) => vars[name] ?? context.scope.env[name];
}
/**
 * argv of the command line `line`, found at `at` in the config. It is split as written in
 * the file, before `${VAR}` was expanded, and each word expanded after, so a value with
 * spaces or `|` stays one argument. A line that is not the one written there (a config
 * built in code) is split as it is. `hint` says what to write instead of shell syntax.
 */
function splitConfiguredLine(line, at, context, hint) {
    const lookup = lookupOf(context);
    const written = context.source.document.getIn(at);
    const asWritten = typeof written === 'string' && (0,interpolate/* expand */.fT)(written, lookup).value === line;
    const words = splitCommandLine(asWritten ? written : line, hint);
    return words.ok && asWritten ? { ok: true, words: expandWords(words.words, lookup) } : words;
}
function argvOf(config, context) {
    const { command, shell } = config;
    if (typeof command !== 'string')
        return [...command];
    if (shell !== undefined)
        return (0,io_process/* shellArgv */.$K)(shell, command);
    const at = [...context.path, 'command'];
    const words = splitConfiguredLine(command, at, context);
    if (!words.ok)
        throw new errors/* ConfigurationError */.j1([{ location: context.source.locate(at), message: words.problem }]);
    return words.words;
}
function definedOnly(env) {
    return Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== undefined));
}
/**
 * Plans a command.
 * @throws ConfigurationError when a command line without `shell:` uses shell syntax.
 */
function planCommand(config, context) {
    const vars = context.environment?.vars ?? {};
    const argv = argvOf(config, context);
    const cwd = config.cwd === undefined ? context.scope.cwd : (0,external_node_path_.isAbsolute)(config.cwd) ? config.cwd : (0,external_node_path_.resolve)(context.scope.cwd, config.cwd);
    const script = config.shell !== undefined && typeof config.command === 'string' ? config.command.replace(/\n+$/, '').split('\n') : undefined;
    const shown = script
        ? [
            `${argv.slice(0, -1).join(' ')} <script below>`,
            ...script.slice(0, SHOWN_SCRIPT_LINES),
            ...(script.length > SHOWN_SCRIPT_LINES ? [`… (${script.length - SHOWN_SCRIPT_LINES} more lines)`] : []),
        ]
        : [formatArgv(argv)];
    return {
        argv,
        label: commandLabel(config),
        shown,
        cwd,
        env: { ...definedOnly(context.scope.env), ...vars, ...(config.env ?? {}) },
        timeoutMs: config.timeout ?? context.defaultTimeoutMs,
    };
}

;// CONCATENATED MODULE: ./src/checks/command/report.ts
/**
 * Turns a finished command into an outcome: measured against expected in one line, and
 * details with the command, every assertion and the last lines of its output. Every
 * text is redacted before it leaves here.
 */





/** Lines of stdout and of stderr kept in the details. */
const TAIL_LINES = 20;
/** JSON fields named in a passing check's measured column before `+N more`. */
const MEASURED_FIELDS = 3;
/** Characters of the last output line quoted in a summary. */
const SUMMARY_LINE_MAX = 160;
/** The last `count` lines of a stream, with a heading; nothing for an empty stream. */
function tail(name, text, count = TAIL_LINES) {
    const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
    if (lines.length === 1 && lines[0] === '')
        return [];
    const kept = lines.slice(-count);
    const heading = kept.length < lines.length ? `${name} (last ${kept.length} of ${lines.length} lines):` : `${name}:`;
    return [heading, ...kept.map((line) => `  | ${line}`)];
}
function outputLines(result) {
    return [
        ...tail('stdout', result.stdout),
        ...tail('stderr', result.stderr),
        ...(result.truncated ? [`output was cut at the ${(0,units/* formatSize */.Xq)(io_process/* DEFAULT_MAX_OUTPUT_BYTES */.n9)} cap per stream; the rest was not read`] : []),
    ];
}
/** The last line of stderr, else of stdout: redacted first, then cut, so no part of a secret shows. */
function lastOutput(result, secrets) {
    const last = (text) => text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .at(-1);
    const line = last(result.stderr) ?? last(result.stdout);
    if (line === undefined)
        return undefined;
    const redacted = secrets.redact(line);
    return (0,src_text/* cut */.J)(redacted, SUMMARY_LINE_MAX);
}
/** `$.app_env = "prod"`, `$.cors_origins count 2`: a field as measured. */
function fieldText(assertion) {
    return /^(count |is |present|absent|not found)/.test(assertion.measured)
        ? `${assertion.label} ${assertion.measured}`
        : `${assertion.label} = ${assertion.measured}`;
}
function measuredOf(exit, assertions, failed) {
    if (failed && failed.label !== 'exit code')
        return `exit ${exit}, ${failed.label === 'stdout' || failed.label === 'stderr' ? `${failed.label} ${failed.measured}` : fieldText(failed)}`;
    if (failed)
        return `exit ${exit}`;
    const fields = [...new Map(assertions.filter((a) => a.label.startsWith('$')).map((a) => [a.label, fieldText(a)])).values()];
    const more = fields.length > MEASURED_FIELDS ? ` (+${fields.length - MEASURED_FIELDS} more)` : '';
    return [`exit ${exit}`, ...fields.slice(0, MEASURED_FIELDS)].join(', ') + more;
}
function report_expectedOf(assertions) {
    return assertions
        .map((assertion) => (assertion.label === 'exit code' ? `exit ${assertion.expected}` : `${assertion.label} ${assertion.expected}`))
        .join(', ');
}
function header(invocation, result) {
    const [first = '', ...rest] = invocation.shown;
    return [
        `$ ${first}`,
        ...rest.map((line) => `  ${line}`),
        `in ${invocation.cwd}`,
        `exit ${describeExit(result)} after ${(0,units/* formatDuration */.a3)(result.elapsedMs)}`,
    ];
}
/** The outcome of a command that ran, timed out or could not start. */
function commandOutcome(invocation, result, assertions, secrets) {
    const limit = (0,units/* formatDuration */.a3)(invocation.timeoutMs);
    let outcome;
    if (result.startError !== undefined) {
        outcome = {
            status: 'failed',
            summary: result.startError,
            measured: result.startError,
            expected: report_expectedOf(assertions.slice(0, 1)),
            details: [`$ ${invocation.shown[0] ?? ''}`, `in ${invocation.cwd}`, `✗ ${result.startError}`],
        };
    }
    else if (result.timedOut) {
        const measured = `no exit within ${limit} (killed)`;
        const last = lastOutput(result, secrets);
        outcome = {
            status: 'failed',
            summary: last === undefined ? measured : `${measured}; last output: ${last}`,
            measured,
            expected: `exit within ${limit}`,
            details: [...header(invocation, result), `✗ ${measured}`, ...outputLines(result)],
        };
    }
    else {
        const failed = assertions.filter((assertion) => !assertion.ok);
        const first = failed[0];
        const exit = describeExit(result);
        const details = [...header(invocation, result), ...assertions.map(assertionLine), ...outputLines(result)];
        const measured = measuredOf(exit, assertions, first);
        const expected = report_expectedOf(assertions);
        if (!first) {
            const count = assertions.length;
            const holds = count > 1 ? `; ${count} of ${count} assertions hold` : '';
            outcome = { status: 'passed', summary: `${invocation.label} → ${measured}${holds}`, measured, expected, details };
        }
        else {
            const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
            const why = first.label === 'exit code' ? lastOutput(result, secrets) : undefined;
            outcome = {
                status: 'failed',
                summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}${why === undefined ? '' : `; last output: ${why}`}`,
                measured,
                expected,
                details,
            };
        }
    }
    return secrets.redactDeep(outcome);
}

;// CONCATENATED MODULE: ./src/checks/command/schema.ts
/**
 * Config schema of the `command` check kind: a program run with its arguments, or a
 * script run by a shell, and what it must show (runbook 003: `alembic heads`, and the
 * `python - <<'PY' … PY` settings dumps).
 */



/** Shells a script may name; each is run as `<shell> -c script` (`bash` with pipefail). */
const SHELLS = ['bash', 'sh'];
/**
 * ```yaml
 * - command: [alembic, heads]            # argv, no shell
 * - command: "alembic current"           # split like a shell would, still no shell
 * - name: prod settings
 *   shell: bash                          # a script: pipes, heredocs, $VAR
 *   cwd: api
 *   env: { APP_ENV: prod }
 *   command: |
 *     python3 - <<'PY'
 *     import json; from app.settings import settings
 *     print(json.dumps({"app_env": settings.app_env}))
 *     PY
 *   expect: { json: { $.app_env: prod } }
 * ```
 */
const CommandCheck = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    command: schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP()).min(1)], {
        error: 'expected a command line like "alembic heads", a list like [alembic, heads], or a script with shell: bash',
    }),
    /** Runs `command` as a script with this shell. */
    shell: schemas/* enum */.k5n(SHELLS, { error: `expected a shell: ${SHELLS.join(' or ')}` }).optional(),
    /** Working directory, relative to the workspace. */
    cwd: schemas/* string */.YjP().min(1).optional(),
    /** Variables added to the command's environment (after the environment's `vars:`). */
    env: common/* Variables */.ut.optional(),
    expect: OutputExpect.optional(),
})
    .refine((config) => config.shell === undefined || typeof config.command === 'string', {
    error: 'with shell:, command is one script string (expected e.g. command: "alembic heads | grep head")',
    path: ['command'],
});

;// CONCATENATED MODULE: ./src/checks/command/index.ts
/**
 * The `command` check kind: run a program (argv, no shell) or a script (`shell: bash`)
 * and check its exit code, its output and JSON fields read from its stdout (runbook 003:
 * `alembic heads`, the `python - <<'PY'` settings dumps). Output is redacted before it
 * is shown; the details keep its last lines.
 */







/** Time allowed past a command's timeout for it to be killed (SIGTERM, then SIGKILL 2s later) and reported. */
const KILL_GRACE_MS = 5000;
/** How often a long command reports that it is still running. */
const PROGRESS_EVERY_MS = 15_000;
async function missingCwd(cwd) {
    try {
        return (await (0,promises_.stat)(cwd)).isDirectory() ? undefined : `cwd is not a directory: ${cwd}`;
    }
    catch {
        return `cwd not found: ${cwd}`;
    }
}
/**
 * Runs a planned command and judges it. Shared with kinds that run a team's tool.
 * Never throws for a failing, missing or hanging command: those are outcomes.
 */
async function runPlannedCommand(planned, expect, io) {
    const cwdProblem = await missingCwd(planned.cwd);
    if (cwdProblem)
        return io.secrets.redactDeep({ status: 'failed', summary: cwdProblem, measured: cwdProblem, expected: 'an existing cwd' });
    const start = Date.now();
    const ticker = setInterval(() => io.progress(`still running after ${(0,units/* formatDuration */.a3)(Date.now() - start)}`), PROGRESS_EVERY_MS);
    ticker.unref();
    try {
        const result = await io.process.run({
            argv: planned.argv,
            cwd: planned.cwd,
            env: planned.env,
            timeoutMs: planned.timeoutMs,
            signal: io.signal,
        });
        return commandOutcome(planned, result, evaluateOutput(expect, result, io.secrets), io.secrets);
    }
    finally {
        clearInterval(ticker);
    }
}
/** The `command` kind: `- command: [alembic, heads]`, a command line, or a script with `shell: bash`. */
const commandKind = {
    name: 'command',
    key: 'command',
    fields: ['env'],
    // A script run by a shell is never expanded by release-gates: bash reads ${VAR} from
    // the environment itself, and a value pasted into the script would become code.
    verbatim: (raw) => (raw.shell !== undefined ? ['command'] : []),
    schema: CommandCheck,
    describe: commandLabel,
    problems(config, path, source) {
        if (config.shell !== undefined || typeof config.command !== 'string')
            return [];
        const words = splitCommandLine(config.command);
        return words.ok ? [] : [source.problem([...path, 'command'], words.problem)];
    },
    plan(config, context) {
        const planned = planCommand(config, context);
        return {
            timeoutMs: planned.timeoutMs + KILL_GRACE_MS,
            run: ({ signal, progress }) => runPlannedCommand(planned, config.expect, { process: context.io.process, secrets: context.secrets, signal, progress }),
        };
    },
};

// EXTERNAL MODULE: ./src/evidence/identity.ts
var identity = __webpack_require__(4855);
// EXTERNAL MODULE: ./src/checks/github-scope.ts
var github_scope = __webpack_require__(5855);
;// CONCATENATED MODULE: ./src/checks/github-ci/index.ts
/**
 * The `github-ci` check kind: CI is green on a branch or commit (runbook 002, "Main branch
 * green in CI", "Confirm CI passed on merge commit").
 *
 * ```yaml
 * - github-ci: { branch: main }          # the branch's current commit
 * - github-ci: { commit: head }          # the commit under test (the merge commit on push)
 * - github-ci: {}                        # the default branch
 * - github-ci: { branch: main, exclude: [codecov/patch, "preview-*"] }
 *   retry: { until: 10m, every: 30s }    # wait for CI still running
 * ```
 *
 * Green means the combined commit status is success (a commit with no statuses at all is
 * fine) and the newest check run of every name completed as success, neutral or skipped.
 * release-gates' own runs (`release-gates / …`) and this workflow run's own jobs are
 * never waited for. Anything still running fails the attempt, so `retry: { until }`
 * waits it out.
 */





const Commit = schemas/* union */.KCZ([schemas/* literal */.euz('head'), schemas/* string */.YjP().regex(/^[0-9a-f]{7,40}$/i), common/* Template */.Bj], {
    error: 'expected "head" (the commit under test) or a commit SHA',
});
const Target = schemas/* strictObject */.rej({
    /** A branch: its current commit is checked. */
    branch: schemas/* string */.YjP().min(1).optional(),
    /** `head` (the commit under test) or a SHA. */
    commit: Commit.optional(),
    /** Check-run names and status contexts not to wait for; `*` matches any text. */
    exclude: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
})
    .refine((target) => target.branch === undefined || target.commit === undefined, {
    error: 'give "branch" or "commit", not both (expected e.g. { branch: main } or { commit: head })',
});
const Schema = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    'github-ci': schemas/* union */.KCZ([schemas/* null */.chJ(), Target], { error: 'expected { branch: main }, { commit: head } or {} (the default branch)' })
        .transform((target) => target ?? {}),
});
/** Statuses the combined-status call lists (its first page). */
const STATUS_PAGE = 100;
/** Conclusions that count as passing, as for required checks (GITHUB.md). */
const PASSING = new Set(['success', 'neutral', 'skipped']);
function describeTarget(target) {
    if (target.branch !== undefined)
        return target.branch;
    if (target.commit === 'head')
        return 'the commit under test';
    if (target.commit !== undefined)
        return target.commit.slice(0, 12);
    return 'the default branch';
}
/** `codecov/*` → a case-insensitive matcher. */
function globMatcher(patterns) {
    const regexes = patterns.map((pattern) => new RegExp(`^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`, 'i'));
    return (name) => regexes.some((regex) => regex.test(name));
}
/** The newest run of each name (names are not unique; re-runs add runs). */
function newestPerName(runs) {
    const newest = new Map();
    for (const run of runs) {
        const seen = newest.get(run.name);
        if (!seen || run.id > seen.id)
            newest.set(run.name, run);
    }
    return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name));
}
async function resolveTarget(github, target, headSha) {
    if (target.commit === 'head')
        return headSha ? { sha: headSha, label: `the commit under test (${(0,github_scope/* shortSha */.Fu)(headSha)})` } : undefined;
    if (target.commit !== undefined)
        return { sha: target.commit, label: `commit ${(0,github_scope/* shortSha */.Fu)(target.commit)}` };
    const branch = target.branch ?? (await (0,github_scope/* ask */.kA)('reading the default branch', () => github.api.getDefaultBranch()));
    const sha = await (0,github_scope/* ask */.kA)(`reading branch ${branch}`, () => github.api.getBranchSha(branch));
    return { sha, label: `${branch} (${(0,github_scope/* shortSha */.Fu)(sha)})` };
}
function sortResults(runs, statuses, combinedState, github, exclude) {
    const excludedByConfig = globMatcher(exclude);
    const ownRun = github.runId ? `/actions/runs/${github.runId}/` : undefined;
    const sorted = { red: [], pending: [], green: [], excluded: [], details: [], reported: 0 };
    const considered = [];
    for (const run of runs) {
        if ((0,identity/* parseCheckRunName */.ex)(run.name))
            continue;
        sorted.reported++;
        if (ownRun && run.detailsUrl?.includes(ownRun))
            sorted.excluded.push(`${run.name} (this workflow run's own job)`);
        else if (excludedByConfig(run.name))
            sorted.excluded.push(`${run.name} (exclude:)`);
        else
            considered.push(run);
    }
    for (const run of newestPerName(considered)) {
        const where = run.htmlUrl ?? run.detailsUrl;
        const suffix = where ? ` ${where}` : '';
        if (run.status !== 'completed') {
            sorted.pending.push(`${run.name}: ${run.status}`);
            sorted.details.push(`… check run ${run.name}: ${run.status}${suffix}`);
        }
        else if (run.conclusion !== null && PASSING.has(run.conclusion)) {
            sorted.green.push(run.name);
            sorted.details.push(`✓ check run ${run.name}: ${run.conclusion}`);
        }
        else {
            sorted.red.push(`${run.name}: ${run.conclusion ?? 'no conclusion'}`);
            sorted.details.push(`✗ check run ${run.name}: ${run.conclusion ?? 'no conclusion'}${suffix}`);
        }
    }
    let excludedStatus = false;
    const before = sorted.red.length + sorted.pending.length;
    for (const status of statuses) {
        if ((0,identity/* parseCheckRunName */.ex)(status.context))
            continue;
        sorted.reported++;
        if (excludedByConfig(status.context) || (ownRun && status.targetUrl?.includes(ownRun))) {
            excludedStatus = true;
            sorted.excluded.push(`${status.context} (${excludedByConfig(status.context) ? 'exclude:' : "this workflow run's own status"})`);
            continue;
        }
        const about = `${status.description ? ` (${status.description})` : ''}${status.targetUrl ? ` ${status.targetUrl}` : ''}`;
        if (status.state === 'success') {
            sorted.green.push(status.context);
            sorted.details.push(`✓ status ${status.context}: success`);
        }
        else if (status.state === 'pending') {
            sorted.pending.push(`${status.context}: pending`);
            sorted.details.push(`… status ${status.context}: pending${about}`);
        }
        else {
            sorted.red.push(`${status.context}: ${status.state}`);
            sorted.details.push(`✗ status ${status.context}: ${status.state}${about}`);
        }
    }
    // The listed statuses are the first 100; beyond that, the combined state covers them all.
    const statusProblems = sorted.red.length + sorted.pending.length - before;
    if (!excludedStatus && statuses.length >= STATUS_PAGE && combinedState !== 'success' && statusProblems === 0) {
        (combinedState === 'pending' ? sorted.pending : sorted.red).push(`combined status: ${combinedState}`);
        sorted.details.push(`✗ combined status: ${combinedState}`);
    }
    sorted.excluded = [...new Set(sorted.excluded)];
    if (sorted.excluded.length)
        sorted.details.push(`not waited for: ${sorted.excluded.join(', ')}`);
    return sorted;
}
function outcomeOf(target, sorted) {
    const expected = 'combined status success; newest check run of each name success, neutral or skipped';
    const { red, pending, green, details } = sorted;
    if (sorted.reported === 0) {
        return {
            status: 'failed',
            summary: `no CI has reported on ${target.label}: no commit statuses and no check runs besides release-gates' own`,
            measured: 'no CI results',
            expected,
            details,
        };
    }
    if (red.length === 0 && pending.length === 0) {
        const only = green.length === 0 ? `; nothing left to wait for after exclusions (${sorted.excluded.length} excluded)` : '';
        return {
            status: 'passed',
            summary: `CI green on ${target.label}: ${(0,github_scope/* plural */.LS)(green.length, 'check')} passed${only}`,
            measured: `${green.length}/${green.length} passed`,
            expected,
            details,
        };
    }
    const total = red.length + pending.length + green.length;
    const parts = [
        ...(red.length ? [`${red.length} red (${(0,src_text/* joinList */.D)(red, 'and')})`] : []),
        ...(pending.length ? [`${pending.length} pending (${(0,src_text/* joinList */.D)(pending, 'and')})`] : []),
    ];
    return {
        status: 'failed',
        summary: `${red.length ? 'CI not green' : 'CI still running'} on ${target.label}: ${parts.join(', ')}`,
        measured: `${red.length} red, ${pending.length} pending, ${green.length} passed of ${total}`,
        expected,
        details,
    };
}
const githubCiKind = {
    name: 'github-ci',
    key: 'github-ci',
    schema: Schema,
    describe: (config) => `CI green on ${describeTarget(config['github-ci'])}`,
    plan(config, context) {
        const target = config['github-ci'];
        return (0,github_scope/* githubRun */.pV)({ kind: 'github-ci', timeout: config.timeout, context }, async (github) => {
            const resolved = await resolveTarget(github, target, context.scope.headSha);
            if (!resolved)
                return (0,github_scope/* noCommitOutcome */.jf)('github-ci');
            const [combined, runs] = await Promise.all([
                (0,github_scope/* ask */.kA)(`reading the combined status of ${resolved.label}`, () => github.api.getCombinedStatus(resolved.sha)),
                (0,github_scope/* ask */.kA)(`listing the check runs of ${resolved.label}`, () => github.api.listCheckRuns(resolved.sha)),
            ]);
            return outcomeOf(resolved, sortResults(runs, combined.statuses, combined.state, github, target.exclude ?? []));
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/github-approvals/index.ts
/**
 * The `github-approvals` check kind: the pull request is approved, with no changes
 * requested (runbook 002, "PRs for target changes approved").
 *
 * ```yaml
 * - github-approvals: { min: 1 }
 * - github-approvals: { min: 2, on-head: true }   # count only approvals of the head commit
 * ```
 *
 * Each reviewer counts once, by their latest APPROVED, CHANGES_REQUESTED or DISMISSED
 * review (a later COMMENTED review changes nothing, as on GitHub). The PR author's own
 * reviews are ignored. Any outstanding CHANGES_REQUESTED fails the check, whatever the
 * commit it was made on. Needs a pull request: skipped on a run without one.
 */




const Options = schemas/* strictObject */.rej({
    /** Approvals needed (default 1). */
    min: schemas/* number */.aig().int().min(0).optional(),
    /** Count only approvals of the commit under test, not of earlier pushes. */
    'on-head': schemas/* boolean */.zMY().optional(),
});
const github_approvals_Schema = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    'github-approvals': schemas/* union */.KCZ([schemas/* null */.chJ(), Options], { error: 'expected { min: 1 } or { min: 1, on-head: true }' })
        .transform((options) => ({ min: options?.min ?? 1, onHead: options?.['on-head'] ?? false })),
});
/** Review states that replace a reviewer's earlier verdict; COMMENTED and PENDING do not. */
const VERDICTS = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);
/** Each reviewer's latest verdict, in the order reviewers first gave one. */
function latestVerdicts(reviews, author) {
    const ordered = [...reviews].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id - b.id);
    const latest = new Map();
    for (const review of ordered) {
        if (!VERDICTS.has(review.state) || !review.user || review.user.toLowerCase() === author.toLowerCase())
            continue;
        latest.set(review.user, review);
    }
    return latest;
}
function outcome(verdicts, config, pr, head) {
    const approved = [];
    const stale = [];
    const changes = [];
    const details = [];
    for (const [user, review] of verdicts) {
        const commit = review.commitId ? ` on ${(0,github_scope/* shortSha */.Fu)(review.commitId)}` : '';
        if (review.state === 'CHANGES_REQUESTED') {
            changes.push(user);
            details.push(`✗ ${user} requested changes${commit}`);
        }
        else if (review.state === 'DISMISSED') {
            details.push(`· ${user}: review dismissed${commit}`);
        }
        else if (config.onHead && review.commitId !== head) {
            stale.push(user);
            details.push(`· ${user} approved${commit}, not the head commit ${(0,github_scope/* shortSha */.Fu)(head)}`);
        }
        else {
            approved.push(user);
            details.push(`✓ ${user} approved${commit}`);
        }
    }
    const expected = `≥ ${(0,github_scope/* plural */.LS)(config.min, 'approval')}${config.onHead ? ` of ${(0,github_scope/* shortSha */.Fu)(head)}` : ''}, no changes requested`;
    const measured = `${(0,github_scope/* plural */.LS)(approved.length, 'approval')}${changes.length ? `, changes requested by ${(0,src_text/* joinList */.D)(changes, 'and')}` : ''}`;
    const who = approved.length ? ` (${(0,src_text/* joinList */.D)(approved, 'and')})` : '';
    if (changes.length === 0 && approved.length >= config.min) {
        return {
            status: 'passed',
            summary: `#${pr}: ${(0,github_scope/* plural */.LS)(approved.length, 'approval')}${who}, no changes requested`,
            measured,
            expected,
            details,
        };
    }
    const problems = [
        ...(changes.length ? [`changes requested by ${(0,src_text/* joinList */.D)(changes, 'and')}`] : []),
        ...(approved.length < config.min
            ? [
                `${approved.length} of ${(0,github_scope/* plural */.LS)(config.min, 'required approval')}${who}${stale.length ? `; ${(0,src_text/* joinList */.D)(stale, 'and')} approved an earlier commit` : ''}`,
            ]
            : []),
    ];
    return { status: 'failed', summary: `#${pr}: ${problems.join('; ')}`, measured, expected, details };
}
const githubApprovalsKind = {
    name: 'github-approvals',
    key: 'github-approvals',
    schema: github_approvals_Schema,
    describe: (config) => `PR approved (${(0,github_scope/* plural */.LS)(config['github-approvals'].min, 'approval')}), no changes requested`,
    plan(config, context) {
        return (0,github_scope/* pullRequestRun */.iM)({ kind: 'github-approvals', timeout: config.timeout, context }, async (github) => {
            const number = github.pullRequest.number;
            const [pr, reviews] = await Promise.all([
                (0,github_scope/* ask */.kA)(`reading pull request #${number}`, () => github.api.getPullRequest(number)),
                (0,github_scope/* ask */.kA)(`listing the reviews of #${number}`, () => github.api.listReviews(number)),
            ]);
            // The commit under test; locally (`--pr`) the PR's head.
            const head = github.eventName === 'local' ? pr.headSha : (context.scope.headSha ?? pr.headSha);
            return outcome(latestVerdicts(reviews, pr.author), config['github-approvals'], number, head);
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/github-issues/index.ts
/**
 * The `github-issues` check kind: no open issues with the given labels, or matching a
 * search (runbook 002, "No open P0 incidents affecting agent loop, auth, or data
 * integrity").
 *
 * ```yaml
 * - github-issues: { labels: [P0, incident] }          # none open with ANY of these labels
 * - github-issues: { query: "is:open label:P0 label:auth", max: 0 }
 * ```
 *
 * `labels:` lists the repository's open issues once per label (pull requests excluded).
 * `query:` uses GitHub's issue search, limited to this repository unless the query names
 * a `repo:`, `org:` or `user:`, and to issues unless it says `is:pr` or `is:issue`.
 * `max` is the number of matches allowed (default 0). Titles are shown as evidence;
 * reporters escape them.
 */



const Max = schemas/* number */.aig().int().min(0).optional();
const ByLabels = schemas/* strictObject */.rej({
    /** Labels; an open issue with any one of them counts. */
    labels: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1),
    /** Matches allowed (default 0). */
    max: Max,
});
const ByQuery = schemas/* strictObject */.rej({
    /** A GitHub issue search, e.g. `is:open label:P0`. */
    query: schemas/* string */.YjP().min(1),
    max: Max,
});
const github_issues_Schema = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    'github-issues': schemas/* union */.KCZ([ByLabels, ByQuery], {
        error: 'expected { labels: [P0, incident] } or { query: "is:open label:P0" }, optionally with max: 0',
    }),
});
/** Issues shown in the summary line; the details list them all. */
const SHOWN = 5;
/** The search as sent: limited to this repository and to issues unless the query says otherwise. */
function scopedQuery(query, github) {
    const parts = [query.trim()];
    if (!/(^|\s)-?(repo|org|user):/i.test(query))
        parts.push(`repo:${github.owner}/${github.repo}`);
    if (!/(^|\s)(is|type):(issue|pr|pull-request)\b/i.test(query))
        parts.push('is:issue');
    return parts.join(' ');
}
function line(issue) {
    return `#${issue.number} ${issue.title}${issue.labels.length ? ` [${issue.labels.join(', ')}]` : ''} ${issue.htmlUrl}`;
}
function github_issues_outcome(issues, total, what, max, note) {
    const expected = `≤ ${max}`;
    const measured = String(total);
    const details = [...note, ...issues.map(line), ...(total > issues.length ? [`… and ${total - issues.length} more`] : [])];
    if (total <= max) {
        const summary = total === 0 ? `no ${what(0)}` : `${total} ${what(total)}, at most ${max} allowed`;
        return { status: 'passed', summary, measured, expected, details };
    }
    const listed = issues.slice(0, SHOWN).map((issue) => `#${issue.number} ${issue.title}`);
    const more = total > listed.length ? `, and ${total - listed.length} more` : '';
    return {
        status: 'failed',
        summary: `${total} ${what(total)}${max > 0 ? ` (at most ${max} allowed)` : ''}: ${listed.join('; ')}${more}`,
        measured,
        expected,
        details,
    };
}
const githubIssuesKind = {
    name: 'github-issues',
    key: 'github-issues',
    schema: github_issues_Schema,
    describe: (config) => {
        const spec = config['github-issues'];
        return 'labels' in spec ? `no open issues labelled ${spec.labels.join(' or ')}` : `no issues matching "${spec.query}"`;
    },
    plan(config, context) {
        const spec = config['github-issues'];
        const max = spec.max ?? 0;
        return (0,github_scope/* githubRun */.pV)({ kind: 'github-issues', timeout: config.timeout, context }, async (github) => {
            if ('labels' in spec) {
                // One list per label: GitHub's `labels` filter wants every label at once.
                const lists = await Promise.all(spec.labels.map((label) => (0,github_scope/* ask */.kA)(`listing open issues labelled ${label}`, () => github.api.listIssues({ labels: [label], state: 'open' }))));
                const byNumber = new Map();
                for (const issue of lists.flat())
                    if (!issue.isPullRequest)
                        byNumber.set(issue.number, issue);
                const issues = [...byNumber.values()].sort((a, b) => a.number - b.number);
                const labels = spec.labels.join(' or ');
                return github_issues_outcome(issues, issues.length, (n) => `open ${n === 1 ? 'issue' : 'issues'} labelled ${labels}`, max, []);
            }
            const q = scopedQuery(spec.query, github);
            const found = await (0,github_scope/* ask */.kA)(`searching issues for "${q}"`, () => github.api.searchIssues(q));
            const items = [...found.items].sort((a, b) => a.number - b.number);
            return github_issues_outcome(items, found.total, (n) => `${n === 1 ? 'issue' : 'issues'} matching "${spec.query}"`, max, [`searched: ${q}`]);
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/labels/index.ts
/**
 * The `labels` check kind: the pull request has the required labels and none of the
 * forbidden ones.
 *
 * ```yaml
 * - labels: { required: [release-approved], forbidden: [do-not-merge] }
 * ```
 *
 * Labels are read fresh from the API, not from the event payload: a re-run reuses the
 * old payload, and a label added since must count. Names compare case-insensitively, as
 * GitHub's do. Needs a pull request: skipped on a run without one.
 */




const Names = schemas/* array */.YOg(schemas/* string */.YjP().min(1));
const labels_Schema = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    labels: schemas/* strictObject */.rej({
        /** Labels the PR must have. */
        required: Names.optional(),
        /** Labels the PR must not have. */
        forbidden: Names.optional(),
    })
        .refine((labels) => (labels.required?.length ?? 0) + (labels.forbidden?.length ?? 0) > 0, {
        error: 'expected "required" or "forbidden" labels, e.g. { required: [release-approved], forbidden: [do-not-merge] }',
    }),
});
function labels_outcome(config, present, pr) {
    const has = (name) => present.some((label) => label.toLowerCase() === name.toLowerCase());
    const required = config.required ?? [];
    const forbidden = config.forbidden ?? [];
    const missing = required.filter((name) => !has(name));
    const found = forbidden.filter(has);
    const details = [
        `labels on #${pr}: ${present.length ? present.join(', ') : 'none'}`,
        ...required.map((name) => `${has(name) ? '✓' : '✗'} required ${name}${has(name) ? '' : ': missing'}`),
        ...forbidden.map((name) => `${has(name) ? '✗' : '✓'} forbidden ${name}${has(name) ? ': present' : ''}`),
    ];
    const expected = [
        ...(required.length ? [`has ${(0,src_text/* joinList */.D)(required, 'and')}`] : []),
        ...(forbidden.length ? [`none of ${forbidden.join(', ')}`] : []),
    ].join('; ');
    const measured = present.length ? present.join(', ') : 'no labels';
    if (missing.length === 0 && found.length === 0) {
        return { status: 'passed', summary: `#${pr}: ${expected}`, measured, expected, details };
    }
    const problems = [
        ...(missing.length ? [`missing required ${missing.length === 1 ? 'label' : 'labels'} ${(0,src_text/* joinList */.D)(missing, 'and')}`] : []),
        ...(found.length ? [`has forbidden ${found.length === 1 ? 'label' : 'labels'} ${(0,src_text/* joinList */.D)(found, 'and')}`] : []),
    ];
    return { status: 'failed', summary: `#${pr}: ${problems.join('; ')}`, measured, expected, details };
}
const labelsKind = {
    name: 'labels',
    key: 'labels',
    schema: labels_Schema,
    describe: (config) => 'PR ' +
        [
            ...(config.labels.required?.length ? [`labelled ${(0,src_text/* joinList */.D)(config.labels.required, 'and')}`] : []),
            ...(config.labels.forbidden?.length ? [`not ${config.labels.forbidden.join(' or ')}`] : []),
        ].join(', '),
    plan(config, context) {
        return (0,github_scope/* pullRequestRun */.iM)({ kind: 'labels', timeout: config.timeout, context }, async (github) => {
            const number = github.pullRequest.number;
            const present = await (0,github_scope/* ask */.kA)(`listing the labels of #${number}`, () => github.api.listLabels(number));
            return labels_outcome(config.labels, present, number);
        });
    },
};

// EXTERNAL MODULE: ./src/checks/environment-passed/index.ts
var environment_passed = __webpack_require__(8034);
;// CONCATENATED MODULE: ./src/checks/checklist/index.ts



const Item = schemas/* string */.YjP().trim().min(1);
const checklist_Schema = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    checklist: schemas/* union */.KCZ([Item, schemas/* array */.YOg(Item).min(1)], { error: 'expected checklist items, e.g. ["Cost guardrails verified in staging"]' })
        .transform((items) => (typeof items === 'string' ? [items] : items)),
});
/** Text as people read it: whitespace collapsed. */
function tidy(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/**
 * The key items are matched by: case-insensitive, whitespace normalised. Backticks are
 * dropped, since the PR side is read as text (`` `x` `` shows as x).
 */
function key(text) {
    return tidy(text.replace(/`/g, '')).normalize('NFC').toLowerCase();
}
/** The visible text of inline markdown (`**Cost** guardrails` → `Cost guardrails`). */
function textOf(node) {
    if (node.type === 'text' || node.type === 'inlineCode')
        return node.value;
    if (node.type === 'break')
        return ' ';
    if (node.type === 'image' || node.type === 'imageReference')
        return node.alt ?? '';
    return 'children' in node ? node.children.map((child) => textOf(child)).join('') : '';
}
/**
 * Every task-list item of a markdown document, nested ones included; code blocks hold
 * none. The markdown parser is loaded on first use.
 */
async function taskItems(markdown) {
    const { parseTaskListMarkdown } = await Promise.all(/* import() */[__webpack_require__.e(64), __webpack_require__.e(873)]).then(__webpack_require__.bind(__webpack_require__, 5873));
    const tree = parseTaskListMarkdown(markdown);
    const items = [];
    const visit = (node) => {
        if (node.type === 'listItem' && typeof node.checked === 'boolean') {
            const label = node.children.find((child) => child.type === 'paragraph');
            items.push({ text: tidy(label ? textOf(label) : ''), checked: node.checked });
        }
        if ('children' in node)
            for (const child of node.children)
                visit(child);
    };
    visit(tree);
    return items;
}
function stateOf(item, tasks) {
    const found = tasks.filter((task) => key(task.text) === key(item));
    const open = found.find((task) => !task.checked);
    if (open)
        return { item, state: 'unticked', shown: open.text };
    return found.length ? { item, state: 'ticked' } : { item, state: 'missing' };
}
const RERUN = 'then re-run (the `edited` trigger does it)';
function checklist_outcome(items, tasks, pr) {
    const states = items.map((item) => stateOf(item, tasks));
    const waiting = states.filter((state) => state.state !== 'ticked');
    const ticked = states.length - waiting.length;
    const details = states.map((state) => state.state === 'ticked'
        ? `✓ - [x] ${state.item}`
        : state.state === 'unticked'
            ? `☐ - [ ] ${state.shown}: not ticked`
            : `☐ ${state.item}: not in the PR description`);
    const measured = `${ticked} of ${items.length} ticked`;
    const expected = `ticked in #${pr}'s description: ${items.map((item) => `- [x] ${item}`).join('; ')}`;
    if (waiting.length === 0) {
        return {
            status: 'passed',
            summary: `#${pr}: ${items.length === 1 ? 'the item is' : `all ${items.length} items are`} ticked`,
            measured,
            expected,
            details,
        };
    }
    const actions = waiting.map((state) => (state.state === 'unticked' ? `tick \`- [ ] ${state.shown}\`` : `add \`- [x] ${state.item}\``));
    const summary = waiting.length === 1 && waiting[0]
        ? `${actions[0] ?? ''} ${waiting[0].state === 'unticked' ? 'in' : 'to'} the PR description of #${pr}, ${RERUN}`
        : `${waiting.length} of ${items.length} items not ticked in the PR description of #${pr}: ${actions.join('; ')}; ${RERUN}`;
    return { status: 'pending', summary, measured, expected, details };
}
const checklistKind = {
    name: 'checklist',
    key: 'checklist',
    schema: checklist_Schema,
    describe: (config) => config.checklist.length === 1 ? `checked: ${config.checklist[0] ?? ''}` : `checklist: ${config.checklist.length} items ticked`,
    plan(config, context) {
        return (0,github_scope/* pullRequestRun */.iM)({ kind: 'checklist', timeout: config.timeout, context }, async (github) => {
            const number = github.pullRequest.number;
            const pr = await (0,github_scope/* ask */.kA)(`reading pull request #${number}`, () => github.api.getPullRequest(number));
            return checklist_outcome(config.checklist, await taskItems(pr.body), number);
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/junit/schema.ts
/**
 * Config of the `junit` check kind: test evidence from JUnit XML reports, as a
 * gate-to-test mapping (runbook 001).
 *
 * ```yaml
 * - name: API contract tests all pass
 *   junit: reports/**\/*.xml
 *   files: [tests/test_web_api_week1.py]
 * - name: E2E happy path passes
 *   junit: [reports/pytest.xml, reports/jest.xml]
 *   tests: [test_resume_and_jd_workflow_transitions, test_export_endpoint_creates_artifact_and_marks_exported]
 * - name: the whole suite ran
 *   junit: reports/*.xml
 *   min-tests: 200
 * ```
 */


const Pattern = schemas/* string */.YjP().min(1, { error: 'expected a path or glob of JUnit XML reports, e.g. reports/**/*.xml' });
/** Reports to read: a path or glob, or a list of them, relative to the working directory. */
const ReportPatterns = schemas/* union */.KCZ([Pattern, schemas/* array */.YOg(Pattern).min(1)], { error: 'expected a path or glob of JUnit XML reports, or a list of them' })
    .transform((value) => (Array.isArray(value) ? value : [value]));
const JUnitCheck = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    /** Reports: a path or glob, or a list, relative to the working directory. */
    junit: ReportPatterns,
    /** Tests that must have run and passed: a name, `classname::name`, `classname.name` or a pytest node id. */
    tests: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1).optional(),
    /** Source files whose every test must have run and passed. */
    files: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1).optional(),
    /** At least this many passed tests (in `files:` when given, else in all reports). */
    'min-tests': common/* Numeric */.ew.pipe(schemas/* number */.aig().int().min(1, { error: 'expected min-tests of at least 1' })).optional(),
    /** Let skipped tests through in `files:` and in the whole-report check (never in `tests:`). */
    'allow-skipped': schemas/* boolean */.zMY().optional(),
    /** Reports older than this are ignored, as left over from an earlier run. */
    'max-age': common/* Duration */.dw.optional(),
});

;// CONCATENATED MODULE: ./src/checks/junit/select.ts
const SOURCE_EXTENSION = /\.(py|[cm]?[jt]sx?|rb|java|kt|go|rs|cs|php)$/;
function normalisePath(path) {
    return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
/** True when two paths name the same file, one possibly relative to a deeper root. */
function samePath(a, b) {
    const x = normalisePath(a);
    const y = normalisePath(b);
    if (x === '' || y === '')
        return false;
    return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}
/** `tests/test_api.py` → `tests.test_api`; undefined for a path that is not Python. */
function pythonModule(path) {
    const normal = normalisePath(path);
    if (!normal.endsWith('.py'))
        return undefined;
    return normal.slice(0, -3).replace(/\//g, '.');
}
/** True when dotted `name` is `text`, or ends in `.text`. */
function dottedSuffix(name, text) {
    return name === text || name.endsWith(`.${text}`);
}
/** True when dotted `classname` lies in module `module` (itself or a class in it), at any package depth. */
function inModule(classname, module) {
    return (classname === module || classname.startsWith(`${module}.`) || classname.endsWith(`.${module}`) || classname.includes(`.${module}.`));
}
/** A case's name without pytest's parameter suffix: `test_x[pdf]` → `test_x`. */
function baseName(name) {
    return name.replace(/\[[^\]]*\]$/, '');
}
function nameMatches(caseName, wanted) {
    return caseName === wanted || baseName(caseName) === wanted;
}
/** A node id's class part as dotted text: `tests/test_api.py::TestX` → `tests.test_api.TestX`. */
function dottedClass(text) {
    return text
        .split('::')
        .map((part) => (SOURCE_EXTENSION.test(part) ? normalisePath(part).replace(SOURCE_EXTENSION, '').replace(/\//g, '.') : part))
        .join('.');
}
/** True when test case `test` is the one named `wanted` (see the module comment). */
function matchesTest(test, wanted) {
    if (nameMatches(test.name, wanted))
        return true;
    const separator = wanted.lastIndexOf('::');
    if (separator > 0) {
        const owner = wanted.slice(0, separator);
        const name = wanted.slice(separator + 2);
        if (!nameMatches(test.name, name))
            return false;
        const first = owner.split('::')[0] ?? '';
        if (SOURCE_EXTENSION.test(first) && test.file !== undefined && !owner.includes('::')) {
            if (samePath(test.file, first))
                return true;
        }
        return test.classname !== '' && dottedSuffix(test.classname, dottedClass(owner));
    }
    if (!wanted.includes('.') || test.classname === '')
        return false;
    const full = `${test.classname}.${test.name}`;
    return dottedSuffix(full, wanted) || dottedSuffix(`${test.classname}.${baseName(test.name)}`, wanted);
}
/** True when test case `test` comes from source file `path` (see the module comment). */
function inFile(test, path) {
    if (test.file !== undefined && samePath(test.file, path))
        return true;
    if (test.suites.some((suite) => SOURCE_EXTENSION.test(suite) && samePath(suite, path)))
        return true;
    const module = pythonModule(path);
    if (module === undefined)
        return false;
    if (test.classname !== '')
        return inModule(test.classname, module);
    // A module pytest could not import: a case named after the module, with no classname.
    return dottedSuffix(test.name, module);
}
/** True when some case carries any file information a `files:` entry could match. */
function hasFileInformation(tests) {
    return tests.some((test) => test.file !== undefined ||
        test.suites.some((suite) => SOURCE_EXTENSION.test(suite)) ||
        /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(test.classname));
}

;// CONCATENATED MODULE: ./src/checks/junit/index.ts
/**
 * The `junit` check kind: test evidence from JUnit XML (PRODUCT.md, preflight: "the
 * named tests or files ran and passed, not skipped"). Runbook 001's gate-to-test
 * mapping reads as:
 *
 * ```yaml
 * - { name: API contract tests all pass, junit: reports/*.xml, files: [tests/test_web_api_week1.py] }
 * - name: E2E happy path passes
 *   junit: reports/*.xml
 *   tests: [test_resume_and_jd_workflow_transitions, test_export_endpoint_creates_artifact_and_marks_exported]
 * ```
 *
 * A named test passes only when every case it matches passed: skipped, failed, errored
 * and missing tests do not. A file passes when it has at least one case and all of them
 * passed. With neither `tests:` nor `files:`, every case in the reports must pass.
 * Evidence lists each named test and file with its status and the report it came from.
 */






const STATUS_ORDER = ['errored', 'failed', 'skipped', 'passed'];
/** `3 passed, 1 failed` in a fixed order; `no tests` when empty. */
function countText(tests) {
    const parts = STATUS_ORDER.slice()
        .reverse()
        .map((status) => [status, tests.filter((test) => test.status === status).length])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${status}`);
    return parts.length ? parts.join(', ') : 'no tests';
}
function worst(tests) {
    return STATUS_ORDER.find((status) => tests.some((test) => test.status === status)) ?? 'passed';
}
function reportsOf(tests) {
    return [...new Set(tests.map((test) => test.report))].join(', ');
}
/** How a case is named in evidence: `classname::name`, or the name when it already says it all. */
function label(test) {
    return test.classname === '' || test.name.startsWith(test.classname) ? test.name : `${test.classname}::${test.name}`;
}
function caseLine(test, indent = '    ') {
    return `${indent}✗ ${label(test)}: ${test.status}${test.message ? ` — ${test.message}` : ''} (${test.report})`;
}
function namedTest(all, name, reportCount) {
    const matched = all.filter((test) => matchesTest(test, name));
    if (matched.length === 0) {
        const where = `in ${reportCount} ${reportCount === 1 ? 'report' : 'reports'}`;
        return { ok: false, line: `${name}: missing (not found ${where})`, reason: `${name} missing`, cases: [] };
    }
    const status = worst(matched);
    const ok = status === 'passed';
    const first = matched.find((test) => test.status === status);
    const message = !ok && first?.message ? ` — ${first.message}` : '';
    const counts = matched.length > 1 ? countText(matched) : status;
    return {
        ok,
        line: `${name}: ${counts}${message} (${reportsOf(matched)})`,
        reason: `${name} ${status}`,
        cases: matched.length > 1 ? matched.filter((test) => test.status !== 'passed') : [],
    };
}
function blocks(test, allowSkipped) {
    return test.status === 'failed' || test.status === 'errored' || (test.status === 'skipped' && !allowSkipped);
}
function fileVerdict(all, path, allowSkipped) {
    const matched = all.filter((test) => inFile(test, path));
    if (matched.length === 0) {
        return { ok: false, line: `file ${path}: missing (no test case from it in the reports)`, reason: `${path} missing`, cases: [] };
    }
    const bad = matched.filter((test) => blocks(test, allowSkipped));
    const passed = matched.filter((test) => test.status === 'passed').length;
    const ok = bad.length === 0 && passed > 0;
    return {
        ok,
        line: `file ${path}: ${countText(matched)} (${reportsOf(matched)})`,
        reason: ok ? '' : passed === 0 && bad.length === 0 ? `${path}: no test passed` : `${path}: ${countText(bad)}`,
        cases: bad,
    };
}
function allVerdict(all, allowSkipped) {
    const bad = all.filter((test) => blocks(test, allowSkipped));
    const passed = all.filter((test) => test.status === 'passed').length;
    const ok = bad.length === 0 && passed > 0;
    return {
        ok,
        line: `all tests: ${countText(all)}`,
        reason: ok ? '' : bad.length === 0 ? 'no test passed' : countText(bad),
        cases: bad,
    };
}
function minimumVerdict(passed, minimum, inFiles) {
    const where = inFiles ? ' in the listed files' : '';
    return {
        ok: passed >= minimum,
        line: `min-tests: ${passed} passed${where} (expected ≥ ${minimum})`,
        reason: `${passed} tests passed${where}, expected ≥ ${minimum}`,
        cases: [],
    };
}
const CASES_SHOWN = 20;
function verdictLines(verdict) {
    const lines = [`${verdict.ok ? '✓' : '✗'} ${verdict.line}`];
    const shownCases = verdict.cases.slice(0, CASES_SHOWN).map((test) => caseLine(test));
    if (verdict.cases.length > CASES_SHOWN)
        shownCases.push(`    … and ${verdict.cases.length - CASES_SHOWN} more`);
    return [...lines, ...shownCases];
}
/** What was expected, in one line. */
function junit_expectedText(config) {
    const parts = [];
    if (config.tests)
        parts.push(`${config.tests.length} named ${config.tests.length === 1 ? 'test' : 'tests'} passed`);
    if (config.files)
        parts.push(`every test in ${config.files.length} ${config.files.length === 1 ? 'file' : 'files'} passed`);
    if (!config.tests && !config.files)
        parts.push('every test passed');
    if (config['min-tests'] !== undefined)
        parts.push(`≥ ${config['min-tests']} passed`);
    return parts.join(', ') + (config['allow-skipped'] ? '' : ', none skipped');
}
/** Evaluates the check on the cases read from the reports. Exported for tests. */
function evaluate(config, all, reportCount) {
    const allowSkipped = config['allow-skipped'] ?? false;
    const named = (config.tests ?? []).map((name) => namedTest(all, name, reportCount));
    const files = (config.files ?? []).map((path) => fileVerdict(all, path, allowSkipped));
    const verdicts = [...named, ...files];
    if (!config.tests && !config.files)
        verdicts.push(allVerdict(all, allowSkipped));
    const minimum = config['min-tests'];
    const scope = config.files ? all.filter((test) => config.files?.some((path) => inFile(test, path))) : all;
    const passedInScope = scope.filter((test) => test.status === 'passed').length;
    if (minimum !== undefined)
        verdicts.push(minimumVerdict(passedInScope, minimum, config.files !== undefined));
    const details = verdicts.flatMap(verdictLines);
    if (files.some((verdict) => verdict.line.endsWith('missing (no test case from it in the reports)')) && !hasFileInformation(all)) {
        details.push('note: no test case in the reports names its file. pytest names it in its dotted classname; for jest-junit set addFileAttribute: "true" or suiteNameTemplate: "{filepath}"');
    }
    const measuredParts = [];
    if (named.length)
        measuredParts.push(`${named.filter((v) => v.ok).length}/${named.length} named tests passed`);
    if (files.length)
        measuredParts.push(`${files.filter((v) => v.ok).length}/${files.length} files passed`);
    if (!config.tests && !config.files)
        measuredParts.push(countText(all));
    // The whole-report count already says how many passed.
    if (minimum !== undefined && (config.tests || config.files))
        measuredParts.push(`${passedInScope} passed${config.files ? ' in the files' : ''}`);
    const measured = measuredParts.join('; ');
    const failed = verdicts.filter((verdict) => !verdict.ok);
    const expected = junit_expectedText(config);
    if (failed.length === 0) {
        return {
            status: 'passed',
            summary: `${measured} (${reportCount} ${reportCount === 1 ? 'report' : 'reports'})`,
            measured,
            expected,
            details,
        };
    }
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return { status: 'failed', summary: `${failed[0]?.reason ?? 'failed'}${more}`, measured, expected, details };
}
function describe(config) {
    const target = config.tests
        ? config.tests.length === 1
            ? (config.tests[0] ?? '')
            : `${config.tests.length} tests`
        : config.files
            ? config.files.join(', ')
            : 'all tests';
    return `junit ${target}`;
}
const junitKind = {
    name: 'junit',
    key: 'junit',
    schema: JUnitCheck,
    describe,
    plan(config, context) {
        const cwd = context.scope.cwd;
        const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
        return {
            timeoutMs,
            run: async ({ signal, progress }) => {
                const found = await findAll(cwd, config.junit);
                const maxAge = config['max-age'];
                const now = Date.now();
                const reports = maxAge === undefined ? found : found.filter((report) => now - report.mtimeMs <= maxAge);
                const stale = found.filter((report) => !reports.includes(report));
                const staleLines = stale.map((report) => `ignored ${report.path}: ${(0,units/* formatDuration */.a3)(now - report.mtimeMs)} old (max-age ${(0,units/* formatDuration */.a3)(maxAge ?? 0)})`);
                const patterns = config.junit.join(', ');
                if (reports.length === 0) {
                    const why = stale.length
                        ? `only reports older than max-age ${(0,units/* formatDuration */.a3)(maxAge ?? 0)} match ${patterns}`
                        : `no JUnit report matches ${patterns}`;
                    return {
                        status: 'failed',
                        summary: why,
                        measured: stale.length ? `${stale.length} stale reports` : 'no report',
                        expected: `a JUnit report matching ${patterns}`,
                        details: [`looked in ${cwd}`, ...staleLines],
                    };
                }
                progress(`reading ${reports.length} JUnit ${reports.length === 1 ? 'report' : 'reports'}`);
                const all = [];
                const broken = [];
                // The XML parser is loaded on first use: start-up stays short without junit checks.
                const { JUnitParseError, parseJUnit } = await Promise.all(/* import() */[__webpack_require__.e(893), __webpack_require__.e(601)]).then(__webpack_require__.bind(__webpack_require__, 9601));
                for (const report of reports) {
                    if (signal.aborted)
                        break;
                    try {
                        all.push(...parseJUnit(await (0,promises_.readFile)(report.absolute, 'utf8'), report.path));
                    }
                    catch (error) {
                        broken.push(error instanceof JUnitParseError
                            ? error.message
                            : `${report.path} cannot be read (${error.code ?? String(error)})`);
                    }
                }
                const reportLines = reports.map((report) => {
                    const cases = all.filter((test) => test.report === report.path);
                    return `report ${report.path}: ${cases.length} ${cases.length === 1 ? 'test' : 'tests'} (${countText(cases)})`;
                });
                if (broken.length) {
                    return {
                        status: 'failed',
                        summary: `${broken[0] ?? ''}${broken.length > 1 ? ` (+${broken.length - 1} more)` : ''}`,
                        measured: `${broken.length} unreadable ${broken.length === 1 ? 'report' : 'reports'}`,
                        expected: 'JUnit XML reports',
                        details: context.secrets.redactDeep([...broken.map((line) => `✗ ${line}`), ...reportLines, ...staleLines]),
                    };
                }
                const outcome = evaluate(config, all, reports.length);
                return context.secrets.redactDeep({ ...outcome, details: [...reportLines, ...staleLines, ...outcome.details] });
            },
        };
    },
};

// EXTERNAL MODULE: ./src/config/source.ts
var config_source = __webpack_require__(9397);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/io/database.ts
var io_database = __webpack_require__(8659);
// EXTERNAL MODULE: ./src/io/postgres-url.ts
var postgres_url = __webpack_require__(5613);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
;// CONCATENATED MODULE: ./src/checks/backup/tools.ts
/**
 * The PostgreSQL client programs, run through the {@link ProcessRunner}: `pg_dump -Fc`,
 * and `pg_restore` (or `psql` for a plain SQL dump). Connection strings go on the
 * command line without their password; the password goes in `PGPASSWORD`.
 */





/** How long libpq waits to connect, unless PGCONNECT_TIMEOUT is set. */
const CONNECT_TIMEOUT_S = '15';
function libpqEnv(url) {
    return {
        ...url.env,
        PGAPPNAME: 'release-gates',
        ...(process.env.PGCONNECT_TIMEOUT ? {} : { PGCONNECT_TIMEOUT: CONNECT_TIMEOUT_S }),
    };
}
const tools_TAIL_LINES = 8;
const POSTGRES_PROGRAMS = new Set(['pg_dump', 'pg_restore', 'psql']);
/** The useful lines of a tool's stderr: `pg_dump: error: x` → `x`. */
function stderrLines(stderr) {
    return stderr
        .split(/\r?\n/)
        .map((line) => line
        .replace(/^(pg_dump|pg_restore|psql|pg_dumpall):\s*(error:\s*)?/, '')
        .replace(/\s+/g, ' ')
        .trim())
        .filter((line) => line.length > 0);
}
/** Why a run failed, in one line, naming the program. */
function tools_failureOf(program, result, signal) {
    if (result.startError) {
        return result.startError.startsWith('command not found') && POSTGRES_PROGRAMS.has(program)
            ? `${program} is not installed (${result.startError}); install the PostgreSQL client programs (Debian: postgresql-client)`
            : `${program} could not start: ${result.startError}`;
    }
    if (result.timedOut || signal.aborted)
        return `${program} was stopped: the check's time ran out`;
    const lines = stderrLines(result.stderr);
    const detail = lines.find((line) => /error|fatal|failed|could not|does not exist|denied/i.test(line)) ?? lines.at(-1);
    const how = result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exit ${result.exitCode}`;
    return `${program} failed (${how})${detail ? `: ${detail}` : ''}`;
}
async function runTool(program, args, url, context) {
    const result = await context.process.run({
        argv: [program, ...args],
        cwd: context.cwd,
        env: libpqEnv(url),
        timeoutMs: context.timeoutMs,
        signal: context.signal,
    });
    const ok = result.exitCode === 0 && !result.timedOut && result.startError === undefined;
    return {
        ok,
        shown: [program, ...args].join(' '),
        failure: ok ? '' : tools_failureOf(program, result, context.signal),
        stderrTail: stderrLines(result.stderr).slice(-tools_TAIL_LINES),
        elapsedMs: result.elapsedMs,
    };
}
/**
 * `pg_dump -Fc` of `url` into `target` (absolute; shown as `shownTarget`), written to
 * `target.partial` and renamed when complete, so a failed dump never leaves a file that
 * looks like a backup.
 */
async function pgDump(url, target, shownTarget, extraArgs, context) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
    const partial = `${target}.partial`;
    const run = await runTool('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`, ...extraArgs, `--dbname=${url.safe}`], url, context);
    if (run.ok)
        await (0,promises_.rename)(partial, target);
    else
        await (0,promises_.rm)(partial, { force: true, recursive: true });
    return { ...run, shown: run.shown.replace(`--file=${partial}`, `--file=${shownTarget}`) };
}
/** What a dump file is, from its first bytes: pg_restore reads custom, tar and directory dumps; psql plain SQL. */
async function dumpFormat(path, isDirectory) {
    if (isDirectory)
        return 'archive';
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const head = Buffer.alloc(512);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        const bytes = head.subarray(0, bytesRead);
        if (bytes.subarray(0, 5).toString('latin1') === 'PGDMP')
            return 'archive';
        if (bytes.subarray(257, 262).toString('latin1') === 'ustar')
            return 'archive';
        if (bytes[0] === 0x1f && bytes[1] === 0x8b)
            return 'gzip';
        return 'plain';
    }
    finally {
        await handle.close();
    }
}
/**
 * Restores `file` into the database `url` names. Archives go through `pg_restore` with
 * `--no-owner --no-privileges --exit-on-error` (and `--clean --if-exists` when `clean`:
 * an existing scratch database); plain SQL through `psql -v ON_ERROR_STOP=1` in one
 * transaction. A `CREATE DATABASE` in the dump is not used: the target is `url`.
 */
async function restore(file, format, url, clean, context) {
    if (format === 'archive') {
        const args = [
            '--no-password',
            '--no-owner',
            '--no-privileges',
            '--exit-on-error',
            ...(clean ? ['--clean', '--if-exists'] : []),
            `--dbname=${url.safe}`,
            file,
        ];
        return runTool('pg_restore', args, url, context);
    }
    const args = [
        '--no-password',
        '--no-psqlrc',
        '--quiet',
        '--set=ON_ERROR_STOP=1',
        '--single-transaction',
        `--dbname=${url.safe}`,
        `--file=${file}`,
    ];
    return runTool('psql', args, url, context);
}
/**
 * The first line of a plain SQL dump that would switch databases (`\connect`, or
 * `CREATE DATABASE` from `pg_dump --create`): psql would follow it and write to the
 * database it names instead of the scratch one. Undefined when there is none.
 */
async function switchesDatabase(file) {
    const input = (0,external_node_fs_.createReadStream)(file, { encoding: 'utf8' });
    const lines = (0,external_node_readline_.createInterface)({ input, crlfDelay: Infinity });
    try {
        for await (const line of lines) {
            if (/^\\(connect|c)\b/.test(line) || /^CREATE DATABASE\b/i.test(line))
                return (0,src_text/* cut */.J)(line.trim(), 80);
        }
    }
    finally {
        lines.close();
        input.destroy();
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/checks/backup/drill.ts
/**
 * The restore drill (runbook 003, "Database restore drill"): restore the backup into a
 * scratch database, run a query there read-only, compare, and drop the scratch
 * database. The default scratch database is created on the source server and always
 * dropped, also when the restore or the query fails or the check is stopped.
 */









const RESULT_SHOWN = 200;
/** A fresh scratch database name: `release_gates_drill_<time>_<random>`. */
function scratchName() {
    return `release_gates_drill_${Date.now().toString(36)}_${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
}
/** Evaluates `expect:` on the query's rows. With no `expect:`, the query need only succeed. */
function drillAssertions(rows, expect) {
    if (!expect)
        return [];
    const out = [];
    const { rows: count, ...paths } = expect;
    if (count !== undefined)
        out.push(...applyMatcher('rows', [rows.length], count, true));
    for (const [path, matcher] of Object.entries(paths)) {
        out.push(...applyMatcher(path, queryJson(path, rows), matcher, true));
    }
    return out;
}
function showRows(rows) {
    const text = JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    return (0,src_text/* cut */.J)(text, RESULT_SHOWN);
}
async function dropScratch(database, server, name) {
    try {
        const admin = await database.connect(server.full);
        try {
            try {
                await admin.query(`DROP DATABASE IF EXISTS ${(0,postgres_url/* quoteIdentifier */.Cm)(name)} WITH (FORCE)`, [], { readOnly: false });
            }
            catch (error) {
                // WITH (FORCE) is PostgreSQL 13+.
                if ((0,io_database/* describeDatabaseError */.rB)(error).code !== '42601')
                    throw error;
                await admin.query(`DROP DATABASE IF EXISTS ${(0,postgres_url/* quoteIdentifier */.Cm)(name)}`, [], { readOnly: false });
            }
        }
        finally {
            await admin.close();
        }
        return undefined;
    }
    catch (error) {
        return (0,io_database/* describeDatabaseError */.rB)(error).message;
    }
}
/** Runs the drill on `file`. Failures are in the report; nothing is thrown. */
async function runDrill(file, plan, deps) {
    const details = [];
    const fail = (failure, extra = {}) => ({
        ok: false,
        failure,
        restoreMs: undefined,
        assertions: [],
        result: undefined,
        details,
        ...extra,
    });
    const format = await dumpFormat(file.absolute, file.isDirectory);
    if (format === 'gzip') {
        details.push(`✗ ${file.path} is gzip-compressed`);
        return fail(`restore drill: ${file.path} is gzip-compressed; a drill restores custom (-Fc), tar, directory or plain SQL dumps`);
    }
    if (format === 'plain') {
        const line = await switchesDatabase(file.absolute);
        if (line !== undefined) {
            details.push(`✗ ${file.path} switches database: ${line}`);
            return fail(`restore drill: the plain SQL dump ${file.path} switches database ("${line}", pg_dump --create); psql would restore into that database, not a scratch one. Use pg_dump -Fc, or a dump without --create`);
        }
    }
    let target;
    let scratch;
    if (plan.target.kind === 'scratch') {
        scratch = scratchName();
        const server = plan.target.server;
        deps.progress(`creating scratch database ${scratch}`);
        try {
            const admin = await deps.database.connect(server.full, { signal: deps.signal });
            try {
                await admin.query(`CREATE DATABASE ${(0,postgres_url/* quoteIdentifier */.Cm)(scratch)} TEMPLATE template0`, [], { readOnly: false, signal: deps.signal });
            }
            finally {
                await admin.close();
            }
        }
        catch (error) {
            const message = (0,io_database/* describeDatabaseError */.rB)(error).message;
            details.push(`✗ create scratch database ${scratch} on ${(0,postgres_url/* serverOf */.FN)(server)}: ${message}`);
            return fail(`restore drill: cannot create a scratch database on ${(0,postgres_url/* serverOf */.FN)(server)}: ${message}`);
        }
        details.push(`✓ created scratch database ${scratch} on ${(0,postgres_url/* serverOf */.FN)(server)}`);
        target = (0,postgres_url/* withDatabase */.kR)(server, scratch);
    }
    else {
        target = plan.target.into;
    }
    try {
        deps.progress(`restoring ${file.path} into ${target.database}`);
        const restored = await restore(file.absolute, format, target, plan.target.kind === 'existing', {
            process: deps.process,
            cwd: deps.cwd,
            signal: deps.signal,
            timeoutMs: deps.timeoutMs,
        });
        if (!restored.ok) {
            details.push(`✗ ${restored.shown} → ${restored.failure}`, ...restored.stderrTail.map((line) => `    ${line}`));
            return fail(`restore drill: ${restored.failure}`, { restoreMs: restored.elapsedMs });
        }
        details.push(`✓ restored ${file.path} into ${target.safe} in ${(0,units/* formatDuration */.a3)(restored.elapsedMs)} (${restored.shown.split(' ')[0] ?? ''})`);
        const restoreMs = restored.elapsedMs;
        if (plan.query === undefined)
            return { ok: true, failure: undefined, restoreMs, assertions: [], result: undefined, details };
        deps.progress('querying the restored database');
        let rows;
        try {
            const db = await deps.database.connect(target.full, { signal: deps.signal });
            try {
                rows = (await db.query(plan.query, [], { readOnly: true, signal: deps.signal })).rows;
            }
            finally {
                await db.close();
            }
        }
        catch (error) {
            const message = (0,io_database/* describeDatabaseError */.rB)(error).message;
            details.push(`✗ query ${plan.query}: ${message}`);
            return fail(`restore drill: the query failed: ${message}`, { restoreMs });
        }
        const result = showRows(rows);
        details.push(`  query ${plan.query} → ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}: ${result}`);
        const assertions = drillAssertions(rows, plan.expect);
        details.push(...assertions.map((assertion) => assertionLine(assertion)));
        const failed = assertions.filter((assertion) => !assertion.ok);
        const first = failed[0];
        if (first) {
            const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
            return fail(`restore drill: ${first.label}: measured ${first.measured}, expected ${first.expected}${more}`, {
                restoreMs,
                assertions,
                result,
            });
        }
        return { ok: true, failure: undefined, restoreMs, assertions, result, details };
    }
    finally {
        if (scratch !== undefined && plan.target.kind === 'scratch') {
            const problem = await dropScratch(deps.database, plan.target.server, scratch);
            details.push(problem === undefined ? `✓ dropped scratch database ${scratch}` : `⚠ could not drop scratch database ${scratch}: ${problem}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/checks/backup/schema.ts
/**
 * Config of the `backup` check kind (PRODUCT.md, preflight: "a backup exists: made by a
 * command or by `pg_dump`, non-empty and recent, with an optional restore drill").
 *
 * ```yaml
 * - name: pre-release backup
 *   backup: { pg-dump: "${DATABASE_URL}", to: backups/pre-release.dump }
 *   restore-drill:
 *     query: SELECT count(*) AS n FROM alembic_version
 *     expect: { rows: 1, $[0].n: { gte: 1 } }
 * - name: Database backup (runbook 003)
 *   backup: { command: [./scripts/backup_pg.sh], file: "*.dump" }
 *   restore-drill: { server: "${DATABASE_URL}", query: SELECT version_num FROM alembic_version, expect: { rows: 1 } }
 * - name: nightly backup is recent
 *   backup: { file: backups/*.dump, max-age: 26h }
 * ```
 */



/**
 * A PostgreSQL URL, usually `${DATABASE_URL}`. Checked when the check is planned, after
 * expansion, so that a complaint never prints the value (it holds a password).
 */
const DatabaseUrl = schemas/* string */.YjP().min(1, { error: 'expected a PostgreSQL URL, e.g. "${DATABASE_URL}"' });
const FilePattern = schemas/* string */.YjP().min(1, { error: 'expected a path or glob, e.g. backups/*.dump' });
const Common = {
    /** Smallest acceptable size (default 1 byte: non-empty). */
    'min-size': common/* Size */.or.optional(),
    /** Oldest acceptable file. */
    'max-age': common/* Duration */.dw.optional(),
};
/** `pg_dump -Fc` of a database into a file. */
const PgDumpBackup = schemas/* strictObject */.rej({
    'pg-dump': DatabaseUrl,
    /** The dump file, relative to the working directory. Written atomically. */
    to: schemas/* string */.YjP().min(1, { error: 'expected the dump file path, e.g. backups/pre-release.dump' }),
    /** More `pg_dump` arguments, e.g. [--schema=public]. */
    args: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    ...Common,
});
const Argv = schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1)], {
    error: 'expected a command: a list like [./scripts/backup_pg.sh] or a string',
});
/** The team's own backup command (runbook 003 `./scripts/backup_pg.sh`); its newest output file is the backup. */
const CommandBackup = schemas/* strictObject */.rej({
    command: Argv,
    /** The file the command writes: a path or glob; the newest match counts. */
    file: FilePattern,
    /** Variables added to the command's environment. */
    env: common/* Variables */.ut.optional(),
    ...Common,
});
/** An existing backup: only checked. */
const FileBackup = schemas/* strictObject */.rej({
    file: FilePattern,
    ...Common,
});
const BackupSource = schemas/* union */.KCZ([PgDumpBackup, CommandBackup, FileBackup], {
    error: 'expected { pg-dump: URL, to: file }, { command: [...], file: glob } or { file: glob, max-age: 2h }',
});
/** `rows:` (a count or bounds) and JSONPath matchers over the result rows (`$[0].n`). */
const DrillExpect = schemas/* object */.Ikc({ rows: schemas/* union */.KCZ([common/* Numeric */.ew, common/* NumericBounds */.NU]).optional() })
    .catchall(Matcher)
    .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
        if (key !== 'rows' && !key.startsWith('$')) {
            ctx.addIssue({
                code: 'custom',
                path: [key],
                message: `unknown key "${key}" (expected rows: or a JSONPath over the rows, e.g. $[0].n)`,
            });
        }
    }
});
/** Restore the backup into a scratch database, query it read-only, compare. */
const RestoreDrill = schemas/* strictObject */.rej({
    /** An existing scratch database to restore into (its objects are replaced; it is kept). */
    into: DatabaseUrl.optional(),
    /** The server to create a scratch database on (dropped after). Default: the `pg-dump` URL's server. */
    server: DatabaseUrl.optional(),
    /** A read-only query run on the restored database. */
    query: schemas/* string */.YjP().min(1).optional(),
    expect: DrillExpect.optional(),
});
const BackupCheck = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    backup: BackupSource,
    'restore-drill': RestoreDrill.optional(),
});

;// CONCATENATED MODULE: ./src/checks/backup/index.ts
/**
 * The `backup` check kind: make a backup (`pg_dump -Fc`, or the team's own command) or
 * check that a recent one exists, then optionally drill a restore (runbook 003,
 * "Backups / Restore"). Config shapes are in `schema.ts`.
 *
 * Database passwords are taken out of URLs, registered as secrets, and given to the
 * PostgreSQL programs in `PGPASSWORD`: never on a command line, never in evidence.
 */















/**
 * Per-attempt time of a backup check that sets no `timeout:`: at least 15 minutes, as a
 * dump and a restore take longer than an HTTP check's default. The gate's `deadline:`
 * still applies.
 */
const DEFAULT_BACKUP_TIMEOUT_MS = 15 * 60_000;
/** A command's output file may be this much older than the command's start (coarse file times). */
const MTIME_SLACK_MS = 2000;
/** What to write instead of a command string that needs a shell (a backup has no `shell:`). */
const LIST_HINT = 'write it as a list, e.g. [./scripts/backup_pg.sh, --out, backups], or [bash, -c, "…"] for a script';
/** A command string that only a shell could run. */
function commandProblems(config, path, source) {
    if (!('command' in config.backup) || typeof config.backup.command !== 'string')
        return [];
    const at = [...path, 'backup', 'command'];
    const words = splitCommandLine(config.backup.command, LIST_HINT);
    return words.ok ? [] : [source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: ${words.problem}`)];
}
/** The restore drill's cross-field rules. */
function drillProblems(config, path, source) {
    const drill = config['restore-drill'];
    if (!drill)
        return [];
    const at = [...path, 'restore-drill'];
    if (drill.into !== undefined && drill.server !== undefined) {
        return [source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: takes into: (an existing scratch database) or server: (where to create one), not both`)];
    }
    if (drill.into === undefined && drill.server === undefined && !('pg-dump' in config.backup)) {
        return [
            source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: needs server: "\${DATABASE_URL}" (a scratch database is created there and dropped) or into: "\${SCRATCH_DATABASE_URL}" when the backup is not made by pg-dump`),
        ];
    }
    if (drill.expect !== undefined && drill.query === undefined) {
        return [
            source.problem([...at, 'expect'], `${(0,config_source/* formatPath */.j)([...at, 'expect'])}: needs a query: to compare with (e.g. query: SELECT count(*) AS n FROM alembic_version)`),
        ];
    }
    return [];
}
/** Cross-field rules, reported by `release-gates validate` too. */
function backup_problems(config, path, source) {
    return [...commandProblems(config, path, source), ...drillProblems(config, path, source)];
}
/** Validates the URLs (without printing them) and registers their passwords as secrets. */
function planSource(config, context, problemsFound) {
    const backup = config.backup;
    const at = (...keys) => [...context.path, 'backup', ...keys];
    if ('pg-dump' in backup) {
        const url = databaseUrl(backup['pg-dump'], at('pg-dump'), context, problemsFound);
        return url && { kind: 'pg-dump', url, to: backup.to, args: backup.args ?? [] };
    }
    if ('command' in backup) {
        const env = backup.env ?? {};
        // Passwords in URLs and secret-named variables handed to the command are secrets too.
        for (const [name, value] of Object.entries(env)) {
            if (name === 'PGPASSWORD' || (0,registry/* isSecretName */.eh)(name, context.declaredSecrets))
                context.secrets.add(value);
            if ((0,postgres_url/* isPostgresUrl */.pT)(value))
                registerPassword((0,postgres_url/* parsePostgresUrl */.qQ)(value), context);
        }
        const words = Array.isArray(backup.command)
            ? { ok: true, words: backup.command }
            : splitConfiguredLine(backup.command, at('command'), context, LIST_HINT);
        if (!words.ok) {
            problemsFound.push(context.source.problem(at('command'), `${(0,config_source/* formatPath */.j)(at('command'))}: ${words.problem}`));
            return undefined;
        }
        const argv = words.words;
        for (const word of argv)
            if ((0,postgres_url/* isPostgresUrl */.pT)(word))
                registerPassword((0,postgres_url/* parsePostgresUrl */.qQ)(word), context);
        const shown = formatArgv(argv);
        const command = { argv, env, label: shown, shown: [shown], cwd: context.scope.cwd, timeoutMs: backupTimeout(config, context) };
        return { kind: 'command', command, pattern: backup.file };
    }
    return { kind: 'file', pattern: backup.file };
}
function registerPassword(url, context) {
    context.secrets.add(url?.password);
    context.secrets.add(url?.rawPassword);
}
function databaseUrl(value, path, context, problemsFound) {
    const url = (0,postgres_url/* parsePostgresUrl */.qQ)(value);
    if (!url) {
        // The value is not shown: it may hold a password.
        problemsFound.push(context.source.problem(path, `${(0,config_source/* formatPath */.j)(path)}: expected a PostgreSQL URL, postgresql://user:password@host:5432/database (the value is not shown)`));
        return undefined;
    }
    registerPassword(url, context);
    return url;
}
function planDrill(config, source, context, problemsFound) {
    const drill = config['restore-drill'];
    if (!drill)
        return undefined;
    const at = (key) => [...context.path, 'restore-drill', key];
    const found = drillProblems(config, context.path, context.source);
    if (found.length) {
        problemsFound.push(...found);
        return undefined;
    }
    if (drill.into !== undefined) {
        const into = databaseUrl(drill.into, at('into'), context, problemsFound);
        return into && { target: { kind: 'existing', into }, query: drill.query, expect: drill.expect };
    }
    const server = drill.server !== undefined
        ? databaseUrl(drill.server, at('server'), context, problemsFound)
        : source?.kind === 'pg-dump'
            ? source.url
            : undefined;
    return server && { target: { kind: 'scratch', server }, query: drill.query, expect: drill.expect };
}
/** What the backup file must be: non-empty, or `min-size:` when given; `max-age:`. */
function fileLimits(config) {
    const minSize = config.backup['min-size'];
    return { 'non-empty': minSize === undefined, 'min-size': minSize, 'max-age': config.backup['max-age'] };
}
/** `backups/nightly.dump is 3h old, expected ≤ 2h`: the first limit the file fails. */
function fileFailure(file, failure, limits, now) {
    if (failure.limit === 'max-age')
        return `${file.path} is ${formatAge(now - file.mtimeMs)} old, expected ≤ ${formatAge(limits['max-age'] ?? 0)}`;
    return file.size === 0 ? `${file.path} is empty` : `${file.path} is ${(0,units/* formatSize */.Xq)(file.size)}, expected ${failure.expected}`;
}
/** The newest file `pattern` names; a directory named literally counts (`pg_dump -Fd`). */
async function newestMatch(cwd, pattern) {
    return (await findFiles(cwd, pattern, { directories: true })).files[0];
}
/**
 * Per-attempt time of the check: `timeout:`, else at least {@link DEFAULT_BACKUP_TIMEOUT_MS}.
 */
function backupTimeout(config, context) {
    return config.timeout ?? Math.max(context.defaultTimeoutMs, DEFAULT_BACKUP_TIMEOUT_MS);
}
function drillExpectation(drill) {
    if (drill.query === undefined)
        return 'restore succeeds';
    const { rows, ...paths } = drill.expect ?? {};
    const parts = [
        ...(rows === undefined ? [] : [`rows ${typeof rows === 'number' ? `== ${rows}` : JSON.stringify(rows)}`]),
        ...Object.keys(paths),
    ];
    return parts.length ? `restore drill: ${parts.join(', ')}` : 'restore and query succeed';
}
function drillMeasured(report) {
    const parts = [];
    if (report.restoreMs !== undefined)
        parts.push(`restored in ${(0,units/* formatDuration */.a3)(report.restoreMs)}`);
    for (const assertion of report.assertions)
        parts.push(`${assertion.label} ${assertion.measured}`);
    if (report.assertions.length === 0 && report.result !== undefined)
        parts.push(`query → ${report.result}`);
    return parts.join(', ');
}
async function runBackup(input, signal, progress) {
    const { config, source, drill, context, timeoutMs } = input;
    const cwd = context.scope.cwd;
    const io = context.io;
    const tools = { process: io.process, cwd, signal, timeoutMs };
    const details = [];
    const limits = fileLimits(config);
    const expectedFile = Object.values(expectations(limits)).join(', ');
    const expected = drill ? `${expectedFile}; ${drillExpectation(drill)}` : expectedFile;
    const failed = (summary, measured) => ({ status: 'failed', summary, measured, expected, details });
    let file;
    if (source.kind === 'pg-dump') {
        progress(`pg_dump ${source.url.safe}`);
        const dump = await pgDump(source.url, (0,external_node_path_.resolve)(cwd, source.to), source.to, source.args, tools);
        if (!dump.ok) {
            details.push(`✗ ${dump.shown}: ${dump.failure}`, ...dump.stderrTail.map((line) => `    ${line}`));
            return failed(dump.failure, 'no dump');
        }
        details.push(`✓ ${dump.shown} (${(0,units/* formatDuration */.a3)(dump.elapsedMs)})`);
        file = await newestMatch(cwd, source.to);
        if (!file)
            return failed(`pg_dump exited 0 but ${source.to} is not there`, 'no file');
    }
    else if (source.kind === 'command') {
        const shown = source.command.label;
        progress(`running ${shown}`);
        const started = Date.now();
        const ran = await runPlannedCommand(source.command, undefined, { process: io.process, secrets: context.secrets, signal, progress });
        details.push(...(ran.details ?? []));
        if (ran.status !== 'passed')
            return failed(ran.summary, ran.measured ?? 'failed');
        file = await newestMatch(cwd, source.pattern);
        if (!file)
            return failed(`${shown} exited 0 but no file matches ${source.pattern}`, 'no file');
        if (file.mtimeMs < started - MTIME_SLACK_MS) {
            const age = formatAge(Date.now() - file.mtimeMs);
            details.push(`✗ newest match ${file.path} is ${age} old: older than the command run`);
            return failed(`${shown} exited 0 but wrote no new file matching ${source.pattern} (newest: ${file.path}, ${age} old)`, `${file.path}, ${age} old`);
        }
    }
    else {
        file = await newestMatch(cwd, source.pattern);
        if (!file) {
            details.push(`✗ no file matches ${source.pattern} in ${cwd}`);
            return failed(`no backup file matches ${source.pattern}`, 'no file');
        }
    }
    const now = Date.now();
    const failure = judgeFile(file, limits, now).find((assertion) => !assertion.ok);
    const measuredFile = `${file.path}, ${describeFile(file, now)}`;
    details.push(`${failure ? '✗' : '✓'} file ${measuredFile} (expected ${expectedFile})`);
    if (failure)
        return failed(fileFailure(file, failure, limits, now), measuredFile);
    if (!drill)
        return { status: 'passed', summary: measuredFile, measured: measuredFile, expected, details };
    const report = await runDrill(file, drill, { process: io.process, database: io.database, cwd, signal, timeoutMs, progress });
    details.push(...report.details);
    const measured = [measuredFile, drillMeasured(report)].filter((part) => part !== '').join('; ');
    if (!report.ok)
        return failed(report.failure ?? 'restore drill failed', measured);
    return { status: 'passed', summary: measured, measured, expected, details };
}
function backup_describe(config) {
    const backup = config.backup;
    const what = 'pg-dump' in backup
        ? `pg_dump to ${backup.to}`
        : 'command' in backup
            ? `backup by ${[backup.command].flat().join(' ')}`
            : `backup ${backup.file}`;
    return config['restore-drill'] ? `${what} + restore drill` : what;
}
const backupKind = {
    name: 'backup',
    key: 'backup',
    schema: BackupCheck,
    describe: backup_describe,
    problems: backup_problems,
    plan(config, context) {
        const found = [];
        const source = planSource(config, context, found);
        const drill = planDrill(config, source, context, found);
        if (found.length || !source)
            throw new errors/* ConfigurationError */.j1(found);
        const timeoutMs = backupTimeout(config, context);
        return {
            timeoutMs,
            run: async ({ signal, progress }) => {
                // Progress lines name commands and URLs: redacted like the outcome.
                const report = (message) => progress(context.secrets.redact(message));
                return context.secrets.redactDeep(await runBackup({ config, source, drill, context, timeoutMs }, signal, report));
            },
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/sql/explain.ts

function explain_text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function walk(node, summary) {
    const nodeType = explain_text(node['Node Type']) ?? 'node';
    // EXPLAIN's text format names a ModifyTable node by its operation: `Insert on scratch`.
    const type = nodeType === 'ModifyTable' ? (explain_text(node.Operation) ?? nodeType) : nodeType;
    const index = explain_text(node['Index Name']);
    const relation = explain_text(node['Relation Name']);
    const using = index === undefined ? '' : type === 'Bitmap Index Scan' ? ` on ${index}` : ` using ${index}`;
    const on = relation === undefined ? '' : ` on ${relation}`;
    summary.nodes.push(`${type}${using}${on}`);
    if (index !== undefined && !summary.indexes.includes(index))
        summary.indexes.push(index);
    if (type === 'Seq Scan' && relation !== undefined && !summary.seqScans.includes(relation))
        summary.seqScans.push(relation);
    if (Array.isArray(node.Plans))
        for (const child of node.Plans)
            walk(child, summary);
}
/** Reads the one row of `EXPLAIN (FORMAT JSON)`; undefined when it is not a plan. */
function summarizePlan(rows) {
    const cell = rows[0]?.['QUERY PLAN'];
    const document = typeof cell === 'string' ? JSON.parse(cell) : cell;
    const top = (Array.isArray(document) ? document[0] : undefined);
    const plan = top?.Plan;
    if (!top || !plan)
        return undefined;
    const summary = { nodes: [], indexes: [], seqScans: [] };
    walk(plan, summary);
    if (typeof top['Planning Time'] === 'number')
        summary.planningMs = top['Planning Time'];
    if (typeof top['Execution Time'] === 'number')
        summary.executionMs = top['Execution Time'];
    return summary;
}
/** `Aggregate → Seq Scan on leads`. */
function planLine(plan) {
    return plan.nodes.join(' → ');
}
/** An index name without its schema, for comparing with the plan's `Index Name`. */
function bareName(name) {
    const last = name.match(/(?:"(?:[^"]|"")+"|[^.]+)$/)?.[0] ?? name;
    return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
}
/** `explain: { uses-index: … }` against the plan. */
function indexAssertion(plan, explain) {
    const wanted = explain['uses-index'];
    const used = plan.indexes.length ? `uses ${(0,src_text/* joinList */.D)(plan.indexes, 'and')}` : 'no index';
    if (wanted === true) {
        return {
            label: 'index',
            ok: plan.indexes.length > 0,
            measured: plan.indexes.length ? used : `no index: ${planLine(plan)}`,
            expected: 'an index is used',
        };
    }
    const names = [wanted].flat();
    const missing = names.filter((name) => !plan.indexes.includes(bareName(name)));
    return {
        label: 'index',
        ok: missing.length === 0,
        measured: missing.length === 0 ? used : `${used}; plan: ${planLine(plan)}`,
        expected: `uses ${(0,src_text/* joinList */.D)(names, 'and')}`,
    };
}

;// CONCATENATED MODULE: ./src/checks/sql/report.ts
/**
 * Outcomes of `sql` checks: measured against expected in one line, details a reviewer
 * reads (target, transaction, statement, rows, every assertion, the plan), and the same
 * as structured evidence in `data`. A database that cannot be reached is `unverified`
 * (issue #7: "a gate is green only when it verified"); an error of the statement is
 * `failed`, with the server's message and SQLSTATE.
 */





/** Rows kept in the evidence record, and shown in the details. */
const ROWS_KEPT = 20;
const ROWS_SHOWN = 10;
const ROW_TEXT_MAX = 160;
/** Assertions named in a passing check's measured column before `+N more`. */
const MEASURED_SHOWN = 3;
/** SQLSTATEs that mean the server went away, not that the statement is wrong. */
const GONE = /^(08000|08001|08003|08004|08006|57P01|57P02|57P03|53300)$/;
/** True when `error` means the database could not be used at all (no SQLSTATE: a socket error). */
function isUnreachable(error) {
    return error.code === undefined ? !error.message.startsWith('cancelled') : GONE.test(error.code);
}
/** The header of the details: where, how and what ran. */
function sessionLines(session, statement, params) {
    const how = [
        session.transaction,
        `statement_timeout ${(0,units/* formatDuration */.a3)(session.statementTimeoutMs)}`,
        ...(session.role === undefined ? [] : [`SET LOCAL ROLE ${session.role}`]),
        ...Object.entries(session.settings).map(([name, value]) => `SET LOCAL ${name} = ${show(value)}`),
    ];
    const lines = [`on ${session.target}: ${how.join(', ')}`];
    if (statement !== undefined)
        lines.push(...statement.split(/\r?\n/).map((line) => `  | ${line}`));
    if (params?.length)
        lines.push(`params: ${params.map((param, index) => `$${index + 1} = ${show(param)}`).join(', ')}`);
    return [...lines, ...userWarnings(session)];
}
/** Why row level security may not bind the session: a superuser, BYPASSRLS, or owning a table without FORCE. */
function userWarnings(session) {
    const user = session.user;
    if (!user)
        return [];
    const out = [];
    if (user.superuser)
        out.push(`⚠ runs as ${user.name}, a superuser: row level security does not apply (set role: to the application's role)`);
    else if (user.bypassRls)
        out.push(`⚠ runs as ${user.name}, which has BYPASSRLS: row level security does not apply`);
    if (user.ownsUnforced.length && !user.superuser) {
        out.push(`⚠ ${user.name} owns ${(0,src_text/* cut */.J)(user.ownsUnforced.join(', '), 120)}: row level security does not apply to a table's owner unless FORCE ROW LEVEL SECURITY is set`);
    }
    return out;
}
/** The rows as shown in the details: at most {@link ROWS_SHOWN}, each on one line. */
function rowLines(rows, rowCount, elapsedMs) {
    const head = `→ ${rowCount} ${rowCount === 1 ? 'row' : 'rows'} in ${(0,units/* formatDuration */.a3)(elapsedMs)} (round trip)`;
    const shown = rows.slice(0, ROWS_SHOWN).map((row) => {
        const cells = Object.entries(row).map(([column, value]) => `${column}=${show(value)}`);
        return `  | ${(0,src_text/* cut */.J)(cells.join(', '), ROW_TEXT_MAX)}`;
    });
    const more = rows.length > ROWS_SHOWN ? [`  | … ${rows.length - ROWS_SHOWN} more`] : [];
    return [head, ...shown, ...more];
}
/** `plan: Aggregate → Seq Scan on leads (planning 0.1ms, execution 0.8ms)`. */
function planText(plan) {
    const times = [
        plan.planningMs === undefined ? undefined : `planning ${plan.planningMs.toFixed(1)}ms`,
        plan.executionMs === undefined ? undefined : `execution ${plan.executionMs.toFixed(1)}ms`,
    ].filter((part) => part !== undefined);
    return `plan: ${planLine(plan)}${times.length ? ` (${times.join(', ')})` : ''}`;
}
/** `count = 0`, `rows count 3`: one assertion as measured. */
function measuredText(assertion) {
    return /^(count |is |present|absent|not found|no rows|uses |no index|missing |\d+ of )/.test(assertion.measured) ||
        assertion.label === 'duration'
        ? `${assertion.label} ${assertion.measured}`
        : `${assertion.label} = ${assertion.measured}`;
}
/** The expected column: every assertion's expectation. */
function report_expectedText(assertions, none) {
    return assertions.length ? assertions.map((assertion) => `${assertion.label} ${assertion.expected}`).join(', ') : none;
}
/** Passed when every assertion holds, else failed on the first that does not. */
function judge(assertions, passedSummary, details, data, none) {
    const failed = assertions.filter((assertion) => !assertion.ok);
    const first = failed[0];
    const expected = report_expectedText(assertions, none);
    if (!first) {
        // One entry per label: `rows ≥ 5` and `rows < 20` measured the same thing.
        const measuredByLabel = [...new Map(assertions.map((assertion) => [assertion.label, measuredText(assertion)])).values()];
        const shown = measuredByLabel.slice(0, MEASURED_SHOWN);
        const more = measuredByLabel.length > MEASURED_SHOWN ? ` (+${measuredByLabel.length - MEASURED_SHOWN} more)` : '';
        const measured = shown.length ? shown.join(', ') + more : passedSummary;
        return { status: 'passed', summary: shown.length ? `${passedSummary}: ${measured}` : passedSummary, measured, expected, details, data };
    }
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return {
        status: 'failed',
        summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}`,
        measured: measuredText(first),
        expected,
        details,
        data,
    };
}
/** Every assertion as a detail line. */
function assertionLines(assertions) {
    return assertions.map(assertionLine);
}
/** The outcome of a database that could not be reached, or of a statement that failed. */
function errorOutcome(error, stage, session, details, data, expected) {
    const sqlstate = error.code;
    const evidence = { ...data, error: { stage, message: error.message, ...(sqlstate ? { sqlstate } : {}) } };
    if (stage === 'connect' || isUnreachable(error)) {
        const summary = `${stage === 'connect' ? 'cannot connect to' : 'lost the connection to'} ${session.target}: ${error.message}`;
        return { status: 'unverified', summary, measured: 'not connected', expected, details: [...details, `✗ ${summary}`], data: evidence };
    }
    const hint = sqlstate === '57014'
        ? ` (statement_timeout ${(0,units/* formatDuration */.a3)(session.statementTimeoutMs)}; timeout: sets it)`
        : sqlstate === '25006'
            ? ' (the check runs in a READ ONLY transaction; write: true allows writes)'
            : '';
    const summary = `${error.message}${hint}`;
    return {
        status: 'failed',
        summary,
        measured: sqlstate ? `SQLSTATE ${sqlstate}` : 'error',
        expected,
        details: [...details, `✗ ${summary}`],
        data: evidence,
    };
}

;// CONCATENATED MODULE: ./src/checks/sql/exists.ts


/** The expected column of an `exists` check that could not look. */
const EXISTS_EXPECTED = 'all present';
/** Missing objects named in a failed check's summary before `+N more`. */
const MISSING_SHOWN = 3;
const RELKINDS = {
    r: 'table',
    p: 'partitioned table',
    v: 'view',
    m: 'materialized view',
    i: 'index',
    I: 'partitioned index',
    S: 'sequence',
    f: 'foreign table',
    c: 'composite type',
    t: 'TOAST table',
};
/** Which relkinds each relation category accepts. */
const ACCEPTS = { table: ['r', 'p'], view: ['v', 'm'], index: ['i', 'I'] };
/** One round trip for every relation named in `names`. */
async function relations(transaction, names) {
    if (names.length === 0)
        return new Map();
    const { rows } = await transaction.query(`SELECT n AS name, c.relkind::text AS kind, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
       FROM unnest($1::text[]) AS n LEFT JOIN pg_class c ON c.oid = to_regclass(n)`, [[...new Set(names)]]);
    return new Map(rows.map((row) => [String(row.name), row]));
}
/** An identifier as PostgreSQL reads it: unquoted ones fold to lower case. */
function identifier(text) {
    return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}
/** `schema.name` → its parts, each as PostgreSQL reads it. */
function qualified(text) {
    const parts = text.match(/"(?:[^"]|"")+"|[^.]+/g) ?? [text];
    const name = identifier(parts.at(-1) ?? text);
    return { schema: parts.length > 1 ? identifier(parts[0]) : null, name };
}
function relationFindings(kind, names, found) {
    return names.map((name) => {
        const relkind = found.get(name)?.kind ?? null;
        if (relkind === null)
            return { kind, name, ok: false, note: 'not found' };
        const what = RELKINDS[relkind] ?? relkind;
        return ACCEPTS[kind].includes(relkind)
            ? { kind, name, ok: true, note: what }
            : { kind, name, ok: false, note: `is a ${what}, not a ${kind}` };
    });
}
async function functionFinding(transaction, name) {
    if (name.includes('(')) {
        const { rows } = await transaction.query('SELECT to_regprocedure($1) IS NOT NULL AS found', [name]);
        return { kind: 'function', name, ok: rows[0]?.found === true, note: rows[0]?.found === true ? 'found' : 'not found' };
    }
    const { schema, name: bare } = qualified(name);
    const { rows } = await transaction.query(`SELECT count(*) AS n FROM pg_proc p
      WHERE p.proname = $2 AND CASE WHEN $1::text IS NULL THEN pg_function_is_visible(p.oid) ELSE p.pronamespace = to_regnamespace($1)::oid END`, [schema, bare]);
    const count = Number(rows[0]?.n ?? 0);
    return { kind: 'function', name, ok: count > 0, note: count === 0 ? 'not found' : count === 1 ? 'found' : `found, ${count} overloads` };
}
async function columnFinding(transaction, table, columns, found) {
    if ((found.get(table)?.kind ?? null) === null)
        return { kind: 'columns', name: table, ok: false, note: `table ${table} not found` };
    const { rows } = await transaction.query('SELECT attname::text AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped', [table]);
    const present = new Set(rows.map((row) => String(row.name)));
    const missing = columns.filter((column) => !present.has(identifier(column)));
    return missing.length
        ? { kind: 'columns', name: table, ok: false, note: `missing ${(0,src_text/* joinList */.D)(missing, 'and')}` }
        : { kind: 'columns', name: table, ok: true, note: (0,src_text/* joinList */.D)([...columns], 'and') };
}
function rlsFinding(table, found) {
    const relation = found.get(table);
    if ((relation?.kind ?? null) === null)
        return { kind: 'rls', name: table, ok: false, note: 'table not found' };
    if (relation?.rls !== true)
        return { kind: 'rls', name: table, ok: false, note: 'row level security is disabled' };
    return { kind: 'rls', name: table, ok: true, note: relation.forced ? 'enabled and forced' : 'enabled' };
}
/** `*_org_isolation` → a regular expression over whole names (`*` any text, `?` one character). */
function globPattern(glob) {
    const source = glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${source}$`);
}
async function policyFindings(transaction, table, patterns, found) {
    const relation = found.get(table);
    const name = (pattern) => `${pattern} on ${table}`;
    if ((relation?.kind ?? null) === null)
        return patterns.map((pattern) => ({ kind: 'policy', name: name(pattern), ok: false, note: `table ${table} not found` }));
    const { rows } = await transaction.query('SELECT polname::text AS name FROM pg_policy WHERE polrelid = to_regclass($1) ORDER BY 1', [
        table,
    ]);
    const policies = rows.map((row) => String(row.name));
    return patterns.map((pattern) => {
        const regex = globPattern(pattern);
        const matched = policies.filter((policy) => regex.test(policy));
        if (matched.length === 0) {
            const others = policies.length ? `policies there: ${(0,src_text/* cut */.J)(policies.join(', '), 120)}` : 'the table has no policies';
            return { kind: 'policy', name: name(pattern), ok: false, note: `none matches (${others})` };
        }
        if (relation?.rls !== true) {
            return {
                kind: 'policy',
                name: name(pattern),
                ok: false,
                note: `${(0,src_text/* joinList */.D)(matched, 'and')} exists, but row level security is disabled on ${table}, so it binds no one`,
            };
        }
        return { kind: 'policy', name: name(pattern), ok: true, note: (0,src_text/* joinList */.D)(matched, 'and') };
    });
}
/** Looks up everything `exists:` names, in one read-only transaction. */
async function findObjects(transaction, exists) {
    const policies = Object.entries(exists.policies ?? {}).map(([table, patterns]) => [table, [patterns].flat()]);
    const columns = Object.entries(exists.columns ?? {});
    const names = [
        ...(exists.tables ?? []),
        ...(exists.views ?? []),
        ...(exists.indexes ?? []),
        ...(exists.rls ?? []),
        ...columns.map(([table]) => table),
        ...policies.map(([table]) => table),
    ];
    const found = await relations(transaction, names);
    const categories = [];
    if (exists.tables)
        categories.push({ label: 'tables', findings: relationFindings('table', exists.tables, found) });
    if (exists.views)
        categories.push({ label: 'views', findings: relationFindings('view', exists.views, found) });
    if (exists.functions) {
        const findings = [];
        for (const name of exists.functions)
            findings.push(await functionFinding(transaction, name));
        categories.push({ label: 'functions', findings });
    }
    if (exists.indexes)
        categories.push({ label: 'indexes', findings: relationFindings('index', exists.indexes, found) });
    if (columns.length) {
        const findings = [];
        for (const [table, names] of columns)
            findings.push(await columnFinding(transaction, table, names, found));
        categories.push({ label: 'columns', findings });
    }
    if (exists.rls)
        categories.push({ label: 'row level security', findings: exists.rls.map((table) => rlsFinding(table, found)) });
    if (policies.length) {
        const findings = [];
        for (const [table, patterns] of policies)
            findings.push(...(await policyFindings(transaction, table, patterns, found)));
        categories.push({ label: 'policies', findings });
    }
    return categories;
}
/** `✓ table roles (table)`, `✗ policy *_org_isolation on bookings: none matches (…)`. */
function findingLine(finding) {
    const what = finding.kind === 'rls' ? 'row level security on' : finding.kind === 'columns' ? 'columns of' : finding.kind;
    return `${finding.ok ? '✓' : '✗'} ${what} ${finding.name}: ${finding.note}`;
}
/** One assertion per category: all present, or what is missing (`missing role_tasks, v_x (is a table, not a view)`). */
function categoryAssertion(category) {
    const missing = category.findings.filter((finding) => !finding.ok);
    const total = category.findings.length;
    const named = missing.map((finding) => (finding.note === 'not found' ? finding.name : `${finding.name} (${finding.note})`));
    return {
        label: category.label,
        ok: missing.length === 0,
        measured: missing.length === 0 ? `${total} of ${total} present` : `missing ${named.join(', ')}`,
        expected: category.findings.map((finding) => finding.name).join(', '),
    };
}
/** The outcome: every category an assertion; a failure's summary names the first missing objects. */
function existsOutcome(categories, head, evidence) {
    const details = [...head, ...categories.flatMap((category) => category.findings.map(findingLine))];
    const data = { ...evidence, exists: Object.fromEntries(categories.map((category) => [category.label, category.findings])) };
    const outcome = judge(categories.map(categoryAssertion), 'every object exists', details, data, EXISTS_EXPECTED);
    if (outcome.status !== 'failed')
        return outcome;
    const missing = categories.flatMap((category) => category.findings.filter((finding) => !finding.ok));
    const shown = missing.slice(0, MISSING_SHOWN).map((finding) => {
        const what = `${finding.kind === 'rls' ? 'row level security on' : finding.kind} ${finding.name}`;
        return finding.note === 'not found' ? what : `${what} (${finding.note})`;
    });
    const more = missing.length > MISSING_SHOWN ? ` (+${missing.length - MISSING_SHOWN} more)` : '';
    return { ...outcome, summary: `missing: ${(0,src_text/* joinList */.D)(shown, 'and')}${more}` };
}

;// CONCATENATED MODULE: ./src/checks/sql/placeholders.ts
/**
 * The bind parameters a query refers to (`$1`, `$2`, …), found outside string literals,
 * quoted identifiers, dollar-quoted bodies and comments, so that `params:` can be checked
 * against the query when the config is loaded instead of failing at run time.
 */
/** Skips from `start` (just past the opening quote) to just past the closing `quote`; a doubled quote is an escaped one. */
function skipQuoted(text, start, quote, backslash) {
    let index = start;
    while (index < text.length) {
        const char = text[index];
        if (backslash && char === '\\')
            index += 2;
        else if (char === quote && text[index + 1] === quote)
            index += 2;
        else if (char === quote)
            return index + 1;
        else
            index += 1;
    }
    return index;
}
/** Skips a `/* … *\/` comment starting at `start`; PostgreSQL nests them. */
function skipBlockComment(text, start) {
    let depth = 0;
    let index = start;
    while (index < text.length) {
        if (text.startsWith('/*', index)) {
            depth += 1;
            index += 2;
        }
        else if (text.startsWith('*/', index)) {
            depth -= 1;
            index += 2;
            if (depth === 0)
                return index;
        }
        else
            index += 1;
    }
    return index;
}
/** The highest `$n` the query refers to; 0 when it has none. */
function highestPlaceholder(text) {
    let highest = 0;
    let index = 0;
    while (index < text.length) {
        const char = text[index] ?? '';
        const rest = text.slice(index);
        if (char === "'") {
            const escaped = /[eE]/.test(text[index - 1] ?? '') && !/[A-Za-z0-9_]/.test(text[index - 2] ?? '');
            index = skipQuoted(text, index + 1, "'", escaped);
        }
        else if (char === '"')
            index = skipQuoted(text, index + 1, '"', false);
        else if (rest.startsWith('--'))
            index = text.includes('\n', index) ? text.indexOf('\n', index) + 1 : text.length;
        else if (rest.startsWith('/*'))
            index = skipBlockComment(text, index);
        else if (char === '$') {
            const placeholder = /^\$(\d+)/.exec(rest);
            const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
            if (placeholder?.[1] !== undefined && !/[A-Za-z0-9_]/.test(text[index - 1] ?? '')) {
                highest = Math.max(highest, Number(placeholder[1]));
                index += placeholder[0].length;
            }
            else if (tag && !/[A-Za-z0-9_]/.test(text[index - 1] ?? '')) {
                const end = text.indexOf(tag[0], index + tag[0].length);
                index = end === -1 ? text.length : end + tag[0].length;
            }
            else
                index += 1;
        }
        else
            index += 1;
    }
    return highest;
}

;// CONCATENATED MODULE: ./src/checks/sql/query.ts







/** The expected column of a query check that could not run. */
const QUERY_EXPECTED = 'the query succeeds';
/** A value as JSON shows it: `Date` → ISO text, `Buffer` (bytea) → `\x` hex, `bigint` → text. */
function jsonValue(_key, value) {
    if (typeof value === 'bigint')
        return value.toString();
    if (value !== null && typeof value === 'object' && value.type === 'Buffer') {
        const data = value.data;
        if (Array.isArray(data))
            return `\\x${Buffer.from(data).toString('hex')}`;
    }
    return value;
}
/** Rows as plain JSON, what matchers and the evidence see. */
function jsonRows(rows) {
    return JSON.parse(JSON.stringify(rows, jsonValue));
}
/** The statement without a trailing `;`, so that `EXPLAIN` can be put in front of it. */
function statementText(text) {
    return text.replace(/[;\s]+$/, '');
}
/** True when the check needs the plan: `explain:`, or `max-duration` on a read-only query (server time). */
function needsPlan(plan) {
    return plan.explain !== undefined || (plan.expect?.['max-duration'] !== undefined && !plan.write);
}
/**
 * Runs the statement, then (when needed) `EXPLAIN (ANALYZE, FORMAT JSON)` of it in the
 * same transaction, with the same settings, role and parameters. A write is explained
 * without `ANALYZE`, so it is not executed twice.
 * @throws DatabaseError when the statement fails.
 */
async function runQuery(transaction, plan) {
    const result = await transaction.query(plan.text, plan.params);
    const analyzed = !plan.write;
    let summary;
    let planError;
    if (needsPlan(plan)) {
        const options = analyzed ? 'ANALYZE, FORMAT JSON' : 'FORMAT JSON';
        try {
            summary = summarizePlan((await transaction.query(`EXPLAIN (${options}) ${statementText(plan.text)}`, plan.params)).rows);
        }
        catch (error) {
            planError = (0,io_database/* describeDatabaseError */.rB)(error);
        }
    }
    return { result, rows: jsonRows(result.rows), plan: summary, planError, analyzed };
}
/** The statement's time: the server's (planning + execution) when analysed, else the round trip. */
function statementTime(run) {
    const { plan } = run;
    if (run.analyzed && plan?.executionMs !== undefined)
        return { ms: (plan.planningMs ?? 0) + plan.executionMs, source: 'server' };
    return { ms: run.result.elapsedMs, source: 'round trip' };
}
function durationText(ms) {
    return ms < 10 ? `${ms.toFixed(1)}ms` : (0,units/* formatDuration */.a3)(ms);
}
/** Every assertion of `expect:` and `explain:` on what the query did. */
function queryAssertions(run, plan) {
    const { expect, explain } = plan;
    const out = [];
    if (expect?.rows !== undefined)
        out.push(...applyMatcher('rows', [run.rows.length], expect.rows, true));
    if (expect?.value !== undefined) {
        const first = run.rows[0];
        const column = run.result.columns[0];
        const label = column ?? 'value';
        if (first === undefined || column === undefined) {
            out.push({ label, ok: false, measured: 'no rows', expected: 'a first row to read the value from' });
        }
        else {
            out.push(...applyMatcher(label, [first[column]], expect.value, true));
        }
    }
    for (const [path, matcher] of Object.entries(expect?.json ?? {})) {
        out.push(...applyMatcher(path, queryJson(path, run.rows), matcher, true, isSingularPath(path)));
    }
    const limit = expect?.['max-duration'];
    if (limit !== undefined) {
        const time = statementTime(run);
        out.push({
            label: 'duration',
            ok: time.ms <= limit,
            measured: `${durationText(time.ms)} (${time.source})`,
            expected: `≤ ${(0,units/* formatDuration */.a3)(limit)}`,
        });
    }
    if (explain !== undefined) {
        out.push(run.plan
            ? indexAssertion(run.plan, explain)
            : { label: 'index', ok: false, measured: `no plan: ${run.planError?.message ?? 'EXPLAIN returned none'}`, expected: 'a plan' });
    }
    return out;
}
/** The outcome: rows, assertions and plan in the details; the same, structured, in `data`. */
function queryOutcome(run, plan, head, evidence) {
    const assertions = queryAssertions(run, plan);
    const time = statementTime(run);
    const details = [
        ...head,
        ...rowLines(run.rows, run.result.rowCount, run.result.elapsedMs),
        ...assertionLines(assertions),
        ...(run.plan ? [planText(run.plan)] : []),
        ...(run.planError ? [`⚠ EXPLAIN failed: ${run.planError.message}`] : []),
    ];
    const data = {
        ...evidence,
        query: plan.text,
        params: plan.params,
        columns: run.result.columns,
        rowCount: run.result.rowCount,
        rows: run.rows.slice(0, ROWS_KEPT),
        ...(run.rows.length > ROWS_KEPT ? { rowsCut: true } : {}),
        roundTripMs: run.result.elapsedMs,
        ...(time.source === 'server' ? { serverMs: time.ms } : {}),
        ...(run.plan ? { plan: { ...run.plan, analyzed: run.analyzed } } : {}),
        ...(run.planError ? { planError: run.planError.message } : {}),
    };
    const rows = `${run.result.rowCount} ${run.result.rowCount === 1 ? 'row' : 'rows'}`;
    return judge(assertions, `${(0,src_text/* cut */.J)(plan.text.replace(/\s+/g, ' '), 60)} → ${rows}`, details, data, QUERY_EXPECTED);
}

;// CONCATENATED MODULE: ./src/checks/sql/schema.ts
/**
 * Config of the `sql` check kind (issue #9, item 6; PRODUCT.md, migrate: "the `sql` check
 * kind (any gate)"): a query with expectations, or the objects that must exist.
 *
 * ```yaml
 * - name: candidates emptied by migration 015           # runbook 000, 5.
 *   sql: SELECT count(*) FROM candidates
 *   expect: { value: 0 }
 * - name: schema objects exist                          # runbook 000: \d roles …
 *   sql: { exists: { tables: [roles, candidate_applications, role_tasks, assessments] } }
 * - name: RLS policies present                          # runbook 003
 *   sql: { exists: { policies: { leads: "*_org_isolation", bookings: "*_org_isolation" } } }
 * - name: tenant isolation holds on leads               # runbook 003
 *   sql: SELECT count(*) FILTER (WHERE org_id <> $1::uuid) AS other_tenants, count(*) AS visible FROM leads
 *   params: ["${ORG_ID}"]
 *   role: app_user
 *   set: { app.current_org_id: "${ORG_ID}" }
 *   expect: { json: { $[0].other_tenants: 0, $[0].visible: { gte: 1 } } }
 * - name: alias search under 500 ms, by index          # runbook 004
 *   sql: SELECT * FROM employer_aliases WHERE normalized_name = $1
 *   params: [acme]
 *   expect: { max-duration: 500ms }
 *   explain: { uses-index: idx_employer_aliases_normalized }
 * ```
 */



/** An identifier, unquoted or double-quoted. */
const IDENTIFIER = String.raw `(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
/** `name` or `schema.name`. */
const QUALIFIED = String.raw `${IDENTIFIER}(?:\.${IDENTIFIER})?`;
/** A table, view or index name, optionally schema-qualified: `roles`, `audit.events`. */
const ObjectName = schemas/* string */.YjP()
    .regex(new RegExp(`^${QUALIFIED}$`), { error: 'expected a name like roles or public.roles (double-quote other names: "Roles")' });
/** A function: `search_aliases`, or with its argument types, `public.normalize_name(text)`. */
const FunctionName = schemas/* string */.YjP().regex(new RegExp(String.raw `^${QUALIFIED}(\s*\([^()]*\))?$`), {
    error: 'expected a function name like normalize_name, or with argument types like normalize_name(text)',
});
/** A policy name or a glob over names (`*` any text, `?` one character): `*_org_isolation`. */
const PolicyPattern = schemas/* string */.YjP().min(1, { error: 'expected a policy name or pattern, e.g. "*_org_isolation"' });
/** What must exist, each list reported on its own (runbook 000's `\d` checks, runbook 003's `pg_policies`). */
const Exists = schemas/* strictObject */.rej({
    /** Tables (plain or partitioned). */
    tables: schemas/* array */.YOg(ObjectName).min(1).optional(),
    /** Views and materialized views. */
    views: schemas/* array */.YOg(ObjectName).min(1).optional(),
    /** Functions and procedures. */
    functions: schemas/* array */.YOg(FunctionName).min(1).optional(),
    indexes: schemas/* array */.YOg(ObjectName).min(1).optional(),
    /** Columns by table: `{ roles: [id, job_spec] }`. */
    columns: schemas/* record */.g1P(ObjectName, schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1)).optional(),
    /** Tables with row level security enabled. */
    rls: schemas/* array */.YOg(ObjectName).min(1).optional(),
    /**
     * RLS policies by table: each pattern matches at least one policy on the table, and
     * the table has row level security enabled (a policy on a table without it binds no one).
     */
    policies: schemas/* record */.g1P(ObjectName, schemas/* union */.KCZ([PolicyPattern, schemas/* array */.YOg(PolicyPattern).min(1)])).optional(),
})
    .refine((exists) => Object.keys(exists).length > 0, {
    error: 'expected at least one of tables, views, functions, indexes, columns, rls, policies',
});
/** `sql:` the query text (one statement, never `${}`-expanded), or `{ exists: … }`. */
const SqlSource = schemas/* union */.KCZ([schemas/* string */.YjP().trim().min(1), schemas/* strictObject */.rej({ exists: Exists })], {
    error: 'expected a query, e.g. sql: SELECT count(*) FROM candidates, or sql: { exists: { tables: [roles] } }',
});
/** Expectations on a query's result. With none, the query need only succeed. */
const SqlExpect = schemas/* strictObject */.rej({
    /** Number of rows returned: `0`, or bounds `{ gte: 1 }`. */
    rows: schemas/* union */.KCZ([common/* Numeric */.ew, common/* NumericBounds */.NU], { error: 'expected a row count like 0, or bounds like { gte: 1 }' }).optional(),
    /** The first column of the first row (`SELECT count(*) …`), with any matcher. */
    value: Matcher.optional(),
    /** JSONPath over the rows (an array of objects keyed by column): `$[0].visible`, `$[*].policyname`. */
    json: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^\$/, { error: 'expected a JSONPath over the rows, e.g. $[0].n' }), Matcher).optional(),
    /**
     * Longest acceptable statement time: the server's planning + execution time from
     * `EXPLAIN ANALYZE` (runbook 004's "queries < 500ms"); the round trip for `write: true`.
     */
    'max-duration': common/* Duration */.dw.optional(),
});
/** Assertions on the query's plan (`EXPLAIN (FORMAT JSON)`). */
const SqlExplain = schemas/* strictObject */.rej({
    /** `true`: some index is used; a name (or names): that index is used. */
    'uses-index': schemas/* union */.KCZ([schemas/* literal */.euz(true), ObjectName, schemas/* array */.YOg(ObjectName).min(1)], {
        error: 'expected true (any index) or an index name, e.g. uses-index: idx_aliases_normalized',
    }),
});
const SettingName = schemas/* string */.YjP()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, { error: 'expected a setting name like app.current_org_id' });
const SqlCheck = schemas/* strictObject */.rej({
    ...common/* CheckCommon */.g2,
    sql: SqlSource,
    /**
     * The PostgreSQL URL (`${VAR}` allowed). Default: the environment's `database:`, then
     * `DATABASE_URL`. Never shown: evidence names `host:port/database`.
     */
    database: schemas/* string */.YjP().min(1, { error: 'expected a PostgreSQL URL, e.g. "${DATABASE_URL}"' }).optional(),
    /** Bind parameters `$1`, `$2`, …: values, never SQL (`${VAR}` allowed). */
    params: schemas/* array */.YOg(Scalar, { error: 'expected a list of values, e.g. params: ["${ORG_ID}", 20]' }).optional(),
    /** `SET LOCAL` for the check's transaction: `{ app.current_org_id: "${ORG_ID}" }`. */
    set: schemas/* record */.g1P(SettingName, schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]).transform(String)).optional(),
    /** `SET LOCAL ROLE`: row level security binds a non-superuser role (runbook 003's isolation check). */
    role: schemas/* string */.YjP().min(1).optional(),
    /** Run in a read-write transaction and commit. Default: `READ ONLY`, rolled back. */
    write: schemas/* boolean */.zMY().optional(),
    expect: SqlExpect.optional(),
    explain: SqlExplain.optional(),
});

;// CONCATENATED MODULE: ./src/checks/sql/target.ts
/**
 * Which database a `sql` check queries: the check's `database:`, else the environment's
 * `database:`, else `DATABASE_URL` (the environment's `vars:`, then the process
 * environment). The URL's password is registered as a secret, and evidence names only
 * `host:port/database`.
 */



/** The variable read when neither the check nor the environment names a database. */
const DATABASE_URL = 'DATABASE_URL';
/**
 * Picks, parses and registers the check's database URL.
 * @throws ConfigurationError when no database is named, or the URL is not a PostgreSQL
 *   URL (the value is never shown: it may hold a password).
 */
function planTarget(config, context) {
    const environment = context.environment;
    const candidates = [
        [config.database, 'database:', [...context.path, 'database']],
        [environment?.database, `environments.${environment?.name ?? ''}.database`, ['environments', environment?.name ?? '', 'database']],
        [environment?.vars[DATABASE_URL] ?? context.scope.env[DATABASE_URL], DATABASE_URL, context.path],
    ];
    const found = candidates.find(([value]) => value !== undefined && value.trim() !== '');
    if (!found) {
        throw new errors/* ConfigurationError */.j1([
            context.source.problem(context.path, `${(0,config_source/* formatPath */.j)(context.path)}: no database to query (expected database: "\${DATABASE_URL}" on the check, database: on the environment, or DATABASE_URL in the environment)`),
        ]);
    }
    const [value, from, path] = found;
    const url = (0,postgres_url/* parsePostgresUrl */.qQ)(value);
    if (!url) {
        throw new errors/* ConfigurationError */.j1([
            context.source.problem(path, `${(0,config_source/* formatPath */.j)(context.path)}: ${from} is not a PostgreSQL URL (expected postgresql://user:password@host:5432/database; the value is not shown)`),
        ]);
    }
    context.secrets.add(url.password);
    context.secrets.add(url.rawPassword);
    return { url, shown: (0,postgres_url/* targetOf */.$r)(url), from };
}

;// CONCATENATED MODULE: ./src/checks/sql/index.ts
/**
 * The `sql` check kind (issue #9, item 6): a query against PostgreSQL with expectations
 * on its rows, time and plan, or the objects that must exist. Any gate may use it:
 * preflight, migrate's verify, smoke, monitor samples, rollback verification.
 *
 * - Every statement runs in a `READ ONLY` transaction that is rolled back, with
 *   `statement_timeout` set to the check's `timeout:` (default the gate's, 10s), unless
 *   the check says `write: true` (read-write, committed; the evidence says so).
 * - The query text is never `${}`-expanded; values go in as bind parameters (`params:`).
 * - `set:` and `role:` are `SET LOCAL` in the same transaction (runbook 003's tenant
 *   isolation holds only for a non-superuser role with `SET LOCAL` in the transaction
 *   of the query).
 * - A database that cannot be reached is `unverified`; a failing statement is `failed`
 *   with the server's message and SQLSTATE. The URL is never shown, and its password is
 *   a secret.
 */










/** How long connecting may take, in milliseconds. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Time allowed past the statements' limits for connecting, setting up and reporting. */
const OVERHEAD_MS = CONNECT_TIMEOUT_MS + 2000;
/** Fields that only a query takes. */
const QUERY_ONLY = ['params', 'expect', 'explain', 'write'];
/** Cross-field rules, reported by `release-gates validate` too. */
function sql_problems(config, path, source) {
    if (typeof config.sql !== 'string') {
        return QUERY_ONLY.filter((field) => config[field] !== undefined).map((field) => source.problem([...path, field], `${(0,config_source/* formatPath */.j)([...path, field])}: only a query takes ${field}: (expected sql: "SELECT …" with ${field}:, or sql: { exists: … } without it)`));
    }
    const used = highestPlaceholder(config.sql);
    const given = config.params?.length ?? 0;
    if (used === given)
        return [];
    const at = config.params ? [...path, 'params'] : [...path, 'sql'];
    const expected = used === 0 ? 'no params: (the query has no $1)' : `params: with ${used} value${used === 1 ? '' : 's'} ($1…$${used})`;
    return [
        source.problem(at, `${(0,config_source/* formatPath */.j)(at)}: the query uses ${used === 0 ? 'no' : `$1…$${used}`} bind parameters but params: gives ${given} (expected ${expected})`),
    ];
}
/** Reads who the statements run as, when a role or settings are in play (row level security). */
async function readUser(transaction) {
    const { rows } = await transaction.query(`SELECT current_user::text AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
            ARRAY(SELECT c.oid::regclass::text FROM pg_class c
                   WHERE c.relowner = r.oid AND c.relrowsecurity AND NOT c.relforcerowsecurity ORDER BY 1) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`);
    const row = rows[0];
    if (!row)
        return undefined;
    return {
        name: String(row.name),
        superuser: row.superuser === true,
        bypassRls: row.bypass === true,
        ownsUnforced: row.owns ?? [],
    };
}
function sessionOf(planned) {
    const { config } = planned;
    return {
        target: planned.target.shown,
        transaction: config.write ? 'read-write transaction, committed (write: true)' : 'read-only transaction, rolled back',
        statementTimeoutMs: planned.statementTimeoutMs,
        role: config.role,
        settings: planned.settings,
    };
}
/** Runs the check's statements in one transaction on `database`. Errors are thrown as DatabaseErrors. */
async function inTransaction(database, planned, session, signal, work) {
    const { config } = planned;
    const write = config.write === true;
    return database.transaction({
        readOnly: !write,
        commit: write,
        timeoutMs: planned.statementTimeoutMs,
        settings: planned.settings,
        ...(config.role === undefined ? {} : { role: config.role }),
        signal,
    }, async (transaction) => {
        if (config.role !== undefined || Object.keys(planned.settings).length)
            session.user = await readUser(transaction);
        return work(transaction);
    });
}
/** What every outcome's evidence says about where and how the check ran. */
function sessionEvidence(planned, session) {
    return {
        target: session.target,
        from: planned.target.from,
        transaction: session.transaction,
        statementTimeoutMs: session.statementTimeoutMs,
        ...(session.role === undefined ? {} : { role: session.role }),
        ...(Object.keys(session.settings).length ? { settings: session.settings } : {}),
        ...(session.user ? { user: session.user } : {}),
    };
}
async function runSql(planned, database, signal) {
    const { config } = planned;
    const session = sessionOf(planned);
    const sql = config.sql;
    if (typeof sql !== 'string') {
        try {
            const categories = await inTransaction(database, planned, session, signal, (transaction) => findObjects(transaction, sql.exists));
            return existsOutcome(categories, sessionLines(session), sessionEvidence(planned, session));
        }
        catch (error) {
            const evidence = sessionEvidence(planned, session);
            return errorOutcome((0,io_database/* describeDatabaseError */.rB)(error), 'statement', session, sessionLines(session), evidence, EXISTS_EXPECTED);
        }
    }
    const plan = {
        text: sql,
        params: config.params ?? [],
        write: config.write === true,
        expect: config.expect,
        explain: config.explain,
    };
    try {
        const run = await inTransaction(database, planned, session, signal, (transaction) => runQuery(transaction, plan));
        return queryOutcome(run, plan, sessionLines(session, sql, plan.params), sessionEvidence(planned, session));
    }
    catch (error) {
        const evidence = { ...sessionEvidence(planned, session), query: sql, params: plan.params };
        return errorOutcome((0,io_database/* describeDatabaseError */.rB)(error), 'statement', session, sessionLines(session, sql, plan.params), evidence, QUERY_EXPECTED);
    }
}
/** Connects, runs, closes. A connection that cannot be made is an outcome, never a throw. */
async function runCheck(planned, context, signal) {
    let database;
    try {
        database = await context.io.database.connect(planned.target.url.full, { timeoutMs: CONNECT_TIMEOUT_MS, signal });
    }
    catch (error) {
        const session = sessionOf(planned);
        const data = { target: session.target, from: planned.target.from, transaction: session.transaction };
        return errorOutcome((0,io_database/* describeDatabaseError */.rB)(error), 'connect', session, sessionLines(session), data, 'a connection');
    }
    try {
        return await runSql(planned, database, signal);
    }
    finally {
        await database.close();
    }
}
function sql_describe(config) {
    if (typeof config.sql === 'string')
        return (0,src_text/* cut */.J)(config.sql.replace(/\s+/g, ' '), 60);
    const exists = config.sql.exists;
    const parts = Object.entries(exists).map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : Object.keys(value).join(', ')}`);
    return (0,src_text/* cut */.J)(`exists: ${parts.join('; ')}`, 60);
}
/**
 * The `sql` kind: `- sql: SELECT count(*) FROM candidates` with `expect:`, or
 * `- sql: { exists: { tables: [roles] } }`. Planning throws a ConfigurationError when no
 * database is named or the URL is not a PostgreSQL URL.
 */
const sqlKind = {
    name: 'sql',
    key: 'sql',
    // The query is SQL: `${VAR}` pasted into it would become code. Values go in `params:`.
    verbatim: () => ['sql'],
    schema: SqlCheck,
    describe: sql_describe,
    problems: sql_problems,
    plan(config, context) {
        const target = planTarget(config, context);
        const statementTimeoutMs = config.timeout ?? context.defaultTimeoutMs;
        const planned = { config, target, statementTimeoutMs, settings: config.set ?? {} };
        // The statement, and its EXPLAIN ANALYZE when one is needed, each within statement_timeout.
        const statements = typeof config.sql === 'string' && (config.explain !== undefined || config.expect?.['max-duration'] !== undefined) ? 2 : 1;
        return {
            timeoutMs: statements * statementTimeoutMs + OVERHEAD_MS,
            run: async ({ signal }) => context.secrets.redactDeep(await runCheck(planned, context, signal)),
        };
    },
};

// EXTERNAL MODULE: ./src/engine/clock.ts
var clock = __webpack_require__(3124);
// EXTERNAL MODULE: ./src/engine/retry.ts
var engine_retry = __webpack_require__(3344);
// EXTERNAL MODULE: ./src/checks/retry-policy.ts
var retry_policy = __webpack_require__(6074);
// EXTERNAL MODULE: ./src/io/http.ts
var http = __webpack_require__(742);
;// CONCATENATED MODULE: ./src/checks/http/request.ts
/**
 * Builds the HTTP request of one step: URL joined to the environment's base URL,
 * headers, credentials and body, with `{{name}}` filled from earlier captures.
 */


/** Redirects followed by `follow-redirects: true`. */
const DEFAULT_MAX_REDIRECTS = 5;
const CAPTURE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const USER_AGENT = 'release-gates';
/** Names used as `{{name}}` in a string. */
function captureReferences(text) {
    return [...text.matchAll(CAPTURE)].map((match) => match[1] ?? '');
}
/** Every string inside a JSON-like value. */
function stringsIn(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.flatMap(stringsIn);
    if (value !== null && typeof value === 'object')
        return Object.values(value).flatMap(stringsIn);
    return [];
}
/** Fills `{{name}}`. In a URL, a value inside a larger string is URL-encoded. */
function fillCaptures(text, captures, inUrl = false) {
    const whole = /^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/.test(text);
    return text.replace(CAPTURE, (match, name) => {
        const value = captures.get(name);
        if (value === undefined)
            return match;
        return inUrl && !whole ? encodeURIComponent(value) : value;
    });
}
function fillDeep(value, captures) {
    if (typeof value === 'string')
        return fillCaptures(value, captures);
    if (Array.isArray(value))
        return value.map((item) => fillDeep(item, captures));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillDeep(item, captures)]));
    }
    return value;
}
/**
 * Joins a check URL to the environment's base URL: `/v1/x` on `https://h/api` gives
 * `https://h/api/v1/x`. Absolute URLs are kept.
 * @throws ConfigurationError when the URL is relative and there is no base URL.
 */
function resolveUrl(url, context) {
    if (/^https?:\/\//i.test(url) || url.startsWith('{{'))
        return url;
    const base = context.environment?.url;
    if (!base) {
        const why = context.environment
            ? `environment "${context.environment.name}" has no url`
            : 'no environment was selected (use --env NAME)';
        throw new errors/* ConfigurationError */.j1([
            { location: context.location, message: `relative URL "${url}" needs a base URL, but ${why} (expected environments.<name>.url)` },
        ]);
    }
    return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}
/** The origin of a URL as written, or undefined when a capture decides it. */
function writtenOrigin(url, environmentUrl) {
    const origin = (text) => {
        try {
            return text === undefined ? undefined : new URL(text).origin;
        }
        catch {
            return undefined;
        }
    };
    const host = /^https?:\/\/([^/]*)/i.exec(url)?.[1];
    if (host !== undefined && !host.includes('{{'))
        return origin(url);
    return origin(environmentUrl);
}
/**
 * The request to send for a step, with captures filled. Credentials are registered as
 * secrets so they are redacted wherever they might appear. Credential headers are
 * `Authorization`, `Cookie`, `Proxy-Authorization` and any header holding a secret; they
 * never go to an origin the config did not name, nor across a redirect.
 */
function buildRequest(plan, captures, secrets, signal) {
    const { step } = plan;
    const headers = { 'user-agent': USER_AGENT, accept: '*/*' };
    for (const [name, value] of Object.entries(step.headers ?? {})) {
        headers[name.toLowerCase()] = fillCaptures(String(value), captures);
    }
    if (step.auth && 'basic' in step.auth) {
        const [user, password] = step.auth.basic.map((part) => fillCaptures(part, captures));
        secrets.add(password);
        const token = Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64');
        secrets.add(token);
        headers.authorization = `Basic ${token}`;
    }
    else if (step.auth && 'bearer' in step.auth) {
        const token = fillCaptures(step.auth.bearer, captures);
        secrets.add(token);
        headers.authorization = `Bearer ${token}`;
    }
    let body;
    if (step.json !== undefined) {
        body = JSON.stringify(fillDeep(step.json, captures));
        headers['content-type'] ??= 'application/json';
    }
    else if (step.form !== undefined) {
        const form = new URLSearchParams();
        for (const [name, value] of Object.entries(step.form))
            form.append(name, fillCaptures(String(value), captures));
        body = form.toString();
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    else if (step.body !== undefined) {
        body = fillCaptures(step.body, captures);
    }
    const follow = step['follow-redirects'];
    const url = fillCaptures(plan.url, captures, true);
    const credentialHeaders = Object.entries(headers)
        .filter(([name, value]) => http/* CREDENTIAL_HEADERS */.zt.includes(name) || secrets.redact(value) !== value)
        .map(([name]) => name);
    let note;
    let sent = headers;
    const target = originOf(url);
    if (plan.trustedOrigin !== undefined && target !== undefined && target !== plan.trustedOrigin && credentialHeaders.length) {
        sent = Object.fromEntries(Object.entries(headers).filter(([name]) => !credentialHeaders.includes(name)));
        note = `credentials not sent to ${target}: only to ${plan.trustedOrigin}, the origin the config names`;
    }
    const request = {
        method: plan.method,
        url,
        headers: sent,
        ...(body === undefined ? {} : { body }),
        timeoutMs: plan.timeoutMs,
        maxBodyBytes: step['max-body'] ?? http/* DEFAULT_MAX_BODY_BYTES */.y_,
        maxRedirects: follow === true ? DEFAULT_MAX_REDIRECTS : typeof follow === 'number' ? follow : 0,
        credentialHeaders,
        signal,
    };
    return note === undefined ? { request } : { request, note };
}
function originOf(url) {
    try {
        return new URL(url).origin;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/checks/http/exchange.ts
/**
 * One request/response exchange of a step: send, evaluate `expect:`, take captures.
 * Transport failures come back as a report, never as a thrown error.
 */





function takeCaptures(plan, response, captures, secrets) {
    const out = [];
    for (const [name, spec] of Object.entries(plan.step.capture ?? {})) {
        const source = typeof spec === 'string' ? { json: spec } : spec;
        let value;
        let where = '';
        if (source.header !== undefined) {
            where = `header ${source.header}`;
            value = response.headers[source.header.toLowerCase()];
        }
        else if (source.json !== undefined) {
            where = source.json;
            const json = parseJsonBody(response);
            value = json.ok ? queryJson(source.json, json.value)[0] : undefined;
        }
        if (value === undefined || value === null || typeof value === 'object') {
            out.push({
                label: `capture ${name}`,
                ok: false,
                measured: value === undefined ? `${where} not found` : `${where} is not a scalar`,
                expected: `a value at ${where}`,
            });
            continue;
        }
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (source.secret)
            secrets.add(text);
        captures.set(name, text);
    }
    return out;
}
/**
 * Sends a step's request and evaluates it. Captured values are added to `captures`
 * only when every assertion holds.
 */
async function exchange(plan, label, context) {
    const { request, note } = buildRequest(plan, context.captures, context.secrets, context.signal);
    try {
        const response = await context.http.send(request);
        const notes = note === undefined ? [] : [note];
        for (const redirect of response.redirects) {
            notes.push(`redirect ${redirect.status} → ${redirect.to}${redirect.droppedCredentials ? ' (credentials not forwarded: other origin)' : ''}`);
        }
        if (response.truncated)
            notes.push(`body cut at ${(0,units/* formatSize */.Xq)(response.body.length)} (max-body); the rest was not read`);
        const assertions = evaluateExpect(plan.step.expect, response);
        if (assertions.every((assertion) => assertion.ok)) {
            assertions.push(...takeCaptures(plan, response, context.captures, context.secrets));
        }
        return {
            label,
            ok: assertions.every((assertion) => assertion.ok),
            status: response.status,
            elapsedMs: response.elapsedMs,
            assertions,
            notes,
        };
    }
    catch (error) {
        if (!(error instanceof http/* HttpFailure */.HR))
            throw error;
        return { label, ok: false, failure: error.reason, elapsedMs: error.elapsedMs, assertions: [], notes: [] };
    }
}

;// CONCATENATED MODULE: ./src/checks/http/index.ts
/** The `http` check kind: one request and its expectations (runbook `curl` lines). */





/** `{{name}}` references that no earlier step captured. */
function unknownCaptures(step, known, path, source) {
    const texts = [
        step.http.url,
        ...stringsIn(step.headers),
        ...stringsIn(step.auth),
        ...stringsIn(step.json),
        ...stringsIn(step.form),
        ...stringsIn(step.body),
    ];
    const unknown = [...new Set(texts.flatMap(captureReferences))].filter((name) => !known.has(name));
    return unknown.map((name) => source.problem(path, `${(0,config_source/* formatPath */.j)(path)}: "{{${name}}}" is not captured by an earlier step (expected one of: ${[...known].join(', ') || 'none; add capture: to an earlier step of steps:'})`));
}
const httpKind = {
    name: 'http',
    key: 'http',
    schema: HttpCheck,
    describe: (config) => `${config.http.method} ${config.http.url}`,
    problems: (config, path, source) => unknownCaptures(config, new Set(), path, source),
    plan(config, context) {
        const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
        const url = resolveUrl(config.http.url, context);
        const plan = { method: config.http.method, url, step: config, timeoutMs, trustedOrigin: writtenOrigin(url, context.environment?.url) };
        const label = `${config.http.method} ${config.http.url}`;
        return {
            timeoutMs,
            ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
            run: async ({ signal }) => {
                const report = await exchange(plan, label, { http: context.io.http, secrets: context.secrets, signal, captures: new Map() });
                return exchangeOutcome(report, config);
            },
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/http/flow.ts
/**
 * The `flow` check kind: `steps:` run in order, each able to use values captured by
 * earlier steps as `{{name}}`. Runbook 000: `POST /api/v1/roles`, then
 * `/api/v1/roles/{id}/upload-job-spec`. A failing step stops the flow.
 */









const flowKind = {
    name: 'flow',
    key: 'steps',
    schema: FlowCheck,
    describe: (config) => `flow of ${config.steps.length} steps`,
    problems(config, path, source) {
        const known = new Set();
        return config.steps.flatMap((step, index) => {
            const problems = unknownCaptures(step, known, [...path, 'steps', index], source);
            for (const name of Object.keys(step.capture ?? {}))
                known.add(name);
            return problems;
        });
    },
    plan(config, context) {
        const steps = config.steps.map((step, index) => {
            const timeoutMs = step.timeout ?? config.timeout ?? context.defaultTimeoutMs;
            const label = step.name ?? `${step.http.method} ${step.http.url}`;
            const retry = (0,retry_policy/* toRetryPolicy */.O)(step.retry);
            const locationContext = { ...context, location: context.source.locate([...context.path, 'steps', index]) };
            const url = resolveUrl(step.http.url, locationContext);
            return {
                label,
                step,
                retry,
                budgetMs: (0,engine_retry/* retryBudgetMs */.y)(retry, timeoutMs),
                plan: { method: step.http.method, url, step, timeoutMs, trustedOrigin: writtenOrigin(url, context.environment?.url) },
            };
        });
        const total = steps.length;
        return {
            timeoutMs: steps.reduce((sum, step) => sum + step.budgetMs, 0),
            ...(context.io.http.prepare ? { prepare: context.io.http.prepare } : {}),
            run: async ({ signal, progress }) => {
                const captures = new Map();
                const details = [];
                for (const [index, step] of steps.entries()) {
                    const tag = `step ${index + 1}/${total} ${step.label}`;
                    const { result: report } = await (0,engine_retry/* withRetry */.b)(step.retry, () => exchange(step.plan, step.label, { http: context.io.http, secrets: context.secrets, signal, captures }), {
                        failed: (r) => !r.ok,
                        clock: clock/* systemClock */.m,
                        signal,
                        onRetry: ({ attempt, waitMs, remaining }) => progress(`${tag}: attempt ${attempt} failed; retrying in ${(0,units/* formatDuration */.a3)(waitMs)} (${remaining})`),
                    });
                    const captured = Object.keys(step.step.capture ?? {}).filter((name) => captures.has(name));
                    details.push(`${report.ok ? '✓' : '✗'} ${tag} → ${report.status ?? report.failure ?? ''}${captured.length ? ` (captured ${captured.join(', ')})` : ''}`);
                    details.push(...exchangeDetails(report, '    '));
                    if (!report.ok) {
                        const failure = failureOf(report, step.step);
                        for (const later of steps.slice(index + 1))
                            details.push(`- not run: ${later.label}`);
                        return { status: 'failed', ...failure, summary: `${tag}: ${failure.summary}`, details };
                    }
                    if (index < total - 1)
                        progress(`${tag} passed`);
                }
                return {
                    status: 'passed',
                    summary: `${total} of ${total} steps passed`,
                    measured: `${total}/${total} steps`,
                    expected: `${total} steps pass`,
                    details,
                };
            },
        };
    },
};

;// CONCATENATED MODULE: ./src/checks/registry.ts
/**
 * The one table of check kinds. A check's kind is the kind key it carries (`http:`,
 * `steps:`, …). Any gate may use any kind.
 */
















/** Every check kind, in the order they are documented. */
const CHECK_KINDS = [
    httpKind,
    flowKind,
    envKind,
    fileKind,
    commandKind,
    githubCiKind,
    githubApprovalsKind,
    githubIssuesKind,
    labelsKind,
    environment_passed/* environmentPassedKind */.s,
    checklistKind,
    junitKind,
    backupKind,
    sqlKind,
];
const KIND_KEYS = CHECK_KINDS.map((kind) => kind.key);
/**
 * The kinds a check's keys select: those whose key is present, unless another present
 * kind owns that key as a field (a `command` check's `env:`). One is valid.
 */
function kindsOf(keys) {
    const present = CHECK_KINDS.filter((kind) => keys.includes(kind.key));
    return present.filter((kind) => !present.some((other) => other !== kind && other.fields?.includes(kind.key)));
}
/**
 * Validates one check: picks its kind by key, then validates with that kind's schema.
 * Issues keep their paths, so positions point into the check.
 */
const CheckEntrySchema = schemas/* unknown */.L5J().transform((raw, ctx) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        ctx.addIssue({ code: 'custom', message: `expected a check mapping with one of the keys: ${KIND_KEYS.join(', ')}` });
        return core/* NEVER */.tm;
    }
    const keys = Object.keys(raw);
    const kinds = kindsOf(keys);
    if (kinds.length !== 1) {
        const near = keys.map((key) => [key, (0,problems/* suggestion */.h)(key, KIND_KEYS)]).find(([, hint]) => hint);
        const message = kinds.length > 1
            ? `a check has exactly one kind, found ${kinds.map((kind) => `"${kind.key}"`).join(' and ')}`
            : near
                ? `check has no kind: unknown key "${near[0]}" (did you mean "${near[1]}"?)`
                : `check has no kind (expected one of the keys: ${KIND_KEYS.join(', ')})`;
        ctx.addIssue({ code: 'custom', message, ...(near && kinds.length === 0 ? { params: { key: near[0] } } : {}) });
        return core/* NEVER */.tm;
    }
    const kind = kinds[0];
    const parsed = kind.schema.safeParse(raw, { reportInput: true });
    if (parsed.success)
        return { kind, config: parsed.data };
    for (const issue of parsed.error.issues) {
        for (const described of (0,problems/* describeIssue */.n6)(issue, kind.schema)) {
            ctx.addIssue({
                code: 'custom',
                path: described.path,
                message: described.message,
                ...(described.key === undefined ? {} : { params: { key: described.key } }),
            });
        }
    }
    return core/* NEVER */.tm;
});
/** The kind a raw check selects, or undefined (for code that works on raw config). */
function kindOfRaw(raw) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return undefined;
    const kinds = kindsOf(Object.keys(raw));
    return kinds.length === 1 ? kinds[0] : undefined;
}
/** Fields of a raw check that `${VAR}` expansion must leave alone (see `CheckKind.verbatim`). */
function verbatimFields(raw) {
    const kind = kindOfRaw(raw);
    return kind?.verbatim ? kind.verbatim(raw) : [];
}
/** For the JSON Schema: any one of the kinds. */
const CheckDocumentSchema = schemas/* union */.KCZ(CHECK_KINDS.map((kind) => kind.schema));


/***/ }),

/***/ 6074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ toRetryPolicy)
/* harmony export */ });
/* unused harmony export DEFAULT_RETRY_INTERVAL_MS */
/** Pause between attempts when `retry:` names none: 2 seconds. */
const DEFAULT_RETRY_INTERVAL_MS = 2000;
/** The engine policy for a `retry:` block, or undefined when there is none. */
function toRetryPolicy(retry) {
    if (!retry)
        return undefined;
    return {
        ...(retry.attempts === undefined ? {} : { attempts: retry.attempts }),
        ...(retry.until === undefined ? {} : { untilMs: retry.until }),
        intervalMs: retry.every ?? retry.interval ?? DEFAULT_RETRY_INTERVAL_MS,
    };
}


/***/ }),

/***/ 8551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ce: () => (/* binding */ EXIT_BUG),
/* harmony export */   Ri: () => (/* binding */ EXIT_USAGE),
/* harmony export */   Rr: () => (/* binding */ exitCodeFor)
/* harmony export */ });
/* unused harmony exports EXIT_PASSED, EXIT_FAILED */
const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_BUG = 3;
function exitCodeFor(status) {
    return status === 'passed' || status === 'skipped' ? EXIT_PASSED : EXIT_FAILED;
}


/***/ }),

/***/ 2757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kc: () => (/* binding */ templateErrors),
/* harmony export */   Pn: () => (/* binding */ pathKey),
/* harmony export */   fT: () => (/* binding */ expand),
/* harmony export */   r3: () => (/* binding */ expandTree)
/* harmony export */ });
/**
 * `${VAR}` and `${VAR:-default}` in config strings, read from the selected environment's
 * `vars:` and then from the process environment (PRODUCT.md, "Config"). `$${` writes a
 * literal `${`. `{{name}}` is left alone: it is a flow capture, filled in at run time.
 */
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Parses the inside of `${…}`; returns an error message when it is malformed. */
function parseReference(inner) {
    if (inner === undefined)
        return 'unclosed "${" (expected "${NAME}" or "${NAME:-default}")';
    const split = inner.indexOf(':-');
    const name = split === -1 ? inner : inner.slice(0, split);
    if (!NAME.test(name)) {
        return `invalid variable name "${name}" in "\${${inner}}" (expected letters, digits and _, e.g. \${API_BASE})`;
    }
    return { name, fallback: split === -1 ? undefined : inner.slice(split + 2) };
}
/** Every syntax error in the templates of `text`; empty when it is well formed. */
function templateErrors(text) {
    const errors = [];
    for (const match of text.matchAll(TOKEN)) {
        if (match[0] === '$${')
            continue;
        const reference = parseReference(match[1]);
        if (typeof reference === 'string')
            errors.push(reference);
    }
    return errors;
}
/** Expands `${…}` references in `text`. Malformed references are left as written. */
function expand(text, lookup) {
    const missing = [];
    const value = text.replace(TOKEN, (whole, inner) => {
        if (whole === '$${')
            return '${';
        const reference = parseReference(inner);
        if (typeof reference === 'string')
            return whole;
        const found = lookup(reference.name);
        if (found !== undefined && found !== '')
            return found;
        if (reference.fallback !== undefined)
            return reference.fallback;
        if (found === undefined)
            missing.push(reference.name);
        return found ?? '';
    });
    return { value, missing };
}
/** A path as a key for {@link expandTree}'s `verbatim` set: `smoke.checks.3.command`. */
function pathKey(path) {
    return path.join('\u0000');
}
/**
 * Expands every string inside a JSON-like value. `onMissing` is called with the path of
 * each string that refers to an unset variable. Values at a path in `verbatim` (see
 * {@link pathKey}) are left as written.
 */
function expandTree(value, path, lookup, onMissing, verbatim = new Set()) {
    if (verbatim.size && verbatim.has(pathKey(path)))
        return value;
    if (typeof value === 'string') {
        const result = expand(value, lookup);
        for (const name of result.missing)
            onMissing(path, name);
        return result.value;
    }
    if (Array.isArray(value)) {
        return value.map((item, index) => expandTree(item, [...path, index], lookup, onMissing, verbatim));
    }
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandTree(item, [...path, key], lookup, onMissing, verbatim)]));
    }
    return value;
}


/***/ }),

/***/ 1036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bi: () => (/* binding */ DEFAULT_CONFIG_PATH),
/* harmony export */   Z9: () => (/* binding */ loadConfig)
/* harmony export */ });
/* unused harmony export parseConfig */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _interpolate_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2757);
/* harmony import */ var _verbatim_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2326);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4968);
/* harmony import */ var _schema_root_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2426);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9397);
/**
 * Loading a config: read the file, parse YAML with positions, validate with zod, and
 * check templates and captures. Every problem found is reported at once.
 */







/** Where the actions and the CLI look for the config by default. */
const DEFAULT_CONFIG_PATH = '.github/release-gates.yml';
function templateProblems(value, path, source, verbatim) {
    if (verbatim.has((0,_interpolate_js__WEBPACK_IMPORTED_MODULE_6__/* .pathKey */ .Pn)(path)))
        return [];
    if (typeof value === 'string')
        return (0,_interpolate_js__WEBPACK_IMPORTED_MODULE_6__/* .templateErrors */ .Kc)(value).map((message) => source.problem(path, `${(0,_source_js__WEBPACK_IMPORTED_MODULE_5__/* .formatPath */ .j)(path)}: ${message}`));
    if (Array.isArray(value))
        return value.flatMap((item, index) => templateProblems(item, [...path, index], source, verbatim));
    if (value !== null && typeof value === 'object') {
        return Object.entries(value).flatMap(([key, item]) => templateProblems(item, [...path, key], source, verbatim));
    }
    return [];
}
function crossProblems(config, source) {
    const problems = [];
    const environments = config.environments ?? {};
    for (const [name, environment] of Object.entries(environments)) {
        for (const [index, required] of (environment.requires ?? []).entries()) {
            const path = ['environments', name, 'requires', index];
            const label = (0,_source_js__WEBPACK_IMPORTED_MODULE_5__/* .formatPath */ .j)(path);
            if (required === name) {
                problems.push(source.problem(path, `${label}: environment "${name}" cannot require itself (expected environments that run before it)`));
            }
            else if (!(required in environments)) {
                const others = Object.keys(environments).filter((other) => other !== name);
                const near = (0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .suggestion */ .h)(required, others);
                const hint = near
                    ? `did you mean "${near}"?`
                    : others.length
                        ? `expected one of: ${others.join(', ')}`
                        : 'no other environment is defined';
                problems.push(source.problem(path, `${label}: unknown environment "${required}" (${hint})`));
            }
        }
    }
    for (const gate of _schema_root_js__WEBPACK_IMPORTED_MODULE_4__/* .GATE_NAMES */ .rn) {
        for (const [index, entry] of (config[gate]?.checks ?? []).entries()) {
            problems.push(...(entry.kind.problems?.(entry.config, [gate, 'checks', index], source) ?? []));
        }
    }
    return problems;
}
/**
 * Parses and validates config text.
 * @throws ConfigurationError with every problem, each at `file:line:col`.
 */
function parseConfig(file, text) {
    const source = _source_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigSource */ .O.parse(file, text);
    const raw = source.toJS();
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        const got = raw === null || raw === undefined
            ? 'the file is empty'
            : `got ${Array.isArray(raw) ? 'a list' : `${typeof raw} ${JSON.stringify(raw)}`}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1([
            { location: source.locate([]), message: `expected a mapping at the top level, starting with "version: 1"; ${got}` },
        ]);
    }
    const parsed = _schema_root_js__WEBPACK_IMPORTED_MODULE_4__/* .RootSchema */ .QS.safeParse(raw, { reportInput: true });
    const problems = templateProblems(raw, [], source, (0,_verbatim_js__WEBPACK_IMPORTED_MODULE_2__/* .verbatimPaths */ .v)(raw));
    if (!parsed.success) {
        problems.push(...(0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .toProblems */ .ek)(parsed.error.issues.flatMap((issue) => (0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .describeIssue */ .n6)(issue, _schema_root_js__WEBPACK_IMPORTED_MODULE_4__/* .RootSchema */ .QS)), source));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)(problems));
    }
    problems.push(...crossProblems(parsed.data, source));
    if (problems.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)(problems));
    return { source, config: parsed.data, raw: raw };
}
/**
 * Reads and validates a config file.
 * @throws UsageError when the file cannot be read; ConfigurationError when it is invalid.
 */
async function loadConfig(file) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`config file ${file} ${why} (expected a YAML file; pass --config FILE, default ${DEFAULT_CONFIG_PATH})`);
    }
    return parseConfig(file, text);
}


/***/ }),

/***/ 4968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dS: () => (/* binding */ sortProblems),
/* harmony export */   ek: () => (/* binding */ toProblems),
/* harmony export */   h: () => (/* binding */ suggestion),
/* harmony export */   n6: () => (/* binding */ describeIssue)
/* harmony export */ });
/* unused harmony export keysAt */
/* harmony import */ var fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1916);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9397);
/**
 * Turns zod issues into config problems people can act on: a position, what is wrong,
 * what was expected, and a "did you mean" for a misspelt key.
 */



/** The keys an object schema accepts at `path`, or [] when it is not an object. */
function keysAt(schema, path) {
    const def = schema._zod.def;
    switch (def.type) {
        case 'optional':
        case 'nullable':
        case 'default':
        case 'prefault':
        case 'readonly':
        case 'catch':
        case 'nonoptional':
            return keysAt(def.innerType, path);
        case 'pipe':
            return keysAt(def.in, path);
        case 'lazy':
            return keysAt(def.getter(), path);
        case 'union':
            return [...new Set(def.options.flatMap((option) => keysAt(option, path)))];
        case 'array':
            return path.length === 0 ? [] : keysAt(def.element, path.slice(1));
        case 'record':
            return path.length === 0 ? [] : keysAt(def.valueType, path.slice(1));
        case 'object': {
            const shape = def.shape;
            if (path.length === 0)
                return Object.keys(shape);
            const next = shape[String(path[0])];
            return next ? keysAt(next, path.slice(1)) : [];
        }
        default:
            return [];
    }
}
/** `did you mean "retry"?` when `key` is close to one of `known`. */
function suggestion(key, known) {
    if (known.length === 0)
        return undefined;
    const best = (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .closest */ .kp)(key, [...known]);
    return (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .distance */ .Io)(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}
function typeOf(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return `the string ${JSON.stringify((0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cut */ .J)(value, 41))}`;
    return `${typeof value} ${JSON.stringify(value)}`;
}
/** Like {@link typeOf}, naming a mapping's keys: what a union was actually given. */
function inputOf(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return typeOf(value);
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty mapping' : `a mapping with keys: ${keys.join(', ')}`;
}
const EXPECTED_NAMES = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    int: 'a whole number',
    null: 'null',
};
/** True when an alternative of a union failed only because the value has another type. */
function isTypeMismatch(issues) {
    return (issues.length > 0 &&
        issues.every((issue) => issue.path.length === 0 &&
            (issue.code === 'invalid_type' || (issue.code === 'invalid_union' && issue.errors.every(isTypeMismatch)))));
}
/** The types a union accepts, from its alternatives' type mismatches: `a string or a mapping`. */
function expectedTypes(alternatives) {
    const names = alternatives.flatMap((issues) => issues.flatMap((issue) => issue.code === 'invalid_type'
        ? [EXPECTED_NAMES[issue.expected] ?? issue.expected]
        : issue.code === 'invalid_union'
            ? expectedTypes(issue.errors)
            : []));
    return [...new Set(names)];
}
/** `at least 1`, `more than 0`, `at most 256`: the bound of a too_small / too_big issue. */
function bound(issue, more = 'more than', less = 'less than') {
    const small = issue.code === 'too_small';
    const limit = String(small ? issue.minimum : issue.maximum);
    if (issue.inclusive === false)
        return `${small ? more : less} ${limit}`;
    return `${small ? 'at least' : 'at most'} ${limit}`;
}
/** Describes a too_small / too_big issue by what was measured. */
function sizeMessage(issue) {
    const input = issue.input;
    const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    switch (issue.origin) {
        case 'array':
        case 'set':
            return `expected ${bound(issue)} ${limit === 1 && issue.inclusive !== false ? 'item' : 'items'}, got ${Array.isArray(input) ? input.length : typeOf(input)}`;
        case 'string':
            return issue.code === 'too_small' && issue.minimum === 1
                ? 'expected a non-empty string'
                : `expected ${bound(issue)} characters, got ${typeof input === 'string' ? input.length : typeOf(input)}`;
        default: {
            const text = bound(issue, 'greater than', 'less than');
            return `expected a number ${text.startsWith('at') ? `of ${text}` : text}, got ${typeOf(input)}`;
        }
    }
}
/** Describes one zod issue against `schema` (used to list the keys an object accepts). */
function describeIssue(issue, schema) {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    switch (issue.code) {
        case 'unrecognized_keys': {
            const known = keysAt(schema, path);
            return issue.keys.map((key) => {
                const near = suggestion(key, known);
                const hint = near ? `did you mean "${near}"?` : `expected one of: ${known.join(', ')}`;
                return { path, key, message: `unknown key "${key}" (${hint})` };
            });
        }
        case 'invalid_type': {
            const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
            if (issue.input === undefined && path.length > 0) {
                const key = String(path[path.length - 1]);
                return [{ path: path.slice(0, -1), message: `missing required key "${key}" (expected ${expected})` }];
            }
            return [{ path, message: `expected ${expected}, got ${typeOf(issue.input)}` }];
        }
        case 'invalid_value': {
            const expected = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
            if (issue.input === undefined && path.length > 0) {
                const key = String(path[path.length - 1]);
                const wanted = issue.values.length === 1 ? `${key}: ${expected}` : expected;
                return [{ path: path.slice(0, -1), message: `missing required key "${key}" (expected ${wanted})` }];
            }
            return [{ path, message: `expected ${expected}, got ${typeOf(issue.input)}` }];
        }
        case 'too_small':
        case 'too_big':
            return [{ path, message: sizeMessage(issue) }];
        case 'invalid_key': {
            const key = String(path[path.length - 1]);
            const inner = issue.issues.map((sub) => sub.message.startsWith('Invalid') || sub.message.startsWith('Too')
                ? describeIssue({ ...sub, path: [] }, schema)[0]?.message
                : sub.message);
            return [{ path: path.slice(0, -1), key, message: `invalid key "${key}" (${inner.join('; ')})` }];
        }
        case 'custom':
            return [
                {
                    path,
                    message: issue.message,
                    ...(typeof issue.params?.key === 'string' ? { key: issue.params.key } : {}),
                },
            ];
        case 'invalid_union': {
            // Describe the one alternative the value was meant to be, when there is one: an
            // alternative that failed only on the value's type was not meant, nor (when another
            // alternative fits the keys) one that rejects a key of the value.
            const custom = !issue.message.startsWith('Invalid input');
            const alternatives = issue.errors.filter((issues) => !isTypeMismatch(issues));
            const fitting = alternatives.filter((issues) => !issues.some((sub) => sub.path.length === 0 && sub.code === 'unrecognized_keys'));
            const candidates = fitting.length > 0 ? fitting : alternatives;
            const best = candidates.length === 1 ? candidates[0] : undefined;
            // A message written for the union says more than a root issue of one alternative.
            const wholeValue = best?.every((sub) => sub.path.length === 0 && sub.code !== 'unrecognized_keys') ?? true;
            if (best && !(custom && wholeValue)) {
                return best.flatMap((sub) => describeIssue({ ...sub, path: [...path, ...sub.path] }, schema));
            }
            if (custom)
                return [{ path, message: `${issue.message}, got ${inputOf(issue.input)}` }];
            const expected = expectedTypes(issue.errors);
            return [
                {
                    path,
                    message: expected.length
                        ? `expected ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .joinList */ .D)(expected, 'or')}, got ${typeOf(issue.input)}`
                        : `unexpected value ${typeOf(issue.input)}`,
                },
            ];
        }
        case 'invalid_format':
            return [
                {
                    path,
                    message: issue.message.startsWith('Invalid')
                        ? `invalid format: ${typeOf(issue.input)}`
                        : `${issue.message}, got ${typeOf(issue.input)}`,
                },
            ];
        default:
            return [{ path, message: issue.message }];
    }
}
/** Positions and path labels for described issues. */
function toProblems(described, source, prefix = []) {
    return described.map((issue) => {
        const path = [...prefix, ...issue.path];
        const location = issue.key === undefined ? source.locate(path) : source.locateKey(path, issue.key);
        const label = issue.key === undefined ? (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)(path) : (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)([...path, issue.key]);
        return { location, message: `${label}: ${issue.message}` };
    });
}
/** Sorts problems by line and column, so they read top to bottom. */
function sortProblems(problems) {
    return problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}


/***/ }),

/***/ 79:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ EnvironmentReference),
/* harmony export */   BY: () => (/* binding */ RegexSource),
/* harmony export */   Bj: () => (/* binding */ Template),
/* harmony export */   Gq: () => (/* binding */ TextExpectation),
/* harmony export */   NU: () => (/* binding */ NumericBounds),
/* harmony export */   Ru: () => (/* binding */ EnvironmentName),
/* harmony export */   d2: () => (/* binding */ NumericBoundFields),
/* harmony export */   dw: () => (/* binding */ Duration),
/* harmony export */   ew: () => (/* binding */ Numeric),
/* harmony export */   fz: () => (/* binding */ Retry),
/* harmony export */   g2: () => (/* binding */ CheckCommon),
/* harmony export */   mr: () => (/* binding */ VariableName),
/* harmony export */   or: () => (/* binding */ Size),
/* harmony export */   ut: () => (/* binding */ Variables)
/* harmony export */ });
/* unused harmony export CheckId */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2311);
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/**
 * Schema pieces shared by every section of the config: durations, sizes, names, regular
 * expressions, numeric bounds, variables and the fields every check has.
 */


/**
 * A string holding `${VAR}`. Typed fields (durations, numbers, statuses) accept one when
 * the file is validated; the expanded value is validated again before a run.
 */
const Template = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/\$\{[^}]*\}/);
/** A number, or a string that is (or expands to) one: `300`, `"${TTL:-300}"`. */
const Numeric = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^\s*-?\d+(\.\d+)?\s*$/), Template], { error: 'expected a number' })
    .transform((value) => (typeof value === 'number' ? value : Number(value)));
/** A duration: milliseconds, or `500ms`, `5s`, `2m`, `1h`. Parses to milliseconds. */
const Duration = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_units_js__WEBPACK_IMPORTED_MODULE_0__/* .DURATION_PATTERN */ .Cq), Template], {
    error: 'expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m',
})
    .transform((value) => (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)(value) ?? 0);
/** A size: bytes, or `512KiB`, `1MiB`, `10MB`. Parses to bytes. */
const Size = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_units_js__WEBPACK_IMPORTED_MODULE_0__/* .SIZE_PATTERN */ .bv), Template], {
    error: 'expected a size: a number of bytes or a string like 512KiB, 1MiB',
})
    .transform((value) => (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(value) ?? 0);
/** An environment variable name, as in `secrets:` or `env:` checks. */
const VariableName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a variable name: letters, digits and _' });
/** Variables given to a process or an environment: YAML scalars, as the text they are in the environment. */
const Variables = zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(VariableName, zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()]).transform(String));
const ENVIRONMENT_NAME_ERROR = 'expected an environment name of letters, digits, ".", "_" and "-"';
/** An environment's name, as `environments:` keys it and `requires:` names it. */
const EnvironmentName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: ENVIRONMENT_NAME_ERROR });
/** An environment's name where a check names one: `${VAR}` allowed, validated after expansion. */
const EnvironmentReference = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([EnvironmentName, Template], { error: ENVIRONMENT_NAME_ERROR });
/**
 * A regular expression source (`matches:` of every kind), checked when the config is
 * loaded: a bad one is a config problem at its line, not an error at run time.
 */
const RegexSource = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().refine((source) => {
    try {
        new RegExp(source);
        return true;
    }
    catch {
        return false;
    }
}, { error: 'expected a valid regular expression, e.g. "^head"' });
/** Expectations on a text (a stream, a response body): a bare string means `contains`. */
const TextExpectation = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ contains: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(), 'not-contains': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(), matches: RegexSource.optional() }),
]);
/** `gt`, `gte`, `lt`, `lte`: the bounds a number matcher takes. */
const NumericBoundFields = {
    gt: Numeric.optional(),
    gte: Numeric.optional(),
    lt: Numeric.optional(),
    lte: Numeric.optional(),
};
/** Bounds on a number: a count, a row count. */
const NumericBounds = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ equals: Numeric.optional(), ...NumericBoundFields });
/** A check id: used in annotations, evidence and `environment-passed` references. */
const CheckId = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lower-case letters, digits, ".", "_" and "-"' });
/**
 * Retrying a failed check. `attempts` caps the tries; `until` waits for the check to
 * pass within a deadline (wait-until-healthy); `every` (or `interval`) is the pause.
 */
const Retry = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    attempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(1000).optional(),
    until: Duration.optional(),
    every: Duration.optional(),
    interval: Duration.optional(),
})
    .refine((retry) => retry.attempts !== undefined || retry.until !== undefined, {
    error: 'retry needs "attempts" or "until" (expected e.g. { attempts: 5, every: 2s } or { until: 2m, every: 5s })',
});
/** Fields every check kind accepts. */
const CheckCommon = {
    /** What the check verifies, as the runbook says it. */
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    id: CheckId.optional(),
    /** Time allowed for one attempt. */
    timeout: Duration.optional(),
    retry: Retry.optional(),
    /**
     * When the check cannot be verified here (no GitHub token, the API unreachable), the
     * gate does not block on it; it is shown as "not verified (optional)". A check that
     * runs and fails still fails the gate.
     */
    optional: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
};


/***/ }),

/***/ 2426:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QS: () => (/* binding */ RootSchema),
/* harmony export */   rn: () => (/* binding */ GATE_NAMES),
/* harmony export */   tN: () => (/* binding */ RootDocumentSchema)
/* harmony export */ });
/* unused harmony export Environment */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2311);
/* harmony import */ var _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9061);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79);
/**
 * The whole config file, `version: 1` (PRODUCT.md, "Config"): secrets, environments and
 * one section per gate.
 */



/** Gate sections a config may have, in the order gates run. */
const GATE_NAMES = ['preflight', 'smoke'];
/** One deployment environment: its base URL, variables and the environments before it. */
const Environment = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    /** Base URL that relative check URLs are joined to. `${VAR}` allowed. */
    url: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    /**
     * PostgreSQL URL that `sql` checks query unless they name their own; `${VAR}` allowed.
     * Its password is a secret.
     */
    database: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    /** Variables for `${NAME}` in this environment; they win over the process environment. */
    vars: _common_js__WEBPACK_IMPORTED_MODULE_1__/* .Variables */ .ut.optional(),
    /** Environments whose gates must pass first, for the same commit (runbook 000, "Environment Order"). */
    requires: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(_common_js__WEBPACK_IMPORTED_MODULE_1__/* .EnvironmentName */ .Ru).optional(),
});
function gateSection(check) {
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        /** Checks run at once (default 8). */
        concurrency: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().min(1).max(256).optional(),
        /** Per-attempt timeout of a check that sets none (default 10s). */
        timeout: _common_js__WEBPACK_IMPORTED_MODULE_1__/* .Duration */ .dw.optional(),
        /** Whole-gate deadline (default 15m). */
        deadline: _common_js__WEBPACK_IMPORTED_MODULE_1__/* .Duration */ .dw.optional(),
        checks: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(check),
    });
}
function root(check) {
    const section = gateSection(check).optional();
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        version: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(1, { error: 'expected version: 1' }),
        /** Variable names whose values are secrets: redacted everywhere. */
        secrets: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(_common_js__WEBPACK_IMPORTED_MODULE_1__/* .VariableName */ .mr).optional(),
        environments: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(_common_js__WEBPACK_IMPORTED_MODULE_1__/* .EnvironmentName */ .Ru, Environment).optional(),
        preflight: section,
        smoke: section,
    });
}
/** Validates a config; checks parse to {@link CheckEntry} values. */
const RootSchema = root(_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckEntrySchema */ .yn);
/** The same shape for editors: checks as a union of every kind. */
const RootDocumentSchema = root(_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckDocumentSchema */ .l6);


/***/ }),

/***/ 9397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ ConfigSource),
/* harmony export */   j: () => (/* binding */ formatPath)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/**
 * A parsed config file that remembers where every value came from, so that each
 * problem can be reported as `file:line:col`.
 */



/** The text of a config file, its YAML document and a position index. */
class ConfigSource {
    file;
    text;
    document;
    lines;
    /** `sha256:<hex>` of the file's bytes; results are bound to it (PRODUCT.md). */
    digest;
    constructor(
    /** The file as given on the command line, used in every message. */
    file, text, document, lines) {
        this.file = file;
        this.text = text;
        this.document = document;
        this.lines = lines;
        this.digest = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex')}`;
    }
    /**
     * Parses YAML text.
     * @throws ConfigurationError listing every YAML syntax error with its position.
     */
    static parse(file, text) {
        const lines = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
        const document = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
        const source = new ConfigSource(file, text, document, lines);
        if (document.errors.length > 0) {
            // A tab used as indentation confuses the parser into further errors on the same
            // lines; the tab is the one to fix.
            const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
            const errors = tabs.length > 0 ? tabs : document.errors;
            // An error at the end of the file (an unclosed bracket) points just after the last
            // character, where the closing one is missing, not at an empty last line.
            const problems = errors.map((error) => ({
                location: source.at(Math.min(error.pos[0], text.trimEnd().length)),
                message: `invalid YAML: ${yamlMessage(error, text)}`,
            }));
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column));
        }
        return source;
    }
    /** The plain JavaScript value of the document (`null` for an empty file). */
    toJS() {
        return this.document.toJS({ maxAliasCount: 100 });
    }
    /** The location of a character offset. */
    at(offset) {
        const { line, col } = this.lines.linePos(offset);
        return { file: this.file, line, column: col };
    }
    /** The location of the value at `path`, or of its nearest existing ancestor. */
    locate(path) {
        for (let depth = path.length; depth >= 0; depth--) {
            const node = this.document.getIn(path.slice(0, depth), true);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isNode */ .Ll)(node) && node.range)
                return this.at(node.range[0]);
        }
        return { file: this.file, line: 1, column: 1 };
    }
    /** The location of the key `key` in the mapping at `path` (where an unknown key is). */
    locateKey(path, key) {
        const node = path.length === 0 ? this.document.contents : this.document.getIn(path, true);
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(node)) {
            const pair = node.items.find((item) => (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(item.key) && item.key.value === key);
            if (pair && (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isNode */ .Ll)(pair.key) && pair.key.range)
                return this.at(pair.key.range[0]);
        }
        return this.locate(path);
    }
    /** A problem at `path`. */
    problem(path, message) {
        return { location: this.locate(path), message };
    }
}
/**
 * First line of a yaml error message, without the trailing position the library adds;
 * a duplicate key is named.
 */
function yamlMessage(error, text) {
    if (error.code === 'DUPLICATE_KEY') {
        const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\n]*?)\s*:/.exec(text.slice(error.pos[0]))?.[1];
        if (key)
            return `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)} (expected each key once per mapping)`;
    }
    if (error.code === 'TAB_AS_INDENT')
        return 'tab used for indentation (expected spaces)';
    const first = error.message.split('\n')[0] ?? error.message;
    return first.replace(/ at line \d+, column \d+:?$/, '');
}
/** Formats a path as people write it: `smoke.checks[2].expect.status`. */
function formatPath(path) {
    let out = '';
    for (const part of path) {
        if (typeof part === 'number')
            out += `[${part}]`;
        else if (/^[A-Za-z_][\w-]*$/.test(part))
            out += out ? `.${part}` : part;
        else
            out += `[${JSON.stringify(part)}]`;
    }
    return out || '(top level)';
}


/***/ }),

/***/ 4529:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cq: () => (/* binding */ DURATION_PATTERN),
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   bv: () => (/* binding */ SIZE_PATTERN)
/* harmony export */ });
/**
 * Durations and sizes as written in a config file.
 *
 * A duration is a number of milliseconds or a string such as `500ms`, `5s`, `2m`, `1h`.
 * A size is a number of bytes or a string such as `512KiB`, `1MiB`, `10MB`.
 */
/**
 * A duration string: a number and a unit. The config schema checks strings against it (and
 * the JSON Schema for editors carries it), so what validates is what parses.
 */
const DURATION_PATTERN = /^\d+(\.\d+)?\s*(ms|s|m|h)$/;
const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A size string: a number and a unit; see {@link DURATION_PATTERN}. */
const SIZE_PATTERN = /^\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB)$/;
const SIZE_BYTES = {
    B: 1,
    KB: 1000,
    KiB: 1024,
    MB: 1_000_000,
    MiB: 1024 * 1024,
    GB: 1_000_000_000,
    GiB: 1024 ** 3,
};
/** `text` (a number and a unit, as `pattern` reads them; the unit is its 2nd group) times the unit's factor. */
function parseWithUnit(text, pattern, factors) {
    const trimmed = text.trim();
    const unit = pattern.exec(trimmed)?.[2];
    const factor = unit === undefined ? undefined : factors[unit];
    return factor === undefined ? undefined : Math.round(Number.parseFloat(trimmed) * factor);
}
/** Parses a duration to milliseconds, or returns undefined when it is not one. */
function parseDuration(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    return parseWithUnit(value, DURATION_PATTERN, DURATION_MS);
}
/** Formats milliseconds for people: `850ms`, `5s`, `2m`, `1m30s`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${Number((ms / 1000).toFixed(1))}s`;
    const total = Math.round(ms / 1000);
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    if (hours)
        return minutes ? `${hours}h${minutes}m` : `${hours}h`;
    return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}
/** Parses a size to bytes, or returns undefined when it is not one. */
function parseSize(value) {
    if (typeof value === 'number')
        return Number.isInteger(value) && value >= 0 ? value : undefined;
    return parseWithUnit(value, SIZE_PATTERN, SIZE_BYTES);
}
/** Formats bytes for people: `512 B`, `1.5 KiB`, `1 MiB`. */
function formatSize(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${Number((bytes / 1024).toFixed(1))} KiB`;
    return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}


/***/ }),

/***/ 2326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ verbatimPaths)
/* harmony export */ });
/* harmony import */ var _checks_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9061);
/* harmony import */ var _interpolate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2757);
/* harmony import */ var _schema_root_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2426);
/**
 * The fields of a config that `${VAR}` expansion leaves alone: each check kind names
 * them (a shell script reads its variables from the environment itself).
 */



/** Path keys (see `pathKey`) of every verbatim field in a raw config. */
function verbatimPaths(raw) {
    const paths = new Set();
    for (const gate of _schema_root_js__WEBPACK_IMPORTED_MODULE_1__/* .GATE_NAMES */ .rn) {
        const section = raw[gate];
        const checks = section !== null && typeof section === 'object' ? section.checks : undefined;
        if (!Array.isArray(checks))
            continue;
        checks.forEach((check, index) => {
            for (const field of (0,_checks_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .verbatimFields */ .QQ)(check))
                paths.add((0,_interpolate_js__WEBPACK_IMPORTED_MODULE_2__/* .pathKey */ .Pn)([gate, 'checks', index, field]));
        });
    }
    return paths;
}


/***/ }),

/***/ 3124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/** Time behind a small interface, so the engine can be driven in tests. */
/** The real clock. */
const systemClock = {
    now: () => performance.now(),
    date: () => new Date(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted) {
            resolve();
            return;
        }
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    }),
};


/***/ }),

/***/ 1123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K8: () => (/* binding */ blocksGate),
/* harmony export */   Rh: () => (/* binding */ statusLabel),
/* harmony export */   e_: () => (/* binding */ needsAttention),
/* harmony export */   gX: () => (/* binding */ overallStatus),
/* harmony export */   vd: () => (/* binding */ gateStatusOf)
/* harmony export */ });
/** How a status reads in every report: `unverified` reads "not verified". */
function statusLabel(status) {
    return status === 'unverified' ? 'not verified' : status;
}
/** True for a check that failed, waits for a person, or could not be verified: the ones reports dwell on. */
function needsAttention(check) {
    return check.status === 'failed' || check.status === 'pending' || check.status === 'unverified';
}
/** True for a check that keeps its gate from passing: failed, or not verified and not optional. */
function blocksGate(check) {
    return check.status === 'failed' || (check.status === 'unverified' && check.optional !== true);
}
/**
 * A gate fails when any check failed or could not be verified (and is not optional), is
 * pending when any check waits for a person and none blocks, and passes otherwise
 * (skipped checks, and optional checks that could not be verified, do not block).
 */
function gateStatusOf(checks) {
    if (checks.some(blocksGate))
        return 'failed';
    if (checks.some((check) => check.status === 'pending'))
        return 'pending';
    return 'passed';
}
/** The result of several gates run in order: failed beats pending beats passed. */
function overallStatus(gates) {
    if (gates.some((gate) => gate.status === 'failed'))
        return 'failed';
    if (gates.some((gate) => gate.status === 'pending'))
        return 'pending';
    if (gates.length > 0 && gates.every((gate) => gate.status === 'skipped'))
        return 'skipped';
    return 'passed';
}


/***/ }),

/***/ 3344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ withRetry),
/* harmony export */   y: () => (/* binding */ retryBudgetMs)
/* harmony export */ });
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/** The retry loop shared by whole checks and by single flow steps. */

/**
 * Calls `attempt` until `failed(result)` is false, the policy is exhausted, or `signal`
 * aborts. Without a policy it makes one attempt. `interrupted` is true when the policy
 * allowed another attempt but `signal` aborted first.
 */
async function withRetry(policy, attempt, options) {
    const start = options.clock.now();
    for (let n = 1;; n++) {
        const result = await attempt(n);
        if (!options.failed(result) || !policy)
            return { result, attempts: n, interrupted: false };
        if (options.signal.aborted)
            return { result, attempts: n, interrupted: true };
        const elapsed = options.clock.now() - start;
        const moreAttempts = policy.attempts === undefined || n < policy.attempts;
        const moreTime = policy.untilMs === undefined || elapsed + policy.intervalMs < policy.untilMs;
        if (!moreAttempts || !moreTime)
            return { result, attempts: n, interrupted: false };
        const remaining = policy.untilMs !== undefined ? `${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(policy.untilMs - elapsed)} left` : `attempt ${n + 1} of ${policy.attempts ?? '?'}`;
        options.onRetry?.({ attempt: n, last: result, waitMs: policy.intervalMs, remaining });
        await options.clock.sleep(policy.intervalMs, options.signal);
        if (aborted(options.signal))
            return { result, attempts: n, interrupted: true };
    }
}
/** Reads `signal.aborted` afresh (it changes while we wait). */
function aborted(signal) {
    return signal.aborted;
}
/** Milliseconds a retried piece of work may take in all, given one attempt's budget. */
function retryBudgetMs(policy, attemptMs) {
    if (!policy)
        return attemptMs;
    if (policy.untilMs !== undefined)
        return policy.untilMs + attemptMs;
    const attempts = policy.attempts ?? 1;
    return attempts * attemptMs + (attempts - 1) * policy.intervalMs;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   iU: () => (/* binding */ isUserError),
/* harmony export */   j1: () => (/* binding */ ConfigurationError)
/* harmony export */ });
/* unused harmony export formatProblem */
/**
 * Error classes that separate a user's mistake from a bug, in the manner of
 * codeql-action's `ConfigurationError`: a user error is printed as one line with no
 * stack trace and exits with code 2; anything else is a bug and keeps its stack.
 */
/** Formats a problem as `file:line:col: message`, the form editors and CI logs link. */
function formatProblem(problem) {
    const { file, line, column } = problem.location;
    return `${file}:${line}:${column}: ${problem.message}`;
}
/**
 * The user's config is wrong. Carries every problem found, so that one run reports all
 * of them. Exit code 2.
 */
class ConfigurationError extends Error {
    problems;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.name = 'ConfigurationError';
        this.problems = problems;
    }
}
/** The command line is wrong (unknown gate, missing option, unreadable file). Exit code 2. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** True when the error is the user's mistake rather than a bug in release-gates. */
function isUserError(error) {
    return error instanceof ConfigurationError || error instanceof UsageError;
}


/***/ }),

/***/ 4855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ checkRunName),
/* harmony export */   JV: () => (/* binding */ digestMarker),
/* harmony export */   ex: () => (/* binding */ parseCheckRunName),
/* harmony export */   s: () => (/* binding */ digestIn)
/* harmony export */ });
/* unused harmony export CHECK_RUN_PREFIX */
/**
 * Evidence identity: how a gate's result is named and bound to its config on GitHub, so
 * that checks (`environment-passed`, `github-ci`) and reporters (check runs, the sticky
 * comment) agree on it. A check run is `release-gates / <gate> (<env>)` (PRODUCT.md,
 * "Reporting contract") and its summary carries the config digest it ran under.
 */
const DIGEST = /<!-- release-gates:digest=(sha256:[0-9a-f]{64}) -->/;
/** Every release-gates check run name starts with this. */
const CHECK_RUN_PREFIX = 'release-gates / ';
/** `release-gates / smoke (staging)`, or `release-gates / smoke` without an environment. */
function checkRunName(gate, environment) {
    return `${CHECK_RUN_PREFIX}${gate}${environment ? ` (${environment})` : ''}`;
}
/** The gate and environment of a release-gates check run name, or undefined. */
function parseCheckRunName(name) {
    const match = /^release-gates \/ (\S+)(?: \((.+)\))?$/.exec(name);
    return match?.[1] ? { gate: match[1], environment: match[2] } : undefined;
}
/**
 * The machine-readable config digest of a completed run's summary, so that a later gate
 * (`environment-passed`) counts a result only for the same config (PRODUCT.md, "Beyond
 * the peers").
 */
function digestMarker(configDigest) {
    return `<!-- release-gates:digest=${configDigest} -->`;
}
/** The config digest a check run's summary records, if any. */
function digestIn(summary) {
    return (summary ? DIGEST.exec(summary) : null)?.[1];
}


/***/ }),

/***/ 9784:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KX: () => (/* binding */ buildEvidence),
/* harmony export */   nP: () => (/* binding */ writeEvidence)
/* harmony export */ });
/* unused harmony export EVIDENCE_SCHEMA */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(311);
/**
 * The JSON evidence record: what ran, against which commit, config and environment, and
 * what each check measured (PRODUCT.md, "Reporting contract": `report` output).
 */



/** Identifies the record's format; bump on an incompatible change. */
const EVIDENCE_SCHEMA = 'release-gates/evidence@1';
/** Builds the record, with every secret redacted. */
function buildEvidence(run, context, secrets) {
    return secrets.redactDeep({
        schema: EVIDENCE_SCHEMA,
        tool: { name: 'release-gates', version: _version_js__WEBPACK_IMPORTED_MODULE_2__/* .VERSION */ .x },
        commit: context.commit,
        configFile: context.configFile,
        configDigest: context.configDigest,
        environment: run.environment ?? null,
        result: run.status,
        startedAt: context.startedAt.toISOString(),
        finishedAt: context.finishedAt.toISOString(),
        durationMs: context.finishedAt.getTime() - context.startedAt.getTime(),
        gates: run.gates,
    });
}
/** Writes the record as pretty JSON, creating the folder. */
async function writeEvidence(file, record) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, `${JSON.stringify(record, null, 2)}\n`);
}


/***/ }),

/***/ 2878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ GATES),
  H: () => (/* binding */ gateNamed)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/checks/environment-passed/index.ts
var environment_passed = __webpack_require__(8034);
;// CONCATENATED MODULE: ./src/checks/environment-passed/implied.ts

/**
 * One `environment-passed` check per environment that the selected environment
 * `requires:`, unless the gate's section already checks that environment itself. Each is
 * located at its `requires:` entry, so annotations point at the line that asked for it.
 */
function impliedEnvironmentChecks(context) {
    const environment = context.environment;
    if (!environment)
        return [];
    const explicit = new Set(context.section.checks
        .filter((entry) => entry.kind === environment_passed/* environmentPassedKind */.s)
        .map((entry) => entry.config['environment-passed'].environment));
    return environment.requires.flatMap((required, index) => explicit.has(required)
        ? []
        : [
            {
                kind: environment_passed/* environmentPassedKind */.s,
                config: environment_passed/* environmentPassedKind */.s.schema.parse({ 'environment-passed': required }),
                path: ['environments', environment.name, 'requires', index],
            },
        ]);
}

// EXTERNAL MODULE: ./src/checks/retry-policy.ts
var retry_policy = __webpack_require__(6074);
;// CONCATENATED MODULE: ./src/gates/plan.ts


/** Per-attempt timeout of a check when neither it nor its gate sets one: 10 seconds. */
const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
/** `Readiness probe` → `readiness-probe`. */
function slug(text) {
    return (text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'check');
}
/**
 * Plans `extra` (checks a gate implies) and then every check of the section, in config
 * order. Ids are unique within the gate.
 * @throws ConfigurationError listing every check that cannot be planned.
 */
function planChecks(context, extra = []) {
    const declaredSecrets = new Set(context.loaded.config.secrets ?? []);
    const entries = [...extra, ...context.section.checks.map((entry, index) => ({ ...entry, path: [context.gate, 'checks', index] }))];
    const problems = [];
    const used = new Set();
    const specs = [];
    for (const entry of entries) {
        const path = entry.path ?? [context.gate, 'checks'];
        const location = context.loaded.source.locate(path);
        const common = entry.config;
        const name = common.name ?? entry.kind.describe(entry.config);
        let id = common.id ?? slug(name);
        for (let n = 2; used.has(id); n++)
            id = `${common.id ?? slug(name)}-${n}`;
        used.add(id);
        try {
            const planned = entry.kind.plan(entry.config, {
                gate: context.gate,
                environment: context.environment,
                location,
                path,
                source: context.loaded.source,
                secrets: context.secrets,
                io: context.io,
                scope: context.scope,
                declaredSecrets,
                defaultTimeoutMs: context.section.timeout ?? DEFAULT_CHECK_TIMEOUT_MS,
            });
            const retry = (0,retry_policy/* toRetryPolicy */.O)(common.retry);
            specs.push({
                id,
                name,
                kind: entry.kind.name,
                location,
                ...planned,
                ...(retry ? { retry } : {}),
                ...(common.optional ? { optional: true } : {}),
            });
        }
        catch (error) {
            if (!(error instanceof errors/* ConfigurationError */.j1))
                throw error;
            problems.push(...error.problems);
        }
    }
    if (problems.length)
        throw new errors/* ConfigurationError */.j1(problems);
    return specs;
}

;// CONCATENATED MODULE: ./src/gates/preflight/index.ts
/**
 * The preflight gate: everything a runbook checks "before you touch anything" — env and
 * secrets, files, commands, CI status, approvals, open incidents, labels, the previous
 * environment, manual sign-offs, test evidence and backups (PRODUCT.md, "preflight").
 * An environment's `requires:` adds an `environment-passed` check for each environment
 * it names, unless the config already has one.
 */


const preflightGate = {
    name: 'preflight',
    description: 'preconditions: env, secrets, files, commands, CI, approvals, incidents, previous environment, checklist, tests, backups',
    plan: (context) => planChecks(context, impliedEnvironmentChecks(context)),
};

;// CONCATENATED MODULE: ./src/gates/smoke/index.ts

const smokeGate = {
    name: 'smoke',
    description: 'HTTP checks with assertions and flows against the environment',
    plan: (context) => planChecks(context),
};

;// CONCATENATED MODULE: ./src/gates/registry.ts



const GATES = [preflightGate, smokeGate];
/**
 * The gate named `name`.
 * @throws UsageError for an unknown gate, listing the known ones.
 */
function gateNamed(name) {
    const gate = GATES.find((candidate) => candidate.name === name);
    if (!gate)
        throw new errors/* UsageError */.eb(`unknown gate "${name}" (expected one of: ${GATES.map((g) => g.name).join(', ')})`);
    return gate;
}


/***/ }),

/***/ 8103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ runGates)
});

// EXTERNAL MODULE: ./src/io/database.ts
var database = __webpack_require__(8659);
// EXTERNAL MODULE: ./src/io/process.ts
var io_process = __webpack_require__(6397);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/io/postgres-url.ts
var postgres_url = __webpack_require__(5613);
// EXTERNAL MODULE: ./src/secrets/registry.ts
var registry = __webpack_require__(3866);
// EXTERNAL MODULE: ./src/config/interpolate.ts
var interpolate = __webpack_require__(2757);
// EXTERNAL MODULE: ./src/config/verbatim.ts
var verbatim = __webpack_require__(2326);
// EXTERNAL MODULE: ./src/config/problems.ts
var config_problems = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/config/schema/root.ts
var root = __webpack_require__(2426);
;// CONCATENATED MODULE: ./src/config/resolve.ts







function missingProblem(loaded, environment) {
    return (path, name) => loaded.source.problem(path, `environment variable ${name} is not set (expected it in the process environment${environment ? ` or environments.${environment}.vars` : ''}, or a default: \${${name}:-value})`);
}
/** Names declared under `secrets:`. */
function declaredSecrets(loaded) {
    return new Set(loaded.config.secrets ?? []);
}
/**
 * The selected environment with its variables expanded; undefined when none is selected.
 * Secret-named variables are registered with `secrets`.
 * @throws UsageError for an unknown environment; ConfigurationError for unset variables.
 */
function resolveEnvironment(loaded, name, env, secrets) {
    if (name === undefined)
        return undefined;
    const environments = loaded.config.environments ?? {};
    const config = environments[name];
    if (!config) {
        const known = Object.keys(environments);
        throw new errors/* UsageError */.eb(known.length
            ? `unknown environment "${name}" (expected one of: ${known.join(', ')})`
            : `--env ${name} was given, but ${loaded.source.file} has no environments: section`);
    }
    const problems = [];
    const onMissing = missingProblem(loaded, name);
    const processLookup = (key) => env[key];
    const declared = declaredSecrets(loaded);
    const vars = {};
    for (const [key, value] of Object.entries(config.vars ?? {})) {
        vars[key] = (0,interpolate/* expandTree */.r3)(value, ['environments', name, 'vars', key], processLookup, (path, missing) => problems.push(onMissing(path, missing)));
        if ((0,registry/* isSecretName */.eh)(key, declared))
            secrets.add(vars[key]);
    }
    const lookup = (key) => vars[key] ?? env[key];
    const expandField = (field) => {
        const value = config[field];
        if (value === undefined)
            return undefined;
        return (0,interpolate/* expandTree */.r3)(value, ['environments', name, field], lookup, (path, missing) => problems.push(onMissing(path, missing)));
    };
    const url = expandField('url');
    const database = expandField('database');
    // The password of the environment's database is a secret wherever the URL shows up.
    const databaseUrl = database === undefined ? undefined : (0,postgres_url/* parsePostgresUrl */.qQ)(database);
    secrets.add(databaseUrl?.password);
    secrets.add(databaseUrl?.rawPassword);
    if (url && !/^https?:\/\/[^/\s]+/i.test(url)) {
        problems.push(loaded.source.problem(['environments', name, 'url'], `environments.${name}.url: ${JSON.stringify(url)} is not an absolute http(s) URL (expected e.g. https://staging.example.com)`));
    }
    if (problems.length)
        throw new errors/* ConfigurationError */.j1((0,config_problems/* sortProblems */.dS)(problems));
    return {
        name,
        url: url === '' ? undefined : url,
        ...(database ? { database } : {}),
        vars,
        requires: config.requires ?? [],
    };
}
/**
 * A gate's section with `${VAR}` expanded and validated again.
 * @throws UsageError when the config has no such section; ConfigurationError for unset
 *   variables or values that became invalid once expanded.
 */
function resolveGateSection(loaded, gate, environment, env) {
    const raw = loaded.raw[gate];
    if (raw === undefined || raw === null) {
        throw new errors/* UsageError */.eb(`${loaded.source.file} has no "${gate}:" section (expected ${gate}: { checks: [...] })`);
    }
    const problems = [];
    const onMissing = missingProblem(loaded, environment?.name);
    const lookup = (key) => environment?.vars[key] ?? env[key];
    const expanded = (0,interpolate/* expandTree */.r3)(raw, [gate], lookup, (path, name) => problems.push(onMissing(path, name)), (0,verbatim/* verbatimPaths */.v)(loaded.raw));
    if (problems.length)
        throw new errors/* ConfigurationError */.j1((0,config_problems/* sortProblems */.dS)(problems));
    const schema = root/* RootSchema */.QS.shape[gate].unwrap();
    const parsed = schema.safeParse(expanded, { reportInput: true });
    if (!parsed.success) {
        const described = parsed.error.issues.flatMap((issue) => (0,config_problems/* describeIssue */.n6)(issue, schema));
        throw new errors/* ConfigurationError */.j1((0,config_problems/* sortProblems */.dS)((0,config_problems/* toProblems */.ek)(described, loaded.source, [gate])));
    }
    return parsed.data;
}

// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/engine/clock.ts
var engine_clock = __webpack_require__(3124);
// EXTERNAL MODULE: ./src/engine/retry.ts
var retry = __webpack_require__(3344);
// EXTERNAL MODULE: ./src/engine/model.ts
var model = __webpack_require__(1123);
;// CONCATENATED MODULE: ./src/engine/run-gate.ts
/**
 * Runs a gate's checks with bounded concurrency, a per-attempt timeout, retries, a
 * whole-gate deadline and cancellation. Never hangs past the deadline, never lets a
 * check's rejection escape, and keeps results in config order.
 */




/** Default number of checks run at once (issue #2). */
const DEFAULT_CONCURRENCY = 8;
/** Default whole-gate deadline: 15 minutes. */
const DEFAULT_DEADLINE_MS = 15 * 60_000;
/** Extra time the engine allows past a check's own budget before it fails the attempt. */
const GRACE_MS = 1000;
class Interrupted extends Error {
}
/** Resolves with `promise`, or rejects with {@link Interrupted} once `signal` aborts. */
function raceAbort(promise, signal) {
    promise.catch(() => undefined);
    if (signal.aborted)
        return Promise.reject(new Interrupted());
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new Interrupted());
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
function bugOutcome(check, error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
        status: 'failed',
        summary: `internal error in the ${check.kind} check: ${message} (a bug in release-gates, not in your config)`,
        measured: 'internal error',
        expected: 'the check to run',
        details: error instanceof Error && error.stack ? [error.stack] : [],
    };
}
/** Runs one attempt within the check's budget, turning a thrown error into a bug outcome. */
async function runAttempt(check, attempt, gateSignal, why, emit) {
    const progress = (message) => emit({ type: 'check-progress', check, message });
    if (check.uninterruptible) {
        try {
            return await check.run({ signal: gateSignal, attempt, progress });
        }
        catch (error) {
            return bugOutcome(check, error);
        }
    }
    const attemptController = new AbortController();
    const timer = setTimeout(() => attemptController.abort(), check.timeoutMs + GRACE_MS);
    const signal = AbortSignal.any([gateSignal, attemptController.signal]);
    const context = { signal, attempt, progress };
    try {
        return await raceAbort(Promise.resolve().then(() => check.run(context)), signal);
    }
    catch (error) {
        if (!(error instanceof Interrupted))
            return bugOutcome(check, error);
        if (gateSignal.aborted)
            return { status: 'failed', summary: why(), measured: 'interrupted', expected: 'completion' };
        return {
            status: 'failed',
            summary: `no result within the check's ${(0,units/* formatDuration */.a3)(check.timeoutMs)} budget`,
            measured: `> ${(0,units/* formatDuration */.a3)(check.timeoutMs)}`,
            expected: `≤ ${(0,units/* formatDuration */.a3)(check.timeoutMs)}`,
        };
    }
    finally {
        clearTimeout(timer);
    }
}
/** Runs every attempt of one check, honouring its retry policy. */
async function runCheck(check, gateSignal, why, clock, emit) {
    const startedAt = clock.date().toISOString();
    const start = clock.now();
    emit({ type: 'check-started', check });
    const { result: outcome, attempts, interrupted, } = await (0,retry/* withRetry */.b)(check.retry, (n) => runAttempt(check, n, gateSignal, why, emit), {
        failed: (result) => result.status === 'failed',
        clock,
        signal: gateSignal,
        onRetry: ({ attempt, last, waitMs, remaining }) => emit({
            type: 'check-progress',
            check,
            message: `attempt ${attempt} failed: ${last.summary}; retrying in ${(0,units/* formatDuration */.a3)(waitMs)} (${remaining})`,
        }),
    });
    // A retry cut short by the deadline or cancellation says so, not just the last failure.
    const stopped = interrupted && outcome.measured !== 'interrupted' ? `; no more retries: ${why().replace(/ before it finished$/, '')}` : '';
    return {
        id: check.id,
        name: check.name,
        kind: check.kind,
        status: outcome.status,
        summary: attempts > 1 || stopped ? `${outcome.summary} (after ${attempts} attempt${attempts > 1 ? 's' : ''}${stopped})` : outcome.summary,
        measured: outcome.measured ?? '',
        expected: outcome.expected ?? '',
        details: outcome.details ?? [],
        location: check.location,
        startedAt,
        durationMs: Math.round(clock.now() - start),
        attempts,
        ...(check.optional ? { optional: true } : {}),
        ...(outcome.data === undefined ? {} : { data: outcome.data }),
    };
}
/**
 * Runs a gate. Results come back in the order of `options.checks`.
 * Checks not started when the deadline passes, or the gate is cancelled, fail with
 * "not run" and the reason.
 */
async function runGate(options) {
    const clock = options.clock ?? engine_clock/* systemClock */.m;
    const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const concurrency = options.serial ? 1 : Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    const emit = options.onEvent ?? (() => undefined);
    // Shared start-up work (e.g. loading the HTTP client) before the gate's clock starts;
    // a failure here shows up in the checks that need it.
    await Promise.allSettled([...new Set(options.checks.flatMap((check) => (check.prepare ? [check.prepare] : [])))].map((prepare) => prepare()));
    const startedAt = clock.date().toISOString();
    const start = clock.now();
    const deadline = new AbortController();
    const deadlineTimer = setTimeout(() => deadline.abort(), deadlineMs);
    const signals = [deadline.signal, ...(options.signal ? [options.signal] : [])];
    const gateSignal = AbortSignal.any(signals);
    const interruption = () => options.signal?.aborted ? 'cancelled' : deadline.signal.aborted ? 'deadline' : undefined;
    const why = () => interruption() === 'cancelled'
        ? 'cancelled before it finished'
        : `gate deadline of ${(0,units/* formatDuration */.a3)(deadlineMs)} reached before it finished`;
    const results = new Array(options.checks.length);
    let next = 0;
    /** In a serial gate, the check that did not pass, after which nothing runs. */
    let stoppedBy;
    const worker = async () => {
        while (next < options.checks.length) {
            const index = next++;
            const check = options.checks[index];
            if (!check)
                continue;
            if (stoppedBy) {
                results[index] = notRun(check, `"${stoppedBy.name}" did not pass (${stoppedBy.status})`, clock, 'skipped');
            }
            else if (gateSignal.aborted) {
                results[index] = notRun(check, why(), clock);
            }
            else {
                results[index] = await runCheck(check, gateSignal, why, clock, emit);
                if (options.serial && results[index].status !== 'passed' && results[index].status !== 'skipped') {
                    if (results[index].status !== 'unverified' || !results[index].optional)
                        stoppedBy = results[index];
                }
            }
            emit({ type: 'check-finished', result: results[index] });
        }
    };
    try {
        await Promise.all(Array.from({ length: Math.min(concurrency, options.checks.length) }, worker));
    }
    finally {
        clearTimeout(deadlineTimer);
    }
    const interrupted = interruption();
    return {
        gate: options.gate,
        environment: options.environment,
        status: (0,model/* gateStatusOf */.vd)(results),
        checks: results,
        startedAt,
        durationMs: Math.round(clock.now() - start),
        ...(interrupted ? { interrupted } : {}),
    };
}
/**
 * A check that never started. `failed` when the deadline or a cancellation stopped it;
 * `skipped` after an earlier step of a serial gate did not pass (that step already
 * decides the gate).
 */
function notRun(check, reason, clock, status = 'failed') {
    return {
        id: check.id,
        name: check.name,
        kind: check.kind,
        status,
        summary: `not run: ${reason.replace(/ before it finished$/, '')}`,
        measured: 'not run',
        expected: 'a result',
        details: [],
        location: check.location,
        startedAt: clock.date().toISOString(),
        durationMs: 0,
        attempts: 0,
    };
}

;// CONCATENATED MODULE: ./src/gates/run.ts





/**
 * Plans every gate first, so a config problem in a later gate is reported before
 * anything runs, then runs them in order.
 * @throws ConfigurationError or UsageError before any check runs.
 */
async function runGates(options) {
    const { loaded, env, secrets } = options;
    secrets.addFromEnvironment(env, declaredSecrets(loaded));
    const environment = resolveEnvironment(loaded, options.environment, env, secrets);
    const io = { process: io_process/* nodeProcessRunner */.ao, database: database/* pgDatabase */.rn, ...options.io };
    const scope = {
        env,
        cwd: process.cwd(),
        headSha: undefined,
        github: undefined,
        ...options.scope,
        configDigest: loaded.source.digest,
    };
    const planned = options.gates.map((gate) => {
        const section = resolveGateSection(loaded, gate.name, environment, env);
        const context = { loaded, gate: gate.name, section, environment, secrets, io, scope };
        return { gate, section, checks: gate.plan(context) };
    });
    const results = [];
    let failedGate;
    for (const { gate, section, checks } of planned) {
        if (failedGate !== undefined) {
            results.push({
                gate: gate.name,
                environment: environment?.name,
                status: 'skipped',
                checks: [],
                startedAt: new Date().toISOString(),
                durationMs: 0,
                reason: `not run: gate ${failedGate} did not pass`,
            });
            continue;
        }
        await options.onGateStart?.(gate, checks.length, environment);
        const result = await runGate({
            gate: gate.name,
            environment: environment?.name,
            checks,
            ...((options.concurrency ?? section.concurrency) ? { concurrency: options.concurrency ?? section.concurrency } : {}),
            ...(section.deadline === undefined ? {} : { deadlineMs: section.deadline }),
            ...(gate.serial ? { serial: true } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            onEvent: (event) => options.onEvent?.(gate, event),
        });
        // Reporters escape and cut text; they must only ever see redacted text.
        const redacted = secrets.redactDeep(result);
        results.push(redacted);
        await options.onGateFinished?.(redacted);
        if (result.status !== 'passed')
            failedGate = gate.name;
    }
    return { status: (0,model/* overallStatus */.gX)(results), environment: environment?.name, gates: results };
}


/***/ }),

/***/ 8943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ GitHubError)
/* harmony export */ });
/** A failed GitHub call, with the status and GitHub's message. */
class GitHubError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
        this.name = 'GitHubError';
    }
    /** A read-only token: a fork's PR, or missing `permissions:` (GITHUB.md, "Forks and tokens"). */
    get readOnly() {
        return this.status === 403 && /not accessible by integration|write access|permission/i.test(this.message);
    }
    /** Worth trying again: a server error or a lost connection. */
    get transient() {
        return this.status >= 500 || this.status === 0;
    }
}


/***/ }),

/***/ 9556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ readRunContext),
/* harmony export */   O5: () => (/* binding */ headShaFromEnv)
/* harmony export */ });
/* unused harmony exports DELETED_FORK, headShaFor */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * What a workflow run tells us about itself: repository, event, the commit under test
 * and the pull request, read from the runner's environment and event payload.
 */


/** `headRepository` of a pull request whose fork was deleted. */
const DELETED_FORK = '(deleted fork)';
function readEvent(path) {
    if (!path)
        return {};
    try {
        return JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${error.message}`);
    }
}
/** The head SHA for an event, per GITHUB.md. */
function headShaFor(eventName, payload, githubSha) {
    if (eventName.startsWith('pull_request'))
        return payload.pull_request?.head?.sha ?? githubSha;
    if (eventName === 'merge_group')
        return payload.merge_group?.head_sha ?? githubSha;
    return githubSha;
}
/**
 * The commit under test when running inside a workflow (the PR head SHA on
 * `pull_request`, not the merge commit in GITHUB_SHA), or undefined outside one.
 */
function headShaFromEnv(env) {
    if (!env.GITHUB_SHA)
        return undefined;
    let payload = {};
    try {
        payload = readEvent(env.GITHUB_EVENT_PATH);
    }
    catch {
        // an unreadable payload: GITHUB_SHA is the best left
    }
    return headShaFor(env.GITHUB_EVENT_NAME ?? '', payload, env.GITHUB_SHA);
}
/**
 * Reads the run context from the runner's environment.
 * @throws UsageError when GITHUB_REPOSITORY or the commit cannot be determined.
 */
function readRunContext(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('GITHUB_REPOSITORY is not set (expected owner/repo; is this running in GitHub Actions?)');
    const eventName = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch';
    const payload = readEvent(env.GITHUB_EVENT_PATH);
    const headSha = headShaFor(eventName, payload, env.GITHUB_SHA);
    if (!headSha)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`cannot tell the commit under test for event ${eventName} (GITHUB_SHA is not set)`);
    const pr = payload.pull_request;
    const fullName = `${owner}/${repo}`;
    // `head.repo` is null when the fork was deleted (only a fork's head repository can go
    // away); the token is read-only there too, so it must count as a fork.
    const headRepo = pr?.head?.repo;
    const headRepository = headRepo === null ? DELETED_FORK : (headRepo?.full_name ?? fullName);
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const runId = env.GITHUB_RUN_ID;
    return {
        owner,
        repo,
        eventName,
        headSha,
        pullRequest: pr?.number === undefined
            ? undefined
            : {
                number: pr.number,
                headRepository,
            },
        // Only `pull_request` gets a read-only token for a fork; `pull_request_target` can write.
        isFork: eventName === 'pull_request' && pr !== undefined && headRepository.toLowerCase() !== fullName.toLowerCase(),
        serverUrl,
        runUrl: runId ? `${serverUrl}/${fullName}/actions/runs/${runId}` : undefined,
        runKey: [runId ?? 'local', env.GITHUB_RUN_ATTEMPT ?? '1', env.GITHUB_JOB ?? 'job'].join('.'),
    };
}


/***/ }),

/***/ 8659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rB: () => (/* binding */ describeDatabaseError),
/* harmony export */   rn: () => (/* binding */ pgDatabase)
/* harmony export */ });
/* unused harmony export DatabaseError */
/** A database failure, in one line: `ERROR 42P01: relation "x" does not exist`. */
class DatabaseError extends Error {
    /** SQLSTATE, when the server sent one. */
    code;
    constructor(message, code) {
        super(message);
        this.name = 'DatabaseError';
        this.code = code;
    }
}
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const INT8_OID = 20;
/** `bigint` (e.g. `count(*)`) as a number when it fits, else as text. */
function parseInt8(text) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : text;
}
/** `pg`, loaded on first use so that runs without a database do not pay for it at start-up. */
let loaded;
function loadPg() {
    loaded ??= __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 3849)).then(({ default: module }) => {
        const types = new module.TypeOverrides();
        types.setTypeParser(INT8_OID, 'text', parseInt8);
        return { pg: module, types };
    });
    return loaded;
}
/** The one-line text of a `pg` or socket error. */
function describeDatabaseError(error) {
    if (error instanceof DatabaseError)
        return error;
    const fields = (error ?? {});
    const message = typeof fields.message === 'string' && fields.message !== '' ? fields.message : String(error);
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    const sqlState = code !== undefined && /^[0-9A-Z]{5}$/.test(code);
    const severity = typeof fields.severity === 'string' ? fields.severity : 'ERROR';
    const extra = [fields.detail, fields.hint].filter((part) => typeof part === 'string' && part !== '');
    const text = sqlState ? `${severity} ${code}: ${message}` : code && !message.includes(code) ? `${message} (${code})` : message;
    return new DatabaseError([text, ...extra].join('; ').replace(/\s*\n\s*/g, ' '), sqlState ? code : undefined);
}
function abortError() {
    return new DatabaseError('cancelled: the check was aborted (timeout or cancellation)');
}
/** The rows, columns and count of a `pg` result; the last one when a text held several statements. */
function resultOf(result, elapsedMs) {
    const last = (Array.isArray(result) ? result.at(-1) : result) ?? result;
    const rows = Array.isArray(last.rows) ? last.rows : [];
    return {
        rows,
        columns: Array.isArray(last.fields) ? last.fields.map((field) => field.name) : [],
        rowCount: last.rowCount ?? rows.length,
        elapsedMs,
    };
}
class PgDatabase {
    client;
    closed = false;
    constructor(client) {
        this.client = client;
    }
    async query(sql, params = [], options = {}) {
        const { readOnly = true, timeoutMs, signal } = options;
        if (readOnly)
            return this.transaction({ timeoutMs, signal }, (transaction) => transaction.query(sql, params));
        return this.guarded(signal, async () => {
            const timeout = millis(timeoutMs);
            if (timeout !== undefined)
                await this.client.query(`SET statement_timeout = ${timeout}`);
            try {
                const start = performance.now();
                const result = await this.client.query({ text: sql, values: [...params] });
                // A multi-statement text gives one result per statement; the last one is the answer.
                return resultOf(result, performance.now() - start);
            }
            finally {
                if (timeout !== undefined && !this.closed)
                    await this.client.query('RESET statement_timeout').catch(() => undefined);
            }
        });
    }
    async transaction(options, work) {
        const { readOnly = true, commit = false, timeoutMs, settings = {}, role, signal } = options;
        return this.guarded(signal, async () => {
            await this.client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN READ WRITE');
            let done = false;
            try {
                const timeout = millis(timeoutMs);
                // An integer made here, not a value from the config: safe to write into the text.
                if (timeout !== undefined)
                    await this.client.query(`SET LOCAL statement_timeout = ${timeout}`);
                for (const [name, value] of Object.entries(settings))
                    await this.statement('SELECT set_config($1, $2, true)', [name, value]);
                if (role !== undefined)
                    await this.statement("SELECT set_config('role', $1, true)", [role]);
                const result = await work({ query: (sql, params = []) => this.statement(sql, params) });
                if (commit) {
                    done = true;
                    await this.client.query('COMMIT');
                }
                return result;
            }
            finally {
                if (!done && !this.closed)
                    await this.client.query('ROLLBACK').catch(() => undefined);
            }
        });
    }
    /** One statement over the extended protocol, timed. */
    async statement(sql, params) {
        const start = performance.now();
        const result = await this.client.query({ text: sql, values: [...params], queryMode: 'extended' });
        return resultOf(result, performance.now() - start);
    }
    /** Runs `body` with `signal` wired to close the connection, and its errors as {@link DatabaseError}s. */
    async guarded(signal, body) {
        if (signal?.aborted)
            throw abortError();
        const onAbort = () => void this.close();
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
            return await body();
        }
        catch (error) {
            if (signal?.aborted)
                throw abortError();
            throw describeDatabaseError(error);
        }
        finally {
            signal?.removeEventListener('abort', onAbort);
        }
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.client.end().catch(() => undefined);
    }
}
/** A timeout as a whole number of milliseconds, at least 1. */
function millis(timeoutMs) {
    return timeoutMs === undefined ? undefined : Math.max(1, Math.round(timeoutMs));
}
/** {@link DatabaseConnector} over `pg`. The URL may carry the password; it is never in an error. */
const pgDatabase = {
    async connect(url, options = {}) {
        if (options.signal?.aborted)
            throw abortError();
        const { pg, types } = await loadPg();
        const client = new pg.Client({
            connectionString: url,
            connectionTimeoutMillis: options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
            application_name: options.applicationName ?? 'release-gates',
            types,
        });
        // An error after connecting (the server goes away) must not crash the process.
        client.on('error', () => undefined);
        const onAbort = () => void client.end().catch(() => undefined);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        try {
            await client.connect();
        }
        catch (error) {
            await client.end().catch(() => undefined);
            if (options.signal?.aborted)
                throw abortError();
            throw describeDatabaseError(error);
        }
        finally {
            options.signal?.removeEventListener('abort', onAbort);
        }
        return new PgDatabase(client);
    },
};


/***/ }),

/***/ 742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HR: () => (/* binding */ HttpFailure),
/* harmony export */   ki: () => (/* binding */ UndiciHttpClient),
/* harmony export */   y_: () => (/* binding */ DEFAULT_MAX_BODY_BYTES),
/* harmony export */   zt: () => (/* binding */ CREDENTIAL_HEADERS)
/* harmony export */ });
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);

/** Default cap on a response body: 1 MiB. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Headers that are dropped when a redirect leaves the request's origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** A transport failure, with a reason written for people ("connection refused by …"). */
class HttpFailure extends Error {
    reason;
    elapsedMs;
    constructor(reason, elapsedMs) {
        super(reason);
        this.reason = reason;
        this.elapsedMs = elapsedMs;
        this.name = 'HttpFailure';
    }
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
function flattenHeaders(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value === undefined)
            continue;
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}
function withoutCredentials(headers, credentials) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !credentials.includes(name.toLowerCase())));
}
function errorCode(error) {
    let current = error;
    for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
        const code = current.code;
        if (typeof code === 'string' && code !== 'UND_ERR_SOCKET')
            return code;
        current = current.cause;
    }
    return error && typeof error === 'object' ? (error.code ?? undefined) : undefined;
}
/** Turns an undici/Node error into a sentence. */
function describe(error, url, phase, bytes, timedOut, timeoutMs) {
    const where = url.host;
    if (timedOut) {
        return phase === 'body'
            ? `response body not complete within ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(timeoutMs)} (${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSize */ .Xq)(bytes)} read)`
            : `no response from ${where} within ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(timeoutMs)}`;
    }
    const code = errorCode(error);
    switch (code) {
        case 'ECONNREFUSED':
            return `connection refused by ${where}`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `host not found: ${url.hostname}`;
        case 'ECONNRESET':
        case 'UND_ERR_SOCKET':
        case 'EPIPE':
            return phase === 'body'
                ? `connection reset by ${where} after ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSize */ .Xq)(bytes)} of the response body`
                : `connection reset by ${where} before a response`;
        case 'UND_ERR_ABORTED':
        case 'ABORT_ERR':
            return 'cancelled';
        case 'UND_ERR_HEADERS_OVERFLOW':
            return `response headers from ${where} too large`;
        default: {
            const message = error instanceof Error ? error.message : String(error);
            if (phase === 'body')
                return `response body from ${where} failed after ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSize */ .Xq)(bytes)}: ${message}`;
            return `request to ${where} failed: ${message}${code ? ` (${code})` : ''}`;
        }
    }
}
/**
 * {@link HttpClient} over undici, with one connection pool per origin. undici is loaded
 * on the first request, so a run without HTTP checks does not pay for it at start-up.
 */
class UndiciHttpClient {
    options;
    undici;
    constructor(options = {}) {
        this.options = options;
    }
    /** Loads undici (one function, so callers can tell it is the same work). */
    prepare = async () => {
        await this.load();
    };
    load() {
        this.undici ??= __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 4371, 19)).then(({ Agent, request }) => ({
            agent: new Agent({
                keepAliveTimeout: 4000,
                connections: this.options.connectionsPerOrigin ?? null,
                headersTimeout: 0,
                bodyTimeout: 0,
            }),
            request,
        }));
        return this.undici;
    }
    async send(req) {
        const { agent, request } = await this.load();
        const start = performance.now();
        let url;
        try {
            url = new URL(req.url);
        }
        catch {
            throw new HttpFailure(`invalid URL ${JSON.stringify(req.url)} (expected an absolute http:// or https:// URL)`, 0);
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
            throw new HttpFailure(`unsupported URL scheme "${url.protocol}" in ${JSON.stringify(req.url)} (expected http:// or https://)`, 0);
        }
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), req.timeoutMs);
        const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
        const redirects = [];
        let method = req.method.toUpperCase();
        let headers = { ...req.headers };
        const credentials = (req.credentialHeaders ?? CREDENTIAL_HEADERS).map((name) => name.toLowerCase());
        let body = req.body;
        try {
            for (;;) {
                let phase = 'connect';
                let bytes = 0;
                try {
                    const res = await request(url, { method: method, headers, body, signal, dispatcher: agent });
                    const location = res.headers.location;
                    if (REDIRECTS.has(res.statusCode) && typeof location === 'string' && redirects.length < req.maxRedirects) {
                        await res.body.dump({ limit: 64 * 1024, signal });
                        const next = new URL(location, url);
                        const droppedCredentials = next.origin !== url.origin && Object.keys(headers).length !== Object.keys(withoutCredentials(headers, credentials)).length;
                        if (next.origin !== url.origin)
                            headers = withoutCredentials(headers, credentials);
                        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
                            method = method === 'HEAD' ? 'HEAD' : 'GET';
                            body = undefined;
                            headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
                        }
                        redirects.push({ status: res.statusCode, from: url.href, to: next.href, droppedCredentials });
                        url = next;
                        continue;
                    }
                    phase = 'body';
                    const chunks = [];
                    let truncated = false;
                    for await (const chunk of res.body) {
                        const room = req.maxBodyBytes - bytes;
                        if (chunk.length > room) {
                            chunks.push(chunk.subarray(0, room));
                            bytes += room;
                            truncated = true;
                            break;
                        }
                        chunks.push(chunk);
                        bytes += chunk.length;
                    }
                    if (truncated)
                        res.body.destroy();
                    return {
                        status: res.statusCode,
                        headers: flattenHeaders(res.headers),
                        body: Buffer.concat(chunks, bytes),
                        truncated,
                        url: url.href,
                        redirects,
                        elapsedMs: performance.now() - start,
                    };
                }
                catch (error) {
                    const timedOut = timeout.signal.aborted && !req.signal?.aborted;
                    throw new HttpFailure(describe(error, url, phase, bytes, timedOut, req.timeoutMs), performance.now() - start);
                }
            }
        }
        finally {
            clearTimeout(timer);
        }
    }
    async close() {
        if (this.undici)
            await (await this.undici).agent.close();
    }
}


/***/ }),

/***/ 2475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ processOutput),
/* harmony export */   q: () => (/* binding */ redacting)
/* harmony export */ });
/** The process's stdout and stderr. */
const processOutput = {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    get isTTY() {
        return process.stdout.isTTY;
    },
    get columns() {
        return process.stdout.columns || 120;
    },
};
/** Wraps an output so that no registered secret is ever written. */
function redacting(output, secrets) {
    return {
        out: (text) => output.out(secrets.redact(text)),
        err: (text) => output.err(secrets.redact(text)),
        get isTTY() {
            return output.isTTY;
        },
        get columns() {
            return output.columns;
        },
    };
}


/***/ }),

/***/ 5613:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $r: () => (/* binding */ targetOf),
/* harmony export */   Cm: () => (/* binding */ quoteIdentifier),
/* harmony export */   FN: () => (/* binding */ serverOf),
/* harmony export */   kR: () => (/* binding */ withDatabase),
/* harmony export */   pT: () => (/* binding */ isPostgresUrl),
/* harmony export */   qQ: () => (/* binding */ parsePostgresUrl)
/* harmony export */ });
/**
 * PostgreSQL URLs without leaking their passwords, shared by the kinds that reach a
 * database (`backup`, `sql`). The password is taken out of the URL (user info or
 * `?password=`) and handed to `pg_dump`, `pg_restore` and `psql` as `PGPASSWORD` in their
 * environment, never on their command line; what is shown is the URL without it, or only
 * `host:port/database` ({@link targetOf}). The caller registers the password with the
 * secret registry.
 */
const SCHEMES = ['postgres:', 'postgresql:'];
/** True when `text` looks like a PostgreSQL URL (used to find passwords in `env:` values). */
function isPostgresUrl(text) {
    return /^postgres(ql)?:\/\//i.test(text.trim());
}
function decode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * Parses a `postgres://` or `postgresql://` URL.
 * @returns undefined when it is not one; the reason is never the URL itself.
 */
function parsePostgresUrl(text) {
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        return undefined;
    }
    if (!SCHEMES.includes(url.protocol.toLowerCase()))
        return undefined;
    const rawPassword = url.password !== '' ? url.password : (url.searchParams.get('password') ?? undefined);
    const password = url.password !== '' ? decode(url.password) : (url.searchParams.get('password') ?? undefined);
    const full = url.toString();
    url.password = '';
    if (url.searchParams.has('password'))
        url.searchParams.delete('password');
    return {
        safe: url.toString(),
        password,
        rawPassword,
        database: decode(url.pathname.replace(/^\//, '')),
        env: password === undefined ? {} : { PGPASSWORD: password },
        full,
    };
}
/** The same server and login with another database: where the scratch database lives. */
function withDatabase(url, database) {
    const swap = (text) => {
        const parsed = new URL(text);
        parsed.pathname = `/${encodeURIComponent(database)}`;
        return parsed.toString();
    };
    return { ...url, safe: swap(url.safe), full: swap(url.full), database };
}
/** The server part shown in evidence: `postgresql://user@host:port`, no database, no password. */
function serverOf(url) {
    const parsed = new URL(url.safe);
    parsed.pathname = '';
    // A socket URL names its host in the query; a TCP one needs nothing from it.
    if (parsed.host !== '')
        parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
}
/**
 * The database as evidence names it: `host:port/database`, no user, no password, no
 * options (`5432` when the URL names no port; the socket folder for a socket URL).
 */
function targetOf(url) {
    const parsed = new URL(url.safe);
    const host = parsed.hostname !== '' ? parsed.hostname : (parsed.searchParams.get('host') ?? 'localhost');
    return `${host}:${parsed.port !== '' ? parsed.port : '5432'}/${url.database}`;
}
/** Double-quotes an SQL identifier. */
function quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}


/***/ }),

/***/ 6397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $K: () => (/* binding */ shellArgv),
/* harmony export */   ao: () => (/* binding */ nodeProcessRunner),
/* harmony export */   n9: () => (/* binding */ DEFAULT_MAX_OUTPUT_BYTES)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Running commands behind a small interface: argv by default, a shell only when the
 * config asks for one; a timeout that kills the whole process group; output kept up to
 * a cap. A command that cannot start is a result, not a thrown error.
 */

/** Default cap on each of stdout and stderr: 1 MiB. */
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** Time between SIGTERM and SIGKILL when a command overruns, in milliseconds. */
const KILL_GRACE_MS = 2000;
/** The argv of a script run by a shell: `bash -c script` (`sh` and others alike). */
function shellArgv(shell, script) {
    return shell === 'bash' ? ['bash', '-o', 'pipefail', '-c', script] : [shell, '-c', script];
}
class Capture {
    max;
    chunks = [];
    size = 0;
    truncated = false;
    constructor(max) {
        this.max = max;
    }
    push(chunk) {
        const room = this.max - this.size;
        if (room <= 0) {
            this.truncated = true;
            return;
        }
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (part.length < chunk.length)
            this.truncated = true;
        this.chunks.push(part);
        this.size += part.length;
    }
    text() {
        return Buffer.concat(this.chunks).toString('utf8');
    }
}
/** {@link ProcessRunner} over `child_process.spawn`. */
const nodeProcessRunner = {
    run(request) {
        const start = performance.now();
        const max = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
        const [program = '', ...args] = request.argv;
        return new Promise((resolve) => {
            const stdout = new Capture(max);
            const stderr = new Capture(max);
            let timedOut = false;
            let startError;
            const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, {
                cwd: request.cwd,
                env: { ...process.env, ...request.env },
                stdio: [request.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
                detached: process.platform !== 'win32',
            });
            const killGroup = (signal) => {
                try {
                    if (child.pid !== undefined)
                        process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
                }
                catch {
                    // already gone
                }
            };
            const stop = () => {
                killGroup('SIGTERM');
                setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
            };
            const timer = setTimeout(() => {
                timedOut = true;
                stop();
            }, request.timeoutMs);
            const onAbort = () => stop();
            request.signal?.addEventListener('abort', onAbort, { once: true });
            child.stdout?.on('data', (chunk) => stdout.push(chunk));
            child.stderr?.on('data', (chunk) => stderr.push(chunk));
            if (request.stdin !== undefined && child.stdin) {
                child.stdin.on('error', () => undefined);
                child.stdin.end(request.stdin);
            }
            child.on('error', (error) => {
                startError =
                    error.code === 'ENOENT'
                        ? `command not found: ${program}`
                        : error.code === 'EACCES'
                            ? `not executable: ${program}`
                            : error.message;
            });
            child.on('close', (code, signal) => {
                clearTimeout(timer);
                request.signal?.removeEventListener('abort', onAbort);
                resolve({
                    exitCode: code,
                    signal,
                    stdout: stdout.text(),
                    stderr: stderr.text(),
                    truncated: stdout.truncated || stderr.truncated,
                    timedOut,
                    ...(startError ? { startError } : {}),
                    elapsedMs: performance.now() - start,
                });
            });
        });
    },
};


/***/ }),

/***/ 3996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ failuresText),
/* harmony export */   H1: () => (/* binding */ conclusionFor),
/* harmony export */   Mx: () => (/* binding */ commentIdIn),
/* harmony export */   TN: () => (/* binding */ checkRunOutput),
/* harmony export */   Xy: () => (/* binding */ batches),
/* harmony export */   gX: () => (/* binding */ annotationsFor)
/* harmony export */ });
/* unused harmony exports ANNOTATIONS_PER_REQUEST, MAX_OUTPUT_CHARS, fit */
/* harmony import */ var _engine_model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1123);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9991);
/* harmony import */ var _markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8461);
/* harmony import */ var _evidence_identity_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4855);




/** GitHub accepts at most 50 annotations per request (GITHUB.md). */
const ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` and `output.text` are each at most 65,535 characters (GITHUB.md). */
const MAX_OUTPUT_CHARS = 65_535;
/** An annotation title is at most 255 characters (GITHUB.md). */
const MAX_ANNOTATION_TITLE = 255;
const COMMENT_ID = /<!-- release-gates:comment=(\d+) -->/;
/**
 * The conclusion for a gate result. A failing gate is never `neutral` (required checks
 * treat neutral as passing); a gate not run because an earlier one failed is
 * `cancelled`, for the same reason; a checklist waiting for a person is
 * `action_required`.
 */
function conclusionFor(result) {
    if (result.interrupted === 'cancelled' || result.status === 'skipped')
        return 'cancelled';
    if (result.status === 'passed')
        return 'success';
    if (result.status === 'pending')
        return 'action_required';
    return result.interrupted === 'deadline' ? 'timed_out' : 'failure';
}
/** The comment id a check run's summary records, if any. */
function commentIdIn(summary) {
    const match = summary ? COMMENT_ID.exec(summary) : null;
    return match?.[1] ? Number(match[1]) : undefined;
}
/** Cuts text to `max` characters, saying so. */
function fit(text, max, what) {
    if (text.length <= max)
        return text;
    const note = `\n\n… ${what} truncated at ${max} characters; the full record is in the evidence artifact.`;
    return text.slice(0, max - note.length) + note;
}
/**
 * Markdown of each failing or pending check: its summary, config line, and evidence in a
 * code block. Undefined when every check passed. The check run's `text`, and the PR
 * comment's details.
 */
function failuresText(result) {
    const failures = result.checks
        .filter(_engine_model_js__WEBPACK_IMPORTED_MODULE_2__/* .needsAttention */ .e_)
        .map((check) => [
        `### ${(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .attentionEmoji */ .xA)(check)} ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(check.name)}`,
        `${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(check.summary)} (${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(`${check.location.file}:${check.location.line}`)})`,
        '',
        (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)((0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .evidenceLines */ .p1)(check).join('\n')),
    ].join('\n'));
    return failures.length ? failures.join('\n\n') : undefined;
}
/** Title, summary (the checks table) and text (each failure's evidence). */
function checkRunOutput(result, context) {
    const header = [
        `**${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(result.gate)}**${result.environment ? ` against **${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(result.environment)}**` : ''}` +
            `${context.environmentUrl ? ` (${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(context.environmentUrl)})` : ''} for \`${context.headSha.slice(0, 12)}\`, config \`${context.configDigest.slice(0, 19)}…\``,
        '',
    ];
    const body = result.checks.length ? (0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .checksTable */ .Et)(result, context.lineLink) : (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInline */ .VV)(result.reason ?? 'no checks');
    // Markers go after the cut, so truncation never loses them; the comment id stays last.
    const marker = `\n${(0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_3__/* .digestMarker */ .JV)(context.configDigest)}` +
        (context.commentId === undefined ? '' : `\n<!-- release-gates:comment=${context.commentId} -->`);
    const summary = fit(header.join('\n') + body, MAX_OUTPUT_CHARS - marker.length, 'summary') + marker;
    const failures = failuresText(result);
    return {
        title: fit((0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_1__/* .tally */ .N4)(result), 1000, 'title'),
        summary,
        ...(failures ? { text: fit(failures, MAX_OUTPUT_CHARS, 'text') } : {}),
    };
}
/** One failure annotation per failing or pending check, at its config line. */
function annotationsFor(result, configPath) {
    return result.checks.filter(_engine_model_js__WEBPACK_IMPORTED_MODULE_2__/* .needsAttention */ .e_).map((check) => ({
        path: configPath,
        start_line: check.location.line,
        end_line: check.location.line,
        annotation_level: (0,_engine_model_js__WEBPACK_IMPORTED_MODULE_2__/* .blocksGate */ .K8)(check) ? 'failure' : 'warning',
        message: fit(`${check.summary}\nmeasured: ${check.measured}\nexpected: ${check.expected}`, 64_000, 'message'),
        title: `${result.gate}: ${check.name}`.slice(0, MAX_ANNOTATION_TITLE),
    }));
}
/** Splits annotations into requests of at most {@link ANNOTATIONS_PER_REQUEST}. */
function batches(items, size = ANNOTATIONS_PER_REQUEST) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}


/***/ }),

/***/ 6637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I2: () => (/* binding */ commentBody),
/* harmony export */   lB: () => (/* binding */ upsertComment),
/* harmony export */   mC: () => (/* binding */ knownCommentId),
/* harmony export */   oT: () => (/* binding */ cellsFromCheckRuns)
/* harmony export */ });
/* unused harmony exports COMMENT_MARKER, MAX_COMMENT_CHARS, MAX_DETAILS_CHARS */
/* harmony import */ var _github_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8943);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9991);
/* harmony import */ var _markdown_tables_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8461);
/* harmony import */ var _evidence_identity_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4855);
/* harmony import */ var _check_run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3996);
/**
 * The one sticky PR comment: a table of gates by environment, rebuilt from the
 * `release-gates / …` check runs on the commit so that parallel jobs converge
 * (PRODUCT.md, "Reporting contract"; GITHUB.md, "PR comments").
 */





/** Hidden marker that identifies the sticky comment. */
const COMMENT_MARKER = '<!-- release-gates:sticky-comment -->';
/** A comment body is at most 65,536 characters (GITHUB.md). */
const MAX_COMMENT_CHARS = 65_536;
const CONCLUSION_STATUS = {
    success: 'passed',
    neutral: 'passed',
    failure: 'failed',
    timed_out: 'failed',
    action_required: 'pending',
    cancelled: 'skipped',
    skipped: 'skipped',
    stale: 'skipped',
};
/**
 * Cells from the commit's check runs, the newest run per name (highest id); `own`
 * replaces the runs this job has just finished.
 */
function cellsFromCheckRuns(runs, own) {
    const cells = new Map();
    const latest = [...runs].sort((a, b) => a.id - b.id);
    for (const run of latest) {
        const parsed = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCheckRunName */ .ex)(run.name);
        if (!parsed)
            continue;
        const status = run.status === 'completed' ? (CONCLUSION_STATUS[run.conclusion ?? ''] ?? 'failed') : 'in progress';
        const details = status === 'failed' || status === 'pending' ? run.text : undefined;
        cells.set(run.name, { ...parsed, status, title: run.title ?? run.status, url: run.htmlUrl, details });
    }
    for (const cell of own)
        cells.set(cell.name, cell);
    return [...cells.values()].sort((a, b) => (a.environment ?? '').localeCompare(b.environment ?? ''));
}
/** Evidence of one cell longer than this is linked, not copied into the comment. */
const MAX_DETAILS_CHARS = 6000;
/** The failing cells' evidence: a folded section each, or a link when it is long. */
function detailsSections(cells, inline) {
    const sections = cells
        .filter((cell) => (cell.status === 'failed' || cell.status === 'pending') && cell.details)
        .map((cell) => {
        const label = `${(0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_2__/* .statusBadge */ .Od)(cell.status)} ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(cell.gate)}${cell.environment ? ` · ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(cell.environment)}` : ''}: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(cell.title)}`;
        if (inline && (cell.details ?? '').length <= MAX_DETAILS_CHARS)
            return `<details><summary>${label}</summary>\n\n${cell.details ?? ''}\n\n</details>`;
        return `- ${label}: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('evidence in the check run', cell.url)}`;
    });
    return sections.length ? `\n\n${sections.join('\n\n')}` : '';
}
/**
 * The comment body, within GitHub's limit: the gates table, then the evidence of each
 * failing cell. When too long, evidence becomes links first, then rows are dropped (and
 * the comment says so).
 */
function commentBody(cells, context) {
    const head = `${COMMENT_MARKER}\n### release-gates for \`${context.headSha.slice(0, 12)}\`\n\n`;
    const foot = context.preview
        ? `\n\n<sub>Preview from a local run at ${context.updatedAt.toISOString()}; in a workflow this comment is rebuilt from the commit's \`release-gates / …\` check runs.</sub>\n`
        : `\n\n<sub>Rebuilt from the \`release-gates / …\` check runs on ${context.headSha.slice(0, 12)} at ${context.updatedAt.toISOString()}${context.runUrl ? ` by ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('this run', context.runUrl)}` : ''}.</sub>\n`;
    let shown = [...cells];
    let inline = true;
    for (;;) {
        const dropped = cells.length - shown.length;
        const note = dropped
            ? `\n\n**Truncated:** ${dropped} of ${cells.length} results are not shown (comment limit ${MAX_COMMENT_CHARS} characters); see the check runs.`
            : '';
        const body = head + (0,_markdown_tables_js__WEBPACK_IMPORTED_MODULE_2__/* .gatesTable */ .vF)(shown) + note + detailsSections(shown, inline) + foot;
        if (body.length <= MAX_COMMENT_CHARS || shown.length === 0)
            return body.slice(0, MAX_COMMENT_CHARS);
        if (inline)
            inline = false;
        else
            shown = shown.slice(0, Math.floor(shown.length * 0.9));
    }
}
/** The comment ids with the marker, lowest first. */
function markedIds(comments) {
    return comments
        .filter((comment) => comment.body.includes(COMMENT_MARKER))
        .map((comment) => comment.id)
        .sort((a, b) => a - b);
}
/**
 * Writes the sticky comment and returns its id. Tries `knownId` first (from a check
 * run's summary), then looks it up (paginated); creates it when missing, then lists
 * again and deletes every duplicate but the lowest id, because find-then-create is not
 * atomic (GITHUB.md).
 */
async function upsertComment(api, issue, body, knownId, logger) {
    if (knownId !== undefined) {
        try {
            await api.updateComment(knownId, body);
            return knownId;
        }
        catch (error) {
            if (!(error instanceof _github_api_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubError */ .y) || error.status !== 404)
                throw error;
            logger.debug(`sticky comment ${knownId} is gone; looking it up`);
        }
    }
    const existing = markedIds(await api.listComments(issue))[0];
    if (existing !== undefined) {
        await api.updateComment(existing, body);
        return existing;
    }
    let created;
    try {
        created = (await api.createComment(issue, body)).id;
    }
    catch (error) {
        if (!(error instanceof _github_api_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubError */ .y) || !error.transient)
            throw error;
        logger.warning(`creating the PR comment failed (${error.status} ${error.message}); checking whether it was created`);
    }
    const ids = markedIds(await api.listComments(issue));
    const keep = ids[0];
    if (keep === undefined) {
        created = (await api.createComment(issue, body)).id;
        return created;
    }
    for (const duplicate of ids.slice(1)) {
        await api.deleteComment(duplicate).catch((error) => logger.debug(`deleting duplicate comment ${duplicate}: ${String(error)}`));
    }
    if (keep !== created)
        await api.updateComment(keep, body);
    return keep;
}
/** The sticky comment id recorded by any release-gates check run, if one is. */
function knownCommentId(runs) {
    for (const run of [...runs].sort((a, b) => b.id - a.id)) {
        const id = (0,_evidence_identity_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCheckRunName */ .ex)(run.name) ? (0,_check_run_js__WEBPACK_IMPORTED_MODULE_3__/* .commentIdIn */ .Mx)(run.summary) : undefined;
        if (id !== undefined)
            return id;
    }
    return undefined;
}


/***/ }),

/***/ 9991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   VV: () => (/* binding */ escapeInline),
/* harmony export */   kq: () => (/* binding */ escapeCell),
/* harmony export */   nf: () => (/* binding */ link)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/**
 * Escaping for text that did not come from us (response bodies, PR text, check names)
 * before it goes into markdown: it must not break a table, open HTML, run code spans or
 * mention people (issue #3, "must not break out of the comment's markdown").
 */

const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/**
 * Breaks an @mention. GitHub finds mentions after rendering, so neither `\@` nor
 * `&#64;` stops one (github/cmark-gfm#181); a zero-width space after the `@` does.
 */
const UNMENTION = '@\u200b';
/** Escapes text for inline markdown: HTML, `|`, backticks, emphasis, links and @mentions. */
function escapeInline(text) {
    return (text
        .replace(/[&<>"]/g, (char) => HTML[char] ?? char)
        .replace(/([\\`*_[\]|#~])/g, '\\$1')
        .replace(/@/g, UNMENTION)
        // CommonMark ends a line at LF, CR LF and a lone CR; any of them would end a table row.
        .replace(/\r\n?|\n/g, ' '));
}
/** Escapes text for a table cell, cut to `max` characters. */
function escapeCell(text, max = 200) {
    return escapeInline((0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .J)(text, max));
}
/** A fenced code block that the text cannot close, whatever backticks it holds. */
function codeBlock(text) {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}text\n${text.replace(/@/g, UNMENTION)}\n${fence}`;
}
/**
 * Characters percent-encoded in a link's URL: parentheses and whitespace would end the
 * destination, `|` would split a table cell, and the rest have no business in one.
 * (`encodeURIComponent` leaves parentheses alone, so they are encoded by hand.)
 */
const URL_UNSAFE = /[()\s|<>`"\\[\]]/g;
/** A link around already-escaped text, when the URL is http(s); else the text alone. */
function link(text, url) {
    if (!url || !/^https?:\/\//.test(url))
        return text;
    const safe = url.replace(URL_UNSAFE, (char) => (char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char)));
    return `[${text}](${safe})`;
}


/***/ }),

/***/ 8461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Et: () => (/* binding */ checksTable),
/* harmony export */   N4: () => (/* binding */ tally),
/* harmony export */   Od: () => (/* binding */ statusBadge),
/* harmony export */   p1: () => (/* binding */ evidenceLines),
/* harmony export */   vF: () => (/* binding */ gatesTable),
/* harmony export */   xA: () => (/* binding */ attentionEmoji)
/* harmony export */ });
/* unused harmony export checkBadge */
/* harmony import */ var _engine_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1123);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9991);
/**
 * Markdown tables shared by the check run, the job summary, the PR comment and the
 * demo report, so every place shows the same evidence the same way.
 */


/** Status as an emoji and a word; `in progress` for a check run still running. */
function statusBadge(status) {
    const emoji = { passed: '✅', failed: '❌', pending: '⏳', skipped: '⏭️', unverified: '⚠️', 'in progress': '🔄' }[status];
    return `${emoji} ${status === 'in progress' ? status : (0,_engine_model_js__WEBPACK_IMPORTED_MODULE_1__/* .statusLabel */ .Rh)(status)}`;
}
/** The emoji of a check that needs attention: ❌ failed, ⚠️ not verified, ⏳ pending. */
function attentionEmoji(check) {
    return check.status === 'failed' ? '❌' : check.status === 'unverified' ? '⚠️' : '⏳';
}
/** A check's result as a table cell: its badge, and "(optional)" for an opted-out check not verified. */
function checkBadge(check) {
    return `${statusBadge(check.status)}${check.optional && check.status === 'unverified' ? ' (optional)' : ''}`;
}
/** One-line tally of a gate, e.g. `1 failed, 6 passed`; used as the check run's title. */
function tally(result) {
    if (result.status === 'skipped')
        return result.reason ?? 'not run';
    const order = ['failed', 'unverified', 'pending', 'passed', 'skipped'];
    const parts = order
        .map((status) => [status, result.checks.filter((check) => check.status === status).length])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${(0,_engine_model_js__WEBPACK_IMPORTED_MODULE_1__/* .statusLabel */ .Rh)(status)}`);
    return parts.join(', ') || 'no checks';
}
/**
 * The evidence of a check, one line each: measured, expected, optionally the config
 * line, then the details. Shared by the check run, the job summary and the comment.
 */
function evidenceLines(check, options = {}) {
    return [
        `measured: ${check.measured}`,
        `expected: ${check.expected}`,
        ...(options.config ? [`config: ${check.location.file}:${check.location.line}`] : []),
        ...check.details,
    ];
}
/** The table of a gate's checks: check, result, measured, expected, ms. */
function checksTable(result, lineLink = () => undefined) {
    const rows = result.checks.map((check) => `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)((0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(check.name, 80), lineLink(check))} | ${checkBadge(check)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(check.measured)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(check.expected)} | ${check.durationMs} |`);
    return ['| check | result | measured | expected | ms |', '|---|---|---|---|---:|', ...rows].join('\n');
}
/** Rows are gates, columns are environments, each cell links to its check run. */
function gatesTable(cells) {
    const environments = [...new Set(cells.map((cell) => cell.environment ?? '—'))];
    const gates = [...new Set(cells.map((cell) => cell.gate))];
    const header = `| gate | ${environments.map((env) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(env, 40)).join(' | ')} |`;
    const rule = `|---|${environments.map(() => '---').join('|')}|`;
    const rows = gates.map((gate) => {
        const columns = environments.map((env) => {
            const cell = cells.find((c) => c.gate === gate && (c.environment ?? '—') === env);
            return cell ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)(`${statusBadge(cell.status)} · ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(cell.title, 60)}`, cell.url) : '';
        });
        return `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeCell */ .kq)(gate, 40)} | ${columns.join(' | ')} |`;
    });
    return [header, rule, ...rows].join('\n');
}


/***/ }),

/***/ 3967:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  s: () => (/* binding */ TerminalReporter)
});

// EXTERNAL MODULE: ./node_modules/picocolors/picocolors.js
var picocolors = __webpack_require__(7336);
var picocolors_default = /*#__PURE__*/__webpack_require__.n(picocolors);
// EXTERNAL MODULE: ./src/engine/model.ts
var model = __webpack_require__(1123);
;// CONCATENATED MODULE: ./src/reporters/terminal/style.ts
/** Colours for the terminal, off when stdout is not a TTY or NO_COLOR is set. */


const MARK = { passed: '✓', failed: '✗', pending: '…', skipped: '-', unverified: '?' };
/** A style with or without colour. */
function styleFor(color) {
    const c = picocolors_default().createColors(color);
    const paint = {
        passed: c.green,
        failed: c.red,
        pending: c.yellow,
        skipped: c.dim,
        unverified: c.magenta,
    };
    return {
        status: (status) => paint[status](`${MARK[status]} ${(0,model/* statusLabel */.Rh)(status)}`),
        dim: c.dim,
        bold: c.bold,
    };
}

// EXTERNAL MODULE: ./node_modules/cli-table3/index.js
var cli_table3 = __webpack_require__(5832);
var cli_table3_default = /*#__PURE__*/__webpack_require__.n(cli_table3);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
;// CONCATENATED MODULE: ./src/reporters/terminal/table.ts
/**
 * The terminal report of a gate: a table with columns check, result, measured,
 * expected and ms, then each failing check with its config line and evidence.
 */



/** `file:line:col` of a check, as editors link it. */
function where(check) {
    return `${check.location.file}:${check.location.line}:${check.location.column}`;
}
/**
 * Column widths: check names and numbers as long as they are (up to a limit), measured
 * and expected sharing what is left of the terminal.
 */
function widths(result, columns) {
    const longest = (texts, floor) => Math.max(floor, ...texts.map((text) => text.length)) + 2;
    const name = Math.min(longest(result.checks.map((c) => c.name), 5), 40);
    const ms = longest(result.checks.map((c) => String(c.durationMs)), 2);
    const status = 11;
    const borders = 6;
    const free = Math.max(40, columns - name - ms - status - borders);
    const measured = Math.min(longest(result.checks.map((c) => c.measured), 8), Math.ceil(free / 2));
    const expected = Math.min(longest(result.checks.map((c) => c.expected), 8), free - measured);
    return [name, status, measured, expected, ms];
}
/** Renders the table of one gate's checks. */
function renderTable(result, style, columns) {
    const table = new (cli_table3_default())({
        head: ['check', 'result', 'measured', 'expected', 'ms'],
        colWidths: widths(result, columns),
        colAligns: ['left', 'left', 'left', 'left', 'right'],
        wordWrap: false,
        truncate: '…',
        style: { head: [], border: [], compact: true },
    });
    for (const check of result.checks) {
        const status = style.status(check.status) + (check.optional && check.status === 'unverified' ? ' (optional)' : '');
        table.push([check.name, status, check.measured, check.expected, String(check.durationMs)]);
    }
    return table.toString();
}
/** The failing and pending checks, each with where it is written and its evidence. */
function renderFailures(result, style) {
    const lines = [];
    for (const check of result.checks.filter(model/* needsAttention */.e_)) {
        lines.push('', `${style.status(check.status)} ${style.bold(check.name)}  ${style.dim(where(check))}`);
        lines.push(`    ${check.summary}`);
        if (check.measured || check.expected) {
            lines.push(`    measured: ${check.measured}`, `    expected: ${check.expected}`);
        }
        for (const detail of check.details.slice(0, 40))
            lines.push(style.dim(`      ${detail}`));
    }
    return lines.join('\n');
}
/** One line: `smoke (staging): failed, 7 passed, 1 failed in 1.2s`. */
function renderVerdict(result, style) {
    const counts = ['passed', 'failed', 'unverified', 'pending', 'skipped']
        .map((status) => [status, result.checks.filter((check) => check.status === status).length])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${(0,model/* statusLabel */.Rh)(status)}`);
    const env = result.environment ? ` (${result.environment})` : '';
    const why = result.reason ??
        (result.interrupted === 'deadline' ? 'gate deadline reached' : result.interrupted === 'cancelled' ? 'cancelled' : undefined);
    return `${style.bold(`${result.gate}${env}`)}: ${style.status(result.status)}${counts.length ? `, ${counts.join(', ')}` : ''} in ${(0,units/* formatDuration */.a3)(result.durationMs)}${why ? ` (${why})` : ''}`;
}

;// CONCATENATED MODULE: ./src/reporters/terminal/index.ts


class TerminalReporter {
    output;
    style;
    constructor(output, options = {}) {
        this.output = output;
        this.style = styleFor(options.color ?? (output.isTTY && !process.env.NO_COLOR));
    }
    /** Before a gate runs. */
    gateStarted(gate, checks, environment) {
        const target = environment ? ` against ${environment.name}${environment.url ? ` (${environment.url})` : ''}` : '';
        this.output.err(`${this.style.bold(`▶ ${gate.name}`)}${target}: ${checks} check${checks === 1 ? '' : 's'}\n`);
    }
    /** Live progress: retries, waits and steps of a flow. */
    event(_gate, event) {
        if (event.type === 'check-progress')
            this.output.err(this.style.dim(`  … ${event.check.name}: ${event.message}\n`));
        else if (event.type === 'check-finished' && this.output.isTTY) {
            this.output.err(this.style.dim(`  ${event.result.status === 'passed' ? '✓' : '✗'} ${event.result.name} (${event.result.durationMs} ms)\n`));
        }
    }
    /** After a gate: its table, its failures and its verdict. */
    gateFinished(result) {
        const parts = [];
        if (result.checks.length)
            parts.push(renderTable(result, this.style, this.output.columns));
        const failures = renderFailures(result, this.style);
        if (failures)
            parts.push(failures);
        parts.push('', renderVerdict(result, this.style), '');
        this.output.out(`${parts.join('\n')}\n`);
    }
    /** After every gate: each result in order, skipped gates included. */
    finished(run) {
        for (const gate of run.gates)
            if (gate.status === 'skipped')
                this.output.out(`${renderVerdict(gate, this.style)}\n`);
    }
}


/***/ }),

/***/ 3866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T6: () => (/* binding */ CUT),
/* harmony export */   eh: () => (/* binding */ isSecretName),
/* harmony export */   ks: () => (/* binding */ SecretRegistry)
/* harmony export */ });
/* unused harmony exports SECRET_NAME_PATTERNS, REDACTED, MIN_SECRET_LENGTH */
/**
 * The one secret registry. Every value registered here is replaced by `***` in every
 * text release-gates writes: terminal, job summary, check run, PR comment and evidence
 * record (PRODUCT.md, "One secret registry redacts every output").
 */
/**
 * Variable names treated as secrets without being listed under `secrets:`.
 * Source: issue #2 ("the usual name patterns").
 */
const SECRET_NAME_PATTERNS = [
    /_TOKEN$/i,
    /_SECRET$/i,
    /_PASSWORD$/i,
    /_KEY$/i,
    /_API_KEY$/i,
    /^(TOKEN|SECRET|PASSWORD|API_KEY)$/i,
];
/** The mark of text cut short for display; see {@link SecretRegistry.redact}. */
const CUT = '…';
/** The text that replaces a secret value. */
const REDACTED = '***';
/** Values shorter than this are not redacted: masking `1` or `on` would garble every line. */
const MIN_SECRET_LENGTH = 4;
/** True when a variable name is a secret by pattern or by the config's `secrets:` list. */
function isSecretName(name, declared = new Set()) {
    return declared.has(name) || SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name));
}
/**
 * Percent-encodes the characters a URL serializer encodes: controls, space, non-ASCII,
 * and those in `set`. `encodeURIComponent` encodes more (`/`, `:`, `@`, …), so a value
 * in a parsed URL is printed differently.
 */
function percentEncode(value, set) {
    let out = '';
    for (const char of value) {
        const code = char.codePointAt(0) ?? 0;
        out += code <= 0x20 || code >= 0x7f || set.includes(char) ? encodeURIComponent(char) : char;
    }
    return out;
}
/** WHATWG URL percent-encode sets of a special (http, https) URL's query, path and userinfo. */
const QUERY_SET = '"#<>\'';
const PATH_SET = '"#<>?`{}';
const USERINFO_SET = '"#<>?`{}/:;=@[\\]^|';
/** The encodings a value may be printed in, besides itself. */
function encodedForms(value) {
    // A lone surrogate (possible in a value captured from JSON) cannot be URL-encoded:
    // encodeURIComponent throws. Such a value keeps its other forms.
    let urlForms;
    try {
        urlForms = urlEncodedForms(value);
    }
    catch {
        urlForms = [];
    }
    const json = JSON.stringify(value).slice(1, -1);
    return [
        ...urlForms,
        Buffer.from(value).toString('base64'),
        json,
        // JSON text shown inside a JSON string, as a failed body assertion shows a JSON body.
        JSON.stringify(json).slice(1, -1),
    ];
}
function urlEncodedForms(value) {
    return [
        encodeURIComponent(value),
        // As a URL parser leaves it in a query, a path or user info (what a server echoes).
        percentEncode(value, QUERY_SET),
        percentEncode(value, PATH_SET),
        percentEncode(value, `${PATH_SET}^`),
        percentEncode(value, USERINFO_SET),
        // application/x-www-form-urlencoded, as URLSearchParams writes it: space as +.
        new URLSearchParams([['', value]]).toString().slice(1),
    ];
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** Holds secret values and redacts them from text and from JSON-like values. */
class SecretRegistry {
    values = new Set();
    pattern;
    listeners = [];
    /**
     * Registers a secret value, with the encoded forms it may be printed in (URL-encoded
     * as by encodeURIComponent, by a URL parser and by a form, base64, JSON-escaped once
     * and twice) and
     * each line of a multi-line value. Values shorter than {@link MIN_SECRET_LENGTH} are
     * ignored.
     */
    add(value) {
        if (value === undefined || value.length < MIN_SECRET_LENGTH)
            return;
        const forms = [value, ...encodedForms(value), ...value.split(/\r?\n/).filter((line) => line.length >= MIN_SECRET_LENGTH)];
        for (const form of forms) {
            if (this.values.has(form))
                continue;
            this.values.add(form);
            // Only a new value invalidates the compiled pattern (retries add the same ones).
            this.pattern = undefined;
            for (const listener of this.listeners)
                listener(form);
        }
    }
    /** Calls `listener` for every value registered now and later (e.g. `core.setSecret`). */
    onAdd(listener) {
        this.listeners.push(listener);
        for (const value of this.values)
            listener(value);
    }
    /** Number of registered forms; for tests and diagnostics. */
    get size() {
        return this.values.size;
    }
    /** Replaces every registered value in `text` by `***`. */
    redact(text) {
        if (this.values.size === 0 || text.length === 0)
            return text;
        this.pattern ??= new RegExp([...this.values]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'), 'g');
        const redacted = text.replace(this.pattern, REDACTED);
        return redacted.includes(CUT) ? this.redactCutHeads(redacted) : redacted;
    }
    /**
     * A value cut short for display (`abcd…`) no longer matches the whole secret: replace
     * any head of a secret, at least {@link MIN_SECRET_LENGTH} long, that ends at a `…`.
     */
    redactCutHeads(text) {
        let out = text;
        for (let at = out.indexOf(CUT); at !== -1; at = out.indexOf(CUT, at + 1)) {
            for (const secret of this.values) {
                for (let length = Math.min(secret.length - 1, at); length >= MIN_SECRET_LENGTH; length--) {
                    if (out.slice(at - length, at) === secret.slice(0, length)) {
                        out = `${out.slice(0, at - length)}${REDACTED}${out.slice(at)}`;
                        at = at - length + REDACTED.length;
                        break;
                    }
                }
            }
        }
        return out;
    }
    /** Redacts every string inside a JSON-like value; returns a new value. */
    redactDeep(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((item) => this.redactDeep(item));
        if (value !== null && typeof value === 'object') {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)]));
        }
        return value;
    }
    /**
     * Registers the values of every secret-named variable in `env`: names in `declared`
     * (the config's `secrets:`) and names matching {@link SECRET_NAME_PATTERNS}.
     */
    addFromEnvironment(env, declared) {
        for (const [name, value] of Object.entries(env)) {
            if (isSecretName(name, declared))
                this.add(value);
        }
    }
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ joinList),
/* harmony export */   J: () => (/* binding */ cut)
/* harmony export */ });
/* harmony import */ var _secrets_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3866);
/**
 * Short texts for people: a value cut to a length, a list joined in words. Every text
 * release-gates cuts is cut here, with {@link CUT}: the secret registry redacts the head
 * of a secret that ends at that mark, so a cut value can never show part of one.
 */

/** `text` when it has at most `max` characters; else its start and `…`, `max` characters in all. */
function cut(text, max) {
    return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}${_secrets_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .CUT */ .T6}` : text;
}
/** `a`, `a and b`, `a, b and c` (or with `or`). */
function joinList(items, word) {
    const last = items.at(-1) ?? '';
    return items.length <= 1 ? last : `${items.slice(0, -1).join(', ')} ${word} ${last}`;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The release-gates version, kept equal to package.json's by a test. */
const VERSION = '0.1.0';


/***/ })

};
