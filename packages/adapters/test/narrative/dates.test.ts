import { describe, expect, it } from 'vitest';
import { daysInMonth } from '../../src/narrative/dates.ts';
import { range, read, readSeedLine } from './helpers.ts';

const mention = (text: string) => read(text, ['一、总体情况']).dates;

describe('dates: Chinese', () => {
  it('reads a full range as one mention', () => {
    expect(mention('现将我局2018年1月1日至2018年12月30日主动公开政府信息情况报告如下:')).toEqual([
      {
        text: '2018年1月1日至2018年12月30日',
        start: '2018-01-01',
        end: '2018-12-30',
        precision: 'day',
        range: range(1, 5, 1, 26),
        section: ['一、总体情况'],
      },
    ]);
  });

  it('reads a range whose end leaves out the year and month', () => {
    const [d] = mention('2018年12月10日至27日,组织开展了平台操作业务培训');
    expect(d).toMatchObject({ text: '2018年12月10日至27日', start: '2018-12-10', end: '2018-12-27', precision: 'day' });
    expect(d?.range).toEqual(range(1, 1, 1, 16));
  });

  it('reads a range whose end leaves out the year', () => {
    const [d] = mention('统计期限为2018年1月1日至12月31日。');
    expect(d).toMatchObject({ text: '2018年1月1日至12月31日', start: '2018-01-01', end: '2018-12-31' });
  });

  it('reads 起至…止', () => {
    const [d] = mention('本报告所列数据统计期限自2024年1月1日起至2024年12月31日止。');
    expect(d).toMatchObject({ text: '2024年1月1日起至2024年12月31日止', start: '2024-01-01', end: '2024-12-31' });
    expect(d?.range).toEqual(range(1, 13, 1, 36));
  });

  it('reads a month', () => {
    const [d] = mention('2018年6月,我局组织到各职能部门业务大厅进行调研');
    expect(d).toMatchObject({ text: '2018年6月', start: '2018-06-01', end: '2018-06-30', precision: 'month' });
    expect(d?.range).toEqual(range(1, 1, 1, 8));
  });

  it('knows the length of February', () => {
    expect(mention('2024年2月')[0]).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    expect(mention('2023年2月')[0]).toMatchObject({ start: '2023-02-01', end: '2023-02-28' });
  });

  it.each([
    ['2018年,我局认真贯彻', '2018年'],
    ['2018年度政府信息公开', '2018年度'],
    ['2018年全年我局无建议提案', '2018年全年'],
  ])('reads the year in %s', (text, written) => {
    const [d] = mention(text);
    expect(d).toMatchObject({ text: written, start: '2018-01-01', end: '2018-12-31', precision: 'year' });
    expect(d?.range).toEqual(range(1, 1, 1, 1 + written.length));
  });

  it('reads a day', () => {
    expect(mention('2019年1月15日')).toMatchObject([
      { text: '2019年1月15日', start: '2019-01-15', end: '2019-01-15', precision: 'day', range: range(1, 1, 1, 11) },
    ]);
  });

  it('reads dates written in Chinese numerals', () => {
    expect(mention('二〇一九年一月十五日')).toMatchObject([{ start: '2019-01-15', end: '2019-01-15', precision: 'day', range: range(1, 1, 1, 11) }]);
    expect(mention('二○二○年十二月三十一日')).toMatchObject([{ start: '2020-12-31', end: '2020-12-31' }]);
  });

  it('reads dates spaced out by PDF extraction and in full-width digits', () => {
    expect(mention('2024 年 1 月 5 日')).toMatchObject([{ start: '2024-01-05', range: range(1, 1, 1, 15) }]);
    expect(mention('２０１９年１月１５日')).toMatchObject([{ start: '2019-01-15', range: range(1, 1, 1, 11) }]);
  });

  it('reads month spans, halves and quarters', () => {
    expect(mention('2018年1-6月')[0]).toMatchObject({ start: '2018-01-01', end: '2018-06-30', precision: 'month' });
    expect(mention('2018年上半年')[0]).toMatchObject({ start: '2018-01-01', end: '2018-06-30' });
    expect(mention('2018年第三季度')[0]).toMatchObject({ start: '2018-07-01', end: '2018-09-30' });
    expect(mention('2017—2019年')[0]).toMatchObject({ start: '2017-01-01', end: '2019-12-31', precision: 'year' });
  });

  it('drops a day that does not exist', () => {
    expect(mention('2018年2月30日')).toEqual([]);
  });
});

