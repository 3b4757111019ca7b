/**
 * `${VAR}` templates (src/config/interpolate.ts): expansion, defaults, the `$${` escape,
 * `{{capture}}` left for run time, and malformed references.
 */
import { describe, expect, it } from '@jest/globals';
import { expand, expandTree, templateErrors, type Lookup } from '../../src/config/interpolate.js';

/** A lookup over a fixed map that records every name asked for. */
function lookupOf(values: Record<string, string>): Lookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (name: string): string | undefined => {
    asked.push(name);
    return Object.hasOwn(values, name) ? values[name] : undefined;
  };
  return Object.assign(lookup, { asked });
}

describe('expand', () => {
  it('replaces ${VAR} with its value, wherever it is in the string', () => {
    const lookup = lookupOf({ API_BASE: 'https://api.example.com', V: '2' });
    expect(expand('${API_BASE}/v${V}/healthz', lookup)).toEqual({ value: 'https://api.example.com/v2/healthz', missing: [] });
  });

  it('reports an unset variable without a default as missing, and leaves it empty', () => {
    expect(expand('Bearer ${API_TOKEN}', lookupOf({}))).toEqual({ value: 'Bearer ', missing: ['API_TOKEN'] });
  });

  it('reports each missing reference, in order', () => {
    expect(expand('${A}:${B}@${A}', lookupOf({})).missing).toEqual(['A', 'B', 'A']);
  });

  it('takes the default when the variable is unset', () => {
    expect(expand('${API_BASE:-http://127.0.0.1:8000}', lookupOf({}))).toEqual({ value: 'http://127.0.0.1:8000', missing: [] });
  });

  it('takes the default when the variable is set but empty, as the shell does', () => {
    expect(expand('${MODE:-off}', lookupOf({ MODE: '' }))).toEqual({ value: 'off', missing: [] });
  });

  it('uses the value over the default when the variable is set', () => {
    expect(expand('${MODE:-off}', lookupOf({ MODE: 'on' })).value).toBe('on');
  });

  it('accepts an empty default: ${VAR:-} is never missing', () => {
    expect(expand('[${CAPTCHA_TOKEN:-}]', lookupOf({}))).toEqual({ value: '[]', missing: [] });
  });

  it('keeps a set-but-empty variable without a default as empty, not missing', () => {
    expect(expand('x${EMPTY}y', lookupOf({ EMPTY: '' }))).toEqual({ value: 'xy', missing: [] });
  });

  it('writes $${ as a literal ${ and looks nothing up', () => {
    const lookup = lookupOf({ HOME: '/root' });
    expect(expand('echo $${HOME} ${HOME}', lookup).value).toBe('echo ${HOME} /root');
    expect(lookup.asked).toEqual(['HOME']);
  });

  it('leaves {{capture}} for the flow to fill in at run time, even when a variable has its name', () => {
    const lookup = lookupOf({ role_id: 'from-env' });
    expect(expand('/api/v1/roles/{{role_id}}/upload-job-spec', lookup).value).toBe('/api/v1/roles/{{role_id}}/upload-job-spec');
    expect(lookup.asked).toEqual([]);
  });

  it('does not expand a reference inside a value (no second pass)', () => {
    expect(expand('${OUTER}', lookupOf({ OUTER: '${INNER}', INNER: 'leak' })).value).toBe('${INNER}');
  });

  it('leaves malformed references as written, reporting nothing missing', () => {
    expect(expand('${1X} and ${API', lookupOf({ API: 'x' }))).toEqual({ value: '${1X} and ${API', missing: [] });
  });

  it('returns text without templates unchanged', () => {
    expect(expand('GET /healthz?a=$1&b={c}', lookupOf({}))).toEqual({ value: 'GET /healthz?a=$1&b={c}', missing: [] });
  });
});

describe('templateErrors', () => {
  it('accepts well-formed references, escapes and captures', () => {
    expect(templateErrors('${A} ${B_2:-x:-y} $${C} {{d}} $D')).toEqual([]);
  });

  it('reports an unclosed ${', () => {
    expect(templateErrors('${STAGING_API_BASE')).toEqual(['unclosed "${" (expected "${NAME}" or "${NAME:-default}")']);
  });

  it('reports a name that starts with a digit', () => {
    expect(templateErrors('${1X}')).toEqual(['invalid variable name "1X" in "${1X}" (expected letters, digits and _, e.g. ${API_BASE})']);
  });

  it('reports an empty name and a name with a space or a dash', () => {
    expect(templateErrors('${} ${API BASE} ${API-BASE:-x}')).toEqual([
      'invalid variable name "" in "${}" (expected letters, digits and _, e.g. ${API_BASE})',
      'invalid variable name "API BASE" in "${API BASE}" (expected letters, digits and _, e.g. ${API_BASE})',
      'invalid variable name "API-BASE" in "${API-BASE:-x}" (expected letters, digits and _, e.g. ${API_BASE})',
    ]);
  });

  it('reports the bash form ${VAR-default} (without the colon) as an invalid name', () => {
    expect(templateErrors('${MODE-off}')).toHaveLength(1);
  });
});

describe('expandTree', () => {
  it('expands strings at any depth and keeps other values as they are', () => {
    const tree = { url: '${BASE}/x', n: 3, ok: true, none: null, list: ['${A}', 1, { deep: '${A:-d}' }] };
    const missing: string[] = [];
    const out = expandTree(tree, ['root'], lookupOf({ BASE: 'http://h', A: 'a' }), (_path, name) => missing.push(name));
    expect(out).toEqual({ url: 'http://h/x', n: 3, ok: true, none: null, list: ['a', 1, { deep: 'a' }] });
    expect(missing).toEqual([]);
  });

  it('gives the path of each string with an unset variable', () => {
    const found: [string, string][] = [];
    expandTree(
      { headers: { authorization: 'Bearer ${TOKEN}' }, steps: [{ http: 'GET ${URL}/x' }] },
      ['smoke'],
      lookupOf({}),
      (path, name) => found.push([path.join('.'), name]),
    );
    expect(found).toEqual([
      ['smoke.headers.authorization', 'TOKEN'],
      ['smoke.steps.0.http', 'URL'],
    ]);
  });

  it('does not change the input', () => {
    const tree = { a: '${A}' };
    expandTree(tree, [], lookupOf({ A: 'x' }), () => undefined);
    expect(tree).toEqual({ a: '${A}' });
  });
});
