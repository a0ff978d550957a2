import type { AdapterProblem, Cell, Column, DateMention, Range, Row, Statement, Table } from '@crossfoot/core';
import { lastAtOrBefore, sharedEnds as shared } from '@crossfoot/core';
import { readLimits } from './limits.ts';
import { chunkStarts, chunkStartsAfter } from './markdown-chunks.ts';
import type { GuardStep } from './markdown-guard.ts';
import type { LastReading } from './markdown-patch.ts';
import { movedRange, TableRow } from './outline.ts';
import { TableCell } from './table.ts';

/**
 * What one reading of a Markdown report leaves for reading the next version of the same document: the language
 * server reads a report again after every keystroke, and most of a long report is then the same text, at the same
 * place or moved by the characters and lines the edit added or removed.
 *
 * A Markdown report is read in pieces that nothing carries across (`markdown-chunks.ts`). The text the two versions
 * share at their beginning and at their end is found first; a piece that lies within it is the piece read last time
 * at the same place in the shared text, and gives the same blocks and tables; the guard (`markdown-guard.ts`) goes
 * again only through the blocks between the shared ends; a paragraph with the same column and section gives the same
 * statements and dates. All are moved by the lines between where they were and where they are. Only what the last
 * reading used is kept, so the memo holds one version's worth at most. The document read with a memo is the one read
 * without it (a property test edits reports at random and compares both).
 *
 * The words of a document (labels, cells, sentences) are slices of the text they were read from, and keep all of it
 * in memory. What a reading after the first reads anew is read from a copy of its piece of the text (`parseTree`), or
 * kept with its words copied (`detach`, for paragraphs), so that a long session of edits all over a long report keeps
 * the text of its first reading and of the current one, not of every version it went through.
 *
 * An edit inside one paragraph or table row of a long report is read by patching the last reading instead
 * (`markdown-patch.ts`), which leaves the memo as a whole reading of the new text would (`patched`).
 */
export class ReadingMemo {
  private pieces = new Map<number, PieceMemo>();
  private paragraphs: KeptInOrder<ParagraphMemo> = { at: [], kept: [] };
  private steps: readonly GuardStep[] | undefined;
  private nextPieces = new Map<number, PieceMemo>();
  private nextParagraphs: KeptInOrder<ParagraphMemo> = { at: [], kept: [] };
  private nextSteps: readonly GuardStep[] | undefined;
  private limits = '';
  /** The text and guarded text read last, and what the text being read shares with them. */
  private text = '';
  private guardedText = '';
  private shared: Shared = NOTHING_SHARED;
  private sharedGuarded: Shared = NOTHING_SHARED;
  /** Where the pieces of the guarded text read last started. */
  private lastChunks: { from: number; size: number; starts: number[]; returns: boolean } | undefined;
  /** The last reading of a long report, when the next version may be patched from it (`markdown-patch.ts`). */
  private last: LastReading | undefined;
  /** Whether the last reading left anything: a reading after it reads only what an edit changed. */
  warm = false;
  /** Pieces and paragraphs taken from the memo by the last reading, and whether it patched the one before (what a test looks at). */
  reused = { pieces: 0, paragraphs: 0, patched: false };

  /** Starts reading `text`: what the last reading kept is looked up, and what this one uses or makes is kept for the next. */
  begin(text: string): void {
    const limits = limitsNow();
    this.last = undefined;
    if (limits !== this.limits) {
      // Read under other limits, a table may have been cut elsewhere.
      this.nextPieces.clear();
      this.nextParagraphs = { at: [], kept: [] };
      this.nextSteps = undefined;
      this.limits = limits;
    }
    this.warm = this.nextPieces.size + this.nextParagraphs.at.length > 0 || this.nextSteps !== undefined;
    this.shared = this.warm ? sharedEnds(this.text, text) : NOTHING_SHARED;
    this.sharedGuarded = NOTHING_SHARED;
    this.pieces = this.nextPieces;
    this.paragraphs = this.nextParagraphs;
    this.steps = this.nextSteps;
    this.nextPieces = new Map();
    this.nextParagraphs = { at: [], kept: [] };
    this.nextSteps = undefined;
    this.reused = { pieces: 0, paragraphs: 0, patched: false };
    this.text = text;
  }

