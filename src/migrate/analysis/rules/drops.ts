/**
 * Rules for DROPs that remove data or a guarantee: databases, schemas, tables, columns, what
 * a role owns, indexes and constraints. Runbook 004 calls a migration "additive only (no DROP
 * statements)"; a drop there needs an acknowledgement. Views, functions, types and the like
 * hold no rows and are not flagged. (DROP POLICY is a security rule: rules/security.ts.)
 */
import { countAll, countColumn } from '../count-sql.js';
import type { RangeVar } from '../parser.js';
import { objectNames, relationName } from '../tree.js';
import type { RuleContext, Rules } from './context.js';

/** A RangeVar from a DROP's name list (`['public', 'candidates']`). */
function rangeVar(parts: readonly string[]): RangeVar {
  const relname = parts.at(-1);
  const schemaname = parts.at(-2);
  return { ...(schemaname ? { schemaname } : {}), ...(relname ? { relname } : {}), inh: true };
}

function count(context: RuleContext, build: () => string): { countSql?: string } {
  return context.counts === 'none' ? {} : { countSql: build() };
}

export const dropRules: Rules = {
  DropStmt: (node, context) => {
    const cascade = node.behavior === 'DROP_CASCADE' ? ' (CASCADE: and every object that depends on it)' : '';
    for (const parts of objectNames(node.objects)) {
      const name = parts.join('.');
      switch (node.removeType) {
        case 'OBJECT_TABLE': {
          const relation = rangeVar(parts);
          const table = relationName(relation);
          context.report({
            code: 'drop-table',
            message: `DROP TABLE removes ${table} and every row in it${cascade}`,
            table,
            ...count(context, () => countAll(relation)),
          });
          break;
        }
        case 'OBJECT_SCHEMA':
          context.report({
            code: 'drop-schema',
            message: `DROP SCHEMA removes schema ${name}${cascade ? ' and every table, view and function in it (CASCADE)' : ''}`,
          });
          break;
        case 'OBJECT_INDEX':
          context.report({ code: 'drop-index', message: `DROP INDEX removes index ${name}${cascade}` });
          break;
        default:
          break;
      }
    }
  },
  DropdbStmt: (node, context) => {
    context.report({ code: 'drop-database', message: `DROP DATABASE removes database ${node.dbname ?? ''} and everything in it` });
  },
  DropOwnedStmt: (node, context) => {
    const roles = (node.roles ?? []).flatMap((role) => ('RoleSpec' in role ? [role.RoleSpec.rolename ?? 'the current role'] : []));
    context.report({ code: 'drop-owned', message: `DROP OWNED BY ${roles.join(', ')} removes every object they own` });
  },
  AlterTableStmt: (node, context) => {
    const relation = node.relation;
    if (!relation || node.objtype !== 'OBJECT_TABLE') return;
    const table = relationName(relation);
    for (const item of node.cmds ?? []) {
      if (!('AlterTableCmd' in item)) continue;
      const { subtype, name } = item.AlterTableCmd;
      if (subtype === 'AT_DropColumn' && name) {
        context.report({
          code: 'drop-column',
          message: `DROP COLUMN removes ${table}.${name} and its values`,
          table,
          ...count(context, () => countColumn(relation, name, 'NOT NULL')),
        });
      } else if (subtype === 'AT_DropConstraint' && name) {
        context.report({
          code: 'drop-constraint',
          message: `DROP CONSTRAINT removes ${name} from ${table}: what it guaranteed no longer holds`,
          table,
        });
      }
    }
  },
};
