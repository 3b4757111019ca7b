export const id = 92;
export const ids = [92];
export const modules = {

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
/* harmony export */   r3: () => (/* binding */ expandTree)
/* harmony export */ });
/* unused harmony exports referencedNames, expand */
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
/** The variable names `text` refers to. */
function referencedNames(text) {
    const names = [];
    for (const match of text.matchAll(TOKEN)) {
        const reference = match[0] === '$${' ? undefined : parseReference(match[1]);
        if (reference && typeof reference !== 'string')
            names.push(reference.name);
    }
    return names;
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
/**
 * Expands every string inside a JSON-like value. `onMissing` is called with the path of
 * each string that refers to an unset variable.
 */
function expandTree(value, path, lookup, onMissing) {
    if (typeof value === 'string') {
        const result = expand(value, lookup);
        for (const name of result.missing)
            onMissing(path, name);
        return result.value;
    }
    if (Array.isArray(value)) {
        return value.map((item, index) => expandTree(item, [...path, index], lookup, onMissing));
    }
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandTree(item, [...path, key], lookup, onMissing)]));
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
/* harmony import */ var _interpolate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2757);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4968);
/* harmony import */ var _schema_root_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6485);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9397);
/**
 * Loading a config: read the file, parse YAML with positions, validate with zod, and
 * check templates and captures. Every problem found is reported at once.
 */






