import { charWidth, isPageMark } from './layout-lines.ts';
import { readMarker } from './markers.ts';

/** A piece of text a PDF page draws, in page coordinates (points, y growing downwards), as pdf.js reports it. */
export interface PdfTextRun {
  text: string;
  /** Left end of the baseline. */
  x: number;
  /** The baseline. */
  y: number;
  /** Advance width of the whole text. */
  width: number;
  /** Font size: the height of an em. */
  size: number;
}

export interface PdfPageText {
  width: number;
  height: number;
  runs: PdfTextRun[];
}

/** The text of a PDF laid out as `pdftotext -layout` would print it, pages separated by a form feed. */
export interface PdfLayout {
  text: string;
  /** The 1-based line of `text` where each page starts. */
  pageLines: number[];
  /** 1-based numbers of the pages without any text. */
  empty: number[];
  /** Page furniture left out of the text: page numbers, running headers and footers. */
  furniture: number;
}

/** A line of one page: runs sharing a baseline, left to right. */
interface Line {
  page: number;
  y: number;
  size: number;
  runs: PdfTextRun[];
  /** Set once laid out. */
  pieces: Piece[];
  left: number;
  right: number;
}

/** Text between column gaps, with where it starts on the page. */
interface Piece {
  text: string;
  x: number;
  end: number;
}

/** Same line: baselines closer than this share of the smaller font size. */
const SAME_LINE = 0.35;
/** Between two runs of a line, a gap below this share of an em joins them without a space, … */
const NO_SPACE = 0.1;
/** … below this with one space (a word space), and from this on is a gap between columns. */
const COLUMN_GAP = 0.5;
/** Page furniture lies in this share of the page height at the top or the bottom. */
const PAGE_NUMBER_BAND = 0.15;
const RUNNING_BAND = 0.12;

/**
 * Lays out the text runs of PDF pages as plain text whose columns line up the way `pdftotext -layout` prints them,
 * so that the plain-text adapter reads their tables by alignment:
 * - runs on one baseline make a line, sorted by x; a small gap is nothing or a word space, a gap of half an em or
 *   more is a column gap of at least two spaces, placed at the run's x in a character grid (half the smallest font
 *   size used) common to every page, so that columns line up across lines and pages;
 * - lines of a paragraph wrapped at the right margin are joined into one line (also across a page break), as are
 *   the lines of a wrapped centred title; a large vertical gap is a blank line;
 * - page numbers (`- 3 -`, `第 3 页`, a bare number) at the top or bottom of a page, and running headers or footers
 *   repeated on several pages in the same place, are left out.
 */
export function layoutPdf(pages: PdfPageText[]): PdfLayout {
  const lines = pages.map((page, p) => linesOf(page, p));
  const furniture = findFurniture(lines, pages);
  const kept = lines.map((page) => page.filter((l) => !furniture.has(l)));
  const all = kept.flat();
  const empty = pages.flatMap((_, p) => (lines[p]?.length ? [] : [p + 1]));
  if (all.length === 0) return { text: '', pageLines: pages.map(() => 1), empty, furniture: furniture.size };

  const unit = gridUnit(all);
  const origin = all.reduce((min, l) => Math.min(min, l.runs[0]?.x ?? 0), Number.POSITIVE_INFINITY);
  for (const l of all) split(l);
  const block = textBlock(all);

  // Render every line on the grid, then join wrapped paragraph lines.
  const out: string[] = [];
  const pageLines: number[] = [];
  let previous: { line: Line; at: number } | undefined;
  for (const [p, page] of kept.entries()) {
    let first = true;
    for (const line of page) {
      const rendered = render(line, unit, origin);
      if (previous && continues(previous.line, line, block)) {
        out[previous.at] = join(out[previous.at] as string, rendered.trimStart());
        previous = { line, at: previous.at };
        continue;
      }
      if (!first && previous && previous.line.page === line.page && line.y - previous.line.y > 2.4 * Math.max(line.size, previous.line.size)) out.push('');
      out.push(rendered);
      previous = { line, at: out.length - 1 };
      if (first) {
        pageLines[p] = out.length;
        if (p > 0) out[out.length - 1] = `\f${rendered}`;
        first = false;
      }
    }
    if (first) {
      // A page with nothing left on it still starts a page.
      out.push(p > 0 ? '\f' : '');
      pageLines[p] = out.length;
    }
  }
  return { text: `${out.join('\n')}\n`, pageLines, empty, furniture: furniture.size };
}

