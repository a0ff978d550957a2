import {
  type AdapterProblem,
  type DateMention,
  foldWidth,
  type LineIndex,
  type ReportDocument,
  type ReportFormat,
  type ReportMeta,
  type Section,
  type Statement,
} from '@crossfoot/core';
import { extractNarrative, inferMeta } from './narrative/index.ts';
import { describeError, problem } from './problems.ts';
import { moveLines, type ReadingMemo } from './reading-memo.ts';

/**
 * Calls the narrative reader for an adapter and gathers what it finds. A failure inside it becomes one
 * `internal` problem at the text it was reading, and the rest of the document is still read.
 */
export class NarrativeReader {
  readonly statements: Statement[] = [];
  readonly dates: DateMention[] = [];
  private readonly index: LineIndex;
  private readonly problems: AdapterProblem[];
  private failed = false;

  constructor(index: LineIndex, problems: AdapterProblem[]) {
    this.index = index;
    this.problems = problems;
  }

  /** Reads the paragraph from `from` to `to`; given a memo, the same paragraph read last time is taken from it. */
  read(from: number, to: number, section: string[], memo?: ReadingMemo): void {
    if (to <= from) return;
    try {
      if (memo) this.remembered(from, to, section, memo);
      else {
        const found = extractNarrative(this.index, from, to, section);
        this.keep(found.statements, found.dates);
      }
    } catch (error) {
      this.fail(error, from, to);
    }
  }

  /**
   * Reads the paragraph from `from` to `to` with only its own words folded, not the whole text: a paragraph read again
   * on its own after an edit.
   */
  readAlone(from: number, to: number, section: string[]): void {
    if (to <= from) return;
    try {
      const found = extractNarrative(this.index, from, to, section, foldWidth(this.index.text.slice(from, to)));
      this.keep(found.statements, found.dates);
    } catch (error) {
      this.fail(error, from, to);
    }
  }

  private remembered(from: number, to: number, section: string[], memo: ReadingMemo): void {
    const { line, column } = this.index.position(from);
    const known = memo.paragraph(from, to, column, section);
    if (known) {
      const lines = line - known.line;
      const statements = moveLines(known.statements, lines);
      const dates = moveLines(known.dates, lines);
      this.keep(statements, dates);
      memo.keepParagraph(from, lines === 0 ? known : { ...known, line, statements, dates });
      return;
    }
    // Read again after an edit, only the paragraphs it touched are read: they are folded alone rather than the whole text.
    const found = extractNarrative(this.index, from, to, section, memo.warm ? foldWidth(this.index.text.slice(from, to)) : undefined);
    this.keep(found.statements, found.dates);
    memo.keepParagraph(from, { length: to - from, line, column, section: [...section], statements: found.statements, dates: found.dates }, true);
  }

  private keep(statements: Statement[], dates: DateMention[]): void {
    // One by one: spreading a long report's hundreds of thousands of statements would overflow the stack.
    for (const s of statements) this.statements.push(s);
    for (const d of dates) this.dates.push(d);
  }

  meta(sections: Section[]): ReportMeta {
    try {
      return inferMeta(this.index, sections);
    } catch (error) {
      this.fail(error, 0, 0);
      return {};
    }
  }

  private fail(error: unknown, from: number, to: number): void {
    if (this.failed) return;
    this.failed = true;
    this.problems.push(problem('internal', this.index.range(from, to), { detail: describeError(error) }));
  }
}

export function emptyDocument(uri: string, text: string, format: ReportFormat): ReportDocument {
  return {
    uri,
    text,
    format,
    meta: {},
    sections: [],
    tables: [],
    statements: [],
    dates: [],
    suppressions: [],
    problems: [],
  };
}

/** Orders problems by where they are, keeping the order of problems at the same place. */
export function sortProblems(problems: AdapterProblem[]): void {
  problems.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      a.range.end.line - b.range.end.line ||
      a.range.end.column - b.range.end.column,
  );
}

/** Offsets that are whitespace, for trimming spans found in the source. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0x3000 || code === 0xa0 || code === 0xfeff || code === 12 || code === 11;
}
