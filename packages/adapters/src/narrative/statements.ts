import { sortedInPlace } from '@crossfoot/core';
import type { FoundDate } from './dates.ts';
import type { NumberToken } from './numbers.ts';
import { byStart, type Span, SpanMask } from './spans.ts';

/**
 * Numeric claims in running text (width-folded): totals with their parts
 * (`共320条,其中…53条,…48条`, `a total of 12 requests, of which 2 …`) and single quantities
 * (`兼职人员数2人`, `received 42 requests`).
 */

export interface FoundQuantity {
  token: NumberToken;
  label: string;
  /** Unit as written; absent when a list leaves it implied (`其中自然人30、法人5`, `of which 2 were …`). */
  unit?: string;
}

export interface FoundStatement {
  kind: 'total-with-parts' | 'quantity';
  total: FoundQuantity;
  parts: FoundQuantity[];
  /** Offsets of the clause or sentence the claim was read from. */
  from: number;
  to: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Character codes (the text is width-folded): `。!?` end a sentence; they and `,;:` end a clause; `、` ends a list item too. */
/**
 * Boundaries of the width-folded text, as flags by character code (every character of every paragraph is tested):
 * a sentence ends at `。`, `!` or `?` (SENTENCE_END); a clause also at `,`, `;` or `:` (STRONG); an item of a list also
 * at `、` (WEAK).
 */
const SENTENCE_END = 1;
const STRONG = 2;
const WEAK = 4;
const BOUNDARY = new Uint8Array(0x10000);
for (const c of [0x3002, 0x21, 0x3f]) BOUNDARY[c] = SENTENCE_END | STRONG | WEAK;
for (const c of [0x2c, 0x3b, 0x3a]) BOUNDARY[c] = STRONG | WEAK;
BOUNDARY[0x3001] = WEAK;
const is = (c: number, kind: number): boolean => ((BOUNDARY[c] as number) & kind) !== 0;

/** Words introducing the parts of a total. */
export const PARTS_MARKER_RE =
  /其中|\b(?:of which|of whom|among (?:which|whom|them)|including|comprising|comprised(?: of)?|comprises|consisting of|consisted of|consists of|made up of)\b/gi;

/** Verbs after which `共` means "in total" (`全年共受理申请35件`). */
const GONG_VERBS =
  '受理|收到|接收|接到|办理|办结|答复|发布|公开|更新|制发|印发|发放|开展|组织|举办|召开|培训|处理|回复|录入|梳理|审核|完成|涉及|登记|收集|报送|转发|编印|制作|出动|检查|查处|立案|提供|接待|参加|新增|清理|废止|上传|推送|采集|编制|审查|主动公开|发出|召集|印制';
const GONG_MARKER_RE = new RegExp(`(?<![公中])共(?:计)?(?=${GONG_VERBS})`, 'g');

const TOTAL_BEFORE_CN = /(?:共计|合计|总计|总共|一共|共有|(?<![公中])共)[ \t]*(?:为|有|达)?[ \t]*:?[ \t*_]*$/;
const TOTAL_BEFORE_EN = /(?:\btotal(?:\s+of)?|\btotall?(?:ing|ed))\s*(?::\s*)?$/i;
const TOTAL_AFTER_EN = /^\s*(?:in total|in all|altogether)\b/i;
const CUMULATIVE_BEFORE_CN = /累计[ \t]*(?:(?:为|有|达)[ \t]*)?(?::[ \t]*)?$/;

const DELTA_CN = /同比|环比|比上年|较上年|比去年|较去年|比上一年|较上一年|与上年相比|与去年相比|(?:比|较)(?:19|20)\d{2}年/;
const DELTA_BEFORE_EN = /\b(?:increase|decrease|rise|fall|growth|decline|up|down)\s+(?:of|by)\s*$/i;
const DELTA_AFTER_EN = /^\s*(?:more|fewer|less)\s+than\b/i;

const LEAD_CN = new RegExp(
  [
    '^(?:[\\s,;:、.。)\\]】”"]+',
    '其中',
    '以及',
    '并且',
    '另有',
    '另外',
    '此外',
    '同时',
    '其次',
    '首先',
    '最后',
    '还有',
    '共计',
    '共有',
    '总共',
    '一共',
    '合计',
    '总计',
    '累计',
    `共(?=${GONG_VERBS})`,
    '[一二三四五六七八九十]+是',
    '第[一二三四五六七八九十]+(?:是|[,、])',
    '[一二三四五六七八九十]+[、.]',
    '\\d+[、.](?!\\d)',
    '\\(\\s*[一二三四五六七八九十\\d]+\\s*\\)',
    '[①-⑳])',
  ].join('|'),
  'u',
);
export const TRAIL_CN =
  /(?:[\s,;:、]+|共计|合计|总计|累计|总共|一共|共有|(?<![公中])共|(?<=[数量额计共均别])为|(?<![送到传表抵通直下发转])达到?|分别为|分别是|分别)$/u;
const LEAD_EN =
  /^(?:[\s,;:.]+|and\b|or\b|with\b|while\b|whereas\b|of which\b|of whom\b|among (?:which|whom|them)\b|including\b|comprising\b|comprised(?: of)?\b|comprises\b|consist(?:ing|ed|s) of\b|made up of\b|in total\b|a total of\b|total of\b)/i;
const TRAIL_EN = /(?:[\s,;:]+|\ba total of|\btotal of|\btotall?(?:ing|ed)|\bin total|\bof|\bwere|\bwas|\bis|\bare)$/i;
const AFTER_LEAD_EN = /^(?:[\s,;:]+|were\b|was\b|are\b|is\b|have been\b|has been\b|had been\b|being\b|in total\b|in all\b|altogether\b)/i;
const AFTER_TRAIL_EN = /(?:[\s,;:.]+|\band|\bor|\bwhile)$/i;

/**
 * Every character a match of TRAIL_CN can end with. The pattern is anchored at the end, so a search tries every offset
 * of the label: looking at the last character first spares most of those searches.
 */
export const TRAIL_CN_LAST = /[\s,;:、计共有为达到别是]/u;

function strip(text: string, lead: RegExp, trail: RegExp): string {
  let s = text;
  for (;;) {
    const before = s;
    s = s.replace(lead, '');
    if (trail !== TRAIL_CN || TRAIL_CN_LAST.test(s.charAt(s.length - 1))) s = s.replace(trail, '');
    if (s === before) return s;
  }
}

/** Collapses whitespace: dropped between Chinese characters, one space elsewhere; emphasis marks removed. */
function collapse(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, (ws, at: number, all: string) => {
      const a = all[at - 1] ?? '';
      const b = all[at + ws.length] ?? '';
      return (a === '' || CJK.test(a) || /[，。、：；（）《》“”]/.test(a)) && (b === '' || CJK.test(b)) ? '' : ' ';
    })
    .trim();
}

