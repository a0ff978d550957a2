import { type AdapterProblem, type LineIndex, lastAtOrBefore, type Range, type Row, type Table } from '@crossfoot/core';
import { htmlProblem } from './html-problems.ts';
import { readMarker } from './markers.ts';
import { readNumber } from './numbers.ts';
import { assembleTable, headerText, type SourceCell, type SourceRow } from './table.ts';

/** A `<td>` or `<th>` as the HTML adapter found it: visible text, source offsets, spans as written. */
export interface HtmlCell {
  text: string;
  start: number;
  end: number;
  /** `rowspan`/`colspan` as parsed from the attributes, not yet checked. */
  rowspan: unknown;
  colspan: unknown;
  th: boolean;
}

export interface HtmlRow {
  cells: HtmlCell[];
  start: number;
  end: number;
  /** In `<thead>`. */
  head: boolean;
}

export interface HtmlTableSource {
  id: string;
  section: string[];
  /** From `<caption>`, or the nearest paragraph above that reads like one. */
  caption?: string;
  rows: HtmlRow[];
  start: number;
  end: number;
}

/** Largest `rowspan`/`colspan` read as written; larger values are clamped with a warning. */
export const MAX_SPAN = 1000;
/** Columns of the expanded grid; cells beyond are not read. */
export const MAX_COLUMNS = 1000;
/** Grid slots covered by cells once spans are expanded; the rest of the table is not read. */
export const MAX_SLOTS = 250_000;
/** Span and size warnings reported for one table; a table with more has the same fault throughout. */
const MAX_WARNINGS = 20;

