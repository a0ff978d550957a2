import type { AdapterProblem } from '@crossfoot/core';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { startOfDocument } from './problems.ts';

/** The text of a report file and the encoding it was read in, or why it could not be read. */
export type Decoded = { text: string; encoding: string } | { problem: AdapterProblem };

/**
 * Reads the bytes of a report file as text. Supported: UTF-8 (with or without BOM), UTF-16 LE and BE with a BOM,
 * and GB18030 (which includes GBK and GB2312), the encoding Chinese Windows tools save in. A BOM is stripped.
 *
 * Valid UTF-8 always wins. Otherwise the bytes must decode as GB18030 without a single invalid sequence and read
 * like Chinese (or the detector must agree); short GBK texts are where detectors fail, so the decoding decides,
 * not the detector's confidence. Anything else — binary data, a truncated or mixed file, another encoding — is a
 * `decode` problem, never a crash and never mojibake.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };
  const format = binaryFormat(bytes);
  if (format !== undefined) return failure('binary-format', { format });

  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) return failure('unsupported', { encoding: 'UTF-32' });
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = validUtf8(bytes.subarray(3));
    if (text !== undefined) return accept(text, 'utf-8');
    const scan = scanUtf8(bytes, 3);
    if (scan.firstError !== undefined) return invalidAt(bytes, scan.firstError, 3, 'UTF-8', 'utf8');
    return accept(iconv.decode(bytes.subarray(3), 'utf8', KEEP_BOM), 'utf-8');
  }
  for (const [bom, name, codec] of UTF16) {
    if (!startsWith(bytes, bom)) continue;
    const error = scanUtf16(bytes, codec === 'utf16le');
    if (error !== undefined) return invalidAt(bytes, error, 2, name, codec);
    return accept(iconv.decode(bytes.subarray(2), codec, KEEP_BOM), name.toLowerCase());
  }
  if (bytes.includes(0)) return failure('binary');

  const valid = validUtf8(bytes);
  if (valid !== undefined) return accept(valid, 'utf-8');
  const utf8 = scanUtf8(bytes, 0);
  if (utf8.firstError === undefined) return accept(iconv.decode(bytes, 'utf8', KEEP_BOM), 'utf-8');
  // Mostly valid UTF-8, a start in valid UTF-8 Chinese, or valid UTF-8 cut inside its last character is a damaged
  // UTF-8 file, not text in another encoding: GBK text breaks UTF-8 within its first few characters.
  const cutShort = utf8.errors === 1 && utf8.cutAtEnd && utf8.multibyte > 0;
  if (utf8.multibyte >= 4 * utf8.errors || utf8.multibyteBeforeError >= 4 || cutShort) return invalidAt(bytes, utf8.firstError, 0, 'UTF-8', 'utf8');

  const gb = scanGb18030(bytes);
  const readsAsChinese = gb.pairs > 0 && gb.common >= 0.75 * gb.pairs;
  const guesses = analyse(bytes.length > SAMPLE ? bytes.subarray(0, SAMPLE) : bytes).filter((m) => m.name !== 'UTF-8');
  if (gb.firstError === undefined) {
    const text = iconv.decode(bytes, 'gb18030');
    if (countReplacements(text) > gb.literalReplacements) return invalidAt(bytes, firstUnmapped(bytes), 0, 'GB18030', 'gb18030');
    // Without four-byte sequences the file is GBK, which GB18030 extends.
    const detectorAgrees = guesses[0]?.name === 'GB18030' && guesses[0].confidence >= 50;
    if (readsAsChinese || detectorAgrees) return accept(text, gb.fourByte > 0 ? 'gb18030' : 'gbk');
  } else if (readsAsChinese && gb.pairs >= 4 * gb.errors) {
    return invalidAt(bytes, gb.firstError, 0, 'GB18030', 'gb18030');
  }
  const guess = guesses.find((m) => m.name !== 'GB18030');
  return guess ? failure('unknown-guess', { guess: guess.name, confidence: guess.confidence }) : failure('unknown');
}

const SAMPLE = 64 * 1024;
/** BOMs are checked and skipped here; one the decoder would strip again is text. */
const KEEP_BOM = { stripBOM: false };
const UTF16: [number[], string, 'utf16le' | 'utf16be'][] = [
  [[0xff, 0xfe], 'UTF-16LE', 'utf16le'],
  [[0xfe, 0xff], 'UTF-16BE', 'utf16be'],
];

