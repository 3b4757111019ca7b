/**
 * Reading JUnit XML as pytest (`--junitxml`, both junit families), jest-junit, Maven
 * Surefire and most other runners write it: a `<testsuites>` root or a bare
 * `<testsuite>`, suites possibly nested, and `<failure>`, `<error>` and `<skipped>`
 * children on each `<testcase>`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cut } from '../../text.js';

/** A test case's result. A case with both an error and a failure counts as errored. */
export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped';

/** One `<testcase>` as read from a report. */
export interface TestCase {
  name: string;
  /** `classname` attribute; '' when absent. */
  classname: string;
  /** `file` attribute of the case or, failing that, of an enclosing suite. */
  file: string | undefined;
  /** Names of the enclosing suites, outermost first. */
  suites: string[];
  status: TestStatus;
  /** First line of the failure, error or skip message, when there is one. */
  message: string | undefined;
  /** The report it came from, as shown (relative to the working directory). */
  report: string;
}

/** A report that is not JUnit XML, with where it breaks. */
export class JUnitParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JUnitParseError';
  }
}

const LISTS = new Set(['testsuites', 'testsuite', 'testcase', 'failure', 'error', 'skipped']);

const parser = new XMLParser({
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

type Node = Record<string, unknown>;

function nodes(value: unknown): Node[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown): Node => (item !== null && typeof item === 'object' ? (item as Node) : { '#text': item }));
}

function attribute(node: Node, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

const MESSAGE_MAX = 160;

function firstLine(text: string | undefined): string | undefined {
  const line = text
    ?.split(/\r?\n/)
    .map((part) => part.trim())
    .find((part) => part.length > 0);
  if (line === undefined) return undefined;
  return cut(line, MESSAGE_MAX);
}

/** The message of a `<failure>`, `<error>` or `<skipped>`: its `message` attribute, else its text. */
function messageOf(children: Node[]): string | undefined {
  for (const child of children) {
    const text = firstLine(attribute(child, 'message')) ?? firstLine(typeof child['#text'] === 'string' ? child['#text'] : undefined);
    if (text !== undefined) return text;
  }
  return undefined;
}

function caseOf(node: Node, suites: string[], suiteFile: string | undefined, report: string): TestCase {
  const errors = nodes(node.error);
  const failures = nodes(node.failure);
  const skipped = nodes(node.skipped);
  const [status, children]: [TestStatus, Node[]] =
    errors.length > 0
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

function walkSuite(suite: Node, parents: string[], parentFile: string | undefined, report: string, out: TestCase[]): void {
  const name = attribute(suite, 'name');
  const suites = name === undefined ? parents : [...parents, name];
  const file = attribute(suite, 'file') ?? attribute(suite, 'filepath') ?? parentFile;
  for (const testcase of nodes(suite.testcase)) out.push(caseOf(testcase, suites, file, report));
  for (const nested of nodes(suite.testsuite)) walkSuite(nested, suites, file, report, out);
}

/** The validator's complaint, readable: unclosed tags mean a file cut short. */
function validationMessage(err: { code: string; msg: string; line: number; col?: number }): string {
  const unclosed = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(err.msg);
  if (err.code === 'InvalidXml' && unclosed?.[1]) {
    try {
      const tags = (JSON.parse(unclosed[1]) as string[]).map((tag) => `<${tag}>`);
      return `it ends before ${tags.join(', ')} ${tags.length === 1 ? 'is' : 'are'} closed (a report cut short?)`;
    } catch {
      // fall through to the raw message
    }
  }
  if (err.code === 'InvalidXml' && err.msg === 'Start tag expected.') return 'it is empty or has no XML element';
  return `${err.msg} (line ${err.line}${err.col === undefined ? '' : `, column ${err.col}`})`;
}

/**
 * Every test case in a report.
 * @param report the report's path as shown in evidence.
 * @throws JUnitParseError when the text is not XML, or its root is neither
 *   `<testsuites>` nor `<testsuite>`.
 */
export function parseJUnit(xml: string, report: string): TestCase[] {
  // fast-xml-validator, its successor, is not a dependency; this one is the same code.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new JUnitParseError(`${report} is not well-formed XML: ${validationMessage(valid.err)}`);
  const document = parser.parse(xml) as Node;
  const roots: Node[] = [...nodes(document.testsuites), ...nodes(document.testsuite).map((suite): Node => ({ testsuite: [suite] }))];
  if (roots.length === 0) {
    const found = Object.keys(document).find((key) => !key.startsWith('?'));
    throw new JUnitParseError(`${report} is not a JUnit report: its root is <${found ?? 'nothing'}>, expected <testsuites> or <testsuite>`);
  }
  const out: TestCase[] = [];
  for (const root of roots) {
    const rootFile = attribute(root, 'file');
    for (const suite of nodes(root.testsuite)) walkSuite(suite, [], rootFile, report, out);
    // Some writers put cases straight under <testsuites>.
    for (const testcase of nodes(root.testcase)) out.push(caseOf(testcase, [], rootFile, report));
  }
  return out;
}
