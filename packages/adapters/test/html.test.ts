import { readFileSync } from 'node:fs';
import type { Range, ReportDocument, Row, Table } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/html.ts';
import { MAX_SLOTS } from '../src/html-table.ts';
import { parseMarkdown } from '../src/markdown.ts';
import { parseText } from '../src/text.ts';

/** A cell as JSON gives it (and a saved document keeps it): its range made from where it lies, what it lacks left out. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const range = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, column: sc }, end: { line: el, column: ec } });

/** What a range covers in the source, for readable assertions next to the exact positions. */
const slice = (text: string, r: Range): string => {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return (lines[r.start.line - 1] ?? '').slice(r.start.column - 1, r.end.column - 1);
  return [
    (lines[r.start.line - 1] ?? '').slice(r.start.column - 1),
    ...lines.slice(r.start.line, r.end.line - 1),
    (lines[r.end.line - 1] ?? '').slice(0, r.end.column - 1),
  ].join('\n');
};

/** Everything a document says, without where it says it. */
const facts = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'range' || key === 'labelRange' || key === 'extent' ? undefined : v)));

/** A row's place in its table's outline and its figures; trailing blank cells dropped (a heading row has none in HTML). */
const outline = (table: Table | undefined) =>
  table?.rows.map((r: Row) => {
    const values = r.cells.map((c) => (c.value === undefined ? null : `${c.value}${c.unit ?? ''}`));
    while (values.length > 0 && values.at(-1) === null && r.cells[values.length - 1]?.empty) values.pop();
    return { label: r.label, marker: r.marker, number: r.number, level: r.level, kind: r.kind, path: r.path, parent: r.parent, values };
  });

