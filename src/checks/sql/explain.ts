/**
 * A query's plan, read from `EXPLAIN (FORMAT JSON)`: the node types, the indexes used and
 * the server's timings (runbook 004, "Performance verification (query timing, index
 * usage)"). See PostgreSQL's documentation of EXPLAIN for the JSON fields.
 */
import type { Assertion } from '../../matchers/matchers.js';
import { joinList } from '../../text.js';
import type { SqlExplainConfig } from './schema.js';

/** What the evidence keeps of a plan. */
export interface PlanSummary {
  /** Nodes depth-first, described: `Aggregate`, `Index Scan using leads_pkey on leads`. */
  nodes: string[];
  /** Names of the indexes the plan reads. */
  indexes: string[];
  /** Relations read by a sequential scan. */
  seqScans: string[];
  /** From `EXPLAIN ANALYZE`: the server's planning and execution time, in milliseconds. */
  planningMs?: number;
  executionMs?: number;
}

interface PlanNode {
  'Node Type'?: unknown;
  'Index Name'?: unknown;
  'Relation Name'?: unknown;
  /** `Insert`, `Update`, `Delete`, `Merge` on a `ModifyTable` node. */
  Operation?: unknown;
  Plans?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function walk(node: PlanNode, summary: PlanSummary): void {
  const nodeType = text(node['Node Type']) ?? 'node';
  // EXPLAIN's text format names a ModifyTable node by its operation: `Insert on scratch`.
  const type = nodeType === 'ModifyTable' ? (text(node.Operation) ?? nodeType) : nodeType;
  const index = text(node['Index Name']);
  const relation = text(node['Relation Name']);
  const using = index === undefined ? '' : type === 'Bitmap Index Scan' ? ` on ${index}` : ` using ${index}`;
  const on = relation === undefined ? '' : ` on ${relation}`;
  summary.nodes.push(`${type}${using}${on}`);
  if (index !== undefined && !summary.indexes.includes(index)) summary.indexes.push(index);
  if (type === 'Seq Scan' && relation !== undefined && !summary.seqScans.includes(relation)) summary.seqScans.push(relation);
  if (Array.isArray(node.Plans)) for (const child of node.Plans as PlanNode[]) walk(child, summary);
}

/** Reads the one row of `EXPLAIN (FORMAT JSON)`; undefined when it is not a plan. */
export function summarizePlan(rows: readonly Record<string, unknown>[]): PlanSummary | undefined {
  const cell = rows[0]?.['QUERY PLAN'];
  const document: unknown = typeof cell === 'string' ? JSON.parse(cell) : cell;
  const top = (Array.isArray(document) ? document[0] : undefined) as Record<string, unknown> | undefined;
  const plan = top?.Plan as PlanNode | undefined;
  if (!top || !plan) return undefined;
  const summary: PlanSummary = { nodes: [], indexes: [], seqScans: [] };
  walk(plan, summary);
  if (typeof top['Planning Time'] === 'number') summary.planningMs = top['Planning Time'];
  if (typeof top['Execution Time'] === 'number') summary.executionMs = top['Execution Time'];
  return summary;
}

/** `Aggregate → Seq Scan on leads`. */
export function planLine(plan: PlanSummary): string {
  return plan.nodes.join(' → ');
}

/** An index name without its schema, for comparing with the plan's `Index Name`. */
function bareName(name: string): string {
  const last = name.match(/(?:"(?:[^"]|"")+"|[^.]+)$/)?.[0] ?? name;
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
}

/** `explain: { uses-index: … }` against the plan. */
export function indexAssertion(plan: PlanSummary, explain: SqlExplainConfig): Assertion {
  const wanted = explain['uses-index'];
  const used = plan.indexes.length ? `uses ${joinList(plan.indexes, 'and')}` : 'no index';
  if (wanted === true) {
    return {
      label: 'index',
      ok: plan.indexes.length > 0,
      measured: plan.indexes.length ? used : `no index: ${planLine(plan)}`,
      expected: 'an index is used',
    };
  }
  const names = [wanted].flat();
  const missing = names.filter((name) => !plan.indexes.includes(bareName(name)));
  return {
    label: 'index',
    ok: missing.length === 0,
    measured: missing.length === 0 ? used : `${used}; plan: ${planLine(plan)}`,
    expected: `uses ${joinList(names, 'and')}`,
  };
}
