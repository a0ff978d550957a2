import { describe, expect, it } from 'vitest';
import { readReport } from '../../packages/adapters/src/index.ts';
import { Checker, compilePattern, loadPack } from '../../packages/core/src/index.ts';
import { memoryHost } from '../../packages/core/test/helpers.ts';

// A pack's regular expressions run on a linear-time engine (re2js): a pattern that backtracks exponentially in
// JavaScript's own engine cannot stall a run.
const PACK = `id: hostile
version: 1.0.0
title: { zh-CN: 恶意规则包, en: Hostile pack }
locales: [zh-CN, en]
rules:
  - id: catastrophic
    severity: error
    check:
      text-pattern: { pattern: "(a+)+$", must: not-occur }
`;

describe('a catastrophic pattern in a pack', () => {
  const line = 'a'.repeat(100 * 1024);

  it('(a+)+$ against a 100 KB line of a: finishes in under a second, through the whole check', async () => {
    const pack = loadPack('hostile', memoryHost({ '/rules/hostile/pack.yaml': PACK }));
    const doc = readReport({ uri: 'r.txt', text: `${line}!\n` });
    const started = performance.now();
    const found = await new Checker([pack], { locale: 'en' }).check({ doc, packs: [pack] });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expect(found.filter((d) => d.ruleId === 'hostile/catastrophic')).toEqual([]);
  });

  it('the pattern engine alone: no match on a line ending in !, a match where the line ends in a', () => {
    const p = compilePattern('(a+)+$');
    let started = performance.now();
    expect(p.test(`${line}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    started = performance.now();
    expect(p.matches(line)).toEqual([[0, line.length]]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('backreferences and lookaround, which need backtracking, are refused when the pack loads', () => {
    for (const pattern of ['(a)\\\\1', '(?=a)a', '(?<!b)a']) {
      const pack = PACK.replace('(a+)+$', pattern);
      expect(() => loadPack('hostile', memoryHost({ '/rules/hostile/pack.yaml': pack }))).toThrow(/pattern|regular expression|syntax/i);
    }
  });
});
