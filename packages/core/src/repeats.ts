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
let nextSeen = new Int32Array(0);

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
 */
export function repeatedPhrases(text: string, min: number, max: number, allow: readonly string[], window = WINDOW): [number, number][] {
  const n = text.length;
  const out: [number, number][] = [];
  if (n < 2 * min || max < min) return out;
  lastSeen ??= new Int32Array(0x10000).fill(-1);
  const last = lastSeen;
  const size = Math.min(n, window + max);
  if (nextSeen.length < size) nextSeen = new Int32Array(Math.min(WINDOW + max, Math.max(size, 2 * nextSeen.length)));
  const next = size <= nextSeen.length ? nextSeen : new Int32Array(size);
  const lengths = new Int32Array(max + 1);
  let i = 0;
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
  return out;
}
