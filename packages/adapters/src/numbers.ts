import { foldWidth } from '@crossfoot/core';

/** What a cell or figure says, read as a number. */
export interface NumberReading {
  /** Canonical decimal keeping the written scale: `1,234.50` → `1234.50`. */
  value?: string;
  decimals?: number;
  unit?: string;
  /** Blank, `—`, `——`, `-`, `/`: nothing was stated. */
  empty: boolean;
  /** Starts like a number but is not one (`1,2.3`, `12件5`). */
  unreadable: boolean;
}

const EMPTY = /^(?:[\u2014\u2013\u2012\u2212\-~]{1,4}|\/|\\)$/u;
const BODY = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/u;
const UNIT = /^[\p{L}%‰°²³·/]{1,10}$/u;
const CURRENCY = /^[¥$€£￥]/u;
const DIGITS = /^\d{1,15}$/u;
const LEADING_ZEROS = /^0+(?=\d)/u;
const DATE_LIKE = /^\d{4}\s*[年\-./]\s*\d{1,2}|^\d{1,2}\s*月|^\d{1,2}:\d{2}/u;

/** Is the text one of the marks a table uses for "nothing stated"? */
export function isEmptyMark(text: string): boolean {
  const t = foldWidth(text).trim();
  return t === '' || EMPTY.test(t);
}

/** Reads a table cell: one number, optionally signed, with thousands separators, a decimal part and a unit. */
export function readNumber(text: string): NumberReading {
  // Most cells of a statistics table are bare digits: read them as the general path below would.
  if (DIGITS.test(text)) return reading(text.replace(LEADING_ZEROS, ''), 0, undefined, false, false);
  const t = foldWidth(text).trim();
  if (t === '' || EMPTY.test(t)) return reading(undefined, undefined, undefined, true, false);
  const parsed = parse(t);
  if (parsed) return reading(parsed.value, parsed.decimals, parsed.unit, false, false);
  return reading(undefined, undefined, undefined, false, looksNumeric(t));
}

/**
 * A reading with every member, in one order, those it lacks undefined: readings of four shapes (and a spread copy of
 * another) made every site that reads a cell's reading look its members up in V8's megamorphic cache, for every cell
 * of every table.
 */
function reading(value: string | undefined, decimals: number | undefined, unit: string | undefined, empty: boolean, unreadable: boolean): NumberReading {
  return { value, decimals, unit, empty, unreadable };
}

function parse(t: string): Omit<NumberReading, 'empty' | 'unreadable'> | undefined {
  let s = t;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    // Accounting negative: (1,234)
    s = s.slice(1, -1).trim();
    negative = true;
  }
  let sign = '';
  const first = s[0];
  if (first === '-' || first === '\u2212' || first === '+') {
    if (negative) return undefined;
    sign = first === '+' ? '' : '-';
    s = s.slice(1).trimStart();
  }
  if (negative) sign = '-';
  let currency: string | undefined;
  const cur = CURRENCY.exec(s);
  if (cur) {
    currency = cur[0] === '￥' ? '¥' : cur[0];
    s = s.slice(cur[0].length).trimStart();
  }
  const body = BODY.exec(s);
  if (!body) return undefined;
  const rest = s.slice(body[0].length).trim();
  let unit = currency;
  if (rest !== '') {
    if (currency || !UNIT.test(rest)) return undefined;
    unit = rest;
  }
  const integer = (body[1] as string).replace(/,/g, '').replace(/^0+(?=\d)/u, '');
  const fraction = body[2];
  const zero = /^0*$/u.test(integer) && (fraction === undefined || /^0*$/u.test(fraction));
  const value = `${zero ? '' : sign}${integer}${fraction === undefined ? '' : `.${fraction}`}`;
  const reading: Omit<NumberReading, 'empty' | 'unreadable'> = { value, decimals: fraction?.length ?? 0 };
  if (unit !== undefined) reading.unit = unit;
  return reading;
}

function looksNumeric(t: string): boolean {
  if (t.length > 30 || DATE_LIKE.test(t)) return false;
  return /^[(+\-\u2212]?\s*[¥$€£￥]?\s*\d/u.test(t);
}
