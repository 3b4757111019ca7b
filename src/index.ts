#!/usr/bin/env node
/**
 * The one bundle's entry. `action [gate]` runs the GitHub Action; anything else is the
 * `release-gates` command line. Each side is loaded only when used, to keep start-up
 * short.
 */
import { setFlagsFromString } from 'node:v8';

// undici's HTTP parser is WebAssembly; V8's optimising tier recompiles it in the
// background for ~30 MB of peak memory and no measurable speed (bench/).
setFlagsFromString('--liftoff-only');

const [mode, gate] = process.argv.slice(2);
if (Number(process.versions.node.split('.')[0]) < 20) {
  process.stderr.write(
    `release-gates needs node 20 or newer (this is ${process.version}); add actions/setup-node with node-version: 20 before this step\n`,
  );
  process.exitCode = 1;
} else if (mode === 'action') {
  const { actionMain } = await import('./action/index.js');
  const { exitWith } = await import('./io/exit.js');
  exitWith(await actionMain(gate));
} else {
  await import('./cli/index.js');
}
