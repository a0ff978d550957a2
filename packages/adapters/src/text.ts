import type { ReportDocument } from '@crossfoot/core';
import { foldWidth, LineIndex } from '@crossfoot/core';
import { CAPTION_SKIP, looksLikeCaption } from './caption.ts';
import { findLayoutTables, type LayoutTable } from './layout.ts';
import { type MarkerStyle, readMarker } from './markers.ts';
import { readNumber } from './numbers.ts';
import { emptyDocument, isBlank, NarrativeReader, sortProblems } from './reading.ts';
import { buildSections, outlineEndAfter, SectionCursor, type SectionDraft, titleOf } from './sections.ts';
import { SuppressionCollector } from './suppressions.ts';
import { assembleTable, type SourceCell, type SourceRow, type TableSource } from './table.ts';

type LineKind = 'blank' | 'text' | 'pipe' | 'lone-pipe' | 'delimiter' | 'comment';

interface Line {
  /** 1-based line number. */
  n: number;
  /** Offsets of the line's content without surrounding blanks. */
  start: number;
  end: number;
  kind: LineKind;
  /** The content, width-folded (same length as the original). */
  folded: string;
}

interface TableRun {
  first: number;
  last: number;
  /** Indexes in `lines` of the rows; each with the lone-pipe lines merged into it. */
  rows: { line: number; lastLine: number }[];
}

/** A table in the text, of either kind, and how to read it once its number and section are known. */
interface Found {
  first: number;
  last: number;
  source: (n: number, section: string[]) => TableSource;
}

const LEVEL_CJK: Partial<Record<MarkerStyle, number>> = { cjk: 1, 'cjk-paren': 2, arabic: 3, 'arabic-paren': 4, circled: 5 };
const DELIMITER = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/u;
const COMMENT = /^<!--\s*crossfoot-[\s\S]*-->$/u;

/**
 * Plain text (as published, or extracted from PDF with or without `-layout`) → ReportDocument.
 * Numbered lines give the sections; loose `a | b | c |` lines and space-aligned columns the tables; every other
 * line the narrative.
 */
export function parseText(uri: string, text: string): ReportDocument {
  const doc = emptyDocument(uri, text, 'text');
  const index = LineIndex.of(text);
  const folded = foldWidth(text);
  const lines = readLines(index, folded);
  const runs = findTables(lines);
  const inTable = new Uint8Array(lines.length);
  for (const run of runs) inTable.fill(1, run.first, run.last + 1);
  const found: Found[] = runs.map((run) => ({ first: run.first, last: run.last, source: (n, section) => tableSource(run, lines, index, n, section) }));
  const free = lines.map((l, i) => (inTable[i] === 1 ? { ...l, kind: 'other' as const } : l));
  for (const table of findLayoutTables(free, index, { endsHeader })) {
    inTable.fill(1, table.first, table.last + 1);
    found.push({ first: table.first, last: table.last, source: (n, section) => layoutSource(table, lines, index, n, section) });
  }
  found.sort((a, b) => a.first - b.first);

  // Sections from numbered lines outside tables.
  const prose = lines.filter((l, i) => inTable[i] === 0 && (l.kind === 'text' || l.kind === 'pipe'));
  const cjk = prose.some((l) => {
    const m = readMarker(l.folded, { western: false });
    return m?.style === 'cjk' || m?.style === 'cjk-paren';
  });
  const headings: (SectionDraft & { line: Line })[] = [];
  for (const l of prose) {
    const m = readMarker(index.text.slice(l.start, Math.min(l.end, l.start + 40)), { western: false });
    if (!m) continue;
    const level = cjk ? LEVEL_CJK[m.style] : m.style === 'arabic' ? 1 : m.style.startsWith('dotted-') ? Number(m.style.slice(7)) : undefined;
    if (level === undefined) continue;
    const rest = index.text.slice(l.start + m.length, l.end);
    const { title, length } = titleOf(rest);
    headings.push({
      marker: m.marker,
      number: m.number,
      title,
      level,
      start: l.start,
      end: Math.max(l.start + m.marker.length, l.start + m.length + length),
      line: l,
    });
  }
  const outlineEnd = endOfOutline(prose, headings);
  const outline = buildSections(
    index,
    headings.filter((h) => h.start < outlineEnd),
    outlineEnd,
  );
  doc.sections = outline.sections;

  // Tables, narrative and suppression comments, in document order.
  const cursor = new SectionCursor(outline.flat);
  const narrative = new NarrativeReader(index, doc.problems);
  const suppressions = new SuppressionCollector(index);
  let run = 0;
  for (let i = 0; i < lines.length; i++) {
    const next = found[run];
    if (next && i === next.first) {
      const l = lines[i] as Line;
      doc.tables.push(assembleTable(next.source(doc.tables.length + 1, cursor.at(l.start)), doc.problems));
      i = next.last;
      run++;
      continue;
    }
    const l = lines[i] as Line;
    if (l.kind === 'comment') suppressions.scan(l.start, l.end);
    else if (l.kind === 'text' || l.kind === 'pipe') narrative.read(l.start, l.end, cursor.at(l.start));
  }
  doc.statements = narrative.statements;
  doc.dates = narrative.dates;
  doc.suppressions = suppressions.finish();
  doc.meta = narrative.meta(doc.sections);
  sortProblems(doc.problems);
  return doc;
}

