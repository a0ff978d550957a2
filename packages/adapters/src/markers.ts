import { foldWidth } from '@crossfoot/core';

/**
 * Outline markers at the start of a label or line: `一、` › `（一）` › `1.`/`1、` › `（1）` › `①`,
 * Western `1`, `1.1`, `a)`, `(a)`, and the `其中：` of a breakdown.
 */
export type MarkerStyle =
  | 'cjk'
  | 'cjk-paren'
  | 'arabic'
  | 'arabic-rparen'
  | 'arabic-paren'
  | 'circled'
  | 'alpha'
  | 'alpha-paren'
  | `dotted-${number}`
  | 'subset';

export interface Marker {
  style: MarkerStyle;
  /** As written, e.g. `（一）`, `1.`, `其中：`. */
  marker: string;
  /** Normalised: `一`, `(一)`, `1`, `1.1`, `(1)`, `①`, `a`, `(a)`; empty for `其中`. */
  number: string;
  /** Length of the marker plus the blanks after it: where the rest of the label starts. */
  length: number;
}

const CJK_NUMERAL = '[一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾]';

interface Pattern {
  style: MarkerStyle | 'dotted';
  re: RegExp;
  number: (m: RegExpExecArray) => string;
  /** Only where Western numbering is expected (table labels, Western documents). */
  western?: boolean;
}

// Matched against width-folded text, so `（一）` is `(一)` and `１．` is `1.` here.
const patterns: Pattern[] = [
  { style: 'subset', re: /^(?:其中|of which|including)\s*[:：]?/iu, number: () => '' },
  { style: 'cjk', re: new RegExp(`^(${CJK_NUMERAL}{1,4})\\s*[、.]`, 'u'), number: (m) => m[1] as string },
  { style: 'cjk-paren', re: new RegExp(`^\\(\\s*(${CJK_NUMERAL}{1,4})\\s*\\)\\s*[、.]?`, 'u'), number: (m) => `(${m[1]})` },
  { style: 'arabic-paren', re: /^\(\s*(\d{1,2})\s*\)\s*[、.]?/u, number: (m) => `(${m[1]})` },
  { style: 'circled', re: /^([\u2460-\u2473\u3251-\u325f])\s*[、.]?/u, number: (m) => m[1] as string },
  { style: 'dotted', re: /^(\d{1,3}(?:\.\d{1,3}){1,3})\.?(?=\s|$|、)/u, number: (m) => m[1] as string },
  { style: 'arabic', re: /^(\d{1,3})\s*[.、](?!\d)/u, number: (m) => m[1] as string },
  { style: 'arabic-rparen', re: /^(\d{1,3})\)/u, number: (m) => m[1] as string, western: true },
  { style: 'arabic', re: /^(\d{1,3})(?=\s+[A-Za-z])/u, number: (m) => m[1] as string, western: true },
  { style: 'alpha-paren', re: /^\(([a-z])\)/u, number: (m) => `(${m[1]})`, western: true },
  { style: 'alpha', re: /^([a-z])\)/u, number: (m) => m[1] as string, western: true },
];

export interface MarkerOptions {
  /** Accept `1 Revenue`, `1)`, `a)`, `(a)` (default true). */
  western?: boolean;
}

/** Character codes of `CJK_NUMERAL`. */
const CJK_NUMERAL_CODES = new Set([...CJK_NUMERAL.slice(1, -1)].map((c) => c.charCodeAt(0)));

/**
 * Whether a marker can begin with this character (of width-folded text): a digit, a lowercase letter, `(`, a circled
 * number, a Chinese numeral, or the first letter of `其中`, `of which` or `including`. Most labels begin with none.
 */
export function mayOpenMarker(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x28 ||
    c === 0x4f ||
    c === 0x49 ||
    c === 0x5176 ||
    (c >= 0x2460 && c <= 0x2473) ||
    (c >= 0x3251 && c <= 0x325f) ||
    CJK_NUMERAL_CODES.has(c)
  );
}

/** Reads the outline marker at the start of `text` (already trimmed at the start). */
export function readMarker(text: string, options: MarkerOptions = {}): Marker | undefined {
  // Folding keeps offsets, one code unit for one: the first character folded alone is the folded text's first.
  if (!mayOpenMarker(foldWidth(text.charAt(0)).charCodeAt(0))) return undefined;
  return matchMarker(text, foldWidth(text.length > 40 ? text.slice(0, 40) : text), options.western ?? true);
}

/** `readMarker` without its first-character test: every pattern tried on `folded`, `text`'s first 40 characters folded. */
export function matchMarker(text: string, folded: string, western: boolean): Marker | undefined {
  for (const p of patterns) {
    if (p.western && !western) continue;
    const m = p.re.exec(folded);
    if (!m) continue;
    const written = m[0].replace(/\s+$/u, '');
    if (p.style === 'subset' && !/^其中/u.test(written) && !/[:：]$/u.test(written) && !/^of which/iu.test(written)) continue;
    let length = m[0].length;
    while (length < folded.length && /\s/u.test(folded[length] as string)) length++;
    const number = p.number(m);
    const style: MarkerStyle = p.style === 'dotted' ? `dotted-${number.split('.').length}` : p.style;
    return { style, marker: text.slice(0, written.length), number, length };
  }
  return undefined;
}

const TOTAL_ZH = /^(?:合\s*计|总\s*计|小\s*计|共\s*计)|(?:合计|总计|小计|共计)$/u;
const TOTAL_EN = /^(?:grand\s+total|sub-?total|total)\b|\btotal$/iu;

/** Does this label (marker removed) name a total row or column: 合计, 总计, 小计, 共计, Total, Grand total? */
export function isTotalLabel(label: string): boolean {
  // Neither word can be there without 计 or a t (which only `ｔ` and `Ｔ` fold to): most labels, looked over once.
  if (!label.includes('计') && !MAY_SAY_TOTAL.test(label)) return false;
  let t = foldWidth(label).trim();
  if (t.endsWith(':') || t.endsWith('：')) t = t.slice(0, -1);
  t = withoutTrailingNote(t);
  // Each pattern only where its word can be: every row of every table asks, and most labels hold neither.
  return (t.includes('计') && TOTAL_ZH.test(t)) || (HAS_TOTAL.test(t) && TOTAL_EN.test(t));
}

/** A character `total` (any case, any width) cannot be written without. */
const MAY_SAY_TOTAL = /[tTｔＴ]/;

/** What every match of `TOTAL_EN` holds (no other character folds to these letters). */
const HAS_TOTAL = /total/i;

/**
 * Drops a closing parenthetical (`合计 (万元)`) and the blanks before it. Written out rather than as
 * `/\s*\([^)]*\)$/`, which a regular expression engine tries from every blank of a long run: a cell of a
 * hundred thousand blanks would take minutes.
 */
function withoutTrailingNote(text: string): string {
  if (!text.endsWith(')')) return text;
  const open = text.indexOf('(', text.lastIndexOf(')', text.length - 2) + 1);
  if (open < 0 || open >= text.length - 1) return text;
  let cut = open;
  while (cut > 0 && /\s/u.test(text[cut - 1] as string)) cut--;
  return text.slice(0, cut);
}

export function isSubtotalLabel(label: string): boolean {
  return /小\s*计|sub-?total/iu.test(foldWidth(label));
}
