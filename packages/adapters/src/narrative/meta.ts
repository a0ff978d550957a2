import type { LineIndex, Located, Period, ReportMeta, Section } from '@crossfoot/core';
import { daysInMonth, type FoundDate, isoDate, scanDates } from './dates.ts';
import { titleSpans } from './spans.ts';

/**
 * Report metadata read from the text of a document without front matter: the title (opening lines up
 * to the one naming the report), the issuer, the report year, the period when it is stated as a range,
 * and the signature date.
 */

interface Line {
  n: number;
  /** Offsets of the line's content, decoration (`#`, `>`, `**`) and blanks excluded. */
  start: number;
  end: number;
  /** Folded content. */
  text: string;
}

const TITLE_KEY = /年度报告|工作报告|年报|annual report|annual review|report and accounts/i;
const CN_YEAR = '(?:19|20)\\d{2}|[〇○零一二三四五六七八九]{4}';
const ISSUER_BEFORE_YEAR = new RegExp(`^(.*?)[ \\t]*(?:关于)?[ \\t]*(?:${CN_YEAR})[ \\t]*年`);
const ISSUER_AFTER_YEAR = new RegExp(`^(?:${CN_YEAR})[ \\t]*年度?[ \\t]*(?:关于)?(.+?)(?:政府信息公开|政务公开|信息公开|工作年度报告|年度报告|工作报告)`, 'd');
const ISSUER_EN = /^(?:the\s+)?(.+?)\s+(?:(?:FY\s?)?(?:19|20)\d{2}(?:\s*[/\-–]\s*\d{2,4})?\s+)?(?:annual report|annual review|report and accounts)/di;
const YEAR_IN_TITLE_CN = new RegExp(`(${CN_YEAR})[ \\t]*年度?`, 'd');
const YEAR_IN_TITLE_EN = /(?<![\dA-Za-z])(?:FY\s?)?((?:19|20)\d{2})(?:\s*[/\-–]\s*(\d{4}|\d{2}))?(?!\d)/d;
const YEAR_LINE = /^[([]?[ \t]*((?:19|20)\d{2})[ \t]*年度?[ \t]*[)\]]?$/;
const STATED_PERIOD =
  /统计(?:期限|时限|期间|时段|周期|区间|时间|范围)|本(?:年度)?报告(?:中)?所列(?:的)?数据|所列数据|数据统计|reporting period|period covered|covers the period|for the period/gi;
const YEAR_ENDED = /\b(?:(?:financial|fiscal)\s+)?year\s+(?:ended|ending)\s+/gi;
const MONTHS_ENDED = /\b(three|six|nine|twelve|\d{1,2})[ -]months?\s+(?:period\s+)?(?:ended|ending)\s+/gi;
const DATE_LABEL = /(?:填报日期|报告日期|发布日期|印发日期|成文日期|公开日期|编制日期|\bdated?\b)[ \t]*:?[ \t]*/i;
const ISSUER_LABEL = /(?:填报单位|报告单位|发布单位|发布机关|编制单位)(?:\([^)]*\))?[ \t]*:[ \t]*(\S.*)$/d;
const ENDS_LIKE_DAY = /[日号0-9]$/;
const WORD_MONTHS: Readonly<Record<string, number>> = { three: 3, six: 6, nine: 9, twelve: 12 };

