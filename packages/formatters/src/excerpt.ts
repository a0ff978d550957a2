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

  if (displayWidth(before) + displayWidth(target) + displayWidth(after) > MAX_WIDTH) {
    const ellipsis = displayWidth(ELLIPSIS);
    if (displayWidth(target) > MAX_WIDTH / 2) {
      target = takeStartByWidth(target, MAX_WIDTH / 2 - ellipsis) + ELLIPSIS;
      after = '';
    }
    const budget = MAX_WIDTH - displayWidth(target);
    const beforeBudget = Math.max(0, Math.floor(budget / 2));
    const afterBudget = Math.max(0, budget - Math.min(displayWidth(before), beforeBudget));
    if (displayWidth(before) > beforeBudget) before = ELLIPSIS + takeEndByWidth(before, beforeBudget - ellipsis);
    if (displayWidth(after) > afterBudget) after = takeStartByWidth(after, afterBudget - ellipsis) + ELLIPSIS;
  }

  return {
    line: lineNumber,
    text: before + target + after,
    indent: displayWidth(before),
    width: Math.max(1, displayWidth(target)),
  };
}
