#!/usr/bin/env node
// The bundle the tests run: built from today's src/ into .test-bundle/, with copies of
// action.yml and actions/ beside it, so the end-to-end tests run the actions exactly as
// a workflow would (`actions/<gate>/action.yml` → `run-gates.sh` → `../dist/index.js`)
// and never the committed dist/. `npm test` passes with dist/ deleted, and fails when
// src/ breaks the action. The build is skipped when src/, the actions, the build
// scripts, tsconfig.json and the package files are unchanged since the last one (a
// stamp of their hash).
//
// Used as jest's globalSetup, and runnable alone: node scripts/test-bundle.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the tests find the actions and the bundle. */
export const TEST_BUNDLE_ROOT = join(ROOT, '.test-bundle');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** A hash of everything the bundle and the copied actions are made of. */
function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(ROOT, 'src')),
    ...files(join(ROOT, 'actions')),
    join(ROOT, 'action.yml'),
    join(ROOT, 'scripts', 'bundle.mjs'),
    join(ROOT, 'scripts', 'test-bundle.mjs'),
    // ncc compiles with tsconfig.json; the lock file stands for node_modules.
    join(ROOT, 'tsconfig.json'),
    join(ROOT, 'package.json'),
    join(ROOT, 'package-lock.json'),
  ].sort();
  for (const file of inputs) {
    hash.update(relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export function buildTestBundle() {
  const stamp = join(TEST_BUNDLE_ROOT, '.inputs-sha256');
  const hash = inputsHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(join(TEST_BUNDLE_ROOT, 'dist', 'index.js'))) return;
  rmSync(TEST_BUNDLE_ROOT, { recursive: true, force: true });
  mkdirSync(TEST_BUNDLE_ROOT, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), '--out', join(TEST_BUNDLE_ROOT, 'dist')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  cpSync(join(ROOT, 'actions'), join(TEST_BUNDLE_ROOT, 'actions'), { recursive: true });
  cpSync(join(ROOT, 'action.yml'), join(TEST_BUNDLE_ROOT, 'action.yml'));
  if (!statSync(join(TEST_BUNDLE_ROOT, 'dist', 'index.js')).isFile()) throw new Error('test bundle: no dist/index.js');
  writeFileSync(stamp, hash);
}

export default function globalSetup() {
  buildTestBundle();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildTestBundle();
