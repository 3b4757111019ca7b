/**
 * Which test cases a `tests:` name or a `files:` path means (runbook 001, "Gate-to-Test
 * Mapping").
 *
 * A name matches a case's `name` (with or without pytest's `[param]` suffix, so one
 * name covers every parametrised instance), or `classname::name` / `classname.name`
 * ending in the given text at a `.` boundary. A pytest node id
 * (`tests/test_api.py::TestX::test_y`) works too.
 *
 * A file matches a case through its (or its suite's) `file` attribute (pytest's
 * xunit1 family, jest-junit's `addFileAttribute`), a suite named by its path
 * (jest-junit's `suiteNameTemplate: "{filepath}"`), or pytest's dotted classname
 * (`tests.test_web_api_week1`, the default xunit2 family), including a module that
 * failed to import.
 */
import type { TestCase } from './parse.js';

const SOURCE_EXTENSION = /\.(py|[cm]?[jt]sx?|rb|java|kt|go|rs|cs|php)$/;

function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** True when two paths name the same file, one possibly relative to a deeper root. */
function samePath(a: string, b: string): boolean {
  const x = normalisePath(a);
  const y = normalisePath(b);
  if (x === '' || y === '') return false;
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

/** `tests/test_api.py` → `tests.test_api`; undefined for a path that is not Python. */
function pythonModule(path: string): string | undefined {
  const normal = normalisePath(path);
  if (!normal.endsWith('.py')) return undefined;
  return normal.slice(0, -3).replace(/\//g, '.');
}

/** True when dotted `name` is `text`, or ends in `.text`. */
function dottedSuffix(name: string, text: string): boolean {
  return name === text || name.endsWith(`.${text}`);
}

/** True when dotted `classname` lies in module `module` (itself or a class in it), at any package depth. */
function inModule(classname: string, module: string): boolean {
  return (
    classname === module || classname.startsWith(`${module}.`) || classname.endsWith(`.${module}`) || classname.includes(`.${module}.`)
  );
}

/** A case's name without pytest's parameter suffix: `test_x[pdf]` → `test_x`. */
function baseName(name: string): string {
  return name.replace(/\[[^\]]*\]$/, '');
}

function nameMatches(caseName: string, wanted: string): boolean {
  return caseName === wanted || baseName(caseName) === wanted;
}

/** A node id's class part as dotted text: `tests/test_api.py::TestX` → `tests.test_api.TestX`. */
function dottedClass(text: string): string {
  return text
    .split('::')
    .map((part) => (SOURCE_EXTENSION.test(part) ? normalisePath(part).replace(SOURCE_EXTENSION, '').replace(/\//g, '.') : part))
    .join('.');
}

/** True when test case `test` is the one named `wanted` (see the module comment). */
export function matchesTest(test: TestCase, wanted: string): boolean {
  if (nameMatches(test.name, wanted)) return true;
  const separator = wanted.lastIndexOf('::');
  if (separator > 0) {
    const owner = wanted.slice(0, separator);
    const name = wanted.slice(separator + 2);
    if (!nameMatches(test.name, name)) return false;
    const first = owner.split('::')[0] ?? '';
    if (SOURCE_EXTENSION.test(first) && test.file !== undefined && !owner.includes('::')) {
      if (samePath(test.file, first)) return true;
    }
    return test.classname !== '' && dottedSuffix(test.classname, dottedClass(owner));
  }
  if (!wanted.includes('.') || test.classname === '') return false;
  const full = `${test.classname}.${test.name}`;
  return dottedSuffix(full, wanted) || dottedSuffix(`${test.classname}.${baseName(test.name)}`, wanted);
}

/** True when test case `test` comes from source file `path` (see the module comment). */
export function inFile(test: TestCase, path: string): boolean {
  if (test.file !== undefined && samePath(test.file, path)) return true;
  if (test.suites.some((suite) => SOURCE_EXTENSION.test(suite) && samePath(suite, path))) return true;
  const module = pythonModule(path);
  if (module === undefined) return false;
  if (test.classname !== '') return inModule(test.classname, module);
  // A module pytest could not import: a case named after the module, with no classname.
  return dottedSuffix(test.name, module);
}

/** True when some case carries any file information a `files:` entry could match. */
export function hasFileInformation(tests: readonly TestCase[]): boolean {
  return tests.some(
    (test) =>
      test.file !== undefined ||
      test.suites.some((suite) => SOURCE_EXTENSION.test(suite)) ||
      /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(test.classname),
  );
}
