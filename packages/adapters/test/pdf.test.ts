import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checker, LineIndex, loadPack, type ReportDocument, type Section } from '@crossfoot/core';
import { createPackHost } from 'crossfoot';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutPdf, pageOfLine, parseMarkdown, parseText, readBinaryReport, readPdf, readReport, toMarkdown } from '../src/index.ts';
import type { PdfPageText, PdfTextRun } from '../src/pdf-layout.ts';
import * as expected from './fixtures/published/expected.ts';

const here = join(import.meta.dirname, 'fixtures/published');
const root = join(import.meta.dirname, '../../..');
const bytes = (name: string) => new Uint8Array(readFileSync(join(here, name)));
const flat = (sections: Section[]): Section[] => sections.flatMap((s) => [s, ...flat(s.children)]);

/** Every pack in rules/, as the command line finds them. */
function checker(): Checker {
  const host = createPackHost(root);
  const ids = readdirSync(join(root, 'rules')).filter((d) => existsSync(join(root, 'rules', d, 'pack.yaml')));
  return new Checker(
    ids.map((id) => loadPack(id, host, join(root, 'noop'))),
    { locale: 'zh-CN' },
  );
}
const findings = async (doc: ReportDocument) => (await checker().check({ doc })).map((d) => `${d.ruleId} ${d.message}`).sort();

/** What rules see, without where it was written. */
function facts(doc: ReportDocument) {
  return {
    meta: [doc.meta.title?.value, doc.meta.issuer?.value, doc.meta.year?.value, doc.meta.period?.value, doc.meta.published?.value],
    sections: flat(doc.sections).map((s) => [s.level, s.number, s.title]),
    tables: doc.tables.map((t) => ({ caption: t.caption, labelHeader: t.labelHeader, columns: t.columns.map((c) => c.label), rows: expected.shape(t) })),
    statements: doc.statements.map((s) => [s.kind, s.total.value, s.total.unit, ...s.parts.map((p) => p.value)]),
    dates: doc.dates.map((d) => [d.start, d.end, d.precision]),
  };
}

const run = (text: string, x: number, y: number, size = 10, width = text.length * size): PdfTextRun => ({ text, x, y, width, size });
const page = (runs: PdfTextRun[]): PdfPageText => ({ width: 600, height: 800, runs });

