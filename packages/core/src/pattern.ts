import { RE2JS } from 're2js';
import { foldWidth } from './normalize.ts';

/**
 * A pack's pattern, compiled on RE2 (linear time: a pattern from a pack can never stall a run).
 * Patterns and subjects are width-folded, so `（一）` in a pack matches `(一)` in a report.
 */
export interface Pattern {
  source: string;
  test(text: string): boolean;
  /** Every match as [start, end) offsets in `text` (folding keeps offsets). */
  matches(text: string): [number, number][];
}

export function compilePattern(source: string): Pattern {
  const re = RE2JS.compile(foldWidth(source));
  // The last subject and its answer: checks ask the same question of one section title or line for each of
  // its figures and dates, and a title can be long.
  let lastText: string | undefined;
  let lastFound = false;
  return {
    source,
    test(text) {
      if (text !== lastText) {
        lastFound = re.matcher(foldWidth(text)).find();
        lastText = text;
      }
      return lastFound;
    },
    matches(text) {
      const m = re.matcher(foldWidth(text));
      const out: [number, number][] = [];
      while (m.find()) {
        out.push([m.start(), m.end()]);
        if (m.end() === m.start() && m.end() >= text.length) break;
      }
      return out;
    },
  };
}