function cleanLabel(raw: string, lang: 'zh' | 'en'): string {
  const s = collapse(raw);
  if (lang === 'en') return strip(s, LEAD_EN, TRAIL_EN);
  return strip(strip(s, LEAD_CN, TRAIL_CN).replace(GONG_MARKER_RE, ''), LEAD_CN, TRAIL_CN);
}

function cleanAfterLabel(raw: string): string {
  return strip(collapse(raw), AFTER_LEAD_EN, AFTER_TRAIL_EN);
}

interface Sentence {
  start: number;
  end: number;
}

interface Info {
  t: NumberToken;
  /** Position in the list of figures. */
  k: number;
  sentence: number;
  /** After the strong boundary (or the previous figure) before the figure. */
  clauseStart: number;
  /** Where the label begins: also after any date in the clause. */
  labelStart: number;
  /** Next boundary after the figure. */
  clauseEnd: number;
  delta: boolean;
  totalMarker: boolean;
  cumulative: boolean;
}

/** Labels longer than this are cut to their end: a name of what is counted is never a paragraph. */
const MAX_LABEL = 120;

/** A Reader's tables: one set is kept for the next paragraph (a reader lives only while `findStatements` runs). */
function tables(length: number) {
  return { sentenceAt: new Int32Array(length), strongBefore: new Int32Array(length), weakAfter: new Int32Array(length), ends: new Uint8Array(length) };
}
let scratch = tables(1024);
/** Offsets past which a paragraph gets tables of its own rather than growing the kept ones (1.6 MB of them). */
const KEEP_TABLES = 1 << 17;

