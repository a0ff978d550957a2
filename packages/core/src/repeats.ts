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

/** For each UTF-16 code unit, the last offset it was seen at in the text being scanned (-1: not seen); reset after each scan. */
let lastSeen: Int32Array | undefined;
/**
 * For each offset of the window being scanned, the next offset holding the same code unit (-1: none). Kept from one
 * text to the next: a text is scanned in windows of `WINDOW` offsets, so the table never grows past `WINDOW` plus the
 * longest phrase (a 5 MB report once made and zeroed a 20 MB table at every check).
 */
const WINDOW = 1 << 18;
/** The window of a scan again around an edit (`rescan`). */
const RESCAN_WINDOW = 1 << 12;
let nextSeen = new Int32Array(0);

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
 * A phrase of length L at i needs the character at i again at i + L, so the lengths worth testing at i are the
 * distances to the next few occurrences of the same character, found through a table of next occurrences: a
 * character seldom recurs within `max` places, so most offsets test nothing (testing every length at every offset was
 * the largest cost of the rules). Only occurrences within `max` places are followed, so the table is made a window at
 * a time, each reaching `max` places past the offsets scanned in it. `window` is for tests.
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
  // Small windows: an edit is short, and a window's table is made whole before its offsets are scanned.
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
  lastSeen ??= new Int32Array(0x10000).fill(-1);
  const last = lastSeen;
  const size = Math.min(n, window + max);
  if (nextSeen.length < size) nextSeen = new Int32Array(Math.min(WINDOW + max, Math.max(size, 2 * nextSeen.length)));
  const next = size <= nextSeen.length ? nextSeen : new Int32Array(size);
  const lengths = new Int32Array(max + 1);
  let i = start;
  while (i < n) {
    // The window: offsets from `from` to `stop` are scanned, their next occurrences known up to `end`.
    const from = i;
    const stop = Math.min(n, from + window);
    const end = Math.min(n, stop + max);
    for (let k = end - 1; k >= from; k--) {
      const c = text.charCodeAt(k);
      next[k - from] = last[c] as number;
      last[c] = k;
    }
    for (let k = from; k < end; k++) last[text.charCodeAt(k)] = -1;
    while (i < stop) {
      if (i >= syncFrom && synced(i)) return { found: out, stop: i };
      let hit = 0;
      if (isHan(text.charCodeAt(i))) {
        const limit = Math.min(max, Math.floor((n - i) / 2));
        let count = 0;
        for (let j = next[i - from] as number; j !== -1 && j - i <= limit; j = next[j - from] as number) lengths[count++] = j - i;
        for (let k = count - 1; k >= 0; k--) {
          const len = lengths[k] as number;
          if (len < min) break;
          if (repeatsAt(text, i, len) && !allow.includes(text.slice(i, i + len))) {
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
  }
  return { found: out, stop: n };
}
