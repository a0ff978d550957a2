import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, padEndDisplay, takeStartByWidth } from '../src/text.ts';

/** Every code unit of the ranges displayWidth measures without string-width, and some just outside them. */
const RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2010, 0x2027],
  [0x3000, 0x303c],
  [0x3041, 0x3096],
  [0x30a1, 0x30fa],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xff01, 0xffbe],
  [0xffe0, 0xffe6],
];
const inRanges = RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)));

describe('displayWidth', () => {
  it('measures every character string-width measures, alone, as string-width does', () => {
    const differ = inRanges.filter((ch) => displayWidth(ch) !== stringWidth(ch));
    expect(differ.map((ch) => ch.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('measures each such character after and before another as string-width does: none joins its neighbour', () => {
    const differ = inRanges.filter((ch) => displayWidth(`a${ch}`) !== stringWidth(`a${ch}`) || displayWidth(`${ch}中`) !== stringWidth(`${ch}中`));
    expect(differ.map((ch) => ch.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('measures any run of such characters as string-width does', () => {
    const plain = fc.constantFrom(...inRanges);
    // Characters outside the ranges too: combining marks, zero-width ones, emoji, controls, lone surrogates.
    const other = fc.constantFrom(
      '\u0301',
      '\u302a',
      '\u3099',
      '\u200b',
      '\u00ad',
      '\ufe0f',
      '\u{1f600}',
      '\u{1f1e8}\u{1f1f3}',
      '\u0007',
      '\ud800',
      '\u1160',
      '한',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 9, arbitrary: plain }, { weight: 1, arbitrary: other }), { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts wide characters two columns and ambiguous ones one, as a terminal lays out a finding', () => {
    expect(displayWidth('合计 12 件（“依申请”…）')).toBe(2 * 2 + 4 + 2 * 1 + 2 + 1 + 2 * 3 + 1 + 1 + 2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u{1f600}')).toBe(2);
    expect(padEndDisplay('合计', 6)).toBe('合计  ');
    expect(takeStartByWidth('合计12件', 5)).toBe('合计1');
  });
});
