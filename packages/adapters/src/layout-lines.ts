import { foldWidth } from '@crossfoot/core';

/**
 * A piece of a line of `pdftotext -layout` output between runs of two or more blank columns: a cell, a header,
 * a piece of a label. Positions are kept both ways: display columns to align pieces across lines, offsets into the
 * document to point at them.
 */
export interface Chunk {
  /** Display columns from the start of the line, end exclusive; a CJK character takes two. */
  col: number;
  colEnd: number;
  /** Offsets in the document text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  text: string;
}

/** Characters that Chinese fonts print full-width although Unicode calls their width ambiguous. */
const WIDE_PUNCTUATION = new Set([0xb7, 0x2014, 0x2015, 0x2016, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x2030, 0x203b, 0x2103, 0x2116]);

/** Columns a character takes in `pdftotext -layout` output: two for CJK and full-width forms, none for marks. */
export function charWidth(cp: number): number {
  if (cp < 0x300) return cp === 0xb7 ? 2 : 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (WIDE_PUNCTUATION.has(cp)) return 2;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2160 && cp <= 0x217f) ||
    (cp >= 0x2460 && cp <= 0x24ff) ||
    (cp >= 0x25a0 && cp <= 0x25ff) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Blank columns a whitespace character takes at display column `col`; undefined when it is not whitespace. */
function blankWidth(code: number, col: number): number | undefined {
  if (code === 32 || code === 0xa0) return 1;
  if (code === 0x3000) return 2;
  if (code === 9) return 8 - (col % 8);
  if (code === 12 || code === 11 || code === 0xfeff) return 0;
  return undefined;
}

/** The chunks of the line `text.slice(from, to)`, split at runs of blanks at least two columns wide. */
export function chunksOf(text: string, from: number, to: number): Chunk[] {
  const chunks: Chunk[] = [];
  let col = 0;
  let open: Chunk | undefined;
  let blankStart = -1;
  let blankCols = 0;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    const blank = blankWidth(code, col);
    if (blank !== undefined) {
      if (blankStart < 0) {
        blankStart = i;
        blankCols = 0;
      }
      blankCols += blank;
      col += blank;
      i++;
      continue;
    }
    if (open && blankStart >= 0 && blankCols >= 2) {
      chunks.push(open);
      open = undefined;
    }
    blankStart = -1;
    const cp = text.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    const width = charWidth(cp);
    if (!open) open = { col, colEnd: col, start: i, end: i, text: '' };
    col += width;
    i += size;
    open.colEnd = col;
    open.end = i;
  }
  if (open) chunks.push(open);
  for (const chunk of chunks) chunk.text = text.slice(chunk.start, chunk.end);
  return chunks;
}

/** The offset in `text.slice(from, to)` at display column `target`, or `to` when the line is shorter. */
export function offsetAtColumn(text: string, from: number, to: number, target: number): number {
  let col = 0;
  let i = from;
  while (i < to && col < target) {
    const code = text.charCodeAt(i);
    const blank = blankWidth(code, col);
    if (blank !== undefined) {
      col += blank;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    col += charWidth(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

const DASH = '[-\u2010-\u2015\u2212\u2500]';
const PAGE_MARKS = [
  new RegExp(`^${DASH}+\\s*\\d{1,4}\\s*${DASH}+$`, 'u'),
  /^第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$/u,
  /^共\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*第\s*\d{1,4}\s*页)?$/u,
  /^\d{1,4}\s*\/\s*\d{1,4}$/u,
  /^page\s+\d{1,4}(?:\s+of\s+\d{1,4})?$/iu,
];

/** Is the line a page number printed in a footer or header: `-1-`, `— 3 —`, `第 2 页`, `共 5 页`, `2/5`, `Page 2 of 5`? */
export function isPageMark(line: string): boolean {
  const t = foldWidth(line).trim();
  return t.length <= 24 && PAGE_MARKS.some((re) => re.test(t));
}
