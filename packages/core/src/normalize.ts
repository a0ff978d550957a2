/**
 * Full-width → half-width folding that keeps every string's length, so offsets found in the
 * folded text are offsets in the original (ranges always point at the text as written).
 * Folds U+FF01–U+FF5E to ASCII, the ideographic space to a space, and a few look-alike
 * punctuation marks used interchangeably in reports.
 */
export function foldWidth(text: string): string {
  return text.length > LONG_TEXT && NodeBuffer !== undefined ? foldLong(text, NodeBuffer) : foldShort(text);
}

/** Most text has nothing to fold, and most that has keeps long runs unchanged: those runs are copied by slice. */
function foldShort(text: string): string {
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

/**
 * A whole document (Chinese prose has a full-width comma every few characters) is folded into a buffer of UTF-16 code
 * units and made a string in one native copy: joining thousands of slices cost about twice as much, and the string it
 * made had to be flattened again when first read. Node's UCS-2 decoding copies code units as they are, lone
 * surrogates included (`TextDecoder` would replace them).
 */
function foldLong(text: string, buffer: NodeBufferClass): string {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0xa0 && folded(c) !== c) break;
    i++;
  }
  if (i === n) return text;
  if (units.length < n && n <= KEEP_UNITS) units = new Uint16Array(Math.min(KEEP_UNITS, Math.max(n, units.length * 2)));
  const out = n <= units.length ? units : new Uint16Array(n);
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    out[j] = c < 0xa0 ? c : folded(c);
  }
  return buffer.from(out.buffer, 0, n * 2).toString('ucs2');
}

/** Texts longer than this are folded through a buffer (`foldLong`); a label or a cell is shorter. */
const LONG_TEXT = 256;

/** The buffer `foldLong` fills, kept for the next document; grown up to `KEEP_UNITS` (2 MiB), past which a document gets its own. */
let units = new Uint16Array(1 << 14);
const KEEP_UNITS = 1 << 20;

interface NodeBufferClass {
  from(buffer: ArrayBuffer, byteOffset: number, length: number): { toString(encoding: 'ucs2'): string };
}

/**
 * Node's Buffer, where there is one (this module runs in browsers too, where `foldShort` does all the work) and the
 * machine stores a code unit's low byte first, as UCS-2 decoding reads it.
 */
const NodeBuffer = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? (globalThis as { Buffer?: NodeBufferClass }).Buffer : undefined;

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
