import type { AdapterProblem, Cell, Column, DecimalString, Range, ReportDocument, Row, Table } from '@crossfoot/core';
import { labelKey } from '@crossfoot/core';
import { readLimits } from './limits.ts';
import { isTotalLabel } from './markers.ts';
import { readNumber } from './numbers.ts';
import { buildOutline, type LineDraft, lineRange, movedRange, type RowDraft, TableRow } from './outline.ts';
import { problem } from './problems.ts';

/** One cell as found in the source: its text (trimmed) and where it is. */
export interface SourceCell {
  text: string;
  range: Range;
}

/**
 * A table's cell as every adapter makes it. A plain Markdown table's row makes its cells as its source cells
 * (markdown.ts, `plainSourceRow`; `readCell` then reads their figures into them), and each keeps its line and columns
 * and makes its range (three objects) when first asked for it: the rules ask for the few they report, and a 5 MB
 * report's 450,000 cells each with a range of their own were a third of the objects its reading made and kept, and
 * as much of its collections' work. Anything that looks at a cell sees `range` as a property; JSON and
 * `plainDocument` see a plain cell, its properties in the order a literal cell had them.
 */
export class TableCell implements Cell {
  value: DecimalString | undefined = undefined;
  decimals: number | undefined = undefined;
  unit: string | undefined = undefined;
  #range: Range | undefined;
  readonly #line: number;
  readonly #from: number;
  readonly #to: number;

  /** `range` given, or made from `line`, `from` and `to` when first asked for. */
  constructor(
    public text: string,
    public empty: boolean,
    range: Range | undefined,
    line = 0,
    from = 0,
    to = 0,
  ) {
    this.#range = range;
    this.#line = line;
    this.#from = from;
    this.#to = to;
  }

  get range(): Range {
    this.#range ??= lineRange(this.#line, this.#from, this.#to);
    return this.#range;
  }

  set range(range: Range) {
    this.#range = range;
  }

