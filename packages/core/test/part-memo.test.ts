import { describe, expect, it } from 'vitest';
import { LONG_DOCUMENT, perItem, perPart } from '../src/part-memo.ts';

const long = { text: 'x'.repeat(LONG_DOCUMENT), uri: 'report.md' };
const short = { text: 'x', uri: 'report.md' };

describe('perItem', () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ n: i }));
  const counted = () => {
    const calls: number[] = [];
    const make = (item: { n: number }, again: () => void) => {
      calls.push(item.n);
      if (item.n % 10 === 7) again();
      return item.n % 3 === 0 ? [item.n] : [];
    };
    return { calls, make };
  };
  const expected = (list: { n: number }[]) => list.filter((i) => i.n % 3 === 0).map((i) => i.n);

  it('works out again only the items that are not the same objects at the same place from either end', () => {
    const by = {};
    const { calls, make } = counted();
    expect(perItem(long, items, by, make)).toEqual(expected(items));
    expect(calls).toHaveLength(100);
    calls.length = 0;
    // The same list: only the items that asked to be worked out again.
    expect(perItem(long, items, by, make)).toEqual(expected(items));
    expect(calls).toEqual([7, 17, 27, 37, 47, 57, 67, 77, 87, 97]);
    calls.length = 0;
    // One edit: an item replaced by two (the list grows by one).
    const edited = [...items.slice(0, 50), { n: 300 }, { n: 301 }, ...items.slice(51)];
    expect(perItem(long, edited, by, make)).toEqual(expected(edited));
    expect(calls.filter((n) => n % 10 !== 7)).toEqual([300, 301]);
    calls.length = 0;
    // Another: an item near the end removed (the list shrinks by one).
    const shorter = [...edited.slice(0, 90), ...edited.slice(91)];
    expect(perItem(long, shorter, by, make)).toEqual(expected(shorter));
    expect(calls.filter((n) => n % 10 !== 7)).toEqual([]);
  });

  it('keeps nothing for another document, other parameters or a short document', () => {
    const by = {};
    const { calls, make } = counted();
    perItem(long, items, by, make, 'a');
    calls.length = 0;
    perItem({ ...long, uri: 'other.md' }, items, by, make, 'a');
    expect(calls).toHaveLength(100);
    calls.length = 0;
    perItem({ ...long, uri: 'other.md' }, items, by, make, 'b');
    expect(calls).toHaveLength(100);
    calls.length = 0;
    perItem(short, items, by, make);
    perItem(short, items, by, make);
    expect(calls).toHaveLength(200);
  });
});

describe('perPart', () => {
  it('works out a part once per check and parameters, in a long document only', () => {
    const part = {};
    const [a, b] = [{}, {}];
    let calls = 0;
    const make = () => [++calls];
    expect(perPart(long, part, a, make, 1)).toEqual([1]);
    expect(perPart(long, part, a, make, 1)).toEqual([1]);
    expect(perPart(long, part, b, make, 1)).toEqual([2]);
    expect(perPart(long, part, a, make, 2)).toEqual([3]);
    expect(perPart({ ...long, uri: 'other.md' }, part, a, make, 1)).toEqual([4]);
    expect(perPart(short, part, a, make, 1)).toEqual([5]);
    expect(perPart(short, part, a, make, 1)).toEqual([6]);
  });
});
