import type { AdapterProblem, LineIndex } from '@crossfoot/core';
import { htmlProblem } from './html-problems.ts';
import { MAX_COLUMNS, MAX_SLOTS } from './html-table.ts';
import { readLimits } from './limits.ts';
import { problem } from './problems.ts';
import { moveLines, type ReadingMemo } from './reading-memo.ts';

/** Lists and block quotes nested deeper than this are not read: no report needs more, and the parser slows down. */
export const MAX_MARKDOWN_NESTING = 32;
/**
 * Emphasis, link and HTML marks (`* _ [ ] < > ~`) in one paragraph or table row before its markup is read as
 * plain text: the CommonMark parser resolves them in time that grows with the square of their number.
 */
export const MAX_INLINE_MARKS = 500;
/** Problems of one kind reported per document; the first ones say where to look. */
const MAX_PROBLEMS = 10;

/**
 * Shields the CommonMark parser from input it is slow on (a report written to stall a CI run, or a broken export):
 * returns the text to parse, of the same length and with the same line breaks, so every offset still points into
 * the report. Lines nested too deeply and table rows past the limit become blank; paragraphs dense with markup keep
 * their words with the marks blanked. The narrative is still read from the report itself. Each change is a problem.
 */
export function guardMarkdown(index: LineIndex, problems: AdapterProblem[], memo?: ReadingMemo): string {
  const text = index.text;
  const masks: Mask[] = [];
  const counted = { deep: 0, dense: 0, wide: 0 };
  const steps: GuardStep[] = [];
  // What a block found, applied at its place: the first problems of each kind are reported.
  const take = (step: GuardStep) => {
    steps.push(step);
    const lines = step.line - step.found.line;
    const offset = step.start - step.found.start;
    for (const e of step.found.events) {
      if (e.mask) masks.push(offset ? { from: e.mask.from + offset, to: e.mask.to + offset, marksOnly: e.mask.marksOnly } : e.mask);
      else if (e.problem && (e.kind === undefined || counted[e.kind]++ < MAX_PROBLEMS)) problems.push(moveLines(e.problem, lines));
    }
  };
  // The blocks the last guard of this document went through (the language server's memo), and what the texts share.
  const last = memo?.guardSteps();
  const before = last?.steps ?? [];
  const n = text.length;
  const delta = last ? n - last.length : 0;
  // Blocks read in the shared beginning, up to and with the blank line after them, are the same blocks.
  let k = 0;
  if (last) while (k < before.length && (before[k] as GuardStep).through <= last.prefix) take(before[k++] as GuardStep);
  let line = k > 0 ? (before[k - 1] as GuardStep).next : frontMatterEnd(index);
  while (line <= index.lineCount) {
    if (isBlankLine(index, line)) {
      line++;
      continue;
    }
    const start = index.lineStart(line);
    if (last && start >= n - last.suffix) {
      // A block that starts in the shared end where the last guard started one: from there on, the same blocks.
      const j = stepAt(before, start - delta);
      if (j >= 0) {
        const lines = line - (before[j] as GuardStep).line;
        for (let i = j; i < before.length; i++) {
          const b = before[i] as GuardStep;
          take(
            lines === 0 && delta === 0 ? b : { line: b.line + lines, start: b.start + delta, next: b.next + lines, through: b.through + delta, found: b.found },
          );
        }
        break;
      }
    }
    let end = line;
    while (end < index.lineCount && !isBlankLine(index, end + 1)) end++;
    // One block of non-blank lines: a paragraph, a list or quote, or a table (from the line above its delimiter row).
    let delimiter = 0;
    for (let l = line + 1; l <= end && !delimiter; l++) if (isDelimiterRow(index.lineText(l))) delimiter = l;
    const block = guardBlock(index, line, end, delimiter);
    let next = block.last + 1;
    while (next <= index.lineCount && !isBlankLine(index, next)) next++;
    // The blank line after the block is part of what decided it; the last line of the text, without a line break after
    // it, may still grow.
    const through = next < index.lineCount ? index.lineStart(next + 1) : Number.POSITIVE_INFINITY;
    take({ line, start, next, through, found: { line, start, events: block.events } });
    line = next;
  }
  memo?.keepGuardSteps(steps);
  if (masks.length === 0) return text;
  masks.sort((a, b) => a.from - b.from);
  const parts: string[] = [];
  let at = 0;
  for (const m of masks) {
    if (m.to <= at) continue;
    const from = Math.max(m.from, at);
    parts.push(text.slice(at, from));
    parts.push(blank(text.slice(from, m.to), m.marksOnly));
    at = m.to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * A block the guard went through: the line and offset it starts at, the line the guard went on from after it (a blank
 * line, or past the end), the offset past that line's break (what the block's reading depended on ends there), and
 * what the guard found in it, with the line and offset where that was found.
 */
export interface GuardStep {
  line: number;
  start: number;
  next: number;
  through: number;
  found: { line: number; start: number; events: readonly GuardEvent[] };
}

/** The index of the step that starts at `start`, or -1 (a search by halves: steps are in order). */
function stepAt(steps: readonly GuardStep[], start: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((steps[mid] as GuardStep).start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < steps.length && (steps[lo] as GuardStep).start === start ? lo : -1;
}

interface Mask {
  from: number;
  to: number;
  marksOnly: boolean;
}

/**
 * What the guard finds in a block, in the order found: a stretch to blank, or a problem (`kind`: one of those
 * reported only the first few times in a document).
 */
export interface GuardEvent {
  mask?: Mask;
  problem?: AdapterProblem;
  kind?: 'deep' | 'dense' | 'wide';
}

/**
 * The guard's findings in the block of non-blank lines `line` to `last` (`delimiter`: its delimiter row's line when it is
 * a table, else 0), and the last line of it left to read (a table cut short ends earlier; the rest is skipped).
 */
function guardBlock(index: LineIndex, line: number, last: number, delimiter: number): { events: GuardEvent[]; last: number } {
  const text = index.text;
  const events: GuardEvent[] = [];
  // Lines [from, to], and the marks they hold when already counted.
  const units: [number, number, number?][] = [];
  if (delimiter) {
    if (delimiter - 2 >= line) units.push([line, delimiter - 2]);
    const rows = last - delimiter;
    const limit = readLimits().tableRows;
    if (rows > limit) {
      const cut = delimiter + limit + 1;
      events.push({ problem: problem('too-many-rows', index.range(index.lineStart(cut), index.lineEnd(cut)), { limit }) });
      events.push({ mask: { from: index.lineStart(cut), to: index.lineEnd(last), marksOnly: false } });
      last = cut - 1;
    }
    // As in HTML tables: at most MAX_COLUMNS columns and MAX_SLOTS cells are read.
    let cells = 0;
    for (let l = delimiter - 1; l <= last; l++) {
      const from = index.lineStart(l);
      const end = index.lineEnd(l);
      scanRow(text, from, end);
      const cut = row.cut;
      if (cut < end) {
        events.push({ mask: { from: cut, to: end, marksOnly: false } });
        events.push({ problem: htmlProblem('table-width', index.range(cut, end), { limit: MAX_COLUMNS }), kind: 'wide' });
      }
      cells += Math.max(1, row.pipes - 1);
      if (cells > MAX_SLOTS && l > delimiter) {
        events.push({ problem: htmlProblem('table-size', index.range(from, index.lineEnd(last)), { limit: MAX_SLOTS }) });
        events.push({ mask: { from, to: index.lineEnd(last), marksOnly: false } });
        last = l - 1;
        break;
      }
      units.push([l, l, row.marks]);
    }
  } else {
    units.push([line, last]);
  }
  for (const [from, to, counted] of units) {
    let marks = counted ?? 0;
    if (counted === undefined) for (let o = index.lineStart(from), end = index.lineEnd(to); o < end; o++) if (isMark(text.charCodeAt(o))) marks++;
    if (marks <= MAX_INLINE_MARKS) continue;
    events.push({ mask: { from: index.lineStart(from), to: index.lineEnd(to), marksOnly: true } });
    events.push({
      problem: problem('dense-markup', index.range(index.lineStart(from), index.lineEnd(to)), { count: marks, limit: MAX_INLINE_MARKS }),
      kind: 'dense',
    });
  }
  for (let l = line; l <= last; l++) {
    if (nesting(text, index.lineStart(l), index.lineEnd(l)) <= MAX_MARKDOWN_NESTING) continue;
    const first = l;
    while (l < last && nesting(text, index.lineStart(l + 1), index.lineEnd(l + 1)) > MAX_MARKDOWN_NESTING) l++;
    events.push({ mask: { from: index.lineStart(first), to: index.lineEnd(l), marksOnly: false } });
    events.push({
      problem: problem('too-deep', index.range(index.lineStart(first), index.lineEnd(l)), {
        what: '列表或引用',
        whatEn: 'Lists or block quotes',
        limit: MAX_MARKDOWN_NESTING,
        rest: '这些行',
        restEn: 'these lines are',
      }),
      kind: 'deep',
    });
  }
  return { events, last };
}

/** The first line after YAML front matter (`---` … `---`), which the guard leaves to the front matter reader. */
export function frontMatterEnd(index: LineIndex): number {
  if (!/^\uFEFF?---[ \t]*$/u.test(index.lineText(1))) return 1;
  for (let l = 2; l <= index.lineCount; l++) if (/^(?:---|\.\.\.)[ \t]*$/u.test(index.lineText(l))) return l + 1;
  return 1;
}

function isBlankLine(index: LineIndex, line: number): boolean {
  const text = index.text;
  for (let o = index.lineStart(line), end = index.lineEnd(line); o < end; o++) {
    const c = text.charCodeAt(o);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** `|---|:--:|`: only pipes, colons, dashes and blanks, with at least one pipe and one dash. */
function isDelimiterRow(line: string): boolean {
  if (line.length > 100_000 || !line.includes('|') || !line.includes('-')) return false;
  return /^[ \t]*[|:\- \t]+$/u.test(line);
}

/** What `scanRow` found in a table row's line: where its columns past the limit start (or its end), its pipes before that, its marks. */
const row = { cut: 0, pipes: 0, marks: 0 };

/**
 * One pass over a table row's line `[from, to)`: the offset of its unescaped pipe number `MAX_COLUMNS + 1` (or `to`),
 * the unescaped pipes before it, and the marks (`isMark`) in the whole line. Three passes before: a table's lines
 * were most of the guard's time.
 */
function scanRow(text: string, from: number, to: number): void {
  let pipes = 0;
  let marks = 0;
  let cut = to;
  let previous = from > 0 ? text.charCodeAt(from - 1) : -1;
  for (let o = from; o < to; o++) {
    const c = text.charCodeAt(o);
    if (c < 128) {
      if (c === 124) {
        if (previous !== 92 && cut === to && ++pipes === MAX_COLUMNS + 1) {
          cut = o;
          pipes--;
        }
      } else marks += MARKS[c] as number;
    }
    previous = c;
  }
  row.cut = cut;
  row.pipes = pipes;
  row.marks = marks;
}

/** 1 for the ASCII marks `isMark` counts, by code. */
const MARKS = new Uint8Array(128);
for (const c of '*_[]<>~') MARKS[c.charCodeAt(0)] = 1;

function isMark(c: number): boolean {
  // * _ [ ] < > ~
  return c === 42 || c === 95 || c === 91 || c === 93 || c === 60 || c === 62 || c === 126;
}

/**
 * How deeply a line nests lists and quotes: its container marks (`>`, `-`, `+`, `*`, `1.`, `1)`) and, when it has
 * any, half its indentation (a nested list item is indented under its parent).
 */
function nesting(text: string, from: number, to: number): number {
  let marks = 0;
  let indent = 0;
  let o = from;
  while (o < to) {
    const c = text.charCodeAt(o);
    if (c === 32) {
      indent++;
      o++;
    } else if (c === 9) {
      indent += 4;
      o++;
    } else if (c === 62) {
      marks++;
      o++;
    } else if ((c === 45 || c === 43 || c === 42) && (o + 1 >= to || text.charCodeAt(o + 1) === 32 || text.charCodeAt(o + 1) === 9)) {
      marks++;
      o++;
    } else if (c >= 48 && c <= 57) {
      let d = o;
      while (d < to && d - o < 9 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
      const after = text.charCodeAt(d);
      if ((after !== 46 && after !== 41) || (d + 1 < to && text.charCodeAt(d + 1) !== 32 && text.charCodeAt(d + 1) !== 9)) break;
      marks++;
      o = d + 1;
    } else {
      break;
    }
    if (marks > MAX_MARKDOWN_NESTING) return marks;
  }
  return marks > 0 ? marks + (indent >> 1) : 0;
}

/** The same text with every character (or every mark) but line breaks turned into a space. */
function blank(text: string, marksOnly: boolean): string {
  // Code units, not code points (no `u` flag): the length must stay the same.
  return marksOnly ? text.replace(/[*_[\]<>~]/g, ' ') : text.replace(/[^\r\n]/g, ' ');
}
