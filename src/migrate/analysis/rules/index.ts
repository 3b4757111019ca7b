/** Every rule family, by node type: the handlers the analysis calls for each node it walks. */
import type { RuleContext, Rules } from './context.js';
import { alterRules } from './alters.js';
import { dropRules } from './drops.js';
import { securityRules } from './security.js';
import { writeRules } from './writes.js';

export type Handler = (node: object, context: RuleContext) => void;

const FAMILIES: readonly Rules[] = [dropRules, writeRules, alterRules, securityRules];

/** Handlers by node type, in family order. */
export const HANDLERS: ReadonlyMap<string, readonly Handler[]> = (() => {
  const byType = new Map<string, Handler[]>();
  for (const family of FAMILIES) {
    for (const [type, handler] of Object.entries(family) as [string, Handler][]) {
      byType.set(type, [...(byType.get(type) ?? []), handler]);
    }
  }
  return byType;
})();

export { RULES, needsAck, type FindingCode, type RuleInfo } from './table.js';
export type { RawFinding, RuleContext, CountScope } from './context.js';
