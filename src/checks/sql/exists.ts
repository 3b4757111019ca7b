/**
 * The `exists` form of a `sql` check: tables, views, functions, indexes, columns, row
 * level security and RLS policies, read from the system catalogs (what runbook 000's
 * `\d roles` and runbook 003's `SELECT … FROM pg_policies` look at). Names resolve as
 * `to_regclass` resolves them: schema-qualified, or through the `search_path`.
 */
import type { CheckOutcome } from '../../engine/model.js';
import type { Transaction } from '../../io/database.js';
import type { Assertion } from '../../matchers/matchers.js';
import { cut, joinList } from '../../text.js';
import { judge } from './report.js';
import type { ExistsConfig } from './schema.js';

/** The expected column of an `exists` check that could not look. */
export const EXISTS_EXPECTED = 'all present';

/** Missing objects named in a failed check's summary before `+N more`. */
const MISSING_SHOWN = 3;

/** One object looked for. */
export interface Finding {
  /** `table`, `view`, `function`, `index`, `columns`, `rls` or `policy`. */
  kind: string;
  /** As written in the config; for a policy, `pattern on table`. */
  name: string;
  ok: boolean;
  /** What was found: `not found`, `is a view, not a table`, `leads_org_isolation`. */
  note: string;
}

/** A category's findings, reported as one assertion. */
export interface Category {
  label: string;
  findings: Finding[];
}

const RELKINDS: Record<string, string> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  i: 'index',
  I: 'partitioned index',
  S: 'sequence',
  f: 'foreign table',
  c: 'composite type',
  t: 'TOAST table',
};

/** Which relkinds each relation category accepts. */
const ACCEPTS: Record<'table' | 'view' | 'index', string[]> = { table: ['r', 'p'], view: ['v', 'm'], index: ['i', 'I'] };

interface Relation {
  name: string;
  kind: string | null;
  rls: boolean | null;
  forced: boolean | null;
}

/** One round trip for every relation named in `names`. */
async function relations(transaction: Transaction, names: readonly string[]): Promise<Map<string, Relation>> {
  if (names.length === 0) return new Map();
  const { rows } = await transaction.query(
    `SELECT n AS name, c.relkind::text AS kind, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
       FROM unnest($1::text[]) AS n LEFT JOIN pg_class c ON c.oid = to_regclass(n)`,
    [[...new Set(names)]],
  );
  return new Map(rows.map((row) => [String(row.name), row as unknown as Relation]));
}

/** An identifier as PostgreSQL reads it: unquoted ones fold to lower case. */
function identifier(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

/** `schema.name` → its parts, each as PostgreSQL reads it. */
function qualified(text: string): { schema: string | null; name: string } {
  const parts = text.match(/"(?:[^"]|"")+"|[^.]+/g) ?? [text];
  const name = identifier(parts.at(-1) ?? text);
  return { schema: parts.length > 1 ? identifier(parts[0]) : null, name };
}

function relationFindings(kind: 'table' | 'view' | 'index', names: readonly string[], found: Map<string, Relation>): Finding[] {
  return names.map((name) => {
    const relkind = found.get(name)?.kind ?? null;
    if (relkind === null) return { kind, name, ok: false, note: 'not found' };
    const what = RELKINDS[relkind] ?? relkind;
    return ACCEPTS[kind].includes(relkind)
      ? { kind, name, ok: true, note: what }
      : { kind, name, ok: false, note: `is a ${what}, not a ${kind}` };
  });
}

async function functionFinding(transaction: Transaction, name: string): Promise<Finding> {
  if (name.includes('(')) {
    const { rows } = await transaction.query('SELECT to_regprocedure($1) IS NOT NULL AS found', [name]);
    return { kind: 'function', name, ok: rows[0]?.found === true, note: rows[0]?.found === true ? 'found' : 'not found' };
  }
  const { schema, name: bare } = qualified(name);
  const { rows } = await transaction.query(
    `SELECT count(*) AS n FROM pg_proc p
      WHERE p.proname = $2 AND CASE WHEN $1::text IS NULL THEN pg_function_is_visible(p.oid) ELSE p.pronamespace = to_regnamespace($1)::oid END`,
    [schema, bare],
  );
  const count = Number(rows[0]?.n ?? 0);
  return { kind: 'function', name, ok: count > 0, note: count === 0 ? 'not found' : count === 1 ? 'found' : `found, ${count} overloads` };
}

async function columnFinding(
  transaction: Transaction,
  table: string,
  columns: readonly string[],
  found: Map<string, Relation>,
): Promise<Finding> {
  if ((found.get(table)?.kind ?? null) === null) return { kind: 'columns', name: table, ok: false, note: `table ${table} not found` };
  const { rows } = await transaction.query(
    'SELECT attname::text AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped',
    [table],
  );
  const present = new Set(rows.map((row) => String(row.name)));
  const missing = columns.filter((column) => !present.has(identifier(column)));
  return missing.length
    ? { kind: 'columns', name: table, ok: false, note: `missing ${joinList(missing, 'and')}` }
    : { kind: 'columns', name: table, ok: true, note: joinList([...columns], 'and') };
}

function rlsFinding(table: string, found: Map<string, Relation>): Finding {
  const relation = found.get(table);
  if ((relation?.kind ?? null) === null) return { kind: 'rls', name: table, ok: false, note: 'table not found' };
  if (relation?.rls !== true) return { kind: 'rls', name: table, ok: false, note: 'row level security is disabled' };
  return { kind: 'rls', name: table, ok: true, note: relation.forced ? 'enabled and forced' : 'enabled' };
}

