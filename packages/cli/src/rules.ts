import type { RuleMeta } from '@crossfoot/core';

/** Rule metadata for the packs the fired rules (by id) belong to, and every rule of a forced pack. */
export function rulesUsed(all: RuleMeta[], forcedRuleIds: Iterable<string>, fired: Iterable<string>): RuleMeta[] {
  const used = new Set<string>();
  for (const ruleId of fired) used.add(ruleId.slice(0, ruleId.indexOf('/')));
  const forced = new Set(forcedRuleIds);
  return all.filter((r) => used.has(r.pack) || forced.has(r.id));
}