  /** Keeps what the Markdown adapter needs to patch the document it just read into the next version's. */
  keepReading(last: LastReading): void {
    this.last = last;
  }

  /**
   * The last reading, and what `text` shares with its text at the beginning and the end, when `text` may be read by
   * patching it: the last reading was of the last text, under the same limits.
   */
  patchable(text: string): { last: LastReading; prefix: number; suffix: number } | undefined {
    const last = this.last;
    // The same text gives an empty edit, which `editInside` refuses: comparing two long texts whole here would cost more.
    if (!last || last.text !== this.text || limitsNow() !== this.limits) return undefined;
    const { prefix, suffix } = shared(last.text, text);
    return { last, prefix, suffix };
  }

  /**
   * `text` was read by patching the last reading (`last`, now of `text`) where the block at `[from, to)` of the text
   * before was edited, `delta` characters longer: the memo is left as if `text` had been read whole. What was read
   * from the block is dropped (the piece and the paragraph are read again when next needed), and what lies after it
   * is moved.
   */
  patched(text: string, last: LastReading, from: number, to: number, delta: number): void {
    this.text = text;
    this.guardedText = text;
    this.last = last;
    this.reused = { pieces: 0, paragraphs: 0, patched: true };
    const pieces = new Map<number, PieceMemo>();
    for (const [at, piece] of this.nextPieces) {
      if (at < to && at + piece.length > from) continue;
      pieces.set(at > from ? at + delta : at, piece);
    }
    this.nextPieces = pieces;
    const paragraphs = this.nextParagraphs;
    const i = lastAtOrBefore(paragraphs.at, from);
    if (i >= 0 && paragraphs.at[i] === from) {
      paragraphs.at.splice(i, 1);
      paragraphs.kept.splice(i, 1);
    }
    if (delta === 0) return;
    for (let k = Math.max(0, i); k < paragraphs.at.length; k++)
      if ((paragraphs.at[k] as number) > from) paragraphs.at[k] = (paragraphs.at[k] as number) + delta;
    this.nextSteps = this.nextSteps?.map((s) =>
      s.through <= from ? s : { line: s.line, start: s.start > from ? s.start + delta : s.start, next: s.next, through: s.through + delta, found: s.found },
    );
    const chunks = this.lastChunks;
    // A piece that started inside the block: where the pieces start is found again next time.
    if (chunks?.starts.some((s) => s > from && s < to)) this.lastChunks = undefined;
    else if (chunks) this.lastChunks = { ...chunks, starts: chunks.starts.map((s) => (s > from ? s + delta : s)) };
  }

  /** The text the guard gives to parse (the text itself unless it blanked something). */
  guard(guarded: string): void {
    const unchanged = guarded === this.text && this.guardedText === this.text;
    this.sharedGuarded = !this.warm ? NOTHING_SHARED : unchanged ? this.shared : sharedEnds(this.guardedText, guarded);
    this.guardedText = guarded;
  }

  /** Where the pieces of the guarded text start (`chunkStarts`), from where they started last time when it can be. */
  chunks(guarded: string, from: number, size: number): number[] {
    const last = this.lastChunks;
    const known = this.warm && last && last.from === from && last.size === size && from <= this.sharedGuarded.prefix;
    // Whether the text holds a carriage return: when the last did not, only what lies between the shared ends can.
    const { prefix, suffix, length } = this.sharedGuarded;
    const returns = known && !last.returns ? guarded.slice(prefix, length - suffix).includes('\r') : guarded.includes('\r');
    const starts = known ? chunkStartsAfter(last.starts, guarded, from, this.sharedGuarded, size, returns) : chunkStarts(guarded, from, size);
    this.lastChunks = { from, size, starts, returns };
    return starts;
  }

