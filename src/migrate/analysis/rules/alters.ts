/**
 * Rules for changes to existing tables that keep their rows but rewrite values, break
 * clients, or may fail on the data already there: type changes, renames, NOT NULL either
 * way, and new unique, check and foreign-key constraints (squawk's `changing-column-type`,
 * `renaming-table`, `adding-not-nullable-field`, … in spirit).
 */
import { countAll, countColumn, countDuplicates } from '../count-sql.js';
import type { Node, RangeVar } from '../parser.js';
import { names, relationName } from '../tree.js';
import type { RuleContext, Rules } from './context.js';

function count(context: RuleContext, build: () => string | undefined): { countSql?: string } {
  const countSql = context.counts === 'none' ? undefined : build();
  return countSql === undefined ? {} : { countSql };
}

/** A type name as written: `varchar(20)`, `pg_catalog.int4` → `int4`. */
function typeText(typeName: { names?: Node[]; typmods?: Node[] } | undefined): string {
  const name = names(typeName?.names)
    .filter((part) => part !== 'pg_catalog')
    .join('.');
  const mods = (typeName?.typmods ?? []).flatMap((mod) =>
    'A_Const' in mod && mod.A_Const.ival ? [String(mod.A_Const.ival.ival ?? 0)] : [],
  );
  return mods.length ? `${name}(${mods.join(', ')})` : name;
}

function constraintRule(relation: RangeVar, table: string, def: Node | undefined, context: RuleContext): void {
  if (!def || !('Constraint' in def)) return;
  const constraint = def.Constraint;
  const name = constraint.conname ? `${constraint.conname} ` : '';
  const keys = names(constraint.keys);
  switch (constraint.contype) {
    case 'CONSTR_UNIQUE':
    case 'CONSTR_PRIMARY': {
      if (constraint.indexname) return; // USING INDEX: the index already holds the rows unique
      const kind = constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
      context.report({
        code: 'add-unique-constraint',
        message: `ADD ${kind} ${name}(${keys.join(', ')}) on ${table} fails if existing rows have duplicate${kind === 'PRIMARY KEY' ? ' or NULL' : ''} keys`,
        table,
        ...count(context, () => (keys.length ? countDuplicates(relation, keys, kind === 'PRIMARY KEY') : undefined)),
      });
      return;
    }
    case 'CONSTR_CHECK':
      if (!constraint.skip_validation) {
        context.report({
          code: 'add-check-constraint',
          message: `ADD CHECK ${name}on ${table} fails if an existing row breaks it (NOT VALID would skip them)`,
          table,
        });
      }
      return;
    case 'CONSTR_FOREIGN':
      if (!constraint.skip_validation) {
        const parent = relationName(constraint.pktable);
        context.report({
          code: 'add-foreign-key',
          message: `ADD FOREIGN KEY ${name}on ${table} fails if an existing row has no parent in ${parent} (NOT VALID would skip them)`,
          table,
        });
      }
      return;
    default:
      return;
  }
}

function addColumnRule(relation: RangeVar, table: string, def: Node | undefined, context: RuleContext): void {
  if (!def || !('ColumnDef' in def)) return;
  const column = def.ColumnDef;
  const types = new Set((column.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint.contype] : [])));
  const filled =
    types.has('CONSTR_DEFAULT') || types.has('CONSTR_GENERATED') || types.has('CONSTR_IDENTITY') || column.raw_default !== undefined;
  if ((types.has('CONSTR_NOTNULL') || types.has('CONSTR_PRIMARY')) && !filled) {
    context.report({
      code: 'add-column-not-null',
      message: `ADD COLUMN ${column.colname ?? ''} NOT NULL without a DEFAULT fails if ${table} has rows`,
      table,
      ...count(context, () => countAll(relation)),
    });
  }
}

export const alterRules: Rules = {
  AlterTableStmt: (node, context) => {
    const relation = node.relation;
    if (!relation || node.objtype !== 'OBJECT_TABLE') return;
    const table = relationName(relation);
    for (const item of node.cmds ?? []) {
      if (!('AlterTableCmd' in item)) continue;
      const { subtype, name = '', def } = item.AlterTableCmd;
      if (subtype === 'AT_AlterColumnType') {
        const type = def && 'ColumnDef' in def ? typeText(def.ColumnDef.typeName) : '?';
        context.report({
          code: 'alter-column-type',
          message: `ALTER COLUMN ${name} TYPE ${type} rewrites every value of ${table}.${name} (they may be cut, rounded or fail to cast)`,
          table,
          ...count(context, () => countColumn(relation, name, 'NOT NULL')),
        });
      } else if (subtype === 'AT_DropNotNull') {
        context.report({
          code: 'drop-not-null',
          message: `DROP NOT NULL on ${table}.${name}: readers that rely on a value may get NULL`,
          table,
        });
      } else if (subtype === 'AT_SetNotNull') {
        context.report({
          code: 'set-not-null',
          message: `SET NOT NULL on ${table}.${name} fails if a row has NULL there`,
          table,
          ...count(context, () => countColumn(relation, name, 'NULL')),
        });
      } else if (subtype === 'AT_AddConstraint') {
        constraintRule(relation, table, def, context);
      } else if (subtype === 'AT_AddColumn') {
        addColumnRule(relation, table, def, context);
      }
    }
  },
  RenameStmt: (node, context) => {
    const table = relationName(node.relation);
    if (node.renameType === 'OBJECT_TABLE') {
      context.report({
        code: 'rename-table',
        message: `RENAME ${table} TO ${node.newname ?? ''}: clients that use the old name break`,
        table,
      });
    } else if (node.renameType === 'OBJECT_COLUMN' && node.relationType === 'OBJECT_TABLE') {
      context.report({
        code: 'rename-column',
        message: `RENAME COLUMN ${table}.${node.subname ?? ''} TO ${node.newname ?? ''}: clients that use the old name break`,
        table,
      });
    }
  },
  IndexStmt: (node, context) => {
    if (!node.unique || !node.relation) return;
    const relation = node.relation;
    const table = relationName(relation);
    const columns = (node.indexParams ?? []).flatMap((p) => ('IndexElem' in p && p.IndexElem.name ? [p.IndexElem.name] : []));
    const plain = columns.length === (node.indexParams ?? []).length && !node.whereClause;
    context.report({
      code: 'add-unique-index',
      message: `CREATE UNIQUE INDEX ${node.idxname ?? ''} on ${table} fails if existing rows have duplicate keys`,
      table,
      ...count(context, () => (plain ? countDuplicates(relation, columns, false) : undefined)),
    });
  },
};
