import { readFileSync } from 'node:fs';
import type { LineIndex, Range, Row, Table } from '@crossfoot/core';
import { labelKey } from '@crossfoot/core';
import { describe, expect, it, vi } from 'vitest';
import { chunksOf, isPageMark } from '../src/layout-lines.ts';
import { extractNarrative } from '../src/narrative/index.ts';
import { parseText } from '../src/text.ts';
import { growthRatio } from './growth.ts';

/** A cell as JSON gives it (and a saved document keeps it): its range made from where it lies, what it lacks left out. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// The narrative reader has its own tests; here it only records which lines it was given.
vi.mock('../src/narrative/index.ts', () => ({
  extractNarrative: vi.fn(() => ({ statements: [], dates: [] })),
  inferMeta: vi.fn(() => ({})),
}));

const extract = vi.mocked(extractNarrative);
/** Reads a text and the line numbers it handed to the narrative reader. */
const read = (uri: string, text: string) => {
  extract.mockClear();
  const doc = parseText(uri, text);
  return { doc, narrative: extract.mock.calls.map(([index, from]: [LineIndex, number, number, string[]]) => index.position(from).line) };
};

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/layout/${name}`, import.meta.url), 'utf8');
const range = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, column: sc }, end: { line: el, column: ec } });
const row = (table: Table | undefined, label: string): Row => {
  const found = table?.rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label}`);
  return found;
};
/** Each row as `path › label [kind] cells`, with `·` for a blank cell. */
const shape = (table: Table | undefined): string[] =>
  (table?.rows ?? []).map((r) => `${[...r.path, r.label].join(' › ')} [${r.kind}] ${r.cells.map((c) => c.value ?? (c.empty ? '·' : c.text)).join(' ')}`);

