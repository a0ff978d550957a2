/**
 * The part of iconv-lite the adapters' decoder uses, on the browser's TextDecoder (which knows UTF-8,
 * UTF-16 LE/BE and GB18030). Like iconv-lite, undecodable bytes become U+FFFD and a BOM is stripped unless
 * `stripBOM: false`.
 */
const LABELS: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gbk',
};

export function decode(bytes: Uint8Array, encoding: string, options: { stripBOM?: boolean } = {}): string {
  const label = LABELS[encoding.toLowerCase()];
  if (!label) throw new Error(`unsupported encoding ${encoding}`);
  return new TextDecoder(label, { ignoreBOM: options.stripBOM === false }).decode(bytes);
}

export default { decode };
