/**
 * Rules for statements that remove or rewrite rows: DELETE, UPDATE, TRUNCATE, MERGE … DELETE.
 * Runbook 000's reset (`015_role_first_applications_pause_reset`, which "deletes
 * assessments, candidate_applications, candidates") is what these catch.
 */
import { countAll, countMatching } from '../count-sql.js';
import type { Node, RangeVar } from '../parser.js';
import { relationName } from '../tree.js';
import type { RuleContext, Rules } from './context.js';
import { alwaysTrue } from './tautology.js';

/** A count the context allows: built from names, so anywhere but in a function body. */
function namesCount(context: RuleContext, build: () => string): string | undefined {
  return context.counts === 'none' ? undefined : build();
}

function withCount<T extends object>(finding: T, countSql: string | undefined): T & { countSql?: string } {
  return countSql === undefined ? finding : { ...finding, countSql };
}

function writeRule(
  verb: 'delete' | 'update',
  node: { relation?: RangeVar; whereClause?: Node; withClause?: { ctes?: Node[] } },
  from: Node[] | undefined,
  context: RuleContext,
): void {
  const relation = node.relation;
  if (!relation) return;
  const table = relationName(relation);
  const joined = from?.length ? ` (joined with ${verb === 'delete' ? 'USING' : 'FROM'})` : '';
  if (!node.whereClause || alwaysTrue(node.whereClause)) {
    const how = node.whereClause ? 'with an always-true WHERE' : 'without WHERE';
    const what = verb === 'delete' ? 'removes every row of' : 'rewrites every row of';
    const finding = { code: `${verb}-without-where` as const, message: `${verb.toUpperCase()} ${how} ${what} ${table}${joined}`, table };
    context.report(
      withCount(
        finding,
        namesCount(context, () => countAll(relation)),
      ),
    );
    return;
  }
  if (verb === 'update') return;
  const countable = context.counts === 'any' && context.isStatement(node);
  const countSql = countable ? countMatching(context.parser, context.statementText, verb, { ...node, from }) : undefined;
  context.report(
    withCount({ code: 'delete-rows', message: `DELETE removes the rows of ${table} that its WHERE matches${joined}`, table }, countSql),
  );
}

export const writeRules: Rules = {
  DeleteStmt: (node, context) => writeRule('delete', node, node.usingClause, context),
  UpdateStmt: (node, context) => writeRule('update', node, node.fromClause, context),
  TruncateStmt: (node, context) => {
    const cascade = node.behavior === 'DROP_CASCADE' ? ', and of every table that references it (CASCADE)' : '';
    for (const item of node.relations ?? []) {
      if (!('RangeVar' in item)) continue;
      const relation = item.RangeVar;
      const table = relationName(relation);
      const finding = { code: 'truncate' as const, message: `TRUNCATE removes every row of ${table}${cascade}`, table };
      context.report(
        withCount(
          finding,
          namesCount(context, () => countAll(relation)),
        ),
      );
    }
  },
  MergeStmt: (node, context) => {
    const deletes = (node.mergeWhenClauses ?? []).some(
      (item) => 'MergeWhenClause' in item && item.MergeWhenClause.commandType === 'CMD_DELETE',
    );
    if (!deletes || !node.relation) return;
    const table = relationName(node.relation);
    context.report({ code: 'merge-delete', message: `MERGE … THEN DELETE removes the rows of ${table} that match its source`, table });
  },
};
