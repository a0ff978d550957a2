// Acceptance of published formats: the report that packages/adapters/test/fixtures/published/make.mjs printed to PDF
// three ways and wrote as a Word document reads, through the command line, into the same statistics tables as its
// Markdown version and as the figures written down by hand in expected.ts, and gets the same findings; a scan, an
// encrypted and a damaged file are located errors in a batch that still checks the good file.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportDocument, Table } from '@crossfoot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as expected from '../packages/adapters/test/fixtures/published/expected.ts';
import { runCli } from './run-cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'packages/adapters/test/fixtures/published');
const cwd = mkdtempSync(join(tmpdir(), 'crossfoot-published-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const MARKDOWN = 'report-2023.md';
const PUBLISHED = ['report-2023.pdf', 'report-2023-top.pdf', 'report-2023-narrow.pdf', 'report-2023.docx'];
const BROKEN = ['scan.pdf', 'encrypted.pdf', 'truncated.pdf', 'truncated.docx'];
/** A PDF whose Chinese font is not embedded: its text needs the CMaps of the installed pdfjs-dist package. */
const CMAP = 'cjk-cmap.pdf';

beforeAll(() => {
  for (const name of [MARKDOWN, ...PUBLISHED, ...BROKEN, CMAP]) copyFileSync(join(fixtures, name), join(cwd, name));
});

interface Position {
  line: number;
  column: number;
}
interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  uri: string;
  range: { start: Position; end: Position };
  related: { uri: string; range: { start: Position; end: Position }; label: string }[];
  expected?: string;
  actual?: string;
}
interface JsonReport {
  diagnostics: Finding[];
  files: { uri: string; lines: Record<string, string> }[];
}

async function inspect(file: string): Promise<ReportDocument> {
  const { code, stdout, stderr } = await runCli(['inspect', file, '--json'], cwd);
  expect(stderr, file).toBe('');
  expect(code, file).toBe(0);
  return JSON.parse(stdout) as ReportDocument;
}

async function check(args: string[]): Promise<{ code: number; report: JsonReport }> {
  const { code, stdout } = await runCli(['check', ...args, '--format', 'json'], cwd);
  return { code, report: JSON.parse(stdout) as JsonReport };
}

/** What a finding says, without where it was found. */
const said = (d: Finding) => [d.ruleId, d.severity, d.message, d.expected, d.actual, d.related.map((r) => r.label)];
/** Where a finding points: `line:column-line:column`, then its related locations. */
const span = (r: { start: Position; end: Position }) => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
const where = (d: Finding) => [d.ruleId, span(d.range), ...d.related.map((r) => span(r.range))];
/**
 * Each statistics table as its caption, label header, columns and rows (`expected.shape`). The blocks of table 2 are
 * compared without captions: a Word table's clause rows become its blocks' captions, a printed clause line does not.
 */
const tables = (doc: ReportDocument) => {
  const found = expected.statisticsTables(doc);
  const view = (t: Table | undefined) =>
    t && { caption: t.caption, labelHeader: t.labelHeader, columns: t.columns.map((c) => c.label), rows: expected.shape(t) };
  return { table2: found.table2.map((t) => ({ ...view(t), caption: undefined })), table3: view(found.table3), table4: view(found.table4) };
};

/** Where each file's findings are: the planted 办结 53 件 and, for the shortfall, the six outcomes after it; the table's （七）总计 52. */
const locations: Record<string, string[][]> = {
  'report-2023.md': [
    ['cn-gov-disclosure-2021/handled-in-text', '49:41-49:45', '83:36-83:38'],
    ['cn-gov-disclosure-common/statement-shortfall', '49:41-49:45', '49:52-49:55', '49:60-49:62', '49:67-49:69', '49:74-49:77', '49:82-49:84', '49:89-49:91'],
  ],
  'report-2023.pdf': [
    ['cn-gov-disclosure-2021/handled-in-text', '26:48-26:52', '96:90-96:92'],
    ['cn-gov-disclosure-common/statement-shortfall', '26:48-26:52', '26:59-26:62', '26:67-26:69', '26:74-26:76', '26:81-26:84', '26:89-26:91', '26:96-26:98'],
  ],
  'report-2023-top.pdf': [
    ['cn-gov-disclosure-2021/handled-in-text', '26:48-26:52', '75:90-75:92'],
    ['cn-gov-disclosure-common/statement-shortfall', '26:48-26:52', '26:59-26:62', '26:67-26:69', '26:74-26:76', '26:81-26:84', '26:89-26:91', '26:96-26:98'],
  ],
  'report-2023-narrow.pdf': [
    ['cn-gov-disclosure-2021/handled-in-text', '26:48-26:52', '75:90-75:92'],
    ['cn-gov-disclosure-common/statement-shortfall', '26:48-26:52', '26:59-26:62', '26:67-26:69', '26:74-26:76', '26:81-26:84', '26:89-26:91', '26:96-26:98'],
  ],
  'report-2023.docx': [
    ['cn-gov-disclosure-2021/handled-in-text', '34:44-34:48', '63:141-63:159'],
    ['cn-gov-disclosure-common/statement-shortfall', '34:44-34:48', '34:55-34:58', '34:63-34:65', '34:70-34:72', '34:77-34:80', '34:85-34:87', '34:92-34:94'],
  ],
};

describe('published reports through the command line', () => {
  let markdown: ReportDocument;
  beforeAll(async () => {
    markdown = await inspect(MARKDOWN);
  });

  it('reads the Markdown version into the figures written down by hand', () => {
    const t = tables(markdown);
    expect(t.table2.map((x) => x && { columns: x.columns, rows: x.rows })).toEqual(expected.table2);
    expect(t.table3).toEqual({ ...expected.table3 });
    expect(t.table4).toMatchObject({ caption: expected.table4.caption, columns: expected.table4.columns, rows: expected.table4.rows });
  });

  for (const file of PUBLISHED) {
    it(`inspect --json gives every row and column of the three statistics tables of ${file}`, { timeout: 120_000 }, async () => {
      const doc = await inspect(file);
      expect(doc.format).toBe(file.endsWith('.pdf') ? 'pdf' : 'docx');
      expect(doc.problems).toEqual([]);
      expect(doc.meta.title?.value).toBe(expected.title);
      expect(doc.meta.period?.value).toEqual({ start: '2023-01-01', end: '2023-12-31' });
      const t = tables(doc);
      expect(t.table2.map((x) => x && { columns: x.columns, rows: x.rows })).toEqual(expected.table2);
      expect(t.table3?.caption).toBe(expected.table3.caption);
      expect(t.table3?.columns).toEqual(expected.table3.columns);
      expect(t.table3?.rows).toEqual(expected.table3.rows);
      expect(t.table4?.caption).toBe(expected.table4.caption);
      expect(t.table4?.columns).toEqual(expected.table4.columns);
      expect(t.table4?.rows).toEqual(expected.table4.rows);
      // And exactly what the Markdown version gives, label header included.
      expect(t).toEqual(tables(markdown));
      // Every figure of a PDF is a located cell: its range holds the figure's digits on one line of the text.
      for (const row of file.endsWith('.pdf') ? (expected.statisticsTables(doc).table3?.rows ?? []) : []) {
        for (const cell of row.cells) {
          if (cell.value === undefined) continue;
          expect(cell.range.start.line, `${row.label}`).toBe(cell.range.end.line);
          expect(cell.range.end.column - cell.range.start.column).toBe(cell.value.length);
        }
      }
    });

    it(`check gives the findings of the Markdown version on ${file}, located in its text`, { timeout: 120_000 }, async () => {
      const [fromMarkdown, fromPublished] = [await check([MARKDOWN]), await check([file])];
      expect(fromMarkdown.code).toBe(1);
      expect(fromPublished.code).toBe(1);
      expect(fromMarkdown.report.diagnostics.map((d) => `${d.ruleId} ${d.message}`)).toEqual(expected.findings);
      expect(fromPublished.report.diagnostics.map(said)).toEqual(fromMarkdown.report.diagnostics.map(said));
      expect(fromPublished.report.diagnostics.map((d) => `${d.ruleId} ${d.message}`)).toEqual(expected.findings);
      expect(fromPublished.report.diagnostics.map((d) => [d.expected, d.actual])).toEqual([
        ['52', '53'],
        ['52', '53'],
      ]);
      expect(fromPublished.report.diagnostics.map(where)).toEqual(locations[file]);
      expect(fromMarkdown.report.diagnostics.map(where)).toEqual(locations[MARKDOWN]);
      // The primary range is the stated 53 件 on the line the report shows, and the parts are the six outcomes.
      const lines = fromPublished.report.files[0]?.lines ?? {};
      const text = (r: { start: Position; end: Position }) => (lines[r.start.line] ?? '').slice(r.start.column - 1, r.end.column - 1);
      for (const d of fromPublished.report.diagnostics) expect(text(d.range)).toBe('53 件');
      const shortfall = fromPublished.report.diagnostics[1] as Finding;
      expect(shortfall.related.map((r) => text(r.range))).toEqual(['25件', '6件', '5件', '12件', '3件', '1件']);
    });
  }

  it('inspect says on which PDF page each section and table stands; table 3 crosses a page break', { timeout: 120_000 }, async () => {
    const { code, stdout } = await runCli(['inspect', 'report-2023.pdf'], cwd);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('report-2023.pdf (pdf, 5 pages)');
    expect(lines.filter((l) => /^\s+§ /.test(l)).every((l) => /\[line \d+, page [1-5]\]$/.test(l))).toBe(true);
    const table3 = lines.find((l) => l.startsWith('table ') && l.includes(`"${expected.table3.caption}"`)) ?? '';
    const [, from, to] = /, pages (\d)–(\d)\]/.exec(table3) ?? [];
    expect(Number(to) - Number(from), table3).toBe(1);
    // Markdown has no pages.
    expect((await runCli(['inspect', MARKDOWN], cwd)).stdout).not.toMatch(/page/);
  });

  it('tells a PDF from its bytes whatever its name, and leaves text that quotes `%PDF-` text', { timeout: 120_000 }, async () => {
    copyFileSync(join(fixtures, 'report-2023.pdf'), join(cwd, 'renamed.txt'));
    writeFileSync(join(cwd, 'quoting.md'), '# Notes\n\nA PDF file starts with `%PDF-1.7`.\n');
    const renamed = await inspect('renamed.txt');
    expect(renamed.format).toBe('pdf');
    expect(tables(renamed)).toEqual(tables(markdown));
    const quoting = await inspect('quoting.md');
    expect(quoting.format).toBe('markdown');
    expect(quoting.problems).toEqual([]);
    rmSync(join(cwd, 'renamed.txt'));
    rmSync(join(cwd, 'quoting.md'));
  });

  it('imports a PDF and a Word report as Markdown with GFM tables that gives the same findings, never over an existing file', {
    timeout: 120_000,
  }, async () => {
    for (const [source, target] of [
      ['report-2023.pdf', 'from-pdf.md'],
      ['report-2023.docx', 'from-docx.md'],
    ] as const) {
      const imported = await runCli(['import', source, '-o', target], cwd);
      expect(imported.code, imported.stderr).toBe(0);
      const text = readFileSync(join(cwd, target), 'utf8');
      expect(text).toMatch(/^---\ntitle: 青溪市自然资源局2023年政府信息公开工作年度报告\n/);
      expect(text).toContain('| 行政规范性文件 | 4 | 2 | 37 |');
      expect(text).toMatch(/\n\| 一、本年新收政府信息公开申请数量 \| 44 \| 6 \| 0 \| 1 \| 2 \| 1 \| 54 \|\n/);
      const doc = await inspect(target);
      expect(doc.format).toBe('markdown');
      expect(tables(doc)).toEqual(tables(markdown));
      const [fromSource, fromImport] = [await check([source]), await check([target])];
      expect(fromImport.report.diagnostics.map(said)).toEqual(fromSource.report.diagnostics.map(said));
      expect(fromImport.code).toBe(1);
    }
    writeFileSync(join(cwd, 'mine.md'), 'my notes\n');
    const refused = await runCli(['import', 'report-2023.pdf', '-o', 'mine.md'], cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mine.md already exists; use --force to replace it');
    expect(readFileSync(join(cwd, 'mine.md'), 'utf8')).toBe('my notes\n');
    expect((await runCli(['import', 'report-2023.pdf', '-o', 'mine.md', '--force'], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, 'mine.md'), 'utf8')).toContain('| 行政规范性文件 | 4 | 2 | 37 |');
    // A scan has nothing to import: its problem, exit 1, and no file.
    const scan = await runCli(['import', 'scan.pdf', '-o', 'scan.md'], cwd);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toBe('scan.pdf:1:1: error: This PDF has no text layer (a scan?) — crossfoot does not do OCR [pdf-no-text]\n');
    expect(existsSync(join(cwd, 'scan.md'))).toBe(false);
  });
});

describe('unreadable published files in a batch', () => {
  const unreadable = [
    ['encrypted.pdf', 'crossfoot/pdf-encrypted', 'This PDF is encrypted and needs a password to open; provide an unencrypted copy'],
    ['scan.pdf', 'crossfoot/pdf-no-text', 'This PDF has no text layer (a scan?) — crossfoot does not do OCR'],
    [
      'truncated.docx',
      'crossfoot/docx-corrupt',
      'Cannot read this Word file: it is damaged or not a DOCX file (the ZIP archive is incomplete: no central directory)',
    ],
    ['truncated.pdf', 'crossfoot/pdf-corrupt', 'Cannot read this PDF: the file is damaged or incomplete (Invalid PDF structure.)'],
  ];
  const batch = ['report-2023.pdf', ...BROKEN];

  /** Each unreadable file's one finding at 1:1, then the good file's findings, as `uri line:column ruleId message`. */
  const expectedFindings = [
    ...unreadable.map(([uri, rule, message]) => `${uri} 1:1-1:1 ${rule} error ${message}`),
    'report-2023.pdf 26:48-26:52 cn-gov-disclosure-2021/handled-in-text error The text gives 全年办结政府信息公开申请 as 53 件 but the table says （七）总计 / 总计 = 52',
    'report-2023.pdf 26:48-26:52 cn-gov-disclosure-common/statement-shortfall warning 全年办结政府信息公开申请: a total of 53, but its parts add up to 52 (25 + 6 + 5 + 12 + 3 + 1), 1 short',
  ].sort();
  const listed = (report: JsonReport) => report.diagnostics.map((d) => `${d.uri} ${span(d.range)} ${d.ruleId} ${d.severity} ${d.message}`).sort();

  it('gives each unreadable file its located error, checks the good file, and exits 1 — in one thread and in two', { timeout: 300_000 }, async () => {
    const serial = await check([...batch, '--locale', 'en', '--jobs', '1']);
    expect(serial.code).toBe(1);
    expect(listed(serial.report)).toEqual(expectedFindings);
    const threads = await check([...batch, '--locale', 'en', '--jobs', '2']);
    expect(threads.code).toBe(1);
    expect(threads.report.diagnostics).toEqual(serial.report.diagnostics);
  });

  it('finds .pdf and .docx files in a folder, and with --cache reuses their findings', { timeout: 300_000 }, async () => {
    const all = await check(['.', '--locale', 'en', '--cache=.cache']);
    expect(all.code).toBe(1);
    const uris = [...new Set(all.report.diagnostics.map((d) => d.uri))].sort();
    expect(uris).toEqual(expect.arrayContaining([...PUBLISHED, ...BROKEN, MARKDOWN]));
    const again = await runCli(['check', '.', '--locale', 'en', '--cache=.cache', '--format', 'json'], cwd);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).diagnostics).toEqual(all.report.diagnostics);
    expect(again.stderr).toMatch(/^cache: 0 files checked, \d+ reused\n$/);
  });
});