function readLines(index: LineIndex, folded: string): Line[] {
  const text = index.text;
  const lines: Line[] = [];
  for (let n = 1; n <= index.lineCount; n++) {
    let start = index.lineStart(n);
    let end = index.lineEnd(n);
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    const f = folded.slice(start, end);
    let kind: LineKind;
    if (f === '') kind = 'blank';
    else if (!f.includes('|')) kind = COMMENT.test(f) ? 'comment' : 'text';
    else if (/^[|\s]+$/u.test(f)) kind = 'lone-pipe';
    else if (DELIMITER.test(f)) kind = 'delimiter';
    else kind = 'pipe';
    lines.push({ n, start, end, kind, folded: f });
  }
  return lines;
}

/** Runs of lines with `|` separators holding at least two rows; blank lines inside a run are allowed. */
function findTables(lines: Line[]): TableRun[] {
  const runs: TableRun[] = [];
  let i = 0;
  while (i < lines.length) {
    if ((lines[i] as Line).kind !== 'pipe') {
      i++;
      continue;
    }
    const run: TableRun = { first: i, last: i, rows: [] };
    let j = i;
    while (j < lines.length) {
      const l = lines[j] as Line;
      if (l.kind === 'pipe') {
        run.rows.push({ line: j, lastLine: j });
        run.last = j;
      } else if (l.kind === 'lone-pipe' || l.kind === 'delimiter') {
        const row = run.rows.at(-1);
        if (row && l.kind === 'lone-pipe') row.lastLine = j;
        run.last = j;
      } else if (l.kind === 'blank') {
        let k = j + 1;
        while (k < lines.length && (lines[k] as Line).kind === 'blank') k++;
        const after = lines[k]?.kind;
        if (after !== 'pipe' && after !== 'lone-pipe' && after !== 'delimiter') break;
      } else {
        break;
      }
      j++;
    }
    if (run.rows.length >= 2) runs.push(run);
    i = Math.max(run.last, i) + 1;
  }
  return runs;
}

function tableSource(run: TableRun, lines: Line[], index: LineIndex, n: number, section: string[]): TableSource {
  const rows: SourceRow[] = run.rows.map(({ line, lastLine }) => {
    const l = lines[line] as Line;
    const last = lines[lastLine] as Line;
    return { cells: splitCells(l, index), range: index.range(l.start, last.end) };
  });
  const head = rows[0] as SourceRow;
  const isHeader = head.cells.length >= 2 && head.cells.slice(1).every((c) => readNumber(c.text).value === undefined);
  const first = lines[run.first] as Line;
  const last = lines[run.last] as Line;
  const source: TableSource = {
    id: `t${n}`,
    section,
    rows: isHeader ? rows.slice(1) : rows,
    range: index.range(first.start, last.end),
    ragged: 'unless-heading',
  };
  if (isHeader) source.header = head.cells;
  const caption = captionBefore(lines, run.first, index);
  if (caption !== undefined) source.caption = caption;
  return source;
}

function layoutSource(table: LayoutTable, lines: Line[], index: LineIndex, n: number, section: string[]): TableSource {
  const source: TableSource = { id: `t${n}`, section, rows: table.rows, range: table.range, ragged: 'unless-heading' };
  if (table.header) source.header = table.header;
  const caption = captionBefore(lines, table.first, index);
  if (caption !== undefined) source.caption = caption;
  return source;
}

/**
 * Lines above a layout table that are not part of its header: a caption, `（2018年度）`, `填报单位…`, `单位：…`, and
 * the clause heading a block of a table printed in blocks (`第二十条第（一）项` in table 2 of the 2021 format).
 */
function endsHeader(folded: string): boolean {
  return CAPTION_SKIP.some((re) => re.test(folded)) || looksLikeCaption(folded) || CLAUSE.test(folded);
}

const CLAUSE = /^第[一二三四五六七八九十百零〇\d]+条(?:第\s*\(\s*[一二三四五六七八九十\d]+\s*\)\s*项)?$/u;

/** Cells of a loose pipe line; leading and trailing pipes are optional. */
function splitCells(l: Line, index: LineIndex): SourceCell[] {
  const bars: number[] = [];
  for (let i = 0; i < l.folded.length; i++) if (l.folded.charCodeAt(i) === 124) bars.push(i);
  const bounds = [-1, ...bars, l.folded.length];
  const cells: SourceCell[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    let s = (bounds[k] as number) + 1;
    let e = bounds[k + 1] as number;
    const outer = k === 0 || k + 2 === bounds.length;
    while (s < e && isBlank(l.folded.charCodeAt(s))) s++;
    while (e > s && isBlank(l.folded.charCodeAt(e - 1))) e--;
    if (outer && s === e) continue;
    cells.push({ text: index.text.slice(l.start + s, l.start + e), range: index.range(l.start + s, l.start + e) });
  }
  return cells;
}

/** The nearest short line above the table that names it, past `(2018年度)` and `填报单位…` lines. */
function captionBefore(lines: Line[], first: number, index: LineIndex): string | undefined {
  let looked = 0;
  for (let i = first - 1; i >= 0 && looked < 6; i--) {
    const l = lines[i] as Line;
    if (l.kind === 'blank') continue;
    looked++;
    if (l.kind !== 'text') return undefined;
    if (CAPTION_SKIP.some((re) => re.test(l.folded))) continue;
    const words = index.text.slice(l.start, l.end);
    return looksLikeCaption(words) ? words : undefined;
  }
  return undefined;
}

/**
 * Where the outline of the report ends: at an appendix line (`附件：…`) or the signature block (issuer and date)
 * after the last top-level heading. What follows belongs to no section.
 */
function endOfOutline(prose: Line[], headings: { level: number; line: Line }[]): number {
  const lastTop = headings.filter((h) => h.level === 1).at(-1);
  if (!lastTop) return Number.MAX_SAFE_INTEGER;
  return outlineEndAfter(prose.filter((l) => l.n > lastTop.line.n));
}
