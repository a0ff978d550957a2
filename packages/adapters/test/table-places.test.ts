import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { ReportDocument, Table } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { markdownReport, random } from '../../../bench/corpus.mjs';
import { parseMarkdown, plainDocument } from '../src/index.ts';
import { moveTable } from '../src/reading-memo.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** What JSON gives of a value: a cell's range made from where it lies, what it lacks left out. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const cellsOf = (doc: ReportDocument) => doc.tables.flatMap((t) => t.rows.flatMap((r) => r.cells));

// A plain table's rows and cells keep their line and columns and make their ranges when asked (table.ts,
// `TableCell`; outline.ts, `TableRow`).
describe("a table's rows and cells", () => {
  // Plain tables (read line by line) and tables with inline markup (read through GFM's nodes).
  const doc = parseMarkdown('reports/2021.md', fixture('report-2021.md'));
  const generated = parseMarkdown('generated.md', markdownReport(7, 15, random(7)));

  it('give the same range at every look, as a property of the cell', () => {
    const cell = cellsOf(doc)[0];
    expect(cell?.range).toBe(cell?.range);
    expect('range' in (cell as object)).toBe(true);
    expect(Object.keys(asJson(cell) as object)).toEqual(['text', 'empty', 'range', 'value', 'decimals']);
    const rows = generated.tables.flatMap((t) => t.rows);
    const child = rows.find((r) => r.parent !== undefined);
    expect(child?.range).toBe(child?.range);
    expect(child?.labelRange).toBe(child?.labelRange);
    expect(Object.keys(asJson(child) as object)).toEqual(['label', 'labelRange', 'marker', 'number', 'level', 'kind', 'path', 'cells', 'range', 'parent']);
    expect(Object.keys(asJson(rows.find((r) => r.parent === undefined)) as object)).not.toContain('parent');
  });

  it('are kept whole by a document saved with v8.serialize through plainDocument, as a batch saves one', () => {
    for (const read of [doc, generated]) {
      const saved = deserialize(serialize(plainDocument(read))) as ReportDocument;
      expect(cellsOf(saved).length).toBeGreaterThan(100);
      expect(cellsOf(saved).every((c) => Object.hasOwn(c, 'range'))).toBe(true);
      const rows = saved.tables.flatMap((t) => t.rows);
      expect(rows.every((r) => Object.hasOwn(r, 'range') && Object.hasOwn(r, 'labelRange'))).toBe(true);
      expect(asJson(saved)).toEqual(asJson(read));
    }
  });

  it('leave a document without tables as it is', () => {
    const none = parseMarkdown('none.md', '# 标题\n\n一段话。\n');
    expect(plainDocument(none)).toBe(none);
  });

  it('moved lines down are the rows and cells a plain copy moved gives, whether or not their ranges were made before', () => {
    // Each read twice: the JSON of one makes its cells' ranges, the other's are made only when asked.
    const read = () => [parseMarkdown('reports/2021.md', fixture('report-2021.md')), parseMarkdown('generated.md', markdownReport(7, 15, random(7)))];
    const plain = read().flatMap((d) => d.tables.map((t) => asJson(t) as Table));
    const tables = read().flatMap((d) => d.tables);
    tables.forEach((table, t) => {
      const expected = asJson(moveTable(plain[t] as Table, 7));
      expect(asJson(moveTable(table, 7))).toEqual(expected);
      for (const row of table.rows) {
        void row.range;
        for (const cell of row.cells) void cell.range;
      }
      expect(asJson(moveTable(table, 7))).toEqual(expected);
    });
  });
});
