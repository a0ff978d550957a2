const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of utf8(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

function* utf8(text: string): Generator<number> {
  for (const char of text) {
    let cp = char.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate
    if (cp < 0x80) yield cp;
    else if (cp < 0x800) {
      yield 0xc0 | (cp >> 6);
      yield 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      yield 0xe0 | (cp >> 12);
      yield 0x80 | ((cp >> 6) & 0x3f);
      yield 0x80 | (cp & 0x3f);
    } else {
      yield 0xf0 | (cp >> 18);
      yield 0x80 | ((cp >> 12) & 0x3f);
      yield 0x80 | ((cp >> 6) & 0x3f);
      yield 0x80 | (cp & 0x3f);
    }
  }
}

/**
 * Fingerprints that survive lines moving: each finding is keyed by rule, file and the trimmed
 * text of its first line; findings sharing a key are told apart by their order of occurrence.
 * `lineTexts[i]` is the flagged line of `diagnostics[i]` (empty when the source is unknown);
 * diagnostics must already be sorted.
 */
export function lineFingerprints(diagnostics: { ruleId: string; uri: string }[], lineTexts: string[]): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d, i) => {
    const key = [d.ruleId, d.uri, (lineTexts[i] ?? '').trim()].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return fnv1a64(`${key}\u0000${occurrence}`);
  });
}
