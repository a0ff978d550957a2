import { foldWidth } from '@crossfoot/core';
import { CHINESE_DIGITS, parseChineseInteger } from './numbers.ts';
import { type Span, SpanMask } from './spans.ts';

/**
 * Dates and date ranges in running text (width-folded): `2018年1月1日至2018年12月30日`,
 * `2018年12月10日至27日`, `2018年6月`, `2018年度`, `二〇一九年一月十五日`, `2025-01-23`, `2025/1/23`,
 * `2025.01.23`, `30 June 2024`, `June 30, 2024`, `1 July 2023 to 30 June 2024`, `in 2024`.
 */

export type DatePrecision = 'year' | 'month' | 'day';

export interface FoundDate {
  /** Offsets of the mention in the scanned text. */
  from: number;
  to: number;
  /** ISO first and last day denoted (inclusive). */
  start: string;
  end: string;
  precision: DatePrecision;
  /** Written as a range (`…至…`, `… to …`). */
  isRange: boolean;
}

/** A point or stretch read from text, before it becomes ISO dates. */
interface Moment {
  y: number;
  m?: number;
  d?: number;
  /** First and last month when the mention is a part of the year (`上半年`, `第一季度`, `1-6月`). */
  months?: [number, number];
  /** Written as a span of months (`1-12月`). */
  spanned?: boolean;
  end: number;
}

const SP = '[ \\t]*';
const MONTH_NUM = '(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const DAY_NUM = '(3[01]|[12]\\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])';
const YEAR_RE = /(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}/y;
const NIAN_RE = new RegExp(`${SP}年`, 'y');
const MONTH_RE = new RegExp(`${SP}${MONTH_NUM}${SP}月`, 'y');
const DAY_RE = new RegExp(`${SP}${DAY_NUM}${SP}[日号]`, 'y');
const MONTH_SPAN_RE = new RegExp(`${SP}${MONTH_NUM}${SP}月?${SP}(?:至|到|—{1,2}|–|-|~)${SP}${MONTH_NUM}${SP}月`, 'y');
const YEAR_PART_RE = /度|全年|上半年|下半年|第?([一二三四1-4])季度/y;
const CITATION_AFTER_RE = /[ \t]*第[^,;。!?\s]{1,8}?[号期]/y;
const CN_CONNECTOR_RE = new RegExp(`${SP}起?${SP}(?:至|到|—{1,2}|–|-|~)${SP}`, 'y');
const STOP_RE = new RegExp(`${SP}止`, 'y');
const YEAR_SPAN_RE = new RegExp(`${SP}(?:至|到|—{1,2}|–|-|~)${SP}((?:19|20)\\d{2})${SP}年(度)?`, 'y');

