import type { LineIndex, Range } from '@crossfoot/core';
import { foldWidth } from '@crossfoot/core';
import { type Band, headerCells, joinWrapped } from './layout-header.ts';
import { type Chunk, chunksOf, isPageMark, offsetAtColumn } from './layout-lines.ts';
import { isTotalLabel, type Marker, readMarker } from './markers.ts';
import { readNumber } from './numbers.ts';
import type { SourceCell, SourceRow } from './table.ts';

/** A line of a plain-text report, as the text adapter reads it. */
export interface LayoutLine {
  /** 1-based line number. */
  n: number;
  /** `text`: a line that may belong to a layout table; anything else never does. */
  kind: string;
  /** Width-folded content without surrounding blanks. */
  folded: string;
}

/** A table found in `pdftotext -layout` output: the lines it spans (header included) and its cells. */
export interface LayoutTable {
  /** Indexes in the lines of its first and last line; every line between belongs to the table. */
  first: number;
  last: number;
  /** Header cells, label column first; absent when no header line was found. */
  header?: SourceCell[];
  rows: SourceRow[];
  range: Range;
}

export interface LayoutOptions {
  /** A line above a table that ends its header: a caption, `（2018年度）`, `填报单位…`. */
  endsHeader: (folded: string) => boolean;
}

interface Info {
  kind: 'text' | 'blank' | 'other';
  chunks: Chunk[];
  /** A form feed: a new page starts on this line. */
  pageBreak: boolean;
  /** A page number printed as a footer or header. */
  page: boolean;
  /** Chunks holding a number, after the first chunk (or every chunk of a line of figures only). */
  figures: Chunk[];
  /** Whitespace-free folded text, to find lines repeated on every page. */
  key: string;
}

const YEAR = /^(?:FY\s*)?(?:19|20)\d{2}(?:\s*年度?)?$/u;

/** A running header: the first line of a page repeated elsewhere in the document, or the second if it is not prose. */
function isRunningHeader(onPage: number, prose: boolean, repeated: boolean): boolean {
  return repeated && (onPage === 1 || (onPage === 2 && !prose));
}

/** Lines of other text allowed between two rows of figures (headings, wrapped labels), more after a page break. */
const MAX_GAP = 6;
/** Header lines above a table at most: a three-row header whose cells wrap takes up to ten. */
const MAX_HEADER_LINES = 10;
const MAX_GAP_AFTER_BREAK = 12;

/**
 * Tables in text extracted with `pdftotext -layout`, whose columns are aligned with spaces: runs of lines whose
 * figures line up in columns. The columns are found from the figures (a column is where figures of different rows
 * overlap, split from the next by at least two blank columns, in display width: CJK characters take two), and a
 * text column of short words such as units where most rows agree. Left of the first column is the label.
 */
export function findLayoutTables(lines: LayoutLine[], index: LineIndex, options: LayoutOptions): LayoutTable[] {
  const infos = lines.map((l) => describe(l, index));
  const counts = new Map<string, number>();
  for (const info of infos) if (info.key !== '') counts.set(info.key, (counts.get(info.key) ?? 0) + 1);
  markBarePageNumbers(infos);
  const repeated = (i: number) => (counts.get((infos[i] as Info).key) ?? 0) >= 2;

  const tables: LayoutTable[] = [];
  let i = 0;
  while (i < infos.length) {
    const run = infos[i]?.figures.length ? scanRun(infos, lines, i, repeated, options) : undefined;
    if (!run) {
      i++;
      continue;
    }
    const table = buildTable(infos, lines, run, index, options, repeated);
    if (table) tables.push(table);
    i = (table?.last ?? run.last) + 1;
  }
  return tables;
}

