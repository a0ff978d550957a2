import { describe, expect, it } from 'vitest';
import { bundledPacks, PACK_FILES } from '../src/packs.ts';

describe('the packs bundled into the page', () => {
  it('are every shipped pack, the base pack they extend read and built once among them', () => {
    const reads = new Map<string, number>();
    // The page's files, counting every read of one.
    const files = new Proxy(PACK_FILES, {
      get(target, key) {
        if (typeof key === 'string') reads.set(key, (reads.get(key) ?? 0) + 1);
        return Reflect.get(target, key);
      },
    });
    const packs = bundledPacks(files);
    expect(packs.map((p) => p.id)).toEqual([
      'cn-gov-disclosure-2008',
      'cn-gov-disclosure-2019',
      'cn-gov-disclosure-2021',
      'cn-gov-disclosure-common',
      'en-financial-statements',
    ]);
    // Three packs extend the base pack, and it is a pack of its own: read once, not four times.
    expect(reads.get('/rules/cn-gov-disclosure-common/pack.yaml')).toBe(1);
    const base = packs.find((p) => p.id === 'cn-gov-disclosure-common');
    const extending = packs.find((p) => p.id === 'cn-gov-disclosure-2021');
    expect(extending?.rules.length).toBeGreaterThan(base?.rules.length ?? Number.POSITIVE_INFINITY);
  });
});
