import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { Checker, loadPack, type ReportDocument, type Section } from '@crossfoot/core';
import { createPackHost } from 'crossfoot';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown, readBinaryReport, readDocx, readReport, toMarkdown } from '../src/index.ts';
import * as expected from './fixtures/published/expected.ts';

const here = join(import.meta.dirname, 'fixtures/published');
const root = join(import.meta.dirname, '../../..');
const bytes = (name: string) => new Uint8Array(readFileSync(join(here, name)));
const flat = (sections: Section[]): Section[] => sections.flatMap((s) => [s, ...flat(s.children)]);
const codes = (doc: ReportDocument) => doc.problems.map((p) => [p.code, p.severity]);

async function findings(doc: ReportDocument): Promise<string[]> {
  const host = createPackHost(root);
  const ids = readdirSync(join(root, 'rules')).filter((d) => existsSync(join(root, 'rules', d, 'pack.yaml')));
  const checker = new Checker(
    ids.map((id) => loadPack(id, host, join(root, 'noop'))),
    { locale: 'zh-CN' },
  );
  return (await checker.check({ doc })).map((d) => `${d.ruleId} ${d.message}`).sort();
}

/** A one-entry ZIP archive whose header declares `size` unpacked bytes. */
function zipDeclaring(size: number): Uint8Array {
  const data = deflateRawSync(Buffer.from('<w:document/>'));
  const name = Buffer.from('word/document.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

describe('a 2021-format report written in Word', () => {
  let doc: ReportDocument;
  beforeAll(async () => {
    doc = await readBinaryReport({ uri: 'published/report-2023.docx', bytes: bytes('report-2023.docx') });
  });

  it('reads without problems, as a Word document whose text is its HTML, a paragraph or table row a line', () => {
    expect(doc.problems).toEqual([]);
    expect(doc.format).toBe('docx');
    expect(doc.text.split('\n')[0]).toBe(`<p>${expected.title}</p>`);
    expect(doc.text).toMatch(/^<tr><td rowspan="22"><p>三、本年度办理结果<\/p><\/td>/mu);
  });

  it('has the meta and sections of the report', () => {
    expect(doc.meta.title?.value).toBe(expected.title);
    expect(doc.meta.period?.value).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(doc.meta.published?.value).toBe('2024-01-26');
    expect(flat(doc.sections).map((s) => s.title)).toEqual(expected.sections);
  });

  it('reads table 2 as its four blocks, each headed by its clause', () => {
    const { table2 } = expected.statisticsTables(doc);
    expect(table2.map((t) => ({ columns: t.columns.map((c) => c.label), rows: expected.shape(t) }))).toEqual(expected.table2);
    expect(table2.map((t) => t.caption)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
  });

  it('reads every row and column of table 3, its merged cells (gridSpan, vMerge) as spans', () => {
    const { table3 } = expected.statisticsTables(doc);
    expect(table3?.labelHeader).toBe(expected.table3.labelHeader);
    expect(table3?.columns.map((c) => c.label)).toEqual(expected.table3.columns);
    expect(expected.shape(table3)).toEqual(expected.table3.rows);
  });

  it('reads table 4, one row of fifteen cells without a label column', () => {
    const { table4 } = expected.statisticsTables(doc);
    expect(table4?.columns.map((c) => c.label)).toEqual(expected.table4.columns);
    expect(expected.shape(table4)).toEqual(expected.table4.rows);
  });

  it('gives the same findings as the Markdown version of the report', async () => {
    const markdown = readReport({ uri: 'report-2023.md', text: readFileSync(join(here, 'report-2023.md'), 'utf8') });
    expect(await findings(doc)).toEqual(await findings(markdown));
    expect(await findings(doc)).toEqual(expected.findings);
  });
});

describe('a Word report imported to Markdown', () => {
  it('keeps its narrative as text and its tables as GFM tables, and gives the same findings', async () => {
    const doc = await readDocx('report-2023.docx', bytes('report-2023.docx'));
    const markdown = toMarkdown(doc);
    expect(markdown).not.toMatch(/<\/?(?:p|td|tr|table)\b/u);
    expect(markdown).toContain('\n## 一、总体情况\n');
    const back = parseMarkdown('report-2023.md', markdown);
    expect(back.problems).toEqual([]);
    const tables = (d: ReportDocument) => d.tables.map((t) => [t.labelHeader, t.columns.map((c) => c.label), expected.shape(t)]);
    expect(tables(back)).toEqual(tables(doc));
    expect(back.statements.map((s) => s.text)).toEqual(doc.statements.map((s) => s.text));
    expect(await findings(back)).toEqual(expected.findings);
  });
});

describe('Word files that cannot be read', () => {
  it('a truncated DOCX', async () => {
    const doc = await readBinaryReport({ uri: 'truncated.docx', bytes: bytes('truncated.docx') });
    expect(codes(doc)).toEqual([['docx-corrupt', 'error']]);
    expect(doc).toMatchObject({ format: 'docx', text: '', tables: [] });
  });

  it('a ZIP archive that is not a Word document, and bytes that are no archive', async () => {
    expect(codes(await readDocx('a.docx', zipDeclaring(13)))).toEqual([['docx-corrupt', 'error']]);
    expect(codes(await readDocx('a.docx', new TextEncoder().encode('not a zip at all')))).toEqual([['docx-corrupt', 'error']]);
  });

  it('an old .doc or encrypted file (an OLE compound file)', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    expect(codes(await readBinaryReport({ uri: 'report.doc', bytes: ole }))).toEqual([['docx-legacy', 'error']]);
  });

  it('an archive that would unpack to more than the limit is not unpacked', async () => {
    expect(codes(await readDocx('bomb.docx', zipDeclaring(3_000_000_000)))).toEqual([['docx-too-large', 'error']]);
    expect(codes(await readDocx('a.docx', bytes('report-2023.docx'), { maxUnpackedBytes: 1000 }))).toEqual([['docx-too-large', 'error']]);
  });
});
