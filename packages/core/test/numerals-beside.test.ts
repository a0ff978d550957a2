import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numeralsBeside } from '../src/numerals-beside.ts';
import { LONG_DOCUMENT } from '../src/part-memo.ts';

/** Every offset of `ch` with a numeral one to ten `side` places from it, by looking at each offset. */
function byEveryOffset(text: string, ch: string, side: -1 | 1): number[] {
  const out: number[] = [];
  for (let at = 0; at < text.length; at++) if (text[at] === ch && '一二三四五六七八九十'.includes(text[at + side] || 'x')) out.push(at);
  return out;
}

// Few characters, so that markers, numerals and their neighbours meet often, in a text long enough to be searched
// again only where it changed.
const ALPHABET = ['是', '第', '一', '三', '十', '百', '，', '\n'];
const piece = fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 6 });

describe('numeralsBeside', () => {
  it('finds a marker with its numeral on the given side only, at the ends of the text too', () => {
    const short = '一是二是是三，第四第，第';
    expect(numeralsBeside(short, '是', -1)).toEqual([1, 3]);
    expect(numeralsBeside(short, '第', 1)).toEqual([7]);
    expect(numeralsBeside('是一', '是', -1)).toEqual([]);
    expect(numeralsBeside('一第', '第', 1)).toEqual([]);
  });

  it('searches a long text again after each edit and finds what a fresh search finds', () => {
    const base = '一是工作，第二，'.repeat(Math.ceil(LONG_DOCUMENT / 8) + 10);
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 8 }), insert: piece }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<[string, -1 | 1]>(['是', -1], ['第', 1]),
        (edits, [ch, side]) => {
          let text = base;
          expect(numeralsBeside(text, ch, side)).toEqual(byEveryOffset(text, ch, side));
          for (const e of edits) {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
            expect(numeralsBeside(text, ch, side)).toEqual(byEveryOffset(text, ch, side));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