/** Runs `node` with `args` in `cwd`, giving its exit code and output. */
function node(args: string[], dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr });
    });
  });
}

describe('the bundled command', () => {
  it('reads PDF and Word reports with pdf.js and mammoth from their packages, CMaps included', { timeout: 300_000 }, async () => {
    const cli = join(root, 'packages/cli');
    expect((await node([join(cli, 'build.mjs')], root)).code).toBe(0);
    // The bundle's entry exports `main`, as bin/crossfoot.cjs runs it.
    const run = (args: string[]) =>
      node(
        [
          '--input-type=module',
          '-e',
          `const { main } = await import(${JSON.stringify(join(cli, 'dist/crossfoot.cjs'))}); process.exitCode = await main(${JSON.stringify(args)});`,
        ],
        cwd,
      );

    const cmap = await run(['inspect', CMAP, '--json']);
    expect(cmap.stderr).toBe('');
    expect(cmap.code).toBe(0);
    const doc = JSON.parse(cmap.stdout) as ReportDocument;
    expect(doc.problems).toEqual([]);
    expect(doc.meta.title?.value).toBe(expected.title);
    expect(doc.statements.map((st) => [st.total.label, st.total.value, st.total.unit])).toEqual([
      ['全年新收政府信息公开申请', '54', '件'],
      ['上年结转', '3', '件'],
    ]);

    const checked = await run(['check', 'report-2023.pdf', 'report-2023.docx', 'scan.pdf', 'truncated.docx', '--format', 'json', '--locale', 'en']);
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => `${d.uri} ${span(d.range)} ${d.ruleId}`)).toEqual([
      'report-2023.docx 34:44-34:48 cn-gov-disclosure-2021/handled-in-text',
      'report-2023.docx 34:44-34:48 cn-gov-disclosure-common/statement-shortfall',
      'report-2023.pdf 26:48-26:52 cn-gov-disclosure-2021/handled-in-text',
      'report-2023.pdf 26:48-26:52 cn-gov-disclosure-common/statement-shortfall',
      'scan.pdf 1:1-1:1 crossfoot/pdf-no-text',
      'truncated.docx 1:1-1:1 crossfoot/docx-corrupt',
    ]);
  });
});
