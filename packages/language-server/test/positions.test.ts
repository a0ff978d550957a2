import { describe, expect, it } from 'vitest';
import { fromLspPosition, fromLspRange, rangeContains, rangesTouch, toLspPosition, toLspRange } from '../src/positions.ts';

describe('positions', () => {
  it('turns 1-based, end-exclusive ranges into 0-based ones, and back', () => {
    const range = { start: { line: 10, column: 19 }, end: { line: 10, column: 23 } };
    expect(toLspRange(range)).toEqual({ start: { line: 9, character: 18 }, end: { line: 9, character: 22 } });
    expect(fromLspRange(toLspRange(range))).toEqual(range);
    expect(toLspPosition({ line: 1, column: 1 })).toEqual({ line: 0, character: 0 });
    expect(fromLspPosition({ line: 0, character: 0 })).toEqual({ line: 1, column: 1 });
  });

  it('keeps an empty range empty and a range ending at a line break where it ends', () => {
    expect(toLspRange({ start: { line: 3, column: 5 }, end: { line: 3, column: 5 } })).toEqual({
      start: { line: 2, character: 4 },
      end: { line: 2, character: 4 },
    });
    expect(toLspRange({ start: { line: 3, column: 1 }, end: { line: 4, column: 1 } })).toEqual({
      start: { line: 2, character: 0 },
      end: { line: 3, character: 0 },
    });
  });

  it('counts UTF-16 code units on both sides, so a character outside the BMP takes two columns', () => {
    const line = '𠀀𠀁共320条';
    const at = line.indexOf('320');
    expect(at).toBe(5);
    // The adapters count the same way: column = UTF-16 offset + 1.
    const range = { start: { line: 1, column: at + 1 }, end: { line: 1, column: at + 4 } };
    const lsp = toLspRange(range);
    expect(line.slice(lsp.start.character, lsp.end.character)).toBe('320');
    expect(fromLspRange(lsp)).toEqual(range);
  });

  it('never yields a negative position from a degenerate range', () => {
    expect(toLspPosition({ line: 0, column: 0 })).toEqual({ line: 0, character: 0 });
  });

  it('finds a position on a range, its end included, and ranges that touch', () => {
    const r = { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } };
    expect(rangeContains(r, { line: 9, character: 18 })).toBe(true);
    expect(rangeContains(r, { line: 9, character: 22 })).toBe(true);
    expect(rangeContains(r, { line: 9, character: 23 })).toBe(false);
    expect(rangeContains(r, { line: 8, character: 20 })).toBe(false);
    expect(rangesTouch(r, { start: { line: 9, character: 22 }, end: { line: 9, character: 22 } })).toBe(true);
    expect(rangesTouch(r, { start: { line: 9, character: 0 }, end: { line: 9, character: 17 } })).toBe(false);
  });
});
