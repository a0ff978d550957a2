/** How many characters two texts share at their beginning (`prefix`) and then at their end (`suffix`). */
export interface SharedEnds {
  prefix: number;
  suffix: number;
}

/** The last texts compared, and what they share: reading, indexing and checking an edited report ask it of the same pair. */
let lastOld: string | undefined;
let lastText: string | undefined;
let lastShared: SharedEnds = { prefix: 0, suffix: 0 };

/**
 * What `text` shares with `old` at its beginning, and then at its end (the two never overlap: `prefix + suffix` is at
 * most the shorter length). Compared a block at a time, natively.
 */
export function sharedEnds(old: string, text: string): SharedEnds {
  if (old === lastOld && text === lastText) return lastShared;
  const shorter = Math.min(old.length, text.length);
  const prefix = commonPrefix(old, text, shorter);
  return remember(old, text, { prefix, suffix: commonSuffix(old, text, shorter - prefix) });
}

/** Keeps what a pair of texts shares, for the next question about the same pair. */
function remember(old: string, text: string, shared: SharedEnds): SharedEnds {
  lastOld = old;
  lastText = text;
  lastShared = shared;
  return shared;
}

/**
 * Tells `sharedEnds` what `text` shares with `old` when it is known to be `old` with `old[from, to)` replaced (an editor
 * sends each change so): the two are compared only from there on, not from their ends. What `sharedEnds` then gives
 * for the pair is what it would find by comparing them whole.
 */
export function sharedEndsAfterEdit(old: string, text: string, from: number, to: number): SharedEnds {
  const shorter = Math.min(old.length, text.length);
  // The beginning before `from` is shared, and so is the end after `to`; each may reach further.
  let prefix = Math.min(Math.max(0, from), shorter);
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = Math.min(Math.max(0, old.length - Math.max(from, to)), shorter - prefix);
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return remember(old, text, { prefix, suffix });
}

const BLOCK = 1024;

/** How many characters `a` and `b` share at their start, at most `limit`. */
function commonPrefix(a: string, b: string, limit: number): number {
  let p = 0;
  while (p + BLOCK <= limit && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < limit && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** How many characters `a` and `b` share at their end, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let s = 0;
  while (s + BLOCK <= limit && a.slice(a.length - s - BLOCK, a.length - s) === b.slice(b.length - s - BLOCK, b.length - s)) s += BLOCK;
  while (s < limit && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}