/**
 * Sentence and clause boundaries of one paragraph, precomputed so every look-up is constant time. Its tables are the
 * shared `scratch` ones, valid until the next Reader is made: every offset up to the paragraph's length is written
 * before it is read.
 */
class Reader {
  readonly sentences: Sentence[] = [];
  /** Sentence of each offset. */
  private readonly sentenceAt: Int32Array;
  /** For each offset, the offset after the last strong boundary before it. */
  private readonly strongBefore: Int32Array;
  /** For each offset, the first boundary (strong or `、`) at or after it. */
  private readonly weakAfter: Int32Array;
  readonly protect: SpanMask;

  constructor(
    readonly text: string,
    protect: readonly Span[],
  ) {
    const n = text.length;
    this.protect = new SpanMask(n, protect);
    if (scratch.ends.length < n + 1 && n + 1 <= KEEP_TABLES) scratch = tables(Math.min(KEEP_TABLES, Math.max(n + 1, scratch.ends.length * 2)));
    const own = n + 1 <= scratch.ends.length ? scratch : tables(n + 1);
    this.sentenceAt = own.sentenceAt;
    this.strongBefore = own.strongBefore;
    this.weakAfter = own.weakAfter;
    let start = 0;
    let lastStrong = 0;
    // One pass forward for sentences and strong boundaries, one backward for the next boundary of any kind.
    const ends = own.ends.fill(0, 0, n);
    for (let i = 0; i <= n; i++) {
      this.sentenceAt[i] = this.sentences.length;
      this.strongBefore[i] = lastStrong;
      if (i === n) break;
      const end = this.isSentenceEnd(i);
      if (end) ends[i] = 1;
      if (end || (is(text.charCodeAt(i), STRONG) && !this.protect.has(i))) lastStrong = i + 1;
      if (end) {
        this.sentences.push({ start, end: i });
        start = i + 1;
      }
    }
    this.sentences.push({ start, end: n });
    let nextWeak = n;
    this.weakAfter[n] = n;
    for (let i = n - 1; i >= 0; i--) {
      if (ends[i] === 1 || (is(text.charCodeAt(i), WEAK) && !this.protect.has(i))) nextWeak = i;
      this.weakAfter[i] = nextWeak;
    }
  }

  private isSentenceEnd(i: number): boolean {
    const c = this.text.charCodeAt(i);
    if (c !== 0x2e && c !== 0x0a && !is(c, SENTENCE_END)) return false;
    if (this.protect.has(i)) return false;
    if (is(c, SENTENCE_END)) return true;
    if (c === 0x2e) {
      const next = this.text[i + 1];
      return (next === undefined || /\s/.test(next)) && !/\b(?:e\.g|i\.e|etc|No|Nos|vs|approx|para|Fig|cf)$/.test(this.text.slice(Math.max(0, i - 8), i));
    }
    return /\n[ \t]*$/.test(this.text.slice(Math.max(0, i - 40), i));
  }

  sentenceOf(pos: number): number {
    return this.sentenceAt[Math.max(0, Math.min(pos, this.text.length))] as number;
  }

  boundaryBefore(pos: number, floor: number): number {
    return Math.max(this.strongBefore[pos] as number, floor);
  }

  boundaryAfter(pos: number, ceiling: number): number {
    return Math.min(this.weakAfter[Math.min(pos, this.text.length)] as number, ceiling);
  }

  /** First and last non-blank, non-separator offsets of [from, to). */
  trim(from: number, to: number): [number, number] {
    let a = from;
    let b = to;
    while (a < b && /[\s,;:、]/.test(this.text[a] as string)) a++;
    while (b > a && /\s/.test(this.text[b - 1] as string)) b--;
    return [a, b];
  }
}

/**
 * The spans of three lists, each in order of its starts (as the spans, figures and dates of a paragraph are found), in
 * one list in that order: a mask takes them as they are, where a list sorted whole made a working copy to sort and the
 * mask a copy of every span. A list out of order is still sorted (`sortedInPlace`).
 */