function describe(line: LayoutLine, index: LineIndex): Info {
  const raw = index.lineText(line.n);
  const pageBreak = raw.includes('\f');
  if (line.kind !== 'text') {
    return { kind: line.kind === 'blank' ? 'blank' : 'other', chunks: [], pageBreak, page: false, figures: [], key: '' };
  }
  const from = index.lineStart(line.n);
  const chunks = chunksOf(index.text, from, index.lineEnd(line.n));
  const page = isPageMark(line.folded);
  let figures = page ? [] : chunks.slice(1).filter((c) => readNumber(c.text).value !== undefined);
  const allCells = chunks.every((c) => isCellText(c.text, false));
  const numbers = chunks.filter((c) => readNumber(c.text).value !== undefined).length;
  // A line of cells only, indented, or of four figures or more: a row without a label (the 15 cells of 复议/诉讼).
  if (!page && allCells && ((chunks[0]?.col ?? 0) >= 4 || numbers >= 4) && numbers > 0) figures = chunks;
  // Years over the columns (`2023  2022`, `2020年  2021年`) head them; they are not figures.
  if (figures.length > 0 && figures.every((c) => YEAR.test(foldWidth(c.text).trim()))) figures = [];
  return { kind: 'text', chunks, pageBreak, page, figures, key: line.folded.replace(/\s+/gu, '') };
}

/** A bare page number (`3`) counts as a page mark below a blank line, when the next page starts right after it. */
function markBarePageNumbers(infos: Info[]): void {
  for (const [i, info] of infos.entries()) {
    if (info.kind !== 'text' || !/^\d{1,4}$/u.test(info.key) || infos[i - 1]?.kind !== 'blank') continue;
    let k = i + 1;
    while (k < infos.length && infos[k]?.kind === 'blank' && !infos[k]?.pageBreak) k++;
    if (k >= infos.length || infos[k]?.pageBreak) {
      info.page = true;
      info.figures = [];
    }
  }
}

/** A number, an empty mark (`—`, `/`) or, when `units` is set, a short word such as a unit (`件`, `万元`). */
function isCellText(text: string, units: boolean): boolean {
  const reading = readNumber(text);
  if (reading.value !== undefined || reading.empty) return true;
  return units && /^[\p{L}%‰]{1,4}$/u.test(foldWidth(text)) && readMarker(text) === undefined && !isTotalLabel(text);
}

interface Run {
  first: number;
  last: number;
  figureLines: number[];
}

/** The lines of figures that line up with the figures of line `start`, with what lies between them. */
function scanRun(infos: Info[], lines: LayoutLine[], start: number, repeated: (i: number) => boolean, options: LayoutOptions): Run | undefined {
  const bands: Band[] = [];
  addFigures(bands, (infos[start] as Info).figures);
  const run: Run = { first: start, last: start, figureLines: [start] };
  let gap = 0;
  let afterBreak = false;
  let onPage = 0;
  for (let j = start + 1; j < infos.length; j++) {
    const info = infos[j] as Info;
    if (info.kind === 'other') break;
    if (info.pageBreak) {
      afterBreak = true;
      onPage = 0;
    }
    if (info.kind === 'blank') {
      if (!afterBreak && blankRunEnds(infos, j)) break;
      continue;
    }
    if (info.page) {
      afterBreak = true;
      onPage = 0;
      continue;
    }
    onPage++;
    if (info.figures.length > 0) {
      if (!fits(bands, info.figures)) break;
      addFigures(bands, info.figures);
      run.figureLines.push(j);
      run.last = j;
      gap = 0;
      afterBreak = false;
      continue;
    }
    const prose = isProse(info.chunks, bands);
    if (afterBreak && isRunningHeader(onPage, prose, repeated(j))) continue;
    if (prose) break;
    // A caption, or words over the columns, head the next table or the next block of a table printed in blocks
    // (table 2 of the 2021 format) — unless they are the header printed again on a new page.
    if (!(afterBreak && repeated(j)) && (options.endsHeader((lines[j] as LayoutLine).folded) || headsColumns(info.chunks, bands))) break;
    gap++;
    if (gap > (afterBreak ? MAX_GAP_AFTER_BREAK : MAX_GAP)) break;
  }
  // One line of figures is a table only under a header (checked when the table is built).
  return run.figureLines.length >= 2 || (run.figureLines.length === 1 && (infos[start] as Info).figures.length >= 1) ? run : undefined;
}

/** A line with words (not figures, empty marks or units) reaching over the columns, right of the label column. */
function headsColumns(chunks: Chunk[], bands: Band[]): boolean {
  const first = bands[0];
  if (!first) return false;
  return chunks.some((c) => c.colEnd > first.col && !isCellText(c.text, true));
}