const messages = {
  binary: {
    'zh-CN': '文件不是文本：含有 NUL 字节或大量控制字符',
    en: 'The file is not text: it contains NUL bytes or many control characters',
  },
  'binary-format': {
    'zh-CN': '这是 {format} 文件，不是文本；请先提取文本（PDF 可用 pdftotext -layout）',
    en: 'This is a {format} file, not text; extract its text first (for a PDF, pdftotext -layout)',
  },
  invalid: {
    'zh-CN': '文件按 {encoding} 读取，但第 {line} 行第 {column} 列（第 {byte} 字节）处的字节序列无效：文件可能被截断或混用了编码；请检查后另存为 UTF-8',
    en: 'The file reads as {encoding} but has an invalid byte sequence at line {line}, column {column} (byte {byte}): it may be truncated or mix encodings; check it and save it as UTF-8',
  },
  unknown: {
    'zh-CN': '无法确定文件编码：既不是有效的 UTF-8，也不是 GB18030（GBK）中文文本；请另存为 UTF-8',
    en: "Cannot tell the file's encoding: it is neither valid UTF-8 nor GB18030 (GBK) Chinese text; save it as UTF-8",
  },
  'unknown-guess': {
    'zh-CN': '无法确定文件编码：既不是有效的 UTF-8，也不是 GB18030（GBK）中文文本（检测器猜测为 {guess}，置信度 {confidence}，不受支持）；请另存为 UTF-8',
    en: "Cannot tell the file's encoding: it is neither valid UTF-8 nor GB18030 (GBK) Chinese text (the detector guesses {guess}, confidence {confidence}, which is not supported); save it as UTF-8",
  },
  unsupported: {
    'zh-CN': '不支持 {encoding} 编码；请另存为 UTF-8',
    en: '{encoding} is not supported; save the file as UTF-8',
  },
} as const;

function failure(id: keyof typeof messages, data: Record<string, string | number> = {}): { problem: AdapterProblem } {
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (whole, key: string) => String(data[key] ?? whole));
  return {
    problem: {
      code: 'decode',
      severity: 'error',
      message: { 'zh-CN': fill(messages[id]['zh-CN']), en: fill(messages[id].en) },
      range: startOfDocument,
    },
  };
}

/**
 * The text of bytes that are valid UTF-8 (a BOM kept), else undefined: checked and decoded natively (in Node by
 * `isUtf8` and `transcode`, elsewhere by a strict `TextDecoder`), where the scan that says where and how UTF-8 breaks
 * is needed only for the bytes that are not.
 */
