/** How many characters `a` and `b` share at their start, at most `limit` (compared a block at a time, natively). */
export function commonPrefix(a: string, b: string, limit: number): number {
  const block = 1024;
  let p = 0;
  while (p + block <= limit && a.slice(p, p + block) === b.slice(p, p + block)) p += block;
  while (p < limit && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** How many characters `a` and `b` share at their end, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  const block = 1024;
  let s = 0;
  while (s + block <= limit && a.slice(a.length - s - block, a.length - s) === b.slice(b.length - s - block, b.length - s)) s += block;
  while (s < limit && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}
