import { describe, expect, it } from 'vitest';
import { readReport } from '../src/index.ts';
import { isTotalLabel } from '../src/markers.ts';
import { growthRatio } from './growth.ts';

/**
 * Regular expressions anchored only at the end (`/[ \t]+$/`, `/\s*\(…\)$/`) are tried from every character of a
 * long run of blanks: quadratic. A fuzzed report with a cell of 800,000 `*` (blanked by the markup guard) took
 * longer than the fuzzer's three minutes; these paths are now linear.
 */
const table = (run: string) => `# T\n\n| 项目 | 数 | 金额 |\n|---|---|---|\n| 政府集中采${run}购 | 14 | 386.52 |\n| 合计 | 14 | 386.52 |\n`;

describe('long runs inside a table cell', () => {
  it('reads the row, its figures and the next row', () => {
    const doc = readReport({ uri: 'x.md', text: table('*'.repeat(200_000)) });
    const [t] = doc.tables;
    expect(t?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['14', '386.52'],
      ['14', '386.52'],
    ]);
    expect(t?.rows[0]?.label.startsWith('政府集中采')).toBe(true);
    expect(t?.rows[1]?.kind).toBe('total');
    expect(t?.rows[1]?.range.start.line).toBe(6);
    expect(doc.problems.map((p) => p.code)).toContain('dense-markup');
  });

  it('takes time linear in the run, with marks or blanks', () => {
    for (const mark of ['*', ' ', '\t']) {
      const run = (input: string) => readReport({ uri: 'x.md', text: input });
      const ratio = growthRatio(run, table(mark.repeat(25_000)), table(mark.repeat(100_000)), 10);
      // 4× the run: about 4× the time when linear, 16× when quadratic.
      expect(ratio, `run of ${JSON.stringify(mark)}`).toBeLessThan(10);
    }
  }, 60_000);
});

describe('isTotalLabel', () => {
  it('reads a total label with or without a closing note', () => {
    expect(isTotalLabel('合计')).toBe(true);
    expect(isTotalLabel('合计（万元）')).toBe(true);
    expect(isTotalLabel('Total (restated)')).toBe(true);
    expect(isTotalLabel('Total (a (b)')).toBe(true);
    expect(isTotalLabel('合计：')).toBe(true);
    expect(isTotalLabel('其他（合计）')).toBe(false);
    expect(isTotalLabel('(Total)')).toBe(false);
  });

  it('is linear in the blanks before a note', () => {
    const ratio = growthRatio((s) => isTotalLabel(s), `a${' '.repeat(50_000)}b`, `a${' '.repeat(200_000)}b`, 10);
    expect(ratio).toBeLessThan(10);
  });
});

describe('long runs of blanks in running text and text tables', () => {
  // Each sample puts a run of blanks where a pattern has (or had) optional parts around it.
  const samples: [string, string, (run: string) => string][] = [
    ['a figure, blanks, a percentage', 'x.txt', (run) => `一、统计\n表1\n项目 数量 金额\n  （一）予以公开  18  2  0 ${run}1  1  0  22\n`],
    ['a figure, blanks, a percentage (Markdown)', 'x.md', (run) => `# T\n\n共收到申请18件${run}1%。\n`],
    ['a document number cut by blanks', 'x.txt', (run) => `依据〔2019〕${run}第号文件，共受理申请5件。\n`],
    ['a font-size line of blanks', 'x.html', (run) => `<p>字号：${run}【大】</p><p>共受理申请5件。</p>`],
    ['a total and a colon', 'x.txt', (run) => `累计${run}：3件，a total${run}: 4.\n`],
  ];
  for (const [name, uri, make] of samples) {
    it(`reads ${name} in time linear in the run`, () => {
      const run = (input: string) => readReport({ uri, text: input });
      const ratio = growthRatio(run, make(' '.repeat(4_000)), make(' '.repeat(16_000)), 10);
      expect(ratio).toBeLessThan(10);
    }, 60_000);
  }
});

describe('many tables and headings', () => {
  it('an HTML report of thousands of captioned tables: linear time', () => {
    const html = (n: number) =>
      `<html><body><h1>T</h1>${Array.from({ length: n }, (_, k) => `<h2>${k}、表</h2><p><strong>表${k}</strong></p><table><tr><th>项目</th><th>数</th></tr><tr><td>合计</td><td>${k}</td></tr></table>`).join('')}</body></html>`;
    const run = (text: string) => readReport({ uri: 'x.html', text });
    const doc = run(html(300));
    expect(doc.tables).toHaveLength(300);
    expect(doc.tables[7]?.caption).toBe('表7');
    // 4× the tables (each with its heading): 4× the time when linear, 16× when each table looks at every heading.
    expect(growthRatio(run, html(500), html(2_000), 10)).toBeLessThan(10);
  }, 60_000);

  it('a Markdown table of ragged rows with markup (read by the GFM parser): linear time', () => {
    const md = (n: number) => `# T\n\n| 项目 | 数 | 金额 |\n|---|---|---|\n${'| **合计** | 1 |\n'.repeat(n)}`;
    const run = (text: string) => readReport({ uri: 'x.md', text });
    expect(run(md(50)).tables[0]?.rows).toHaveLength(50);
    expect(growthRatio(run, md(2_000), md(8_000), 10)).toBeLessThan(10);
  }, 60_000);
});
