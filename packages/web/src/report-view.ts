import type { Diagnostic, Range, Severity } from '@crossfoot/core';

/** Lines as the engine counts them: ending at `\n`, `\r\n` or a lone `\r`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

interface Span {
  from: number;
  to: number;
  /** Index of the finding in the file's list. */
  finding: number;
  primary: boolean;
  severity: Severity;
}

/** Lines per block of the rendered report. */
const BLOCK = 100;

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface RenderedReport {
  root: HTMLElement;
  /** Each finding's first highlight in the text. */
  marks: Map<number, HTMLElement>;
}

function spansOf(range: Range, lines: string[], finding: number, primary: boolean, severity: Severity, byLine: Map<number, Span[]>): void {
  const last = Math.min(range.end.line, lines.length);
  for (let line = Math.max(1, range.start.line); line <= last; line++) {
    const length = lines[line - 1]!.length;
    const from = line === range.start.line ? Math.min(Math.max(range.start.column - 1, 0), length) : 0;
    const to = line === range.end.line ? Math.min(Math.max(range.end.column - 1, from), length) : length;
    if (line !== range.start.line && line === range.end.line && to === 0) continue;
    const span = { from, to, finding, primary, severity };
    const list = byLine.get(line);
    if (list) list.push(span);
    else byLine.set(line, [span]);
  }
}

/**
 * The report as text, one element per line, each finding highlighted where it points (the places it relates,
 * such as the parts of a sum, are marked too, to light up when the finding is selected). The report's text only
 * ever becomes text nodes.
 */
export function renderReport(text: string, diagnostics: Diagnostic[], visible: (index: number) => boolean, doc: Document = document): RenderedReport {
  const lines = splitLines(text);
  const byLine = new Map<number, Span[]>();
  diagnostics.forEach((d, i) => {
    if (!visible(i)) return;
    spansOf(d.range, lines, i, true, d.severity, byLine);
    for (const r of d.related) if (r.uri === d.uri) spansOf(r.range, lines, i, false, d.severity, byLine);
  });
  const root = doc.createElement('div');
  root.className = 'lines';
  const marks = new Map<number, HTMLElement>();
  // Lines come in blocks the browser lays out only when they near the screen: a long report opens at once.
  let block: HTMLElement = root;
  const newBlock = (from: number) => {
    block = doc.createElement('div');
    block.className = 'block';
    block.style.containIntrinsicSize = `auto ${Math.min(BLOCK, lines.length - from) * 1.65}em`;
    root.append(block);
  };
  lines.forEach((content, index) => {
    if (index % BLOCK === 0) newBlock(index);
    const number = index + 1;
    const line = doc.createElement('div');
    line.className = 'line';
    line.dataset.n = String(number);
    const spans = byLine.get(number);
    if (!spans) {
      if (content) line.textContent = content;
      block.append(line);
      return;
    }
    const points = new Set<number>([0, content.length]);
    for (const s of spans) points.add(s.from).add(s.to);
    const cuts = [...points].sort((a, b) => a - b);
    const mark = (covering: Span[], from: number, to: number) => {
      const primaries = covering.filter((s) => s.primary);
      const el = doc.createElement('mark');
      const severity = primaries.reduce<Severity | undefined>((best, s) => (!best || RANK[s.severity] > RANK[best] ? s.severity : best), undefined);
      el.className = severity ? `hit sev-${severity}${from === to ? ' point' : ''}` : 'operand';
      if (primaries.length) el.dataset.f = [...new Set(primaries.map((s) => s.finding))].join(' ');
      const related = covering.filter((s) => !s.primary);
      if (related.length) el.dataset.r = [...new Set(related.map((s) => s.finding))].join(' ');
      if (to > from) el.textContent = content.slice(from, to);
      for (const s of primaries) if (!marks.has(s.finding)) marks.set(s.finding, el);
      return el;
    };
    for (let k = 0; k < cuts.length; k++) {
      const at = cuts[k]!;
      const points = spans.filter((s) => s.primary && s.from === at && s.to === at);
      if (points.length) line.append(mark(points, at, at));
      const next = cuts[k + 1];
      if (next === undefined) break;
      const covering = spans.filter((s) => s.from <= at && s.to >= next && s.to > s.from);
      const piece = content.slice(at, next);
      if (covering.length) line.append(mark(covering, at, next));
      else line.append(piece);
    }
    block.append(line);
  });
  return { root, marks };
}
