#!/usr/bin/env node
// Builds dist/ from src/ with ncc: one ESM bundle, dist/index.js, whose chunks load on
// demand; used by the CLI and by every action. dist/ is committed; CI rebuilds it and
// fails on any difference. The build goes to a temporary folder first, so a failed
// build leaves the old dist/ in place.
//
// ncc does not copy WebAssembly that a package loads at run time by file name: each such
// file (WASM_ASSETS) is copied next to the chunk that names it, and the build fails when a
// chunk names one it cannot copy. The copies are part of dist/, so CI's dist check (which
// compares files) also sees a missing or stale one.
//
// Usage: node scripts/bundle.mjs [--out DIR]   (default dist; the tests build their own)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Run-time assets ncc leaves behind: file name → where it is in node_modules. */
const WASM_ASSETS = { 'libpg-query.wasm': 'node_modules/libpg-query/wasm/libpg-query.wasm' };

/** Copies each asset a chunk of `dir` names next to it; returns the names copied. */
function copyAssets(dir) {
  const copied = new Set();
  for (const chunk of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(join(dir, chunk), 'utf8');
    for (const [name, from] of Object.entries(WASM_ASSETS)) {
      if (!code.includes(name) || copied.has(name)) continue;
      if (!existsSync(from)) throw new Error(`bundle: ${chunk} loads ${name}, but ${from} is missing (npm ci?)`);
      copyFileSync(from, join(dir, name));
      copied.add(name);
    }
  }
  return [...copied];
}

const at = process.argv.indexOf('--out');
const out = at === -1 ? 'dist' : process.argv[at + 1];
if (!out) throw new Error('--out needs a folder');
const next = `${out}.next`;
rmSync(next, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'src/index.ts',
    '-o',
    next,
    '--target',
    'es2022',
    '--license',
    'licenses.txt',
    '-q',
  ],
  { stdio: 'inherit' },
);
copyAssets(next);
// ncc's asset relocator copies any file a literal path in src/ points at (a project file
// named in an adapter, say) into the bundle, and rewrites the path to it: such a file is
// a bug, not an asset. Only chunks, the copied WebAssembly and ncc's own files belong here.
const expected = (name) => /^(\d+\.)?index\.js$/.test(name) || name in WASM_ASSETS || name === 'licenses.txt' || name === 'package.json';
const stray = readdirSync(next).filter((name) => !expected(name));
if (stray.length) {
  rmSync(next, { recursive: true, force: true });
  throw new Error(
    `bundle: ncc emitted ${stray.join(', ')}: a literal file path in src/ was taken for an asset (build the path from a variable)`,
  );
}
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
