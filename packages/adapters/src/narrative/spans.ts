import { lastAtOrBefore, sortedInPlace } from '@crossfoot/core';

/** Half-open offset spans and the stretches of text nothing is read from. */

export interface Span {
  start: number;
  end: number;
}

/** Titles of laws, plans and documents: `《…》` (an unclosed one runs at most 80 characters). */
export function titleSpans(text: string): Span[] {
  const out: Span[] = [];
  if (!text.includes('《')) return out;
  for (const m of text.matchAll(/《[^《》\n]{0,80}》?/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Document numbers and legal citations: `云政发〔2013〕153号`, `[2019]60号`, `国务院令第492号`, `第三十一条`,
 * `第（五）项`.
 */
export function citationSpans(text: string): Span[] {
  const out: Span[] = [];
  // Each pattern is tried only on text holding the one character it cannot match without.
  const patterns = [
    text.includes('号') && /[〔[【(]\s*(?:19|20)\d{2}\s*[〕\]】)]\s*(?:第\s*)?\d+\s*号/g,
    text.includes('第') && /第\s*(?:\d+|[〇零一二两三四五六七八九十百千]+|\(\s*[〇零一二三四五六七八九十\d]+\s*\))\s*(?:号|条|款|项|章|节|目|编|部分)/g,
  ].filter((re) => re !== false);
  for (const re of patterns) {
    for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Prior-year comparatives in financial statements: `(2023: $3.8 million)`. */
export function comparativeSpans(text: string): Span[] {
  const out: Span[] = [];
  if (!text.includes('(')) return out;
  for (const m of text.matchAll(/\((?:19|20)\d{2}(?:\/\d{2})?\s*:[^()\n]{0,60}\)/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Addresses and markup that may carry digits: URLs, e-mail addresses, HTML comments. */
export function markupSpans(text: string): Span[] {
  const out: Span[] = [];
  if (!text.includes('://') && !text.includes('www.') && !text.includes('@') && !text.includes('<!--')) return out;
  for (const m of text.matchAll(/(?:https?:\/\/|www\.)[\w\-.~:/?#@!$&'*+=%]*[\w/#=]|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+|<!--[\s\S]{0,400}?-->/g)) {
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Spans where no figure or date is read (`comparatives`: `comparativeSpans(text)`, when the caller has them already). */
export function excludedSpans(text: string, comparatives = comparativeSpans(text)): Span[] {
  // Most paragraphs have none of any kind: nothing spread, nothing sorted.
  const out: Span[] = [];
  append(out, titleSpans(text));
  append(out, citationSpans(text));
  append(out, comparatives);
  append(out, markupSpans(text));
  return sortedInPlace(out, byStart);
}

function append(to: Span[], spans: readonly Span[]): void {
  for (let i = 0; i < spans.length; i++) to.push(spans[i] as Span);
}

/** Spans by where they start. */
export const byStart = (a: Span, b: Span): number => a.start - b.start;

/** The offsets of a mask without spans (`SpanMask`): never added to. */
const NO_OFFSETS: number[] = [];

/**
 * Membership in a set of spans over a text of known length: the spans, clipped to the text, merged and sorted, searched
 * by halves. A paragraph has a few dozen at most; a flag for every position cost an allocation and a fill per paragraph.
 */
export class SpanMask {
  /**
   * Starts and ends of the merged spans, in order. Most paragraphs have none to skip, and their masks share one empty
   * list rather than make two each.
   */
  private readonly starts: number[] = NO_OFFSETS;
  private readonly ends: number[] = NO_OFFSETS;

  constructor(length: number, spans: readonly Span[]) {
    if (spans.length === 0) return;
    // Spans inside the text, none empty, in order (as most lists are found) are merged as they are; others are clipped
    // and sorted first.
    let ready = true;
    for (let i = 0; i < spans.length && ready; i++) {
      const s = spans[i] as Span;
      ready = s.start >= 0 && s.end <= length && s.start < s.end && (i === 0 || (spans[i - 1] as Span).start <= s.start);
    }
    this.starts = [];
    this.ends = [];
    let list = spans;
    if (!ready) {
      const clipped: Span[] = [];
      for (const s of spans) {
        const start = Math.max(0, s.start);
        const end = Math.min(length, s.end);
        if (start < end) clipped.push({ start, end });
      }
      list = sortedInPlace(clipped, byStart);
    }
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as Span;
      const last = this.ends.length - 1;
      if (last >= 0 && s.start <= (this.ends[last] as number)) this.ends[last] = Math.max(this.ends[last] as number, s.end);
      else {
        this.starts.push(s.start);
        this.ends.push(s.end);
      }
    }
  }

  has(pos: number): boolean {
    // The last span starting at or before `pos` is the only one that can hold it.
    const k = lastAtOrBefore(this.starts, pos);
    return k >= 0 && pos < (this.ends[k] as number);
  }
}
