import type { Position, Range } from '@crossfoot/core';
import type { Position as LspPosition, Range as LspRange } from 'vscode-languageserver';

/**
 * The one place where crossfoot positions meet LSP positions.
 * Crossfoot: 1-based lines and columns, end exclusive. LSP: 0-based lines and characters, end exclusive.
 * Both count columns in UTF-16 code units, so a character outside the BMP is two columns on either side.
 */

export function toLspPosition(position: Position): LspPosition {
  return { line: Math.max(0, position.line - 1), character: Math.max(0, position.column - 1) };
}

export function toLspRange(range: Range): LspRange {
  return { start: toLspPosition(range.start), end: toLspPosition(range.end) };
}

export function fromLspPosition(position: LspPosition): Position {
  return { line: position.line + 1, column: position.character + 1 };
}

export function fromLspRange(range: LspRange): Range {
  return { start: fromLspPosition(range.start), end: fromLspPosition(range.end) };
}

function compare(a: LspPosition, b: LspPosition): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether `position` falls on `range`; its end counts too, so hovering just after a figure still finds it. */
export function rangeContains(range: LspRange, position: LspPosition): boolean {
  return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}

/** Whether two ranges share at least one position (touching counts: an empty selection at a figure's end). */
export function rangesTouch(a: LspRange, b: LspRange): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

export function sameRange(a: LspRange, b: LspRange): boolean {
  return compare(a.start, b.start) === 0 && compare(a.end, b.end) === 0;
}
