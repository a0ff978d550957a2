import { describe, expect, it } from 'vitest';
import { readNumber } from '../src/numbers.ts';

describe('readNumber', () => {
  it.each([
    ['320', '320', 0, undefined],
    ['0', '0', 0, undefined],
    ['1,268', '1268', 0, undefined],
    ['4,210,500.00', '4210500.00', 2, undefined],
    ['12.50', '12.50', 2, undefined],
    ['-12.50', '-12.50', 2, undefined],
    ['−3', '-3', 0, undefined],
    ['+7', '7', 0, undefined],
    ['(12,400.00)', '-12400.00', 2, undefined],
    ['-0.00', '0.00', 2, undefined],
    ['007', '7', 0, undefined],
    ['３１１９', '3119', 0, undefined],
    ['１，２３４．５', '1234.5', 1, undefined],
    ['3119 件', '3119', 0, '件'],
    ['320条', '320', 0, '条'],
    ['12.5万元', '12.5', 1, '万元'],
    ['33.9%', '33.9', 1, '%'],
    ['33.9％', '33.9', 1, '%'],
    ['2人次', '2', 0, '人次'],
    ['$1,200', '1200', 0, '$'],
    ['￥5.00', '5.00', 2, '¥'],
  ])('reads %s', (text, value, decimals, unit) => {
    const r = readNumber(text);
    expect(r).toEqual({ value, decimals, ...(unit === undefined ? {} : { unit }), empty: false, unreadable: false });
  });

  it.each(['', '  ', '—', '——', '-', '/', '／', '－', '――', '─'])('reads %j as empty', (text) => {
    expect(readNumber(text)).toEqual({ empty: true, unreadable: false });
  });

  it.each(['无', '是', '见附件', '本年度'])('reads %s as text', (text) => {
    expect(readNumber(text)).toEqual({ empty: false, unreadable: false });
  });

  it.each(['1,2.3', '12件5', '12,34', '3 4', '1.2.3', '5)'])('cannot read %s', (text) => {
    expect(readNumber(text)).toEqual({ empty: false, unreadable: true });
  });

  it.each(['2019年1月15日', '2021-12-31', '12月31日', '9:30'])('does not take the date %s for a broken number', (text) => {
    expect(readNumber(text)).toEqual({ empty: false, unreadable: false });
  });
});
