/**
 * Rules for changes that weaken access control: row-level security turned off or bypassed, a
 * policy dropped or made to pass every row, and privileges granted to everyone (PUBLIC) or to
 * Supabase's unauthenticated role `anon`. Runbook 003 relies on RLS policies named
 * `*_org_isolation` to keep tenants apart; these rules flag what would undo them.
 */
import type { Node } from '../parser.js';
import { objectNames, relationName } from '../tree.js';
import type { RuleContext, Rules } from './context.js';
import { alwaysTrue } from './tautology.js';

/** The grantees a grant widens access to: PUBLIC and `anon`. */
function openGrantees(grantees: readonly Node[] | undefined): ('PUBLIC' | 'anon')[] {
  const open = new Set<'PUBLIC' | 'anon'>();
  for (const grantee of grantees ?? []) {
    if (!('RoleSpec' in grantee)) continue;
    if (grantee.RoleSpec.roletype === 'ROLESPEC_PUBLIC') open.add('PUBLIC');
    else if (grantee.RoleSpec.rolename === 'anon') open.add('anon');
  }
  return [...open];
}

function reportGrant(context: RuleContext, grantees: readonly Node[] | undefined, what: string): void {
  for (const grantee of openGrantees(grantees)) {
    context.report({
      code: grantee === 'PUBLIC' ? 'grant-to-public' : 'grant-to-anon',
      message: `${what} TO ${grantee}${grantee === 'PUBLIC' ? ': every role, present and future' : ': anyone without a login'}`,
    });
  }
}

/** `GRANT select, insert ON public.t` / `GRANT ALL ON ALL TABLES IN SCHEMA public`. */
function grantText(node: { privileges?: Node[]; objtype?: string; targtype?: string; objects?: Node[] }): string {
  const privileges = (node.privileges ?? []).flatMap((p) => ('AccessPriv' in p ? [p.AccessPriv.priv_name ?? 'ALL'] : []));
  const kind = (node.objtype ?? 'OBJECT').replace('OBJECT_', '').toLowerCase();
  const objects = (node.objects ?? []).map((object) =>
    'RangeVar' in object ? relationName(object.RangeVar) : (objectNames([object])[0]?.join('.') ?? ''),
  );
  const target =
    node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
      ? `ALL ${kind.toUpperCase()}S IN SCHEMA ${objects.join(', ')}`
      : node.targtype === 'ACL_TARGET_DEFAULTS'
        ? `${kind.toUpperCase()}S`
        : `${kind} ${objects.join(', ')}`;
  return `GRANT ${privileges.length ? privileges.join(', ') : 'ALL'} ON ${target}`;
}

function policyRule(
  node: { policy_name?: string; table?: { relname?: string; schemaname?: string }; qual?: Node; with_check?: Node; permissive?: boolean },
  verb: 'CREATE' | 'ALTER',
  context: RuleContext,
): void {
  // A restrictive policy that passes every row restricts nothing. (The tree leaves out a false
  // `permissive`; ALTER POLICY cannot change it, so an altered policy counts as permissive.)
  if (verb === 'CREATE' && node.permissive !== true) return;
  const table = relationName(node.table);
  for (const [clause, expr] of [
    ['USING', node.qual],
    ['WITH CHECK', node.with_check],
  ] as const) {
    if (!alwaysTrue(expr)) continue;
    context.report({
      code: 'permissive-policy',
      message: `${verb} POLICY ${node.policy_name ?? ''} on ${table} with ${clause} (true) lets every row through`,
      table,
    });
  }
}

export const securityRules: Rules = {
  DropStmt: (node, context) => {
    if (node.removeType !== 'OBJECT_POLICY') return;
    for (const parts of objectNames(node.objects)) {
      const policy = parts.at(-1) ?? '';
      const table = parts.slice(0, -1).join('.');
      context.report({ code: 'drop-policy', message: `DROP POLICY removes row-level security policy ${policy} from ${table}`, table });
    }
  },
  AlterTableStmt: (node, context) => {
    const table = relationName(node.relation);
    for (const item of node.cmds ?? []) {
      if (!('AlterTableCmd' in item)) continue;
      if (item.AlterTableCmd.subtype === 'AT_DisableRowSecurity') {
        context.report({ code: 'disable-rls', message: `DISABLE ROW LEVEL SECURITY on ${table}: its policies stop applying`, table });
      } else if (item.AlterTableCmd.subtype === 'AT_NoForceRowSecurity') {
        context.report({
          code: 'no-force-rls',
          message: `NO FORCE ROW LEVEL SECURITY on ${table}: its owner bypasses the policies again`,
          table,
        });
      }
    }
  },
  CreatePolicyStmt: (node, context) => policyRule(node, 'CREATE', context),
  AlterPolicyStmt: (node, context) => policyRule(node, 'ALTER', context),
  GrantStmt: (node, context) => {
    if (node.is_grant) reportGrant(context, node.grantees, grantText(node));
  },
  AlterDefaultPrivilegesStmt: (node, context) => {
    const action = node.action;
    if (action?.is_grant) reportGrant(context, action.grantees, `ALTER DEFAULT PRIVILEGES … ${grantText(action)}`);
  },
  GrantRoleStmt: (node, context) => {
    if (!node.is_grant) return;
    const roles = (node.granted_roles ?? []).flatMap((role) => ('AccessPriv' in role ? [role.AccessPriv.priv_name ?? ''] : []));
    reportGrant(context, node.grantee_roles, `GRANT role ${roles.join(', ')}`);
  },
};
