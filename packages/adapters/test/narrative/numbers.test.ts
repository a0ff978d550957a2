import { describe, expect, it } from 'vitest';
import { ARABIC_NUMBER_RE, CHINESE_NUMBER_RE, parseNumber, scanNumbers } from '../../src/narrative/index.ts';

describe('parseNumber: Arabic numerals', () => {
  it.each([
    ['320', '320', 0],
    ['0', '0', 0],
    ['007', '7', 0],
    ['4068.208', '4068.208', 3],
    ['-12.50', '-12.50', 2],
    ['−3', '-3', 0],
    ['+7', '7', 0],
    ['-0.00', '0.00', 2],
    ['(12,400.00)', '-12400.00', 2],
    ['1,234', '1234', 0],
    ['1，234', '1234', 0],
    ['4,210,500.00', '4210500.00', 2],
    ['１２', '12', 0],
    ['３１１９', '3119', 0],
    ['１，２３４．５０', '1234.50', 2],
    [' 25055 ', '25055', 0],
  ])('%s → %s (%i decimals)', (text, value, decimals) => {
    expect(parseNumber(text)).toEqual({ value, decimals });
  });
});

describe('parseNumber: Chinese numerals', () => {
  it.each([
    ['〇', '0'],
    ['零', '0'],
    ['三', '3'],
    ['十', '10'],
    ['十二', '12'],
    ['二十', '20'],
    ['三十一', '31'],
    ['一百零五', '105'],
    ['两千三百', '2300'],
    ['三万', '30000'],
    ['一万二千', '12000'],
    ['三亿五千万', '350000000'],
    ['二〇一九', '2019'],
    ['二○一九', '2019'],
    ['壹佰贰拾', '120'],
  ])('%s → %s', (text, value) => {
    expect(parseNumber(text)).toEqual({ value, decimals: 0 });
  });

  it('reads a decimal point written 点', () => {
    expect(parseNumber('三点五')).toEqual({ value: '3.5', decimals: 1 });
  });
});

describe('parseNumber: not numbers', () => {
  it.each(['', 'abc', '12a', '1,23', '12.', '一二百', '十百', '万', '第三', '33.9%'])('%j', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe('scanNumbers', () => {
  const units = (text: string) =>
    scanNumbers(text)
      .filter((t) => t.unit !== undefined)
      .map((t) => [text.slice(t.start, t.end), t.value, t.unit]);

  it('finds figures with their units, spaces and magnitudes included', () => {
    expect(units('收到申请3119 件,经费4068.208万元,培训200人次,用时20个工作日')).toEqual([
      ['3119 件', '3119', '件'],
      ['4068.208万元', '4068.208', '万元'],
      ['200人次', '200', '人次'],
      ['20个工作日', '20', '个工作日'],
    ]);
  });

  it('reads every figure from the start, whatever a caller of the exported patterns left in their lastIndex', () => {
    const text = '收到申请12件,办结三十件,其中公开9件';
    const before = units(text);
    expect(before).toEqual([
      ['12件', '12', '件'],
      ['三十件', '30', '件'],
      ['9件', '9', '件'],
    ]);
    ARABIC_NUMBER_RE.lastIndex = 8;
    CHINESE_NUMBER_RE.lastIndex = 12;
    expect(units(text)).toEqual(before);
    expect(ARABIC_NUMBER_RE.lastIndex).toBe(0);
    expect(CHINESE_NUMBER_RE.lastIndex).toBe(0);
  });

  it('reads Chinese numerals only when the unit closes the clause', () => {
    expect(units('召开会议两次,发布信息一百零五条。')).toEqual([
      ['两次', '2', '次'],
      ['一百零五条', '105', '条'],
    ]);
    expect(units('大厅两个阶段实施改造,一站式服务,一是统一入口,十九大精神,十二届县委')).toEqual([]);
  });

  it('skips references, ordinals, phone numbers and percentages', () => {
    expect(units('第三十一条、第2次、国务院令第492号、1、加强领导、(1)落实、联系电话:5029123、办结率100%')).toEqual([]);
  });

  it('marks approximate figures', () => {
    const approx = (text: string) => scanNumbers(text).map((t) => t.approx);
    expect(approx('约320条')).toEqual([true]);
    expect(approx('300余条')).toEqual([true]);
    expect(approx('300条以上')).toEqual([true]);
    expect(approx('more than 40 requests')).toEqual([true]);
    expect(approx('320条')).toEqual([false]);
  });

  it('attaches a percentage written after a figure', () => {
    const [t] = scanNumbers('予以公开258件，占33.9%；');
    expect(t?.percent).toEqual({ value: '33.9', decimals: 1, start: 10, end: 15 });
  });

  it('reads English count nouns and currency amounts', () => {
    expect(units('received 42 new requests and $4,068.2 million')).toEqual([
      ['42 new requests', '42', 'requests'],
      ['$4,068.2 million', '4068.2', '$ million'],
    ]);
    expect(units('as set out in Section 3 of the report, note 12 shows')).toEqual([]);
  });
});
