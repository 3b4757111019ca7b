export const id = 601;
export const ids = [601];
export const modules = {

/***/ 9601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JUnitParseError: () => (/* binding */ JUnitParseError),
/* harmony export */   parseJUnit: () => (/* binding */ parseJUnit)
/* harmony export */ });
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9658);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5824);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
/**
 * Reading JUnit XML as pytest (`--junitxml`, both junit families), jest-junit, Maven
 * Surefire and most other runners write it: a `<testsuites>` root or a bare
 * `<testsuite>`, suites possibly nested, and `<failure>`, `<error>` and `<skipped>`
 * children on each `<testcase>`.
 */


/** A report that is not JUnit XML, with where it breaks. */
class JUnitParseError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JUnitParseError';
    }
}
const LISTS = new Set(['testsuites', 'testsuite', 'testcase', 'failure', 'error', 'skipped']);
const parser = new fast_xml_parser__WEBPACK_IMPORTED_MODULE_0__/* ["default"] */ .A({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    // Numeric references such as &#10; (pytest writes them in message attributes).
    htmlEntities: true,
    isArray: (name) => LISTS.has(name),
});
function nodes(value) {
    if (!Array.isArray(value))
        return [];
    return value.map((item) => (item !== null && typeof item === 'object' ? item : { '#text': item }));
}
function attribute(node, name) {
    const value = node[`@_${name}`];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
const MESSAGE_MAX = 160;
function firstLine(text) {
    const line = text
        ?.split(/\r?\n/)
        .map((part) => part.trim())
        .find((part) => part.length > 0);
    if (line === undefined)
        return undefined;
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cut */ .J)(line, MESSAGE_MAX);
}
/** The message of a `<failure>`, `<error>` or `<skipped>`: its `message` attribute, else its text. */
function messageOf(children) {
    for (const child of children) {
        const text = firstLine(attribute(child, 'message')) ?? firstLine(typeof child['#text'] === 'string' ? child['#text'] : undefined);
        if (text !== undefined)
            return text;
    }
    return undefined;
}
function caseOf(node, suites, suiteFile, report) {
    const errors = nodes(node.error);
    const failures = nodes(node.failure);
    const skipped = nodes(node.skipped);
    const [status, children] = errors.length > 0
        ? ['errored', errors]
        : failures.length > 0
            ? ['failed', failures]
            : skipped.length > 0
                ? ['skipped', skipped]
                : ['passed', []];
    return {
        name: attribute(node, 'name') ?? '',
        classname: attribute(node, 'classname') ?? '',
        file: attribute(node, 'file') ?? suiteFile,
        suites,
        status,
        message: messageOf(children),
        report,
    };
}
function walkSuite(suite, parents, parentFile, report, out) {
    const name = attribute(suite, 'name');
    const suites = name === undefined ? parents : [...parents, name];
    const file = attribute(suite, 'file') ?? attribute(suite, 'filepath') ?? parentFile;
    for (const testcase of nodes(suite.testcase))
        out.push(caseOf(testcase, suites, file, report));
    for (const nested of nodes(suite.testsuite))
        walkSuite(nested, suites, file, report, out);
}
/** The validator's complaint, readable: unclosed tags mean a file cut short. */
function validationMessage(err) {
    const unclosed = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(err.msg);
    if (err.code === 'InvalidXml' && unclosed?.[1]) {
        try {
            const tags = JSON.parse(unclosed[1]).map((tag) => `<${tag}>`);
            return `it ends before ${tags.join(', ')} ${tags.length === 1 ? 'is' : 'are'} closed (a report cut short?)`;
        }
        catch {
            // fall through to the raw message
        }
    }
    if (err.code === 'InvalidXml' && err.msg === 'Start tag expected.')
        return 'it is empty or has no XML element';
    return `${err.msg} (line ${err.line}${err.col === undefined ? '' : `, column ${err.col}`})`;
}
/**
 * Every test case in a report.
 * @param report the report's path as shown in evidence.
 * @throws JUnitParseError when the text is not XML, or its root is neither
 *   `<testsuites>` nor `<testsuite>`.
 */
function parseJUnit(xml, report) {
    // fast-xml-validator, its successor, is not a dependency; this one is the same code.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const valid = fast_xml_parser__WEBPACK_IMPORTED_MODULE_2__/* .XMLValidator */ .iI.validate(xml);
    if (valid !== true)
        throw new JUnitParseError(`${report} is not well-formed XML: ${validationMessage(valid.err)}`);
    const document = parser.parse(xml);
    const roots = [...nodes(document.testsuites), ...nodes(document.testsuite).map((suite) => ({ testsuite: [suite] }))];
    if (roots.length === 0) {
        const found = Object.keys(document).find((key) => !key.startsWith('?'));
        throw new JUnitParseError(`${report} is not a JUnit report: its root is <${found ?? 'nothing'}>, expected <testsuites> or <testsuite>`);
    }
    const out = [];
    for (const root of roots) {
        const rootFile = attribute(root, 'file');
        for (const suite of nodes(root.testsuite))
            walkSuite(suite, [], rootFile, report, out);
        // Some writers put cases straight under <testsuites>.
        for (const testcase of nodes(root.testcase))
            out.push(caseOf(testcase, [], rootFile, report));
    }
    return out;
}


/***/ })

};
