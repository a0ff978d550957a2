import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPack } from '@crossfoot/core';
import { createPackHost } from 'crossfoot';
import { describe, expect, it } from 'vitest';

/**
 * Every rule of every shipped pack has its rule-tester cases beside it, in the pack that defines it:
 * `rules/<pack>/<rule>.test.ts` runs the rule by its full id with valid and invalid reports. Running those files
 * (they are in the vitest include) proves the cases pass; this test proves none is missing, so a new rule without
 * cases fails CI.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packIds = readdirSync(join(root, 'rules')).filter((d) => existsSync(join(root, 'rules', d, 'pack.yaml')));
const host = createPackHost(root);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every rule, by full id, with the pack that defines it (an inherited rule is listed once, under its own pack). */
const rules = new Map<string, { pack: string; name: string }>();
for (const id of packIds) {
  for (const rule of loadPack(id, host, join(root, 'noop')).rules) {
    rules.set(rule.id, { pack: rule.id.slice(0, rule.id.indexOf('/')), name: rule.name });
  }
}

describe('rule cases', () => {
  it('are looked for in every shipped pack', () => {
    expect(packIds.length).toBeGreaterThanOrEqual(4);
    expect(rules.size).toBeGreaterThan(packIds.length);
  });

  for (const [ruleId, { pack, name }] of rules) {
    it(`${ruleId} has valid and invalid cases in rules/${pack}/${name}.test.ts`, () => {
      const file = join(root, 'rules', pack, `${name}.test.ts`);
      expect(existsSync(file), `rules/${pack}/${name}.test.ts is missing`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text, 'the rule is run by its full id').toMatch(new RegExp(`\\.run\\(\\s*'${escapeRegExp(ruleId)}'`));
      expect(text, 'at least one valid case').toMatch(/\bvalid: \[\s*[^\]\s]/);
      expect(text, 'at least one invalid case').toMatch(/\binvalid: \[\s*\{/);
      expect(text, 'invalid cases name the messageId they expect').toMatch(/\bmessageId: '/);
      expect(text, 'and the line and column').toMatch(/\bline: \d+, column: \d+|\bline: \d+,\s+column: \d+/);
    });
  }

  it('are only kept for rules that exist', () => {
    const known = new Set([...rules.values()].map(({ pack, name }) => `${pack}/${name}.test.ts`));
    const files = packIds.flatMap((id) =>
      readdirSync(join(root, 'rules', id))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `${id}/${f}`),
    );
    expect(files.filter((f) => !known.has(f))).toEqual([]);
  });
});
