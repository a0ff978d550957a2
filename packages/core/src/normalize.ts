/**
 * Full-width → half-width folding that keeps every string's length, so offsets found in the
 * folded text are offsets in the original (ranges always point at the text as written).
 * Folds U+FF01–U+FF5E to ASCII, the ideographic space to a space, and a few look-alike
 * punctuation marks used interchangeably in reports.
 */
export function foldWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let r = c;
    if (c >= 0xff01 && c <= 0xff5e) r = c - 0xfee0;
    else if (c === 0x3000) r = 0x20;
    else if (c === 0x2014 || c === 0x2015 || c === 0x2500)
      r = 0x2014; // dashes
    else if (c === 0x00a0) r = 0x20;
    if (r !== c) changed = true;
    out += String.fromCharCode(r);
  }
  return changed ? out : text;
}

/** Folds width and collapses whitespace: the key used to match labels written slightly differently. */
export function labelKey(text: string): string {
  return foldWidth(text)
    .replace(/[\s\u200b]+/g, '')
    .replace(/[：:]$/u, '')
    .toLowerCase();
}