describe('dates: numeric and English', () => {
  it.each([
    ['2025-01-23', range(1, 7, 1, 17)],
    ['2025/1/23', range(1, 7, 1, 16)],
    ['2025.01.23', range(1, 7, 1, 17)],
  ])('reads %s', (written, where) => {
    expect(mention(`Dated ${written}.`)).toEqual([
      { text: written, start: '2025-01-23', end: '2025-01-23', precision: 'day', range: where, section: ['一、总体情况'] },
    ]);
  });

  it('reads day-month-year and month-day-year', () => {
    expect(mention('as at 30 June 2024.')).toMatchObject([{ text: '30 June 2024', start: '2024-06-30', range: range(1, 7, 1, 19) }]);
    expect(mention('on June 30, 2024, the')).toMatchObject([{ text: 'June 30, 2024', start: '2024-06-30', range: range(1, 4, 1, 17) }]);
    expect(mention('in March 2024')).toMatchObject([{ text: 'March 2024', start: '2024-03-01', end: '2024-03-31', precision: 'month' }]);
  });

  it('reads an English range', () => {
    expect(mention('for the period from 1 July 2023 to 30 June 2024')).toMatchObject([
      { text: '1 July 2023 to 30 June 2024', start: '2023-07-01', end: '2024-06-30', precision: 'day', range: range(1, 21, 1, 48) },
    ]);
    expect(mention('from 1 July to 30 June 2024')).toMatchObject([{ start: '2023-07-01', end: '2024-06-30' }]);
  });

  it('reads a year after a preposition, not a fiscal-year code', () => {
    expect(mention('In 2024 the office')).toMatchObject([{ text: '2024', start: '2024-01-01', end: '2024-12-31', precision: 'year' }]);
    expect(mention('FY2024 results')).toEqual([]);
    expect(mention('the May meeting')).toEqual([]);
  });
});

describe('dates: what is not a date', () => {
  it.each([
    '《云南省政府信息公开规定》(云政发〔2013〕153号)',
    '国务院令第492号',
    '国办公开办函〔2019〕60号',
    '国办发[2019]60号',
    '认真落实《2019年政务公开工作要点》和《关于2018年度考核的通知》',
    '2019年第3号公告',
    '共收到申请2019件',
    '联系电话:0877-5029123',
  ])('%s', (text) => {
    expect(mention(text)).toEqual([]);
  });

  it('keeps the date outside the titles on seed line 3', () => {
    expect(readSeedLine(3).dates).toEqual([
      {
        text: '2018年1月1日至2018年12月30日',
        start: '2018-01-01',
        end: '2018-12-30',
        precision: 'day',
        range: range(3, 69, 3, 90),
        section: [],
      },
    ]);
  });

  it('reads the dates of seed line 15 with their section', () => {
    const section = ['四、“互联网+政务服务”工作情况'];
    expect(readSeedLine(15, section).dates).toEqual([
      { text: '2018年6月', start: '2018-06-01', end: '2018-06-30', precision: 'month', range: range(15, 139, 15, 146), section },
      { text: '2018年', start: '2018-01-01', end: '2018-12-31', precision: 'year', range: range(15, 255, 15, 260), section },
      { text: '2018年12月', start: '2018-12-01', end: '2018-12-31', precision: 'month', range: range(15, 400, 15, 408), section },
      { text: '2018年12月10日至27日', start: '2018-12-10', end: '2018-12-27', precision: 'day', range: range(15, 481, 15, 496), section },
    ]);
  });
});

describe('daysInMonth', () => {
  it('counts the days of a month as Date does, leap years and odd inputs included', () => {
    const byDate = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (let y = 1500; y <= 2500; y++) for (let m = 1; m <= 12; m++) expect(daysInMonth(y, m)).toBe(byDate(y, m));
    for (const [y, m] of [
      [2024, 0],
      [2024, 13],
      [50, 2],
      [0, 2],
      [2024.5, 2],
      [2023, Number.NaN],
    ] as const) {
      expect(daysInMonth(y, m)).toEqual(byDate(y, m));
    }
  });
});
