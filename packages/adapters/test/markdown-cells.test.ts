import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellPipes, trimmedSlice } from '../src/markdown-tables.ts';

/** The pipes of `text` and its cells' bounds, found the plain way. */
function plainPipes(text: string): { bounds: [number, number][]; closed: boolean } {
  const pipes: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '|') pipes.push(i);
  const closed = text.length > 1 && text.endsWith('|');
  const count = closed ? pipes.length - 1 : pipes.length;
  const bounds: [number, number][] = [];
  for (let c = 0; c < count; c++) bounds.push([pipes[c] as number, pipes[c + 1] ?? text.length]);
  return { bounds, closed };
}

describe('the cells of a plain table line', () => {
  it('lie between the pipes cellPipes gives, the last up to the line end when no pipe closes it, whatever line came before', () => {
    const line = fc.string({ unit: fc.constantFrom('|', 'a', ' ', '中', '\\'), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        for (const text of lines) {
          const { pipes, count, closed } = cellPipes(text);
          const bounds: [number, number][] = [];
          for (let c = 0; c < count; c++) bounds.push([pipes[c] as number, pipes[c + 1] as number]);
          expect({ bounds, closed }).toEqual(plainPipes(text));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('give their words as slice and trim would, white space of every kind around them included', () => {
    const alphabet = fc.constantFrom(' ', '\t', '\u3000', '\u00a0', '\u2028', '\n', '\r', '\ufeff', '\u200b', '\u0001', 'a', '中', '|');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), fc.nat(), fc.nat(), (text, x, y) => {
        const a = x % (text.length + 1);
        const b = a + (y % (text.length - a + 1));
        expect(trimmedSlice(text, a, b)).toBe(text.slice(a, b).trim());
      }),
      { numRuns: 2000 },
    );
  });
});
