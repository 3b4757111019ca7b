/**
 * The committed JSON Schema (schema/release-gates.schema.json) is what `release-gates
 * schema` prints, and it accepts the examples and rejects what the loader rejects.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configJsonSchema, JSON_SCHEMA_PATH } from '../../src/config/json-schema.js';
import { requireBundle, runCli } from './helpers.js';

const REGENERATE = `${JSON_SCHEMA_PATH} is out of date: regenerate it with "npx tsx src/index.ts schema > ${JSON_SCHEMA_PATH}"`;
const committedText = readFileSync(JSON_SCHEMA_PATH, 'utf8');
const committed = JSON.parse(committedText) as Record<string, unknown>;

/** A validator of the committed schema; returns ajv's errors as `path message` lines. */
function validator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(committed);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
}

describe('committed JSON Schema', () => {
  it('equals the schema generated from the zod schema', () => {
    // A plain comparison reads badly for 75 KB of JSON; say what to do instead.
    if (JSON.stringify(configJsonSchema(), null, 2) + '\n' !== committedText) throw new Error(REGENERATE);
  });

  it('equals what the shipped CLI prints for "release-gates schema"', async () => {
    requireBundle();
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    if (result.stdout !== committedText) throw new Error(`${REGENERATE} (or rebuild dist with "node scripts/bundle.mjs")`);
  });

  it('is a draft 2020-12 schema with an id and a title', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(committed.$id).toBe('https://github.com/release-gates/release-gates/schema/release-gates.schema.json');
    expect(committed.title).toBe('release-gates config (.github/release-gates.yml)');
  });
});

describe('validating configs with the committed schema (ajv, draft 2020-12)', () => {
  let validate: (data: unknown) => string[];
  beforeAll(() => {
    validate = validator();
  });

  it.each([
    'examples/go-no-go/release-gates.yml',
    'examples/alias-initiative/release-gates.yml',
    'examples/talkative-poc/release-gates.yml',
  ])('accepts the example %s', (file) => {
    const example: unknown = parse(readFileSync(file, 'utf8'));
    expect(validate(example)).toEqual([]);
  });

  it('rejects a misspelt threshold of a monitored check, and a monitor without a window', () => {
    const errors = validate({ version: 1, monitor: { window: '1m', checks: [{ http: 'GET /x', thresholds: { 'max-p59': '1s' } }] } });
    expect(errors).toContainEqual('/monitor/checks/0/thresholds must NOT have additional properties');
    expect(validate({ version: 1, monitor: { checks: [{ http: 'GET /x' }] } })).toContainEqual(
      "/monitor must have required property 'window'",
    );
  });

  it('accepts a flow with captures and a config using ${VAR} in typed fields', () => {
    const config = {
      version: 1,
      environments: { staging: { url: '${STAGING_API_BASE}', vars: { N: 3 }, requires: [] } },
      smoke: {
        timeout: '${SMOKE_TIMEOUT:-5s}',
        checks: [
          { http: 'GET /healthz', expect: { status: '${S:-200}' } },
          { steps: [{ http: 'POST /roles', json: { a: 1 }, capture: { role_id: '$.id' } }, { http: 'GET /roles/{{role_id}}' }] },
        ],
      },
    };
    expect(validate(config)).toEqual([]);
  });

  it('rejects an unknown top-level key', () => {
    expect(validate({ version: 1, smok: { checks: [] } })).toContainEqual('/ must NOT have additional properties');
  });

  it('rejects a missing version and version: 2', () => {
    expect(validate({ smoke: { checks: [] } })).toContainEqual("/ must have required property 'version'");
    expect(validate({ version: 2 })).toContainEqual('/version must be equal to constant');
  });

  it('rejects an unknown key inside a check', () => {
    const errors = validate({ version: 1, smoke: { checks: [{ http: 'GET /x', retyr: { attempts: 2 } }] } });
    expect(errors.some((line) => line.startsWith('/smoke/checks/0 '))).toBe(true);
  });

  it('rejects a bad request line', () => {
    const errors = validate({ version: 1, smoke: { checks: [{ http: 'FETCH /x' }] } });
    expect(errors).toContainEqual(expect.stringMatching(/^\/smoke\/checks\/0\/http must match pattern/));
  });
});
