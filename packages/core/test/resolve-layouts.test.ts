import { describe, expect, it } from 'vitest';
import { findColumn, findRow } from '../src/resolve.ts';
import { type RowSpec, table } from './helpers.ts';

/**
 * Tables laid out alike share what selectors found in them (resolve.ts, `sharedLayout`): a table checked after one of
 * the same shape gets the same answers, and one that differs in anything a search reads gets answers of its own.
 */
describe('rows and columns found in tables laid out alike', () => {
  const outline: RowSpec[] = [
    { label: '（一）予以公开', number: '(一)', marker: '（一）', values: ['1'] },
    { label: '（三）不予公开', number: '(三)', marker: '（三）', values: ['2'] },
    { label: '1.属于国家秘密', number: '1', marker: '1.', level: 2, parent: 1, values: ['3'] },
    { label: '（四）无法提供', number: '(四)', marker: '（四）', values: ['4'] },
    { label: '1.本机关不掌握', number: '1', marker: '1.', level: 2, parent: 3, values: ['5'] },
    { label: '合计', level: 1, values: ['15'] },
  ];

  it('gives a table the answers found in another of the same shape, whatever its figures', () => {
    const first = table('t1', '', ['总计'], outline);
    const second = table(
      't1',
      '',
      ['总计'],
      outline.map((r) => ({ ...r, values: ['9'] })),
    );
    for (const selector of ['（三）/1', '（四）/1', '1', '合计', '(一)', '#6', '不予公开']) {
      expect(findRow(second, selector)).toBe(findRow(first, selector));
    }
    expect(findRow(second, '（四）/1')).toBe(4);
    expect(findRow(second, '#7')).toBe(-1);
  });

  it('searches again a table whose rows hang from other parents', () => {
    const first = table('t1', '', ['总计'], outline);
    expect(findRow(first, '（三）/1')).toBe(2);
    // The same labels, numbers, markers and depths; the first `1.` now under （四）.
    const moved = outline.map((r, i) => (i === 2 ? { ...r, parent: 3 } : r));
    expect(findRow(table('t1', '', ['总计'], moved), '（三）/1')).toBe(-1);
  });

  it('searches again a table whose rows lie at other depths', () => {
    const totals: RowSpec[] = [
      { label: '合计', level: 2, values: ['1'] },
      { label: '合计', level: 1, values: ['2'] },
    ];
    expect(findRow(table('t1', '', ['总计'], totals), '合计')).toBe(1);
    const swapped = totals.map((r) => ({ ...r, level: 3 - (r.level as number) }));
    expect(findRow(table('t1', '', ['总计'], swapped), '合计')).toBe(0);
  });

  it('searches again a table whose rows carry other labels, outline numbers or markers', () => {
    const named: RowSpec[] = [
      { label: '本年新收', values: ['1'] },
      { label: '上年结转', values: ['2'] },
    ];
    expect(findRow(table('t1', '', ['总计'], named), '上年结转')).toBe(1);
    expect(findRow(table('t1', '', ['总计'], [...named].reverse()), '上年结转')).toBe(0);
    const numbered: RowSpec[] = [
      { label: '本年新收', number: '一', marker: '', values: ['1'] },
      { label: '上年结转', number: '二', marker: '', values: ['2'] },
    ];
    expect(findRow(table('t1', '', ['总计'], numbered), '二')).toBe(1);
    const renumbered = numbered.map((r, i) => ({ ...r, number: i ? '一' : '二' }));
    expect(findRow(table('t1', '', ['总计'], renumbered), '二')).toBe(0);
    // A marker is taken off a label before it is compared with a selector.
    const marked: RowSpec[] = [{ label: '一、本年新收', number: '一', marker: '一、', values: ['1'] }];
    expect(findRow(table('t1', '', ['总计'], marked), '本年新收')).toBe(0);
    const unmarked = marked.map((r) => ({ ...r, marker: '' }));
    expect(findRow(table('t1', '', ['总计'], unmarked), '本年新收')).toBe(-1);
  });

  it('shares columns between tables with the same headers only', () => {
    const first = table(
      't1',
      '',
      ['自然人', '商业企业', '总计'],
      outline.slice(0, 1).map((r) => ({ ...r, values: ['1', '2', '3'] })),
    );
    const same = table(
      't1',
      '',
      ['自然人', '商业企业', '总计'],
      outline.slice(0, 1).map((r) => ({ ...r, values: ['4', '5', '9'] })),
    );
    const other = table(
      't1',
      '',
      ['商业企业', '自然人', '总计'],
      outline.slice(0, 1).map((r) => ({ ...r, values: ['2', '1', '3'] })),
    );
    expect(findColumn(first, '自然人')).toBe(0);
    expect(findColumn(same, '自然人')).toBe(0);
    expect(findColumn(other, '自然人')).toBe(1);
    expect(findColumn(table('t1', '', ['自然人', '总计'], []), '#3')).toBe(-1);
  });

  it('finds rows in a table too long to be kept as a layout, and in the next one', () => {
    const long: RowSpec[] = Array.from({ length: 500 }, (_, i) => ({ label: `第${i + 1}项`, values: [String(i)] }));
    expect(findRow(table('t1', '', ['总计'], long), '第500项')).toBe(499);
    expect(findRow(table('t1', '', ['总计'], long.slice(1)), '第500项')).toBe(498);
  });
});