describe('laying out the text of PDF pages', () => {
  it('puts runs on one baseline on one line, with a space for a word gap and at least two for a column gap', () => {
    const { text } = layoutPdf([
      page([
        run('全年收到申请', 100, 100),
        run('54', 160.5, 100.8, 10, 10),
        run('件', 171, 100),
        run('A', 100, 120, 10, 5),
        run('word', 107, 120, 10, 20),
        run('12', 400, 120, 10, 10),
      ]),
    ]);
    // The grid is half the smallest font size (5 points) from the leftmost text: x = 400 is column 60.
    expect(text).toBe(`全年收到申请54件\nA word${' '.repeat(54)}12\n`);
  });

  it('places columns on one grid across lines and pages, so that figures line up', () => {
    const { text } = layoutPdf([
      page([run('项目', 100, 100), run('本年数', 300, 100), run('一、收到申请', 100, 120), run('12', 310, 120, 10, 10)]),
      page([run('二、办结申请', 100, 100), run('9', 312.5, 100, 10, 5)]),
    ]);
    // Chinese characters take two columns: 本年数 at x = 300 is column 40, the figures under it 42 and 43.
    expect(text.split('\n')).toEqual([`项目${' '.repeat(36)}本年数`, `一、收到申请${' '.repeat(30)}12`, `\f二、办结申请${' '.repeat(31)}9`, '']);
  });

  it('joins the lines of a paragraph wrapped at the margin, across a page break too, but not indented or tabular lines', () => {
    const full = '本年度我局共收到政府信息公开申请五十四件办结五十二'; // 24 characters, 240 points
    const { text, pageLines } = layoutPdf([
      page([run('一、总体情况', 120, 100), run(`　　${full.slice(0, 22)}`, 100, 120), run(full, 100, 140)]),
      page([run('件。', 100, 100), run('（二）依申请公开', 120, 120), run('项目', 100, 140), run('12', 300, 140, 10, 10)]),
    ]);
    expect(text.split('\n')).toEqual(['    一、总体情况', `    ${full.slice(0, 22)}${full}件。`, '\f    （二）依申请公开', `项目${' '.repeat(36)}12`, '']);
    expect(pageLines).toEqual([1, 3]);
  });

  it('joins the lines of a centred title and leaves out page numbers and running headers', () => {
    const header = (p: number) => [run('某某局年度报告', 250, 30, 8, 56), run(`- ${p} -`, 290, 780, 10, 25)];
    const body = `${'正文'.repeat(15)}。`;
    const { text, furniture } = layoutPdf([
      page([...header(1), run('某某局2023年政府信息公开工作年度报告标题', 90, 100, 20, 420), run('第二行', 270, 126, 20, 60), run(body, 100, 160)]),
      page([...header(2), run('正文第二页', 100, 100)]),
    ]);
    expect(text).toBe(`某某局2023年政府信息公开工作年度报告标题第二行\n  ${body}\n\f  正文第二页\n`);
    expect(furniture).toBe(4);
  });

  it('keeps a table header repeated at the top of each page, and figures at the bottom of a page', () => {
    const top = (p: number) => [
      run('项目', 100, 60),
      run('本年数', 300, 60),
      run('一、收到申请', 100, 75),
      run(String(10 + p), 310, 75, 10, 10),
      run('二、办结申请', 100, 745),
      run('9', 310, 745, 10, 5),
      run('三、结转下年', 100, 760),
      run('3', 310, 760, 10, 5),
    ];
    const { text, furniture } = layoutPdf([page(top(1)), page(top(2))]);
    expect(furniture).toBe(0);
    expect(text.match(/项目/gu)).toHaveLength(2);
    expect(text.match(/三、结转下年 +3$/gmu)).toHaveLength(2);
  });

  it('says which pages have no text, and never fails on odd runs', () => {
    const layout = layoutPdf([page([]), page([run('', 0, 0), run('  ', 10, 10), { text: 'x', x: Number.NaN, y: 1, width: 1, size: 1 }, run('文', 10, 10)])]);
    expect(layout.empty).toEqual([1]);
    expect(layout.text).toBe('\n\f文\n');
    expect(layoutPdf([]).text).toBe('');
  });
});

