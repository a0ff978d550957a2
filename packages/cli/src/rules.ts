import type { Diagnostic, RuleMeta } from '@crossfoot/core';

/** Rule metadata for the packs a set of findings came from, and every rule of a forced pack. */
export function rulesUsed(all: RuleMeta[], forcedRuleIds: Iterable<string>, diagnostics: Diagnostic[]): RuleMeta[] {
  const used = new Set(diagnostics.map((d) => d.ruleId.slice(0, d.ruleId.indexOf('/'))));
  const forced = new Set(forcedRuleIds);
  return all.filter((r) => used.has(r.pack) || forced.has(r.id));
}
