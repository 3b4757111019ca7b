/**
 * The bundle the tests run: built from today's `src/` by `scripts/test-bundle.mjs`
 * (jest's globalSetup) into `.test-bundle/`, with copies of `action.yml` and `actions/`,
 * so end-to-end tests never run a stale committed `dist/`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Root of the built action tree: `action.yml`, `actions/`, `dist/`. */
export const ACTION_ROOT = join(REPO_ROOT, '.test-bundle');
/** `node <BUNDLE>` is the CLI and the actions' entry, built from today's `src/`. */
export const BUNDLE = join(ACTION_ROOT, 'dist', 'index.js');