interface Placed {
  cell: HtmlCell;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const NOTE = /^(?:注|说明|备注|note)\s*[:：\d（(]/iu;
const YEAR_HEADER = /^(?:19|20)\d{2}\s*(?:年度?)?$/u;

/**
 * Reads an HTML table: spans expanded into a grid, header rows told from body rows, a 2-D header flattened into one
 * label per column (`法人或其他组织/商业企业`; a cell spanning every data column is a title, not a qualifier), and
 * a label spanning rows (`（三）不予公开` over its eight numbered rows) read as a heading row above the rows it spans.
 */
export function readHtmlTable(source: HtmlTableSource, index: LineIndex, problems: AdapterProblem[]): Table {
  const range = (p: { start: number; end: number }): Range => index.range(p.start, p.end);
  const { placed, grid, width } = expand(source.rows, range, problems);
  const rowCount = grid.length;
  const at = (r: number, c: number): Placed | undefined => {
    const i = grid[r]?.[c];
    return i === undefined ? undefined : placed[i];
  };
  // The cells whose top-left slot is in row `r`, left to right (a loop: `flatMap` made an array for every slot).
  const startsIn = (r: number): Placed[] => {
    const out: Placed[] = [];
    const slots = grid[r];
    if (slots === undefined) return out;
    for (let c = 0; c < slots.length; c++) {
      const i = slots[c];
      const p = i === undefined ? undefined : placed[i];
      if (p !== undefined && p.row === r && p.col === c) out.push(p);
    }
    return out;
  };
  const numeric = (p: Placed): boolean => readNumber(p.cell.text).value !== undefined;

  // Title rows: leading rows of one cell spanning the whole width (the form's name, `单位：件`).
  let caption = source.caption;
  let first = 0;
  while (first < rowCount - 1 && width >= 2) {
    const cells = startsIn(first);
    const only = cells[0];
    if (cells.length !== 1 || !only || only.cols < width || only.rows > 1 || numeric(only)) break;
    if (caption === undefined && only.cell.text !== '' && !/^\(?\s*(?:单位|计量单位)/u.test(only.cell.text)) caption = only.cell.text;
    first++;
  }

  const headerRows = countHeaderRows(source.rows, first, rowCount, startsIn, at);
  const bodyStart = first + headerRows;

  // Label columns: as wide as the corner cell, or the widest label starting in the first column.
  const corner = headerRows > 0 ? at(first, 0) : undefined;
  let labelWidth = corner && corner.row === first ? corner.cols : 1;
  let numericFirst = 0;
  let textFirst = 0;
  for (let r = bodyStart; r < rowCount; r++) {
    const p = at(r, 0);
    if (!p || p.row !== r) continue;
    if (p.cols < width) labelWidth = Math.max(labelWidth, p.cols);
    if (numeric(p)) numericFirst++;
    else if (p.cell.text !== '') textFirst++;
  }
  labelWidth = Math.max(1, Math.min(labelWidth, width - 1));
  // A table without a label column (the one-row 行政复议/行政诉讼 table): every first cell is a number.
  if (numericFirst > 0 && textFirst === 0) labelWidth = 0;

  // Header: one label per data column, the distinct header cells above it joined with `/`.
  let header: SourceCell[] | undefined;
  if (headerRows > 0) {
    const umbrella = (p: Placed) => width - labelWidth > 1 && p.col <= labelWidth && p.col + p.cols >= width;
    const labelOf = (from: number, to: number, skipUmbrella: boolean): SourceCell => {
      const parts: string[] = [];
      let last: Placed | undefined;
      let any: Placed | undefined;
      const seen = new Set<Placed>();
      for (let r = first; r < bodyStart; r++) {
        for (let c = from; c < to; c++) {
          const p = at(r, c);
          if (!p || seen.has(p)) continue;
          seen.add(p);
          any ??= p;
          if (skipUmbrella && umbrella(p)) continue;
          const text = headerText(p.cell.text);
          if (text === '' || parts.at(-1) === text) continue;
          parts.push(text);
          last = p;
        }
      }
      const where = last ?? any;
      return { text: parts.join('/'), range: where ? range(where.cell) : index.range(source.start, source.start) };
    };
    header = [labelWidth > 0 ? labelOf(0, labelWidth, false) : { text: '', range: index.range(source.start, source.start) }];
    for (let c = labelWidth; c < width; c++) header.push(labelOf(c, c + 1, true));
  }

  // Body rows; a label cell followed by more label cells in its row stands for a heading row of its own.
  const rows: SourceRow[] = [];
  const spans: { row: number; last: number }[] = [];
  const gridRowOf: number[] = [];
  for (let r = bodyStart; r < rowCount; r++) {
    const starting = startsIn(r);
    if (starting.length === 0 || starting.every((p) => p.cell.text === '')) continue;
    if (starting.length === 1 && (starting[0] as Placed).cols >= width && width >= 2 && NOTE.test((starting[0] as Placed).cell.text)) continue;
    const labels = starting.filter((p) => p.col < labelWidth);
    const tr = source.rows[r] as HtmlRow;
    for (const p of labels.slice(0, -1)) {
      spans.push({ row: rows.length, last: p.row + p.rows - 1 });
      gridRowOf.push(r);
      rows.push({ cells: [{ text: p.cell.text, range: range(p.cell) }], range: range(p.cell) });
    }
    let label: SourceCell;
    const own = labels.at(-1);
    if (own) {
      label = { text: own.cell.text, range: range(own.cell) };
    } else {
      let carried: Placed | undefined;
      for (let c = 0; c < labelWidth; c++) carried = at(r, c) ?? carried;
      label = carried ? { text: carried.cell.text, range: range(carried.cell) } : { text: '', range: index.range(tr.start, tr.start) };
    }
    const slots = grid[r] ?? [];
    const cells: SourceCell[] = [];
    let spilled = 0;
    for (let c = labelWidth; c < slots.length; c++) {
      const p = at(r, c);
      if (!p) cells.push({ text: '', range: range(tr) });
      else if (p.row === r && p.col === c) cells.push({ text: p.cell.text, range: range(p.cell) });
      else {
        if (p.col < labelWidth) spilled++;
        cells.push({ text: '', range: range(p.cell) });
      }
    }
    gridRowOf.push(r);
    rows.push({ cells: [label, ...(spilled === cells.length ? [] : cells)], range: range(tr) });
  }

  const local: AdapterProblem[] = [];
  const table = assembleTable(
    {
      id: source.id,
      section: source.section,
      ...(header ? { header } : {}),
      rows,
      range: range(source),
      ragged: 'unless-heading',
      ...(caption === undefined ? {} : { caption }),
    },
    local,
  );
  const headed = nestUnderSpans(
    table.rows,
    spans.map((s) => ({ row: s.row, last: lastAtOrBefore(gridRowOf, s.last) })),
  );
  const headings = new Set(headed.map((row) => rangeKey(row.range)));
  for (const p of local) {
    if (!(p.code === 'ragged-row' && headings.has(rangeKey(p.range)))) problems.push(p);
  }
  return table;
}

/** Places cells on the grid, expanding spans; absurd spans and oversized tables are clamped with a warning. */
function expand(
  rows: HtmlRow[],
  range: (p: HtmlCell) => Range,
  problems: AdapterProblem[],
): { placed: Placed[]; grid: (number | undefined)[][]; width: number } {
  const placed: Placed[] = [];
  const grid: (number | undefined)[][] = rows.map(() => []);
  let slots = 0;
  let warned = 0;
  const warn = (p: AdapterProblem) => {
    if (warned++ < MAX_WARNINGS) problems.push(p);
  };
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    const line = grid[r] as (number | undefined)[];
    let c = 0;
    let stop = false;
    for (const cell of (rows[r] as HtmlRow).cells) {
      while (line[c] !== undefined) c++;
      if (c >= MAX_COLUMNS) {
        warn(htmlProblem('table-width', range(cell), { limit: MAX_COLUMNS }));
        break;
      }
      const rowspan = span(cell.rowspan, 'rowspan', cell, range, warn);
      const colspan = span(cell.colspan, 'colspan', cell, range, warn) || 1;
      const cols = Math.min(colspan, MAX_COLUMNS - c);
      const down = rowspan === 0 ? rows.length - r : Math.min(rowspan, rows.length - r);
      if (slots + down * cols > MAX_SLOTS) {
        warn(htmlProblem('table-size', range(cell), { limit: MAX_SLOTS }));
        stop = true;
        break;
      }
      const id = placed.length;
      placed.push({ cell, row: r, col: c, rows: down, cols });
      for (let rr = r; rr < r + down; rr++) {
        const target = grid[rr] as (number | undefined)[];
        for (let cc = c; cc < c + cols; cc++) if (target[cc] === undefined) target[cc] = id;
      }
      slots += down * cols;
      c += cols;
      width = Math.max(width, c);
    }
    if (stop) {
      grid.length = r + 1;
      break;
    }
  }
  return { placed, grid, width };
}

function span(value: unknown, attribute: string, cell: HtmlCell, range: (p: HtmlCell) => Range, warn: (p: AdapterProblem) => void): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? '1'), 10);
  if (Number.isNaN(n) || n < 0) return 1;
  if (n > MAX_SPAN) {
    warn(htmlProblem('table-span', range(cell), { attribute, value: String(value), limit: MAX_SPAN }));
    return MAX_SPAN;
  }
  return Math.floor(n);
}

