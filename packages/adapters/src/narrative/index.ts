import type { DateMention, LineIndex, Quantity, ReportMeta, Section, Statement } from '@crossfoot/core';
import { type FoundDate, scanFoldedDates } from './dates.ts';
import { inferMetaFromText } from './meta.ts';
import { scanFoldedNumbers } from './numbers.ts';
import { comparativeSpans, excludedSpans, type Span } from './spans.ts';
import { type FoundQuantity, findStatements } from './statements.ts';

/**
 * Narrative reading shared by every adapter: numeric claims and dates in running text,
 * and report metadata inferred from the text when no front matter states it.
 * Ranges are computed on `index.text`, the document as written.
 */

export { type DatePrecision, type FoundDate, scanDates } from './dates.ts';
export {
  ARABIC_NUMBER_RE,
  CHINESE_NUMBER_RE,
  CHINESE_UNIT_RE,
  CHINESE_UNITS,
  type NumberToken,
  type ParsedNumber,
  PERCENT_AFTER_RE,
  parseChineseInteger,
  parseChineseNumber,
  parseNumber,
  scanNumbers,
} from './numbers.ts';
export { citationSpans, comparativeSpans, excludedSpans, markupSpans, type Span, titleSpans } from './spans.ts';
export { type FoundQuantity, type FoundStatement, findStatements, PARTS_MARKER_RE } from './statements.ts';

export interface NarrativeFindings {
  statements: Statement[];
  dates: DateMention[];
}

/**
 * Reads statements and dates from `index.text.slice(from, to)`, a paragraph or list item; `folded` is that text
 * width-folded (by default from the whole text folded once, which reading every paragraph of a document needs).
 */
export function extractNarrative(index: LineIndex, from: number, to: number, section: string[], folded?: string): NarrativeFindings {
  const original = index.text.slice(from, to);
  const text = folded ?? index.folded.slice(from, to);
  const comparatives = comparativeSpans(text);
  const skip = excludedSpans(text, comparatives);
  const found = scanFoldedDates(text, skip);
  const range = (a: number, b: number) => index.range(from + a, from + b);
  // Filled by indexed loops: `found` and `skip` are empty for most paragraphs, and an empty array has another map than a
  // filled one; mapping over both made V8 give up this function's optimised code again and again.
  const unread: Span[] = [];
  for (let i = 0; i < skip.length; i++) unread.push(skip[i] as Span);
  const dates: DateMention[] = [];
  for (let i = 0; i < found.length; i++) {
    const d = found[i] as FoundDate;
    unread.push({ start: d.from, end: d.to });
    dates.push({ text: original.slice(d.from, d.to), start: d.start, end: d.end, precision: d.precision, range: range(d.from, d.to), section: [...section] });
  }
  const tokens = scanFoldedNumbers(text, unread);

  const toQuantity = (q: FoundQuantity): Quantity => {
    const t = q.token;
    const end = q.unit === undefined ? t.numEnd : t.end;
    // One shape for every quantity (what it lacks undefined), so that the rules reading them see one.
    return {
      label: q.label,
      value: t.value,
      decimals: t.decimals,
      text: original.slice(t.start, end),
      range: range(t.start, end),
      unit: q.unit,
      percent: t.percent ? { value: t.percent.value, decimals: t.percent.decimals, range: range(t.percent.start, t.percent.end) } : undefined,
    };
  };

  const statements: Statement[] = [];
  for (const s of findStatements(text, tokens, found, skip, comparatives)) {
    // Pushed into a literal rather than mapped: once one statement has parts, V8 makes every later list of parts at
    // this literal with the map of a filled one, empty or not, and the rules reading them keep their optimised code
    // (`map` of an empty list made a list of another map, and each met made V8 throw that code away).
    const parts: Quantity[] = [];
    for (const p of s.parts) parts.push(toQuantity(p));
    statements.push({
      kind: s.kind,
      total: toQuantity(s.total),
      parts,
      text: original.slice(s.from, s.to),
      range: range(s.from, s.to),
      section: [...section],
    });
  }

  return { statements, dates };
}

/** Infers title, issuer, year, stated period and publication date from a document's text. */
export function inferMeta(index: LineIndex, sections: Section[]): ReportMeta {
  return inferMetaFromText(index, sections);
}
