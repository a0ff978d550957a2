import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repeatedPhrases, rescan } from '../src/repeats.ts';

/** The scan as first written: at each Han offset, every length from the longest down. The new one must agree with it. */
function byEveryLength(text: string, min: number, max: number, allow: readonly string[]): [number, number][] {
  const han = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
  const repeats = (i: number, len: number) => {
    for (let k = 0; k < len; k++) {
      const c = text.charCodeAt(i + k);
      if (!han(c) || c !== text.charCodeAt(i + len + k)) return false;
    }
    return true;
  };
  const out: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    let hit = 0;
    if (han(text.charCodeAt(i))) {
      for (let len = Math.min(max, Math.floor((text.length - i) / 2)); len >= min; len--) {
        if (text.charCodeAt(i) === text.charCodeAt(i + len) && repeats(i, len) && !allow.includes(text.slice(i, i + len))) {
          hit = len;
          break;
        }
      }
    }
    if (hit) {
      out.push([i, hit]);
      i += 2 * hit;
    } else i++;
  }
  return out;
}

describe('repeatedPhrases', () => {
  it('finds a phrase typed twice, the longest first, and skips allowed ones', () => {
    expect(repeatedPhrases('我们要进一步进一步提升', 2, 8, [])).toEqual([[3, 3]]);
    expect(repeatedPhrases('领导领导和研究研究', 2, 8, ['研究'])).toEqual([[0, 2]]);
    // 哈哈哈哈: the longest repeat at the first offset (哈哈 twice), then the scan goes on after it.
    expect(repeatedPhrases('哈哈哈哈', 1, 8, [])).toEqual([[0, 2]]);
    expect(repeatedPhrases('abab 1212', 2, 8, [])).toEqual([]);
    expect(repeatedPhrases('', 2, 8, [])).toEqual([]);
  });

  it('finds what testing every length at every offset finds, in long texts of few characters', () => {
    const ch = fc.constantFrom('的', '是', '领', '导', '工', '作', '𠀀', 'a', '，', ' ', '\n', '\ud800', '豈', '㐀');
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 300 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(fc.constantFrom('的是', '领导', '工作', '的'), { maxLength: 2 }),
        (chars, min, extra, allow) => {
          const text = chars.join('');
          expect(repeatedPhrases(text, min, min + extra, allow)).toEqual(byEveryLength(text, min, min + extra, allow));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds the same, window by window, whatever the window: across its edges and past a repeat that crosses one', () => {
    const ch = fc.constantFrom('的', '是', '领', '导', '工', '作', 'a', '，', '\n', '豈');
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 200 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 40 }),
        (chars, min, extra, window) => {
          const text = chars.join('');
          expect(repeatedPhrases(text, min, min + extra, [], window)).toEqual(byEveryLength(text, min, min + extra, []));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads a text longer than its window, and a short one after it', () => {
    const long = `${'的是工作领导'.repeat(60_000)}进一步进一步`;
    expect(long.length).toBeGreaterThan(1 << 18);
    expect(repeatedPhrases(long, 2, 8, [])).toEqual(byEveryLength(long, 2, 8, []));
    expect(repeatedPhrases(long, 2, 8, []).at(-1)).toEqual([long.length - 6, 3]);
    expect(repeatedPhrases('工作工作', 2, 8, [])).toEqual([[0, 2]]);
  });

  it('forgets one text before the next: what an earlier text left in the table of keys seen never looks recent', () => {
    expect(repeatedPhrases('工作工作', 2, 8, [])).toEqual([[0, 2]]);
    expect(repeatedPhrases('作工', 2, 8, [])).toEqual([]);
    expect(repeatedPhrases('工作 工作', 2, 8, [])).toEqual([]);
  });

  it('finds, scanning again only around an edit, what scanning the edited text afresh finds', () => {
    const ch = fc.constantFrom('的', '是', '领', '导', '工', '作', 'a', '，', '\n');
    const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 12 }), insert: fc.array(ch, { maxLength: 12 }) });
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 300 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        (chars, edits, min, extra, window) => {
          let text = chars.join('');
          let previous = { text, found: byEveryLength(text, min, min + extra, ['领导']) };
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
            const found = rescan(previous, text, min, min + extra, ['领导'], window);
            expect(found).toEqual(byEveryLength(text, min, min + extra, ['领导']));
            previous = { text, found };
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('scans a long text again after an edit and finds what a fresh scan finds', () => {
    const long = `${'的是工作领导，'.repeat(20_000)}进一步进一步`;
    expect(repeatedPhrases(long, 2, 8, [])).toEqual(byEveryLength(long, 2, 8, []));
    const middle = long.length >> 1;
    const edited = `${long.slice(0, middle)}研究研究${long.slice(middle)}`;
    expect(repeatedPhrases(edited, 2, 8, [])).toEqual(byEveryLength(edited, 2, 8, []));
    expect(repeatedPhrases(edited, 2, 8, []).map(([at]) => at)).toEqual([middle, edited.length - 6]);
  });
});
