/**
 * Full-width → half-width folding that keeps every string's length, so offsets found in the
 * folded text are offsets in the original (ranges always point at the text as written).
 * Folds U+FF01–U+FF5E to ASCII, the ideographic space to a space, and a few look-alike
 * punctuation marks used interchangeably in reports.
 */
export function foldWidth(text: string): string {
  // Most text has nothing to fold: find the first character that changes before building anything.
  let i = 0;
  while (i < text.length && folded(text.charCodeAt(i)) === text.charCodeAt(i)) i++;
  if (i === text.length) return text;
  const codes = new Uint16Array(text.length);
  for (let k = 0; k < i; k++) codes[k] = text.charCodeAt(k);
  for (; i < text.length; i++) codes[i] = folded(text.charCodeAt(i));
  let out = '';
  // String.fromCharCode over a bounded slice at a time: its arguments go on the stack.
  for (let k = 0; k < codes.length; k += 8192) out += String.fromCharCode(...codes.subarray(k, k + 8192));
  return out;
}

function folded(c: number): number {
  if (c < 0xa0) return c;
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000 || c === 0x00a0) return 0x20;
  if (c === 0x2015 || c === 0x2500) return 0x2014; // dashes
  return c;
}

/** Folds width and collapses whitespace: the key used to match labels written slightly differently. */
export function labelKey(text: string): string {
  return foldWidth(text)
    .replace(/[\s\u200b]+/g, '')
    .replace(/[：:]$/u, '')
    .toLowerCase();
}