/** More than two blank lines end a table, unless a page break follows them. */
function blankRunEnds(infos: Info[], j: number): boolean {
  let k = j;
  while (k < infos.length && infos[k]?.kind === 'blank' && !infos[k]?.pageBreak) k++;
  if (k - j <= 2) return false;
  const next = infos[k];
  return !(next && (next.pageBreak || next.page));
}

/** Do these figures line up with the columns so far: none straddling two columns, most on one? */
function fits(bands: Band[], figures: Chunk[]): boolean {
  let on = 0;
  for (const f of figures) {
    const hit = bands.filter((b) => overlaps(b, f, 0)).length;
    if (hit > 1) return false;
    if (hit === 1) on++;
  }
  return on > 0 && on * 2 >= figures.length;
}

function addFigures(bands: Band[], figures: Chunk[]): void {
  for (const f of figures) {
    const band = bands.find((b) => overlaps(b, f, 0));
    if (band) {
      band.col = Math.min(band.col, f.col);
      band.colEnd = Math.max(band.colEnd, f.colEnd);
    } else {
      bands.push({ col: f.col, colEnd: f.colEnd });
    }
  }
  bands.sort((a, b) => a.col - b.col);
}

function overlaps(band: Band, chunk: { col: number; colEnd: number }, slack: number): boolean {
  return chunk.col < band.colEnd + slack && chunk.colEnd > band.col - slack;
}

/** A wide piece of text running from the label area into the columns: narrative, not a table line. */
function isProse(chunks: Chunk[], bands: Band[]): boolean {
  const first = bands[0];
  const last = bands.at(-1);
  if (!first || !last) return false;
  const span = last.colEnd - first.col;
  return chunks.some((c) => {
    const width = c.colEnd - c.col;
    if (width < 16) return false;
    // From the left half of the label column into the columns (a header over a merged cell starts near them).
    if (c.col < first.col / 2 && c.colEnd > first.col + 1) return true;
    // Or across most of the columns, as a line of narrative after a table without a label column.
    return width >= 30 && span > 0 && Math.min(c.colEnd, last.colEnd) - Math.max(c.col, first.col) >= 0.6 * span;
  });
}

/** The columns of a run: the figures' bands, widened by the empty marks and units that line up with them. */
function columnsOf(infos: Info[], run: Run): Band[] {
  const candidates: { chunk: Chunk; line: number; figure: boolean }[] = [];
  for (let j = run.first; j <= run.last; j++) {
    const info = infos[j] as Info;
    if (info.kind !== 'text' || info.page) continue;
    const figureSet = new Set(info.figures);
    const cells = info.figures.length === info.chunks.length ? info.chunks : info.chunks.slice(1);
    for (const c of cells) {
      if (figureSet.has(c)) candidates.push({ chunk: c, line: j, figure: true });
      else if (isCellText(c.text, true)) candidates.push({ chunk: c, line: j, figure: false });
    }
  }
  candidates.sort((a, b) => a.chunk.col - b.chunk.col);
  const groups: { band: Band; lines: Set<number>; figures: number }[] = [];
  for (const c of candidates) {
    const group = groups.find((g) => overlaps(g.band, c.chunk, 0));
    if (group) {
      group.band.col = Math.min(group.band.col, c.chunk.col);
      group.band.colEnd = Math.max(group.band.colEnd, c.chunk.colEnd);
      group.lines.add(c.line);
      if (c.figure) group.figures++;
    } else {
      groups.push({ band: { col: c.chunk.col, colEnd: c.chunk.colEnd }, lines: new Set([c.line]), figures: c.figure ? 1 : 0 });
    }
  }
  // A table of one row of figures has a column for each of them.
  const single = run.figureLines.length === 1;
  const most = single ? 1 : Math.max(2, Math.ceil(run.figureLines.length / 2));
  return groups
    .filter((g) => (g.figures > 0 && g.lines.size >= (single ? 1 : 2)) || g.lines.size >= most)
    .map((g) => g.band)
    .sort((a, b) => a.col - b.col);
}

interface Segment {
  pieces: Chunk[];
  /** Display column where the label starts. */
  col: number;
  marker: Marker | undefined;
  /** Body line of the last piece. */
  lastLine: number;
  cells?: { line: number; chunks: (Chunk | undefined)[] };
}

interface BodyLine {
  at: number;
  label: Chunk[];
  cells: (Chunk | undefined)[];
  hasCells: boolean;
  /** A blank line comes before it: it does not continue the label above. */
  afterBlank: boolean;
}

