import type { Position, Range } from './model.ts';
import { foldWidth } from './normalize.ts';
import { sharedEnds } from './shared-ends.ts';
import { lastAtOrBefore } from './sorted.ts';

/**
 * Maps string offsets (UTF-16 code units) to 1-based line/column positions and back.
 * Lines end at `\n`, `\r\n` or a lone `\r`.
 */
export class LineIndex {
  readonly text: string;
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  /** The line of the last offset looked up (`lineIndexOf`). */
  private lastLine = 0;

  /** The text width-folded (`foldWidth`: offsets unchanged), made once for the readers that scan it. */
  private foldedText: string | undefined;

  /** Whether the text holds a carriage return. */
  private readonly returns: boolean;

  /**
   * The index of `text`; `starts`, when given, are its line starts already found (`edited`), and `returns` says whether
   * `text` holds a carriage return.
   */
  constructor(text: string, starts?: number[], returns?: boolean) {
    this.text = text;
    if (starts) {
      this.starts = starts;
      this.returns = returns ?? text.indexOf('\r') >= 0;
      return;
    }
    starts = [0];
    this.returns = text.indexOf('\r') >= 0;
    // Without a carriage return every line ends at a line feed, found by a native search.
    if (!this.returns) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** The index made last by `of`: the language server reads and checks a report with the same text. */
  private static last: LineIndex | undefined;

  /**
   * The index of `text`, made once for every reader and check of the same text: the index made last is given again
   * for the same text, and a long text that differs from it only in part (a report edited in the language server) is
   * indexed only where it differs (`edited`).
   */
  static of(text: string): LineIndex {
    const last = LineIndex.last;
    if (last && last.text === text) return last;
    const index = last && text.length >= EDITED_LENGTH && last.text.length >= EDITED_LENGTH ? LineIndex.edited(last, text) : new LineIndex(text);
    LineIndex.last = index;
    return index;
  }

  /**
   * The index of `text` from that of an earlier text: the line starts in the beginning and the end both texts share are
   * taken from it (those of the end moved by the change in length), and only the text between is searched.
   */
  static edited(previous: LineIndex, text: string): LineIndex {
    const old = previous.text;
    const n = text.length;
    const { prefix, suffix } = sharedEnds(old, text);
    // Only the text between the shared ends can bring a carriage return to a text without one.
    if (previous.returns || text.slice(prefix, n - suffix).indexOf('\r') >= 0) return new LineIndex(text);
    const delta = n - old.length;
    const before = previous.starts;
    // A line starts at x after a line feed at x - 1: in the shared beginning while x <= prefix.
    const k = lastAtOrBefore(before, prefix) + 1;
    const between: number[] = [];
    for (let i = text.indexOf('\n', prefix); i >= 0 && i < n - suffix; i = text.indexOf('\n', i + 1)) between.push(i + 1);
    // Line feeds in the shared end: at old.length - suffix or later.
    const j = Math.max(k, lastAtOrBefore(before, old.length - suffix) + 1);
    // An edit that kept the length and every line break (a figure changed) keeps the line starts themselves.
    if (delta === 0 && j - k === between.length && between.every((x, i) => x === before[k + i])) return new LineIndex(text, before, false);
    // Else copied whole, and moved in place.
    const after = before.slice(j);
    if (delta !== 0) for (let t = 0; t < after.length; t++) after[t] = (after[t] as number) + delta;
    return new LineIndex(text, before.slice(0, k).concat(between, after), false);
  }

  /** `foldWidth(text)`, made on first use; `folded.slice(a, b)` is `foldWidth(text.slice(a, b))`. */
  get folded(): string {
    this.foldedText ??= foldWidth(this.text);
    return this.foldedText;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the CR and LF of a line break is still the end of that line.
    if (o > 0 && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13) o--;
    const line = this.lineIndexOf(o);
    return { line: line + 1, column: o - (this.starts[line] as number) + 1 };
  }

  /**
   * The 0-based line holding offset `o`. Readers ask in runs (the cells of a row, the figures of a paragraph): the line
   * of the last answer and the one after it are tried before searching by halves.
   */
  private lineIndexOf(o: number): number {
    const starts = this.starts;
    const last = starts.length - 1;
    const h = this.lastLine;
    if ((starts[h] as number) <= o) {
      if (h === last || (starts[h + 1] as number) > o) return h;
      if (h + 1 === last || (starts[h + 2] as number) > o) {
        this.lastLine = h + 1;
        return h + 1;
      }
    }
    // The first line starts at 0 and `o` is never negative: some line starts at or before it.
    const line = lastAtOrBefore(starts, o);
    this.lastLine = line;
    return line;
  }

  range(from: number, to: number): Range {
    return { start: this.position(from), end: this.position(to) };
  }

  offset(position: Position): number {
    const start = this.starts[Math.max(0, Math.min(position.line - 1, this.starts.length - 1))] as number;
    return Math.min(start + position.column - 1, this.text.length);
  }

  /** Offset where line `line` (1-based) starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] as number;
  }

  /** Offset just past the last character of line `line`, before its line break. */
  lineEnd(line: number): number {
    const next = line < this.starts.length ? (this.starts[line] as number) : this.text.length;
    let end = next;
    if (end > 0 && line < this.starts.length) {
      end--;
      if (this.text.charCodeAt(end) === 10 && end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return Math.max(end, this.lineStart(line));
  }

  /** The text of line `line` without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** Texts at least this long are indexed from the last index where they share its text (`LineIndex.of`). */
const EDITED_LENGTH = 1 << 16;
