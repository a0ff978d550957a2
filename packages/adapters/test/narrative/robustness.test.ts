import { LineIndex } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { extractNarrative, inferMeta } from '../../src/narrative/index.ts';
import { seedText } from './helpers.ts';

const readAll = (text: string) => extractNarrative(new LineIndex(text), 0, text.length, []);

describe('robustness', () => {
  it('reads a long paragraph in linear time', () => {
    const sentence = '全年共收到申请35件,其中自然人30件、法人5件,2018年12月10日至27日依据《条例》第3条办理。';
    const small = sentence.repeat(200);
    const large = sentence.repeat(3200);
    const t0 = performance.now();
    const a = readAll(small);
    const t1 = performance.now();
    const b = readAll(large);
    const t2 = performance.now();
    expect(a.statements).toHaveLength(200);
    expect(b.statements).toHaveLength(3200);
    expect(b.dates).toHaveLength(3200);
    // 16 times the text: allow 64 times the time (plus slack for a cold start), far below quadratic growth.
    expect(t2 - t1).toBeLessThan(64 * (t1 - t0) + 500);
  });

  it('reads a long run without punctuation in linear time', () => {
    const text = '收到申请35件其中自然人30件'.repeat(4000);
    const t0 = performance.now();
    const { statements } = readAll(text);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(statements.length).toBeGreaterThan(0);
  });

  it('infers metadata of a long document quickly', () => {
    const text = seedText.repeat(40);
    const t0 = performance.now();
    const meta = inferMeta(new LineIndex(text), []);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(meta.title?.value).toBe('华宁县政务服务管理局2018年度政府信息公开工作年度报告');
  });

  it('stays linear on long runs of one kind of character', () => {
    for (const text of ['a'.repeat(200_000), ' '.repeat(200_000), '1'.repeat(200_000), '一'.repeat(200_000), '<!--'.repeat(50_000), '《'.repeat(200_000)]) {
      const t0 = performance.now();
      readAll(text);
      inferMeta(new LineIndex(text), []);
      expect(performance.now() - t0).toBeLessThan(3000);
    }
  });

  it('never throws on odd input', () => {
    const odd = [
      '',
      ' ',
      '\n\n\n',
      '共',
      '其中',
      '其中:',
      '。其中5件',
      '共320条,其中',
      'of which',
      '《',
      '》2018年',
      '〔2013〕',
      '第',
      '2018年',
      '2018年13月45日',
      '9999年',
      '0000-00-00',
      '1,2,3,4,5,6',
      '１２３４５６７８９０１２３４５６７８９０条',
      '一二三四五六七八九十百千万亿条',
      '万亿条',
      '$',
      '$ million',
      '%%%',
      '33.9%',
      '(1)(2)(3)',
      '\u{20BB7}\u{20BB7}12件',
      '\ud842',
      '年月日至',
      'from to 2024',
      'between 1 July and',
    ];
    for (const text of odd) {
      expect(() => readAll(text)).not.toThrow();
      expect(() => inferMeta(new LineIndex(text), [])).not.toThrow();
    }
  });

  it('keeps every range inside the paragraph it was given', () => {
    const index = new LineIndex(seedText);
    for (let n = 1; n <= index.lineCount; n++) {
      const from = index.lineStart(n);
      const to = index.lineEnd(n);
      const { statements, dates } = extractNarrative(index, from, to, []);
      const ranges = [
        ...dates.map((d) => d.range),
        ...statements.flatMap((s) => [s.range, s.total.range, ...s.parts.map((p) => p.range), ...(s.total.percent ? [s.total.percent.range] : [])]),
      ];
      for (const r of ranges) {
        expect(r.start.line).toBe(n);
        expect(r.end.line).toBe(n);
        expect(index.offset(r.start)).toBeGreaterThanOrEqual(from);
        expect(index.offset(r.end)).toBeLessThanOrEqual(to);
        expect(index.offset(r.end)).toBeGreaterThan(index.offset(r.start));
      }
      for (const s of statements) expect(seedText.slice(index.offset(s.total.range.start), index.offset(s.total.range.end))).toBe(s.total.text);
    }
  });
});