/** The runs of a page grouped into lines by baseline, top to bottom, each sorted left to right. */
function linesOf(page: PdfPageText, p: number): Line[] {
  const runs = page.runs.flatMap(cleanRun).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of runs) {
    const line = lines.at(-1);
    if (line && run.y - line.y <= SAME_LINE * Math.min(run.size, line.size)) {
      line.runs.push(run);
      line.size = Math.max(line.size, run.size);
    } else {
      lines.push({ page: p, y: run.y, size: run.size, runs: [run], pieces: [], left: run.x, right: run.x + run.width });
    }
  }
  for (const line of lines) {
    line.runs.sort((a, b) => a.x - b.x);
    // The same text drawn twice at the same place (fake bold, shadows) is read once.
    line.runs = line.runs.filter((r, i) => {
      const before = line.runs[i - 1];
      return !(before && before.text === r.text && Math.abs(before.x - r.x) < 0.2 * r.size);
    });
    line.left = line.runs[0]?.x ?? 0;
    line.right = line.runs.reduce((max, r) => Math.max(max, r.x + r.width), Number.NEGATIVE_INFINITY);
  }
  return lines;
}

/** A run without control characters or surrounding blanks, split where it holds a run of blanks. */
function cleanRun(run: PdfTextRun): PdfTextRun[] {
  if (!Number.isFinite(run.x) || !Number.isFinite(run.y) || !(run.size > 0)) return [];
  // An ideographic space is as wide as two spaces, as `pdftotext -layout` prints it.
  const text = run.text
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f\u00ad]/gu, '')
    .replace(/[\t\n\v\f\r\u00a0]/gu, ' ')
    .replace(/\u3000/gu, '  ');
  if (text.trim() === '') return [];
  const total = displayWidth(text);
  const width = Number.isFinite(run.width) && run.width > 0 ? run.width : total * run.size * 0.5;
  const out: PdfTextRun[] = [];
  // Runs of two or more blanks inside the text are gaps: its pieces are placed in proportion to their widths.
  let col = 0;
  for (const part of text.split(/( {2,})/u)) {
    const w = displayWidth(part);
    if (part.trim() !== '') {
      const lead = part.length - part.trimStart().length;
      const piece = part.trim();
      const x = run.x + (width * (col + lead)) / total;
      out.push({ text: piece, x, y: run.y, width: (width * displayWidth(piece)) / total, size: run.size });
    }
    col += w;
  }
  return out;
}

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0) as number);
  return w;
}

/**
 * Page furniture: a page number (`- 3 -`, `第 3 页` among the first or last two lines of a page, a bare number as its
 * first or last line) in its top or bottom band; and, at the top or bottom of a page, lines repeated at the same height
 * on other pages in the top or bottom band and set well apart from the text next to them (running headers and
 * footers; a table header repeated at the top of a page runs on into the rows under it and stays).
 */
function findFurniture(lines: Line[][], pages: PdfPageText[]): Set<Line> {
  const found = new Set<Line>();
  const inBand = (l: Line, share: number) => {
    const h = pages[l.page]?.height ?? 0;
    return h > 0 && (l.y < share * h || l.y > (1 - share) * h);
  };
  const text = (l: Line) => l.runs.map((r) => r.text).join('');
  for (const page of lines) {
    for (const [i, l] of page.entries()) {
      const t = text(l).trim();
      // A page mark among the first or last two lines; a bare number only as the very first or last.
      const mark = isPageMark(t) && (i < 2 || i >= page.length - 2);
      const bare = /^\d{1,4}$/u.test(t) && l.runs.length === 1 && (i === 0 || i === page.length - 1);
      if ((mark || bare) && inBand(l, PAGE_NUMBER_BAND)) found.add(l);
    }
  }
  if (lines.length < 2) return found;
  const key = (l: Line) => text(l).replace(/\s+/gu, '').replace(/\d+/gu, '#');
  const seen = new Map<string, Line[]>();
  for (const page of lines) {
    for (const l of page) {
      if (!inBand(l, RUNNING_BAND) || found.has(l)) continue;
      const same = seen.get(key(l)) ?? [];
      same.push(l);
      seen.set(key(l), same);
    }
  }
  const repeated = (l: Line) => inBand(l, RUNNING_BAND) && (seen.get(key(l)) ?? []).some((o) => o.page !== l.page && Math.abs(o.y - l.y) <= 3);
  // Peeled from the top and the bottom of each page while they repeat and stand apart from the text next to them.
  const apart = (a: Line, b: Line | undefined) => !b || Math.abs(b.y - a.y) >= 2.5 * Math.max(a.size, b.size);
  for (const page of lines) {
    const rest = page.filter((l) => !found.has(l));
    while (rest.length > 0 && repeated(rest[0] as Line) && apart(rest[0] as Line, rest[1])) found.add(rest.shift() as Line);
    while (rest.length > 0 && repeated(rest.at(-1) as Line) && apart(rest.at(-1) as Line, rest.at(-2))) found.add(rest.pop() as Line);
  }
  return found;
}