function buildTable(
  infos: Info[],
  lines: LayoutLine[],
  run: Run,
  index: LineIndex,
  options: LayoutOptions,
  repeated: (i: number) => boolean,
): LayoutTable | undefined {
  const bands = columnsOf(infos, run);
  const firstBand = bands[0];
  if (!firstBand) return undefined;
  const labelEnd = firstBand.col - 1;

  // Rows whose label heads the first figures (`三、本年度办理结果` above `（一）予以公开`) belong to the body.
  let bodyFirst = run.first;
  for (let k = run.first - 1, n = 0; k >= 0 && n < 3; k--, n++) {
    const info = infos[k] as Info;
    if (info.kind !== 'text' || info.page || !isLabelLine(info, labelEnd) || !readMarker((info.chunks[0] as Chunk).text)) break;
    bodyFirst = k;
  }
  const headerLines = headerAbove(infos, bodyFirst, labelEnd, (k) => isHeaderLike(infos[k] as Info, lines[k] as LayoutLine, bands, options));
  // Label-only lines under the last line reaching over the columns are the first rows (`Revenue`), not header.
  while (headerLines.length > 0 && isLabelLine(infos[headerLines.at(-1) as number] as Info, labelEnd)) bodyFirst = headerLines.pop() as number;
  const headerKeys = new Set(headerLines.map((k) => (infos[k] as Info).key));

  // Body lines, without page furniture: page numbers, and after a page break the repeated header and running headers.
  const body: BodyLine[] = [];
  let afterBreak = false;
  let onPage = 0;
  let blank = false;
  for (let j = bodyFirst; j <= run.last; j++) {
    const info = infos[j] as Info;
    if (info.pageBreak) {
      afterBreak = true;
      onPage = 0;
    }
    if (info.kind !== 'text') {
      blank = true;
      continue;
    }
    if (info.page) {
      afterBreak = true;
      onPage = 0;
      continue;
    }
    onPage++;
    const marked = info.chunks[0] !== undefined && readMarker(info.chunks[0].text) !== undefined;
    const runningHeader = isRunningHeader(onPage, isProse(info.chunks, bands), repeated(j));
    if (afterBreak && info.figures.length === 0 && !marked && (headerKeys.has(info.key) || runningHeader)) continue;
    if (info.figures.length > 0 || marked) afterBreak = false;
    body.push(splitLine(j, info, bands, labelEnd, blank));
    blank = false;
  }
  let last = run.last;
  let segments = assemble(body);
  const tail = segments.at(-1);
  if (tail && unfinished(labelOf(tail))) {
    // A label cut off after the last figures goes on below them.
    for (let k = run.last + 1; k < infos.length && k <= run.last + 2; k++) {
      const info = infos[k] as Info;
      if (info.kind !== 'text' || info.page || info.chunks.length !== 1 || !isLabelLine(info, labelEnd) || readMarker(info.chunks[0]?.text ?? '')) break;
      body.push(splitLine(k, info, bands, labelEnd, false));
      last = k;
    }
    segments = assemble(body);
  }
  reorderCentredParents(segments);
  const rows = segments.map((s) => sourceRow(s, body, bands, infos, lines, index));
  // A table of one row of figures (a block of table 2, the 15 cells of 复议/诉讼) needs a header over its figures.
  if (rows.length < 2 && !(run.figureLines.length === 1 && rows.length === 1 && headerLines.length > 0)) return undefined;
  if (run.figureLines.length === 1 && headerLines.length === 0) return undefined;

  const first = headerLines[0] ?? bodyFirst;
  const firstChunk = (infos[first] as Info).chunks[0] as Chunk;
  const lastChunks = (infos[last] as Info).chunks;
  const table: LayoutTable = { first, last, rows, range: index.range(firstChunk.start, (lastChunks.at(-1) as Chunk).end) };
  if (headerLines.length > 0) {
    table.header = headerCells(
      headerLines.map((k) => (infos[k] as Info).chunks),
      bands,
      firstBand.col,
      index,
    );
  }
  return table;
}

/** A line whose text all lies left of the columns. */
function isLabelLine(info: Info, labelEnd: number): boolean {
  return info.chunks.length > 0 && info.chunks.every((c) => c.colEnd <= labelEnd + 1);
}

