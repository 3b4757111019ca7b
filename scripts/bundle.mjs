#!/usr/bin/env node
// Builds dist/ from src/ with ncc: one ESM bundle, dist/index.js, used by the CLI and by
// every action. dist/ is committed; CI rebuilds it and fails on any difference.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'src/index.ts',
    '-o',
    'dist',
    '--target',
    'es2022',
    '--license',
    'licenses.txt',
    '-q',
  ],
  { stdio: 'inherit' },
);
