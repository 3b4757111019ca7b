/**
 * zod's own words never reach the user. Every field of every check in the example configs
 * (and every gate, environment and top-level field) is given each kind of wrong value in
 * turn, and every problem reported must be in our words: no "Invalid input", no
 * "expected tuple", no "received", each with a position and a path.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { ConfigurationError } from '../../src/errors.js';

const EXAMPLES = 'examples';
const WRONG: unknown[] = [1.5, -1, 'x', [1, 'a'], { zz: 1 }, null];
/** zod's wording, never shown: default messages and type names. */
const ZOD_WORDS =
  /Invalid input|Invalid (string|number|option|element|key)|Too (small|big)|Unrecognized key|received|expected (tuple|record|int|nan|union|never|bigint|symbol|undefined|unknown|literal|enum)\b|\[object Object\]/;

function examples(): [string, Record<string, unknown>][] {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(EXAMPLES, entry.name, 'release-gates.yml'))
    .filter((file) => {
      try {
        readFileSync(file);
        return true;
      } catch {
        return false;
      }
    })
    .map((file) => [file, parseConfig(file, readFileSync(file, 'utf8')).raw]);
}

/** Every path to a value inside `value`, up to `depth` levels. */
function paths(value: unknown, depth: number, prefix: (string | number)[] = []): (string | number)[][] {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...paths(item, depth - 1, [...prefix, key])]);
}

function withValue(root: Record<string, unknown>, path: (string | number)[], replacement: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  let node: Record<string | number, unknown> = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}

describe('every message zod can produce for our schema is in our words', () => {
  it.each(examples())('%s', (file, raw) => {
    let problems = 0;
    for (const path of paths(raw, 6)) {
      for (const wrong of WRONG) {
        const text = stringify(withValue(raw, path, wrong));
        try {
          parseConfig(file, text);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          for (const problem of error.problems) {
            problems += 1;
            expect(`${path.join('.')} = ${JSON.stringify(wrong)}: ${problem.message}`).not.toMatch(ZOD_WORDS);
            expect(problem.location.line).toBeGreaterThan(0);
          }
        }
      }
    }
    // The sweep met many problems; a sweep that met none would prove nothing.
    expect(problems).toBeGreaterThan(100);
  });
});
