import { sharedEnds } from './shared-ends.ts';
import { lastAtOrBefore } from './sorted.ts';

/** CJK unified ideographs (basic, extension A, compatibility): what a repeated Chinese phrase is made of. */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** Whether `text[i, i+len)` is all Han and is repeated right after itself. */
function repeatsAt(text: string, i: number, len: number): boolean {
  for (let k = 0; k < len; k++) {
    const c = text.charCodeAt(i + k);
    if (!isHan(c) || c !== text.charCodeAt(i + len + k)) return false;
  }
  return true;
}

/**
 * Where each key (a Han character, or a pair of them: see `scan`) was last seen, by a hash of the key: the offset in
 * the window plus the `base` of the pass that saw it. Each pass takes a base past every value an earlier one stored,
 * so an entry from an earlier window or text never looks recent and the table is never cleared.
 */
const BUCKETS = 1 << 12;
const lastSeen = new Float64Array(BUCKETS);
let nextBase = 1;

/** Offsets a scan takes at a time (`scan`): what it marks in a window is at most this many. */
const WINDOW = 1 << 16;
/** The window of a scan again around an edit (`rescan`). */
const RESCAN_WINDOW = 1 << 12;

/** A text and the repeated phrases found in it, for the same parameters (`rescan`). */
export interface PhraseScan {
  text: string;
  found: [number, number][];
}

/** Texts at least this long are scanned again only where they changed since the last scan (`rescan`). */
const LONG_TEXT = 1 << 16;
/** The last long text scanned for each set of parameters (a pack's check), at most a few. */
const lastScans = new Map<string, PhraseScan>();

/**
 * Han phrases of `min` to `max` characters typed twice in a row (`领导领导`), as [offset, length of the phrase] pairs,
 * none in `allow`. The text is scanned from the left: at each Han character the longest such phrase starting there is
 * taken, and the scan goes on after its repeat.
 *
 * A phrase of length L at i needs the characters at i (and, when L is 2 or more, at i + 1) again L places on, so the
 * offsets worth testing are those where that key recurs within `max` places; most have none, and test nothing
 * (testing every length at every offset was the largest cost of the rules). `window` is for tests.
 *
 * A long text (the language server checks one after every keystroke) is scanned only where it differs from the last
 * long text scanned with the same parameters (`rescan`).
 */
export function repeatedPhrases(text: string, min: number, max: number, allow: readonly string[], window = WINDOW): [number, number][] {
  const whole = () => scan(text, min, max, allow, window, 0, [], Number.POSITIVE_INFINITY, () => false).found;
  if (text.length < LONG_TEXT) return whole();
  const key = `${min}\u0000${max}\u0000${allow.join('\u0001')}`;
  const last = lastScans.get(key);
  const found = last ? rescan(last, text, min, max, allow, window) : whole();
  lastScans.delete(key);
  if (lastScans.size >= 4) lastScans.delete(lastScans.keys().next().value as string);
  lastScans.set(key, { text, found });
  return found;
}

/**
 * The repeated phrases of `text` from those of an earlier scan (same parameters), scanning only around what changed.
 * Where the texts share a beginning, the phrases found there stand, up to `2 * max` characters before the first
 * difference (a phrase and its repeat look no further ahead). The scan starts again there and goes on until, inside
 * the end the texts share, it reaches an offset the earlier scan also stopped at (not inside a repeat it skipped):
 * from there on both scans make the same steps, and the earlier phrases are taken, moved by the change in length.
 */
export function rescan(previous: PhraseScan, text: string, min: number, max: number, allow: readonly string[], window = WINDOW): [number, number][] {
  const old = previous.text;
  if (old === text) return previous.found;
  const n = text.length;
  const delta = n - old.length;
  const { prefix, suffix } = sharedEnds(old, text);
  const before = previous.found;
  const out: [number, number][] = [];
  let k = 0;
  while (k < before.length && (before[k] as [number, number])[0] + 2 * max <= prefix) out.push(before[k++] as [number, number]);
  const kept = out.at(-1);
  const resume = Math.max(kept ? kept[0] + 2 * kept[1] : 0, prefix - 2 * max, 0);
  // Whether the earlier scan stopped at offset `j` of its text: not strictly inside a phrase and its repeat.
  const offsets = before.map(([at]) => at);
  const stoppedAt = (j: number): boolean => {
    const last = lastAtOrBefore(offsets, j);
    if (last < 0) return true;
    const [at, length] = before[last] as [number, number];
    return j === at || j >= at + 2 * length;
  };
  // Small windows: an edit is short, and a window is marked whole before its offsets are visited.
  const { found, stop } = scan(text, min, max, allow, Math.min(window, RESCAN_WINDOW), resume, out, n - suffix, (i) => stoppedAt(i - delta));
  if (stop < n) {
    const j = stop - delta;
    for (const [at, length] of before) if (at >= j) found.push([at + delta, length]);
  }
  return found;
}