  /** The piece read last time from the same text as `[from, to)` of the guarded text (`first`: it opens the document). */
  piece(from: number, to: number, first: boolean): PieceMemo | undefined {
    const found = this.pieces.get(before(this.sharedGuarded, from, to));
    if (!found || found.length !== to - from || found.first !== first) return undefined;
    this.reused.pieces++;
    return found;
  }

  /**
   * Keeps a piece for the next reading. One read anew after the first reading was read from a copy of its text
   * (`parseTree`), and keeps no other version of the text in memory.
   */
  keepPiece(from: number, piece: PieceMemo): void {
    this.nextPieces.set(from, piece);
  }

  /**
   * The blocks the guard went through in the text read last (`markdown-guard.ts`), with what that text and this one
   * share at their beginning and end, and the last text's length.
   */
  guardSteps(): { steps: readonly GuardStep[]; prefix: number; suffix: number; length: number } | undefined {
    if (!this.warm || !this.steps) return undefined;
    return { steps: this.steps, prefix: this.shared.prefix, suffix: this.shared.suffix, length: this.shared.length - this.shared.delta };
  }

  /** Keeps the blocks the guard went through in this text, for the next reading. */
  keepGuardSteps(steps: readonly GuardStep[]): void {
    this.nextSteps = steps;
  }

  /** The blocks the guard went through in the text being read (what a test looks at). */
  get keptGuardSteps(): readonly GuardStep[] | undefined {
    return this.nextSteps;
  }

  /** The paragraph read last time from the same text as `[from, to)`, starting at this column, in this section. */
  paragraph(from: number, to: number, column: number, section: readonly string[]): ParagraphMemo | undefined {
    const at = before(this.shared, from, to);
    const i = at < 0 ? -1 : lastAtOrBefore(this.paragraphs.at, at);
    const found = i >= 0 && this.paragraphs.at[i] === at ? this.paragraphs.kept[i] : undefined;
    if (!found || found.length !== to - from || found.column !== column || !sameWords(found.section, section)) return undefined;
    this.reused.paragraphs++;
    return found;
  }

  keepParagraph(from: number, paragraph: ParagraphMemo, read = false): void {
    if (read && this.warm) detach(paragraph);
    // Paragraphs come in the order of the text: kept so, they are found by halves, without hashing.
    const next = this.nextParagraphs;
    if (next.at.length && (next.at[next.at.length - 1] as number) >= from) return;
    next.at.push(from);
    next.kept.push(paragraph);
  }
}

/** The limits a reading depends on, as a key. */
function limitsNow(): string {
  const l = readLimits();
  return `${l.tableRows}/${l.yamlAliases}/${l.nestingDepth}`;
}

/** What a reading kept, by the offsets it was found at, in increasing order. */
interface KeptInOrder<T> {
  at: number[];
  kept: T[];
}

/** What a text shares with the one read before it: so many characters at its beginning and at its end. */
interface Shared {
  prefix: number;
  suffix: number;
  /** The change in length, and the new length. */
  delta: number;
  length: number;
}

const NOTHING_SHARED: Shared = { prefix: 0, suffix: 0, delta: 0, length: 0 };

function sharedEnds(old: string, text: string): Shared {
  const { prefix, suffix } = shared(old, text);
  return { prefix, suffix, delta: text.length - old.length, length: text.length };
}

/** Where `[from, to)` of the text was in the text before, when it lies within what they share (else -1). */
function before(shared: Shared, from: number, to: number): number {
  if (to <= shared.prefix) return from;
  if (from >= shared.length - shared.suffix && shared.suffix > 0) return from - shared.delta;
  return -1;
}

/**
 * Replaces, in place, every string in `value` long enough to be a slice of another (13 code units or more, in V8) with
 * a copy of it: equal, but keeping no longer text in memory. Slicing a concatenation makes the copy.
 */
