import type { DateMention, Located, Quantity, Range, ReportMeta, Section, Statement } from '@crossfoot/core';
import { LineIndex } from '@crossfoot/core';

/**
 * A text made of pieces of a source document, each character remembering the source span it was read from.
 * Adapters whose visible text is not the source text (HTML with its markup and entities, YAML with its
 * quotes and indentation) run the narrative reader on this text and map what it finds back to the source.
 */
export class TextMap {
  private readonly parts: string[] = [];
  private starts: Int32Array = new Int32Array(256);
  private ends: Int32Array = new Int32Array(256);
  private size = 0;
  private built: { text: string; index: LineIndex } | undefined;

  get length(): number {
    return this.size;
  }

  /** Appends one UTF-16 code unit read from `source[start, end)`. */
  push(unit: string, start: number, end: number): void {
    if (this.size === this.starts.length) {
      const starts = new Int32Array(this.size * 2);
      const ends = new Int32Array(this.size * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.parts.push(unit);
    this.starts[this.size] = start;
    this.ends[this.size] = end;
    this.size++;
    this.built = undefined;
  }

  /** Appends a line break standing for no source text, placed at the end of what precedes it. */
  breakLine(): void {
    const at = this.size > 0 ? (this.ends[this.size - 1] as number) : 0;
    this.push('\n', at, at);
  }

  get text(): string {
    return this.build().text;
  }

  /** Line index over the mapped text, for the narrative reader. */
  get index(): LineIndex {
    return this.build().index;
  }

  /** Source offset where the character at `offset` starts (the end of the text maps to the end of its last character). */
  sourceStart(offset: number): number {
    if (this.size === 0) return 0;
    if (offset >= this.size) return this.ends[this.size - 1] as number;
    return this.starts[Math.max(0, offset)] as number;
  }

  /** Source offset where the character before `offset` ends. */
  sourceEnd(offset: number): number {
    if (this.size === 0) return 0;
    if (offset <= 0) return this.starts[0] as number;
    return this.ends[Math.min(offset, this.size) - 1] as number;
  }

  /** Source offsets of the mapped span `[from, to)`. */
  sourceSpan(from: number, to: number): { start: number; end: number } {
    const start = this.sourceStart(from);
    return { start, end: to > from ? Math.max(start, this.sourceEnd(to)) : start };
  }

  /** A range found in the mapped text, as a range of the source document. */
  toSource(range: Range, source: LineIndex): Range {
    const index = this.index;
    const { start, end } = this.sourceSpan(index.offset(range.start), index.offset(range.end));
    return source.range(start, end);
  }

  private build(): { text: string; index: LineIndex } {
    if (!this.built) {
      const text = this.parts.join('');
      this.built = { text, index: new LineIndex(text) };
    }
    return this.built;
  }
}

type Remap = (range: Range) => Range;

/** Statements found in a mapped text, with every range moved to the source. */
export function remapStatements(statements: Statement[], to: Remap): Statement[] {
  const quantity = (q: Quantity): Quantity => {
    const out: Quantity = { ...q, range: to(q.range) };
    if (q.percent) out.percent = { ...q.percent, range: to(q.percent.range) };
    return out;
  };
  return statements.map((s) => ({ ...s, total: quantity(s.total), parts: s.parts.map(quantity), range: to(s.range) }));
}

export function remapDates(dates: DateMention[], to: Remap): DateMention[] {
  return dates.map((d) => ({ ...d, range: to(d.range) }));
}

export function remapSections(sections: Section[], to: Remap): Section[] {
  return sections.map((s) => ({ ...s, range: to(s.range), extent: to(s.extent), children: remapSections(s.children, to) }));
}

export function remapMeta(meta: ReportMeta, to: Remap): ReportMeta {
  const out: ReportMeta = {};
  for (const key of Object.keys(meta) as (keyof ReportMeta)[]) {
    const located = meta[key];
    if (located) (out as Record<string, Located<unknown>>)[key] = { value: located.value, range: to(located.range) };
  }
  return out;
}
