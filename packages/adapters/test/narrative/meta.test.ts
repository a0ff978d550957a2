import { LineIndex, type Section } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { inferMeta } from '../../src/narrative/index.ts';
import { range, seedIndex } from './helpers.ts';

const meta = (text: string, sections: Section[] = []) => inferMeta(new LineIndex(text), sections);

const heading = (line: number, title: string): Section => ({
  marker: '',
  number: '',
  title,
  level: 1,
  range: range(line, 1, line, 1 + title.length),
  extent: range(line, 1, line, 1 + title.length),
  children: [],
});

describe('inferMeta on the 2018 report', () => {
  const expected = {
    title: { value: '华宁县政务服务管理局2018年度政府信息公开工作年度报告', range: range(1, 1, 2, 13) },
    issuer: { value: '华宁县政务服务管理局', range: range(1, 1, 1, 11) },
    year: { value: 2018, range: range(1, 11, 1, 17) },
    period: { value: { start: '2018-01-01', end: '2018-12-30' }, range: range(3, 69, 3, 90) },
    published: { value: '2019-01-15', range: range(40, 1, 40, 11) },
  };

  it('without sections', () => {
    expect(inferMeta(seedIndex, [])).toEqual(expected);
  });

  it('with its outline (the opening part ends at 一、)', () => {
    expect(inferMeta(seedIndex, [heading(4, '一、信息工作情况'), heading(9, '二、主动公开信息情况')])).toEqual(expected);
  });
});

describe('inferMeta: Chinese variants', () => {
  it('a Markdown title, a 统计期限 sentence and a 填报日期', () => {
    const text = [
      '# 某某市人民政府办公室2024年政府信息公开工作年度报告',
      '',
      '本报告所列数据统计期限自2024年1月1日起至2024年12月31日止。',
      '',
      '## 一、总体情况',
      '',
      '2024年，我办认真贯彻落实。',
      '',
      '填报日期：2025年1月20日',
    ].join('\n');
    expect(meta(text, [heading(5, '一、总体情况')])).toEqual({
      title: { value: '某某市人民政府办公室2024年政府信息公开工作年度报告', range: range(1, 3, 1, 30) },
      issuer: { value: '某某市人民政府办公室', range: range(1, 3, 1, 13) },
      year: { value: 2024, range: range(1, 13, 1, 18) },
      period: { value: { start: '2024-01-01', end: '2024-12-31' }, range: range(3, 13, 3, 36) },
      published: { value: '2025-01-20', range: range(9, 6, 9, 16) },
    });
  });

  it('the year before the issuer; a period stated in the body; a date in Chinese numerals', () => {
    const text = [
      '2019年度某某区财政局政府信息公开工作年度报告',
      '一、总体情况',
      '本年度报告中所列数据的统计期限为2019年1月1日至12月31日。',
      '某某区财政局',
      '二○二○年一月十五日',
    ].join('\n');
    expect(meta(text, [heading(2, '一、总体情况')])).toEqual({
      title: { value: '2019年度某某区财政局政府信息公开工作年度报告', range: range(1, 1, 1, 25) },
      issuer: { value: '某某区财政局', range: range(1, 7, 1, 13) },
      year: { value: 2019, range: range(1, 1, 1, 7) },
      period: { value: { start: '2019-01-01', end: '2019-12-31' }, range: range(3, 17, 3, 33) },
      published: { value: '2020-01-15', range: range(5, 1, 5, 11) },
    });
  });

  it('no stated range: no period; the year from the title; the issuer from the signature', () => {
    const text = [
      '政府信息公开工作年度报告',
      '(2018年度)',
      '一、概述',
      '2018年，本局在2018年1月1日至2018年6月30日开展专项检查，共收到申请3件。',
      '某某县自然资源局',
      '2019年3月1日',
    ].join('\n');
    const m = meta(text, [heading(3, '一、概述')]);
    expect(m.period).toBeUndefined();
    expect(m.title).toEqual({ value: '政府信息公开工作年度报告', range: range(1, 1, 1, 13) });
    expect(m.year).toEqual({ value: 2018, range: range(2, 2, 2, 8) });
    expect(m.issuer).toEqual({ value: '某某县自然资源局', range: range(5, 1, 5, 9) });
    expect(m.published).toEqual({ value: '2019-03-01', range: range(6, 1, 6, 10) });
  });

  it('the issuer on its own line above the title', () => {
    const m = meta('某某县人民政府办公室\n2020年政府信息公开工作年度报告\n');
    expect(m.title?.value).toBe('某某县人民政府办公室2020年政府信息公开工作年度报告');
    expect(m.issuer).toEqual({ value: '某某县人民政府办公室', range: range(1, 1, 1, 11) });
    expect(m.year).toEqual({ value: 2020, range: range(2, 1, 2, 6) });
  });

  it('the issuer and the date on one signature line', () => {
    const m = meta('政府信息公开工作年度报告\n一、总体情况\n正文。\n某某县自然资源局  2019年3月1日\n');
    expect(m.issuer).toEqual({ value: '某某县自然资源局', range: range(4, 1, 4, 9) });
    expect(m.published).toEqual({ value: '2019-03-01', range: range(4, 11, 4, 20) });
  });

  it('nothing to infer', () => {
    expect(meta('没有标题的一段文字。\n第二段文字。\n')).toEqual({});
  });
});

describe('inferMeta: English', () => {
  it('a financial year ended 30 June 2024', () => {
    const text = [
      'Acme Holdings Limited',
      'Annual Report 2024',
      '',
      '1. Overview',
      '',
      'Revenue for the year ended 30 June 2024 was $4.1 million.',
      '',
      'Board of Directors',
      '30 September 2024',
    ].join('\n');
    expect(meta(text, [heading(4, '1. Overview')])).toEqual({
      title: { value: 'Acme Holdings Limited Annual Report 2024', range: range(1, 1, 2, 19) },
      issuer: { value: 'Acme Holdings Limited', range: range(1, 1, 1, 22) },
      year: { value: 2024, range: range(2, 15, 2, 19) },
      period: { value: { start: '2023-07-01', end: '2024-06-30' }, range: range(6, 17, 6, 40) },
      published: { value: '2024-09-30', range: range(9, 1, 9, 18) },
    });
  });

  it('a stated range in the opening part and a two-year title', () => {
    const text = 'Example Trust Annual Report 2023/24\nThis report covers 1 July 2023 to 30 June 2024.\n\n1. Introduction\n';
    const m = meta(text, [heading(4, '1. Introduction')]);
    expect(m.issuer).toEqual({ value: 'Example Trust', range: range(1, 1, 1, 14) });
    expect(m.year).toEqual({ value: 2024, range: range(1, 29, 1, 36) });
    expect(m.period).toEqual({ value: { start: '2023-07-01', end: '2024-06-30' }, range: range(2, 20, 2, 47) });
  });

  it('six months ended 31 December 2024', () => {
    const m = meta('Interim Report\nResults for the six months ended 31 December 2024.\n');
    expect(m.period?.value).toEqual({ start: '2024-07-01', end: '2024-12-31' });
  });
});