  /** The draft of a row written on one line whose label is `label`, a cell made from that line; undefined for another. */
  static lineDraft(label: SourceCell, cells: Cell[], row: SourceRow): LineDraft | undefined {
    if (!(label instanceof TableCell) || label.#range !== undefined || !(row instanceof LineRow) || row.line !== label.#line) return undefined;
    return { label: label.text, cells, line: row.line, labelFrom: label.#from, labelTo: label.#to, from: row.from, to: row.to };
  }

  /** The same cell `lines` further down. */
  moved(lines: number): TableCell {
    const known = this.#range;
    const cell = new TableCell(this.text, this.empty, known && movedRange(known, lines), this.#line + lines, this.#from, this.#to);
    cell.value = this.value;
    cell.decimals = this.decimals;
    cell.unit = this.unit;
    return cell;
  }

  /** The cell as a plain object, its properties in the order a literal cell had them. */
  toJSON(): Cell {
    return { text: this.text, empty: this.empty, range: this.range, value: this.value, decimals: this.decimals, unit: this.unit };
  }
}

/**
 * The document with its tables' rows and cells as plain objects, for what copies a document by its own properties
 * (`v8.serialize`, a structured clone); shared where it has no table.
 */
export function plainDocument(doc: ReportDocument): ReportDocument {
  if (doc.tables.length === 0) return doc;
  const tables = doc.tables.map((table) => ({
    ...table,
    rows: table.rows.map((row) => ({
      ...(row instanceof TableRow ? row.toJSON() : row),
      cells: row.cells.map((cell) => (cell instanceof TableCell ? cell.toJSON() : cell)),
    })),
  }));
  return { ...doc, tables };
}

export interface SourceRow {
  /** Label cell first, then the data cells. */
  cells: SourceCell[];
  range: Range;
}

/** A row written on one line (`plainSourceRow`): its line and the columns it spans, the range made when asked for. */
export class LineRow implements SourceRow {
  constructor(
    readonly cells: TableCell[],
    readonly line: number,
    readonly from: number,
    readonly to: number,
  ) {}

  get range(): Range {
    return lineRange(this.line, this.from, this.to);
  }
}

export interface TableSource {
  id: string;
  caption?: string;
  section: string[];
  /** Header cells, label column first; absent when the table has no header row. */
  header?: SourceCell[];
  rows: SourceRow[];
  range: Range;
  /**
   * `always`: every short row is a `ragged-row` problem (GFM tables, where the writer controls the cells);
   * `unless-heading`: a short row that turns out to be a heading row is not (loose text tables print them so).
   */
  ragged: 'always' | 'unless-heading';
}

const UNIT_HEADERS = new Set(['单位', '计量单位', 'unit', 'units']);

/** The cells of the row being assembled (`assembleTable`). */
const rowCells: Cell[] = [];

/** Rows read per table by default (config `limits.table-rows`); a statistical table of a report has hundreds at most. */
export const MAX_TABLE_ROWS = 50_000;

/** Turns the cells of a table, as an adapter found them, into a `Table` with columns, cells and outline. */
export function assembleTable(source: TableSource, problems: AdapterProblem[]): Table {
  const width = source.header ? source.header.length - 1 : source.rows.reduce((max, r) => Math.max(max, r.cells.length - 1), 0);
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const h = source.header?.[c + 1];
    const label = h ? headerText(h.text) : '';
    const column: Column = { label, kind: isTotalColumn(label) ? 'total' : 'item' };
    if (h) column.range = h.range;
    columns.push(column);
  }
  const unitColumn = columns.findIndex((c) => UNIT_HEADERS.has(labelKey(c.label)));
  // Pushed, not mapped: a list made by `map` of no columns has another map than a filled one (narrative/statements.ts, `partsOf`).
  const headerUnits: (string | undefined)[] = [];
  for (const c of columns) headerUnits.push(unitInHeader(c.label));

  const anyHeaderUnit = headerUnits.some((u) => u !== undefined);
  const drafts: RowDraft[] = [];
  const short: number[] = [];
  const limit = readLimits().tableRows;
  const dropped = source.rows[limit];
  if (dropped) problems.push(problem('too-many-rows', dropped.range, { limit }));
  const count = dropped ? limit : source.rows.length;
  // Indexed loops: a table of a huge report has tens of thousands of rows, each read without copying its cells.
  for (let r = 0; r < count; r++) {
    const row = source.rows[r] as SourceRow;
    const labelCell = row.cells[0];
    if (!labelCell) continue;
    const given = row.cells.length - 1;
    if (given > width) {
      problems.push(problem('extra-cells', row.range, { cells: given, columns: width }));
    }
    const kept = Math.min(given, width);
    // Read into a list kept for the purpose, then copied at its length: a list pushed to from empty holds room for 17
    // (a 5 MB report's 75,000 rows of 7 cells kept 6 MB of it), one made at its length holes (another kind of list).
    for (let c = 0; c < kept; c++) rowCells[c] = readCell(row.cells[c + 1] as SourceCell, problems);
    const cells = rowCells.slice(0, kept);
    if (unitColumn >= 0) attachUnit(cells, unitColumn);
    if (anyHeaderUnit) {
      for (let c = 0; c < kept; c++) {
        const unit = headerUnits[c];
        const cell = cells[c] as Cell;
        if (unit !== undefined && cell.value !== undefined && cell.unit === undefined) cell.unit = unit;
      }
    }
    if (kept < width) short.push(drafts.length);
    drafts.push(TableCell.lineDraft(labelCell, cells, row) ?? { label: labelCell.text, labelRange: labelCell.range, cells, range: row.range });
  }

  const rows: Row[] = buildOutline(drafts);
  for (const i of short) {
    const row = rows[i] as Row;
    if (source.ragged === 'unless-heading' && row.kind === 'heading') continue;
    problems.push(problem('ragged-row', row.range, { cells: row.cells.length, columns: width }));
  }

  const table: Table = { id: source.id, section: source.section, columns, rows, range: source.range };
  if (source.caption !== undefined) table.caption = source.caption;
  const labelHeader = source.header?.[0] ? headerText(source.header[0].text) : '';
  if (labelHeader !== '') table.labelHeader = labelHeader;
  return table;
}

export function readCell(source: SourceCell, problems: AdapterProblem[]): Cell {
  const reading = readNumber(source.text);
  // Every cell in one shape, what it lacks undefined: the rules reading cells then see one.
  // A cell read from its line is already one (`plainSourceRow`).
  const cell = source instanceof TableCell ? source : new TableCell(source.text, reading.empty, source.range);
  cell.empty = reading.empty;
  if (reading.value !== undefined) {
    cell.value = reading.value;
    cell.decimals = reading.decimals ?? 0;
    cell.unit = reading.unit;
  } else if (reading.unreadable) {
    problems.push(problem('unreadable-number', source.range, { text: source.text }));
  }
  return cell;
}

function attachUnit(cells: Cell[], unitColumn: number): void {
  const unitCell = cells[unitColumn];
  if (!unitCell || unitCell.empty || unitCell.value !== undefined) return;
  const unit = unitCell.text.replace(/\s+/gu, '');
  for (const [i, cell] of cells.entries()) {
    if (i !== unitColumn && cell.value !== undefined && cell.unit === undefined) cell.unit = unit;
  }
}

/** `本年收费金额（单位：万元）` → `万元`; `Amount (unit: USD)` and `Amount (USD)` → `USD`. */
function unitInHeader(label: string): string | undefined {
  const m = /[(（]\s*(?:单位|计量单位|unit)\s*[:：]\s*([^()（）]{1,10}?)\s*[)）]|\(\s*([A-Z]{3})\s*\)$/iu.exec(label);
  return m?.[1] ?? m?.[2];
}

/** `统 计 指 标` → `统计指标`: printed forms space out short CJK headers; other headers stay as written. */
export function headerText(text: string): string {
  const t = text.trim();
  if (/^[\p{Script=Han}](?:[ \u3000]+[\p{Script=Han}]+)+$/u.test(t)) {
    const joined = t.replace(/[ \u3000]+/gu, '');
    if (joined.length <= 12) return joined;
  }
  return t;
}

/** Whether a column's label (its header path, `/` between levels) ends in a total: `（七）总计 / 总计`. */
function isTotalColumn(label: string): boolean {
  return isTotalLabel(label.slice(label.lastIndexOf('/') + 1));
}
