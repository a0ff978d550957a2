import { foldWidth, labelKey } from '@crossfoot/core';

/**
 * Keys for telling, without parsing, that a plain-text report cannot be a given issuer's: `issuerKey` is
 * `labelKey` (how reports of one issuer are paired), `textKey` the same folding over a whole text, so a
 * stretch of the text always gives a key found inside the text's key. Final sigma is folded because lower
 * case depends on the letters around it.
 */
export function issuerKey(issuer: string): string {
  return labelKey(issuer).replace(/ς/g, 'σ');
}

export function textKey(text: string): string {
  return foldWidth(text)
    .replace(/[\s\u200b]+/g, '')
    .toLowerCase()
    .replace(/ς/g, 'σ');
}
