import { foldWidth } from '@crossfoot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTotalLabel, matchMarker, mayOpenMarker, readMarker } from '../src/markers.ts';

describe('outline markers', () => {
  it('are read at the start of a label, whatever its width', () => {
    expect(readMarker('（三）不予公开')).toMatchObject({ style: 'cjk-paren', number: '(三)', marker: '（三）' });
    expect(readMarker('其中：自然人')).toMatchObject({ style: 'subset', number: '' });
    expect(readMarker('１．本年新收')).toMatchObject({ style: 'arabic', number: '1' });
    expect(readMarker('Of which: grants')).toMatchObject({ style: 'subset' });
    expect(readMarker('⑤ 其他')).toMatchObject({ style: 'circled', number: '⑤' });
    expect(readMarker('行政许可')).toBeUndefined();
    expect(readMarker('')).toBeUndefined();
  });

  it('never begin with a character the first-character test turns away', () => {
    // Every character of the Basic Multilingual Plane, before the endings a marker can have: wherever the patterns
    // themselves find a marker, the quick test lets the character through.
    const endings = ['', '、', '.', ')', '1)', '一)', ' Revenue', '中:', 'f which', 'ncluding', 'i)'];
    const missed: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const first = String.fromCharCode(c);
      for (const ending of endings) {
        const text = first + ending;
        if (matchMarker(text, foldWidth(text), true) && !mayOpenMarker(foldWidth(first).charCodeAt(0))) missed.push(text);
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('total labels', () => {
  // The patterns as they were tried on every label, before each was guarded by a search for its word.
  const TOTAL_ZH = /^(?:合\s*计|总\s*计|小\s*计|共\s*计)|(?:合计|总计|小计|共计)$/u;
  const TOTAL_EN = /^(?:grand\s+total|sub-?total|total)\b|\btotal$/iu;
  function reference(label: string): boolean {
    let t = foldWidth(label)
      .trim()
      .replace(/[:：]$/u, '');
    if (t.endsWith(')')) {
      const open = t.indexOf('(', t.lastIndexOf(')', t.length - 2) + 1);
      if (open >= 0 && open < t.length - 1) {
        let cut = open;
        while (cut > 0 && /\s/u.test(t[cut - 1] as string)) cut--;
        t = t.slice(0, cut);
      }
    }
    return TOTAL_ZH.test(t) || TOTAL_EN.test(t);
  }

  it('are found as the unguarded patterns find them', () => {
    const pieces = [
      '合',
      '计',
      '总',
      '小',
      '共',
      ' ',
      '\u3000',
      'Total',
      'TOTAL',
      'total',
      'sub',
      '-',
      'grand',
      'Grand ',
      'T',
      'otal',
      'ＴＯＴＡＬ',
      // Full-width letters alone: the first look for 计 or a t must take them as t.
      'ｔ',
      'Ｔ',
      'ｏｔａｌ',
      '：',
      ':',
      '(',
      ')',
      '（万元）',
      'x',
      '1',
      '其中',
      '\u212A',
    ];
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), (drawn) => {
        const label = drawn.join('');
        const expected = reference(label);
        if (expected) found++;
        expect(isTotalLabel(label), JSON.stringify(label)).toBe(expected);
      }),
      { numRuns: 20000, seed: 7 },
    );
    // The labels drawn name totals often enough for the comparison to mean something.
    expect(found).toBeGreaterThan(1000);
  });
});
