import { type Diagnostic, LineIndex } from '@crossfoot/core';
import type { FormatInput } from './types.ts';

/** Source text lookup by uri: the whole text (indexed once) or just the lines a batch run kept. */
export class Sources {
  private readonly texts = new Map<string, string>();
  private readonly kept = new Map<string, Record<number, string>>();
  private readonly indexes = new Map<string, LineIndex>();

  constructor(input: FormatInput) {
    for (const file of input.files) {
      if (file.text !== undefined && !this.texts.has(file.uri)) this.texts.set(file.uri, file.text);
      else if (file.lines !== undefined && !this.kept.has(file.uri)) this.kept.set(file.uri, file.lines);
    }
  }

  private index(uri: string): LineIndex | undefined {
    const cached = this.indexes.get(uri);
    if (cached) return cached;
    const text = this.texts.get(uri);
    if (text === undefined) return undefined;
    const index = new LineIndex(text);
    this.indexes.set(uri, index);
    return index;
  }

  /** The text of 1-based `line` of `uri`, without its line break; undefined when unknown. */
  line(uri: string, line: number): string | undefined {
    const index = this.index(uri);
    if (index) return line < 1 || line > index.lineCount ? undefined : index.lineText(line);
    return this.kept.get(uri)?.[line];
  }
}

/** How many lines a multi-line span shows at most, and the context kept around it. */
const SPAN_LINES = 3;
const CONTEXT = 1;

/** The lines shown for one finding: its span (at most `SPAN_LINES`) with a line of context on each side. */
export function shownLines(d: Pick<Diagnostic, 'range'>): { from: number; to: number; spanTo: number } {
  const start = d.range.start.line;
  const spanTo = Math.max(start, Math.min(d.range.end.line, start + SPAN_LINES - 1));
  return { from: Math.max(1, start - CONTEXT), to: spanTo + CONTEXT, spanTo };
}

/**
 * The 1-based line numbers of `uri` the formatters may show for these findings, sorted: what a batch run
 * keeps of a report instead of its whole text.
 */
export function excerptLines(diagnostics: Pick<Diagnostic, 'uri' | 'range'>[], uri: string): number[] {
  const wanted = new Set<number>();
  for (const d of diagnostics) {
    if (d.uri !== uri) continue;
    const { from, to } = shownLines(d);
    for (let n = from; n <= to; n++) wanted.add(n);
  }
  return [...wanted].sort((a, b) => a - b);
}

/** `lines` of `text`, as a `FileSummary.lines` record (lines past the end are left out). */
export function keepLines(text: string, lines: number[]): Record<number, string> {
  const index = new LineIndex(text);
  const out: Record<number, string> = {};
  for (const n of lines) if (n >= 1 && n <= index.lineCount) out[n] = index.lineText(n);
  return out;
}
