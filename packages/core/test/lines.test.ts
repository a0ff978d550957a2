import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../src/lines.ts';
import { foldWidth } from '../src/normalize.ts';

describe('LineIndex', () => {
  it('ends lines at LF, CRLF and a lone CR, counting columns in UTF-16 code units', () => {
    const index = new LineIndex('ab\r\n𠮷c\rd\ne');
    expect(index.lineCount).toBe(4);
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 1 });
    expect(index.position(6)).toEqual({ line: 2, column: 3 });
    expect(index.position(8)).toEqual({ line: 3, column: 1 });
    expect(index.position(10)).toEqual({ line: 4, column: 1 });
    expect(index.lineText(2)).toBe('𠮷c');
  });

  it('places an offset between the CR and the LF of a line break at the end of that line', () => {
    const index = new LineIndex('ab\r\ncd');
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
    expect(index.position(3)).toEqual({ line: 1, column: 3 });
    expect(index.position(4)).toEqual({ line: 2, column: 1 });
    expect(index.range(1, 3)).toEqual({ start: { line: 1, column: 2 }, end: { line: 1, column: 3 } });
  });

  it('clamps offsets outside the text and maps positions back to offsets', () => {
    const index = new LineIndex('一二\n三');
    expect(index.position(-5)).toEqual({ line: 1, column: 1 });
    expect(index.position(99)).toEqual({ line: 2, column: 2 });
    expect(index.offset({ line: 2, column: 1 })).toBe(3);
    expect(index.offset({ line: 9, column: 9 })).toBe(4);
  });

  it('finds the same lines whether or not the text holds a carriage return', () => {
    const lf = 'a\n\nbc\n甲乙\n';
    const mixed = 'a\n\nbc\r\n甲乙\n';
    const a = new LineIndex(lf);
    const b = new LineIndex(mixed);
    expect(a.lineCount).toBe(5);
    expect(b.lineCount).toBe(5);
    for (let line = 1; line <= 5; line++) expect(a.lineText(line)).toBe(b.lineText(line));
    expect(a.position(lf.length)).toEqual({ line: 5, column: 1 });
    expect(new LineIndex('').lineCount).toBe(1);
    expect(new LineIndex('no break').lineCount).toBe(1);
  });

  it('finds the same line for an offset whatever was looked up before it', () => {
    // The reference: the line is one more than the line breaks before the offset (CRLF counted once, and an offset
    // between its CR and LF still on the line the CR ends).
    const lineOf = (text: string, offset: number) => {
      let o = Math.max(0, Math.min(offset, text.length));
      if (o > 0 && text[o] === '\n' && text[o - 1] === '\r') o--;
      return text.slice(0, o).split(/\r\n|\r|\n/).length;
    };
    const texts = fc.array(fc.constantFrom('a', '甲', '\n', '\r', '\r\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(texts, fc.array(fc.integer({ min: -2, max: 62 }), { maxLength: 40 }), (text, offsets) => {
        const index = new LineIndex(text);
        for (const o of offsets) expect(index.position(o).line).toBe(lineOf(text, o));
      }),
      { numRuns: 500 },
    );
  });

  it('gives its text width-folded, offset for offset, so that a slice of it is the slice folded', () => {
    const text = '共１２３件，ＡＢＣ\u3000全年';
    const index = new LineIndex(text);
    expect(index.folded).toBe('共123件,ABC 全年');
    expect(index.folded.length).toBe(text.length);
    expect(index.folded.slice(1, 4)).toBe(foldWidth(text.slice(1, 4)));
  });
});

describe('LineIndex.edited and LineIndex.of', () => {
  const plain = ['\n', '\n\n', 'a', '表', '12', ' '];
  const piece = fc.constantFrom(...plain);
  const edit = (pieces: fc.Arbitrary<string>) =>
    fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 8 }), insert: fc.array(pieces, { maxLength: 6 }) });
  /** Every line's start and end, and the position of every offset: what an index answers. */
  const answers = (index: LineIndex) => ({
    lines: Array.from({ length: index.lineCount }, (_, i) => [index.lineStart(i + 1), index.lineEnd(i + 1)]),
    positions: Array.from({ length: index.text.length + 1 }, (_, o) => index.position(o)),
  });

  it('indexes an edited text as a fresh index does, from the index of the text before the edit (with carriage returns too)', () => {
    // Line feeds only (the index is made from the earlier one), then with carriage returns (made afresh).
    for (const pieces of [piece, fc.constantFrom(...plain, '\r\n', '\r')]) check(pieces);
  });

  const check = (pieces: fc.Arbitrary<string>) =>
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), fc.array(edit(pieces), { minLength: 1, maxLength: 5 }), (pieces, edits) => {
        let index = new LineIndex(pieces.join(''));
        for (const e of edits) {
          const text = index.text;
          const at = e.at % (text.length + 1);
          const next = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
          index = LineIndex.edited(index, next);
          expect(answers(index)).toEqual(answers(new LineIndex(next)));
        }
      }),
      { numRuns: 1000 },
    );

  it('gives the same index again for the same text, and indexes a long edited text as a fresh index does', () => {
    const text = '第一行\n第二行\n'.repeat(12_000);
    const index = LineIndex.of(text);
    expect(LineIndex.of(text)).toBe(index);
    const middle = text.length >> 1;
    const edited = `${text.slice(0, middle)}\n新的一行\n${text.slice(middle + 3)}`;
    const again = LineIndex.of(edited);
    const fresh = new LineIndex(edited);
    expect(again.lineCount).toBe(fresh.lineCount);
    for (let line = 1; line <= fresh.lineCount; line += 97) expect(again.lineStart(line)).toBe(fresh.lineStart(line));
    expect(again.position(edited.length - 1)).toEqual(fresh.position(edited.length - 1));
  });
});
