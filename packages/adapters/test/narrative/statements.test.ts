import type { Statement } from '@crossfoot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRAIL_CN, TRAIL_CN_LAST } from '../../src/narrative/statements.ts';
import { range, read, readSeedLine, seedIndex } from './helpers.ts';

/** Compact view: label, value, unit and the figure as written. */
const brief = (s: Statement | undefined) =>
  s && {
    kind: s.kind,
    total: [s.total.label, s.total.value, s.total.unit, s.total.text],
    parts: s.parts.map((p) => [p.label, p.value, p.unit, p.text]),
  };

describe('statements in the 2018 report', () => {
  it('line 10: 共320条, of which 53 + 48 + 207 + 14', () => {
    const section = ['二、主动公开信息情况'];
    const { statements } = readSeedLine(10, section);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toEqual({
      kind: 'total-with-parts',
      total: {
        label: '全年通过政府信息公开网主动公开信息',
        value: '320',
        decimals: 0,
        unit: '条',
        text: '320条',
        range: range(10, 19, 10, 23),
      },
      parts: [
        { label: '工作栏目更新信息', value: '53', decimals: 0, unit: '条', text: '53条', range: range(10, 34, 10, 37) },
        { label: '政务公开栏目更新信息', value: '48', decimals: 0, unit: '条', text: '48条', range: range(10, 48, 10, 51) },
        {
          label: '公共资源交易信息栏目更新交易信息',
          value: '207',
          decimals: 0,
          unit: '条',
          text: '207条',
          range: range(10, 68, 10, 72),
        },
        {
          label: '公共资源交易政策法规栏目更新信息',
          value: '14',
          decimals: 0,
          unit: '条',
          text: '14条',
          range: range(10, 89, 10, 92),
        },
      ],
      text: '全年通过政府信息公开网主动公开信息共320条,其中工作栏目更新信息53条,政务公开栏目更新信息48条,公共资源交易信息栏目更新交易信息207条,公共资源交易政策法规栏目更新信息14条',
      range: range(10, 1, 10, 92),
      section,
    });
  });

  it('line 12: a total ending one sentence, its parts in the next (。其中…)', () => {
    const { statements } = readSeedLine(12);
    expect(statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['主动公开公共资源交易相关信息', '242', '条', '242条'],
        parts: [
          ['招标公告', '104', '条', '104条'],
          ['中标公告', '76', '条', '76条'],
          ['公共资源交易政策法规栏目更新信息', '14', '条', '14条'],
        ],
      },
    ]);
    const [s] = statements;
    expect(s?.range).toEqual(range(12, 39, 12, 101));
    expect(s?.text).toBe('2018年主动公开公共资源交易相关信息242条。其中招标公告104条,中标公告76条,公共资源交易政策法规栏目更新信息14条');
    expect(s?.total.range).toEqual(range(12, 58, 12, 62));
    expect(s?.parts.map((p) => p.range)).toEqual([range(12, 69, 12, 73), range(12, 78, 12, 81), range(12, 98, 12, 101)]);
  });

  it('line 15: 12人, 其中: 2人、8人, 2人; and 共计412项 on its own', () => {
    const { statements } = readSeedLine(15);
    expect(statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['招聘综窗人员', '12', '人', '12人'],
        parts: [
          ['导服人员', '2', '人', '2人'],
          ['接件窗口人员', '8', '人', '8人'],
          ['出件窗口人员', '2', '人', '2人'],
        ],
      },
      {
        kind: 'quantity',
        total: ['我县入驻“一站式惠民”平台的行政许可及公共服务事项事项', '412', '项', '412项'],
        parts: [],
      },
    ]);
    const [s, q] = statements;
    expect(s?.text).toBe('华宁县于2018年12月招聘综窗人员12人,其中:导服人员2人、接件窗口人员8人,出件窗口人员2人');
    expect(s?.range).toEqual(range(15, 396, 15, 445));
    expect(s?.total.range).toEqual(range(15, 414, 15, 417));
    expect(s?.parts.map((p) => p.range)).toEqual([range(15, 425, 15, 427), range(15, 434, 15, 436), range(15, 443, 15, 445)]);
    expect(q?.total.range).toEqual(range(15, 557, 15, 561));
  });

  it('line 6: three single quantities, each with its clause', () => {
    const { statements } = readSeedLine(6);
    expect(statements.map((s) => [s.kind, s.text, s.range, s.total.label, s.total.value, s.total.unit, s.total.range, s.parts])).toEqual([
      ['quantity', '兼职人员数2人', range(6, 51, 6, 58), '兼职人员数', '2', '人', range(6, 56, 6, 58), []],
      ['quantity', '召开单位内部政府信息公开工作会议2次', range(6, 59, 6, 77), '召开单位内部政府信息公开工作会议', '2', '次', range(6, 75, 6, 77), []],
      ['quantity', '接受培训人员2人', range(6, 78, 6, 86), '接受培训人员', '2', '人', range(6, 84, 6, 86), []],
    ]);
  });

  it('line 14: 25055件, 5件, 197条 and no ordinal (一是, 二是, 三是)', () => {
    const { statements } = readSeedLine(14);
    expect(statements.map((s) => [s.total.label, s.total.value, s.total.unit, s.total.range])).toEqual([
      ['我县各职能部门在政务服务网上大厅办理各类行政审批和服务事项', '25055', '件', range(14, 317, 14, 323)],
      ['受理回复各类咨询', '5', '件', range(14, 332, 14, 334)],
      ['平台发布各类政务服务工作信息', '197', '条', range(14, 349, 14, 353)],
    ]);
  });

  it('reads exactly the claims a reader finds in the narrative (lines 1–40)', () => {
    const found: [number, string, string, string[]][] = [];
    for (let n = 1; n <= 40; n++) {
      for (const s of readSeedLine(n).statements) found.push([n, s.kind, s.total.value, s.parts.map((p) => p.value)]);
    }
    expect(found).toEqual([
      [6, 'quantity', '2', []],
      [6, 'quantity', '2', []],
      [6, 'quantity', '2', []],
      [10, 'total-with-parts', '320', ['53', '48', '207', '14']],
      [12, 'total-with-parts', '242', ['104', '76', '14']],
      [14, 'quantity', '25055', []],
      [14, 'quantity', '5', []],
      [14, 'quantity', '197', []],
      [15, 'total-with-parts', '12', ['2', '8', '2']],
      [15, 'quantity', '412', []],
      [19, 'quantity', '4', []],
    ]);
    expect(seedIndex.lineCount).toBe(115);
  });
});

