import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastAtOrBefore, sortedInPlace } from '../src/sorted.ts';

describe('sortedInPlace', () => {
  const byKey = (a: [number, number], b: [number, number]) => a[0] - b[0];

  it('sorts as a stable Array.prototype.sort does, in place, whether or not the list was in order', () => {
    // Few distinct keys, so that ties (and their order, which a stable sort keeps) are common.
    const list = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer()), { maxLength: 40 });
    fc.assert(
      fc.property(list, fc.boolean(), (items, presorted) => {
        const given = presorted ? [...items].sort(byKey) : items;
        const expected = [...given].sort(byKey);
        const result = sortedInPlace(given, byKey);
        expect(result).toBe(given);
        expect(result).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a list already in order back untouched, without calling sort', () => {
    const list: [number, number][] = [
      [1, 9],
      [1, 3],
      [2, 0],
    ];
    list.sort = () => {
      throw new Error('sorted again');
    };
    const result = sortedInPlace(list, byKey);
    expect(result).toBe(list);
    expect([...result]).toEqual([
      [1, 9],
      [1, 3],
      [2, 0],
    ]);
  });
});

describe('lastAtOrBefore', () => {
  it('finds the last entry not greater than the value, as a scan from the end does', () => {
    const input = fc.tuple(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 30 }), fc.integer({ min: -25, max: 25 }));
    fc.assert(
      fc.property(input, ([values, value]) => {
        const sorted = [...values].sort((a, b) => a - b);
        let expected = -1;
        for (let i = sorted.length - 1; i >= 0; i--)
          if ((sorted[i] as number) <= value) {
            expected = i;
            break;
          }
        expect(lastAtOrBefore(sorted, value)).toBe(expected);
      }),
    );
  });
});
