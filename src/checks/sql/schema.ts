/**
 * Config of the `sql` check kind (issue #9, item 6; PRODUCT.md, migrate: "the `sql` check
 * kind (any gate)"): a query with expectations, or the objects that must exist.
 *
 * ```yaml
 * - name: candidates emptied by migration 015           # runbook 000, 5.
 *   sql: SELECT count(*) FROM candidates
 *   expect: { value: 0 }
 * - name: schema objects exist                          # runbook 000: \d roles …
 *   sql: { exists: { tables: [roles, candidate_applications, role_tasks, assessments] } }
 * - name: RLS policies present                          # runbook 003
 *   sql: { exists: { policies: { leads: "*_org_isolation", bookings: "*_org_isolation" } } }
 * - name: tenant isolation holds on leads               # runbook 003
 *   sql: SELECT count(*) FILTER (WHERE org_id <> $1::uuid) AS other_tenants, count(*) AS visible FROM leads
 *   params: ["${ORG_ID}"]
 *   role: app_user
 *   set: { app.current_org_id: "${ORG_ID}" }
 *   expect: { json: { $[0].other_tenants: 0, $[0].visible: { gte: 1 } } }
 * - name: alias search under 500 ms, by index          # runbook 004
 *   sql: SELECT * FROM employer_aliases WHERE normalized_name = $1
 *   params: [acme]
 *   expect: { max-duration: 500ms }
 *   explain: { uses-index: idx_employer_aliases_normalized }
 * ```
 */
import { z } from 'zod';
import { CheckCommon, Duration, Numeric, NumericBounds } from '../../config/schema/common.js';
import { Matcher, Scalar } from '../../matchers/schema.js';

/** An identifier, unquoted or double-quoted. */
const IDENTIFIER = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
/** `name` or `schema.name`. */
const QUALIFIED = String.raw`${IDENTIFIER}(?:\.${IDENTIFIER})?`;

/** A table, view or index name, optionally schema-qualified: `roles`, `audit.events`. */
export const ObjectName = z
  .string()
  .regex(new RegExp(`^${QUALIFIED}$`), { error: 'expected a name like roles or public.roles (double-quote other names: "Roles")' });

/** A function: `search_aliases`, or with its argument types, `public.normalize_name(text)`. */
export const FunctionName = z.string().regex(new RegExp(String.raw`^${QUALIFIED}(\s*\([^()]*\))?$`), {
  error: 'expected a function name like normalize_name, or with argument types like normalize_name(text)',
});

/** A policy name or a glob over names (`*` any text, `?` one character): `*_org_isolation`. */
const PolicyPattern = z.string().min(1, { error: 'expected a policy name or pattern, e.g. "*_org_isolation"' });

/** What must exist, each list reported on its own (runbook 000's `\d` checks, runbook 003's `pg_policies`). */
export const Exists = z
  .strictObject({
    /** Tables (plain or partitioned). */
    tables: z.array(ObjectName).min(1).optional(),
    /** Views and materialized views. */
    views: z.array(ObjectName).min(1).optional(),
    /** Functions and procedures. */
    functions: z.array(FunctionName).min(1).optional(),
    indexes: z.array(ObjectName).min(1).optional(),
    /** Columns by table: `{ roles: [id, job_spec] }`. */
    columns: z.record(ObjectName, z.array(z.string().min(1)).min(1)).optional(),
    /** Tables with row level security enabled. */
    rls: z.array(ObjectName).min(1).optional(),
    /**
     * RLS policies by table: each pattern matches at least one policy on the table, and
     * the table has row level security enabled (a policy on a table without it binds no one).
     */
    policies: z.record(ObjectName, z.union([PolicyPattern, z.array(PolicyPattern).min(1)])).optional(),
  })
  .refine((exists) => Object.keys(exists).length > 0, {
    error: 'expected at least one of tables, views, functions, indexes, columns, rls, policies',
  });

/** `sql:` the query text (one statement, never `${}`-expanded), or `{ exists: … }`. */
export const SqlSource = z.union([z.string().trim().min(1), z.strictObject({ exists: Exists })], {
  error: 'expected a query, e.g. sql: SELECT count(*) FROM candidates, or sql: { exists: { tables: [roles] } }',
});

/** Expectations on a query's result. With none, the query need only succeed. */
export const SqlExpect = z.strictObject({
  /** Number of rows returned: `0`, or bounds `{ gte: 1 }`. */
  rows: z.union([Numeric, NumericBounds], { error: 'expected a row count like 0, or bounds like { gte: 1 }' }).optional(),
  /** The first column of the first row (`SELECT count(*) …`), with any matcher. */
  value: Matcher.optional(),
  /** JSONPath over the rows (an array of objects keyed by column): `$[0].visible`, `$[*].policyname`. */
  json: z.record(z.string().regex(/^\$/, { error: 'expected a JSONPath over the rows, e.g. $[0].n' }), Matcher).optional(),
  /**
   * Longest acceptable statement time: the server's planning + execution time from
   * `EXPLAIN ANALYZE` (runbook 004's "queries < 500ms"); the round trip for `write: true`.
   */
  'max-duration': Duration.optional(),
});

/** Assertions on the query's plan (`EXPLAIN (FORMAT JSON)`). */
export const SqlExplain = z.strictObject({
  /** `true`: some index is used; a name (or names): that index is used. */
  'uses-index': z.union([z.literal(true), ObjectName, z.array(ObjectName).min(1)], {
    error: 'expected true (any index) or an index name, e.g. uses-index: idx_aliases_normalized',
  }),
});

const SettingName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, { error: 'expected a setting name like app.current_org_id' });

export const SqlCheck = z.strictObject({
  ...CheckCommon,
  sql: SqlSource,
  /**
   * The PostgreSQL URL (`${VAR}` allowed). Default: the environment's `database:`, then
   * `DATABASE_URL`. Never shown: evidence names `host:port/database`.
   */
  database: z.string().min(1, { error: 'expected a PostgreSQL URL, e.g. "${DATABASE_URL}"' }).optional(),
  /** Bind parameters `$1`, `$2`, …: values, never SQL (`${VAR}` allowed). */
  params: z.array(Scalar, { error: 'expected a list of values, e.g. params: ["${ORG_ID}", 20]' }).optional(),
  /** `SET LOCAL` for the check's transaction: `{ app.current_org_id: "${ORG_ID}" }`. */
  set: z.record(SettingName, z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  /** `SET LOCAL ROLE`: row level security binds a non-superuser role (runbook 003's isolation check). */
  role: z.string().min(1).optional(),
  /** Run in a read-write transaction and commit. Default: `READ ONLY`, rolled back. */
  write: z.boolean().optional(),
  expect: SqlExpect.optional(),
  explain: SqlExplain.optional(),
});

export type SqlCheckConfig = z.output<typeof SqlCheck>;
export type ExistsConfig = z.output<typeof Exists>;
export type SqlExpectConfig = z.output<typeof SqlExpect>;
export type SqlExplainConfig = z.output<typeof SqlExplain>;
