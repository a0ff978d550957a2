import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Span, SpanMask } from '../../src/narrative/spans.ts';

/** The mask as a flag for every position of the text, as it was first written: the reference the search must match. */
function flags(length: number, spans: readonly Span[]): (pos: number) => boolean {
  const bits = new Uint8Array(length + 1);
  for (const s of spans) bits.fill(1, Math.max(0, s.start), Math.min(length, s.end));
  return (pos) => bits[pos] === 1;
}

describe('SpanMask', () => {
  it('holds the positions of overlapping, nested, touching and out-of-range spans, and nothing else', () => {
    const mask = new SpanMask(20, [
      { start: 5, end: 8 },
      { start: 6, end: 7 },
      { start: 8, end: 10 },
      { start: -4, end: 2 },
      { start: 18, end: 30 },
      { start: 12, end: 12 },
    ]);
    const held = Array.from({ length: 24 }, (_, p) => p - 2).filter((p) => mask.has(p));
    expect(held).toEqual([0, 1, 5, 6, 7, 8, 9, 18, 19]);
    expect(new SpanMask(20, []).has(0)).toBe(false);
  });

  it('answers as a flag for every position does, for any spans', () => {
    // Spans end at or after the text's start (a typed array's fill would count a negative end from the far end).
    const span = (length: number) => fc.record({ start: fc.integer({ min: -5, max: length + 5 }), end: fc.integer({ min: 0, max: length + 5 }) });
    const input = fc.integer({ min: 0, max: 120 }).chain((length) => fc.tuple(fc.constant(length), fc.array(span(length), { maxLength: 30 })));
    fc.assert(
      fc.property(input, ([length, spans]) => {
        const mask = new SpanMask(length, spans);
        const reference = flags(length, spans);
        for (let p = -3; p <= length + 3; p++) expect(mask.has(p)).toBe(reference(p));
      }),
      { numRuns: 500 },
    );
  });

  it('takes spans already in order and inside the text as they are, and answers the same', () => {
    // Spans inside the text, none empty, sorted by start: the path that merges them without a copy.
    const input = fc.integer({ min: 1, max: 120 }).chain((length) =>
      fc.tuple(
        fc.constant(length),
        fc
          .array(fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.integer({ min: 1, max: 12 })), { maxLength: 30 })
          .map((pairs) => pairs.map(([start, width]) => ({ start, end: Math.min(length, start + width) })).sort((a, b) => a.start - b.start)),
      ),
    );
    fc.assert(
      fc.property(input, ([length, spans]) => {
        const before = JSON.stringify(spans);
        const mask = new SpanMask(length, spans);
        expect(JSON.stringify(spans)).toBe(before);
        const reference = flags(length, spans);
        for (let p = -3; p <= length + 3; p++) expect(mask.has(p)).toBe(reference(p));
      }),
      { numRuns: 500 },
    );
  });

  it('without spans holds nothing, whatever masks with spans are made after it', () => {
    const none = new SpanMask(10, []);
    const some = new SpanMask(10, [{ start: 2, end: 4 }]);
    const again = new SpanMask(10, []);
    expect([0, 2, 3, 9].map((p) => none.has(p) || again.has(p))).toEqual([false, false, false, false]);
    expect(some.has(3)).toBe(true);
  });
});
