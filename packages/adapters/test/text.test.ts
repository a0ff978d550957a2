import { readFileSync } from 'node:fs';
import type { Range, Row, Table } from '@crossfoot/core';
import { describe, expect, it, vi } from 'vitest';
import { parseText } from '../src/index.ts';

/** A cell as JSON gives it (and a saved document keeps it): its range made from where it lies, what it lacks left out. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// The narrative reader has its own tests; here it finds nothing, so only what this adapter reads is asserted.
vi.mock('../src/narrative/index.ts', () => ({
  extractNarrative: () => ({ statements: [], dates: [] }),
  inferMeta: () => ({}),
}));

const seedText = readFileSync(new URL('./fixtures/seed-2018.txt', import.meta.url), 'utf8');
const range = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, column: sc },
  end: { line: el, column: ec },
});
const row = (table: Table | undefined, label: string): Row => {
  const found = table?.rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label}`);
  return found;
};

describe('parseText: the 2018 report as published', () => {
  const doc = parseText('seed.txt', seedText);
  const table = doc.tables[0];

  it('finds the fourteen top-level sections from 一、 to 十四、, and no others', () => {
    expect(doc.sections.map((s) => `${s.marker}${s.title}`)).toEqual([
      '一、信息工作情况',
      '二、主动公开信息情况',
      '三、重点领域政府信息公开情况',
      '四、“互联网+政务服务”工作情况',
      '五、建议提案办理结果公开',
      '六、开展政策解读情况',
      '七、政府信息公开工作中的政务舆情和社会重大关切回应情况',
      '八、政府信息依申请公开工作详细情况',
      '九、公开平台载体建设情况',
      '十、信息公开相关举报、复议、诉讼情况',
      '十一、完善公开制度机制建设情况',
      '十二、推进公开工作存在的问题与不足',
      '十三、2019年工作的初步计划安排',
      '十四、其他应报告的事项',
    ]);
    expect(doc.sections.map((s) => s.number).slice(9)).toEqual(['十', '十一', '十二', '十三', '十四']);
    expect(doc.sections.every((s) => s.level === 1)).toBe(true);
  });

  it('gives sections their heading range and extent', () => {
    const [first] = doc.sections;
    expect(first?.range).toEqual(range(4, 1, 4, 9));
    expect(first?.extent).toEqual(range(4, 1, 8, 199));
    // The last section ends before the appendix line and the signature block.
    expect(doc.sections[13]?.range).toEqual(range(36, 1, 36, 12));
    expect(doc.sections[13]?.extent).toEqual(range(36, 1, 37, 9));
  });

  it('reads numbered lines as subsections, titled up to the first 。', () => {
    expect(doc.sections[0]?.children.map((s) => [s.marker, s.number, s.title, s.level])).toEqual([
      ['1、', '1', '加强领导,统筹安排部署各项工作', 3],
      ['2、', '2', '落实责任,推动公开工作有序开展', 3],
      ['3、', '3', '突出重点,加强公共资源交易信息公开', 3],
    ]);
    expect(doc.sections[0]?.children[0]?.range).toEqual(range(6, 1, 6, 18));
    expect(doc.sections[0]?.children[0]?.extent).toEqual(range(6, 1, 6, 164));
    expect(doc.sections[3]?.children.map((s) => s.title)).toEqual(['推进云南省政务服务平台建设', '积极推进一站式惠民平台建设']);
  });

  it('reads the loose pipe table with its caption, header and columns', () => {
    expect(doc.tables).toHaveLength(1);
    expect(table?.id).toBe('t1');
    expect(table?.caption).toBe('政府信息公开情况统计表');
    expect(table?.labelHeader).toBe('统计指标');
    expect(table?.columns).toEqual([
      { label: '单位', kind: 'item', range: range(44, 11, 44, 13) },
      { label: '统计数', kind: 'item', range: range(44, 16, 44, 19) },
    ]);
    expect(table?.section).toEqual([]);
    expect(table?.range).toEqual(range(44, 1, 112, 22));
    expect(table?.rows).toHaveLength(65);
  });

  it('has no problems: lone `|` lines continue the row above, short heading rows are as printed', () => {
    expect(doc.problems).toEqual([]);
    expect(row(table, '(二)通过不同渠道和方式公开政府信息的情况').range).toEqual(range(49, 1, 50, 2));
  });

  it('places rows in the outline of the form', () => {
    expect(row(table, '1.当面申请数')).toMatchObject({
      path: ['三、依申请公开情况', '(一)收到申请数'],
      level: 3,
      kind: 'item',
      marker: '1.',
      number: '1',
      labelRange: range(69, 1, 69, 8),
    });
    expect(row(table, '其中:涉及国家秘密')).toMatchObject({
      kind: 'subset',
      marker: '其中:',
      level: 4,
      path: ['三、依申请公开情况', '(三)申请答复数', '4.不同意公开答复数'],
    });
    expect(row(table, '涉及商业秘密')).toMatchObject({
      kind: 'subset',
      marker: '',
      level: 4,
      path: ['三、依申请公开情况', '(三)申请答复数', '4.不同意公开答复数'],
    });
    expect(row(table, '法律法规规定的其他情形').kind).toBe('subset');
    expect(row(table, '5.不属于本行政机关公开数')).toMatchObject({ kind: 'item', level: 3 });
    expect(row(table, '三、依申请公开情况')).toMatchObject({ kind: 'heading', level: 1, path: [] });
    expect(row(table, '(二)通过不同渠道和方式回应解读的情况').kind).toBe('heading');
    expect(row(table, '其中:主要负责同志参加新闻发布会次数').path.at(-1)).toBe('1.参加或举办新闻发布会总次数');
    expect(row(table, '1.专职人员数(不包括政府公报及政府网站工作人员数)').path).toEqual(['八、机构建设和保障经费情况', '(三)从事政府信息公开工作人员数']);
  });

  it('reads the first row: an empty unit cell and the value 320', () => {
    const first = row(table, '一、主动公开情况');
    expect(first.kind).toBe('item');
    expect(asJson(first.cells)).toEqual([
      { text: '——', empty: true, range: range(45, 12, 45, 14) },
      { text: '320', value: '320', decimals: 0, empty: false, range: range(45, 17, 45, 20) },
    ]);
  });

  it('reads every value with the unit of its row', () => {
    // line, unit cell, value, unit of the value ('-' for none or absent)
    const expected = `
45 —— 320 -
46 条 320 条
47 条 0 条
48 件 0 件
49 —— - -
51 条 0 条
52 条 320 条
53 条 0 条
54 条 0 条
55 条 0 条
56 —— - -
57 次 0 次
58 —— - -
60 次 0 次
61 次 0 次
62 次 0 次
63 次 0 次
64 篇 0 篇
65 次 0 次
66 次 0 次
67 —— - -
68 件 0 件
69 件 0 件
70 件 0 件
71 件 0 件
72 件 0 件
73 件 0 件
74 件 0 件
75 件 0 件
76 件 0 件
77 件 0 件
78 件 0 件
79 件 0 件
80 件 0 件
81 件 0 件
82 件 0 件
83 件 0 件
84 件 0 件
85 件 0 件
86 件 0 件
87 件 0 件
88 件 0 件
89 件 0 件
90 件 0 件
91 件 0 件
92 件 0 件
93 件 0 件
94 件 0 件
95 件 0 件
96 件 0 件
97 件 0 件
98 件 0 件
99 件 0 件
100 万元 0 万元
101 —— - -
103 个 1 个
104 个 1 个
105 人 2 人
106 人 0 人
107 人 2 人
108 万元 0 万元
109 —— 2 -
110 次 0 次
111 次 0 次
112 人次 2 人次`
      .trim()
      .split('\n');
    const actual = (table?.rows ?? []).map((r) => {
      const [unit, value] = r.cells;
      return `${r.range.start.line} ${unit?.text} ${value?.value ?? '-'} ${value?.unit ?? '-'}`;
    });
    expect(actual).toEqual(expected);
  });

  it('reads the same with Windows line endings', () => {
    const crlf = parseText('seed.txt', seedText.replace(/\n/g, '\r\n'));
    expect(crlf.sections.map((s) => [s.range, s.extent])).toEqual(doc.sections.map((s) => [s.range, s.extent]));
    expect(crlf.tables[0]?.rows.map((r) => [r.range, r.labelRange, r.cells.map((c) => c.range)])).toEqual(
      table?.rows.map((r) => [r.range, r.labelRange, r.cells.map((c) => c.range)]),
    );
    expect(crlf.problems).toEqual([]);
  });
});

describe('parseText: loose tables', () => {
  it('takes the caption past the year and 填报单位 lines; pipes at the ends are optional', () => {
    const doc = parseText(
      'a.txt',
      [
        '政府信息公开情况统计表',
        '（2020年度）',
        '填报单位（盖章）：某某县人民政府办公室',
        '统 计 指 标 | 单 位 | 统计数',
        '| 一、主动公开情况 | —— | 1,280',
        '（一）主动公开政府信息数 | 条 | １２８０ |',
      ].join('\n'),
    );
    const t = doc.tables[0];
    expect(t?.caption).toBe('政府信息公开情况统计表');
    expect(t?.labelHeader).toBe('统计指标');
    expect(t?.columns.map((c) => c.label)).toEqual(['单位', '统计数']);
    expect(t?.rows.map((r) => [r.label, r.labelRange, r.cells.map((c) => [c.value, c.unit])])).toEqual([
      [
        '一、主动公开情况',
        range(5, 3, 5, 11),
        [
          [undefined, undefined],
          ['1280', undefined],
        ],
      ],
      [
        '（一）主动公开政府信息数',
        range(6, 1, 6, 13),
        [
          [undefined, undefined],
          ['1280', '条'],
        ],
      ],
    ]);
    expect(t?.rows[1]?.path).toEqual(['一、主动公开情况']);
    expect(doc.problems).toEqual([]);
  });

  it('reports a row that is cut off, but not a heading row printed short', () => {
    const doc = parseText(
      'a.txt',
      [
        '统计指标 | 单位 | 统计数 |',
        '二、回应解读情况 | —— |',
        '|',
        '(一)回应公众关注热点或重大舆情数 | 次 | 0 |',
        '(二)通过不同渠道和方式回应解读的情况 | 次 |',
      ].join('\n'),
    );
    expect(doc.tables[0]?.rows.map((r) => [r.kind, r.cells.length])).toEqual([
      ['heading', 1],
      ['item', 2],
      ['item', 1],
    ]);
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'ragged-row', severity: 'warning', range: range(5, 1, 5, 26) })]);
    expect(doc.problems[0]?.message['zh-CN']).toBe('该行有 1 个数据单元格，表头有 2 列；缺少的单元格按缺失处理，不按 0 计');
  });

  it('reports cells that look numeric but cannot be read, and extra cells', () => {
    const doc = parseText('a.txt', '项目 | 件数\n受理 | 1,2.3\n办结 | 3 | 4\n');
    expect(doc.problems.map((p) => [p.code, p.severity, p.range])).toEqual([
      ['unreadable-number', 'error', range(2, 6, 2, 11)],
      ['ragged-row', 'warning', range(3, 1, 3, 11)],
    ]);
    expect(doc.tables[0]?.rows[1]?.cells.map((c) => c.value)).toEqual(['3']);
  });

  it('reads a table without a header row when its first row has numbers', () => {
    const doc = parseText('a.txt', '一、收到申请数 | 件 | 12\n二、办结数 | 件 | 10\n');
    const t = doc.tables[0];
    expect(t?.labelHeader).toBeUndefined();
    expect(t?.columns).toEqual([
      { label: '', kind: 'item' },
      { label: '', kind: 'item' },
    ]);
    expect(t?.rows.map((r) => r.cells[1]?.value)).toEqual(['12', '10']);
  });

  it('leaves a single line with a pipe in the narrative', () => {
    const doc = parseText('a.txt', '一、总体情况\n公开渠道：网站 | 公报\n');
    expect(doc.tables).toEqual([]);
    expect(doc.sections).toHaveLength(1);
  });

  it('skips the delimiter row of a Markdown-style table pasted into text', () => {
    const doc = parseText('a.txt', '| 项目 | 件数 |\n| --- | ---: |\n| 规章 | 2 |\n');
    expect(doc.tables[0]?.columns.map((c) => c.label)).toEqual(['件数']);
    expect(doc.tables[0]?.rows.map((r) => r.label)).toEqual(['规章']);
  });

  it('counts columns in UTF-16 code units after an astral character', () => {
    const doc = parseText('a.txt', '姓名 | 件数\n𠮷田 | 12\n');
    expect(doc.tables[0]?.rows[0]?.cells[0]?.range).toEqual(range(2, 7, 2, 9));
  });
});

describe('parseText: sections', () => {
  it('nests 一、 › （一） › 1、 › （1） and puts table lines in no section', () => {
    const doc = parseText(
      'a.txt',
      ['一、总体情况', '（一）主动公开', '1、网站。全年发布信息。', '（1）栏目更新', '（二）依申请公开', '二、其他需要报告的事项'].join('\n'),
    );
    const shape = (s: (typeof doc.sections)[number]): unknown => [s.number, s.title, s.level, s.children.map(shape)];
    expect(doc.sections.map(shape)).toEqual([
      [
        '一',
        '总体情况',
        1,
        [
          ['(一)', '主动公开', 2, [['1', '网站', 3, [['(1)', '栏目更新', 4, []]]]]],
          ['(二)', '依申请公开', 2, []],
        ],
      ],
      ['二', '其他需要报告的事项', 1, []],
    ]);
  });

  it('ends the last section before the signature block', () => {
    const doc = parseText('a.txt', '一、总体情况\n正文。\n二、其他需要报告的事项\n无。\n\n某某县人民政府办公室\n2022年1月20日\n');
    expect(doc.sections[1]?.extent).toEqual(range(3, 1, 4, 3));
  });

  it('caps a long title', () => {
    const long = '三、'.concat('关于进一步加强和改进政府信息公开工作推进决策执行管理服务结果公开的具体措施和成效以及下一步打算');
    const doc = parseText('a.txt', `一、总体情况\n${long}\n`);
    expect(doc.sections[1]?.title).toBe(long.slice(2, 42));
    expect(doc.sections[1]?.range).toEqual(range(2, 1, 2, 43));
  });

  it('reads Western numbering in a report without Chinese markers', () => {
    const doc = parseText('a.txt', 'Annual Report 2023\n1. Overview\nThe District operated 14 branches.\n1.1 Scope\n2. Findings: none\n');
    expect(doc.sections.map((s) => [s.number, s.title, s.level, s.children.map((c) => [c.number, c.title, c.level])])).toEqual([
      ['1', 'Overview', 1, [['1.1', 'Scope', 2]]],
      ['2', 'Findings', 1, []],
    ]);
  });
});

describe('parseText: suppressions', () => {
  it('reads a line holding only a suppression comment, and not as narrative', () => {
    const doc = parseText('a.txt', '一、总体情况\n<!-- crossfoot-disable-next-line cn/statement-sums -- 口径不同 -->\n全年公开320条，其中规章2条。\n');
    expect(doc.suppressions).toEqual([{ rules: ['cn/statement-sums'], reason: '口径不同', fromLine: 3, toLine: 3, range: range(2, 1, 2, 63) }]);
  });
});
