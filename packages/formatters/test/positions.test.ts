import { describe, expect, it } from 'vitest';
import { toAnnotation, toSarifRegion } from '../src/positions.ts';

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});

describe('toSarifRegion', () => {
  it('keeps 1-based, end-exclusive UTF-16 positions as they are', () => {
    expect(toSarifRegion(range(5, 19, 5, 22))).toEqual({ startLine: 5, startColumn: 19, endLine: 5, endColumn: 22 });
    expect(toSarifRegion(range(1, 1, 3, 1))).toEqual({ startLine: 1, startColumn: 1, endLine: 3, endColumn: 1 });
  });

  it('never emits positions the schema rejects', () => {
    expect(toSarifRegion(range(0, 0, 0, 0))).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    expect(toSarifRegion(range(4, 9, 4, 3))).toEqual({ startLine: 4, startColumn: 9, endLine: 4, endColumn: 9 });
  });
});

describe('toAnnotation', () => {
  it('gives columns on a single-line span', () => {
    expect(toAnnotation(range(9, 27, 9, 36))).toEqual({ line: 9, endLine: 9, col: 27, endColumn: 36 });
  });

  it('omits columns on a multi-line span', () => {
    const a = toAnnotation(range(2, 4, 6, 8));
    expect(a).toEqual({ line: 2, endLine: 6 });
    expect('col' in a).toBe(false);
    expect('endColumn' in a).toBe(false);
  });

  it('ends a span that stops at the next line break on the line before', () => {
    expect(toAnnotation(range(1, 1, 3, 1))).toEqual({ line: 1, endLine: 2 });
    expect(toAnnotation(range(7, 5, 8, 1))).toEqual({ line: 7, endLine: 7 });
  });
});
