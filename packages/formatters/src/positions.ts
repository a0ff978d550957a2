import type { Range } from '@crossfoot/core';

/**
 * The one place where crossfoot ranges meet the positions other tools expect.
 * Crossfoot ranges are 1-based, end-exclusive, columns in UTF-16 code units.
 */

/** SARIF `region` (with `columnKind: utf16CodeUnits`): 1-based, `endColumn` exclusive — the same convention. */
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function toSarifRegion(range: Range): SarifRegion {
  const startLine = atLeastOne(range.start.line);
  const startColumn = atLeastOne(range.start.column);
  const endLine = Math.max(startLine, atLeastOne(range.end.line));
  const endColumn = endLine === startLine ? Math.max(startColumn, atLeastOne(range.end.column)) : atLeastOne(range.end.column);
  return { startLine, startColumn, endLine, endColumn };
}

/**
 * GitHub Actions annotation properties (`line`, `endLine`, `col`, `endColumn`).
 * GitHub rejects `col`/`endColumn` unless `line === endLine`, so they are present only on single-line spans.
 * A span ending at column 1 of the next line ends on the previous line (it stops at the line break).
 */
export interface Annotation {
  line: number;
  endLine: number;
  col?: number;
  endColumn?: number;
}

export function toAnnotation(range: Range): Annotation {
  const region = toSarifRegion(range);
  const line = region.startLine;
  let endLine = region.endLine;
  const endsAtLineBreak = endLine > line && region.endColumn === 1;
  if (endsAtLineBreak) endLine -= 1;
  if (endLine !== line || endsAtLineBreak) return { line, endLine };
  return { line, endLine, col: region.startColumn, endColumn: region.endColumn };
}

function atLeastOne(n: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}