/** Where the actions and the CLI look for the config by default. */
const DEFAULT_CONFIG_PATH = '.github/release-gates.yml';
function templateProblems(value, path, source) {
    if (typeof value === 'string')
        return (0,_interpolate_js__WEBPACK_IMPORTED_MODULE_5__/* .templateErrors */ .Kc)(value).map((message) => source.problem(path, `${(0,_source_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPath */ .j)(path)}: ${message}`));
    if (Array.isArray(value))
        return value.flatMap((item, index) => templateProblems(item, [...path, index], source));
    if (value !== null && typeof value === 'object') {
        return Object.entries(value).flatMap(([key, item]) => templateProblems(item, [...path, key], source));
    }
    return [];
}
function crossProblems(config, source) {
    const problems = [];
    const environments = config.environments ?? {};
    for (const [name, environment] of Object.entries(environments)) {
        for (const [index, required] of (environment.requires ?? []).entries()) {
            const path = ['environments', name, 'requires', index];
            const label = (0,_source_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPath */ .j)(path);
            if (required === name) {
                problems.push(source.problem(path, `${label}: environment "${name}" cannot require itself (expected environments that run before it)`));
            }
            else if (!(required in environments)) {
                const others = Object.keys(environments).filter((other) => other !== name);
                const near = (0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .suggestion */ .h)(required, others);
                const hint = near
                    ? `did you mean "${near}"?`
                    : others.length
                        ? `expected one of: ${others.join(', ')}`
                        : 'no other environment is defined';
                problems.push(source.problem(path, `${label}: unknown environment "${required}" (${hint})`));
            }
        }
    }
    for (const gate of ['smoke']) {
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
    const source = _source_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigSource */ .O.parse(file, text);
    const raw = source.toJS();
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        const got = raw === null || raw === undefined
            ? 'the file is empty'
            : `got ${Array.isArray(raw) ? 'a list' : `${typeof raw} ${JSON.stringify(raw)}`}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1([
            { location: source.locate([]), message: `expected a mapping at the top level, starting with "version: 1"; ${got}` },
        ]);
    }
    const parsed = _schema_root_js__WEBPACK_IMPORTED_MODULE_3__/* .RootSchema */ .QS.safeParse(raw, { reportInput: true });
    const problems = templateProblems(raw, [], source);
    if (!parsed.success) {
        problems.push(...(0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .toProblems */ .ek)(parsed.error.issues.flatMap((issue) => (0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .describeIssue */ .n6)(issue, _schema_root_js__WEBPACK_IMPORTED_MODULE_3__/* .RootSchema */ .QS)), source));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .sortProblems */ .dS)(problems));
    }
    problems.push(...crossProblems(parsed.data, source));
    if (problems.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1((0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .sortProblems */ .dS)(problems));
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
        return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
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
function orList(items) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
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
                    message: expected.length ? `expected ${orList(expected)}, got ${typeOf(issue.input)}` : `unexpected value ${typeOf(issue.input)}`,
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

/***/ 6485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rn: () => (/* binding */ GATE_NAMES),
  tN: () => (/* binding */ RootDocumentSchema),
  QS: () => (/* binding */ RootSchema)
});

// UNUSED EXPORTS: Environment

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./src/config/problems.ts
var problems = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/engine/clock.ts
var clock = __webpack_require__(3124);
// EXTERNAL MODULE: ./src/engine/retry.ts
var engine_retry = __webpack_require__(3344);
// EXTERNAL MODULE: ./src/checks/retry-policy.ts
var retry_policy = __webpack_require__(6074);
// EXTERNAL MODULE: ./src/io/http.ts
var http = __webpack_require__(742);
// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 9 modules
var sync = __webpack_require__(5175);
// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(6229);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/checks/http/matchers.ts
/**
 * Value comparisons shared by JSON fields and headers: equals, not-equals, one-of,
 * matches, contains, type, exists, count and numeric bounds.
 */

const SHOW_MAX = 80;
/** Shows a value briefly: strings quoted, long values cut with `…`. */
function show(value) {
    const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? typeof value);
    return text.length > SHOW_MAX ? `${text.slice(0, SHOW_MAX - 1)}…` : text;
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
 */
function applyMatcher(label, values, matcher, coerce = false) {
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
        const count = values.length === 1 && Array.isArray(only) ? only.length : values.length;
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

;// CONCATENATED MODULE: ./src/config/schema/common.ts
/**
 * Schema pieces shared by every section of the config: durations, sizes, names and the
 * fields every check has.
 */


/**
 * A string holding `${VAR}`. Typed fields (durations, numbers, statuses) accept one when
 * the file is validated; the expanded value is validated again before a run.
 */
const Template = schemas/* string */.YjP().regex(/\$\{[^}]*\}/);
/** A number, or a string that is (or expands to) one: `300`, `"${TTL:-300}"`. */
const Numeric = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP().regex(/^\s*-?\d+(\.\d+)?\s*$/), Template], { error: 'expected a number' })
    .transform((value) => (typeof value === 'number' ? value : Number(value)));
/** A duration: milliseconds, or `500ms`, `5s`, `2m`, `1h`. Parses to milliseconds. */
const Duration = schemas/* union */.KCZ([schemas/* number */.aig().nonnegative(), schemas/* string */.YjP().regex(/^\d+(\.\d+)?\s*(ms|s|m|h)$/), Template], {
    error: 'expected a duration: a number of milliseconds or a string like 500ms, 5s, 2m',
})
    .transform((value) => (0,units/* parseDuration */.E9)(value) ?? 0);
/** A size: bytes, or `512KiB`, `1MiB`, `10MB`. Parses to bytes. */
const Size = schemas/* union */.KCZ([schemas/* number */.aig().int().nonnegative(), schemas/* string */.YjP().regex(/^\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB)$/), Template], {
    error: 'expected a size: a number of bytes or a string like 512KiB, 1MiB',
})
    .transform((value) => (0,units/* parseSize */.DB)(value) ?? 0);
/** An environment variable name, as in `secrets:` or `env:` checks. */
const VariableName = schemas/* string */.YjP()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a variable name: letters, digits and _' });
/** A check id: used in annotations, evidence and `environment-passed` references. */
const CheckId = schemas/* string */.YjP()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lower-case letters, digits, ".", "_" and "-"' });
/**
 * Retrying a failed check. `attempts` caps the tries; `until` waits for the check to
 * pass within a deadline (wait-until-healthy); `every` (or `interval`) is the pause.
 */
const Retry = schemas/* strictObject */.rej({
    attempts: schemas/* number */.aig().int().min(1).max(1000).optional(),
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
    name: schemas/* string */.YjP().min(1).optional(),
    id: CheckId.optional(),
    /** Time allowed for one attempt. */
    timeout: Duration.optional(),
    retry: Retry.optional(),
};

;// CONCATENATED MODULE: ./src/checks/http/schema.ts
/**
 * Config schema of the `http` check kind: one request, or a flow of `steps:` that
 * capture values for later steps (runbook 000: create a role, then `/roles/{id}/…`).
 */


const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** `GET /healthz`: a method and a URL, absolute or relative to the environment's `url`. */
const RequestLine = schemas/* string */.YjP()
    .regex(new RegExp(`^(${METHODS.join('|')})\\s+\\S+$`), {
    error: `expected "METHOD URL" with METHOD one of ${METHODS.join(', ')}, e.g. "GET /healthz"`,
})
    .transform((line) => {
    const [method = 'GET', url = '/'] = line.trim().split(/\s+/);
    return { method, url };
});
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
    matches: schemas/* string */.YjP().optional(),
    contains: schemas/* string */.YjP().optional(),
    'not-contains': schemas/* string */.YjP().optional(),
    type: schemas/* enum */.k5n(JSON_TYPES).optional(),
    exists: schemas/* boolean */.zMY().optional(),
    count: schemas/* union */.KCZ([Numeric, schemas/* lazy */.RZV(() => NumericMatcher)]).optional(),
    gt: Numeric.optional(),
    gte: Numeric.optional(),
    lt: Numeric.optional(),
    lte: Numeric.optional(),
});
const NumericMatcher = schemas/* strictObject */.rej({
    equals: Numeric.optional(),
    gt: Numeric.optional(),
    gte: Numeric.optional(),
    lt: Numeric.optional(),
    lte: Numeric.optional(),
});
/** A matcher: a bare scalar (equals), or an object of comparisons. */
const Matcher = schemas/* union */.KCZ([Scalar, MatcherObject]);
const STATUS_CLASS = /^[1-5]xx$/;
const StatusOne = schemas/* union */.KCZ([schemas/* number */.aig().int().min(100).max(599), schemas/* string */.YjP().regex(/^([1-5]xx|[1-5]\d\d)$/), Template], {
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
const BodyExpectation = schemas/* union */.KCZ([
    schemas/* string */.YjP(),
    schemas/* strictObject */.rej({ contains: schemas/* string */.YjP().optional(), 'not-contains': schemas/* string */.YjP().optional(), matches: schemas/* string */.YjP().optional() }),
]);
/** What a response must look like. */
const Expect = schemas/* strictObject */.rej({
    status: StatusSpec.optional(),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), Matcher).optional(),
    json: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^\$/, { error: 'expected a JSONPath starting with $, e.g. $.status' }), Matcher).optional(),
    body: BodyExpectation.optional(),
    'csv-header': schemas/* array */.YOg(schemas/* string */.YjP()).min(1).optional(),
    'max-latency': Duration.optional(),
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
    'max-body': Size.optional(),
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
    timeout: Duration.optional(),
    retry: Retry.optional(),
    ...RequestFields,
    capture: schemas/* record */.g1P(VariableName, Capture).optional(),
})
    .refine(oneBody.check, { error: oneBody.message });
/** A single-request HTTP check. */
const HttpCheck = schemas/* strictObject */.rej({ ...CheckCommon, ...RequestFields }).refine(oneBody.check, { error: oneBody.message });
/** A flow: requests in order, each able to use values captured by earlier ones as `{{name}}`. */
const FlowCheck = schemas/* strictObject */.rej({ ...CheckCommon, steps: schemas/* array */.YOg(Step).min(1) });

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
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: `body is not valid JSON (${message}); it starts ${show(text.slice(0, 60))}` };
    }
}
/** Values matched by a JSONPath; an empty list when there is no match. */
function queryJson(path, json) {
    const result = (0,index_node_esm/* JSONPath */.E)({ path, json: json, wrap: true, eval: 'safe' });
    return Array.isArray(result) ? result : [];
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
    const start = show(text.slice(0, 60));
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
                out.push(...applyMatcher(path, queryJson(path, json.value), matcher));
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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
/**
 * The request to send for a step, with captures filled. Credentials are registered as
 * secrets so they are redacted wherever they might appear.
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
    return {
        method: plan.method,
        url: fillCaptures(plan.url, captures, true),
        headers,
        ...(body === undefined ? {} : { body }),
        timeoutMs: plan.timeoutMs,
        maxBodyBytes: step['max-body'] ?? http/* DEFAULT_MAX_BODY_BYTES */.y_,
        maxRedirects: follow === true ? DEFAULT_MAX_REDIRECTS : typeof follow === 'number' ? follow : 0,
        signal,
    };
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
    const request = buildRequest(plan, context.captures, context.secrets, context.signal);
    try {
        const response = await context.http.send(request);
        const notes = [];
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

;// CONCATENATED MODULE: ./src/checks/http/index.ts




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
    return unknown.map((name) => source.problem(path, `"{{${name}}}" is not captured by an earlier step (expected one of: ${[...known].join(', ') || 'none; add capture: to an earlier step of steps:'})`));
}
const httpKind = {
    name: 'http',
    key: 'http',
    schema: HttpCheck,
    describe: (config) => `${config.http.method} ${config.http.url}`,
    problems: (config, path, source) => unknownCaptures(config, new Set(), path, source),
    plan(config, context) {
        const timeoutMs = config.timeout ?? context.defaultTimeoutMs;
        const plan = { method: config.http.method, url: resolveUrl(config.http.url, context), step: config, timeoutMs };
        const label = `${config.http.method} ${config.http.url}`;
        return {
            timeoutMs,
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
            return {
                label,
                step,
                retry,
                budgetMs: (0,engine_retry/* retryBudgetMs */.y)(retry, timeoutMs),
                plan: { method: step.http.method, url: resolveUrl(step.http.url, locationContext), step, timeoutMs },
            };
        });
        const total = steps.length;
        return {
            timeoutMs: steps.reduce((sum, step) => sum + step.budgetMs, 0),
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
const CHECK_KINDS = [httpKind, flowKind];
const KIND_KEYS = CHECK_KINDS.map((kind) => kind.key);
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
    const kinds = CHECK_KINDS.filter((kind) => keys.includes(kind.key));
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
/** For the JSON Schema: any one of the kinds. */
const CheckDocumentSchema = schemas/* union */.KCZ(CHECK_KINDS.map((kind) => kind.schema));

;// CONCATENATED MODULE: ./src/config/schema/root.ts
/**
 * The whole config file, `version: 1` (PRODUCT.md, "Config"): secrets, environments and
 * one section per gate.
 */



/** Gate sections a config may have, in the order gates run. */
const GATE_NAMES = ['smoke'];
const EnvironmentName = schemas/* string */.YjP()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'expected an environment name of letters, digits, ".", "_" and "-"' });
/** One deployment environment: its base URL, variables and the environments before it. */
const Environment = schemas/* strictObject */.rej({
    /** Base URL that relative check URLs are joined to. `${VAR}` allowed. */
    url: schemas/* string */.YjP().optional(),
    /** Variables for `${NAME}` in this environment; they win over the process environment. */
    vars: schemas/* record */.g1P(VariableName, schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]).transform(String)).optional(),
    /** Environments whose gates must pass first, for the same commit (runbook 000, "Environment Order"). */
    requires: schemas/* array */.YOg(EnvironmentName).optional(),
});
function gateSection(check) {
    return schemas/* strictObject */.rej({
        /** Checks run at once (default 8). */
        concurrency: schemas/* number */.aig().int().min(1).max(256).optional(),
        /** Per-attempt timeout of a check that sets none (default 10s). */
        timeout: Duration.optional(),
        /** Whole-gate deadline (default 15m). */
        deadline: Duration.optional(),
        checks: schemas/* array */.YOg(check),
    });
}
function root(check) {
    const section = gateSection(check).optional();
    return schemas/* strictObject */.rej({
        version: schemas/* literal */.euz(1, { error: 'expected version: 1' }),
        /** Variable names whose values are secrets: redacted everywhere. */
        secrets: schemas/* array */.YOg(VariableName).optional(),
        environments: schemas/* record */.g1P(EnvironmentName, Environment).optional(),
        smoke: section,
    });
}
/** Validates a config; checks parse to {@link CheckEntry} values. */
const RootSchema = root(CheckEntrySchema);
/** The same shape for editors: checks as a union of every kind. */
const RootDocumentSchema = root(CheckDocumentSchema);


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
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/**
 * Durations and sizes as written in a config file.
 *
 * A duration is a number of milliseconds or a string such as `500ms`, `5s`, `2m`, `1h`.
 * A size is a number of bytes or a string such as `512KiB`, `1MiB`, `10MB`.
 */
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Parses a duration to milliseconds, or returns undefined when it is not one. */
function parseDuration(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    const match = DURATION.exec(value.trim());
    if (!match)
        return undefined;
    return Math.round(Number(match[1]) * (DURATION_MS[match[2] ?? 'ms'] ?? 1));
}
/** Formats milliseconds for people: `850ms`, `5s`, `2m`, `1m30s`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${Number((ms / 1000).toFixed(1))}s`;
    const total = Math.round(ms / 1000);
    const minutes = Math.floor(total / 60);
    const seconds = total % 60;
    return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}
const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)$/;
const SIZE_BYTES = {
    B: 1,
    KB: 1000,
    KiB: 1024,
    MB: 1_000_000,
    MiB: 1024 * 1024,
    GB: 1_000_000_000,
    GiB: 1024 ** 3,
};
/** Parses a size to bytes, or returns undefined when it is not one. */
function parseSize(value) {
    if (typeof value === 'number')
        return Number.isInteger(value) && value >= 0 ? value : undefined;
    const match = SIZE.exec(value.trim());
    if (!match)
        return undefined;
    return Math.round(Number(match[1]) * (SIZE_BYTES[match[2] ?? 'B'] ?? 1));
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

/***/ 3130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ GATES),
  H: () => (/* binding */ gateNamed)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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
 * Plans every check of a section, in config order. Ids are unique within the gate.
 * @throws ConfigurationError listing every check that cannot be planned.
 */
