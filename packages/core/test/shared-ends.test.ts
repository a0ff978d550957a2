import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedEnds, sharedEndsAfterEdit } from '../src/shared-ends.ts';

/** The longest shared beginning, then the longest shared end of what is left, by looking at each character. */
function byEachCharacter(old: string, text: string): { prefix: number; suffix: number } {
  const shorter = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < shorter && old[prefix] === text[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && old[old.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

// Few characters, so that an edit often writes what was there, and long runs, so that texts pass a block in length.
const chars = fc.array(fc.constantFrom('a', 'b', '\n', '表'), { maxLength: 12 }).map((a) => a.join(''));
const texts = fc.tuple(chars, fc.integer({ min: 0, max: 3000 }), chars).map(([a, n, b]) => `${a}${'ab'.repeat(n)}${b}`);

describe('sharedEnds', () => {
  it('finds the longest shared beginning, then the longest shared end of the rest', () => {
    fc.assert(
      fc.property(texts, texts, (old, text) => {
        expect(sharedEnds(old, text)).toEqual(byEachCharacter(old, text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same from where an edit was, comparing only from there', () => {
    fc.assert(
      fc.property(texts, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 40 }), chars, (old, at, remove, insert) => {
        const from = Math.floor(at * old.length);
        const to = Math.min(old.length, from + remove);
        const text = old.slice(0, from) + insert + old.slice(to);
        const expected = byEachCharacter(old, text);
        expect(sharedEndsAfterEdit(old, text, from, to)).toEqual(expected);
        // And `sharedEnds` gives it for that pair.
        expect(sharedEnds(old, text)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