describe('statements: Chinese forms', () => {
  it('parts separated by ；and carrying percentages', () => {
    const { statements } = read('本年度共收到政府信息公开申请761件，其中予以公开258件，占33.9%；部分公开120件(15.8%)；不予公开3件。');
    expect(statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['本年度收到政府信息公开申请', '761', '件', '761件'],
        parts: [
          ['予以公开', '258', '件', '258件'],
          ['部分公开', '120', '件', '120件'],
          ['不予公开', '3', '件', '3件'],
        ],
      },
    ]);
    const parts = statements[0]?.parts ?? [];
    expect(parts[0]?.percent).toEqual({ value: '33.9', decimals: 1, range: range(1, 32, 1, 37) });
    expect(parts[1]?.percent).toEqual({ value: '15.8', decimals: 1, range: range(1, 47, 1, 52) });
    expect(parts[2]?.percent).toBeUndefined();
    expect(statements[0]?.range).toEqual(range(1, 1, 1, 60));
  });

  it('a list separated by 、 ends at ；', () => {
    const { statements } = read(
      '本年度共收到政府信息公开申请35件，上年结转1件。全年办结政府信息公开申请34件，其中予以公开14件、部分公开6件、不予公开2件、无法提供9件、不予处理2件、其他处理1件；结转下年度继续办理2件。',
    );
    expect(statements.map(brief)).toEqual([
      { kind: 'quantity', total: ['本年度收到政府信息公开申请', '35', '件', '35件'], parts: [] },
      { kind: 'quantity', total: ['上年结转', '1', '件', '1件'], parts: [] },
      {
        kind: 'total-with-parts',
        total: ['全年办结政府信息公开申请', '34', '件', '34件'],
        parts: [
          ['予以公开', '14', '件', '14件'],
          ['部分公开', '6', '件', '6件'],
          ['不予公开', '2', '件', '2件'],
          ['无法提供', '9', '件', '9件'],
          ['不予处理', '2', '件', '2件'],
          ['其他处理', '1', '件', '1件'],
        ],
      },
      { kind: 'quantity', total: ['结转下年度继续办理', '2', '件', '2件'], parts: [] },
    ]);
    expect(statements[2]?.text).toBe('全年办结政府信息公开申请34件，其中予以公开14件、部分公开6件、不予公开2件、无法提供9件、不予处理2件、其他处理1件');
  });

  it('总计 with 其中：and a full-width colon', () => {
    const { statements } = read('受理申请总计35件，其中：自然人申请30件、法人或其他组织申请5件。');
    expect(statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['受理申请', '35', '件', '35件'],
        parts: [
          ['自然人申请', '30', '件', '30件'],
          ['法人或其他组织申请', '5', '件', '5件'],
        ],
      },
    ]);
  });

  it('parts listed before 共计 / 合计', () => {
    expect(read('本年新收申请30件,上年结转5件,共计35件。').statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['共计', '35', '件', '35件'],
        parts: [
          ['本年新收申请', '30', '件', '30件'],
          ['上年结转', '5', '件', '5件'],
        ],
      },
    ]);
    expect(read('举办培训3场、座谈会2场，合计5场。').statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['合计', '5', '场', '5场'],
        parts: [
          ['举办培训', '3', '场', '3场'],
          ['座谈会', '2', '场', '2场'],
        ],
      },
    ]);
  });

  it('累计 is a cumulative figure, not a sum of what precedes it', () => {
    expect(read('本年公开100条,上年公开200条,累计公开信息3000条。').statements.map(brief)).toEqual([
      { kind: 'quantity', total: ['本年公开', '100', '条', '100条'], parts: [] },
      { kind: 'quantity', total: ['上年公开', '200', '条', '200条'], parts: [] },
      { kind: 'quantity', total: ['公开信息', '3000', '条', '3000条'], parts: [] },
    ]);
  });

  it('single quantities with their labels', () => {
    const q = (text: string) => read(text).statements.map((s) => [s.kind, s.total.label, s.total.value, s.total.unit]);
    expect(q('收到政府信息公开申请35件。')).toEqual([['quantity', '收到政府信息公开申请', '35', '件']]);
    expect(q('全年共受理申请35件,办结35件。')).toEqual([
      ['quantity', '全年受理申请', '35', '件'],
      ['quantity', '办结', '35', '件'],
    ]);
    expect(q('主动公开信息数为320条。')).toEqual([['quantity', '主动公开信息数', '320', '条']]);
    expect(q('参训人员达200人次,送达文书3份。')).toEqual([
      ['quantity', '参训人员', '200', '人次'],
      ['quantity', '送达文书', '3', '份'],
    ]);
    expect(q('收取费用4068.208万元。')).toEqual([['quantity', '收取费用', '4068.208', '万元']]);
    expect(q('召开会议两次,发布信息一百零五条。')).toEqual([
      ['quantity', '召开会议', '2', '次'],
      ['quantity', '发布信息', '105', '条'],
    ]);
  });

  it.each([
    ['发布信息12条', '条'],
    ['收到申请12件', '件'],
    ['召开会议12次', '次'],
    ['培训干部12人', '人'],
    ['参训人员12人次', '人次'],
    ['设置查阅点12个', '个'],
    ['梳理事项12项', '项'],
    ['发布解读稿件12篇', '篇'],
    ['入驻企业12家', '家'],
    ['发放资料12份', '份'],
    ['收取费用12万元', '万元'],
    ['收取费用12元', '元'],
    ['投入资金12亿元', '亿元'],
    ['平均办理12天', '天'],
    ['举办发布会12场', '场'],
    ['举办培训班12期', '期'],
    ['received 12 requests', 'requests'],
  ])('the unit of %s', (text, unit) => {
    const [s] = read(`${text}。`).statements;
    expect([s?.total.value, s?.total.unit, s?.total.text]).toEqual(['12', unit, text.slice(text.indexOf('12'))]);
  });

  it('a space between number and unit (text from PDFs)', () => {
    const [s] = read('收到申请3119 件。').statements;
    expect(s?.total).toEqual({ label: '收到申请', value: '3119', decimals: 0, unit: '件', text: '3119 件', range: range(1, 5, 1, 11) });
  });

  it('full-width digits keep their columns', () => {
    const [s] = read('兼职人员１２人。').statements;
    expect(s?.total).toEqual({ label: '兼职人员', value: '12', decimals: 0, unit: '人', text: '１２人', range: range(1, 5, 1, 8) });
    expect(read('共发布信息1，234条').statements[0]?.total).toMatchObject({ value: '1234', text: '1，234条', range: range(1, 6, 1, 12) });
  });

  it('columns count UTF-16 code units (an astral character before the figure)', () => {
    const text = '𠮷𠮷县收到申请12件,其中自然人10件。\n𠮷收到申请3件。';
    const { statements } = read(text);
    expect(statements.map((s) => [s.total.text, s.total.range, s.parts.map((p) => p.range), s.range])).toEqual([
      ['12件', range(1, 10, 1, 13), [range(1, 19, 1, 22)], range(1, 1, 1, 22)],
      ['3件', range(2, 7, 2, 9), [], range(2, 1, 2, 9)],
    ]);
  });

  it('a changed figure (比上年增加) is neither a total nor a quantity', () => {
    expect(read('全年主动公开信息共320条,比上年增加20条,其中文件53条。').statements.map(brief)).toEqual([
      { kind: 'total-with-parts', total: ['全年主动公开信息', '320', '条', '320条'], parts: [['文件', '53', '条', '53条']] },
    ]);
  });

  it('an approximate figure is not read as a claim', () => {
    expect(read('主动公开约320条,发布300余条,参加50人以上。').statements).toEqual([]);
    expect(read('共收到申请约35件，其中自然人30件。').statements.map(brief)).toEqual([{ kind: 'quantity', total: ['自然人', '30', '件', '30件'], parts: [] }]);
  });
});