function mergedByStart(a: readonly Span[], b: readonly Span[], c: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length || k < c.length) {
    const x = i < a.length ? (a[i] as Span).start : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as Span).start : Number.POSITIVE_INFINITY;
    const z = k < c.length ? (c[k] as Span).start : Number.POSITIVE_INFINITY;
    if (x <= y && x <= z) out.push(a[i++] as Span);
    else if (y <= z) out.push(b[j++] as Span);
    else out.push(c[k++] as Span);
  }
  return sortedInPlace(out, byStart);
}

/**
 * Reads the statements of one paragraph from its tokens and dates (both in text order). Nothing is read
 * inside `skip`; a label never reaches back over a date or a `cuts` span (prior-year comparatives).
 */
export function findStatements(
  text: string,
  tokens: NumberToken[],
  dates: FoundDate[],
  skip: readonly Span[] = [],
  cuts: readonly Span[] = [],
): FoundStatement[] {
  // A claim needs a figure.
  if (tokens.length === 0) return [];
  // Arrays built by pushing objects into an empty one rather than spread from arrays that may be empty: an empty array
  // literal and a filled one have different maps, and each new one met made V8 throw away this function's optimised code.
  // Indexed loops, too: iterating an array checks its map as well.
  const figures: Span[] = [];
  for (let i = 0; i < tokens.length; i++) figures.push({ start: (tokens[i] as NumberToken).start, end: (tokens[i] as NumberToken).tail });
  const when: Span[] = [];
  for (let i = 0; i < dates.length; i++) when.push({ start: (dates[i] as FoundDate).from, end: (dates[i] as FoundDate).to });
  const r = new Reader(text, mergedByStart(skip, figures, when));
  const sortedDates: { to: number }[] = [];
  for (let i = 0; i < dates.length; i++) sortedDates.push({ to: (dates[i] as FoundDate).to });
  for (let i = 0; i < cuts.length; i++) sortedDates.push({ to: (cuts[i] as Span).end });
  sortedInPlace(sortedDates, (x, y) => x.to - y.to);
  let dateCursor = 0;
  let lastDateEnd = -1;
  // Pushed, not mapped: `map` of no tokens made a list of another map than a filled one (see `partsOf`).
  const infos: Info[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as NumberToken;
    const sentence = r.sentenceOf(t.start);
    const sStart = (r.sentences[sentence] as Sentence).start;
    let clauseStart = r.boundaryBefore(t.start, sStart);
    // A figure earlier in the clause ends the previous item (`收到申请35件答复30件`, `自然人30、法人5`);
    // a bare number inside a name does not (`12345热线`).
    const p = tokens[k - 1];
    if (p && p.tail <= t.start && p.tail > clauseStart && (p.unit !== undefined || /^[ \t]*[、,;]/.test(text.slice(p.tail, p.tail + 4)))) {
      clauseStart = p.tail;
    }
    while (dateCursor < sortedDates.length && (sortedDates[dateCursor] as { to: number }).to <= t.start) {
      lastDateEnd = (sortedDates[dateCursor] as { to: number }).to;
      dateCursor++;
    }
    const labelStart = Math.max(clauseStart, lastDateEnd, t.start - MAX_LABEL);
    const sEnd = (r.sentences[sentence] as Sentence).end;
    const clauseEnd = r.boundaryAfter(t.tail, sEnd);
    const before = text.slice(Math.max(clauseStart, t.start - MAX_LABEL), t.start);
    const after = text.slice(t.end, t.end + 16);
    const en = t.lang === 'en';
    infos.push({
      t,
      k,
      sentence,
      clauseStart,
      labelStart,
      clauseEnd,
      delta: en ? DELTA_BEFORE_EN.test(before) || DELTA_AFTER_EN.test(after) : DELTA_CN.test(before),
      totalMarker: en ? TOTAL_BEFORE_EN.test(before) || TOTAL_AFTER_EN.test(after) : TOTAL_BEFORE_CN.test(before),
      cumulative: !en && CUMULATIVE_BEFORE_CN.test(before),
    });
  }

  /** Text after a figure up to the end of its clause or the next figure. */
  const afterText = (info: Info, from: number): string => {
    const next = infos[info.k + 1];
    const end = Math.min(info.clauseEnd, next ? next.t.start : info.clauseEnd, from + MAX_LABEL);
    return text.slice(from, Math.max(from, end));
  };

  const labelOf = (info: Info): string => {
    const t = info.t;
    let label = cleanLabel(text.slice(info.labelStart, t.start), t.lang);
    if (label === '' && t.lang === 'zh' && info.totalMarker) {
      label = /(共计|合计|总计|总共|一共|共有|共)[^共计合总有]*$/.exec(text.slice(Math.max(info.clauseStart, t.start - MAX_LABEL), t.start))?.[1] ?? '';
    }
    if (label === '' && t.lang === 'en') {
      label = cleanAfterLabel(afterText(info, t.end));
      if (label === '' && t.unit) label = t.unit;
    }
    return label;
  };

  const bareLabel = (p: Info): string => {
    if (p.t.lang === 'zh') return labelOf(p);
    const after = cleanAfterLabel(afterText(p, p.t.numEnd));
    return after !== '' ? after : labelOf(p);
  };

  /** The strongest separator between two items of a list: 2 for `;`, 1 for `,` or `、`, else 0. */
  const gapRank = (from: number, to: number): number => {
    let rank = 0;
    for (let i = from; i < to; i++) {
      if (r.protect.has(i)) continue;
      const c = text[i];
      if (c === ';') return 2;
      if (c === ',' || c === '、') rank = 1;
    }
    return rank;
  };

  /** Index of the last figure starting before `pos`. */
  const lastBefore = (pos: number): number => {
    let lo = 0;
    let hi = infos.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((infos[mid] as Info).t.start < pos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  /** The nearest figure with a unit before `pos` in `sentence`, passing over changes (`比上年增加20条`). */
  const totalBefore = (pos: number, sentence: number): Info | undefined => {
    for (let k = lastBefore(pos); k >= 0; k--) {
      const i = infos[k] as Info;
      if (i.sentence < sentence) return undefined;
      if (i.sentence === sentence && i.t.tail <= pos && i.t.unit !== undefined && !i.delta) return i;
    }
    return undefined;
  };

  const used = new Set<Info>();
  const out: FoundStatement[] = [];
  const withUnit = (i: Info): boolean => i.t.unit !== undefined && !i.t.approx && !i.delta;

  // 1. `其中` / `of which`: the last figure before the marker is the total; figures after it, its parts.
  const markers: Span[] = [];
  for (const m of text.matchAll(PARTS_MARKER_RE)) if (!r.protect.has(m.index)) markers.push({ start: m.index, end: m.index + m[0].length });
  markers.forEach((m, mk) => {
    const sentence = r.sentenceOf(m.start);
    const s = r.sentences[sentence] as Sentence;
    let total = totalBefore(m.start, sentence);
    if (!total && sentence > 0 && text.slice(s.start, m.start).trim() === '') {
      const prev = r.sentences[sentence - 1] as Sentence;
      total = totalBefore(prev.end + 1, sentence - 1);
    }
    // An approximate total (`约35件`) cannot be checked, so the list is not read as a sum.
    if (!total || total.t.approx || used.has(total)) return;
    const nextMarker = markers[mk + 1];
    const limit = Math.min(s.end, nextMarker && nextMarker.start < s.end ? nextMarker.start : s.end);
    const parts: Info[] = [];
    let spoilt = false;
    let listRank = -1;
    for (let k = lastBefore(m.end) + 1; k < infos.length; k++) {
      const i = infos[k] as Info;
      if (i.t.start >= limit) break;
      if (used.has(i) || i === total) continue;
      if (parts.length > 0 && i.totalMarker) break;
      if (i.t.approx) {
        spoilt = true;
        continue;
      }
      if (i.delta) continue;
      if (i.t.unit === undefined || (i.t.lang === 'en' && total.t.lang === 'en' && !sameUnit(i.t.unit, total.t.unit))) {
        if (!bareOk(text, i, total)) continue;
      } else if (!sameUnit(i.t.unit, total.t.unit)) continue;
      // A list separated by `、` or `,` ends at a `;` (`…、其他处理1件；结转下年度继续办理2件`);
      // a list separated by `;` runs on.
      const prev = parts[parts.length - 1];
      if (prev) {
        const rank = gapRank(prev.t.tail, i.t.start);
        if (listRank < 0) listRank = rank;
        else if (rank > listRank) break;
      }
      parts.push(i);
    }
    if (parts.length === 0 || spoilt) return;
    const sum = total;
    used.add(sum);
    for (const p of parts) used.add(p);
    const last = parts[parts.length - 1] as Info;
    const [a, b] = r.trim(sum.clauseStart, last.clauseEnd);
    out.push({
      kind: 'total-with-parts',
      total: quantity(sum, labelOf(sum), sum.t.unit),
      parts: partsOf(parts, (p) => {
        const unit = p.t.unit !== undefined && sameUnit(p.t.unit, sum.t.unit) ? p.t.unit : undefined;
        return quantity(p, unit === undefined ? bareLabel(p) : labelOf(p), unit);
      }),
      from: a,
      to: b,
    });
  });

  // 2. Parts listed before an explicit total: `本年新收申请30件,上年结转5件,共计35件`.
  for (const total of infos) {
    if (used.has(total) || !total.totalMarker || total.cumulative || !withUnit(total)) continue;
    const run: Info[] = [];
    for (let k = total.k - 1; k >= 0 && run.length < 50; k--) {
      const i = infos[k] as Info;
      if (i.sentence !== total.sentence || used.has(i) || !withUnit(i) || !sameUnit(i.t.unit, total.t.unit)) break;
      run.unshift(i);
    }
    if (run.length < 2) continue;
    used.add(total);
    for (const p of run) used.add(p);
    const [a, b] = r.trim((run[0] as Info).clauseStart, total.clauseEnd);
    out.push({
      kind: 'total-with-parts',
      total: quantity(total, labelOf(total), total.t.unit),
      parts: partsOf(run, (p) => quantity(p, labelOf(p), p.t.unit)),
      from: a,
      to: b,
    });
  }

  // 3. Every other figure with a unit is a single quantity.
  for (const i of infos) {
    if (used.has(i) || !withUnit(i)) continue;
    const [a, b] = r.trim(i.clauseStart, i.clauseEnd);
    out.push({ kind: 'quantity', total: quantity(i, labelOf(i), i.t.unit), parts: partsOf(), from: a, to: b });
  }
  return sortedInPlace(out, (x, y) => x.from - y.from || x.total.token.start - y.total.token.start);
}

function quantity(i: Info, label: string, unit: string | undefined): FoundQuantity {
  return { token: i.t, label, unit };
}

/**
 * A statement's parts, each made from one of `figures` by `make` (none without them), pushed into a list made here.
 * Every statement's parts, none or many, come from this one literal, and once one list made here has been filled V8
 * makes the later ones with the map of a filled list, empty or not. Code reading parts then meets one map: an empty
 * `[]` written elsewhere, or `map` of an empty list, has another, and meeting it made V8 throw that code's optimised
 * form away.
 */
function partsOf(figures?: readonly Info[], make?: (i: Info) => FoundQuantity): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  if (figures && make) for (let k = 0; k < figures.length; k++) out.push(make(figures[k] as Info));
  return out;
}

function sameUnit(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  const singular = (u: string) => u.toLowerCase().replace(/(?:es|s)$/, '');
  return /^[A-Za-z ]+$/.test(a) && singular(a) === singular(b);
}

/** A number without a unit may be a part when the list leaves the unit implied. */
function bareOk(text: string, i: Info, total: Info): boolean {
  const t = i.t;
  if (t.script !== 'arabic' || (t.decimals > 0 && total.t.decimals === 0)) return false;
  if (/^(?:19|20)\d{2}$/.test(t.value)) return false;
  if (t.lang === 'en') return total.t.lang === 'en';
  // `其中自然人30、法人5`: a label before it and a separator after it.
  const label = cleanLabel(text.slice(i.labelStart, t.start), 'zh');
  return label !== '' && /^[ \t]*(?:[,;、。!?]|$)/.test(text.slice(t.tail, t.tail + 4));
}
