import { readFileSync } from 'node:fs';
import type { Range, ReportDocument, Row, Table } from '@crossfoot/core';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMarkdown } from '../src/markdown.ts';
import { parseYamlReport, reportSchema } from '../src/yaml-report.ts';

/** A cell as JSON gives it (and a saved document keeps it): its range made from where it lies, what it lacks left out. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const range = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, column: sc }, end: { line: el, column: ec } });
const slice = (text: string, r: Range): string => {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return (lines[r.start.line - 1] ?? '').slice(r.start.column - 1, r.end.column - 1);
  return [
    (lines[r.start.line - 1] ?? '').slice(r.start.column - 1),
    ...lines.slice(r.start.line, r.end.line - 1),
    (lines[r.end.line - 1] ?? '').slice(0, r.end.column - 1),
  ].join('\n');
};
const facts = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'range' || key === 'labelRange' || key === 'extent' ? undefined : v)));
const outline = (table: Table | undefined) =>
  table?.rows.map((r: Row) => {
    const values = r.cells.map((c) => (c.value === undefined ? null : `${c.value}/${c.decimals}${c.unit ?? ''}`));
    while (values.length > 0 && values.at(-1) === null && r.cells[values.length - 1]?.empty) values.pop();
    return { label: r.label, marker: r.marker, number: r.number, level: r.level, kind: r.kind, path: r.path, parent: r.parent, values };
  });
const problems = (doc: ReportDocument) => doc.problems.map((p) => [p.code, p.severity, p.message.en, p.range]);

describe('parseYamlReport: a 2021-format report as data', () => {
  const source = fixture('yaml/report-2021.yaml');
  const doc = parseYamlReport('reports/2021.yaml', source);
  const markdown = parseMarkdown('reports/2021.md', fixture('report-2021.md'));

  it('reads it without problems, and the fixture passes the published schema', () => {
    expect(doc.format).toBe('yaml');
    expect(doc.problems).toEqual([]);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(new URL('../schemas/report.schema.json', import.meta.url), 'utf8')));
    expect(validate(parse(source))).toBe(true);
  });

  it('reads meta with the ranges of its values', () => {
    expect(facts(doc.meta)).toEqual(facts(markdown.meta));
    expect(doc.meta.title?.range).toEqual(range(3, 10, 3, 35));
    expect(doc.meta.period).toEqual({ value: { start: '2021-01-01', end: '2021-12-31' }, range: range(5, 11, 5, 49) });
    expect(doc.meta.year).toEqual({ value: 2021, range: range(5, 11, 5, 49) });
  });

  it('reads nested sections, titled without their numbers, with the title as range and the mapping as extent', () => {
    expect(facts(doc.sections)).toEqual(facts(markdown.sections));
    const [first] = doc.sections;
    expect(first?.range).toEqual(range(12, 12, 12, 18));
    expect(first?.extent).toEqual(range(12, 5, 24, 62));
    expect(first?.children.map((s) => [s.marker, s.number, s.title, s.level, slice(source, s.range)])).toEqual([
      ['（一）', '(一)', '主动公开', 2, '（一）主动公开'],
      ['（二）', '(二)', '依申请公开', 2, '（二）依申请公开'],
      ['（三）', '(三)', '政府信息管理', 2, '（三）政府信息管理'],
    ]);
  });

  it('reads the tables the Markdown version has: columns, outline, values with their written scale', () => {
    expect(doc.tables.map((t) => [t.id, t.section, t.caption, t.labelHeader])).toEqual(markdown.tables.map((t) => [t.id, t.section, t.caption, t.labelHeader]));
    for (const [i, table] of doc.tables.entries()) {
      expect(table.columns.map((c) => [c.label, c.kind])).toEqual(markdown.tables[i]?.columns.map((c) => [c.label, c.kind]));
      expect(outline(table)).toEqual(outline(markdown.tables[i]));
    }
    expect(asJson(doc.tables[1]?.rows[0]?.cells[0])).toEqual({
      text: '12.50',
      value: '12.50',
      decimals: 2,
      unit: '万元',
      empty: false,
      range: range(36, 23, 36, 28),
    });
  });

  it('reads {label} rows as heading rows and {label, cells} rows as data rows', () => {
    const t3 = doc.tables[2] as Table;
    const refused = t3.rows.find((r) => r.label === '（三）不予公开');
    expect(refused).toMatchObject({ kind: 'heading', level: 2, path: ['三、本年度办理结果'], cells: [] });
    expect(refused?.labelRange).toEqual(range(49, 22, 49, 29));
    const carried = t3.rows.at(-1);
    expect(carried?.label).toBe('四、结转下年度继续办理');
    expect(carried?.cells.map((c) => c.value)).toEqual(['4', '1', '0', '0', '0', '0', '5']);
    expect(carried?.range).toEqual(range(73, 13, 74, 41));
    expect(slice(source, carried?.cells[6]?.range as Range)).toBe('5');
  });

  it('points cells and labels at their scalars', () => {
    const first = doc.tables[2]?.rows[0];
    expect(first?.labelRange).toEqual(range(44, 14, 44, 30));
    expect(first?.cells[0]?.range).toEqual(range(44, 32, 44, 34));
    expect(slice(source, first?.cells[0]?.range as Range)).toBe('41');
    expect(doc.tables[2]?.columns[1]?.range).toEqual(range(42, 24, 42, 36));
  });

  it('reads the narrative the Markdown version has, with ranges in literal, folded and quoted scalars', () => {
    expect(facts(doc.statements)).toEqual(facts(markdown.statements));
    const [published, received, , settled] = doc.statements;
    // Literal block: the indentation is not part of the text but the columns count it.
    expect(published?.total.range).toEqual(range(18, 27, 18, 33));
    expect(published?.parts.map((p) => slice(source, p.range))).toEqual(['32条', '215条', '1,021条']);
    // Folded block: the second line goes on in the same paragraph.
    expect(received?.total.range).toEqual(range(21, 23, 21, 26));
    expect(settled?.total.range).toEqual(range(22, 13, 22, 16));
    // Double-quoted: the quote is not part of the text.
    const review = doc.statements.at(-1);
    expect(review?.total.range).toEqual(range(24, 24, 24, 28));
    expect(review?.parts[0]?.range).toEqual(range(24, 41, 24, 45));
  });

  it('reads dates in every text block, a blank line in a literal block included', () => {
    expect(doc.dates.map((d) => [d.text, d.section, slice(source, d.range)])).toEqual([
      ['2021年1月1日至2021年12月31日', [], '2021年1月1日至2021年12月31日'],
      ['2021年', ['总体情况'], '2021年'],
      ['2022年', ['存在的主要问题及改进情况'], '2022年'],
      ['2022年3月', ['存在的主要问题及改进情况'], '2022年3月'],
    ]);
    expect(doc.dates[3]?.range).toEqual(range(102, 23, 102, 30));
  });
});

describe('parseYamlReport: schema', () => {
  it('publishes the schema it validates with', () => {
    const published = JSON.parse(readFileSync(new URL('../schemas/report.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(reportSchema)));
  });

  it('reports schema violations where they are, and still reads what it can', () => {
    const source = [
      'tables:',
      '  - caption: 表3',
      '    colums: [件数]',
      '    rows:',
      '      - [一、收到申请, true]',
      '      - [5, 1]',
      '      - { label: 二、办结, cels: [1] }',
      '      - 7',
      'section: []',
      'meta:',
      '  title: 1',
      '',
    ].join('\n');
    const doc = parseYamlReport('a.yaml', source);
    expect(problems(doc)).toEqual([
      ['report-schema', 'error', '`tables[0]` is missing the required key `columns`', range(2, 5, 2, 16)],
      ['report-schema', 'warning', 'Unknown key `colums` in `tables[0]`, ignored; known keys: caption, labelHeader, columns, rows', range(3, 5, 3, 11)],
      ['report-schema', 'error', '`tables[0].rows[0][1]` must be a number, a string or empty', range(5, 18, 5, 22)],
      ['report-schema', 'error', '`tables[0].rows[1][0]` must be a string', range(6, 10, 6, 11)],
      ['report-schema', 'warning', 'Unknown key `cels` in `tables[0].rows[2]`, ignored; known keys: label, cells', range(7, 24, 7, 28)],
      ['report-schema', 'error', '`tables[0].rows[3]` must be a list (the label, then one cell per column) or a mapping {label, cells}', range(8, 9, 8, 10)],
      ['report-schema', 'warning', 'Unknown key `section` in the report, ignored; known keys: meta, text, sections, tables', range(9, 1, 9, 8)],
      ['front-matter', 'error', 'Front matter `title` must be a non-empty string', range(11, 10, 11, 11)],
    ]);
    expect(doc.problems[2]?.message['zh-CN']).toBe('`tables[0].rows[0][1]` 应为数字、字符串或留空');
    expect(doc.problems[0]?.message['zh-CN']).toBe('`tables[0]` 缺少必需的键“columns”');
    expect(doc.problems[1]?.message['zh-CN']).toBe('`tables[0]` 中有未知的键“colums”，已忽略；已知的键：caption, labelHeader, columns, rows');
  });

  it('is not a report unless it is a mapping', () => {
    expect(problems(parseYamlReport('a.yaml', '- 一、总体情况\n- 二、主动公开\n'))).toEqual([
      ['report-schema', 'error', 'A YAML report must be a mapping with keys such as meta, text, sections and tables', range(1, 1, 2, 9)],
    ]);
    expect(parseYamlReport('a.yaml', '')).toMatchObject({ problems: [], sections: [], tables: [] });
  });
});

describe('parseYamlReport: broken input', () => {
  it('reports a YAML syntax error where the parser found it', () => {
    const doc = parseYamlReport('a.yaml', 'tables:\n  - columns: [件数]\n    rows:\n      - [一、收到申请, 35\n  - columns: [件数]\n');
    // The flow sequence opened on line 4 is found unclosed where the next item starts.
    expect(doc.problems.map((p) => [p.code, p.severity, p.range])).toEqual([['yaml-syntax', 'error', range(5, 3, 5, 4)]]);
    expect(doc.problems[0]?.message.en).toMatch(/^YAML syntax error: Flow sequence .* end with a \]$/u);
    expect(doc.tables).toEqual([]);
  });

  it('places an error found only at the end (an unclosed quote) on the last line', () => {
    const doc = parseYamlReport('a.yaml', 'sections:\n  - title: 一、总体情况\n    text: "2021年，我局共收到申请35件\n');
    expect(problems(doc)).toEqual([['yaml-syntax', 'error', 'YAML syntax error: Missing closing "quote', range(3, 5, 3, 28)]]);
  });

  it('refuses an alias bomb, located at the first alias', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'tables: [*d, *d, *d]',
      '',
    ].join('\n');
    const doc = parseYamlReport('a.yaml', bomb);
    expect(problems(doc)).toEqual([['yaml-syntax', 'error', 'Too many YAML aliases to expand (an alias bomb?); the report is not read', range(2, 8, 2, 10)]]);
  });

  it('reads aliases used sensibly: columns shared between two tables', () => {
    const source = 'tables:\n  - columns: &cols [本年, 上年]\n    rows: [[一、收到申请, 35, 30]]\n  - columns: *cols\n    rows: [[二、办结, 33, 29]]\n';
    const doc = parseYamlReport('a.yaml', source);
    expect(doc.problems).toEqual([]);
    expect(doc.tables.map((t) => [t.columns.map((c) => c.label), t.rows[0]?.cells.map((c) => c.value)])).toEqual([
      [
        ['本年', '上年'],
        ['35', '30'],
      ],
      [
        ['本年', '上年'],
        ['33', '29'],
      ],
    ]);
    expect(doc.tables[1]?.columns[0]?.range).toEqual(range(2, 21, 2, 23));
  });

  it('never throws on garbage, deep nesting or unterminated input', () => {
    for (const text of [
      '\u0000\u0001garbage: [[[{',
      '['.repeat(5000),
      'sections:\n  - title: |\n',
      'tables:\n  - rows:\n      - {label',
      '\uFEFF: : :',
      '{{{{',
    ]) {
      let doc: ReportDocument | undefined;
      expect(() => {
        doc = parseYamlReport('a.yaml', text);
      }).not.toThrow();
      expect(doc?.problems.every((p) => p.range.start.line >= 1 && p.range.start.column >= 1)).toBe(true);
    }
    expect(parseYamlReport('a.yaml', '['.repeat(5000)).problems.length).toBeLessThanOrEqual(10);
  });
});

describe('parseYamlReport: positions and inference', () => {
  it('counts columns in UTF-16 code units: 𠮷 before a figure takes two', () => {
    const source = 'sections:\n  - title: 一、总体情况\n    text: 𠮷共收到申请35件。\n    tables:\n      - columns: [件数]\n        rows: [[𠮷收到, 35]]\n';
    const doc = parseYamlReport('a.yaml', source);
    expect(doc.statements[0]?.total).toMatchObject({ value: '35', range: range(3, 18, 3, 21) });
    expect(doc.tables[0]?.rows[0]?.cells[0]?.range).toEqual(range(6, 23, 6, 25));
    expect(doc.tables[0]?.section).toEqual(['总体情况']);
  });

  it('maps escapes in double-quoted text back to the source', () => {
    const doc = parseYamlReport('a.yaml', 'text: "\\u5171\\u6536\\u5230\\t申请35件。"\n');
    expect(doc.statements[0]?.total.range).toEqual(range(1, 30, 1, 33));
  });

  it('infers what meta does not state from the text', () => {
    const source = 'text: |\n  本报告所列数据统计期限自2024年1月1日至2024年12月31日。\nsections:\n  - title: 一、总体情况\n';
    const doc = parseYamlReport('a.yaml', source);
    expect(doc.meta.period).toEqual({ value: { start: '2024-01-01', end: '2024-12-31' }, range: range(2, 15, 2, 36) });
  });
});
