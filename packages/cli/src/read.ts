import { readFileSync, statSync } from 'node:fs';
import { decode, readReport } from '@crossfoot/adapters';
import type { ReportDocument } from '@crossfoot/core';

/** Problems that mean a file could not be read at all. */
export const UNREADABLE = new Set(['decode', 'file-too-large', 'unreadable']);

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

/** A report's bytes, or the document that says why they could not be read. */
export type ReportBytes = { bytes: Uint8Array } | { doc: ReportDocument };

/** Reads a report's bytes; a file too large or unreadable becomes a located problem on that file. */
export function readReportBytes(path: string, uri: string): ReportBytes {
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      return {
        doc: problemDocument(
          uri,
          'file-too-large',
          `文件过大（${size} 字节，上限 ${MAX_FILE_BYTES} 字节），未检查`,
          `File too large (${size} bytes, limit ${MAX_FILE_BYTES}); not checked`,
        ),
      };
    }
    return { bytes: readFileSync(path) };
  } catch (error) {
    return { doc: problemDocument(uri, 'unreadable', `无法读取文件：${(error as Error).message}`, `Cannot read the file: ${(error as Error).message}`) };
  }
}

/** Decodes a report's bytes and reads it into the document model; undecodable bytes become a located problem. */
export function reportFromBytes(bytes: Uint8Array, uri: string): ReportDocument {
  const decoded = decode(bytes);
  if ('problem' in decoded) return { ...problemDocument(uri, 'decode', '', ''), problems: [decoded.problem] };
  return readReport({ uri, text: decoded.text });
}

/** Reads one report from disk; anything that goes wrong becomes a located problem on that file. */
export function readReportFile(path: string, uri: string): ReportDocument {
  const read = readReportBytes(path, uri);
  return 'doc' in read ? read.doc : reportFromBytes(read.bytes, uri);
}
