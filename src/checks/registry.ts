/**
 * The one table of check kinds. A check's kind is the kind key it carries (`http:`,
 * `steps:`, …). Any gate may use any kind.
 */
import { z } from 'zod';
import { describeIssue, suggestion } from '../config/problems.js';
import type { ConfigPath } from '../config/source.js';
import { envKind } from './env/index.js';
import { fileKind } from './file/index.js';
import { commandKind } from './command/index.js';
import { githubCiKind } from './github-ci/index.js';
import { githubApprovalsKind } from './github-approvals/index.js';
import { githubIssuesKind } from './github-issues/index.js';
import { labelsKind } from './labels/index.js';
import { environmentPassedKind } from './environment-passed/index.js';
import { checklistKind } from './checklist/index.js';
import { junitKind } from './junit/index.js';
import { backupKind } from './backup/index.js';
import { sqlKind } from './sql/index.js';
import { rollbackPinKind } from './rollback-pin/index.js';
import { flowKind } from './http/flow.js';
import { httpKind } from './http/index.js';
import { prometheusKind } from './prometheus/index.js';
import type { CheckKind } from './kind.js';

// The table holds kinds of different config types; each is only used with its own config.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = CheckKind<any>;

/** Every check kind, in the order they are documented. */
export const CHECK_KINDS: readonly AnyKind[] = [
  httpKind,
  flowKind,
  envKind,
  fileKind,
  commandKind,
  githubCiKind,
  githubApprovalsKind,
  githubIssuesKind,
  labelsKind,
  environmentPassedKind,
  checklistKind,
  junitKind,
  backupKind,
  sqlKind,
  prometheusKind,
  rollbackPinKind,
];

/** A validated check: its kind and its normalised config. */
export interface CheckEntry {
  kind: AnyKind;
  config: unknown;
  /** Where the check is written, when not at its index in the gate's `checks:` (implied checks). */
  path?: ConfigPath;
}

const KIND_KEYS = CHECK_KINDS.map((kind) => kind.key);

/**
 * The kinds a check's keys select: those whose key is present, unless another present
 * kind owns that key as a field (a `command` check's `env:`). One is valid.
 */
function kindsOf(keys: readonly string[]): AnyKind[] {
  const present = CHECK_KINDS.filter((kind) => keys.includes(kind.key));
  return present.filter((kind) => !present.some((other) => other !== kind && other.fields?.includes(kind.key)));
}

/**
 * Validates one check: picks its kind by key, then validates with that kind's schema.
 * Issues keep their paths, so positions point into the check.
 */
export const CheckEntrySchema = checkEntrySchema(z.strictObject({})).transform(({ kind, config }): CheckEntry => ({ kind, config }));

/**
 * {@link CheckEntrySchema} for checks that carry more fields than their kind's, such as a
 * monitored check's `thresholds:`: the kind's schema is extended with `extra` (so an
 * unknown key gets a "did you mean" among both), and the extra fields come back apart,
 * under `extra`, leaving the kind its own config.
 */
export function checkEntrySchema<Extra extends z.ZodObject>(extra: Extra) {
  const extraKeys = Object.keys(extra.shape);
  return z.unknown().transform((raw, ctx): CheckEntry & { extra: z.output<Extra> } => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      ctx.addIssue({ code: 'custom', message: `expected a check mapping with one of the keys: ${KIND_KEYS.join(', ')}` });
      return z.NEVER;
    }
    const keys = Object.keys(raw);
    const kinds = kindsOf(keys);
    if (kinds.length !== 1) {
      const near = keys.map((key) => [key, suggestion(key, KIND_KEYS)] as const).find(([, hint]) => hint);
      const message =
        kinds.length > 1
          ? `a check has exactly one kind, found ${kinds.map((kind) => `"${kind.key}"`).join(' and ')}`
          : near
            ? `check has no kind: unknown key "${near[0]}" (did you mean "${near[1]}"?)`
            : `check has no kind (expected one of the keys: ${KIND_KEYS.join(', ')})`;
      ctx.addIssue({ code: 'custom', message, ...(near && kinds.length === 0 ? { params: { key: near[0] } } : {}) });
      return z.NEVER;
    }
    const kind = kinds[0] as AnyKind;
    const schema = extraKeys.length ? extended(kind, extra) : kind.schema;
    const parsed = schema.safeParse(raw, { reportInput: true });
    if (parsed.success) {
      const data = parsed.data as Record<string, unknown>;
      const own = Object.fromEntries(Object.entries(data).filter(([key]) => !extraKeys.includes(key)));
      const more = Object.fromEntries(Object.entries(data).filter(([key]) => extraKeys.includes(key)));
      return { kind, config: extraKeys.length ? own : parsed.data, extra: more as z.output<Extra> };
    }
    for (const issue of parsed.error.issues) {
      for (const described of describeIssue(issue, schema)) {
        ctx.addIssue({
          code: 'custom',
          path: described.path,
          message: described.message,
          ...(described.key === undefined ? {} : { params: { key: described.key } }),
        });
      }
    }
    return z.NEVER;
  });
}

/** A kind's schema with `extra`'s fields (every kind's schema is a zod object). */
function extended(kind: AnyKind, extra: z.ZodObject): z.ZodType {
  if (!(kind.schema instanceof z.ZodObject)) throw new Error(`the ${kind.name} kind's schema is not an object; it cannot take more fields`);
  return kind.schema.safeExtend(extra.shape);
}

/** The kind a raw check selects, or undefined (for code that works on raw config). */
export function kindOfRaw(raw: unknown): AnyKind | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const kinds = kindsOf(Object.keys(raw));
  return kinds.length === 1 ? kinds[0] : undefined;
}

/** Fields of a raw check that `${VAR}` expansion must leave alone (see `CheckKind.verbatim`). */
export function verbatimFields(raw: unknown): readonly string[] {
  const kind = kindOfRaw(raw);
  return kind?.verbatim ? kind.verbatim(raw as Record<string, unknown>) : [];
}

/** For the JSON Schema: any one of the kinds. */
export const CheckDocumentSchema = checkDocumentSchema();

/** For the JSON Schema: any one of the kinds, each with `extra`'s fields (see {@link checkEntrySchema}). */
export function checkDocumentSchema(extra?: z.ZodObject): z.ZodType {
  const schemas = CHECK_KINDS.map((kind) => (extra ? extended(kind, extra) : kind.schema));
  return z.union(schemas as [z.ZodType, ...z.ZodType[]]);
}