function validUtf8(bytes: Uint8Array): string | undefined {
  const node = nodeBuffer();
  if (node) return node.isUtf8(bytes) ? utf8ByTranscoding(node, bytes) : undefined;
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** What this module uses of Node's `buffer` module. */
interface NodeBufferModule {
  isUtf8(bytes: Uint8Array): boolean;
  transcode(bytes: Uint8Array, from: 'utf8', to: 'utf16le'): { toString(encoding: 'utf16le'): string };
}

let nodeBufferModule: NodeBufferModule | null | undefined;

/**
 * Node's `buffer` module where the code runs in Node (the command, the language server), else null (a browser).
 * Node's `TextDecoder` checks UTF-8 with SIMD but then decodes it with V8's scalar decoder, which goes over the bytes
 * twice (once to size the string, once to fill it): about 110 µs for a report of 15 KB of Chinese text. Checked by
 * `isUtf8` (the same SIMD check) and converted to UTF-16 by `transcode` (ICU), then made a string by copying, it takes
 * about 20 µs.
 */
function nodeBuffer(): NodeBufferModule | null {
  if (nodeBufferModule === undefined) {
    const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
    const module = get?.('node:buffer') as Partial<NodeBufferModule> | undefined;
    nodeBufferModule = typeof module?.isUtf8 === 'function' && typeof module.transcode === 'function' ? (module as NodeBufferModule) : null;
  }
  return nodeBufferModule;
}

/**
 * The UTF-16 bytes of a piece are made a string by copying them into V8's heap (one byte a character where all fit),
 * except from about 1 MB on, where Node makes an external two-byte string instead, two bytes a character even for
 * ASCII. Converted a piece at a time below that size, never cutting a character, a text of any size is a string of the
 * usual kind.
 */
const TRANSCODED_PIECE = 1 << 18;

/** Valid UTF-8 bytes (`isUtf8`) as a string, converted a piece at a time (`TRANSCODED_PIECE`). */
function utf8ByTranscoding(node: NodeBufferModule, bytes: Uint8Array): string {
  if (bytes.length <= TRANSCODED_PIECE) return node.transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  let text = '';
  for (let from = 0; from < bytes.length; ) {
    let to = Math.min(bytes.length, from + TRANSCODED_PIECE);
    // Back to the first byte of a character: a continuation byte is 10xxxxxx.
    while (to < bytes.length && ((bytes[to] as number) & 0xc0) === 0x80) to--;
    text += node.transcode(bytes.subarray(from, to), 'utf8', 'utf16le').toString('utf16le');
    from = to;
  }
  return text;
}

/** The WHATWG decoder of Node and browsers alike (this package's types name neither). */
declare const TextDecoder: new (label: 'utf-8', options: { fatal: boolean; ignoreBOM: boolean }) => { decode(bytes: Uint8Array): string };

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** NUL, and the control characters a text file does not hold (not tab, line breaks, form feed, vertical tab). */
const CONTROL = /[\0-\x08\x0e-\x1f\x7f-\x9f]/u;

/**
 * Decoded text is accepted unless it is mostly control characters (binary data that happened to decode) or
 * 7-bit ISO-2022 text, which is valid ASCII but not readable as it stands.
 */
function accept(text: string, encoding: string): Decoded {
  if (/\x1b\$[()*+]?[@A-Z]/u.test(text)) return failure('unsupported', { encoding: 'ISO-2022' });
  // Most texts hold none: found by one native search, counted only when there are some.
  if (!CONTROL.test(text)) return { text, encoding };
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return failure('binary');
    if ((c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  if (controls * 100 > text.length) return failure('binary');
  return { text, encoding };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Formats that are not text, by their magic bytes. */
function binaryFormat(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'PDF';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP (DOCX, XLSX)';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'OLE (DOC, XLS)';
  return undefined;
}

interface Scan {
  /** Offset of the first byte of the first invalid sequence. */
  firstError?: number;
  errors: number;
}

/** UTF-8 as the Encoding Standard defines it: no overlong forms, no surrogates, nothing above U+10FFFF. */
function scanUtf8(bytes: Uint8Array, from: number): Scan & { multibyte: number; multibyteBeforeError: number; cutAtEnd: boolean } {
  const scan = { errors: 0, multibyte: 0, multibyteBeforeError: 0, cutAtEnd: false, firstError: undefined as number | undefined };
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    }
    let k = 1;
    while (need > 0 && k <= need) {
      const c = bytes[i + k];
      if (c === undefined || c < lower || c > upper) break;
      lower = 0x80;
      upper = 0xbf;
      k++;
    }
    if (need > 0 && k > need) {
      scan.multibyte++;
      if (scan.firstError === undefined) scan.multibyteBeforeError++;
      i += k;
    } else {
      scan.errors++;
      scan.firstError ??= i;
      scan.cutAtEnd = need > 0 && i + k === bytes.length;
      i += k;
    }
  }
  return scan;
}

/** Offset of the first odd trailing byte or unpaired surrogate after the BOM. */
function scanUtf16(bytes: Uint8Array, le: boolean): number | undefined {
  const unit = (i: number) => (le ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8) : ((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  const end = bytes.length - (bytes.length % 2);
  for (let i = 2; i < end; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 2 < end ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    }
  }
  return end < bytes.length ? end : undefined;
}

interface GbScan extends Scan {
  /** Two-byte characters, and those in the GB2312 area where nearly every character of Chinese prose lies. */
  pairs: number;
  common: number;
  fourByte: number;
  /** Four-byte sequences that stand for U+FFFD itself. */
  literalReplacements: number;
}

/** GB18030 byte structure: ASCII, lead 81–FE with trail 40–7E/80–FE, or four bytes 81–FE 30–39 81–FE 30–39. */
function scanGb18030(bytes: Uint8Array): GbScan {
  const scan: GbScan = { errors: 0, pairs: 0, common: 0, fourByte: 0, literalReplacements: 0 };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b <= 0x80) {
      i++;
      continue;
    }
    const b2 = bytes[i + 1] ?? -1;
    if (b !== 0xff && b2 >= 0x30 && b2 <= 0x39) {
      const b3 = bytes[i + 2] ?? -1;
      const b4 = bytes[i + 3] ?? -1;
      if (b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
        scan.fourByte++;
        if (b === 0x84 && b2 === 0x31 && b3 === 0xa4 && b4 === 0x37) scan.literalReplacements++;
        i += 4;
        continue;
      }
    } else if (b !== 0xff && ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe))) {
      scan.pairs++;
      if (b >= 0xa1 && b <= 0xf7 && b2 >= 0xa1) scan.common++;
      i += 2;
      continue;
    }
    scan.errors++;
    scan.firstError ??= i;
    i++;
  }
  return scan;
}

/** Offset of the first four-byte sequence beyond the ranges GB18030 maps (the only well-formed bytes that fail). */
function firstUnmapped(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b <= 0x80) i++;
    else if ((bytes[i + 1] ?? 0) > 0x39) i += 2;
    else if (iconv.decode(bytes.subarray(i, i + 4), 'gb18030') === '\uFFFD' && !startsWith(bytes.subarray(i), [0x84, 0x31, 0xa4, 0x37])) return i;
    else i += 4;
  }
  return 0;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** An `invalid` problem naming the line and column of the bad bytes, counted in the valid text before them. */
function invalidAt(bytes: Uint8Array, offset: number, bomLength: number, encoding: string, codec: 'utf8' | 'utf16le' | 'utf16be' | 'gb18030'): Decoded {
  let lineStart = bomLength;
  let line = 1;
  if (codec === 'utf16le' || codec === 'utf16be') {
    const before = iconv.decode(bytes.subarray(bomLength, offset), codec);
    const at = positionInText(before, before.length);
    return failure('invalid', { encoding, ...at, byte: offset + 1 });
  }
  for (let i = bomLength; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = iconv.decode(bytes.subarray(lineStart, offset), codec).length + 1;
  return failure('invalid', { encoding, line, column, byte: offset + 1 });
}

function positionInText(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
