#!/usr/bin/env node
/**
 * Extract the GitHub REST operations that release-gates calls from GitHub's
 * OpenAPI description (npm package `@octokit/openapi`, file
 * `generated/api.github.com.json`) into a small committed test fixture:
 * `__tests__/fixtures/github-openapi.json`.
 *
 * The fixture keeps, for each listed operation, its parameters, request body
 * and responses, plus every `#/components/...` entry they reference
 * (transitively), with `$ref`s left as they are. Descriptions and examples are
 * dropped to keep it small. The package version is recorded under
 * `x-extracted-from`. The local GitHub API server used by the tests
 * (`__tests__/support/github-api/`) validates every request against it.
 *
 * Re-run on upgrade (the package unpacks to ~385 MB, so it is NOT a dependency):
 *
 *   # a) download just the tarball and extract the one file we need (default):
 *   node scripts/extract-openapi.mjs                      # latest version
 *   node scripts/extract-openapi.mjs --version 23.0.2     # a pinned version
 *
 *   # b) or point it at an already unpacked package directory:
 *   node scripts/extract-openapi.mjs /tmp/openapi/node_modules/@octokit/openapi
 *
 *   # options: --out <file> (default __tests__/fixtures/github-openapi.json)
 *
 * Mode (a) runs `npm pack @octokit/openapi@<version>` in a temp directory and
 * `tar` to unpack only `generated/api.github.com.json`; nothing is installed.
 * Then run the server tests: `npm test -- __tests__/github-api-server/`.
 * To cover a new endpoint, add it to OPERATIONS below and re-run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operations the fixture keeps: [METHOD, path template] as in the description. */
export const OPERATIONS = [
  // check runs
  ['POST', '/repos/{owner}/{repo}/check-runs'],
  ['GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations'],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs'],
  // commit statuses
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/status'],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/statuses'],
  ['POST', '/repos/{owner}/{repo}/statuses/{sha}'],
  // issue comments
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  // pull requests
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  // issues
  ['GET', '/repos/{owner}/{repo}/issues'],
  ['POST', '/repos/{owner}/{repo}/issues'],
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/events'],
  ['GET', '/search/issues'],
  // repository, branches, commits
  ['GET', '/repos/{owner}/{repo}'],
  ['GET', '/repos/{owner}/{repo}/branches/{branch}'],
  ['GET', '/repos/{owner}/{repo}/commits'],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}'],
  ['GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls'],
  ['GET', '/repos/{owner}/{repo}/compare/{basehead}'],
  ['GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls'],
  // deployments
  ['GET', '/repos/{owner}/{repo}/deployments'],
  ['POST', '/repos/{owner}/{repo}/deployments'],
  ['GET', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['POST', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  // actions
  ['POST', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches'],
  // misc
  ['GET', '/rate_limit'],
];

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT = resolve(HERE, '..', '__tests__', 'fixtures', 'github-openapi.json');
const SPEC_FILE = 'generated/api.github.com.json';

/** Keys whose value is a map from names to objects (never strip inside those keys). */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'schemas',
  'parameters',
  'responses',
  'headers',
  'content',
  'requestBodies',
  'paths',
]);
/** Annotation keywords (and `x-github*` extensions) dropped outside name maps. */
const DROPPED = new Set(['description', 'example', 'examples']);

function parseArgs(argv) {
  const args = { pkgDir: undefined, version: 'latest', out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') args.out = resolve(argv[++i]);
    else if (a === '--version') args.version = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log('usage: extract-openapi.mjs [package-dir] [--version V] [--out file]');
      process.exit(0);
    } else args.pkgDir = resolve(a);
  }
  return args;
}

