#!/usr/bin/env node
// Builds dist/ from src/ with ncc: one ESM bundle, dist/index.js, whose chunks load on
// demand; used by the CLI and by every action. dist/ is committed; CI rebuilds it and
// fails on any difference. The build goes to a temporary folder first, so a failed
// build leaves the old dist/ in place.
//
// Usage: node scripts/bundle.mjs [--out DIR]   (default dist; the tests build their own)
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';

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
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
