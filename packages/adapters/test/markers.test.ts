import { foldWidth } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { matchMarker, mayOpenMarker, readMarker } from '../src/markers.ts';

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
