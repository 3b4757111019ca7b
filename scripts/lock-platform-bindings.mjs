#!/usr/bin/env node
// Adds lock entries for the platform bindings of `unrs-resolver` (used by jest 30 and
// eslint-plugin-import-x) that the npm registry mirror of these machines does not serve.
// npm then leaves them out of package-lock.json, and `npm ci` on a fresh machine fails
// with "Missing: @unrs/resolver-binding-… from lock file". With an `os`/`cpu` entry each,
// `npm ci` skips them on other platforms without fetching. Later `npm install`s keep the
// entries; run this again only after regenerating the lock file from scratch:
//   node scripts/lock-platform-bindings.mjs package-lock.json
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const parent = lock.packages['node_modules/unrs-resolver'];
let added = 0;
for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const suffix = name.replace('@unrs/resolver-binding-', '');
  const [os, cpu] = suffix.split('-'); // e.g. linux-arm64-gnu, win32-x64-msvc
  lock.packages[key] = { version, dev: true, optional: true, os: [os], cpu: [cpu] };
  added++;
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`${file}: added ${added} platform binding entries`);
