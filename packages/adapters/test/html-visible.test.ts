import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignText, isWide, LineBuilder, type VisibleLine } from '../src/html-visible.ts';
import { isBlank } from '../src/reading.ts';

/**
 * The line builder as first written, a string per character and every value aligned with its source: what
 * `LineBuilder` must give, kept plain as the oracle of the test below.
 */
class CharacterByCharacter {
  private chars: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private pending: { start: number; end: number; newline: boolean } | undefined;
  private last = 0;

  text(value: string, raw: string, base: number, preserve: boolean): void {
    const { starts, ends } = alignText(value, raw);
    for (let i = 0; i < value.length; ) {
      const cp = value.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      const start = base + (starts[i] as number);
      const end = base + (ends[i + width - 1] as number);
      if (!preserve && [32, 9, 10, 13, 12].includes(cp)) this.space(start, end, cp === 10 || cp === 13);
      else this.put(value.slice(i, i + width), cp, start, end);
      i += width;
    }
  }

  space(start: number, end: number, newline: boolean): void {
    if (this.pending) {
      this.pending.end = Math.max(this.pending.end, end);
      this.pending.newline ||= newline;
    } else this.pending = { start, end, newline };
  }

  take(): VisibleLine | undefined {
    let n = this.chars.length;
    while (n > 0 && isBlank((this.chars[n - 1] as string).charCodeAt(0))) n--;
    const line = n === 0 ? undefined : { text: this.chars.slice(0, n).join(''), starts: this.starts.slice(0, n), ends: this.ends.slice(0, n) };
    this.chars = [];
    this.starts = [];
    this.ends = [];
    this.pending = undefined;
    this.last = 0;
    return line;
  }

  private put(unit: string, cp: number, start: number, end: number): void {
    if (this.chars.length === 0) {
      this.pending = undefined;
      if (isBlank(cp)) return;
    }
    const pending = this.pending;
    this.pending = undefined;
    if (pending && !(pending.newline && isWide(this.last) && isWide(cp))) this.add(' ', pending.start, pending.end);
    for (const u of unit.length === 2 ? [unit[0] as string, unit[1] as string] : [unit]) this.add(u, start, end);
    this.last = cp;
  }

  private add(unit: string, start: number, end: number): void {
    this.chars.push(unit);
    this.starts.push(start);
    this.ends.push(end);
  }
}

/** A text node: its decoded value and its source, which differ where the source has a reference or a carriage return. */
const piece = fc.constantFrom<[string, string]>(
  ['表', '表'],
  ['a', 'a'],
  [' ', ' '],
  ['\n', '\n'],
  ['\n', '\r\n'],
  ['\t', '\t'],
  ['\u3000', '\u3000'],
  ['\u00a0', '&nbsp;'],
  ['&', '&amp;'],
  ['&', '&'],
  ['<', '&lt;'],
  ['𠮷', '𠮷'],
  ['𠮷', '&#x20BB7;'],
  ['\ud842', '\ud842'],
  ['\udfb7', '\udfb7'],
  ['\ufeff', '\ufeff'],
  ['1', '1'],
);
const node = fc.array(piece, { maxLength: 12 }).map((pieces) => ({ value: pieces.map((p) => p[0]).join(''), raw: pieces.map((p) => p[1]).join('') }));
type Step = { kind: 'text'; value: string; raw: string; preserve: boolean } | { kind: 'space'; newline: boolean } | { kind: 'take' };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ node, preserve: fc.boolean() }).map(({ node: n, preserve }) => ({ kind: 'text' as const, ...n, preserve })) },
  { weight: 1, arbitrary: fc.boolean().map((newline) => ({ kind: 'space' as const, newline })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'take' as const }) },
);

describe('LineBuilder', () => {
  it('gives the lines, and each unit source span, that building them a character at a time gives', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        const builder = new LineBuilder();
        const oracle = new CharacterByCharacter();
        let base = 0;
        for (const s of steps) {
          if (s.kind === 'text') {
            builder.text(s.value, s.raw, base, s.preserve);
            oracle.text(s.value, s.raw, base, s.preserve);
            base += s.raw.length + 3;
          } else if (s.kind === 'space') {
            builder.space(base, base + 4, s.newline);
            oracle.space(base, base + 4, s.newline);
            base += 4;
          } else expect(builder.take()).toEqual(oracle.take());
        }
        expect(builder.take()).toEqual(oracle.take());
      }),
      { numRuns: 2000 },
    );
  });

  it('makes a line longer than one call of String.fromCharCode takes', () => {
    const builder = new LineBuilder();
    const value = '统计'.repeat(10_000);
    builder.text(value, value, 7, false);
    const line = builder.take();
    expect(line?.text).toBe(value);
    expect(line?.starts[19_999]).toBe(7 + 19_999);
    expect(line?.ends[19_999]).toBe(7 + 20_000);
  });

  it('aligns a value with its source where a reference stands for a character', () => {
    const builder = new LineBuilder();
    builder.text('共\u00a012 件', '共&nbsp;12 件', 100, false);
    const line = builder.take() as VisibleLine;
    expect(line.text).toBe('共\u00a012 件');
    expect(line.starts).toEqual([100, 101, 107, 108, 109, 110]);
    expect(line.ends).toEqual([101, 107, 108, 109, 110, 111]);
  });
});