const ISO_RE = /((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/y;
const ISO_CONNECTOR_RE = /\s*(?:至|到|to|until|through|–|—|~|-)\s*/y;

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_NAME = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
const EN_DMY_RE = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?[ \\t]+${MONTH_NAME}\\.?,?[ \\t]+((?:19|20)\\d{2})(?![\\d])`, 'y');
const EN_MDY_RE = new RegExp(`${MONTH_NAME}\\.?[ \\t]+(\\d{1,2})(?:st|nd|rd|th)?,?[ \\t]+((?:19|20)\\d{2})(?![\\d])`, 'y');
const EN_MY_RE = new RegExp(`${MONTH_NAME}\\.?,?[ \\t]+((?:19|20)\\d{2})(?![\\d])`, 'y');
const EN_DM_RE = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?[ \\t]+${MONTH_NAME}\\b\\.?`, 'y');
const EN_MD_RE = new RegExp(`${MONTH_NAME}\\.?[ \\t]+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'y');
const EN_CONNECTOR_RE = /\s*(?:to|until|till|through|and|–|—|-)\s*/y;
const EN_YEAR_RE = /(?:19|20)\d{2}(?![\d]|[-/.]\d|[A-Za-z])/y;
const EN_YEAR_BEFORE_RE = /\b(?:in|during|for|since|from|by|throughout|until|through|of|year|calendar year|financial year|fiscal year)[ \t]+$/i;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function num(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const v = parseChineseInteger(text);
  return v === undefined ? Number.NaN : Number(v);
}

function yearValue(text: string): number {
  if (/^\d{4}$/.test(text)) return Number(text);
  return Number([...text].map((c) => CHINESE_DIGITS[c]).join(''));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  // A month of a year as reports write them, without making a Date (every date read asks); anything else as Date counts it.
  if (Number.isInteger(m) && m >= 1 && m <= 12 && Number.isInteger(y) && y >= 100) {
    return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : (MONTH_DAYS[m - 1] as number);
  }
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function valid(mo: Moment): boolean {
  if (mo.m !== undefined && (!(mo.m >= 1 && mo.m <= 12) || Number.isNaN(mo.m))) return false;
  if (mo.d !== undefined) {
    if (mo.m === undefined || Number.isNaN(mo.d)) return false;
    if (mo.d < 1 || mo.d > daysInMonth(mo.y, mo.m)) return false;
  }
  return true;
}

function firstDay(mo: Moment): string {
  if (mo.d !== undefined && mo.m !== undefined) return isoDate(mo.y, mo.m, mo.d);
  if (mo.m !== undefined) return isoDate(mo.y, mo.m, 1);
  if (mo.months) return isoDate(mo.y, mo.months[0], 1);
  return isoDate(mo.y, 1, 1);
}

function lastDay(mo: Moment): string {
  if (mo.d !== undefined && mo.m !== undefined) return isoDate(mo.y, mo.m, mo.d);
  if (mo.m !== undefined) return isoDate(mo.y, mo.m, daysInMonth(mo.y, mo.m));
  if (mo.months) return isoDate(mo.y, mo.months[1], daysInMonth(mo.y, mo.months[1]));
  return isoDate(mo.y, 12, 31);
}

function precisionOf(mo: Moment): DatePrecision {
  if (mo.d !== undefined) return 'day';
  if (mo.m !== undefined || mo.months) return 'month';
  return 'year';
}

function found(from: number, a: Moment, b?: Moment): FoundDate {
  return {
    from,
    to: (b ?? a).end,
    start: firstDay(a),
    end: lastDay(b ?? a),
    precision: precisionOf(a),
    isRange: b !== undefined || a.spanned === true,
  };
}

/* Chinese ------------------------------------------------------------------------------------------ */

/** Month and day after `年` (or after a connector, inheriting the year). */
function monthDay(text: string, at: number, y: number): Moment | undefined {
  const span = sticky(MONTH_SPAN_RE, text, at);
  const mm = sticky(MONTH_RE, text, at);
  if (!mm && span) {
    const months: [number, number] = [num(span[1] as string), num(span[2] as string)];
    if (months.some((v) => !(v >= 1 && v <= 12))) return undefined;
    return { y, months, spanned: true, end: at + span[0].length };
  }
  if (!mm) return undefined;
  const m = num(mm[1] as string);
  const dd = sticky(DAY_RE, text, at + mm[0].length);
  if (dd) return { y, m, d: num(dd[1] as string), end: at + mm[0].length + dd[0].length };
  return { y, m, end: at + mm[0].length };
}

function chineseMoment(text: string, at: number): Moment | undefined {
  const ym = sticky(YEAR_RE, text, at);
  if (!ym) return undefined;
  const y = yearValue(ym[0]);
  const afterYear = at + ym[0].length;
  const nian = sticky(NIAN_RE, text, afterYear);
  if (!nian) return undefined;
  const pos = afterYear + nian[0].length;
  const md = monthDay(text, pos, y);
  if (md) return md;
  if (sticky(CITATION_AFTER_RE, text, pos) && !/^[ \t]*第?[一二三四1-4]季度/.test(text.slice(pos, pos + 8))) {
    return { y: Number.NaN, end: pos };
  }
  const part = sticky(YEAR_PART_RE, text, pos);
  if (!part) return { y, end: pos };
  const end = pos + part[0].length;
  if (part[0] === '上半年') return { y, months: [1, 6], end };
  if (part[0] === '下半年') return { y, months: [7, 12], end };
  if (part[1]) {
    const q = num(part[1]);
    return { y, months: [q * 3 - 2, q * 3], end };
  }
  return { y, end };
}

function chineseDate(text: string, at: number): FoundDate | undefined {
  const a = chineseMoment(text, at);
  if (!a) {
    // `2017—2019年`
    const ym = sticky(/(?:19|20)\d{2}/y, text, at);
    const span = ym ? sticky(YEAR_SPAN_RE, text, at + ym[0].length) : null;
    if (!ym || !span) return undefined;
    const a2: Moment = { y: Number(ym[0]), end: at + ym[0].length };
    const b2: Moment = { y: Number(span[1]), end: at + ym[0].length + span[0].length };
    return found(at, a2, b2);
  }
  if (Number.isNaN(a.y) || !valid(a)) return undefined;
  const conn = sticky(CN_CONNECTOR_RE, text, a.end);
  if (conn) {
    const bAt = a.end + conn[0].length;
    let b = chineseMoment(text, bAt);
    if (!b && (a.m !== undefined || a.months)) b = monthDay(text, bAt, a.y);
    if (!b && a.d !== undefined && a.m !== undefined) {
      const dd = sticky(DAY_RE, text, bAt);
      if (dd) b = { y: a.y, m: a.m, d: num(dd[1] as string), end: bAt + dd[0].length };
    }
    if (b && !Number.isNaN(b.y) && valid(b)) {
      const stop = sticky(STOP_RE, text, b.end);
      if (stop) b.end += stop[0].length;
      return found(at, a, b);
    }
  }
  return found(at, a);
}

/* Numeric and English --------------------------------------------------------------------------- */

function isoMoment(text: string, at: number): Moment | undefined {
  const m = sticky(ISO_RE, text, at);
  if (!m) return undefined;
  const mo: Moment = { y: Number(m[1]), m: Number(m[3]), d: Number(m[4]), end: at + m[0].length };
  return valid(mo) ? mo : undefined;
}

function numericDate(text: string, at: number): FoundDate | undefined {
  const a = isoMoment(text, at);
  if (!a) return undefined;
  const conn = sticky(ISO_CONNECTOR_RE, text, a.end);
  const b = conn ? isoMoment(text, a.end + conn[0].length) : undefined;
  return found(at, a, b);
}

function englishMoment(text: string, at: number): (Moment & { yearless?: boolean }) | undefined {
  let m = sticky(EN_DMY_RE, text, at);
  if (m) return { y: Number(m[3]), m: MONTHS[(m[2] as string).toLowerCase()], d: Number(m[1]), end: at + m[0].length };
  m = sticky(EN_MDY_RE, text, at);
  if (m) return { y: Number(m[3]), m: MONTHS[(m[1] as string).toLowerCase()], d: Number(m[2]), end: at + m[0].length };
  m = sticky(EN_MY_RE, text, at);
  if (m) return { y: Number(m[2]), m: MONTHS[(m[1] as string).toLowerCase()], end: at + m[0].length };
  m = sticky(EN_DM_RE, text, at);
  if (m) return { y: 0, m: MONTHS[(m[2] as string).toLowerCase()], d: Number(m[1]), end: at + m[0].length, yearless: true };
  m = sticky(EN_MD_RE, text, at);
  if (m) return { y: 0, m: MONTHS[(m[1] as string).toLowerCase()], d: Number(m[2]), end: at + m[0].length, yearless: true };
  return undefined;
}

function englishDate(text: string, at: number): FoundDate | undefined {
  const a = englishMoment(text, at);
  if (!a) return undefined;
  const conn = sticky(EN_CONNECTOR_RE, text, a.end);
  const isAnd = conn ? /and/.test(conn[0]) : false;
  const between = /\bbetween\s+$/i.test(text.slice(Math.max(0, at - 10), at));
  if (conn && (!isAnd || between)) {
    const b = englishMoment(text, a.end + conn[0].length);
    if (b && !b.yearless && valid(b)) {
      if (a.yearless) {
        a.y = b.y;
        if (firstDay(a) > lastDay(b)) a.y -= 1;
      }
      if (valid(a)) return found(at, a, b);
    }
  }
  if (a.yearless || !valid(a)) return undefined;
  return found(at, a);
}

function englishYear(text: string, at: number): FoundDate | undefined {
  if (!EN_YEAR_BEFORE_RE.test(text.slice(Math.max(0, at - 20), at))) return undefined;
  const m = sticky(EN_YEAR_RE, text, at);
  if (!m) return undefined;
  return found(at, { y: Number(m[0]), end: at + m[0].length });
}

/* Scanner --------------------------------------------------------------------------------------- */

/** `〇○零一二三四五六七八九`, the digits a Chinese year is written with. */
const CN_YEAR_DIGIT = 1;
/** `十百千万第`: before a Chinese digit, they make it part of a number or an ordinal, not a year. */
const CN_NOT_YEAR_BEFORE = 2;
/** Flags by character code (every character of every paragraph is looked up): a table, not a set. */
const CN_FLAGS = new Uint8Array(0x10000);
for (const c of '〇○零一二三四五六七八九') CN_FLAGS[c.charCodeAt(0)] = CN_YEAR_DIGIT;
for (const c of '十百千万第') CN_FLAGS[c.charCodeAt(0)] = CN_NOT_YEAR_BEFORE;
const cnFlags = (c: number): number => (c >= 0 ? (CN_FLAGS[c] as number) : 0);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLetter = (c: number) => isUpper(c) || (c >= 97 && c <= 122);

/** Every date mention in `written` (width-folded first; offsets are unchanged), outside `skip` spans, in order. */
export function scanDates(written: string, skip: readonly Span[] = []): FoundDate[] {
  return scanFoldedDates(foldWidth(written), skip);
}

/** `scanDates` of text already width-folded. */
export function scanFoldedDates(text: string, skip: readonly Span[] = []): FoundDate[] {
  const mask = new SpanMask(text.length, skip);
  const out: FoundDate[] = [];
  let i = 0;
  // Character codes, not one-character strings: this loop visits every character of every paragraph.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let hit: FoundDate | undefined;
    // Only a character that can begin a date is looked at further (and looked up in the mask).
    if (isDigit(c)) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
      // Not inside a word, a decimal, a range or a path, nor an ordinal (`第2019`).
      if (!(isDigit(prev) || isLetter(prev) || prev === 46 || prev === 45 || prev === 47 || prev === 0x7b2c) && !mask.has(i)) {
        hit = numericDate(text, i) ?? chineseDate(text, i) ?? englishDate(text, i) ?? englishYear(text, i);
      }
    } else if (cnFlags(c) === CN_YEAR_DIGIT) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
      if (cnFlags(prev) === 0 && !mask.has(i)) hit = chineseDate(text, i);
    } else if (isUpper(c)) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
      if (!isLetter(prev) && !mask.has(i)) hit = englishDate(text, i);
    }
    if (hit && !mask.has(hit.to - 1)) {
      out.push(hit);
      i = hit.to;
    } else i++;
  }
  return out;
}
