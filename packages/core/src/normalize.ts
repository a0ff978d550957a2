/**
 * Full-width → half-width folding that keeps every string's length, so offsets found in the
 * folded text are offsets in the original (ranges always point at the text as written).
 * Folds U+FF01–U+FF5E to ASCII, the ideographic space to a space, and a few look-alike
 * punctuation marks used interchangeably in reports.
 */
export function foldWidth(text: string): string {
  // Most text has nothing to fold, and most that has keeps long runs unchanged: copy those runs by slice
  // (a character-by-character rebuild, or a UTF-16 decoder that would replace lone surrogates, cost more).
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xa0) continue;
    const f = folded(c);
    if (f === c) continue;
    out += text.slice(last, i) + String.fromCharCode(f);
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
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