function readLines(index: LineIndex, folded: string): Line[] {
  const lines: Line[] = [];
  for (let n = 1; n <= index.lineCount; n++) {
    const s = index.lineStart(n);
    const raw = folded.slice(s, index.lineEnd(n));
    const lead = /^\s*(?:#{1,6}\s+|>\s*)?(?:\*\*|__)?\s*/.exec(raw)?.[0].length ?? 0;
    // Trailing blanks, emphasis and closing `#`s, peeled from the end.
    let end = raw.length;
    for (let peeled = true; peeled && end > lead; ) {
      peeled = false;
      while (end > lead && /\s/.test(raw[end - 1] as string)) end--;
      const tail = raw.slice(Math.max(lead, end - 2), end);
      if (tail === '**' || tail === '__') {
        end -= 2;
        peeled = true;
      } else if (raw[end - 1] === '#' && /\s#+$/.test(raw.slice(Math.max(lead, end - 8), end))) {
        while (end > lead && raw[end - 1] === '#') end--;
        peeled = true;
      }
    }
    const text = raw.slice(lead, end);
    lines.push({ n, start: s + lead, end: s + lead + text.length, text });
  }
  return lines;
}

function flatten(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

function orgLike(text: string): boolean {
  return (
    text.length >= 2 &&
    text.length <= 40 &&
    !/[。,;:!?、|\d]/.test(text) &&
    !/\.$/.test(text) &&
    !/^(?:[一二三四五六七八九十]+[、.]|\(|第|附件|附表)/.test(text)
  );
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

function nextDay(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

function datesIn(text: string): FoundDate[] {
  return scanDates(text, titleSpans(text));
}

/** Every member of the meta `inferMetaFromText` can infer: a report that states them all has nothing left to infer. */
export const INFERRED_META = ['title', 'issuer', 'period', 'published', 'year'] as const satisfies readonly (keyof ReportMeta)[];

/** The meta a text can tell of itself; typed so that inferring any other member fails to compile. */
export type InferredMeta = Pick<ReportMeta, (typeof INFERRED_META)[number]>;

export function inferMetaFromText(index: LineIndex, sections: readonly Section[]): InferredMeta {
  const folded = index.folded;
  const original = index.text;
  const lines = readLines(index, folded);
  const nonEmpty = lines.filter((l) => l.text !== '');
  const meta: InferredMeta = {};
  const at = (from: number, to: number) => index.range(from, to);

  // Title: the opening lines up to the one naming the report.
  const head = nonEmpty.slice(0, 4);
  const k = head.findIndex((l) => TITLE_KEY.test(l.text));
  const titleLines =
    k >= 0 && head.slice(0, k + 1).every((l) => l.text.length <= 80 && !/[。;]$/.test(l.text) && !/^根据/.test(l.text)) ? head.slice(0, k + 1) : [];
  const firstTitle = titleLines[0];
  const lastTitle = titleLines[titleLines.length - 1];
  if (firstTitle && lastTitle) {
    let value = '';
    for (const l of titleLines) {
      const piece = original.slice(l.start, l.end);
      // Lines of a Chinese title join directly; Latin words keep a space between them.
      const join = value !== '' && /[\x21-\x7e]$/.test(value) && /^[\x21-\x7e]/.test(piece) ? ' ' : '';
      value += join + piece;
    }
    meta.title = { value, range: at(firstTitle.start, lastTitle.end) };

    const cn = ISSUER_BEFORE_YEAR.exec(firstTitle.text);
    const prefix = cn ? (cn[1] as string).replace(/关于$/, '').trim() : '';
    const after = ISSUER_AFTER_YEAR.exec(firstTitle.text);
    const en = ISSUER_EN.exec(firstTitle.text);
    if (prefix.length >= 2) {
      meta.issuer = located(original, firstTitle.start, firstTitle.start + prefix.length, at);
    } else if (after?.indices?.[1]) {
      const [a, b] = after.indices[1];
      meta.issuer = located(original, firstTitle.start + a, firstTitle.start + b, at);
    } else if (en?.indices?.[1]) {
      const [a, b] = en.indices[1];
      meta.issuer = located(original, firstTitle.start + a, firstTitle.start + b, at);
    } else if (titleLines.length > 1 && orgLike(firstTitle.text) && !TITLE_KEY.test(firstTitle.text)) {
      // The issuer on a line of its own above `…年度报告` / `Annual Report 2024`.
      meta.issuer = located(original, firstTitle.start, firstTitle.end, at);
    }

    for (const l of titleLines) {
      const y = YEAR_IN_TITLE_CN.exec(l.text);
      const span = y?.indices?.[0];
      if (y && span && /年/.test(y[0])) {
        const v = /^\d{4}$/.test(y[1] as string) ? Number(y[1]) : Number(datesIn(`${y[1]}年`)[0]?.start.slice(0, 4));
        if (Number.isFinite(v)) meta.year = { value: v, range: at(l.start + span[0], l.start + span[1]) };
        break;
      }
      const e = YEAR_IN_TITLE_EN.exec(l.text);
      const espan = e?.indices?.[0];
      if (e && espan) {
        const second = e[2];
        const first = Number(e[1]);
        const v = second === undefined ? first : second.length === 4 ? Number(second) : Math.floor(first / 100) * 100 + Number(second);
        meta.year = { value: v, range: at(l.start + espan[0], l.start + espan[1]) };
        break;
      }
    }
  }

  // The opening part: from the top to the first section after the title.
  const titleEndLine = lastTitle?.n ?? 0;
  const firstSection = flatten(sections)
    .map((s) => s.range.start.line)
    .filter((n) => n > titleEndLine)
    .sort((a, b) => a - b)[0];
  const openingEnd = Math.min(firstSection !== undefined ? firstSection - 1 : titleEndLine + 6, titleEndLine + 15);

  // Period: a range stated in the opening part, or in a sentence about what the statistics cover.
  for (const l of nonEmpty) {
    if (l.n > openingEnd) break;
    const d = datesIn(l.text).find((x) => x.isRange && x.precision !== 'year');
    if (d) {
      meta.period = { value: { start: d.start, end: d.end }, range: at(l.start + d.from, l.start + d.to) };
      break;
    }
  }
  if (!meta.period) {
    for (const m of folded.matchAll(STATED_PERIOD)) {
      const sStart = Math.max(folded.lastIndexOf('。', m.index), folded.lastIndexOf('\n', m.index)) + 1;
      const stops = ['。', '\n'].map((c) => folded.indexOf(c, m.index)).filter((i) => i >= 0);
      const sEnd = stops.length > 0 ? Math.min(...stops) : folded.length;
      const sentence = folded.slice(sStart, sEnd);
      const d = datesIn(sentence).find((x) => x.isRange && x.precision !== 'year');
      if (d) {
        meta.period = { value: { start: d.start, end: d.end }, range: at(sStart + d.from, sStart + d.to) };
        break;
      }
    }
  }
  if (!meta.period) {
    const ended = endedPeriod(folded, at);
    if (ended) meta.period = ended;
  }

  if (!meta.year) {
    const line = nonEmpty.find((l) => YEAR_LINE.test(l.text));
    const m = line ? /((?:19|20)\d{2})[ \t]*年度?/.exec(line.text) : null;
    if (line && m) meta.year = { value: Number(m[1]), range: at(line.start + m.index, line.start + m.index + m[0].length) };
    else if (meta.period) meta.year = { value: Number(meta.period.value.end.slice(0, 4)), range: meta.period.range };
  }

  // Publication: the date standing alone under the signature, else a labelled date, else a lone date late on.
  const afterTitle = nonEmpty.filter((l) => l.n > Math.max(titleEndLine, 1));
  // A date alone on its line, or after the issuer on the same line (`某某局 2019年1月15日`).
  // A day ends in 日 or 号 (Chinese) or in a digit (ISO, English): only such lines can end with one.
  const lone = afterTitle
    .filter((l) => ENDS_LIKE_DAY.test(l.text))
    .map((l) => ({ l, d: datesIn(l.text) }))
    .filter(({ l, d }) => {
      const only = d.length === 1 ? d[0] : undefined;
      if (only?.precision !== 'day' || only.isRange || only.to !== l.text.length) return false;
      return only.from === 0 || (/\s$/.test(l.text.slice(0, only.from)) && orgLike(l.text.slice(0, only.from).trim()));
    })
    .map(({ l, d }) => ({ l, d: d[0] as FoundDate }));
  const position = new Map(nonEmpty.map((l, i) => [l, i]));
  const previousLine = (l: Line) => nonEmpty[(position.get(l) ?? 0) - 1];
  /** The issuer's line above a signature date, or the issuer before it on the same line. */
  const signer = (l: Line, d: FoundDate): Line | undefined => {
    if (d.from > 0) {
      const name = l.text.slice(0, d.from).trimEnd();
      return { n: l.n, start: l.start, end: l.start + name.length, text: name };
    }
    const p = previousLine(l);
    return p !== undefined && p.n > titleEndLine && orgLike(p.text) ? p : undefined;
  };
  const signed = lone.filter(({ l, d }) => signer(l, d) !== undefined);
  const signature = signed[signed.length - 1];
  if (signature) {
    const { l, d } = signature;
    meta.published = { value: d.start, range: at(l.start + d.from, l.start + d.to) };
    const org = signer(l, d);
    if (!meta.issuer && org) meta.issuer = located(original, org.start, org.end, at);
  } else {
    for (const l of afterTitle) {
      const label = DATE_LABEL.exec(l.text);
      if (!label) continue;
      const offset = label.index + label[0].length;
      const d = datesIn(l.text.slice(offset)).find((x) => x.precision === 'day' && !x.isRange);
      if (d) meta.published = { value: d.start, range: at(l.start + offset + d.from, l.start + offset + d.to) };
    }
    if (!meta.published) {
      const late = lone.filter(({ l }) => l.n > index.lineCount / 2);
      const last = late[late.length - 1];
      if (last) meta.published = { value: last.d.start, range: at(last.l.start + last.d.from, last.l.start + last.d.to) };
    }
  }

  if (!meta.issuer) {
    for (const l of nonEmpty) {
      const m = ISSUER_LABEL.exec(l.text);
      const span = m?.indices?.[1];
      if (span) {
        meta.issuer = located(original, l.start + span[0], l.start + span[1], at);
        break;
      }
    }
  }
  return meta;
}

function located(original: string, from: number, to: number, at: (a: number, b: number) => Located<string>['range']): Located<string> {
  let a = from;
  let b = to;
  while (a < b && /\s/.test(original[a] as string)) a++;
  while (b > a && /\s/.test(original[b - 1] as string)) b--;
  return { value: original.slice(a, b), range: at(a, b) };
}

/** `for the year ended 30 June 2024` → 2023-07-01..2024-06-30; `six months ended …` likewise. */
function endedPeriod(folded: string, at: (a: number, b: number) => Located<Period>['range']): Located<Period> | undefined {
  const candidates: { index: number; length: number; months: number }[] = [];
  for (const m of folded.matchAll(YEAR_ENDED)) candidates.push({ index: m.index, length: m[0].length, months: 12 });
  for (const m of folded.matchAll(MONTHS_ENDED)) {
    const word = (m[1] as string).toLowerCase();
    const months = WORD_MONTHS[word] ?? Number(word);
    if (months >= 1 && months <= 24) candidates.push({ index: m.index, length: m[0].length, months });
  }
  candidates.sort((a, b) => a.index - b.index);
  for (const c of candidates) {
    const from = c.index + c.length;
    const d = datesIn(folded.slice(from, from + 40))[0];
    if (d?.from !== 0 || d.precision !== 'day' || d.isRange) continue;
    const start = addMonths(nextDay(d.end), -c.months);
    return { value: { start, end: d.end }, range: at(c.index, from + d.to) };
  }
  return undefined;
}