/**
 * The header lines directly above the body, up to a blank line, figures or a line that is not `headerLike`; the
 * topmost of them must reach over the columns, or continue a wrapped label-column header.
 */
function headerAbove(infos: Info[], bodyFirst: number, labelEnd: number, headerLike: (k: number) => boolean): number[] {
  const found: number[] = [];
  for (let k = bodyFirst - 1; k >= 0 && found.length < MAX_HEADER_LINES; k--) {
    const info = infos[k] as Info;
    if (info.kind !== 'text' || info.page || info.figures.length > 0 || info.pageBreak) {
      // The first line of a page may be the header; a running header of one piece is not.
      if (info.pageBreak && info.kind === 'text' && info.figures.length === 0 && info.chunks.length > 1 && headerLike(k)) found.unshift(k);
      break;
    }
    if (!headerLike(k)) break;
    found.unshift(k);
  }
  while (found.length > 0) {
    const top = infos[found[0] as number] as Info;
    if (top.chunks.some((c) => c.colEnd > labelEnd + 1)) break;
    const below = found[1] === undefined ? undefined : (infos[found[1]] as Info);
    if (below?.chunks.some((c) => c.col <= labelEnd)) break;
    found.shift();
  }
  return found.some((k) => (infos[k] as Info).chunks.some((c) => c.colEnd > labelEnd + 1)) ? found : [];
}

/** Not a caption or a line the caller says ends the header, not narrative, no outline marker. */
function isHeaderLike(info: Info, line: LayoutLine, bands: Band[], options: LayoutOptions): boolean {
  const first = info.chunks[0];
  if (!first || readMarker(first.text) || options.endsHeader(line.folded)) return false;
  if (/[。：:；;]$/u.test(line.folded) || isProse(info.chunks, bands)) return false;
  return true;
}

function splitLine(at: number, info: Info, bands: Band[], labelEnd: number, afterBlank: boolean): BodyLine {
  const label: Chunk[] = [];
  const cells: (Chunk | undefined)[] = bands.map(() => undefined);
  let hasCells = false;
  for (const c of info.chunks) {
    const band = c.colEnd > labelEnd + 1 || c.col > labelEnd ? nearestBand(bands, c) : -1;
    if (band < 0) {
      label.push(c);
      continue;
    }
    const held = cells[band];
    cells[band] = held ? { ...held, colEnd: c.colEnd, end: c.end, text: `${held.text} ${c.text}` } : c;
    hasCells = true;
  }
  return { at, label, cells, hasCells, afterBlank };
}

function nearestBand(bands: Band[], c: Chunk): number {
  let best = -1;
  let distance = Number.POSITIVE_INFINITY;
  for (const [b, band] of bands.entries()) {
    const d = c.colEnd <= band.col ? band.col - c.colEnd : c.col >= band.colEnd ? c.col - band.colEnd : 0;
    if (d < distance) {
      best = b;
      distance = d;
    }
  }
  return best;
}

/**
 * Labels and figures into rows. A label piece with an outline marker (or a total) starts a row. A piece without one
 * continues a row still waiting for its figures whose label runs on (it has a marker, is cut off, or fills the label
 * column), preferring the row in its column on the line above; or, on a line without figures right under a row, the
 * rest of that row's label — unless it heads the next row. Otherwise it starts a row of its own (`Expenses`).
 * Figures go to the last row named on their line, or to the row waiting for them.
 */
function assemble(body: BodyLine[]): Segment[] {
  const segments: Segment[] = [];
  const fullWidth = body.reduce((max, l) => l.label.reduce((m, c) => Math.max(m, c.colEnd), max), 0) - 4;
  let previousLabelLine = -1;
  for (const [b, line] of body.entries()) {
    const onLine: Segment[] = [];
    for (const piece of line.label) {
      const marker = readMarker(piece.text);
      let target: Segment | undefined;
      if (!marker && !isTotalLabel(piece.text)) {
        // Beside a piece already read on this line, a piece under a label of its own sub-column that runs on
        // continues that label (`（六）其他  1.申请人无正当理由逾` / `处理  期不补正、…`); else it goes on the line's label.
        const before = onLine.at(-1);
        const own = before ? waitingInColumn(segments, piece, previousLabelLine, fullWidth, before) : undefined;
        target = own ?? before ?? continued(segments, piece, { line, body, b, previousLabelLine, fullWidth });
      }
      if (target) {
        target.pieces.push(piece);
        target.lastLine = b;
      } else {
        target = { pieces: [piece], col: piece.col, marker, lastLine: b };
        segments.push(target);
      }
      onLine.push(target);
    }
    if (line.label.length > 0) previousLabelLine = b;
    if (!line.hasCells) continue;
    let owner = onLine.at(-1);
    if (!owner) {
      const last = segments.at(-1);
      owner = last && !last.cells ? last : undefined;
    }
    if (!owner || owner.cells) {
      owner = { pieces: [], col: 0, marker: undefined, lastLine: b };
      segments.push(owner);
    }
    owner.cells = { line: b, chunks: line.cells };
  }
  return segments;
}

