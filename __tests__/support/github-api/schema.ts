/**
 * OpenAPI 3.0 schema objects -> JSON Schema (draft-07, as Ajv 8 reads it), and
 * GitHub-style wording of Ajv errors.
 */
import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';

/** A JSON-ish value as read from the fixture. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Id under which the fixture's `components.schemas` are registered in Ajv. */
export const DEFS_ID = 'github-openapi-defs';

const DROP = new Set(['example', 'examples', 'xml', 'externalDocs', 'discriminator', 'nullable']);

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Convert an OpenAPI 3.0 schema object to JSON Schema.
 *
 * - `nullable: true` becomes `type: [t, "null"]` (and `null` joins an `enum`), or
 *   `anyOf: [schema, {type: "null"}]` when there is no `type`;
 * - `#/components/schemas/x` refs point at the shared definitions schema;
 * - `oneOf` becomes `anyOf`: GitHub's alternatives overlap (e.g. `integer | string`
 *   for `workflow_id`), which OpenAPI readers treat leniently;
 * - examples, `x-*` extensions and other OpenAPI-only keywords are dropped.
 */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROP.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(/^#\/components\/schemas\//, `${DEFS_ID}#/definitions/`);
    } else if ((key === 'properties' || key === 'patternProperties') && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (key === 'oneOf') {
      out.anyOf = toJsonSchema(value);
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Collect every `format` value used in a schema tree. */
function formatsIn(value: Json, acc: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) formatsIn(v, acc);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'format' && typeof v === 'string') acc.add(v);
      else formatsIn(v, acc);
    }
  }
  return acc;
}

/**
 * Create an Ajv instance that knows the fixture's component schemas.
 * @param schemas `components.schemas` of the fixture (OpenAPI form).
 * @param coerce coerce strings to the declared types (for path and query parameters).
 */
export function createAjv(schemas: JsonObject, coerce: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: false,
    logger: false,
  });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  // api.github.com sends "" for unset URLs (e.g. a deployment status's target_url).
  const uri = ajv.formats.uri;
  if (typeof uri === 'function') ajv.addFormat('uri', (s: string) => s === '' || (uri as (x: string) => boolean)(s));
  const definitions = Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(s)]));
  for (const format of formatsIn(definitions, new Set())) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  ajv.addSchema({ $id: DEFS_ID, definitions });
  return ajv;
}

/** Register any format names used by `schema` that Ajv does not know (as no-ops). */
export function ensureFormats(ajv: Ajv, schema: Json): void {
  for (const format of formatsIn(schema, new Set())) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
}

function describeValue(value: unknown, max = 80): string {
  const text = ((JSON.stringify(value) as string | undefined) ?? 'nil').replace(/","/g, '", "');
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function pointerOf(path: string): string {
  // "/output/summary" -> "properties/output/properties/summary"; array items -> "items"
  return path
    .split('/')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? 'items' : `properties/${p}`))
    .join('/');
}

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/**
 * Word Ajv errors the way api.github.com words JSON-schema failures, e.g.
 * `"title" wasn't supplied.`, `"foo" is not a permitted key.`,
 * `For 'properties/labels', "x" is not an array.`.
 */
export function githubErrorText(errors: ErrorObject[], data: unknown): string[] {
  const out = new Set<string>();
  for (const e of errors) {
    const where = pointerOf(e.instancePath);
    const prefix = where ? `For '${where}', ` : '';
    const value = describeValue(valueAt(data, e.instancePath));
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        out.add(`${prefix}"${String(p.missingProperty)}" wasn't supplied.`);
        break;
      case 'additionalProperties':
        out.add(`${prefix}"${String(p.additionalProperty)}" is not a permitted key.`);
        break;
      case 'type': {
        const t = String(p.type).split(',')[0] ?? 'value';
        out.add(`${prefix}${value} is not ${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}.`);
        break;
      }
      case 'enum':
        out.add(`${prefix}${value} is not a member of ${describeValue(p.allowedValues, 1000)}.`);
        break;
      case 'maxLength': {
        const value = valueAt(data, e.instancePath);
        const len = typeof value === 'string' ? value.length : JSON.stringify(value ?? '').length;
        out.add(`Only ${String(p.limit)} characters are allowed; ${len} were supplied.`);
        break;
      }
      case 'maxItems':
      case 'maxProperties':
        out.add(
          `${prefix}${e.keyword === 'maxItems' ? 'array' : 'object'} has more than ${String(p.limit)} ${e.keyword === 'maxItems' ? 'items' : 'keys'}.`,
        );
        break;
      case 'anyOf':
        break; // the branch errors say more
      default:
        out.add(`${prefix}${value} ${e.message ?? 'is invalid'}.`);
    }
  }
  if (out.size === 0 && errors.length > 0) out.add('No subschema in "anyOf" matched.');
  return [...out];
}