const row = (table: Table | undefined, label: string): Row => {
  const found = table?.rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label}`);
  return found;
};

describe('parseHtml: the 2021 report as its site publishes it', () => {
  const html = fixture('html/report-2021.html');
  const doc = parseHtml('reports/2021.html', html);
  const markdown = parseMarkdown('reports/2021.md', fixture('report-2021.md'));

  it('reads the title from the h1, the rest of the meta from the text', () => {
    expect(doc.format).toBe('html');
    expect(doc.meta.title).toEqual({ value: '临川市生态环境局2021年政府信息公开工作年度报告', range: range(20, 5, 20, 30) });
    expect(doc.meta.issuer?.value).toBe('临川市生态环境局');
    expect(doc.meta.year?.value).toBe(2021);
    expect(doc.meta.period?.value).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(slice(html, doc.meta.period?.range as Range)).toBe('2021年1月1日至2021年12月31日');
    expect(doc.meta.published?.value).toBe('2022-01-20');
    expect(doc.meta.published?.range).toEqual(range(111, 42, 111, 52));
    expect(doc.problems).toEqual([]);
  });

  it('skips scripts, navigation, the site header and footer and the lines printed around the article', () => {
    const words = JSON.stringify([doc.statements, doc.dates, doc.sections]);
    for (const chrome of ['浏览量', '当前位置', '信息公开 &gt;', '字号', '打印本页', '主办单位', 'ICP']) expect(words).not.toContain(chrome);
    // The article's info line (发布日期：2022-01-20 …) is not a date of the report; the signature is.
    expect(doc.dates.map((d) => d.text)).toEqual(['2021年1月1日至2021年12月31日', '2021年', '2022年', '2022年3月', '2022年1月20日']);
  });

  it('reads sections from the h2 headings and the numbered paragraphs under them', () => {
    expect(facts(doc.sections)).toEqual(facts(markdown.sections));
    const [first] = doc.sections;
    expect(first?.range).toEqual(range(26, 5, 26, 11));
    expect(slice(html, first?.extent as Range)).toMatch(/^一、总体情况<\/h2>[\s\S]*涉及项目审批信息审查150次。$/u);
    expect(first?.children[0]?.range).toEqual(range(28, 4, 28, 11));
    expect(slice(html, first?.children[0]?.range as Range)).toBe('（一）主动公开');
  });

  it('reads the same statements as the Markdown version, with ranges in the HTML', () => {
    expect(facts(doc.statements)).toEqual(facts(markdown.statements));
    const published = doc.statements[0];
    expect(published?.total.range).toEqual(range(28, 28, 28, 34));
    expect(slice(html, published?.total.range as Range)).toBe('1,268条');
    expect(published?.parts.map((p) => slice(html, p.range))).toEqual(['32条', '215条', '1,021条']);
  });

  it('finds the four tables in their sections, captioned by the bold line above table 3', () => {
    expect(doc.tables.map((t) => [t.id, t.section, t.caption])).toEqual([
      ['t1', ['主动公开政府信息情况'], undefined],
      ['t2', ['主动公开政府信息情况'], undefined],
      ['t3', ['收到和处理政府信息公开申请情况'], '收到和处理政府信息公开申请情况'],
      ['t4', ['政府信息公开行政复议、行政诉讼情况'], undefined],
    ]);
    expect(facts(doc.tables.slice(0, 2))).toEqual(facts(markdown.tables.slice(0, 2)));
    expect(doc.tables[1]?.rows[0]?.cells[0]).toMatchObject({ value: '12.50', decimals: 2, unit: '万元' });
  });

  it('flattens the three header rows of table 3: one label per column, 申请人情况 spanning them all dropped', () => {
    const t3 = doc.tables[2];
    expect(t3?.labelHeader).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(t3?.columns.map((c) => [c.label, c.kind])).toEqual(markdown.tables[2]?.columns.map((c) => [c.label, c.kind]));
    expect(t3?.columns[1]?.range).toEqual(range(60, 1, 60, 40));
    expect(slice(html, t3?.columns[1]?.range as Range)).toBe('<td><p align="center">商业<br>企业</p></td>');
    expect(t3?.columns[0]?.range).toEqual(range(55, 1, 55, 78));
    expect(slice(html, t3?.columns[0]?.range as Range)).toContain('<span>自然人</span>');
  });

  it('reads labels spanning rows into the outline the Markdown version gives', () => {
    const t3 = doc.tables[2];
    expect(outline(t3)).toEqual(outline(markdown.tables[2]));
    const refused = row(t3, '（三）不予公开');
    expect(refused).toMatchObject({ kind: 'heading', level: 2, path: ['三、本年度办理结果'], cells: [] });
    expect(refused.labelRange).toEqual(range(71, 5, 71, 33));
    expect(t3?.rows.filter((r) => r.parent === t3.rows.indexOf(refused)).map((r) => r.label)).toEqual([
      '1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
      '3.危及“三安全一稳定”',
      '4.保护第三方合法权益',
      '5.属于三类内部事务信息',
      '6.属于四类过程性信息',
      '7.属于行政执法案卷',
      '8.属于行政查询事项',
    ]);
    // Source lines wrapped between two Chinese characters, and a <br> after 、, read as one label.
    expect(row(t3, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）').level).toBe(2);
    expect(row(t3, '1.申请人无正当理由逾期不补正、行政机关不再处理').path).toEqual(['三、本年度办理结果', '（六）其他处理']);
  });

  it('points cell ranges at the <td>', () => {
    const first = row(doc.tables[2], '一、本年新收政府信息公开申请数量');
    expect(first.labelRange).toEqual(range(66, 5, 66, 42));
    expect(asJson(first.cells[0])).toEqual({ text: '41', value: '41', decimals: 0, empty: false, range: range(66, 42, 66, 53) });
    expect(slice(html, first.cells[6]?.range as Range)).toBe('<td>49</td>');
    expect(first.range).toEqual(range(66, 1, 66, 119));
    expect(slice(html, first.range)).toMatch(/^<tr>.*<\/tr>$/u);
  });

  it('reads table 4, which has no label column, with the Markdown version’s fifteen columns', () => {
    const t4 = doc.tables[3];
    expect(t4?.columns.map((c) => [c.label, c.kind])).toEqual(markdown.tables[3]?.columns.map((c) => [c.label, c.kind]));
    expect(t4?.rows.map((r) => [r.label, r.cells.map((c) => c.value)])).toEqual([
      ['', ['2', '0', '0', '1', '3', '1', '0', '0', '0', '1', '0', '0', '0', '0', '0']],
    ]);
    expect(slice(html, t4?.columns[5]?.range as Range)).toBe('<td>结果维持</td>');
  });

  it('reads suppression comments with their HTML lines', () => {
    expect(doc.suppressions.map((s) => [s.rules, s.fromLine, s.toLine, s.reason])).toEqual([
      [['cn-gov-disclosure/statement-sums'], 31, 31, '分项口径有交叉'],
      [['cn-gov-disclosure/date-in-period'], 104, 107, undefined],
    ]);
    expect(doc.suppressions[0]?.range).toEqual(range(30, 1, 30, 81));
  });
});

describe('parseHtml: the seed report rendered as a web page', () => {
  const html = fixture('html/seed-2018.html');
  const doc = parseHtml('reports/2018.html', html);
  const text = parseText('reports/2018.txt', fixture('seed-2018.txt'));

  it('gives the statements, dates, sections and meta the plain-text version gives', () => {
    expect(doc.statements.length).toBe(11);
    expect(facts(doc.statements)).toEqual(facts(text.statements));
    expect(facts(doc.dates)).toEqual(facts(text.dates));
    expect(facts(doc.sections)).toEqual(facts(text.sections));
    expect(facts(doc.meta)).toEqual(facts(text.meta));
    expect(doc.meta.period?.value).toEqual({ start: '2018-01-01', end: '2018-12-30' });
    expect(doc.problems).toEqual([]);
  });

  it('gives the statistics table the plain-text version gives: labels, paths, kinds, values and units', () => {
    const [table] = doc.tables;
    const [plain] = text.tables;
    expect(doc.tables).toHaveLength(1);
    expect(table?.rows).toHaveLength(65);
    expect(outline(table)).toEqual(outline(plain));
    expect([table?.caption, table?.labelHeader, table?.columns.map((c) => c.label), table?.section]).toEqual([
      plain?.caption,
      plain?.labelHeader,
      plain?.columns.map((c) => c.label),
      plain?.section,
    ]);
  });

  it('maps ranges through markup and entities into the HTML', () => {
    const published = doc.statements.find((s) => s.total.value === '320');
    // <span>…共<span lang="EN-US">320</span>条
    expect(published?.total.range).toEqual(range(26, 89, 26, 100));
    expect(slice(html, published?.total.range as Range)).toBe('320</span>条');
    expect(slice(html, published?.parts[1]?.range as Range)).toBe('48</span>条');
    // The paragraph wraps onto line 27 between two Chinese characters: no space is read there.
    expect(published?.text).toContain('政务公开栏目更新信息48条');
    const staff = doc.statements.find((s) => s.total.label.includes('兼职人员'));
    expect(slice(html, staff?.total.range as Range)).toBe('2人');
    // The title comes from <title>, without the site's name.
    expect(doc.meta.title?.range).toEqual(range(5, 8, 5, 36));
    const cell = row(doc.tables[0], '2.兼职人员数').cells[1];
    expect(slice(html, cell?.range as Range)).toBe('<td>2</td>');
  });
});

describe('parseHtml: text, entities and positions', () => {
  it('counts columns in UTF-16 code units: 𠮷 before a figure takes two', () => {
    const doc = parseHtml('a.html', '<p>𠮷共收到申请35件。</p>');
    expect(doc.statements[0]?.total).toMatchObject({ value: '35', unit: '件', range: range(1, 11, 1, 14) });
  });

  it('maps figures after entities back to the source: &nbsp; &amp; and a character reference', () => {
    const source = '<p>a&nbsp;&amp;b共收到申请&#x20BB7;35件。</p>';
    const doc = parseHtml('a.html', source);
    expect(doc.statements[0]?.total.range).toEqual(range(1, 31, 1, 34));
    expect(slice(source, doc.statements[0]?.total.range as Range)).toBe('35件');
  });

  it('keeps offsets after a byte order mark and CRLF line ends', () => {
    const doc = parseHtml('a.html', '\uFEFF<!DOCTYPE html>\r\n<html><body>\r\n<p>全年共收到申请\r\n35件。</p></body></html>');
    expect(doc.statements[0]?.total.range).toEqual(range(4, 1, 4, 4));
  });

  it('takes the title from <title> without the site name when there is no h1', () => {
    const source = '<html><head><title>某某区司法局2023年政府信息公开工作年度报告_某某区人民政府</title></head><body><p>正文</p></body></html>';
    const doc = parseHtml('a.html', source);
    expect(doc.meta.title).toEqual({ value: '某某区司法局2023年政府信息公开工作年度报告', range: range(1, 20, 1, 43) });
    expect(doc.meta.issuer?.value).toBe('某某区司法局');
    expect(doc.meta.year).toEqual({ value: 2023, range: range(1, 26, 1, 31) });
  });

  it('skips hidden elements and reads layout tables as containers of paragraphs', () => {
    const source = [
      '<table class="layout"><tr><td>',
      '<p>全年共收到申请35件。</p>',
      '<div style="display:none"><p>全年共收到申请99件。</p></div>',
      '<p hidden>共有88件</p><p aria-hidden="true">共有77件</p>',
      '<table><caption>申请情况统计表</caption><tr><th>项目</th><th>数量</th></tr><tr><td>一、收到申请</td><td>35</td></tr></table>',
      '</td></tr></table>',
    ].join('\n');
    const doc = parseHtml('a.html', source);
    expect(doc.statements.map((s) => s.total.value)).toEqual(['35']);
    expect(doc.tables.map((t) => [t.caption, t.labelHeader, t.columns.map((c) => c.label), t.rows.map((r) => r.label)])).toEqual([
      ['申请情况统计表', '项目', ['数量'], ['一、收到申请']],
    ]);
  });
});

describe('parseHtml: table layouts', () => {
  it('nests rows under an unnumbered label spanning them', () => {
    const source = [
      '<table>',
      '<tr><th colspan="2">项目</th><th>件数</th></tr>',
      '<tr><td rowspan="3">行政复议</td><td>结果维持</td><td>2</td></tr>',
      '<tr><td>结果纠正</td><td>0</td></tr>',
      '<tr><td>总计</td><td>2</td></tr>',
      '<tr><td rowspan="2">行政诉讼</td><td>结果维持</td><td>1</td></tr>',
      '<tr><td>总计</td><td>1</td></tr>',
      '</table>',
    ].join('\n');
    const doc = parseHtml('a.html', source);
    expect(doc.tables[0]?.rows.map((r) => [r.label, r.kind, r.level, r.path, r.cells.map((c) => c.value)])).toEqual([
      ['行政复议', 'heading', 1, [], []],
      ['结果维持', 'item', 2, ['行政复议'], ['2']],
      ['结果纠正', 'item', 2, ['行政复议'], ['0']],
      ['总计', 'total', 2, ['行政复议'], ['2']],
      ['行政诉讼', 'heading', 1, [], []],
      ['结果维持', 'item', 2, ['行政诉讼'], ['1']],
      ['总计', 'total', 2, ['行政诉讼'], ['1']],
    ]);
    expect(doc.problems).toEqual([]);
  });

  it('reads a page laid out in a one-cell table as paragraphs', () => {
    const doc = parseHtml('a.html', '<table width="100%"><tr><td class="content">\n<p>一、总体情况</p>\n<p>全年共收到申请35件。</p>\n</td></tr></table>');
    expect(doc.tables).toEqual([]);
    expect(doc.sections.map((s) => s.title)).toEqual(['总体情况']);
    expect(doc.statements.map((s) => [s.total.value, s.section])).toEqual([['35', ['总体情况']]]);
  });

  it('takes a caption row spanning the table, and reads suppression comments inside it', () => {
    const source = [
      '<table>',
      '<tr><td colspan="2">政府信息公开情况统计表</td></tr>',
      '<tr><td>统计指标</td><td>统计数</td></tr>',
      '<!-- crossfoot-disable-next-line cn-gov-disclosure/row-sums -->',
      '<tr><td>一、收到申请</td><td>35</td></tr>',
      '</table>',
    ].join('\n');
    const doc = parseHtml('a.html', source);
    expect(doc.tables.map((t) => [t.caption, t.labelHeader, t.columns.map((c) => c.label), t.rows.map((r) => r.label)])).toEqual([
      ['政府信息公开情况统计表', '统计指标', ['统计数'], ['一、收到申请']],
    ]);
    expect(doc.suppressions.map((s) => [s.rules, s.fromLine, s.toLine])).toEqual([[['cn-gov-disclosure/row-sums'], 5, 5]]);
  });
});

describe('parseHtml: malformed tables', () => {
  it('clamps absurd rowspan and colspan with located warnings, without hanging', () => {
    const source = '<table>\n<tr><th>项目</th><th>数量</th></tr>\n<tr><td rowspan="1000000">一、收到申请</td><td colspan="1000000">35</td></tr>\n</table>';
    const started = Date.now();
    const doc = parseHtml('a.html', source);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(doc.problems.map((p) => [p.code, p.severity, p.message.en, p.range])).toEqual([
      ['table-span', 'warning', 'This cell has rowspan="1000000", beyond the limit; it is read as 1000', range(3, 5, 3, 38)],
      ['table-span', 'warning', 'This cell has colspan="1000000", beyond the limit; it is read as 1000', range(3, 38, 3, 67)],
    ]);
    expect(doc.problems[0]?.message['zh-CN']).toBe('单元格的 rowspan="1000000" 超出上限，按 1000 读取');
    expect(row(doc.tables[0], '一、收到申请').cells[0]).toMatchObject({ value: '35', range: range(3, 38, 3, 67) });
  });

  it('reports at most twenty span warnings for one table', () => {
    const doc = parseHtml('a.html', `<table>${'<tr><td>项目</td><td colspan="99999">1</td></tr>'.repeat(50)}</table>`);
    expect(doc.problems.filter((p) => p.code === 'table-span')).toHaveLength(20);
  });

  it('stops reading a table whose spans expand beyond the grid cap', () => {
    const source = `<table>${'<tr><td>项目</td><td colspan="1000">1</td></tr>'.repeat(400)}</table>`;
    const doc = parseHtml('a.html', source);
    const capped = doc.problems.filter((p) => p.message.en.includes(String(MAX_SLOTS)));
    expect(capped).toHaveLength(1);
    expect(capped[0]?.range.start.line).toBe(1);
    expect(doc.tables[0]?.rows.length).toBeLessThan(400);
  });

  it('never throws: nesting too deep for the parser is a located too-deep problem on an empty document', () => {
    let doc: ReportDocument | undefined;
    expect(() => {
      doc = parseHtml('a.html', `${'<div>'.repeat(200_000)}共收到申请35件`);
    }).not.toThrow();
    expect(doc?.problems.map((p) => `${p.code} ${p.severity} ${p.range.start.line}:${p.range.start.column}`)).toEqual(['too-deep error 1:2561']);
    expect(doc?.tables).toEqual([]);
  });
});