/**
 * Header rows: `<thead>` rows, else leading rows of `<th>` cells, else the rows above the first one with a
 * number or an outline marker (at least as many as the corner cell spans; at most six, or the table has none).
 */
function countHeaderRows(
  rows: HtmlRow[],
  first: number,
  rowCount: number,
  startsIn: (r: number) => Placed[],
  at: (r: number, c: number) => Placed | undefined,
): number {
  let head = 0;
  while (first + head < rowCount && rows[first + head]?.head) head++;
  if (head > 0 && first + head < rowCount) return head;
  let th = 0;
  while (first + th < rowCount) {
    const cells = startsIn(first + th);
    if (cells.length === 0 || !cells.every((p) => p.cell.th)) break;
    th++;
  }
  if (th > 0 && first + th < rowCount) return th;

  const corner = at(first, 0);
  const cornerRows = corner && corner.row === first ? corner.rows : 1;
  const counts = (p: Placed) => {
    const text = p.cell.text.trim();
    return readNumber(text).value !== undefined && !YEAR_HEADER.test(text);
  };
  for (let r = first; r < rowCount; r++) {
    const cells = startsIn(r);
    const marked =
      r - first >= cornerRows &&
      cells[0] !== undefined &&
      readMarker(cells[0].cell.text)?.style !== undefined &&
      readMarker(cells[0].cell.text)?.style !== 'subset';
    if (cells.some(counts) || marked) {
      const k = r - first;
      if (k <= 6) return k;
      return Math.min(cornerRows, 6);
    }
  }
  return rowCount - first >= 2 ? Math.max(1, Math.min(cornerRows, rowCount - first - 1, 6)) : 0;
}

/**
 * A label spanning rows is the parent of the rows it spans. The outline from markers already says so for numbered
 * labels (`（三）不予公开` › `1.属于国家秘密`); where it does not (unnumbered labels), the span decides.
 * Returns the rows that became headings this way.
 */
function nestUnderSpans(rows: Row[], spans: { row: number; last: number }[]): Row[] {
  const headed: Row[] = [];
  const parents = new Set<number>();
  for (const row of rows) if (row.parent !== undefined) parents.add(row.parent);
  for (const { row: s, last } of spans) {
    const parent = rows[s];
    if (!parent || last <= s || parents.has(s)) continue;
    for (let i = s + 1; i <= last; i++) {
      const row = rows[i] as Row;
      if (row.parent === undefined || row.parent < s) row.parent = s;
    }
    if (parent.kind === 'item' && parent.cells.every((c) => c.value === undefined)) parent.kind = 'heading';
    headed.push(parent);
  }
  if (headed.length > 0) {
    for (const row of rows) {
      const p = row.parent === undefined ? undefined : rows[row.parent];
      row.level = p ? p.level + 1 : 1;
      row.path = p ? [...p.path, p.label] : [];
    }
  }
  return headed.filter((r) => r.kind === 'heading');
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}