function planChecks(context, entries = context.section.checks) {
    const problems = [];
    const used = new Set();
    const specs = [];
    for (const [index, entry] of entries.entries()) {
        const path = [context.gate, 'checks', index];
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
                defaultTimeoutMs: context.section.timeout ?? DEFAULT_CHECK_TIMEOUT_MS,
            });
            const retry = (0,retry_policy/* toRetryPolicy */.O)(common.retry);
            specs.push({ id, name, kind: entry.kind.name, location, ...planned, ...(retry ? { retry } : {}) });
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

;// CONCATENATED MODULE: ./src/gates/smoke/index.ts

const smokeGate = {
    name: 'smoke',
    description: 'HTTP checks with assertions and flows against the environment',
    plan: (context) => planChecks(context),
};

;// CONCATENATED MODULE: ./src/gates/registry.ts


const GATES = [smokeGate];
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

/***/ 2114:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ runGates)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/secrets/registry.ts
var registry = __webpack_require__(3866);
// EXTERNAL MODULE: ./src/config/interpolate.ts
var interpolate = __webpack_require__(2757);
// EXTERNAL MODULE: ./src/config/problems.ts
var config_problems = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/config/schema/root.ts + 10 modules
var root = __webpack_require__(6485);
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
    const vars = {};
    for (const [key, value] of Object.entries(config.vars ?? {})) {
        vars[key] = (0,interpolate/* expandTree */.r3)(value, ['environments', name, 'vars', key], processLookup, (path, missing) => problems.push(onMissing(path, missing)));
        if ((0,registry/* isSecretName */.eh)(key, declaredSecrets(loaded)))
            secrets.add(vars[key]);
    }
    const lookup = (key) => vars[key] ?? env[key];
    const url = config.url === undefined
        ? undefined
        : (0,interpolate/* expandTree */.r3)(config.url, ['environments', name, 'url'], lookup, (path, missing) => problems.push(onMissing(path, missing)));
    if (problems.length)
        throw new errors/* ConfigurationError */.j1((0,config_problems/* sortProblems */.dS)(problems));
    return { name, url: url === '' ? undefined : url, vars, requires: config.requires ?? [] };
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
    const expanded = (0,interpolate/* expandTree */.r3)(raw, [gate], lookup, (path, name) => problems.push(onMissing(path, name)));
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
;// CONCATENATED MODULE: ./src/engine/model.ts
/**
 * A gate fails when any check failed, is pending when any check waits for a person and
 * none failed, and passes otherwise (skipped checks do not block).
 */
