/**
 * Conditions that hold for every row, the cheap cases: `true`, `'t'::boolean`, `1 = 1`,
 * `'a' = 'a'`, `NOT false`, `x OR true`, `true AND 1 = 1`. `DELETE … WHERE true` removes
 * every row like a DELETE without WHERE; `USING (true)` lets a policy pass every row.
 * (`x = x` is not one: it is NULL where x is NULL.)
 */
import type { Node } from '../parser.js';
import { sameTree } from '../tree.js';

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);

function isBoolType(names: readonly Node[] | undefined): boolean {
  const last = names?.at(-1);
  return last !== undefined && 'String' in last && (last.String.sval === 'bool' || last.String.sval === 'boolean');
}

function constant(node: Node | undefined, truth: boolean): boolean {
  if (!node) return false;
  if ('A_Const' in node) return node.A_Const.boolval !== undefined && Boolean(node.A_Const.boolval.boolval) === truth;
  if ('TypeCast' in node && isBoolType(node.TypeCast.typeName?.names)) {
    const arg = node.TypeCast.arg;
    if (arg && 'A_Const' in arg && arg.A_Const.sval?.sval !== undefined) {
      return TRUE_WORDS.has(arg.A_Const.sval.sval.toLowerCase()) === truth;
    }
    return constant(arg, truth);
  }
  return false;
}

/** True when `node` is a condition that holds for every row. */
export function alwaysTrue(node: Node | undefined): boolean {
  if (!node) return false;
  if (constant(node, true)) return true;
  if ('A_Expr' in node) {
    const { kind, name, lexpr, rexpr } = node.A_Expr;
    const operator = name?.at(-1);
    return (
      kind === 'AEXPR_OP' &&
      operator !== undefined &&
      'String' in operator &&
      operator.String.sval === '=' &&
      lexpr !== undefined &&
      'A_Const' in lexpr &&
      lexpr.A_Const.isnull !== true &&
      sameTree(lexpr, rexpr)
    );
  }
  if ('BoolExpr' in node) {
    const args = node.BoolExpr.args ?? [];
    if (node.BoolExpr.boolop === 'OR_EXPR') return args.some(alwaysTrue);
    if (node.BoolExpr.boolop === 'AND_EXPR') return args.length > 0 && args.every(alwaysTrue);
    if (node.BoolExpr.boolop === 'NOT_EXPR') return constant(args[0], false);
  }
  return false;
}
