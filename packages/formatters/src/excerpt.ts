import type { Range } from '@crossfoot/core';
import type { Sources } from './source.ts';
import { displayWidth, printable, takeEndByWidth, takeStartByWidth } from './text.ts';

/** A source line prepared for display with the flagged span marked beneath it. */
export interface Excerpt {
  line: number;
  /** The displayed text (possibly shortened with `…` around the span). */
  text: string;
  /** Display columns before the span. */
  indent: number;
  /** Display columns of the span, at least 1. */
  width: number;
}

/** Widest excerpt shown; longer lines are cut around the span. */
const MAX_WIDTH = 100;
const ELLIPSIS = '…';

/**
 * The first line of `range` with the span located in display columns, so a caret line
 * lines up under CJK and astral characters. Undefined when the source text is unknown.
 */
export function excerpt(sources: Sources, uri: string, range: Range): Excerpt | undefined {
  const lineNumber = range.start.line;
  const lineText = sources.line(uri, lineNumber);
  if (lineText === undefined) return undefined;
  const clamp = (n: number) => Math.max(0, Math.min(n, lineText.length));
  const from = clamp(range.start.column - 1);
  const to = range.end.line === lineNumber ? Math.max(from, clamp(range.end.column - 1)) : lineText.length;

  let before = printable(lineText.slice(0, from));
  let target = printable(lineText.slice(from, to));
  let after = printable(lineText.slice(to));
  // Each part measured once, and again only once it is cut: a paragraph is a line of hundreds of characters.
  let beforeWidth = displayWidth(before);
  let targetWidth = displayWidth(target);
  const afterWidth = displayWidth(after);

  if (beforeWidth + targetWidth + afterWidth > MAX_WIDTH) {
    const ellipsis = displayWidth(ELLIPSIS);
    let afterShown = afterWidth;
    if (targetWidth > MAX_WIDTH / 2) {
      target = takeStartByWidth(target, MAX_WIDTH / 2 - ellipsis) + ELLIPSIS;
      targetWidth = displayWidth(target);
      after = '';
      afterShown = 0;
    }
    const budget = MAX_WIDTH - targetWidth;
    const beforeBudget = Math.max(0, Math.floor(budget / 2));
    const afterBudget = Math.max(0, budget - Math.min(beforeWidth, beforeBudget));
    if (beforeWidth > beforeBudget) {
      before = ELLIPSIS + takeEndByWidth(before, beforeBudget - ellipsis);
      beforeWidth = displayWidth(before);
    }
    if (afterShown > afterBudget) after = takeStartByWidth(after, afterBudget - ellipsis) + ELLIPSIS;
  }

  return {
    line: lineNumber,
    text: before + target + after,
    indent: beforeWidth,
    width: Math.max(1, targetWidth),
  };
}
