import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth, labelKey } from '../src/normalize.ts';

describe('foldWidth', () => {
  it('folds full-width forms, the ideographic and no-break spaces and look-alike dashes, keeping every offset', () => {
    const written = '共３２０条，其中：１２条\u3000A\u00a0B―C─D—E';
    const folded = foldWidth(written);
    expect(folded).toBe('共320条,其中:12条 A B—C—D—E');
    expect(folded.length).toBe(written.length);
  });

  it('returns text with nothing to fold as it is', () => {
    const text = '2023年共受理申请35件。Revenue 1,234.';
    expect(foldWidth(text)).toBe(text);
  });

  it('folds text longer than one building block, and leaves surrogate pairs whole', () => {
    const unit = '表１，合计１２０😀';
    const written = unit.repeat(3000);
    const folded = foldWidth(written);
    expect(folded.length).toBe(written.length);
    expect(folded).toBe('表1,合计120😀'.repeat(3000));
  });
});

describe('foldWidth on long text', () => {
  // Text past a few hundred characters is folded through a buffer of code units; shorter pieces are folded by slices.
  // Folding keeps every offset, so a long text folds to its pieces folded one by one.
  const piece = (text: string, size: number) =>
    Array.from({ length: Math.ceil(text.length / size) }, (_, k) => foldWidth(text.slice(k * size, (k + 1) * size)));
  const units = fc.constantFrom(0x41, 0x20, 0x4e2d, 0xff0c, 0xff11, 0x3000, 0x00a0, 0x2015, 0x2500, 0xd83d, 0xde00, 0xfeff, 0x0a);

  it('gives what folding its short pieces gives, lone surrogates and all', () => {
    fc.assert(
      fc.property(fc.array(units, { minLength: 257, maxLength: 3000 }), (codes) => {
        const text = String.fromCharCode(...codes);
        expect(foldWidth(text)).toBe(piece(text, 100).join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a lone surrogate as it is written', () => {
    const text = `${'，'.repeat(300)}\ud800x\udc00`;
    const folded = foldWidth(text);
    expect(folded.length).toBe(text.length);
    expect(folded.charCodeAt(300)).toBe(0xd800);
    expect(folded.charCodeAt(302)).toBe(0xdc00);
    expect(folded.slice(0, 300)).toBe(','.repeat(300));
  });

  it('folds a text longer than the buffer it keeps, and the next text as well', () => {
    const huge = `${'１'.repeat(1_200_000)}Ａ`;
    expect(foldWidth(huge)).toBe(`${'1'.repeat(1_200_000)}A`);
    const next = '表１，'.repeat(200);
    expect(foldWidth(next)).toBe('表1,'.repeat(200));
  });
});

describe('labelKey', () => {
  it('ignores width, blanks, a closing colon and case', () => {
    expect(labelKey('（一）本年新收 政府信息公开申请数量：')).toBe(labelKey('(一)本年新收政府信息公开申请数量'));
    expect(labelKey('Total Revenue')).toBe('totalrevenue');
  });
});
