import type { ReportDocument, ReportMeta, Section } from '@crossfoot/core';
import { lastAtOrBefore } from '@crossfoot/core';
import type { MarkerStyle } from './markers.ts';

/**
 * What the Markdown adapter keeps of its last reading of a long report, so that the next version can be read by
 * patching the document instead of assembling it again, when an edit changed the words of one paragraph or one table
 * row and nothing else (`editInside`): the language server reads a report again after every keystroke, and a keystroke
 * in a 5 MB report otherwise passes over all of its blocks, sections and paragraphs.
 *
 * Per block, in the order of the text (one more entry at the end holds the totals): where it starts and ends, what an
 * edit inside it may be patched as, where its statements and dates start in the document's lists, and, for a table, its
 * index among the document's tables.
 */
export interface LastReading {
  text: string;
  doc: ReportDocument;
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  statements: Int32Array;
  dates: Int32Array;
  tables: Int32Array;
  /** The titles of the sections each block is in. */
  sections: (string[] | undefined)[];
  /** Where the sections' extents end, in increasing order. */
  sectionEnds: Int32Array;
  /** The marker styles of the report's headings: a numbered paragraph of another style stands for a section. */
  headingStyles: ReadonlySet<MarkerStyle>;
  /** The meta the report states (title, front matter), and whether the rest is inferred from its text. */
  stated: ReportMeta;
  infer: boolean;
  /** 1 when the text opens with a byte order mark (micromark's offsets count after it). */
  shift: number;
}

/** What an edit inside a block may be patched as. */
export const NOT_PATCHED = 0;
/** A paragraph directly under the root that stands for no section and is no table's caption. */
export const PATCHED_PARAGRAPH = 1;
/** A table directly under the root. */
export const PATCHED_TABLE = 2;
/** A paragraph of the first kind close enough before a table to be its caption, which does not read as one. */
export const PATCHED_BEFORE_TABLE = 3;

/**
 * An edit `editInside` allows: inside block number `block`, at `[from, to)` in the last text, where the texts first
 * differ at `at`; the new text is `delta` characters longer.
 */
export interface BlockEdit {
  block: number;
  from: number;
  to: number;
  at: number;
  delta: number;
  /** Whether a section's extent ends on the edited line, and moves by `delta` (`movedEnds`). */
  endsSection: boolean;
}

/**
 * The block of the last reading that an edit to `text` lies inside, when the edit can change no more than that block's
 * words: what differs between the texts (`prefix` and `suffix` are what they share) lies after the block's first
 * character and on one line of it, holds no line break, and is made only of characters that cannot open or close
 * Markdown syntax (digits, letters, spaces, Chinese characters and punctuation, `.`, `,`, `%`); both versions of that
 * line hold no mark of inline syntax (`\ & < > * _ [ ] `` ` ~`, and `|` in a paragraph) and no carriage return but the
 * one before its line feed (an edit between the two would break the line), and begin as before, so the line
 * still continues the same block; a table's delimiter row is not edited. The caller still reads the block again on its
 * own and compares it with the last reading.
 */
export function editInside(last: LastReading, text: string, prefix: number, suffix: number): BlockEdit | undefined {
  const old = last.text;
  const from = prefix;
  const oldTo = old.length - suffix;
  const newTo = text.length - suffix;
  if (oldTo < from || newTo < from || (oldTo === from && newTo === from)) return undefined;
  if (!harmless(old, from, oldTo) || !harmless(text, from, newTo)) return undefined;
  const block = lastAtOrBefore(last.starts, from - 1);
  if (block < 0) return undefined;
  const kind = last.kinds[block] as number;
  const start = last.starts[block] as number;
  const end = last.ends[block] as number;
  if (kind === NOT_PATCHED || oldTo > end) return undefined;
  const delta = text.length - old.length;
  const lineStart = old.lastIndexOf('\n', from - 1) + 1;
  let lineEnd = old.indexOf('\n', oldTo);
  if (lineEnd < 0) lineEnd = old.length;
  const table = kind === PATCHED_TABLE;
  if (!plainLine(old, lineStart, lineEnd, table) || !plainLine(text, lineStart, lineEnd + delta, table)) return undefined;
  if (!pastLead(old, lineStart, from)) return undefined;
  if (table) {
    // The delimiter row is the table's second line.
    const second = old.indexOf('\n', start) + 1;
    if (second === lineStart) return undefined;
  }
  // A section whose extent ends on the edited line ends at another column when the length changes.
  const s = lastAtOrBefore(last.sectionEnds, lineEnd);
  const endsSection = delta !== 0 && s >= 0 && (last.sectionEnds[s] as number) >= lineStart;
  return { block, from: start, to: end, at: from, delta, endsSection };
}

/** Whether every character of `text` from `from` to `to` is one an edit may bring or take away (see `editInside`). */
function harmless(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c === 0x20 ||
      c === 0x2e ||
      c === 0x2c ||
      c === 0x25 ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3001 && c <= 0x303f) ||
      (c >= 0xff01 && c <= 0xff5e) ||
      (c >= 0x2010 && c <= 0x2027)
    ) {
      continue;
    }
    return false;
  }
  return true;
}

/**
 * Whether the line `[from, to)` holds no mark of inline syntax (a table's pipes allowed in a table), and no carriage
 * return but the one before its line feed: a carriage return alone breaks a line too.
 */
function plainLine(text: string, from: number, to: number, table: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) continue;
    if (c === 13 && i !== to - 1) return false;
    // \ & < > * _ [ ] ` ~ |
    if (c === 92 || c === 38 || c === 60 || c === 62 || c === 42 || c === 95 || c === 91 || c === 93 || c === 96 || c === 126) return false;
    if (c === 124 && !table) return false;
  }
  return true;
}

/**
 * Whether `at` lies after the part of the line starting at `lineStart` that decides what the line opens (a list item,
 * a heading, a quote): its first character after the indent, and when that is a digit, the digits and the character
 * after them (`1.`, `12)`).
 */
function pastLead(text: string, lineStart: number, at: number): boolean {
  let i = lineStart;
  while (i < at && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= at) return false;
  let c = text.charCodeAt(i);
  while (c >= 0x30 && c <= 0x39 && i < at) c = text.charCodeAt(++i);
  return i < at;
}

/** `list` without the items from `from` to `to`, with `items` in their place. */
export function replaced<T>(list: readonly T[], from: number, to: number, items: readonly T[]): T[] {
  return list.slice(0, from).concat(items, list.slice(to));
}

/**
 * The sections with every extent that ends on `line` at `column` or after it ending `delta` columns further: those
 * sections are copied, with the sections they are in; the others are the same objects. A section's children end on
 * the line only when its own extent spans it, though it may end on a later one.
 */
export function movedEnds(sections: Section[], line: number, column: number, delta: number): Section[] {
  let out: Section[] | undefined;
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i] as Section;
    const { start, end } = s.extent;
    if (line < start.line || line > end.line) continue;
    const children = movedEnds(s.children, line, column, delta);
    const moves = end.line === line && end.column >= column;
    if (!moves && children === s.children) continue;
    out ??= sections.slice();
    out[i] = { ...s, extent: moves ? { start, end: { line, column: end.column + delta } } : s.extent, children };
  }
  return out ?? sections;
}
