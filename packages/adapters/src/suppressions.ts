import type { LineIndex, Suppression } from '@crossfoot/core';

const COMMENT = /<!--([\s\S]*?)-->/gu;
const DIRECTIVE = /^\s*crossfoot-(disable-next-line|disable|enable)\b([\s\S]*)$/u;

interface OpenDisable {
  rules: string[];
  reason?: string;
  fromLine: number;
  start: number;
  end: number;
}

/**
 * Collects `crossfoot-disable-next-line`, `crossfoot-disable` … `crossfoot-enable` comments.
 * Feed it the source spans of HTML nodes in document order, then call `finish`.
 */
export class SuppressionCollector {
  private readonly index: LineIndex;
  private readonly out: Suppression[] = [];
  private open: OpenDisable[] = [];

  constructor(index: LineIndex) {
    this.index = index;
  }

  /** Scans `index.text.slice(from, to)` for suppression comments. */
  scan(from: number, to: number): void {
    const span = this.index.text.slice(from, to);
    if (!span.includes('crossfoot-')) return;
    for (const m of span.matchAll(COMMENT)) {
      const d = DIRECTIVE.exec(m[1] as string);
      if (!d) continue;
      const start = from + (m.index ?? 0);
      const end = start + m[0].length;
      const { rules, reason } = parseArguments(d[2] as string);
      const kind = d[1];
      if (kind === 'disable-next-line') {
        const line = this.nextNonBlankLine(this.index.position(end).line + 1);
        const s: Suppression = { rules, fromLine: line, toLine: line, range: this.index.range(start, end) };
        if (reason !== undefined) s.reason = reason;
        this.out.push(s);
      } else if (kind === 'disable') {
        const o: OpenDisable = { rules, fromLine: this.index.position(start).line, start, end };
        if (reason !== undefined) o.reason = reason;
        this.open.push(o);
      } else {
        this.enable(rules, this.index.position(start).line);
      }
    }
  }

  finish(): Suppression[] {
    this.enable([], this.index.lineCount);
    return this.out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  }

  /** `crossfoot-enable` closes every open disable; `crossfoot-enable a b` closes rules a and b where listed. */
  private enable(rules: string[], toLine: number): void {
    const still: OpenDisable[] = [];
    for (const o of this.open) {
      if (rules.length === 0) {
        this.close(o, o.rules, toLine);
        continue;
      }
      const closing = o.rules.filter((r) => rules.includes(r));
      if (closing.length > 0) this.close(o, closing, toLine);
      const remaining = o.rules.filter((r) => !rules.includes(r));
      if (o.rules.length === 0 || remaining.length > 0) still.push({ ...o, rules: o.rules.length === 0 ? [] : remaining });
    }
    this.open = still;
  }

  private close(o: OpenDisable, rules: string[], toLine: number): void {
    const s: Suppression = { rules, fromLine: o.fromLine, toLine, range: this.index.range(o.start, o.end) };
    if (o.reason !== undefined) s.reason = o.reason;
    this.out.push(s);
  }

  private nextNonBlankLine(line: number): number {
    let l = line;
    while (l < this.index.lineCount && this.index.lineText(l).trim() === '') l++;
    return Math.min(l, this.index.lineCount);
  }
}

function parseArguments(args: string): { rules: string[]; reason?: string } {
  const at = args.search(/(?:^|\s)--(?:\s|$)/u);
  const ids = at >= 0 ? args.slice(0, at) : args;
  const reason =
    at >= 0
      ? args
          .slice(at)
          .replace(/^\s*--/u, '')
          .trim()
      : undefined;
  const rules = ids.split(/[\s,]+/u).filter((r) => r !== '');
  return reason ? { rules, reason } : { rules };
}
