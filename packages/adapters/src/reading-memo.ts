import type { AdapterProblem, Cell, Column, DateMention, Range, Row, Statement, Table } from '@crossfoot/core';
import { readLimits } from './limits.ts';
import type { GuardEvent } from './markdown-guard.ts';

/**
 * What one reading of a Markdown report leaves for reading the next version of the same document: the language
 * server reads a report again after every keystroke, and most of a long report is then the same text, at the same
 * place or moved by the lines the edit added or removed.
 *
 * A Markdown report is read in pieces that nothing carries across (`markdown-chunks.ts`): a piece whose text is the
 * same as one read last time gives the same blocks and tables, and a paragraph whose text, section and first column
 * are the same gives the same statements and dates, all moved by the lines between where they were and where they
 * are. Only what the last reading used is kept, so the memo holds one version's worth at most. The document read
 * with a memo is the one read without it (a property test edits reports at random and compares both).
 */
export class ReadingMemo {
  private pieces = new Map<string, PieceMemo>();
  private firstPieces = new Map<string, PieceMemo>();
  private paragraphs = new Map<string, ParagraphMemo>();
  private nextPieces = new Map<string, PieceMemo>();
  private nextFirstPieces = new Map<string, PieceMemo>();
  private nextParagraphs = new Map<string, ParagraphMemo>();
  private guards = new Map<string, GuardedBlock>();
  private nextGuards = new Map<string, GuardedBlock>();
  private limits = '';
  /** Whether the last reading left anything: a reading after it reads only what an edit changed. */
  warm = false;
  /** Pieces and paragraphs taken from the memo by the last reading (what a test looks at). */
  reused = { pieces: 0, paragraphs: 0 };

  /** Starts a reading: what the last one kept is looked up, and what this one uses or makes is kept for the next. */
  begin(): void {
    const l = readLimits();
    const limits = `${l.tableRows}/${l.yamlAliases}/${l.nestingDepth}`;
    if (limits !== this.limits) {
      // Read under other limits, a table may have been cut elsewhere.
      this.nextPieces.clear();
      this.nextFirstPieces.clear();
      this.nextParagraphs.clear();
      this.nextGuards.clear();
      this.limits = limits;
    }
    this.warm = this.nextPieces.size + this.nextFirstPieces.size + this.nextParagraphs.size > 0;
    this.pieces = this.nextPieces;
    this.firstPieces = this.nextFirstPieces;
    this.paragraphs = this.nextParagraphs;
    this.guards = this.nextGuards;
    this.nextGuards = new Map();
    this.nextPieces = new Map();
    this.nextFirstPieces = new Map();
    this.nextParagraphs = new Map();
    this.reused = { pieces: 0, paragraphs: 0 };
  }

  /** The piece read last time from exactly this text (`first`: the piece that opens the document). */
  piece(text: string, first: boolean): PieceMemo | undefined {
    const found = (first ? this.firstPieces : this.pieces).get(text);
    if (found) this.reused.pieces++;
    return found;
  }

  keepPiece(text: string, first: boolean, piece: PieceMemo): void {
    (first ? this.nextFirstPieces : this.nextPieces).set(text, piece);
  }

  /**
   * The paragraph read last time from exactly this text, starting at this column, in this section (`key`; a report
   * says the same words in many sections).
   */
  paragraph(key: string): ParagraphMemo | undefined {
    const found = this.paragraphs.get(key);
    if (found) this.reused.paragraphs++;
    return found;
  }

  keepParagraph(key: string, paragraph: ParagraphMemo): void {
    this.nextParagraphs.set(key, paragraph);
  }

  /** What the Markdown guard found last time in a table of exactly this text (`markdown-guard.ts`). */
  guarded(text: string): GuardedBlock | undefined {
    return this.guards.get(text);
  }

  keepGuarded(text: string, block: GuardedBlock): void {
    this.nextGuards.set(text, block);
  }

  /** What a paragraph is looked up by: its text, the column it starts at and its section. */
  static paragraphKey(text: string, column: number, section: readonly string[]): string {
    return `${column}\u0000${section.join('\u0001')}\u0000${text}`;
  }
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
  /** The line the piece started on. */
  line: number;
  blocks: MemoBlock[];
  /** By the index of their block. */
  tables: Map<number, MemoTable>;
  /** The piece's first node, for the piece that opens a document (front matter), offsets as micromark counts them. */
  first?: { type: string; position?: { start: { offset?: number }; end: { offset?: number } } };
}

/** What the guard found in a block: its events, where the block started (line and offset) and the last line it read. */
export interface GuardedBlock {
  line: number;
  start: number;
  last: number;
  events: readonly GuardEvent[];
}

export interface ParagraphMemo {
  line: number;
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
 * made as the Markdown adapter makes it, property by property (a spread copy took three times as long): a property
 * added to the model must be added here too, or reading with a memo differs from reading afresh, which the memo's
 * property test compares.
 */
export function moveTable(table: Table, lines: number): Table {
  if (lines === 0) return table;
  const columns: Column[] = new Array(table.columns.length);
  for (let c = 0; c < columns.length; c++) {
    const column = table.columns[c] as Column;
    columns[c] = column.range ? { ...column, range: moveRange(column.range, lines) } : column;
  }
  const rows: Row[] = new Array(table.rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = table.rows[r] as Row;
    const cells: Cell[] = new Array(row.cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = row.cells[c] as Cell;
      cells[c] = { text: cell.text, empty: cell.empty, range: moveRange(cell.range, lines), value: cell.value, decimals: cell.decimals, unit: cell.unit };
    }
    const moved: Row = {
      label: row.label,
      labelRange: moveRange(row.labelRange, lines),
      marker: row.marker,
      number: row.number,
      level: row.level,
      kind: row.kind,
      path: row.path,
      cells,
      range: moveRange(row.range, lines),
    };
    if (row.parent !== undefined) moved.parent = row.parent;
    rows[r] = moved;
  }
  return { ...table, columns, rows, range: moveRange(table.range, lines) };
}

function moveRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, column: r.start.column }, end: { line: r.end.line + lines, column: r.end.column } };
}

function moved(value: unknown, lines: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = moved(value[i], lines);
    return out;
  }
  const o = value as Record<string, unknown>;
  if (isRange(o)) return moveRange(o, lines);
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