function gateStatusOf(checks) {
    if (checks.some((check) => check.status === 'failed'))
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
    // mutated
    if (signal.aborted)
        return Promise.reject(new Interrupted());
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new Interrupted());
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve).finally(() => signal.removeEventListener('abort', onAbort));
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
    const attemptController = new AbortController();
    const timer = setTimeout(() => attemptController.abort(), check.timeoutMs + GRACE_MS);
    const signal = AbortSignal.any([gateSignal, attemptController.signal]);
    const context = { signal, attempt, progress: (message) => emit({ type: 'check-progress', check, message }) };
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
    const { result: outcome, attempts, interrupted } = await (0,retry/* withRetry */.b)(check.retry, (n) => runAttempt(check, n, gateSignal, why, emit), {
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
    const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    const emit = options.onEvent ?? (() => undefined);
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
    const worker = async () => {
        while (next < options.checks.length) {
            const index = next++;
            const check = options.checks[index];
            if (!check)
                continue;
            if (gateSignal.aborted) {
                results[index] = notRun(check, why(), clock);
            }
            else {
                results[index] = await runCheck(check, gateSignal, why, clock, emit);
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
        status: gateStatusOf(results),
        checks: results,
        startedAt,
        durationMs: Math.round(clock.now() - start),
        ...(interrupted ? { interrupted } : {}),
    };
}
function notRun(check, reason, clock) {
    return {
        id: check.id,
        name: check.name,
        kind: check.kind,
        status: 'failed',
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
    const planned = options.gates.map((gate) => {
        const section = resolveGateSection(loaded, gate.name, environment, env);
        const context = { loaded, gate: gate.name, section, environment, secrets, io: options.io };
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
            ...(options.signal ? { signal: options.signal } : {}),
            onEvent: (event) => options.onEvent?.(gate, event),
        });
        results.push(result);
        await options.onGateFinished?.(result);
        if (result.status !== 'passed')
            failedGate = gate.name;
    }
    return { status: overallStatus(results), environment: environment?.name, gates: results };
}


/***/ }),

/***/ 742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HR: () => (/* binding */ HttpFailure),
/* harmony export */   ki: () => (/* binding */ UndiciHttpClient),
/* harmony export */   y_: () => (/* binding */ DEFAULT_MAX_BODY_BYTES)
/* harmony export */ });
/* unused harmony export CREDENTIAL_HEADERS */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4371);
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4529);
/**
 * HTTP behind a small interface, with the safety rules of issue #2: bodies are read up
 * to a cap, redirects are followed only when asked, and credentials (`Authorization`,
 * `Cookie`, `Proxy-Authorization`) never cross to another origin.
 */


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
function withoutCredentials(headers) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name.toLowerCase())));
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
            ? `response body not complete within ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)} (${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(bytes)} read)`
            : `no response from ${where} within ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)}`;
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
                ? `connection reset by ${where} after ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(bytes)} of the response body`
                : `connection reset by ${where} before a response`;
        case 'UND_ERR_ABORTED':
        case 'ABORT_ERR':
            return 'cancelled';
        case 'UND_ERR_HEADERS_OVERFLOW':
            return `response headers from ${where} too large`;
        default: {
            const message = error instanceof Error ? error.message : String(error);
            if (phase === 'body')
                return `response body from ${where} failed after ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(bytes)}: ${message}`;
            return `request to ${where} failed: ${message}${code ? ` (${code})` : ''}`;
        }
    }
}
/** {@link HttpClient} over undici, with one connection pool per origin. */
class UndiciHttpClient {
    agent;
    constructor(options = {}) {
        this.agent = new undici__WEBPACK_IMPORTED_MODULE_0__.Agent({
            keepAliveTimeout: 4000,
            connections: options.connectionsPerOrigin ?? null,
            headersTimeout: 0,
            bodyTimeout: 0,
        });
    }
    async send(req) {
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
        let body = req.body;
        try {
            for (;;) {
                let phase = 'connect';
                let bytes = 0;
                try {
                    const res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(url, { method: method, headers, body, signal, dispatcher: this.agent });
                    const location = res.headers.location;
                    if (REDIRECTS.has(res.statusCode) && typeof location === 'string' && redirects.length < req.maxRedirects) {
                        await res.body.dump({ limit: 64 * 1024, signal });
                        const next = new URL(location, url);
                        const droppedCredentials = next.origin !== url.origin && Object.keys(headers).length !== Object.keys(withoutCredentials(headers)).length;
                        if (next.origin !== url.origin)
                            headers = withoutCredentials(headers);
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
        await this.agent.close();
    }
}


/***/ }),

/***/ 2475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xi: () => (/* binding */ processOutput),
/* harmony export */   qG: () => (/* binding */ redacting)
/* harmony export */ });
/* unused harmony export RecordingOutput */
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
/** An output that keeps what was written, for tests. */
class RecordingOutput {
    stdout = '';
    stderr = '';
    isTTY = false;
    columns = 160;
    out(text) {
        this.stdout += text;
    }
    err(text) {
        this.stderr += text;
    }
}