describe('the layout reader on tables printed in blocks and tables of one row', () => {
  it('reads each block of table 2 under its clause as a table of its own, one-row blocks too', () => {
    const text = [
      '二、主动公开政府信息情况',
      '                                       第二十条第（一）项',
      ' 信息内容                        本年制发件数           本年废止件数            现行有效件数',
      ' 规章                                  0                      0                       0',
      ' 行政规范性文件                        4                      2                      37',
      '                                       第二十条第（五）项',
      ' 信息内容                                             本年处理决定数量',
      ' 行政许可                                                    1526',
      '                                       第二十条第（八）项',
      ' 信息内容                                       本年收费金额（单位：万元）',
      ' 行政事业性收费                                             86.30',
      '三、收到和处理政府信息公开申请情况',
    ].join('\n');
    const doc = parseText('table2.txt', text);
    expect(doc.tables.map((t) => [t.labelHeader, t.columns.map((c) => c.label), expected.shape(t)])).toEqual([
      ['信息内容', ['本年制发件数', '本年废止件数', '现行有效件数'], ['规章 [item] 0 0 0', '行政规范性文件 [item] 4 2 37']],
      ['信息内容', ['本年处理决定数量'], ['行政许可 [item] 1526']],
      ['信息内容', ['本年收费金额（单位：万元）'], ['行政事业性收费 [item] 86.30']],
    ]);
    expect(doc.sections.map((s) => s.title)).toEqual(['主动公开政府信息情况', '收到和处理政府信息公开申请情况']);
  });

  it('reads fifteen figures without a label under a three-row header whose cells wrap', () => {
    const text = [
      '                   政府信息公开行政复议、行政诉讼情况表',
      '            行政复议                                          行政诉讼',
      '                                         未经复议直接起诉                    复议后起诉',
      ' 结果   结果  其他   尚未',
      '                            总计  结果   结果  其他   尚未         结果  结果   其他  尚未',
      ' 维持   纠正  结果   审结',
      '                                                            总计                             总计',
      '                                  维持   纠正  结果   审结         维持  纠正   结果  审结',
      '   2     0      0     1      3      1     0      0     0      1     0      0     0      1     1',
      '       五、存在的主要问题及改进情况',
      '       一是政策解读形式较为单一，图解、视频等形式运用不多；二是基层政务公开标准化规范化建设有待加强。',
    ].join('\n');
    const doc = parseText('table4.txt', text);
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]?.caption).toBe(expected.table4.caption);
    expect(doc.tables[0]?.columns.map((c) => c.label)).toEqual(expected.table4.columns);
    expect(expected.shape(doc.tables[0])).toEqual(expected.table4.rows);
    expect(doc.sections.map((s) => s.title)).toEqual(['存在的主要问题及改进情况']);
  });

  it('still leaves a lone line of figures without a header alone', () => {
    const doc = parseText('a.txt', ['一、总体情况', '    本年度共收到申请  12  件，办结  10  件。', '   3     5      8     13'].join('\n'));
    expect(doc.tables).toEqual([]);
  });
});