/**
 * The width of a grid column: half the smallest font size in real use (at least 2% of the characters), so that
 * no text at that size or larger takes more columns than its width on the page.
 */
function gridUnit(lines: Line[]): number {
  const bySize = new Map<number, number>();
  let total = 0;
  for (const l of lines) {
    for (const r of l.runs) {
      const size = Math.round(r.size * 4) / 4;
      bySize.set(size, (bySize.get(size) ?? 0) + r.text.length);
      total += r.text.length;
    }
  }
  const sizes = [...bySize.entries()].filter(([size, n]) => size >= 3 && n >= 0.02 * total).map(([size]) => size);
  const smallest = sizes.length ? Math.min(...sizes) : Math.min(...bySize.keys());
  return Math.max(1, smallest / 2);
}

/** The runs of a line joined into pieces: no space or one space within a piece, column gaps between pieces. */
function split(line: Line): void {
  const pieces: Piece[] = [];
  let last: PdfTextRun | undefined;
  for (const r of line.runs) {
    const piece = pieces.at(-1);
    const em = Math.min(r.size, last?.size ?? r.size);
    const gap = last ? r.x - (last.x + last.width) : Number.POSITIVE_INFINITY;
    if (piece && gap < COLUMN_GAP * em) {
      piece.text += gap < NO_SPACE * em || piece.text.endsWith(' ') ? r.text : ` ${r.text}`;
      piece.end = Math.max(piece.end, r.x + r.width);
    } else {
      pieces.push({ text: r.text, x: r.x, end: r.x + r.width });
    }
    last = r;
  }
  line.pieces = pieces;
}

/** Each piece at its x on the grid, at least two blanks after the piece before it. */
function render(line: Line, unit: number, origin: number): string {
  let out = '';
  let col = 0;
  for (const [i, piece] of line.pieces.entries()) {
    const at = Math.max(0, Math.round((piece.x - origin) / unit));
    const start = i === 0 ? at : Math.max(col + 2, at);
    out += ' '.repeat(start - col) + piece.text;
    col = start + displayWidth(piece.text);
  }
  return out;
}

interface Block {
  /** Where most lines of body text start, and where full lines end. */
  left: number;
  right: number;
  centre: number;
  /** The body text size: the size of most characters. */
  size: number;
}

function textBlock(lines: Line[]): Block {
  const chars = new Map<number, number>();
  for (const l of lines) for (const p of l.pieces) chars.set(l.size, (chars.get(l.size) ?? 0) + p.text.length);
  const size = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
  const single = lines.filter((l) => l.pieces.length === 1);
  const starts = new Map<number, number>();
  for (const l of single) starts.set(Math.round(l.left), (starts.get(Math.round(l.left)) ?? 0) + 1);
  const left = [...starts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  const right = (single.length ? single : lines).reduce((max, l) => Math.max(max, l.right), Number.NEGATIVE_INFINITY);
  return { left, right, centre: (left + right) / 2, size };
}

const SENTENCE_END = /[。！？!?：:；;]$/u;

/**
 * Does `b` carry on the text of `a`: a paragraph line running to the right margin followed by a line starting at the
 * left margin in the same size, or the lines of a wrapped centred title. Lines with column gaps never join.
 */
function continues(a: Line, b: Line, block: Block): boolean {
  if (a.pieces.length !== 1 || b.pieces.length !== 1 || Math.abs(a.size - b.size) > 0.5) return false;
  const size = b.size;
  // The lines follow each other: on one page, or the last line of a page and the first of the next.
  const samePage = a.page === b.page;
  const near = samePage ? b.y - a.y <= 2.2 * size : b.page === a.page + 1;
  if (!near) return false;
  const aText = (a.pieces[0] as Piece).text;
  const bText = (b.pieces[0] as Piece).text;
  const marker = readMarker(bText, { western: false });
  if (marker && marker.style !== 'arabic' && marker.style !== 'subset') return false;
  if (a.right >= block.right - 1.5 * size && b.left <= block.left + 0.6 * size && !SENTENCE_END.test(aText)) return true;
  // A title wider than the line: centred lines of a large size, close together.
  const centred = (l: Line) => Math.abs((l.left + l.right) / 2 - block.centre) <= 1.5 * size;
  return samePage && size >= 1.15 * block.size && centred(a) && centred(b) && a.right - a.left >= 0.6 * (block.right - block.left) && !SENTENCE_END.test(aText);
}

/** Wrapped lines run on: directly between Chinese, with a space between Latin words. */
function join(a: string, b: string): string {
  const latin = /[\p{Script=Latin}\d,.;:!?%)]$/u.test(a) && /^[\p{Script=Latin}\d(]/u.test(b);
  return latin ? `${a} ${b}` : a + b;
}