/***/ }),

/***/ 4993:
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

/***/ 3967:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  s: () => (/* binding */ TerminalReporter)
});

// EXTERNAL MODULE: ./node_modules/picocolors/picocolors.js
var picocolors = __webpack_require__(7336);
var picocolors_default = /*#__PURE__*/__webpack_require__.n(picocolors);
;// CONCATENATED MODULE: ./src/reporters/terminal/style.ts
/** Colours for the terminal, off when stdout is not a TTY or NO_COLOR is set. */

const MARK = { passed: '✓', failed: '✗', pending: '…', skipped: '-' };
/** A style with or without colour. */
function styleFor(color) {
    const c = picocolors_default().createColors(color);
    const paint = {
        passed: c.green,
        failed: c.red,
        pending: c.yellow,
        skipped: c.dim,
    };
    return {
        status: (status) => paint[status](`${MARK[status]} ${status}`),
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
function widths(columns) {
    const fixed = 11 + 8 + 7;
    const free = Math.max(60, columns - fixed);
    const name = Math.floor(free * 0.26);
    const measured = Math.floor((free - name) / 2);
    return [name, 11, measured, free - name - measured, 8];
}
/** Renders the table of one gate's checks. */
function renderTable(result, style, columns) {
    const table = new (cli_table3_default())({
        head: ['check', 'result', 'measured', 'expected', 'ms'],
        colWidths: widths(columns),
        colAligns: ['left', 'left', 'left', 'left', 'right'],
        wordWrap: false,
        truncate: '…',
        style: { head: [], border: [], compact: true },
    });
    for (const check of result.checks) {
        table.push([check.name, style.status(check.status), check.measured, check.expected, String(check.durationMs)]);
    }
    return table.toString();
}
/** The failing and pending checks, each with where it is written and its evidence. */
function renderFailures(result, style) {
    const lines = [];
    for (const check of result.checks.filter((c) => c.status === 'failed' || c.status === 'pending')) {
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
    const counts = ['passed', 'failed', 'pending', 'skipped']
        .map((status) => [status, result.checks.filter((check) => check.status === status).length])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${status}`);
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
    /_TOKEN$/,
    /_SECRET$/,
    /_PASSWORD$/,
    /_KEY$/,
    /_API_KEY$/,
    /^(TOKEN|SECRET|PASSWORD|API_KEY)$/,
];
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
            for (const listener of this.listeners)
                listener(form);
        }
        this.pattern = undefined;
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
        return text.replace(this.pattern, REDACTED);
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

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The release-gates version, kept equal to package.json's by a test. */
const VERSION = '0.1.0';


/***/ })

};