interface Context {
  line: BodyLine;
  body: BodyLine[];
  b: number;
  previousLabelLine: number;
  /** Where a label that fills the label column ends. */
  fullWidth: number;
}

/** A recent row whose label, on the line above in the piece's own sub-column, runs on. */
function waitingInColumn(segments: Segment[], piece: Chunk, previousLabelLine: number, fullWidth: number, except: Segment): Segment | undefined {
  for (let k = segments.length - 1; k >= 0 && k >= segments.length - 8; k--) {
    const s = segments[k] as Segment;
    if (s === except || s.lastLine !== previousLabelLine || Math.abs(s.col - piece.col) > 2) continue;
    if (s.marker !== undefined || unfinished(labelOf(s)) || (s.pieces.at(-1)?.colEnd ?? 0) >= fullWidth) return s;
  }
  return undefined;
}

function continued(segments: Segment[], piece: Chunk, { line, body, b, previousLabelLine, fullWidth }: Context): Segment | undefined {
  const recent = segments.slice(-8).reverse();
  const above = (s: Segment) => s.lastLine === previousLabelLine && Math.abs(s.col - piece.col) <= 2;
  const runsOn = (s: Segment) => s.marker !== undefined || unfinished(labelOf(s)) || (s.pieces.at(-1)?.colEnd ?? 0) >= fullWidth;
  const waiting = recent.find((s) => !s.cells && above(s) && runsOn(s));
  if (waiting) return waiting;
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  // A piece goes on the label of its own sub-column a few lines up when that label runs on and has no figures yet,
  // the lines between holding other sub-columns: a merged cell printed over several lines between the rows beside
  // it, or a label wrapped around the lines of such a cell.
  const own = recent.find((s) => Math.abs(s.col - piece.col) <= 2);
  if (own && !own.cells && own.lastLine < previousLabelLine && b - own.lastLine <= 3 && runsOn(own)) return own;
  if (!last.cells && last.lastLine === previousLabelLine && runsOn(last)) return last;
  if (line.hasCells || line.afterBlank || last.lastLine !== previousLabelLine) return undefined;
  const next = body[b + 1];
  const nextHeadsRow = next !== undefined && !next.afterBlank && next.hasCells && (next.label.length === 0 || !readMarker((next.label[0] as Chunk).text));
  if (nextHeadsRow && !unfinished(labelOf(last))) return undefined;
  return recent.find(above) ?? last;
}

/** A label cut off in the middle: an unclosed bracket, or a trailing 、，和 及 与 或 的. */
function unfinished(label: string): boolean {
  const t = foldWidth(label);
  const open = (t.match(/[([【《]/gu) ?? []).length;
  const close = (t.match(/[)\]】》]/gu) ?? []).length;
  return open > close || /[、,，和及与或的]$/u.test(t);
}

function labelOf(s: Segment): string {
  return s.pieces.reduce((out, p) => (out === '' ? p.text.trim() : joinWrapped(out, p.text.trim())), '');
}

/**
 * A merged label cell spanning several rows is printed at its vertical centre: `（三）不予公开` between its items 4
 * and 5, `三、本年度办理结果` beside `（四）`. Such a label, indented less than the rows around it, with the numbering
 * of the rows after it continuing that of the rows before it, is moved up to where its block starts.
 */
function reorderCentredParents(segments: Segment[]): void {
  // A parent moved out of the way can let another, printed next to it, be seen: a second pass finds it.
  for (let pass = 0; pass < 3 && reorderCentredParentsOnce(segments); pass++);
}

