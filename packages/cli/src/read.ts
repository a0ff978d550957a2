import { readFileSync, statSync } from 'node:fs';
import { readReport } from '@crossfoot/adapters';
import type { ReportDocument } from '@crossfoot/core';

/** Files larger than this are not read: a located diagnostic says so. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

function problemDocument(uri: string, code: string, zh: string, en: string): ReportDocument {
  return {
    uri,
    text: '',
    format: 'text',
    meta: {},
    sections: [],
    tables: [],
    statements: [],
    dates: [],
    suppressions: [],
    problems: [{ code, severity: 'error', message: { 'zh-CN': zh, en }, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }],
  };
}

/** Decodes a report's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK). */
export function decode(bytes: Uint8Array): { text: string; encoding: string } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      return undefined;
    }
  }
}

/** Reads one report from disk; anything that goes wrong becomes a located problem on that file. */
export function readReportFile(path: string, uri: string): ReportDocument {
  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      return problemDocument(
        uri,
        'file-too-large',
        `文件过大（${size} 字节，上限 ${MAX_FILE_BYTES} 字节），未检查`,
        `File too large (${size} bytes, limit ${MAX_FILE_BYTES}); not checked`,
      );
    }
    bytes = readFileSync(path);
  } catch (error) {
    return problemDocument(uri, 'unreadable', `无法读取文件：${(error as Error).message}`, `Cannot read the file: ${(error as Error).message}`);
  }
  const decoded = decode(bytes);
  if (!decoded)
    return problemDocument(uri, 'decode', '无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030）', 'Cannot decode the file (not UTF-8, UTF-16 or GB18030)');
  return readReport({ uri, text: decoded.text });
}
