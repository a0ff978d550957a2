import type { Cell, Range, Row, RowKind } from '@crossfoot/core';
import { isSubtotalLabel, isTotalLabel, type MarkerStyle, readMarker } from './markers.ts';

/** A table row as an adapter reads it, before its place in the outline is known. */
export interface RowDraft {
  /** The label cell, trimmed, as written. */
  label: string;
  labelRange: Range;
  /** Cells after the label; may be fewer than the columns when the row is ragged. */
  cells: Cell[];
  range: Range;
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

    const row: Row = {
      label: draft.label,
      labelRange: draft.labelRange,
      marker: m?.marker ?? '',
      number: m?.number ?? '',
      level,
      kind,
      path: parent === undefined ? topPath : childPath(rows, childPaths, parent),
      cells: draft.cells,
      range: draft.range,
    };
    if (parent !== undefined) row.parent = parent;
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