export function detach(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const v of value.values()) detach(v, seen);
    return;
  }
  const o = value as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'string') {
      if (v.length >= 13) o[key] = ` ${v}`.slice(1);
    } else detach(v, seen);
  }
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A block of a piece as the Markdown adapter keeps it once read: its kind and words, offsets from the piece's start. */
export interface MemoBlock {
  node: { type: string; value?: string; depth?: number; children?: unknown[] };
  start: number;
  end: number;
  top: boolean;
}

/** A table as read from its piece, and the problems reading it found. */
export interface MemoTable {
  table: Table;
  problems: AdapterProblem[];
}

export interface PieceMemo {
  /** Its length, whether it opened the document, the line it started on. */
  length: number;
  first: boolean;
  line: number;
  blocks: MemoBlock[];
  /** By the index of their block. */
  tables: Map<number, MemoTable>;
  /** Its blocks as the Markdown adapter placed them in the text, and the offset the piece then started at. */
  placed?: { from: number; blocks: readonly unknown[] };
  /** The piece's first node, offsets from where the piece starts as micromark counts them. */
  head?: { type: string; position?: { start: { offset?: number }; end: { offset?: number } } };
}

export interface ParagraphMemo {
  length: number;
  line: number;
  column: number;
  section: readonly string[];
  statements: Statement[];
  dates: DateMention[];
}

/**
 * A copy of a value read from the model (a table, a statement, a problem) with every position in it `lines` further
 * down; a value with no position in it is shared, not copied.
 */
export function moveLines<T>(value: T, lines: number): T {
  if (lines === 0) return value;
  return moved(value, lines) as T;
}

/**
 * A table with every position in it `lines` further down (`moveLines` for the shape tables have). Each row and cell is
 * made as the adapters make it (`TableRow.moved`, `TableCell.moved`; property by property for a plain one: a spread
 * copy took three times as long): a property added to the model must be added there too, or reading with a memo
 * differs from reading afresh, which the memo's property test compares.
 */
export function moveTable(table: Table, lines: number): Table {
  if (lines === 0) return table;
  const columns: Column[] = new Array(table.columns.length);
  for (let c = 0; c < columns.length; c++) {
    const column = table.columns[c] as Column;
    columns[c] = column.range ? { ...column, range: movedRange(column.range, lines) } : column;
  }
  const rows: Row[] = new Array(table.rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = table.rows[r] as Row;
    const cells: Cell[] = new Array(row.cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = row.cells[c] as Cell;
      cells[c] =
        cell instanceof TableCell
          ? cell.moved(lines)
          : { text: cell.text, empty: cell.empty, range: movedRange(cell.range, lines), value: cell.value, decimals: cell.decimals, unit: cell.unit };
    }
    if (row instanceof TableRow) {
      rows[r] = row.moved(lines, cells);
      continue;
    }
    const moved: Row = {
      label: row.label,
      labelRange: movedRange(row.labelRange, lines),
      marker: row.marker,
      number: row.number,
      level: row.level,
      kind: row.kind,
      path: row.path,
      cells,
      range: movedRange(row.range, lines),
    };
    if (row.parent !== undefined) moved.parent = row.parent;
    rows[r] = moved;
  }
  return { ...table, columns, rows, range: movedRange(table.range, lines) };
}

function moved(value: unknown, lines: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = moved(value[i], lines);
    return out;
  }
  const o = value as Record<string, unknown>;
  if (isRange(o)) return movedRange(o, lines);
  if (typeof o.line === 'number' && typeof o.column === 'number') return { ...o, line: o.line + lines };
  const out: Record<string, unknown> = {};
  for (const key in o) out[key] = moved(o[key], lines);
  return out;
}

function isRange(o: Record<string, unknown>): o is Record<string, unknown> & Range {
  const s = o.start as Range['start'] | undefined;
  const e = o.end as Range['end'] | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof e === 'object' &&
    e !== null &&
    typeof s.line === 'number' &&
    typeof s.column === 'number' &&
    typeof e.line === 'number'
  );
}