function reorderCentredParentsOnce(segments: Segment[]): boolean {
  let moved = false;
  for (let p = 1; p < segments.length; p++) {
    const parent = segments[p] as Segment;
    const prev = segments[p - 1] as Segment;
    if (!parent.marker || prev.col <= parent.col + 1) continue;
    const deeper = (s: Segment | undefined) => s !== undefined && s.col > parent.col + 1;
    let next: Segment | undefined;
    for (let q = p + 1; q < segments.length && q < p + 200 && deeper(segments[q]); q++) {
      const s = segments[q] as Segment;
      if (s.marker && (!next || s.col < next.col - 1)) next = s;
    }
    if (!next?.marker) continue;
    const style = next.marker.style;
    const sameKind = (s: Segment) => s.marker?.style === style && Math.abs(s.col - (next as Segment).col) <= 2;
    let before: Segment | undefined;
    for (let q = p - 1; q >= 0 && deeper(segments[q]); q--) {
      if (sameKind(segments[q] as Segment)) {
        before = segments[q];
        break;
      }
    }
    if (!before?.marker || ordinal(before.marker) + 1 !== ordinal(next.marker)) continue;
    let q = p - 1;
    while (q >= 0 && deeper(segments[q]) && !(sameKind(segments[q] as Segment) && ordinal((segments[q] as Segment).marker as Marker) === 1)) q--;
    if (q < 0 || !deeper(segments[q])) continue;
    segments.splice(p, 1);
    segments.splice(q, 0, parent);
    moved = true;
  }
  return moved;
}

const CJK_DIGITS = '零一二三四五六七八九';

/** The value of an outline number: `三` and `(三)` are 3, `12` is 12, `①` is 1; NaN when unknown. */
function ordinal(marker: Marker): number {
  const n = marker.number.replace(/[()]/gu, '');
  if (/^\d+$/u.test(n)) return Number(n);
  const circled = n.codePointAt(0) ?? 0;
  if (circled >= 0x2460 && circled <= 0x2473) return circled - 0x245f;
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/u.exec(n);
  if (!m || n === '') return Number.NaN;
  const tens = m[2] ? (m[1] ? CJK_DIGITS.indexOf(m[1]) : 1) : 0;
  const ones = m[2] ? (m[3] ? CJK_DIGITS.indexOf(m[3]) : 0) : CJK_DIGITS.indexOf(m[1] ?? '');
  return tens * 10 + ones;
}

function sourceRow(s: Segment, body: BodyLine[], bands: Band[], infos: Info[], lines: LayoutLine[], index: LineIndex): SourceRow {
  const spans: { start: number; end: number }[] = [...s.pieces];
  const cells: SourceCell[] = [];
  // A row without figures has every cell blank, as a form prints a heading row.
  const at = (body[s.cells?.line ?? s.lastLine] as BodyLine).at;
  const chunks = s.cells?.chunks ?? bands.map(() => undefined);
  const line = lines[at] as LayoutLine;
  const info = infos[at] as Info;
  const from = index.lineStart(line.n);
  const to = Math.min(index.lineEnd(line.n), info.chunks.at(-1)?.end ?? index.lineEnd(line.n));
  for (const [b, chunk] of chunks.entries()) {
    if (chunk) {
      cells.push({ text: chunk.text, range: index.range(chunk.start, chunk.end) });
      spans.push(chunk);
      continue;
    }
    // A blank cell points at its column on the row's line, or at the end of the line when that is shorter.
    const before = chunks.slice(0, b).findLast((c) => c !== undefined);
    const offset = Math.max(offsetAtColumn(index.text, from, to, (bands[b] as Band).col), before?.end ?? from);
    cells.push({ text: '', range: index.range(offset, offset) });
  }
  const first = s.pieces[0];
  const lastPiece = s.pieces.at(-1);
  const start = spans.reduce((min, x) => Math.min(min, x.start), Number.POSITIVE_INFINITY);
  const end = spans.reduce((max, x) => Math.max(max, x.end), Number.NEGATIVE_INFINITY);
  const labelStart = first?.start ?? start;
  const label: SourceCell = { text: labelOf(s), range: index.range(labelStart, lastPiece?.end ?? labelStart) };
  return { cells: [label, ...cells], range: index.range(start, end) };
}
