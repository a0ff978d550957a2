import type { AdapterProblem, DateMention, Range, Statement, Table } from '@crossfoot/core';
import { readLimits } from './limits.ts';

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
  private paragraphs = new Map<string, ParagraphMemo[]>();
  private nextPieces = new Map<string, PieceMemo>();
  private nextFirstPieces = new Map<string, PieceMemo>();
  private nextParagraphs = new Map<string, ParagraphMemo[]>();
  private limits = '';
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
      this.limits = limits;
    }
    this.pieces = this.nextPieces;
    this.firstPieces = this.nextFirstPieces;
    this.paragraphs = this.nextParagraphs;
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

  /** The paragraph read last time from exactly this text, starting at this column, in this section. */
  paragraph(text: string, column: number, section: readonly string[]): ParagraphMemo | undefined {
    const found = this.paragraphs.get(text)?.find((p) => p.column === column && sameWords(p.section, section));
    if (found) this.reused.paragraphs++;
    return found;
  }

  keepParagraph(text: string, paragraph: ParagraphMemo): void {
    const kept = this.nextParagraphs.get(text);
    if (!kept) this.nextParagraphs.set(text, [paragraph]);
    else if (!kept.some((p) => p.column === paragraph.column && sameWords(p.section, paragraph.section))) kept.push(paragraph);
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

export interface ParagraphMemo {
  line: number;
  column: number;
  section: readonly string[];
  statements: Statement[];
  dates: DateMention[];
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A copy of a value read from the model (a table, a statement, a problem) with every position in it `lines` further
 * down; a value with no position in it is shared, not copied.
 */
export function moveLines<T>(value: T, lines: number): T {
  if (lines === 0) return value;
  return moved(value, lines) as T;
}

function moved(value: unknown, lines: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = moved(value[i], lines);
    return out;
  }
  const o = value as Record<string, unknown>;
  if (isRange(o)) return { start: { line: o.start.line + lines, column: o.start.column }, end: { line: o.end.line + lines, column: o.end.column } };
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
