import type { LineIndex, Section } from '@crossfoot/core';

/** A heading or numbered line as an adapter found it, in document order. */
export interface SectionDraft {
  marker: string;
  number: string;
  title: string;
  level: number;
  /** Offsets of the heading itself. */
  start: number;
  end: number;
}

export interface Outline {
  /** Top-level sections with their children. */
  sections: Section[];
  /** Every section in document order, with the offsets its extent covers. */
  flat: FlatSection[];
}

export interface FlatSection {
  section: Section;
  start: number;
  end: number;
}

/**
 * Nests sections by level and gives each its extent: from its heading to the end of the content before the
 * next heading of the same or a higher level, or before `outlineEnd` (an appendix, the signature block).
 */
export function buildSections(index: LineIndex, drafts: SectionDraft[], outlineEnd: number): Outline {
  const text = index.text;
  const limit = Math.min(outlineEnd, text.length);
  // Pushed, not mapped: `map` made a list of another map for no drafts than for some (narrative/statements.ts, `partsOf`).
  const ends: number[] = [];
  for (let k = 0; k < drafts.length; k++) ends.push(limit);
  const open: number[] = [];
  for (const [i, d] of drafts.entries()) {
    while (open.length > 0 && (drafts[open.at(-1) as number] as SectionDraft).level >= d.level) {
      ends[open.pop() as number] = d.start;
    }
    open.push(i);
  }

  const sections: Section[] = [];
  const flat: FlatSection[] = [];
  const parents: Section[] = [];
  for (const [i, d] of drafts.entries()) {
    let end = Math.min(ends[i] as number, limit);
    while (end > d.end && /\s/u.test(text[end - 1] as string)) end--;
    end = Math.max(end, d.end);
    const section: Section = {
      marker: d.marker,
      number: d.number,
      title: d.title,
      level: d.level,
      range: index.range(d.start, d.end),
      extent: index.range(d.start, end),
      children: [],
    };
    while (parents.length > 0 && (parents.at(-1) as Section).level >= d.level) parents.pop();
    const parent = parents.at(-1);
    if (parent) parent.children.push(section);
    else sections.push(section);
    parents.push(section);
    flat.push({ section, start: d.start, end });
  }
  return { sections, flat };
}

/**
 * Answers "which sections enclose this offset?" for offsets visited in document order,
 * in amortised constant time.
 */
export class SectionCursor {
  private readonly flat: FlatSection[];
  private next = 0;
  private readonly open: FlatSection[] = [];
  private last = -1;
  /** The titles given last, and the sections they are of. */
  private titles: string[] = [];
  private titlesOf: FlatSection[] = [];

  constructor(flat: FlatSection[]) {
    this.flat = flat;
  }

  /**
   * Titles of the sections enclosing `offset`, outermost first: the same array while they are the same sections, so
   * not to be changed.
   */
  at(offset: number): string[] {
    if (offset < this.last) {
      this.next = 0;
      this.open.length = 0;
    }
    this.last = offset;
    while (this.next < this.flat.length && (this.flat[this.next] as FlatSection).start <= offset) {
      const s = this.flat[this.next] as FlatSection;
      while (this.open.length > 0 && (this.open.at(-1) as FlatSection).section.level >= s.section.level) this.open.pop();
      this.open.push(s);
      this.next++;
    }
    while (this.open.length > 0 && (this.open.at(-1) as FlatSection).end < offset) this.open.pop();
    // Most blocks are in the same sections as the block before: the same titles are given again, not made anew.
    let n = 0;
    let same = true;
    for (const s of this.open) {
      if (s.end < offset) continue;
      if (this.titlesOf[n] !== s) same = false;
      n++;
    }
    if (same && n === this.titlesOf.length) return this.titles;
    this.titlesOf = this.open.filter((s) => s.end >= offset);
    this.titles = this.titlesOf.map((s) => s.section.title);
    return this.titles;
  }
}

const TITLE_CAP = 40;

/**
 * The title of a numbered line: the words after the marker up to the first `。`, `：`, `:` or the end of the line
 * (for Western numbering also `. `), at most 40 characters.
 */
export function titleOf(rest: string): { title: string; length: number } {
  const stop = /[。：:\n\r]|\.\s/u.exec(rest);
  let length = stop ? stop.index : rest.length;
  if (length > TITLE_CAP) {
    length = TITLE_CAP;
    const c = rest.charCodeAt(length - 1);
    if (c >= 0xd800 && c <= 0xdbff) length--;
  }
  let title = rest.slice(0, length);
  const trimmed = title.replace(/[\s，,；;、]+$/u, '');
  length -= title.length - trimmed.length;
  title = trimmed;
  return { title, length };
}

const DATE_LINE =
  /^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)$/u;
const APPENDIX = /^附\s*[件表]\s*[\d一二三四五六七八九十]*\s*(?:[:：]|$|\s)/u;

/**
 * Where the outline of a report ends, given its prose lines after the last top-level heading (width-folded):
 * at an appendix line (`附件：…`) or at the signature block (an issuer line followed by a date line).
 * What follows belongs to no section. Shared by the plain-text and HTML adapters.
 */
export function outlineEndAfter(after: { start: number; folded: string }[]): number {
  let end = Number.MAX_SAFE_INTEGER;
  for (const l of after) {
    if (l.folded.length <= 60 && APPENDIX.test(l.folded)) {
      end = Math.min(end, l.start);
      break;
    }
  }
  for (const [i, l] of after.entries()) {
    if (i === 0 || !DATE_LINE.test(l.folded)) continue;
    const issuer = after[i - 1] as { start: number; folded: string };
    if (issuer.folded.length <= 40 && !/[。，,；;：:]/u.test(issuer.folded)) {
      end = Math.min(end, issuer.start);
      break;
    }
  }
  return end;
}