describe('a 2021-format table 3 as pdftotext -layout prints it', () => {
  const text = fixture('table3-2021.txt');
  const { doc, narrative } = read('table3.txt', text);
  const table = doc.tables[0];

  it('is one table spanning the page break, in the section it follows', () => {
    expect(doc.tables).toHaveLength(1);
    expect(table?.id).toBe('t1');
    expect(table?.section).toEqual(['收到和处理政府信息公开申请情况']);
    expect(table?.range).toEqual(range(8, 127, 46, 164));
    expect(doc.problems).toEqual([]);
  });

  it('merges the header rows: a group over its columns, headers spanning both rows, the title over all dropped', () => {
    expect(table?.labelHeader).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(table?.columns).toEqual([
      { label: '自然人', kind: 'item', range: range(10, 75, 10, 78) },
      { label: '法人或其他组织/商业企业', kind: 'item', range: range(11, 100, 11, 104) },
      { label: '法人或其他组织/科研机构', kind: 'item', range: range(11, 110, 11, 114) },
      { label: '法人或其他组织/社会公益组织', kind: 'item', range: range(11, 118, 11, 124) },
      { label: '法人或其他组织/法律服务机构', kind: 'item', range: range(11, 126, 11, 132) },
      { label: '法人或其他组织/其他', kind: 'item', range: range(11, 138, 11, 140) },
      { label: '总计', kind: 'total', range: range(10, 157, 10, 159) },
    ]);
  });

  it('reads every row with its path, kind and figures; merged label cells head their blocks', () => {
    const Z = '0 0 0 0 0 0 0';
    const blank = '· · · · · · ·';
    const three = '三、本年度办理结果';
    expect(shape(table)).toEqual([
      `一、本年新收政府信息公开申请数量 [item] 41 5 0 1 2 0 49`,
      `二、上年结转政府信息公开申请数量 [item] 3 0 0 0 0 0 3`,
      `${three} [heading] ${blank}`,
      `${three} › （一）予以公开 [item] 18 2 0 1 1 0 22`,
      `${three} › （二）部分公开（区分处理的，只计这一情形，不计其他情形） [item] 4 1 0 0 0 0 5`,
      `${three} › （三）不予公开 [heading] ${blank}`,
      `${three} › （三）不予公开 › 1.属于国家秘密 [item] ${Z}`,
      `${three} › （三）不予公开 › 2.其他法律行政法规禁止公开 [item] ${Z}`,
      `${three} › （三）不予公开 › 3.危及“三安全一稳定” [item] 1 0 0 0 0 0 1`,
      `${three} › （三）不予公开 › 4.保护第三方合法权益 [item] 2 0 0 0 0 0 2`,
      `${three} › （三）不予公开 › 5.属于三类内部事务信息 [item] ${Z}`,
      `${three} › （三）不予公开 › 6.属于四类过程性信息 [item] 1 0 0 0 0 0 1`,
      `${three} › （三）不予公开 › 7.属于行政执法案卷 [item] ${Z}`,
      `${three} › （三）不予公开 › 8.属于行政查询事项 [item] ${Z}`,
      `${three} › （四）无法提供 [heading] ${blank}`,
      `${three} › （四）无法提供 › 1.本机关不掌握相关政府信息 [item] 9 1 0 0 1 0 11`,
      `${three} › （四）无法提供 › 2.没有现成信息需要另行制作 [item] 1 0 0 0 0 0 1`,
      `${three} › （四）无法提供 › 3.补正后申请内容仍不明确 [item] ${Z}`,
      `${three} › （五）不予处理 [heading] ${blank}`,
      `${three} › （五）不予处理 › 1.信访举报投诉类申请 [item] 2 0 0 0 0 0 2`,
      `${three} › （五）不予处理 › 2.重复申请 [item] 1 0 0 0 0 0 1`,
      `${three} › （五）不予处理 › 3.要求提供公开出版物 [item] ${Z}`,
      `${three} › （五）不予处理 › 4.无正当理由大量、反复申请 [item] ${Z}`,
      `${three} › （五）不予处理 › 5.要求行政机关确认或重新出具已获取信息 [item] ${Z}`,
      `${three} › （六）其他处理 [heading] ${blank}`,
      `${three} › （六）其他处理 › 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 [item] 1 0 0 0 0 0 1`,
      `${three} › （六）其他处理 › 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 [item] ${Z}`,
      `${three} › （六）其他处理 › 3.其他 [item] ${Z}`,
      `${three} › （七）总计 [total] 40 4 0 1 2 0 47`,
      `四、结转下年度继续办理 [item] 4 1 0 0 0 0 5`,
    ]);
  });

  it('gives outline numbers and levels as for any table', () => {
    expect(row(table, '（七）总计')).toMatchObject({ marker: '（七）', number: '(七)', level: 2, kind: 'total', path: ['三、本年度办理结果'] });
    expect(row(table, '3.其他')).toMatchObject({ marker: '3.', number: '3', level: 3 });
  });

  it('points cells at the figures in the original text, in UTF-16 columns', () => {
    const first = row(table, '一、本年新收政府信息公开申请数量');
    expect(asJson(first.cells[0])).toEqual({ text: '41', value: '41', decimals: 0, empty: false, range: range(12, 73, 12, 75) });
    expect(first.cells[6]?.range).toEqual(range(12, 157, 12, 159));
    expect(first.labelRange).toEqual(range(12, 3, 12, 19));
    expect(row(table, '（七）总计').cells.map((c) => c.range)[6]).toEqual(range(45, 168, 45, 170));
    expect(row(table, '（七）总计').cells[0]?.range).toEqual(range(45, 84, 45, 86));
    // Two wide quotation marks before the figures: their offsets are two code units fewer than their display columns.
    expect(row(table, '3.危及“三安全一稳定”').cells[0]?.range).toEqual(range(18, 80, 18, 81));
  });

  it('joins a label wrapped onto a second line that carries the figures', () => {
    const wrapped = row(table, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    expect(wrapped.labelRange).toEqual(range(40, 33, 41, 41));
    expect(wrapped.range).toEqual(range(40, 33, 41, 167));
    expect(wrapped.cells[0]?.range).toEqual(range(41, 82, 41, 83));
    // And one whose figures stand on its first line.
    expect(row(table, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请').labelRange).toEqual(range(42, 26, 43, 46));
  });

  it('joins a merged label printed over two lines beside other rows', () => {
    const three = row(table, '三、本年度办理结果');
    expect(three.labelRange).toEqual(range(25, 3, 26, 7));
    expect(three.cells.every((c) => c.empty && c.text === '')).toBe(true);
    expect(row(table, '（三）不予公开').labelRange).toEqual(range(20, 15, 20, 22));
    expect(row(table, '（五）不予处理').labelRange).toEqual(range(37, 15, 37, 22));
  });

  it('drops the page footer and the header repeated on the next page', () => {
    const lines = text.split('\n');
    expect(lines[31]?.trim()).toBe('- 3 -');
    expect(lines[32]?.startsWith('\f')).toBe(true);
    const rowLines = (table?.rows ?? []).flatMap((r) => [r.range.start.line, r.range.end.line, ...r.cells.map((c) => c.range.start.line)]);
    for (const footerOrHeader of [30, 31, 32, 33, 34, 35, 36]) expect(rowLines).not.toContain(footerOrHeader);
    expect(table?.rows.some((r) => /-\s*3\s*-|申请人情况|自然人/u.test(r.label + r.cells.map((c) => c.text).join('')))).toBe(false);
  });

  it('leaves the lines around the table to sections and narrative, and none of its lines', () => {
    expect(doc.sections.map((s) => `${s.marker}${s.title}`)).toEqual(['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    expect(narrative.filter((n) => n >= 8 && n <= 46)).toEqual([]);
    expect(narrative).toEqual(expect.arrayContaining([1, 3, 4, 6, 48, 50]));
  });

  it('reads the same with Windows line endings', () => {
    const crlf = parseText('table3.txt', text.replace(/\n/g, '\r\n'));
    expect(shape(crlf.tables[0])).toEqual(shape(table));
    expect(crlf.tables[0]?.rows.map((r) => [r.labelRange, r.cells.map((c) => c.range)])).toEqual(
      table?.rows.map((r) => [r.labelRange, r.cells.map((c) => c.range)]),
    );
  });
});

describe('the 2008-era statistics table in layout form', () => {
  const { doc, narrative } = read('statistics.txt', fixture('statistics-2008.txt'));
  const table = doc.tables[0];
  const pipe = parseText('seed.txt', readFileSync(new URL('./fixtures/seed-2018.txt', import.meta.url), 'utf8')).tables[0];

  it('has the caption, label header and columns of the form', () => {
    expect(doc.tables).toHaveLength(1);
    expect(table?.caption).toBe('政府信息公开情况统计表');
    expect(table?.labelHeader).toBe('统计指标');
    expect(table?.columns).toEqual([
      { label: '单位', kind: 'item', range: range(16, 57, 16, 59) },
      { label: '统计数', kind: 'item', range: range(16, 66, 16, 69) },
    ]);
    expect(table?.range).toEqual(range(16, 18, 92, 66));
    expect(doc.problems).toEqual([]);
  });

  it('reads the same rows as the published plain text of the same report: labels, paths, kinds, values and units', () => {
    const essence = (t: Table | undefined) =>
      (t?.rows ?? []).map((r) => [labelKey(r.label), r.path.map(labelKey), r.level, r.kind, r.cells[1]?.value, r.cells[1]?.unit ?? r.cells[0]?.text]);
    expect(table?.rows).toHaveLength(65);
    expect(essence(table)).toEqual(essence(pipe));
  });

  it('joins wrapped labels whether the figures stand on the first line, the last, or a line of their own', () => {
    expect(row(table, '(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)').labelRange).toEqual(range(18, 3, 19, 21));
    expect(row(table, '(一)回应公众关注热点或重大舆情数(不同方式回应同一热点或舆情计1次)').cells[1]?.range).toEqual(range(30, 59, 30, 60));
    const funds = row(table, '(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)');
    expect(funds.labelRange).toEqual(range(86, 3, 88, 21));
    expect(asJson(funds.cells)).toEqual([
      { text: '万元', empty: false, range: range(87, 61, 87, 63) },
      { text: '0', value: '0', decimals: 0, unit: '万元', empty: false, range: range(87, 73, 87, 74) },
    ]);
  });

  it('reads the unit column and its empty marks', () => {
    expect(asJson(row(table, '一、主动公开情况').cells)).toEqual([
      { text: '——', empty: true, range: range(17, 53, 17, 55) },
      { text: '320', value: '320', decimals: 0, empty: false, range: range(17, 64, 17, 67) },
    ]);
    expect(row(table, '(三)接受培训人员数').cells.map((c) => [c.text, c.unit, c.range])).toEqual([
      ['人次', undefined, range(92, 53, 92, 55)],
      ['2', '人次', range(92, 65, 92, 66)],
    ]);
    // A heading row prints its unit mark and leaves the figure blank.
    expect(row(table, '(二)通过不同渠道和方式公开政府信息的情况').cells.map((c) => [c.text, c.empty, c.range])).toEqual([
      ['——', true, range(22, 42, 22, 44)],
      ['', true, range(22, 44, 22, 44)],
    ]);
  });

  it('drops the footer and the running header of the next page, and stops before the sign-off', () => {
    const lines = (table?.rows ?? []).map((r) => r.range.start.line);
    for (const furniture of [72, 73, 74, 75, 76, 93, 94]) expect(lines).not.toContain(furniture);
    expect(table?.rows.at(-1)?.label).toBe('(三)接受培训人员数');
    expect(narrative.filter((n) => n >= 16 && n <= 92)).toEqual([]);
    expect(narrative).toEqual(expect.arrayContaining([93, 94, 96, 97]));
  });
});

describe('page furniture between rows', () => {
  const page = (footer: string) =>
    [
      '                              项目           本年数      上年数',
      '  一、收到申请                                 12          10',
      '  二、办结申请                                  9           8',
      '',
      `                               ${footer}`,
      '\f                              项目           本年数      上年数',
      '  三、结转下年                                  3           2',
    ].join('\n');

  it.each(['-1-', '- 3 -', '— 3 —', '－3－', '第 2 页', '第2页', '共 5 页', '第 2 页 共 5 页', '2/5', 'Page 2 of 5', '2'])(
    'never reads the footer %s as a row',
    (footer) => {
      const doc = parseText('a.txt', page(footer));
      expect(doc.tables).toHaveLength(1);
      expect(shape(doc.tables[0])).toEqual(['一、收到申请 [item] 12 10', '二、办结申请 [item] 9 8', '三、结转下年 [item] 3 2']);
      expect(doc.tables[0]?.columns.map((c) => c.label)).toEqual(['本年数', '上年数']);
      expect(doc.tables[0]?.labelHeader).toBe('项目');
      expect(doc.problems).toEqual([]);
    },
  );

  it.each(['-1-', '— 3 —', '第 2 页', '共 5 页', '第 2 页 共 5 页', 'Page 3', '3 / 12'])('knows %s as a page mark', (line) => {
    expect(isPageMark(line)).toBe(true);
  });

  it.each(['- 3 件', '第二页', '共计 5 件', '3', '一、总体情况', '2021年'])('does not take %s for a page mark', (line) => {
    expect(isPageMark(line)).toBe(false);
  });
});

describe('what is not a layout table', () => {
  it('leaves narrative with wide spaces, a signature block and a lone line of figures alone', () => {
    const doc = parseText(
      'a.txt',
      [
        '一、总体情况',
        '    本年度共收到申请  12  件，办结  10  件。',
        '单位负责人：陶敏                    联系电话：5029123',
        '                                             2022年1月20日',
      ].join('\n'),
    );
    expect(doc.tables).toEqual([]);
    expect(doc.sections).toHaveLength(1);
  });

  it('keeps loose pipe tables as they were, beside a layout table', () => {
    const doc = parseText(
      'a.txt',
      [
        '统计指标 | 单位 | 统计数 |',
        '一、主动公开情况 | 条 | 320 |',
        '二、回应解读情况 | 次 | 4 |',
        '',
        '  信息内容          本年制发件数    本年废止件数    现行有效件数',
        '  规章                    0               0               0',
        '  行政规范性文件          3               1              18',
      ].join('\n'),
    );
    expect(doc.tables.map((t) => [t.id, t.columns.map((c) => c.label), shape(t)])).toEqual([
      ['t1', ['单位', '统计数'], ['一、主动公开情况 [item] 条 320', '二、回应解读情况 [item] 次 4']],
      ['t2', ['本年制发件数', '本年废止件数', '现行有效件数'], ['规章 [item] 0 0 0', '行政规范性文件 [item] 3 1 18']],
    ]);
    expect(doc.tables[1]?.labelHeader).toBe('信息内容');
  });
});

describe('a Western statement in layout form', () => {
  const doc = parseText(
    'statement.txt',
    [
      '                         Riverside Community Foundation',
      '                   Statement of Activities for the year ended 30 June 2024',
      '',
      '                                                  Note          2024          2023',
      '                                                                   $             $',
      '  Revenue',
      '  Grants and donations                               3       1,204,500     1,088,200',
      '  Investment income                                  4          86,310        71,955',
      '  Total revenue                                              1,290,810     1,160,155',
      '',
      '  Expenses',
      '  Program services                                   5         954,000       902,410',
      '  Management and general                                       121,660       118,300',
      '  Total expenses                                             1,075,660     1,020,710',
    ].join('\n'),
  );
  const table = doc.tables[0];

  it('takes the years over the columns as their header, with the line of units under them', () => {
    expect(table?.caption).toBe('Statement of Activities for the year ended 30 June 2024');
    expect(table?.columns.map((c) => c.label)).toEqual(['Note', '2024 $', '2023 $']);
  });

  it('reads headings without figures as rows of their own, with blank cells', () => {
    expect(shape(table)).toEqual([
      'Revenue [item] · · ·',
      'Grants and donations [item] 3 1204500 1088200',
      'Investment income [item] 4 86310 71955',
      'Total revenue [total] · 1290810 1160155',
      'Expenses [item] · · ·',
      'Program services [item] 5 954000 902410',
      'Management and general [item] · 121660 118300',
      'Total expenses [total] · 1075660 1020710',
    ]);
  });
});

describe('chunks of a layout line', () => {
  it('splits at two blank columns, counting CJK as two columns and offsets in UTF-16 code units', () => {
    const line = '统计 数  𠮷田    12　3';
    expect(chunksOf(line, 0, line.length).map((c) => [c.text, c.col, c.colEnd, c.start, c.end])).toEqual([
      ['统计 数', 0, 7, 0, 4],
      ['𠮷田', 9, 13, 6, 9],
      ['12', 17, 19, 13, 15],
      ['3', 21, 22, 16, 17],
    ]);
  });
});

describe('robustness', () => {
  it('reads a long layout report in linear time: 4× the pages take well under 8× the time', () => {
    const page = fixture('table3-2021.txt');
    const text = (copies: number) => Array.from({ length: copies }, () => page).join('\n');
    for (const copies of [5, 20, 80]) expect(parseText('long.txt', text(copies)).tables.length).toBe(copies);
    const ratio = growthRatio((t) => parseText('long.txt', t), text(20), text(80), 8);
    expect(ratio).toBeLessThan(8);
  });

  it('never throws on ragged spacing, form feeds and stray figures', () => {
    // No `|`: every table here is a layout table, whose rows have a cell in every column.
    const pieces = [
      '一、',
      '（二）',
      '3.',
      '其中：',
      '合计',
      '申请',
      '𠮷',
      '  ',
      '     ',
      '12',
      '1,234',
      '——',
      '\f',
      '- 3 -',
      '件',
      '2023',
      '（',
      '\n',
      '\n',
      '\r\n',
      '\t',
      '　',
    ];
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state;
    };
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let k = next() % 150; k > 0; k--) text += pieces[next() % pieces.length];
      const doc = parseText('odd.txt', text);
      expect(doc.problems.filter((p) => p.code === 'internal')).toEqual([]);
      for (const t of doc.tables) for (const r of t.rows) expect(r.cells).toHaveLength(t.columns.length);
    }
  });
});