/**
 * The scan from offset `start` (one the scan stops at), adding to `out`; it ends early at an offset from `syncFrom` on
 * for which `synced` is true, and says where it ended (`stop`, the text's length when it did not).
 *
 * The text is taken a window at a time. A pass from the window's end back to its start (reaching `max` places past
 * the end) marks the offsets whose key (the Han character there and the one after it; the character alone when
 * `min` is 1) recurs within `max` places, asking `lastSeen` when the key was last seen, by a hash of it: a bucket two
 * keys share marks an offset for nothing, never misses one. Only marked offsets can start a phrase, and they are
 * few; the scan then visits them in order, testing every length at each, from the longest down.
 */
function scan(
  text: string,
  min: number,
  max: number,
  allow: readonly string[],
  window: number,
  start: number,
  out: [number, number][],
  syncFrom: number,
  synced: (i: number) => boolean,
): { found: [number, number][]; stop: number } {
  const n = text.length;
  if (n < 2 * min || max < min) return { found: out, stop: n };
  const pairs = min >= 2;
  const marked = markedOffsets;
  // Offsets before `pos` are inside a phrase found or its repeat; the others are visited, in order.
  let pos = start;
  for (let from = start; from < n; from += window) {
    const stop = Math.min(n, from + window);
    const end = Math.min(n, stop + max);
    const base = nextBase;
    nextBase += end - from + max + 1;
    marked.length = 0;
    // Going backward, the character after `i` is the one the last step read: `next`, Han when `nextHan` (a key of two
    // needs both). Most characters of a report (digits, pipes, spaces, punctuation) fall below the first Han block.
    // Never read past the text: `charCodeAt` out of range gives NaN, a double where the loop holds small integers.
    let next = end < n ? text.charCodeAt(end) : 0;
    let nextHan = isHan(next);
    for (let i = end - 1; i >= from; i--) {
      const c0 = text.charCodeAt(i);
      const han = c0 >= 0x3400 && isHan(c0);
      const c1 = next;
      const pairHan = nextHan;
      next = c0;
      nextHan = han;
      if (!han) continue;
      let key = c0;
      if (pairs) {
        if (!pairHan) continue;
        key = c0 * 31 + c1;
      }
      const h = key & (BUCKETS - 1);
      const at = lastSeen[h] as number;
      lastSeen[h] = base + i - from;
      if (i < stop && at >= base && at - base - (i - from) <= max) marked.push(i);
    }
    // Marked offsets, last first.
    for (let k = marked.length - 1; k >= 0; k--) {
      const i = marked[k] as number;
      if (i < pos) continue;
      // Offsets from `pos` to `i` are visited before `i` is tried; those before it had nothing to try.
      const synchronised = syncedBetween(pos, i + 1, syncFrom, synced);
      if (synchronised >= 0) return { found: out, stop: synchronised };
      const hit = longestAt(text, i, min, max, allow);
      if (hit) {
        out.push([i, hit]);
        pos = i + 2 * hit;
      } else pos = i + 1;
    }
    const synchronised = syncedBetween(pos, stop, syncFrom, synced);
    if (synchronised >= 0) return { found: out, stop: synchronised };
    if (pos < stop) pos = stop;
  }
  return { found: out, stop: n };
}

/** Offsets marked in a window of `scan`, kept from one window to the next. */
const markedOffsets: number[] = [];

/** The first offset from `from` (and `syncFrom`) to `to`, exclusive, for which `synced` is true; -1 for none. */
function syncedBetween(from: number, to: number, syncFrom: number, synced: (i: number) => boolean): number {
  for (let p = Math.max(from, syncFrom); p < to; p++) if (synced(p)) return p;
  return -1;
}

/** The longest phrase of `min` to `max` characters at `i` that repeats and is not allowed; 0 for none. */
function longestAt(text: string, i: number, min: number, max: number, allow: readonly string[]): number {
  const c = text.charCodeAt(i);
  for (let len = Math.min(max, (text.length - i) >> 1); len >= min; len--) {
    if (text.charCodeAt(i + len) === c && repeatsAt(text, i, len) && !allow.includes(text.slice(i, i + len))) return len;
  }
  return 0;
}
