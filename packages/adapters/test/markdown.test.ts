import { readFileSync } from 'node:fs';
import type { Range, Row, Table } from '@crossfoot/core';
import { describe, expect, it, vi } from 'vitest';
import { parseMarkdown } from '../src/index.ts';

/** A cell as JSON gives it (and a saved document keeps it): its range made from where it lies, what it lacks left out. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// The narrative reader has its own tests; here it finds nothing, so only what this adapter reads is asserted.
vi.mock('../src/narrative/index.ts', () => ({
  extractNarrative: () => ({ statements: [], dates: [] }),
  inferMeta: () => ({}),
}));

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const range = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, column: sc },
  end: { line: el, column: ec },
});
const row = (table: Table | undefined, label: string): Row => {
  const found = table?.rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label}`);
  return found;
};

describe('parseMarkdown: a 2021-format report with front matter', () => {
  const doc = parseMarkdown('reports/2021.md', fixture('report-2021.md'));

  it('reads front matter into meta with the ranges of the values', () => {
    expect(doc.format).toBe('markdown');
    expect(doc.uri).toBe('reports/2021.md');
    expect(doc.meta.title).toEqual({ value: '临川市生态环境局2021年政府信息公开工作年度报告', range: range(2, 8, 2, 33) });
    expect(doc.meta.issuer).toEqual({ value: '临川市生态环境局', range: range(3, 9, 3, 17) });
    expect(doc.meta.period).toEqual({ value: { start: '2021-01-01', end: '2021-12-31' }, range: range(5, 3, 6, 18) });
    expect(doc.meta.published).toEqual({ value: '2022-01-20', range: range(7, 12, 7, 22) });
    expect(doc.meta.packs).toEqual({ value: ['cn-gov-disclosure'], range: range(8, 8, 8, 27) });
    expect(doc.meta.year).toEqual({ value: 2021, range: range(5, 3, 6, 18) });
  });

  it('has no problems', () => {
    expect(doc.problems).toEqual([]);
  });

  it('takes the single H1 for the title and the six numbered headings for sections', () => {
    expect(doc.sections.map((s) => [s.marker, s.number, s.title, s.level])).toEqual([
      ['一、', '一', '总体情况', 1],
      ['二、', '二', '主动公开政府信息情况', 1],
      ['三、', '三', '收到和处理政府信息公开申请情况', 1],
      ['四、', '四', '政府信息公开行政复议、行政诉讼情况', 1],
      ['五、', '五', '存在的主要问题及改进情况', 1],
      ['六、', '六', '其他需要报告的事项', 1],
    ]);
    const first = doc.sections[0];
    expect(first?.range).toEqual(range(15, 1, 15, 10));
    expect(first?.extent).toEqual(range(15, 1, 24, 56));
    expect(doc.sections[5]?.extent).toEqual(range(88, 1, 94, 11));
  });

  it('makes numbered paragraphs sections where no heading uses their numbering', () => {
    const children = doc.sections[0]?.children ?? [];
    expect(children.map((s) => [s.marker, s.number, s.title, s.level])).toEqual([
      ['（一）', '(一)', '主动公开', 2],
      ['（二）', '(二)', '依申请公开', 2],
      ['（三）', '(三)', '政府信息管理', 2],
    ]);
    expect(children[0]?.range).toEqual(range(19, 1, 19, 8));
    expect(children[0]?.extent).toEqual(range(19, 1, 19, 65));
  });

  it('reads the GFM tables with their sections and captions', () => {
    expect(doc.tables.map((t) => [t.id, t.caption, t.section, t.labelHeader, t.rows.length])).toEqual([
      ['t1', undefined, ['主动公开政府信息情况'], '信息内容', 2],
      ['t2', undefined, ['主动公开政府信息情况'], '信息内容', 1],
      [
        't3',
        '收到和处理政府信息公开申请情况表',
        ['收到和处理政府信息公开申请情况'],
        '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
        30,
      ],
      ['t4', undefined, ['政府信息公开行政复议、行政诉讼情况'], '项目', 1],
    ]);
  });

  it('keeps flattened 2-D headers as written and marks the 总计 columns', () => {
    const t3 = doc.tables[2];
    expect(t3?.columns.map((c) => [c.label, c.kind])).toEqual([
      ['自然人', 'item'],
      ['法人或其他组织/商业企业', 'item'],
      ['法人或其他组织/科研机构', 'item'],
      ['法人或其他组织/社会公益组织', 'item'],
      ['法人或其他组织/法律服务机构', 'item'],
      ['法人或其他组织/其他', 'item'],
      ['总计', 'total'],
    ]);
    const t4 = doc.tables[3];
    expect(t4?.columns.filter((c) => c.kind === 'total').map((c) => c.label)).toEqual([
      '行政复议/总计',
      '行政诉讼/未经复议直接起诉/总计',
      '行政诉讼/复议后起诉/总计',
    ]);
    expect(t3?.columns[0]?.range).toEqual(range(41, 40, 41, 43));
  });

  it('places every row of table 3 in its outline', () => {
    const t3 = doc.tables[2];
    expect(row(t3, '三、本年度办理结果')).toMatchObject({ kind: 'heading', level: 1, path: [], marker: '三、', number: '三' });
    expect(row(t3, '（三）不予公开')).toMatchObject({ kind: 'heading', level: 2, path: ['三、本年度办理结果'], number: '(三)' });
    expect(row(t3, '1.属于国家秘密')).toMatchObject({
      kind: 'item',
      level: 3,
      path: ['三、本年度办理结果', '（三）不予公开'],
      marker: '1.',
      number: '1',
    });
    expect(row(t3, '3.补正后申请内容仍不明确').path).toEqual(['三、本年度办理结果', '（四）无法提供']);
    expect(row(t3, '（七）总计')).toMatchObject({ kind: 'total', level: 2, path: ['三、本年度办理结果'] });
    expect(row(t3, '四、结转下年度继续办理')).toMatchObject({ kind: 'item', level: 1, path: [] });
    const parent = row(t3, '1.属于国家秘密').parent;
    expect(parent === undefined ? undefined : t3?.rows[parent]?.label).toBe('（三）不予公开');
  });

  it('reads cells: values, empties and exact ranges', () => {
    const t3 = doc.tables[2];
    const first = row(t3, '一、本年新收政府信息公开申请数量');
    expect(first.labelRange).toEqual(range(43, 3, 43, 19));
    expect(first.range).toEqual(range(43, 1, 43, 51));
    expect(first.cells.map((c) => c.value)).toEqual(['41', '5', '0', '1', '2', '0', '49']);
    expect(asJson(first.cells[0])).toEqual({ text: '41', value: '41', decimals: 0, empty: false, range: range(43, 22, 43, 24) });
    const heading = row(t3, '三、本年度办理结果');
    expect(heading.cells).toHaveLength(7);
    expect(heading.cells.every((c) => c.empty && c.text === '' && c.value === undefined)).toBe(true);
    expect(row(doc.tables[1], '行政事业性收费').cells[0]).toMatchObject({ value: '12.50', decimals: 2, unit: '万元' });
  });

  it('reads suppression comments', () => {
    expect(doc.suppressions).toEqual([
      {
        rules: ['cn-gov-disclosure/statement-sums'],
        reason: '分项口径有交叉',
        fromLine: 24,
        toLine: 24,
        range: range(23, 1, 23, 81),
      },
      { rules: ['cn-gov-disclosure/date-in-period'], fromLine: 82, toLine: 86, range: range(82, 1, 82, 60) },
    ]);
  });
});

describe('parseMarkdown: an English report', () => {
  const doc = parseMarkdown('annual-report-en.md', fixture('annual-report-en.md'));

  it('accepts a period string and warns about unknown keys', () => {
    expect(doc.meta.period).toEqual({ value: { start: '2023-07-01', end: '2024-06-30' }, range: range(4, 9, 4, 30) });
    expect(doc.meta.year).toBeUndefined();
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0]).toMatchObject({ code: 'front-matter', severity: 'warning', range: range(7, 1, 7, 16) });
    expect(doc.problems[0]?.message.en).toContain('fiscal-year-end');
  });

  it('numbers sections from Western headings, relative to the shallowest one', () => {
    expect(doc.sections.map((s) => [s.marker, s.number, s.title, s.level, s.children.map((c) => [c.number, c.title, c.level])])).toEqual([
      ['1.', '1', 'Overview', 1, [['1.1', 'Scope', 2]]],
      ['2.', '2', 'Financial statements', 1, []],
    ]);
  });

  it('reads Western outlines, thousands separators, accounting negatives and currency columns', () => {
    const [revenues, staffing] = doc.tables;
    expect(revenues?.caption).toBe('Statement of Revenues');
    expect(staffing?.caption).toBe('Table 2: Staffing');
    expect(revenues?.rows.map((r) => [r.number, r.level, r.kind, r.path])).toEqual([
      ['1', 1, 'item', []],
      ['1.1', 2, 'item', ['1 Intergovernmental']],
      ['1.2', 2, 'item', ['1 Intergovernmental']],
      ['2', 1, 'item', []],
      ['3', 1, 'item', []],
      ['', 1, 'total', []],
    ]);
    expect(row(revenues, '3 Investment income').cells[0]).toMatchObject({ value: '-12400.00', decimals: 2, unit: 'USD' });
    expect(row(revenues, '1 Intergovernmental').cells[1]).toMatchObject({ value: '4002100.00', unit: 'USD' });
    expect(row(staffing, 'Librarians').cells.map((c) => [c.value, c.decimals, c.unit])).toEqual([
      ['38', 0, undefined],
      ['52.8', 1, '%'],
    ]);
  });
});

describe('parseMarkdown: tables', () => {
  it('reports a row with fewer cells than the header and keeps the missing cells absent', () => {
    const doc = parseMarkdown('a.md', '| 项目 | 自然人 | 总计 |\n| --- | --- | --- |\n| 一、本年新收政府信息公开申请数量 | 3 |\n');
    const r = doc.tables[0]?.rows[0];
    expect(r?.cells.map((c) => c.value)).toEqual(['3']);
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'ragged-row', severity: 'warning', range: range(3, 1, 3, 25) })]);
  });

  it('counts columns in UTF-16 code units after an astral character', () => {
    const doc = parseMarkdown('a.md', '| 姓名 | 件数 |\n| --- | --- |\n| 𠮷田 | 12 |\n| 𠮷 | 12件5 |\n');
    const [first, second] = doc.tables[0]?.rows ?? [];
    expect(first?.labelRange).toEqual(range(3, 3, 3, 6));
    expect(first?.cells[0]?.range).toEqual(range(3, 9, 3, 11));
    expect(second?.cells[0]?.value).toBeUndefined();
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'unreadable-number', severity: 'error', range: range(4, 8, 4, 12) })]);
    expect(doc.problems[0]?.message['zh-CN']).toBe('无法读取数字“12件5”');
  });

  it('attaches the unit of a 单位 column to the numbers of its row', () => {
    const doc = parseMarkdown(
      'a.md',
      '| 统计指标 | 单位 | 统计数 |\n| --- | --- | --- |\n| 一、主动公开情况 | —— | 320 |\n| （一）主动公开政府信息数 | 条 | 320 |\n| 七、依申请公开信息收取的费用 | 万元 | 0.25 |\n',
    );
    expect(doc.tables[0]?.rows.map((r) => r.cells.map((c) => [c.text, c.empty, c.value, c.unit]))).toEqual([
      [
        ['——', true, undefined, undefined],
        ['320', false, '320', undefined],
      ],
      [
        ['条', false, undefined, undefined],
        ['320', false, '320', '条'],
      ],
      [
        ['万元', false, undefined, undefined],
        ['0.25', false, '0.25', '万元'],
      ],
    ]);
  });

  it('takes no caption from narrative that only mentions a table', () => {
    const doc = parseMarkdown('a.md', '详见下表：\n\n| 项目 | 件数 |\n| --- | --- |\n| 规章 | 0 |\n');
    expect(doc.tables[0]?.caption).toBeUndefined();
  });
});

describe('parseMarkdown: front matter problems', () => {
  it('reports unterminated front matter at its opening fence and still reads the rest', () => {
    const doc = parseMarkdown('a.md', '---\ntitle: 报告\n\n## 一、总体情况\n\n正文。\n');
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'front-matter', severity: 'error', range: range(1, 1, 1, 4) })]);
    expect(doc.sections.map((s) => s.title)).toEqual(['总体情况']);
    expect(doc.meta).toEqual({});
  });

  it('locates YAML syntax errors', () => {
    const doc = parseMarkdown('a.md', '---\ntitle: 报告\nissuer: 某局\nx: : y\n---\n');
    expect(doc.problems.length).toBeGreaterThan(0);
    expect(doc.problems.every((p) => p.code === 'front-matter' && p.severity === 'error')).toBe(true);
    expect(doc.problems[0]?.range.start.line).toBe(4);
    expect(doc.meta).toEqual({});
  });

  it('puts an error found only at the end of the YAML over the whole block', () => {
    const doc = parseMarkdown('a.md', '---\ntitle: "未闭合\nissuer: 某局\n---\n\n正文\n');
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'front-matter', range: range(2, 1, 3, 11) })]);
    expect(doc.problems[0]?.message.en).toBe('YAML front matter syntax error: Missing closing "quote');
  });

  it('locates each schema violation at its value', () => {
    const doc = parseMarkdown('a.md', '---\nyear: 二〇二一\npublished: 2022/01/20\nperiod:\n  start: 2021-01-01\npacks: cn-gov\ntitle: 报告\n---\n');
    expect(doc.problems.map((p) => [p.code, p.severity, p.range, p.message.en])).toEqual([
      ['front-matter', 'error', range(2, 7, 2, 11), 'Front matter `year` must be a four-digit integer year'],
      ['front-matter', 'error', range(3, 12, 3, 22), 'Front matter `published` must be an ISO date, yyyy-mm-dd'],
      ['front-matter', 'error', range(5, 3, 5, 20), 'Front matter `period` must be {start, end} ISO dates or a string like 2024-01-01/2024-12-31'],
      ['front-matter', 'error', range(6, 8, 6, 14), 'Front matter `packs` must be a list of rule pack ids'],
    ]);
    expect(doc.meta).toEqual({ title: { value: '报告', range: range(7, 8, 7, 10) } });
  });

  it('rejects dates that do not exist and periods that end before they start', () => {
    const doc = parseMarkdown('a.md', '---\nperiod: 2021-02-30/2021-12-31\npublished: 2022-13-01\n---\n');
    expect(doc.problems.map((p) => [p.range, p.message.en])).toEqual([
      [range(2, 9, 2, 30), 'The date 2021-02-30 does not exist'],
      [range(3, 12, 3, 22), 'The date 2022-13-01 does not exist'],
    ]);
    const reversed = parseMarkdown('a.md', '---\nperiod: {start: 2021-12-31, end: 2021-01-01}\n---\n');
    expect(reversed.problems.map((p) => p.message.en)).toEqual(['The period ends (2021-01-01) before it starts (2021-12-31)']);
    expect(reversed.meta.period).toBeUndefined();
  });

  it('wants a mapping', () => {
    const doc = parseMarkdown('a.md', '---\n- a\n- b\n---\n');
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'front-matter', range: range(2, 1, 3, 4) })]);
  });

  it('keeps ranges right after a byte order mark', () => {
    const doc = parseMarkdown('a.md', '\uFEFF---\ntitle: 报告\n---\n\n## 一、总体情况\n');
    expect(doc.meta.title).toEqual({ value: '报告', range: range(2, 8, 2, 10) });
    expect(doc.sections[0]?.range).toEqual(range(5, 1, 5, 10));
    const heading = parseMarkdown('a.md', '\uFEFF# 年度报告\n');
    expect(heading.meta.title).toEqual({ value: '年度报告', range: range(1, 4, 1, 8) });
  });
});

describe('parseMarkdown: outline', () => {
  it('makes H1s sections when there is more than one', () => {
    const doc = parseMarkdown('a.md', '# 一、总体情况\n\n## （一）主动公开\n\n# 二、主动公开政府信息情况\n');
    expect(doc.meta.title).toBeUndefined();
    expect(doc.sections.map((s) => [s.title, s.level, s.children.map((c) => [c.title, c.level])])).toEqual([
      ['总体情况', 1, [['主动公开', 2]]],
      ['主动公开政府信息情况', 1, []],
    ]);
  });

  it('reads a Markdown report written as numbered paragraphs', () => {
    const doc = parseMarkdown(
      'a.md',
      '一、总体情况\n\n（一）主动公开。全年公开信息320条。\n\n1、加强领导。成立专门机构。\n\n（二）依申请公开\n\n二、存在的主要问题及改进情况\n',
    );
    const shape = (s: (typeof doc.sections)[number]): unknown => [s.number, s.title, s.level, s.children.map(shape)];
    expect(doc.sections.map(shape)).toEqual([
      [
        '一',
        '总体情况',
        1,
        [
          ['(一)', '主动公开', 2, [['1', '加强领导', 3, []]]],
          ['(二)', '依申请公开', 2, []],
        ],
      ],
      ['二', '存在的主要问题及改进情况', 1, []],
    ]);
    expect(doc.sections[0]?.extent).toEqual(range(1, 1, 7, 9));
  });
});

describe('parseMarkdown: suppressions', () => {
  it('covers the next non-blank line, a block, and the rest of the file when unclosed', () => {
    const text = [
      '<!-- crossfoot-disable-next-line a/b c/d -->',
      '',
      '第一段。',
      '<!-- crossfoot-disable a/x a/y -- 口径不同 -->',
      '第二段。',
      '<!-- crossfoot-enable a/x -->',
      '第三段。<!-- crossfoot-disable -->',
      '',
      '第四段。',
    ].join('\n');
    const doc = parseMarkdown('a.md', text);
    expect(doc.suppressions.map((s) => [s.rules, s.fromLine, s.toLine, s.reason, s.range])).toEqual([
      [['a/b', 'c/d'], 3, 3, undefined, range(1, 1, 1, 45)],
      [['a/x'], 4, 6, '口径不同', range(4, 1, 4, 43)],
      [['a/y'], 4, 9, '口径不同', range(4, 1, 4, 43)],
      [[], 7, 9, undefined, range(7, 5, 7, 31)],
    ]);
  });

  it('ignores other comments', () => {
    const doc = parseMarkdown('a.md', '<!-- 说明：本报告 -->\n\n<!-- crossfoot disable -->\n正文\n');
    expect(doc.suppressions).toEqual([]);
  });
});