describe('statements: what is never a quantity', () => {
  it.each([
    '根据《中华人民共和国政府信息公开条例》(国务院令第492号)和《云南省政府信息公开规定》(云政发〔2013〕153号)规定要求',
    '国办发[2019]60号文件和《条例》第三十一条、第二十条第（五）项',
    '认真落实《2019年政务公开工作要点》和《关于印发十三五规划100项任务的通知》',
    '2018年12月,我局',
    '联系电话:5029123,热线12345',
    '一是统一平台入口。二是做好调研。1、加强领导。（一）完善制度。(2)健全机制',
    '办结率100%,满意率98.5%',
    '华宁县政务服务大厅两个阶段实施改造,一站式惠民,十九大精神,一次办好',
    '详见http://www.gov.cn/2019-01-15/content_123条.htm,邮箱abc2019@163.com<!-- 2019年3件 -->',
  ])('%s', (text) => {
    expect(read(text).statements).toEqual([]);
    expect(read(text).dates.filter((d) => d.start.startsWith('2019'))).toEqual([]);
  });
});

describe('statements: English', () => {
  it('a total of 12 requests, of which 2 …, 3 … and 7 …', () => {
    const { statements } = read('The office received a total of 12 requests, of which 2 were granted in full, 3 were refused and 7 are pending.', ['Requests']);
    expect(statements).toEqual([
      {
        kind: 'total-with-parts',
        total: { label: 'The office received', value: '12', decimals: 0, unit: 'requests', text: '12 requests', range: range(1, 32, 1, 43) },
        parts: [
          { label: 'granted in full', value: '2', decimals: 0, text: '2', range: range(1, 54, 1, 55) },
          { label: 'refused', value: '3', decimals: 0, text: '3', range: range(1, 78, 1, 79) },
          { label: 'pending', value: '7', decimals: 0, text: '7', range: range(1, 97, 1, 98) },
        ],
        text: 'The office received a total of 12 requests, of which 2 were granted in full, 3 were refused and 7 are pending',
        range: range(1, 1, 1, 110),
        section: ['Requests'],
      },
    ]);
  });

  it('12 requests in total, including …', () => {
    expect(read('We handled 12 requests in total, including 5 from businesses and 7 from individuals.').statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['We handled', '12', 'requests', '12 requests'],
        parts: [
          ['from businesses', '5', undefined, '5'],
          ['from individuals', '7', undefined, '7'],
        ],
      },
    ]);
  });

  it('received 42 requests', () => {
    const { statements, dates } = read('In 2024 the department received 42 requests.');
    expect(statements.map(brief)).toEqual([{ kind: 'quantity', total: ['the department received', '42', 'requests', '42 requests'], parts: [] }]);
    expect(statements[0]?.total.range).toEqual(range(1, 33, 1, 44));
    expect(dates.map((d) => d.text)).toEqual(['2024']);
  });

  it('parts with a percentage in brackets', () => {
    const [s] = read('Of the 40 requests we received, including 10 requests (25.0%) from businesses, all were answered.').statements;
    expect(s?.parts[0]).toMatchObject({ value: '10', unit: 'requests', percent: { value: '25.0', decimals: 1, range: range(1, 56, 1, 61) } });
  });

  it('comprised … and …; a prior-year comparative is not a figure of its own', () => {
    const { statements } = read(
      'Total expenditure of $12.5 million (2023: $11.9 million) comprised staff costs of $8.0 million and operating costs of $4.5 million.',
    );
    expect(statements.map(brief)).toEqual([
      {
        kind: 'total-with-parts',
        total: ['Total expenditure', '12.5', '$ million', '$12.5 million'],
        parts: [
          ['staff costs', '8.0', '$ million', '$8.0 million'],
          ['operating costs', '4.5', '$ million', '$4.5 million'],
        ],
      },
    ]);
    expect(statements[0]?.total.range).toEqual(range(1, 22, 1, 35));
  });

  it('amounts with a currency and a scale; references are not counts', () => {
    expect(read('Revenue was $4,068.2 million, as set out in Section 3 and note 12.').statements.map(brief)).toEqual([
      { kind: 'quantity', total: ['Revenue', '4068.2', '$ million', '$4,068.2 million'], parts: [] },
    ]);
  });
});

describe('the words trailing a Chinese label', () => {
  it('end, whenever they are found, with a character the quick test before the search lets through', () => {
    const pieces = [
      '共',
      '计',
      '合',
      '总',
      '累',
      '一',
      '有',
      '公',
      '中',
      '数',
      '为',
      '送',
      '达',
      '到',
      '分',
      '别',
      '是',
      ',',
      ';',
      ':',
      '、',
      ' ',
      '\u3000',
      '\n',
      '甲',
      '件',
      '2',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const label = parts.join('');
        if (TRAIL_CN.test(label)) expect(TRAIL_CN_LAST.test(label.charAt(label.length - 1))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
