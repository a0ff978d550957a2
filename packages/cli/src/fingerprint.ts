/**
 * A 64-bit fingerprint of a string (two independent 32-bit hashes of its UTF-16 code units, as 16 hex digits), for
 * telling whether something changed, where loading `node:crypto` would cost more than the whole comparison. Not a
 * digest: nothing here defends against a collision made on purpose.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
