import { Decimal } from 'decimal.js';

/** Exact decimal arithmetic for money and counts (never binary floating point). */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Dec = Decimal;

/**
 * A figure as written, with the uncertainty its writing implies: following XBRL Calculations 1.1,
 * a figure written with d decimals stands for the interval ±½·10^−d (`12.5` means 12.45–12.55).
 * A figure written without decimals is a count and exact. An explicit tolerance replaces both.
 */
export interface Measure {
  value: Dec;
  /** Half-width of the interval the written figure stands for. */
  width: Dec;
}

const SMALL_INTEGER = /^-?\d{1,7}$/;

/**
 * A figure as written (`"1586"`, `"12.50"`) as a decimal. Most figures of a report are small whole numbers: those
 * are made from the number, which decimal.js reads without parsing text.
 */
export function decimalOf(text: string): Dec {
  if (!SMALL_INTEGER.test(text)) return new Dec(text);
  const n = Number(text);
  if (n >= 0 && n < SMALL.length && !Object.is(n, -0)) {
    SMALL[n] ??= new Dec(n);
    return SMALL[n];
  }
  return new Dec(n);
}

/** Zero, shared: decimals are immutable. */
export const ZERO: Dec = new Dec(0);

/** The whole numbers most cells of a statistics table hold, each made once (decimals are immutable). */
const SMALL: (Dec | undefined)[] = new Array(4096);

/**
 * `a + b`, without making a new decimal when one of them is zero (most cells of a statistics table are): a sum
 * starts from `ZERO`, which is never negative zero, so the shortcut gives what `plus` gives.
 */
export function add(a: Dec, b: Dec): Dec {
  if (b.isZero()) return a;
  if (a.isZero()) return b;
  return a.plus(b);
}

/** Half-units by number of decimals, made once: every figure of every table asks for one. */
const halfUnits: Dec[] = [];

export function halfUnit(decimals: number): Dec {
  if (decimals <= 0) return ZERO;
  let unit = halfUnits[decimals];
  if (unit === undefined) {
    unit = new Dec(5).times(new Dec(10).pow(-decimals - 1));
    if (Number.isInteger(decimals) && decimals < 64) halfUnits[decimals] = unit;
  }
  return unit;
}

export function measure(value: string, decimals: number): Measure {
  return { value: new Dec(value), width: halfUnit(decimals) };
}

/** Number of decimals a decimal string is written with (`"12.50"` → 2). */
export function writtenDecimals(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * Whether `left op right` can hold for some values inside both intervals
 * (with `tolerance`, when given, as the only allowance).
 */
export function holds(op: Comparator, left: Measure, right: Measure, tolerance?: Dec): boolean {
  // Exact figures (counts, most of a report's) are compared as they are, without making a difference or a slack.
  if (tolerance === undefined ? left.width.isZero() && right.width.isZero() : tolerance.isZero()) {
    const c = left.value.comparedTo(right.value);
    if (!Number.isNaN(c)) return compared(op, c);
  }
  const slack = tolerance ?? left.width.plus(right.width);
  const diff = left.value.minus(right.value);
  switch (op) {
    case '=':
      return diff.abs().lte(slack);
    case '!=':
      return diff.abs().gt(slack) || slack.gt(0);
    case '<':
      return diff.lt(slack);
    case '<=':
      return diff.lte(slack);
    case '>':
      return diff.neg().lt(slack);
    case '>=':
      return diff.neg().lte(slack);
  }
}

/** Whether `left op right` holds for two exact values given as plain numbers (whole figures, see plain.ts). */
export function holdsPlain(op: Comparator, left: number, right: number): boolean {
  return compared(op, left < right ? -1 : left > right ? 1 : 0);
}

/** Whether `op` holds between two values that compare as `c` (-1, 0 or 1). */
function compared(op: Comparator, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** How a comparison was made, for messages: `exact` or `±0.05`. */
export function precisionText(left: Measure, right: Measure, tolerance?: Dec): string {
  const slack = tolerance ?? left.width.plus(right.width);
  return slack.isZero() ? 'exact' : `±${slack.toString()}`;
}

export function format(value: Dec): string {
  return value.toString();
}
