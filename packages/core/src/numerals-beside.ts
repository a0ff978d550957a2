import { LONG_DOCUMENT } from './part-memo.ts';
import { sharedEnds } from './shared-ends.ts';
import { lastAtOrBefore } from './sorted.ts';

/** Chinese numerals one to ten, as enumerations write them (`一是`, `第二`). */
const CN_NUMERALS = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));

/** The last long text searched for each character and side, and the offsets found (`numeralsBeside`). */
const lastSearches = new Map<string, { text: string; found: number[] }>();

/**
 * Offsets of `ch` with a Chinese numeral `side` places from it (-1: before, 1: after), in order. A long text (the
 * language server checks one after every edit) is searched only where it differs from the last long text searched for
 * the same character and side: the offsets found in the beginning and the end both share are taken from that search.
 */
export function numeralsBeside(text: string, ch: string, side: -1 | 1): number[] {
  const search = (out: number[], from: number, to: number): number[] => {
    // Within [from, to) only: a character seldom written is otherwise looked for to the end of the text.
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    for (let at = part.indexOf(ch); at >= 0; at = part.indexOf(ch, at + 1)) {
      if (CN_NUMERALS.has(text.charCodeAt(from + at + side))) out.push(from + at);
    }
    return out;
  };
  if (text.length < LONG_DOCUMENT) return search([], 0, text.length);
  const key = `${ch}${side}`;
  const last = lastSearches.get(key);
  let found: number[];
  if (!last) found = search([], 0, text.length);
  else if (last.text === text) found = last.found;
  else {
    const { prefix, suffix } = sharedEnds(last.text, text);
    const delta = text.length - last.text.length;
    // An offset and its numeral both lie in the shared beginning before `from`, or both in the shared end from `to` on.
    const from = Math.max(0, prefix - 1);
    const to = Math.min(text.length, text.length - suffix + 1);
    const before = last.found;
    found = [];
    let k = 0;
    while (k < before.length && (before[k] as number) < from) found.push(before[k++] as number);
    search(found, from, to);
    for (k = Math.max(k, lastAtOrBefore(before, to - delta - 1) + 1); k < before.length; k++) found.push((before[k] as number) + delta);
  }
  lastSearches.set(key, { text, found });
  return found;
}
