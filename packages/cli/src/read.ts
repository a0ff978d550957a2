import { readFileSync, statSync } from 'node:fs';
import { decode, readBinaryReport, readReport, UNREADABLE_BINARY } from '@crossfoot/adapters';
import type { ReportDocument } from '@crossfoot/core';

/** Problems that mean a file could not be read at all: a scan, an encrypted or damaged PDF or Word file among them. */
export const UNREADABLE: ReadonlySet<string> = new Set(['decode', 'file-too-large', 'unreadable', ...UNREADABLE_BINARY]);

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

/**
 * Whether a report is a PDF or Word file, read from its bytes rather than decoded as text: by the extension (`.pdf`,
 * `.docx`, `.doc`) or, whatever the name, by bytes that start as a PDF (`%PDF-`), a ZIP or an OLE container. A text
 * report that quotes `%PDF-` further on stays text.
 */
export function isBinaryReport(bytes: Uint8Array, uri: string): boolean {
  if (/\.(pdf|docx|docm|doc)$/iu.test(uri)) return true;
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  return starts(0x25, 0x50, 0x44, 0x46, 0x2d) || starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0);
}

/** Decodes a report's bytes and reads it into the document model; undecodable bytes become a located problem. */
export function reportFromText(bytes: Uint8Array, uri: string): ReportDocument {
  const decoded = decode(bytes);
  if ('problem' in decoded) return { ...problemDocument(uri, 'decode', '', ''), problems: [decoded.problem] };
  return readReport({ uri, text: decoded.text });
}

/**
 * Reads a report's bytes into the document model: PDF and Word files with their readers, every other format
 * decoded as text. Never rejects: a scan, an encrypted or a damaged file is a located problem on that file.
 */
export async function reportFromBytes(bytes: Uint8Array, uri: string): Promise<ReportDocument> {
  return isBinaryReport(bytes, uri) ? readBinaryReport({ uri, bytes }) : reportFromText(bytes, uri);
}

/** Reads one report from disk; anything that goes wrong becomes a located problem on that file. */
export async function readReportFile(path: string, uri: string): Promise<ReportDocument> {
  const read = readReportBytes(path, uri);
  return 'doc' in read ? read.doc : reportFromBytes(read.bytes, uri);
}