describe('a 2021-format report printed to PDF', () => {
  let doc: ReportDocument;
  let ms = 0;
  beforeAll(async () => {
    await readPdf('warm-up.pdf', bytes('cjk-cmap.pdf'));
    const start = performance.now();
    doc = await readBinaryReport({ uri: 'published/report-2023.pdf', bytes: bytes('report-2023.pdf') });
    ms = performance.now() - start;
  });

  it('reads without problems, as a PDF, its text the pages separated by form feeds', () => {
    expect(doc.problems).toEqual([]);
    expect(doc.format).toBe('pdf');
    expect(doc.uri).toBe('published/report-2023.pdf');
    expect(doc.text.split('\f')).toHaveLength(5);
    const pages = (doc.text.match(/\f/gu) ?? []).length + 1;
    console.info(`report-2023.pdf: ${pages} pages in ${Math.round(ms)} ms, ${Math.round(ms / pages)} ms a page`);
    expect(ms / pages).toBeLessThan(2000);
  });

  it('leaves out the page numbers and the running header of every page', () => {
    expect(doc.text).not.toMatch(/^\s*-\s*\d+\s*-\s*$/mu);
    expect(doc.text.split(expected.title)).toHaveLength(2);
  });

  it('has the meta, sections and statements of the report', () => {
    expect(doc.meta.title?.value).toBe(expected.title);
    expect(doc.meta.issuer?.value).toBe('青溪市自然资源局');
    expect(doc.meta.year?.value).toBe(2023);
    expect(doc.meta.period?.value).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(doc.meta.published?.value).toBe('2024-01-26');
    expect(flat(doc.sections).map((s) => s.title)).toEqual(expected.sections);
    const handled = doc.statements.find((s) => s.total.value === '53');
    expect(handled?.parts.map((p) => p.value)).toEqual(['25', '6', '5', '12', '3', '1']);
    // A paragraph wrapped across the page break is one line, and its statement whole.
    expect(doc.statements.find((s) => s.total.value === '328')?.parts.map((p) => p.value)).toEqual(['142', '119', '67']);
  });

  it('reads table 2 as its four blocks, each with its own header', () => {
    const { table2 } = expected.statisticsTables(doc);
    expect(table2.map((t) => ({ columns: t.columns.map((c) => c.label), rows: expected.shape(t) }))).toEqual(expected.table2);
    expect(table2.every((t) => t.labelHeader === '信息内容')).toBe(true);
    expect(table2[3]?.rows[0]?.cells[0]).toMatchObject({ value: '86.30', decimals: 2, unit: '万元' });
  });

  it('reads every row and column of table 3, across the page break, with its three-row header', () => {
    const { table3 } = expected.statisticsTables(doc);
    expect(table3?.labelHeader).toBe(expected.table3.labelHeader);
    expect(table3?.columns.map((c) => c.label)).toEqual(expected.table3.columns);
    expect(table3?.columns.map((c) => c.kind)).toEqual(['item', 'item', 'item', 'item', 'item', 'item', 'total']);
    expect(expected.shape(table3)).toEqual(expected.table3.rows);
    expect(table3?.section).toEqual(['收到和处理政府信息公开申请情况']);
    const rows = table3?.rows ?? [];
    expect(pageOfLine(doc.text, rows[0]?.range.start.line ?? 0)).toBe(3);
    expect(pageOfLine(doc.text, rows.at(-1)?.range.start.line ?? 0)).toBe(4);
  });

  it('joins a label wrapped over three lines around its figures, and points every cell at its figure', () => {
    const { table3 } = expected.statisticsTables(doc);
    const wrapped = table3?.rows.find((r) => r.label.startsWith('1.申请人无正当理由'));
    expect(wrapped?.labelRange.start.line).toBeLessThan(wrapped?.labelRange.end.line ?? 0);
    const index = new LineIndex(doc.text);
    for (const t of doc.tables) {
      for (const r of t.rows) {
        for (const c of r.cells) expect(doc.text.slice(index.offset(c.range.start), index.offset(c.range.end))).toBe(c.text);
      }
    }
  });

  it('reads table 4, one row of fifteen cells without a label column', () => {
    const { table4 } = expected.statisticsTables(doc);
    expect(table4?.columns.map((c) => c.label)).toEqual(expected.table4.columns);
    expect(expected.shape(table4)).toEqual(expected.table4.rows);
  });

  it('gives the same findings as the Markdown version of the report', async () => {
    const markdown = readReport({ uri: 'report-2023.md', text: readFileSync(join(here, 'report-2023.md'), 'utf8') });
    expect(await findings(markdown)).toEqual(expected.findings);
    expect(await findings(doc)).toEqual(expected.findings);
  });

  it('imports to Markdown with GFM tables that read back to the same facts', async () => {
    const markdown = toMarkdown(doc);
    expect(markdown).toContain(`| ${expected.table3.labelHeader} | ${expected.table3.columns.join(' | ')} |`);
    const back = parseMarkdown('report-2023.md', markdown);
    expect(back.problems).toEqual([]);
    expect(facts(back)).toEqual(facts(doc));
    expect(await findings(back)).toEqual(expected.findings);
  });
});

describe.each([
  ['report-2023-top.pdf', 'cells aligned at the top, the header not repeated, `第 n 页` footers'],
  ['report-2023-narrow.pdf', 'narrow label columns, merged labels printed at their centres over several lines'],
])('the same report printed otherwise: %s (%s)', (name) => {
  let doc: ReportDocument;
  beforeAll(async () => {
    doc = await readBinaryReport({ uri: name, bytes: bytes(name) });
  });

  it('reads every row and column of the three statistics tables', () => {
    expect(doc.problems).toEqual([]);
    expect(doc.text).not.toMatch(/第 \d 页/u);
    const { table2, table3, table4 } = expected.statisticsTables(doc);
    expect(table2.map((t) => ({ columns: t.columns.map((c) => c.label), rows: expected.shape(t) }))).toEqual(expected.table2);
    expect([table3?.labelHeader, table3?.columns.map((c) => c.label), expected.shape(table3)]).toEqual([
      expected.table3.labelHeader,
      expected.table3.columns,
      expected.table3.rows,
    ]);
    expect([table4?.columns.map((c) => c.label), expected.shape(table4)]).toEqual([expected.table4.columns, expected.table4.rows]);
  });

  it('gives the same findings as the Markdown version', async () => {
    expect(await findings(doc)).toEqual(expected.findings);
  });
});

