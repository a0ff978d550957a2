import type { DecimalString } from '@crossfoot/core';
import { foldWidth, sortedInPlace } from '@crossfoot/core';
import { byStart, type Span, SpanMask } from './spans.ts';

/**
 * Numbers in running text: parsing one written number, and scanning text for number + unit tokens.
 * Scanning works on width-folded text (`foldWidth`), whose offsets equal those of the original.
 */

export interface ParsedNumber {
  /** Canonical decimal string keeping the written scale: `"4068.208"`, `"-12.50"`. */
  value: DecimalString;
  /** Digits after the decimal point as written. */
  decimals: number;
}

const ARABIC_WHOLE = /^([+\-\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parses one number written with Arabic digits (any width, `1,234`, `1，234`, decimals, `(12.5)` as a
 * negative) or Chinese numerals.
 */
export function parseNumber(text: string): ParsedNumber | undefined {
  const t = foldWidth(text).trim();
  if (t === '') return undefined;
  // Accounting negatives: `(12,400.00)`.
  const bracketed = t.charCodeAt(0) === 40 /* ( */ ? /^\((\d[\d,]*(?:\.\d+)?)\)$/.exec(t) : null;
  const m = ARABIC_WHOLE.exec(bracketed ? `-${bracketed[1]}` : t);
  if (m) {
    const int = m[2] as string;
    return canonical(m[1] === '-' || m[1] === '\u2212', int.includes(',') ? int.replaceAll(',', '') : int, m[3] ?? '');
  }
  return parseChineseNumber(t);
}

function canonical(negative: boolean, int: string, frac: string): ParsedNumber {
  // Digits only: leading zeros dropped but the last digit kept, compared by character code (most figures have none).
  let lead = 0;
  while (lead < int.length - 1 && int.charCodeAt(lead) === 48) lead++;
  const i = lead ? int.slice(lead) : int;
  const zero = onlyZeros(i) && onlyZeros(frac);
  return { value: `${negative && !zero ? '-' : ''}${i}${frac ? `.${frac}` : ''}`, decimals: frac.length };
}

function onlyZeros(digits: string): boolean {
  for (let k = 0; k < digits.length; k++) if (digits.charCodeAt(k) !== 48) return false;
  return true;
}

/** Chinese digits; `○` (U+25CB) is the zero printed in many dates (`二○一九年`). */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const SMALL_UNITS: Readonly<Record<string, bigint>> = { 十: 10n, 拾: 10n, 百: 100n, 佰: 100n, 千: 1000n, 仟: 1000n };
const BIG_UNITS: Readonly<Record<string, bigint>> = { 万: 10_000n, 萬: 10_000n, 亿: 100_000_000n, 億: 100_000_000n };

/** Parses a whole string of Chinese numerals: `十二`, `两千三百`, `一百零五`, `三万`, `〇`, `二〇一九`, `三点五`. */
export function parseChineseNumber(text: string): ParsedNumber | undefined {
  const [intText, fracText, extra] = text.split('点');
  if (extra !== undefined || intText === undefined) return undefined;
  const int = parseChineseInteger(intText);
  if (int === undefined) return undefined;
  let frac = '';
  if (fracText !== undefined) {
    if (fracText === '') return undefined;
    for (const ch of fracText) {
      const d = CHINESE_DIGITS[ch];
      if (d === undefined) return undefined;
      frac += String(d);
    }
  }
  return { value: `${int}${frac ? `.${frac}` : ''}`, decimals: frac.length };
}

/** Integer value of Chinese numerals, or undefined when malformed. */
export function parseChineseInteger(text: string): bigint | undefined {
  if (text === '') return undefined;
  const chars = [...text];
  if (chars.every((c) => CHINESE_DIGITS[c] !== undefined)) {
    // A bare digit sequence (`二〇一九`) reads digit by digit.
    let digits = '';
    for (const c of chars) digits += CHINESE_DIGITS[c] as number;
    return BigInt(digits);
  }
  let total = 0n;
  let section = 0n;
  let pending: bigint | undefined;
  let last: 'digit' | 'zero' | 'small' | 'big' | undefined;
  for (const ch of chars) {
    const d = CHINESE_DIGITS[ch];
    if (d !== undefined) {
      if (d === 0) {
        pending = undefined;
        last = 'zero';
        continue;
      }
      if (last === 'digit') return undefined;
      pending = BigInt(d);
      last = 'digit';
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      if (last === 'small') return undefined;
      section += (pending ?? 1n) * small;
      pending = undefined;
      last = 'small';
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      const v = section + (pending ?? 0n);
      if (v === 0n && total === 0n) return undefined;
      if (big === 100_000_000n) total = (total + v) * big;
      else total += v * big;
      section = 0n;
      pending = undefined;
      last = 'big';
      continue;
    }
    return undefined;
  }
  return total + section + (pending ?? 0n);
}

/* ------------------------------------------------------------------------------------------------ */
/* Scanning                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

/** An Arabic number as written in text: `25055`, `4,068.208`, `１２` (after folding). */
export const ARABIC_NUMBER_RE = /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/g;
/** A run of Chinese numerals. */
export const CHINESE_NUMBER_RE = /[〇○零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+/g;

/**
 * Chinese counting units, longest first. An optional magnitude (`万`, `亿`, `千`) and an approximation
 * mark (`余`, `多`) may come before the unit: `3.5万元`, `300余条`.
 */
export const CHINESE_UNITS = [
  '个工作日',
  '个百分点',
  '个小时',
  '个月',
  '工作日',
  '人次',
  '件次',
  '场次',
  '批次',
  '户次',
  '课时',
  '小时',
  '分钟',
  '条',
  '件',
  '次',
  '人',
  '个',
  '项',
  '篇',
  '家',
  '份',
  '元',
  '天',
  '场',
  '期',
  '户',
  '名',
  '所',
  '起',
  '批',
  '本',
  '册',
  '张',
  '台',
  '套',
  '座',
  '处',
] as const;

/** Number → unit: optional spaces (PDF text) or emphasis marks, magnitude, approximation, unit. */
export const CHINESE_UNIT_RE = new RegExp(`[ \\t*_]*(余|多)?(万|亿|千)?(余|多)?(${CHINESE_UNITS.join('|')})`, 'y');

/** Characters that, right after a unit character, show it starts another word (`条例`, `人民`, `期间`). */
const NOT_A_UNIT_BEFORE: Readonly<Record<string, string>> = {
  条: '例件款目理形约文规幅',
  人: '民员大口才事力格身权类',
  次: '年日月序要数生',
  个: '人体别性案',
  项: '目',
  名: '称单义录额',
  本: '年级次部机单市县区省人身着来质届期',
  所: '有以属在谓得',
  起: '草诉来到始止点步码',
  期: '间限末初满刊待望',
  天: '然气下',
  场: '所地景合',
  份: '额',
  家: '庭属长乡园',
  户: '籍口外型',
  台: '账帐风湾',
  批: '准示复评',
  张: '贴',
  套: '餐用',
  元: '旦素',
  处: '理置罚分',
  座: '谈',
};

/** Scale words after an English number. */
const EN_SCALE = 'million|billion|thousand|trillion|mn|bn|m|k';
/** Words that cannot be the counted noun after a number. */
const EN_STOPWORDS = new Set(
  (
    'of and or to in on at by for from with the a an was were is are be been being has have had per than ' +
    'more less fewer that which who whom this these those we it they he she you i as if so but not no nor ' +
    'will would can could may might should shall must do does did percent cent pc pct ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);
/** Adjectives skipped between a number and its noun: `42 new requests`. */
const EN_ADJECTIVES = new Set('new additional further open pending closed completed full-time part-time separate valid formal written online'.split(' '));
const EN_UNIT_RE = new RegExp(`(?:[ \\t]+|[ \\t]*\\r?\\n[ \\t]*)(?:(${EN_SCALE})\\b[ \\t]*)?([A-Za-z][A-Za-z-]*)`, 'y');
const EN_WORD_RE = /[ \t]+([a-z][a-z-]*)/y;
const EN_SCALE_ONLY_RE = new RegExp(`[ \\t]*(${EN_SCALE})\\b`, 'y');
const CURRENCY_BEFORE_RE = /(US\$|HK\$|A\$|C\$|S\$|\$|€|£|¥|￥|RMB|USD|EUR|GBP|CNY|HKD|AUD)[ \t]?$/;

/**
 * A percentage written right after a figure: `，占33.9%`, ` (33.9%)`, `, or 33.9 percent`. Each run of blanks
 * follows something written, never another optional run: `[ \t]*[,(]?[ \t]*` would split a long run of blanks
 * every possible way (minutes on a line of a few thousand spaces).
 */
export const PERCENT_AFTER_RE =
  /[ \t]*(?:[,(][ \t]*)?(?:(?:占[^,;。!?\d%\n]{0,12}?|or|representing|being|i\.e\.,?)[ \t]*)?(\d+(?:\.\d+)?)[ \t]*(%|percent\b|per cent\b)[ \t]*\)?/dy;

const APPROX_BEFORE_CN = /(?:约|近|逾|超过|超|大约|将近|接近|不少于|不低于|不足|不到|不超过|至少|最多|多达)[ \t]*$/;
const APPROX_BEFORE_EN =
  /\b(?:about|approximately|approx\.|around|nearly|almost|over|more than|less than|fewer than|under|up to|at least|at most|some|roughly|circa|upwards of)[ \t]*$/i;
const APPROX_AFTER = /^[ \t]*(?:以上|左右|以下|以内|之多|上下|余|or more|or so|plus\b|\+)/i;
/** Words after which a number is a reference, not a count: `第3条`, `Section 3`, `note 12`. */
const REFERENCE_BEFORE =
  /(?:第[ \t]*|\b(?:sections?|articles?|rules?|notes?|nos?\.|numbers?|chapters?|parts?|schedules?|appendix|annex|tables?|figures?|fig\.|pages?|p\.|pp\.|paragraphs?|para\.?|items?|clauses?|regulations?|steps?|levels?|phases?|versions?|v\.|grades?|rooms?|floors?|lines?|rows?|columns?|col\.)[ \t]*|[§#№][ \t]*)$/i;
const PHONE_BEFORE = /(?:电话|手机|传真|热线|邮编|邮政编码|QQ|tel\.?|phone|fax)[^0-9\n]{0,4}$/i;

export interface NumberToken {
  /** Offsets into the scanned text: the figure from currency sign or number through its unit. */
  start: number;
  end: number;
  numStart: number;
  numEnd: number;
  value: DecimalString;
  decimals: number;
  /** Unit as written (magnitude included: `万元`, `$ million`); absent for a bare number. */
  unit?: string;
  script: 'arabic' | 'chinese';
  lang: 'zh' | 'en';
  /** `约320条`, `300余人`, `more than 40 requests`. */
  approx: boolean;
  /** Percentage written right after the figure. */
  percent?: { value: DecimalString; decimals: number; start: number; end: number };
  /** End of the figure including its percentage. */
  tail: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const BOUNDARY_AFTER_CN = /^(?:[ \t]*(?:[,;:、。!?)”"』」\]]|$|\r|\n|\())/;

/**
 * Finds numbers with their units in `written` (width-folded first; offsets are unchanged). Numbers inside `skip` spans (titles, citations,
 * dates) are ignored; so are references (`第3条`, `Section 3`), ordinals and percentages on their own.
 * Arabic numbers without a unit are returned as bare tokens (a list may leave the unit implied);
 * Chinese numerals only with a unit and only when the unit ends the clause (`召开会议两次，`),
 * since most Chinese numerals in prose are words (`一站式`, `两个阶段`, `十九大`).
 */
export function scanNumbers(written: string, skip: readonly Span[] = []): NumberToken[] {
  return scanFoldedNumbers(foldWidth(written), skip);
}

/** `scanNumbers` of text already width-folded. */
export function scanFoldedNumbers(text: string, skip: readonly Span[] = []): NumberToken[] {
  const mask = new SpanMask(text.length, skip);
  const tokens: NumberToken[] = [];
  // Searched from the start with `exec` (neither pattern matches an empty text): `matchAll` made an iterator and a
  // copy of the pattern for every paragraph.
  ARABIC_NUMBER_RE.lastIndex = 0;
  for (let m = ARABIC_NUMBER_RE.exec(text); m !== null; m = ARABIC_NUMBER_RE.exec(text)) {
    const t = arabicToken(text, m.index, m[0], mask);
    if (t) tokens.push(t);
  }
  CHINESE_NUMBER_RE.lastIndex = 0;
  for (let m = CHINESE_NUMBER_RE.exec(text); m !== null; m = CHINESE_NUMBER_RE.exec(text)) {
    const t = chineseToken(text, m.index, m[0], mask);
    if (t) tokens.push(t);
  }
  // Arabic figures then Chinese numerals, each found in order: most paragraphs have none of the second.
  return sortedInPlace(tokens, byStart);
}

function arabicToken(text: string, at: number, written: string, skip: SpanMask): NumberToken | undefined {
  const end0 = at + written.length;
  if (skip.has(at) || skip.has(end0 - 1)) return undefined;
  const prev = text[at - 1] ?? '';
  const next = text[end0] ?? '';
  if (/[0-9A-Za-z.]/.test(prev) || /[0-9A-Za-z]/.test(next)) return undefined;
  // Joined by hyphens or slashes to other digits: phone numbers, ranges, dates, `3/4`.
  if (/[-/]/.test(prev) && /\d/.test(text[at - 2] ?? '')) return undefined;
  if (/[-/]/.test(next) && /\d/.test(text[end0 + 1] ?? '')) return undefined;
  if (next === ':' && /\d/.test(text[end0 + 1] ?? '')) return undefined;
  const before = text.slice(Math.max(0, at - 24), at);
  if (REFERENCE_BEFORE.test(before) || PHONE_BEFORE.test(before)) return undefined;
  // Ordinals in brackets: `(1)`, `[2]`.
  if (/[([]$/.test(before) && /^[)\]]/.test(next)) return undefined;
  const parsed = parseNumber(written);
  if (!parsed) return undefined;
  const after = text.slice(end0, end0 + 16);
  if (/^[ \t]*(?:%|‰|percent\b|per cent\b)/.test(after)) return undefined;

  // Every token is made with the same members in the same order, those it lacks as undefined: readers of tokens then
  // see one shape, and V8 keeps the code it optimised for them (a member added later made it start over, many times).
  const token: NumberToken = {
    start: at,
    end: end0,
    numStart: at,
    numEnd: end0,
    value: parsed.value,
    decimals: parsed.decimals,
    unit: undefined,
    script: 'arabic',
    lang: CJK.test(next) || CJK.test(prev) ? 'zh' : 'en',
    approx: false,
    percent: undefined,
    tail: end0,
  };

  const currency = CURRENCY_BEFORE_RE.exec(before);
  CHINESE_UNIT_RE.lastIndex = end0;
  const cn = currency ? null : CHINESE_UNIT_RE.exec(text);
  if (currency) {
    token.start = at - currency[0].length;
    token.lang = 'en';
    EN_SCALE_ONLY_RE.lastIndex = end0;
    const scale = EN_SCALE_ONLY_RE.exec(text);
    token.unit = scale ? `${currency[1]} ${scale[1]}` : (currency[1] as string);
    if (scale) token.end = end0 + scale[0].length;
  } else if (cn && !NOT_A_UNIT_BEFORE[cn[4] as string]?.includes(text[end0 + cn[0].length] ?? '\0')) {
    token.unit = `${cn[2] ?? ''}${cn[4]}`;
    token.end = end0 + cn[0].length;
    token.lang = 'zh';
    if (cn[1] || cn[3]) token.approx = true;
  } else if (!CJK.test(next)) {
    const yearLike = /^(?:19|20)\d{2}$/.test(written);
    EN_UNIT_RE.lastIndex = end0;
    const en = yearLike ? null : EN_UNIT_RE.exec(text);
    if (en) {
      const scale = en[1];
      let noun = en[2] as string;
      let end = end0 + en[0].length;
      if (EN_ADJECTIVES.has(noun.toLowerCase())) {
        EN_WORD_RE.lastIndex = end;
        const w = EN_WORD_RE.exec(text);
        if (w && !EN_STOPWORDS.has(w[1] as string)) {
          noun = w[1] as string;
          end += w[0].length;
        }
      }
      if (/^[a-z]/.test(noun) && !EN_STOPWORDS.has(noun.toLowerCase())) {
        token.unit = scale ? `${scale} ${noun}` : noun;
        token.end = end;
        token.lang = 'en';
      } else if (scale) {
        EN_SCALE_ONLY_RE.lastIndex = end0;
        const s = EN_SCALE_ONLY_RE.exec(text);
        token.unit = scale;
        token.end = end0 + (s ? s[0].length : 0);
        token.lang = 'en';
      }
    }
  }

  token.tail = token.end;
  const lookBack = text.slice(Math.max(0, token.start - 16), token.start);
  if ((token.lang === 'zh' ? APPROX_BEFORE_CN : APPROX_BEFORE_EN).test(lookBack)) token.approx = true;
  if (APPROX_AFTER.test(text.slice(token.end, token.end + 8))) token.approx = true;
  attachPercent(text, token);
  return token;
}

function chineseToken(text: string, at: number, run: string, skip: SpanMask): NumberToken | undefined {
  if (skip.has(at)) return undefined;
  let numeral = run;
  let magnitude = '';
  // A trailing magnitude belongs to the unit, as with Arabic figures: `三万元` → 3, `万元`.
  const lastChar = numeral[numeral.length - 1] as string;
  if (numeral.length > 1 && '万亿千'.includes(lastChar)) {
    const rest = text.slice(at + numeral.length, at + numeral.length + 8);
    if (/^[ \t]*(?:余|多)?(?:条|件|次|人|个|项|篇|家|份|元|天|场|期|户|名)/.test(rest)) {
      magnitude = lastChar;
      numeral = numeral.slice(0, -1);
    }
  }
  const before = text.slice(Math.max(0, at - 6), at);
  if (/第[ \t]*$/.test(before)) return undefined;
  const parsed = parseChineseNumber(numeral);
  if (!parsed) return undefined;
  // A lone 一 or a digit sequence is a word or an ordinal, not a count (`一次办好`, `一二`).
  if (numeral === '一' || numeral === '壹') return undefined;
  if (numeral.length > 1 && [...numeral].every((c) => CHINESE_DIGITS[c] !== undefined)) return undefined;
  const numEnd = at + numeral.length;
  CHINESE_UNIT_RE.lastIndex = numEnd;
  const cn = CHINESE_UNIT_RE.exec(text);
  if (!cn || /[ \t*_]/.test(cn[0][0] ?? '')) return undefined;
  const unitEnd = numEnd + cn[0].length;
  if (NOT_A_UNIT_BEFORE[cn[4] as string]?.includes(text[unitEnd] ?? '\0')) return undefined;
  const afterUnit = text.slice(unitEnd, unitEnd + 8);
  if (!BOUNDARY_AFTER_CN.test(afterUnit) && !/^[ \t]*(?:以上|左右|之多)/.test(afterUnit)) return undefined;
  const token: NumberToken = {
    start: at,
    end: unitEnd,
    numStart: at,
    numEnd,
    value: parsed.value,
    decimals: parsed.decimals,
    unit: `${magnitude || (cn[2] ?? '')}${cn[4]}`,
    script: 'chinese',
    lang: 'zh',
    approx: Boolean(cn[1] || cn[3]) || APPROX_BEFORE_CN.test(before) || APPROX_AFTER.test(text.slice(unitEnd, unitEnd + 8)),
    percent: undefined,
    tail: unitEnd,
  };
  attachPercent(text, token);
  return token;
}

function attachPercent(text: string, token: NumberToken): void {
  PERCENT_AFTER_RE.lastIndex = token.end;
  const p = PERCENT_AFTER_RE.exec(text);
  const at = p?.indices?.[1];
  const sign = p?.indices?.[2];
  if (!p || !at || !sign) return;
  const parsed = parseNumber(p[1] as string);
  if (!parsed) return;
  token.percent = { ...parsed, start: at[0], end: sign[1] };
  token.tail = token.end + p[0].trimEnd().length;
}
