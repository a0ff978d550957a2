import type { Cell, Range, Row, RowKind } from '@crossfoot/core';
import { isSubtotalLabel, isTotalLabel, type MarkerStyle, readMarker } from './markers.ts';

/** A table row as an adapter reads it, before its place in the outline is known. */
export type RowDraft = PlacedDraft | LineDraft;

interface PlacedDraft {
  /** The label cell, trimmed, as written. */
  label: string;
  labelRange: Range;
  /** Cells after the label; may be fewer than the columns when the row is ragged. */
  cells: Cell[];
  range: Range;
}

/** A row written on one line, its ranges given as columns of it (a plain Markdown table's; see `TableRow`). */
export interface LineDraft {
  label: string;
  cells: Cell[];
  line: number;
  labelFrom: number;
  labelTo: number;
  from: number;
  to: number;
}

/** The range from column `from` to column `to` of line `line`. */
export function lineRange(line: number, from: number, to: number): Range {
  return { start: { line, column: from }, end: { line, column: to } };
}

/** A copy of `r` `lines` further down. */
export function movedRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, column: r.start.column }, end: { line: r.end.line + lines, column: r.end.column } };
}

/**
 * A table's row as every adapter makes it. A row written on one line (a plain Markdown table's) keeps the line and
 * the columns its label and itself span, and makes each range (three objects) when first asked for it, as its cells
 * do (table.ts, `TableCell`): a 5 MB report's 75,000 rows with two ranges each were half the objects left after its
 * cells stopped making theirs. JSON and `plainDocument` see a plain row, its properties in the order a literal had.
 */
export class TableRow implements Row {
  parent: number | undefined = undefined;
  #labelRange: Range | undefined;
  #range: Range | undefined;
  readonly #line: number;
  readonly #labelFrom: number;
  readonly #labelTo: number;
  readonly #from: number;
  readonly #to: number;

  label: string;
  cells: Cell[];

  /** The row `place` drafts (its label, cells and where it lies), placed in its table's outline. */
  constructor(
    place: RowDraft,
    public marker: string,
    public number: string,
    public level: number,
    public kind: RowKind,
    public path: string[],
  ) {
    this.label = place.label;
    this.cells = place.cells;
    if ('line' in place) {
      this.#labelRange = undefined;
      this.#range = undefined;
      this.#line = place.line;
      this.#labelFrom = place.labelFrom;
      this.#labelTo = place.labelTo;
      this.#from = place.from;
      this.#to = place.to;
    } else {
      this.#labelRange = place.labelRange;
      this.#range = place.range;
      this.#line = 0;
      this.#labelFrom = 0;
      this.#labelTo = 0;
      this.#from = 0;
      this.#to = 0;
    }
  }

  get labelRange(): Range {
    this.#labelRange ??= lineRange(this.#line, this.#labelFrom, this.#labelTo);
    return this.#labelRange;
  }

  set labelRange(range: Range) {
    this.#labelRange = range;
  }

  get range(): Range {
    this.#range ??= lineRange(this.#line, this.#from, this.#to);
    return this.#range;
  }

  set range(range: Range) {
    this.#range = range;
  }

  /** The same row `lines` further down, with `cells` (the row's own, moved). */
  moved(lines: number, cells: Cell[]): TableRow {
    const known = this.#labelRange !== undefined && this.#range !== undefined;
    const place: RowDraft = known
      ? { label: this.label, cells, labelRange: movedRange(this.labelRange, lines), range: movedRange(this.range, lines) }
      : { label: this.label, cells, line: this.#line + lines, labelFrom: this.#labelFrom, labelTo: this.#labelTo, from: this.#from, to: this.#to };
    const row = new TableRow(place, this.marker, this.number, this.level, this.kind, this.path);
    row.parent = this.parent;
    return row;
  }

  /** The row as a plain object, its properties in the order a literal row had them. */
  toJSON(): Row {
    const row: Row = {
      label: this.label,
      labelRange: this.labelRange,
      marker: this.marker,
      number: this.number,
      level: this.level,
      kind: this.kind,
      path: this.path,
      cells: this.cells,
      range: this.range,
    };
    if (this.parent !== undefined) row.parent = this.parent;
    return row;
  }
}

interface Open {
  style: MarkerStyle | 'plain';
  index: number;
}

/**
 * Places every row in the outline of its table, the way the printed form reads:
 * - a marker style already open pops back to its level, a new style nests one deeper;
 * - `其中：` rows, and unmarked rows right after them, are subsets of the nearest row above that is not a subset;
 * - 合计/总计/小计/共计/Total rows are totals closing the rows above them at their level;
 * - rows with children and no number in any cell are headings.
 */
export function buildOutline(drafts: RowDraft[]): Row[] {
  const rows: Row[] = [];
  const stack: Open[] = [];
  let subsetParent: number | undefined;
  let inSubsets = false;
  // A row's path is its parent's with the parent's label: made once per parent and shared by its children.
  const childPaths = new Map<number, string[]>();
  const topPath: string[] = [];

  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i] as RowDraft;
    const m = readMarker(draft.label);
    const rest = m ? draft.label.slice(m.length) : draft.label;
    const total = m?.style !== 'subset' && isTotalLabel(rest);
    let kind: RowKind = total ? 'total' : 'item';
    let parent: number | undefined;
    let level: number;

    if (m?.style === 'subset' || (!m && inSubsets && !total)) {
      if (m?.style === 'subset' || !inSubsets) {
        const prev = rows[i - 1];
        subsetParent = prev === undefined ? undefined : prev.kind === 'subset' ? prev.parent : i - 1;
      }
      inSubsets = true;
      kind = 'subset';
      parent = subsetParent;
      level = parent === undefined ? 1 : (rows[parent] as Row).level + 1;
    } else {
      inSubsets = false;
      if (total && !m) {
        const prev = previousNonSubset(rows, i);
        if (prev && (isSubtotalLabel(rest) || !readMarker(prev.label))) {
          level = prev.level;
        } else {
          level = 1;
        }
        stack.length = Math.min(stack.length, level - 1);
        parent = stack.at(-1)?.index;
      } else {
        const style = m?.style ?? 'plain';
        const open = stack.findIndex((s) => s.style === style);
        if (open >= 0) {
          // The style's entry is taken again for this row, the stack cut just after it, rather than cut before it and
          // pushed anew: V8 gave a stack cut to nothing new memory at the next push, at every row of a long table.
          stack.length = open + 1;
          (stack[open] as Open).index = i;
          parent = stack[open - 1]?.index;
          level = open + 1;
        } else {
          parent = stack.at(-1)?.index;
          level = stack.length + 1;
          stack.push({ style, index: i });
        }
      }
    }

    const path = parent === undefined ? topPath : childPath(rows, childPaths, parent);
    const row = new TableRow(draft, m?.marker ?? '', m?.number ?? '', level, kind, path);
    row.parent = parent;
    rows.push(row);
  }

  for (const parent of childPaths.keys()) {
    const row = rows[parent] as Row;
    if (row.kind === 'item' && row.cells.every((c) => c.value === undefined)) row.kind = 'heading';
  }
  return rows;
}

function childPath(rows: Row[], paths: Map<number, string[]>, parent: number): string[] {
  let path = paths.get(parent);
  if (path === undefined) {
    const p = rows[parent] as Row;
    path = [...p.path, p.label];
    paths.set(parent, path);
  }
  return path;
}

function previousNonSubset(rows: Row[], i: number): Row | undefined {
  const prev = rows[i - 1];
  if (prev?.kind === 'subset') return prev.parent === undefined ? undefined : rows[prev.parent];
  return prev;
}
