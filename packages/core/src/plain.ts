import type { Cell, Row, Table } from './model.ts';

/**
 * Whole figures as plain JavaScript numbers: a shortcut for the checks, never a replacement for decimal arithmetic.
 * Most figures of a report are whole counts and most relations between them hold; adding such figures as numbers
 * settles those relations without making a decimal. Where the numbers say a relation does not hold, or any figure is
 * not whole, the checks judge it with decimals as before, so findings never come from these numbers.
 */

/** Whole figures beyond this are left to decimal arithmetic: sums of a table's cells stay exact as JavaScript numbers. */
const PLAIN_LIMIT = 1e12;

/** Sums of more terms are left to decimals: fewer keep every partial sum below 2^53, where addition is exact. */
export const PLAIN_TERMS = 8000;

/** Magnitudes from which sums are left to decimals: two terms below it add exactly, and so on, term by term. */
const EXACT_BELOW = 2 ** 50;

/** `sum` when it is below `EXACT_BELOW` in magnitude, else NaN: a sum of terms each checked so is exact. */
export function exact(sum: number): number {
  return Math.abs(sum) < EXACT_BELOW ? sum : Number.NaN;
}

/** A whole constant of a formula (`0`, `100`) as a number, as `plainFigure` a cell's; NaN for any other. */
export function plainConstant(text: string): number {
  return plainValue(text, 0);
}

/** A whole figure written without decimals, as a number; NaN for any other cell (empty, with decimals, too large). */
export function plainFigure(cell: Cell | undefined): number {
  if (!cell || cell.empty || cell.value === undefined) return Number.NaN;
  return plainValue(cell.value, cell.decimals ?? 0);
}

/** A figure's value as written (a decimal string) with the decimals it was written with, as `plainFigure` reads a cell's. */
export function plainValue(text: string, decimals: number): number {
  if (decimals !== 0) return Number.NaN;
  const first = text.charCodeAt(0) === 45 ? 1 : 0;
  if (text.length === first || text.length - first > 12) return Number.NaN;
  // Read digit by digit as they are checked: twelve digits stay well within exact integers.
  let n = 0;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
    n = n * 10 + (c - 48);
  }
  if (first) n = -n;
  return Math.abs(n) < PLAIN_LIMIT ? n : Number.NaN;
}

/**
 * Every cell of a table as `plainFigure` reads it, row by row, made once per table: most totals of a statistics table
 * are whole counts that hold, and adding them as numbers settles them without making a decimal.
 */
// Kept by the rows, not the table: a report read again with a memo (the language server's) names a table it read before
// anew, with the same rows.
const plainGrids = new WeakMap<readonly Row[], Float64Array>();

export function plainGrid(table: Table): Float64Array {
  let grid = plainGrids.get(table.rows);
  if (!grid) {
    const width = table.columns.length;
    grid = new Float64Array(table.rows.length * width);
    for (let r = 0; r < table.rows.length; r++) {
      const cells = (table.rows[r] as Row).cells;
      for (let c = 0; c < width; c++) grid[r * width + c] = plainFigure(cells[c]);
    }
    plainGrids.set(table.rows, grid);
  }
  return grid;
}

/**
 * Whether a cell's whole figure is the sum of other cells' whole figures, by plain addition: true only when every one
 * is a whole figure (`plainFigure`) and they add up, where decimal arithmetic and an exact comparison find the same.
 */
export function plainlyAddsUp(grid: Float64Array, total: number, parts: readonly number[]): boolean {
  const stated = grid[total] as number;
  if (Number.isNaN(stated) || parts.length > PLAIN_TERMS) return false;
  let sum = 0;
  for (const p of parts) {
    const v = grid[p] as number;
    if (Number.isNaN(v)) return false;
    sum += v;
  }
  return sum === stated;
}