/** `*_org_isolation` → a regular expression over whole names (`*` any text, `?` one character). */
export function globPattern(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

async function policyFindings(
  transaction: Transaction,
  table: string,
  patterns: readonly string[],
  found: Map<string, Relation>,
): Promise<Finding[]> {
  const relation = found.get(table);
  const name = (pattern: string): string => `${pattern} on ${table}`;
  if ((relation?.kind ?? null) === null)
    return patterns.map((pattern) => ({ kind: 'policy', name: name(pattern), ok: false, note: `table ${table} not found` }));
  const { rows } = await transaction.query('SELECT polname::text AS name FROM pg_policy WHERE polrelid = to_regclass($1) ORDER BY 1', [
    table,
  ]);
  const policies = rows.map((row) => String(row.name));
  return patterns.map((pattern): Finding => {
    const regex = globPattern(pattern);
    const matched = policies.filter((policy) => regex.test(policy));
    if (matched.length === 0) {
      const others = policies.length ? `policies there: ${cut(policies.join(', '), 120)}` : 'the table has no policies';
      return { kind: 'policy', name: name(pattern), ok: false, note: `none matches (${others})` };
    }
    if (relation?.rls !== true) {
      return {
        kind: 'policy',
        name: name(pattern),
        ok: false,
        note: `${joinList(matched, 'and')} exists, but row level security is disabled on ${table}, so it binds no one`,
      };
    }
    return { kind: 'policy', name: name(pattern), ok: true, note: joinList(matched, 'and') };
  });
}

/** Looks up everything `exists:` names, in one read-only transaction. */
export async function findObjects(transaction: Transaction, exists: ExistsConfig): Promise<Category[]> {
  const policies = Object.entries(exists.policies ?? {}).map(([table, patterns]) => [table, [patterns].flat()] as const);
  const columns = Object.entries(exists.columns ?? {});
  const names = [
    ...(exists.tables ?? []),
    ...(exists.views ?? []),
    ...(exists.indexes ?? []),
    ...(exists.rls ?? []),
    ...columns.map(([table]) => table),
    ...policies.map(([table]) => table),
  ];
  const found = await relations(transaction, names);
  const categories: Category[] = [];
  if (exists.tables) categories.push({ label: 'tables', findings: relationFindings('table', exists.tables, found) });
  if (exists.views) categories.push({ label: 'views', findings: relationFindings('view', exists.views, found) });
  if (exists.functions) {
    const findings: Finding[] = [];
    for (const name of exists.functions) findings.push(await functionFinding(transaction, name));
    categories.push({ label: 'functions', findings });
  }
  if (exists.indexes) categories.push({ label: 'indexes', findings: relationFindings('index', exists.indexes, found) });
  if (columns.length) {
    const findings: Finding[] = [];
    for (const [table, names] of columns) findings.push(await columnFinding(transaction, table, names, found));
    categories.push({ label: 'columns', findings });
  }
  if (exists.rls) categories.push({ label: 'row level security', findings: exists.rls.map((table) => rlsFinding(table, found)) });
  if (policies.length) {
    const findings: Finding[] = [];
    for (const [table, patterns] of policies) findings.push(...(await policyFindings(transaction, table, patterns, found)));
    categories.push({ label: 'policies', findings });
  }
  return categories;
}

/** `✓ table roles (table)`, `✗ policy *_org_isolation on bookings: none matches (…)`. */
export function findingLine(finding: Finding): string {
  const what = finding.kind === 'rls' ? 'row level security on' : finding.kind === 'columns' ? 'columns of' : finding.kind;
  return `${finding.ok ? '✓' : '✗'} ${what} ${finding.name}: ${finding.note}`;
}

/** One assertion per category: all present, or what is missing (`missing role_tasks, v_x (is a table, not a view)`). */
export function categoryAssertion(category: Category): Assertion {
  const missing = category.findings.filter((finding) => !finding.ok);
  const total = category.findings.length;
  const named = missing.map((finding) => (finding.note === 'not found' ? finding.name : `${finding.name} (${finding.note})`));
  return {
    label: category.label,
    ok: missing.length === 0,
    measured: missing.length === 0 ? `${total} of ${total} present` : `missing ${named.join(', ')}`,
    expected: category.findings.map((finding) => finding.name).join(', '),
  };
}

/** The outcome: every category an assertion; a failure's summary names the first missing objects. */
export function existsOutcome(categories: readonly Category[], head: readonly string[], evidence: Record<string, unknown>): CheckOutcome {
  const details = [...head, ...categories.flatMap((category) => category.findings.map(findingLine))];
  const data = { ...evidence, exists: Object.fromEntries(categories.map((category) => [category.label, category.findings])) };
  const outcome = judge(categories.map(categoryAssertion), 'every object exists', details, data, EXISTS_EXPECTED);
  if (outcome.status !== 'failed') return outcome;
  const missing = categories.flatMap((category) => category.findings.filter((finding) => !finding.ok));
  const shown = missing.slice(0, MISSING_SHOWN).map((finding) => {
    const what = `${finding.kind === 'rls' ? 'row level security on' : finding.kind} ${finding.name}`;
    return finding.note === 'not found' ? what : `${what} (${finding.note})`;
  });
  const more = missing.length > MISSING_SHOWN ? ` (+${missing.length - MISSING_SHOWN} more)` : '';
  return { ...outcome, summary: `missing: ${joinList(shown, 'and')}${more}` };
}