/** Download the package tarball with `npm pack` and unpack only what we need. */
function fetchPackage(version) {
  const tmp = mkdtempSync(join(tmpdir(), 'octokit-openapi-'));
  const out = execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--pack-destination', tmp, '--json'], {
    cwd: tmp,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [{ filename }] = JSON.parse(out);
  const tarball = join(tmp, filename.replace(/^@/, '').replace('/', '-'));
  const file = existsSync(tarball) ? tarball : join(tmp, filename);
  execFileSync('tar', ['-xzf', file, '-C', tmp, 'package/package.json', `package/${SPEC_FILE}`]);
  return {
    dir: join(tmp, 'package'),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/** Deep copy without descriptions/examples (but keeping properties named like them). */
function strip(value, parentKey) {
  if (Array.isArray(value)) return value.map((v) => strip(v, undefined));
  if (value === null || typeof value !== 'object') return value;
  const isNameMap = NAME_MAPS.has(parentKey) && !Array.isArray(value);
  const out = {};
  for (const key of Object.keys(value)) {
    if (!isNameMap && (DROPPED.has(key) || key.startsWith('x-github'))) continue;
    out[key] = strip(value[key], isNameMap ? undefined : key);
  }
  return out;
}

function collectRefs(value, acc) {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, acc);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') acc.add(v);
      else collectRefs(v, acc);
    }
  }
  return acc;
}

function lookup(spec, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  const parts = ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = spec;
  for (const p of parts) {
    node = node?.[p];
    if (node === undefined) throw new Error(`unresolvable $ref: ${ref}`);
  }
  return { parts, node };
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** Build the fixture object from a full description. */
export function extract(spec, pkgVersion) {
  const paths = {};
  const refs = new Set();
  for (const [method, path] of OPERATIONS) {
    const item = spec.paths[path];
    const op = item?.[method.toLowerCase()];
    if (!op) throw new Error(`operation not found in description: ${method} ${path}`);
    const kept = strip({
      operationId: op.operationId,
      summary: op.summary,
      externalDocs: op.externalDocs,
      parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
      requestBody: op.requestBody,
      responses: op.responses,
      deprecated: op.deprecated,
    });
    for (const k of Object.keys(kept)) if (kept[k] === undefined) delete kept[k];
    collectRefs(kept, refs);
    (paths[path] ??= {})[method.toLowerCase()] = kept;
  }
  const components = {};
  const queue = [...refs];
  const seen = new Set();
  while (queue.length > 0) {
    const ref = queue.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const { parts, node } = lookup(spec, ref);
    if (parts[0] !== 'components' || parts.length !== 3) throw new Error(`unexpected $ref: ${ref}`);
    const stripped = strip(node, undefined);
    (components[parts[1]] ??= {})[parts[2]] = stripped;
    for (const r of collectRefs(stripped, new Set())) queue.push(r);
  }
  return sortKeys({
    openapi: spec.openapi,
    info: { title: spec.info.title, version: spec.info.version },
    servers: spec.servers,
    'x-extracted-from': {
      package: '@octokit/openapi',
      version: pkgVersion,
      file: SPEC_FILE,
      script: 'scripts/extract-openapi.mjs',
      operations: OPERATIONS.map(([m, p]) => `${m} ${p}`),
    },
    paths,
    components,
  });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let pkg = args.pkgDir ? { dir: args.pkgDir, cleanup: () => {} } : fetchPackage(args.version);
  try {
    const pkgJson = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8'));
    if (pkgJson.name !== '@octokit/openapi') throw new Error(`${pkg.dir} is not @octokit/openapi`);
    const spec = JSON.parse(readFileSync(join(pkg.dir, SPEC_FILE), 'utf8'));
    const fixture = extract(spec, pkgJson.version);
    const text = `${JSON.stringify(fixture, null, 1)}\n`;
    writeFileSync(args.out, text);
    const ops = OPERATIONS.length;
    const comps = Object.values(fixture.components).reduce((n, c) => n + Object.keys(c).length, 0);
    console.log(
      `wrote ${args.out}: @octokit/openapi ${pkgJson.version}, ${ops} operations, ` +
        `${comps} components, ${Buffer.byteLength(text)} bytes`,
    );
  } finally {
    pkg.cleanup();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
