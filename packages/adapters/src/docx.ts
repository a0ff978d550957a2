import type { AdapterProblem, ReportDocument } from '@crossfoot/core';
import { parseHtml } from './html.ts';
import { binaryProblem } from './pdf-problems.ts';
import { describeError, problem, startOfDocument } from './problems.ts';
import { emptyDocument } from './reading.ts';

export interface DocxLimits {
  /** Total unpacked size of the archive's parts, in bytes, beyond which the file is not read. Default 200 MB. */
  maxUnpackedBytes?: number;
}

const DEFAULT_MAX_UNPACKED = 200 * 1024 * 1024;

type Mammoth = typeof import('mammoth');
let loading: Promise<Mammoth> | undefined;

function loadMammoth(): Promise<Mammoth> {
  loading ??= import('mammoth').then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth);
  return loading;
}

/**
 * Word (DOCX) bytes → ReportDocument: mammoth converts the document to HTML — paragraphs, and tables with Word's
 * merged cells as `colspan` (`w:gridSpan`) and `rowspan` (`w:vMerge`) — which the HTML adapter reads. `text` is
 * that HTML, one paragraph or table row per line, and ranges point into it. Images are left out; nothing outside
 * the file is read. Never throws: a damaged file, an old `.doc` or an encrypted file is a problem on an empty
 * document.
 */
export async function readDocx(uri: string, bytes: Uint8Array, limits: DocxLimits = {}): Promise<ReportDocument> {
  const fail = (p: AdapterProblem) => {
    const doc = emptyDocument(uri, '', 'docx');
    doc.problems.push(p);
    return doc;
  };
  // Old Word files and encrypted DOCX files are OLE compound files, not ZIP archives.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return fail(binaryProblem('docx-legacy'));
  const archive = inspectZip(bytes);
  if ('error' in archive) return fail(binaryProblem('docx-corrupt', { detail: archive.error }));
  const limit = limits.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED;
  if (archive.unpacked > limit) return fail(binaryProblem('docx-too-large', { limit: Math.round(limit / 1024 / 1024) }));

  let html: string;
  try {
    const mammoth = await loadMammoth();
    const result = await mammoth.convertToHtml({ buffer: bytes } as unknown as Parameters<Mammoth['convertToHtml']>[0], {
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      externalFileAccess: false,
    });
    html = layoutHtml(result.value);
  } catch (error) {
    return fail(binaryProblem('docx-corrupt', { detail: describeError(error) }));
  }
  try {
    const doc = parseHtml(uri, html);
    doc.format = 'docx';
    return doc;
  } catch (error) {
    const doc = emptyDocument(uri, html, 'docx');
    doc.problems.push(problem('internal', startOfDocument, { detail: describeError(error) }));
    return doc;
  }
}

/**
 * mammoth's HTML, which comes on one line, with a line break after every paragraph, heading, list and table row
 * outside nested tables, so that a range's line says which paragraph or row it is.
 */
function layoutHtml(html: string): string {
  let depth = 0;
  const out = html.replace(/<(\/?)(table|p|h[1-6]|li|ul|ol|tr)\b[^>]*>/gu, (tag, close: string, name: string) => {
    if (name === 'table') {
      depth += close ? -1 : 1;
      return close ? (depth === 0 ? `${tag}\n` : tag) : depth === 1 ? `${tag}\n` : tag;
    }
    if (!close) return tag;
    if (name === 'tr') return depth === 1 ? `${tag}\n` : tag;
    return depth === 0 ? `${tag}\n` : tag;
  });
  return out.endsWith('\n') ? out : `${out}\n`;
}

/**
 * The archive's central directory, read before unpacking anything: the file must be a whole ZIP archive, and its
 * parts' declared sizes bound what unpacking will take.
 */
function inspectZip(bytes: Uint8Array): { unpacked: number } | { error: string } {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { error: 'not a ZIP archive' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return { error: 'the ZIP archive is incomplete: no central directory' };
  const entries = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  // ZIP64 archives keep their real figures elsewhere; their parts are checked as they unpack.
  if (offset === 0xffffffff || entries === 0xffff) return { unpacked: 0 };
  if (offset + size > end) return { error: 'the ZIP archive is incomplete: the central directory lies outside the file' };
  let unpacked = 0;
  let p = offset;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > end || view.getUint32(p, true) !== 0x02014b50) return { error: 'the ZIP central directory is damaged' };
    const length = view.getUint32(p + 24, true);
    if (length !== 0xffffffff) unpacked += length;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return { unpacked };
}