describe('PDF files that cannot be read', () => {
  const codes = (doc: ReportDocument) => doc.problems.map((p) => [p.code, p.severity]);

  it('a scan, pages of images without text: no OCR, one clear error', async () => {
    const doc = await readBinaryReport({ uri: 'scan.pdf', bytes: bytes('scan.pdf') });
    expect(codes(doc)).toEqual([['pdf-no-text', 'error']]);
    expect(doc.problems[0]?.message.en).toBe('This PDF has no text layer (a scan?) — crossfoot does not do OCR');
    expect(doc).toMatchObject({ format: 'pdf', text: '', tables: [], statements: [] });
  });

  it('an encrypted PDF', async () => {
    expect(codes(await readBinaryReport({ uri: 'encrypted.pdf', bytes: bytes('encrypted.pdf') }))).toEqual([['pdf-encrypted', 'error']]);
  });

  it('a truncated PDF, bytes that only start like a PDF, and no bytes at all', async () => {
    expect(codes(await readBinaryReport({ uri: 'truncated.pdf', bytes: bytes('truncated.pdf') }))).toEqual([['pdf-corrupt', 'error']]);
    const garbage = new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(5000)}`);
    expect(codes(await readBinaryReport({ uri: 'garbage.pdf', bytes: garbage }))).toEqual([['pdf-corrupt', 'error']]);
    expect(codes(await readPdf('empty.pdf', new Uint8Array(0)))).toEqual([['pdf-corrupt', 'error']]);
  });

  it('stops at the page limit with a warning, and at the time limit with an error, never hanging', async () => {
    const limited = await readPdf('report.pdf', bytes('report-2023.pdf'), { maxPages: 2 });
    expect(codes(limited)).toEqual([['pdf-too-many-pages', 'warning']]);
    expect(limited.text.split('\f')).toHaveLength(2);
    const start = performance.now();
    const late = await readPdf('report.pdf', bytes('report-2023.pdf'), { timeoutMs: 1 });
    expect(codes(late)).toContainEqual(['pdf-timeout', 'error']);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

describe('Chinese fonts that are not embedded', () => {
  it('are read with the CMaps of the installed pdfjs-dist package, from its folder, never from the network', async () => {
    const doc = await readPdf('cjk-cmap.pdf', bytes('cjk-cmap.pdf'));
    expect(doc.problems).toEqual([]);
    expect(doc.text).toBe('青溪市自然资源局2023年政府信息公开工作年度报告\n\n全年新收政府信息公开申请54件，上年结转3件。\n');
    expect(doc.statements.map((s) => s.total.value)).toEqual(['54', '3']);
    // Without them the text cannot be read.
    const without = await readPdf('cjk-cmap.pdf', bytes('cjk-cmap.pdf'), { pdfjsDist: join(here, 'no-such-folder') });
    expect(without.text).not.toContain('政府信息公开');
  });
});

describe('readBinaryReport', () => {
  it('tells PDF from its bytes, whatever the name, and text formats from the name as readReport does', async () => {
    expect((await readBinaryReport({ uri: 'report', bytes: bytes('cjk-cmap.pdf') })).format).toBe('pdf');
    const text = readFileSync(join(here, 'report-2023.md'), 'utf8');
    const fromBytes = await readBinaryReport({ uri: 'report-2023.md', bytes: new TextEncoder().encode(text) });
    expect(fromBytes).toEqual(readReport({ uri: 'report-2023.md', text }));
  });

  it('passes on the decoder problem for bytes that are no report at all', async () => {
    const doc = await readBinaryReport({ uri: 'random.bin', bytes: bytes('../encodings/random.bin') });
    expect(doc.problems.map((p) => p.code)).toEqual(['decode']);
  });
});
