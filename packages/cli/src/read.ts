import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { decode, readBinaryReport, readReport, UNREADABLE_BINARY } from '@crossfoot/adapters';
import { DEFAULT_LIMITS, type Limits, type ReportDocument } from '@crossfoot/core';

/** Problems that mean a file could not be read at all: a scan, an encrypted or damaged PDF or Word file among them. */
export const UNREADABLE: ReadonlySet<string> = new Set(['decode', 'file-too-large', 'unreadable', ...UNREADABLE_BINARY]);

/** Files larger than this are not read by default (config `limits.file-size-mb`): a located diagnostic says so. */
export const MAX_FILE_BYTES = DEFAULT_LIMITS.fileSizeMb * 1024 * 1024;

/** What reading one report keeps to (config `limits:`), the time limit counted from now. */
export interface ReadingLimits {
  tableRows: number;
  yamlAliases: number;
  nestingDepth: number;
  deadline: number;
  seconds: number;
}

export function readingLimits(limits: Limits = DEFAULT_LIMITS): ReadingLimits {
  const { tableRows, yamlAliases, nestingDepth, secondsPerFile } = limits;
  return { tableRows, yamlAliases, nestingDepth, deadline: Date.now() + secondsPerFile * 1000, seconds: secondsPerFile };
}

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

/**
 * The block a thread reads its reports into when their bytes are used before the next is read (`readReportBytes`,
 * `reused`), grown as needed up to `REUSED_MAX`. A block of its own for every report was memory first touched by the
 * read itself, and memory a process touches for the first time costs about 12 µs a page on the bench's machine: the
 * read of a 15 KB report took 30–110 µs where a read into memory already used takes 17–20.
 */
let reusedBlock: Buffer | undefined;

/** The largest `reusedBlock`: a larger report is read into a block of its own, freed with it. */
const REUSED_MAX = 1 << 20;

/** `size` bytes of `fd` read into the reused block: a view of as many as the file gave. */
function readReused(fd: number, size: number): Uint8Array {
  if (!reusedBlock || reusedBlock.length < size)
    reusedBlock = Buffer.allocUnsafeSlow(Math.min(REUSED_MAX, Math.max(size, 2 * (reusedBlock?.length ?? 32_768))));
  let done = 0;
  for (let n = 1; done < size && n > 0; done += n) n = readSync(fd, reusedBlock, done, size - done, null);
  return reusedBlock.subarray(0, done);
}

/**
 * Reads a report's bytes; a file too large or unreadable becomes a located problem on that file.
 *
 * With `reused`, a text report's bytes may be a view of a block the next such read overwrites: the caller uses them
 * (decodes, hashes) before it reads another report. A PDF or Word report's bytes, which their readers use across
 * awaits, are always a copy of their own.
 */
export function readReportBytes(path: string, uri: string, limits: Limits = DEFAULT_LIMITS, reused = false): ReportBytes {
  const maxBytes = Math.floor(limits.fileSizeMb * 1024 * 1024);
  let fd: number | undefined;
  try {
    // One open for the size and the bytes: a separate stat cost as much again as the read on some file systems.
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      return {
        doc: problemDocument(
          uri,
          'file-too-large',
          `文件过大（${size} 字节，上限 ${maxBytes} 字节，见 limits.file-size-mb），未检查`,
          `File too large (${size} bytes, limit ${maxBytes}, see limits.file-size-mb); not checked`,
        ),
      };
    }
    // A size of 0 may be a file the system sizes only as it is read (a pipe, a file of /proc): read to its end.
    if (!reused || size === 0 || size > REUSED_MAX) return { bytes: readFileSync(fd) };
    const bytes = readReused(fd, size);
    return { bytes: isBinaryReport(bytes, uri) ? Buffer.from(bytes) : bytes };
  } catch (error) {
    return { doc: problemDocument(uri, 'unreadable', `无法读取文件：${(error as Error).message}`, `Cannot read the file: ${(error as Error).message}`) };
  } finally {
    if (fd !== undefined) closeSync(fd);
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
export function reportFromText(bytes: Uint8Array, uri: string, limits?: ReadingLimits): ReportDocument {
  const decoded = decode(bytes);
  if ('problem' in decoded) return { ...problemDocument(uri, 'decode', '', ''), problems: [decoded.problem] };
  return readReport({ uri, text: decoded.text, limits });
}

/**
 * Reads a report's bytes into the document model: PDF and Word files with their readers, every other format
 * decoded as text. Never rejects: a scan, an encrypted or a damaged file is a located problem on that file.
 */
export async function reportFromBytes(bytes: Uint8Array, uri: string, limits?: ReadingLimits): Promise<ReportDocument> {
  return isBinaryReport(bytes, uri) ? readBinaryReport({ uri, bytes, limits }) : reportFromText(bytes, uri, limits);
}

/** Reads one report from disk; anything that goes wrong becomes a located problem on that file. */
export async function readReportFile(path: string, uri: string, limits?: Limits): Promise<ReportDocument> {
  const read = readReportBytes(path, uri, limits);
  return 'doc' in read ? read.doc : reportFromBytes(read.bytes, uri, limits && readingLimits(limits));
}
