import type { AdapterProblem, ReportDocument } from '@crossfoot/core';
import { parseHtml } from './html.ts';
import { readNumber } from './numbers.ts';
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
  if (archive.unpacked > limit) return fail(binaryProblem('docx-too-large', { limit: Number((limit / 1024 / 1024).toPrecision(3)) }));

  let html: string;
  try {
    const mammoth = await loadMammoth();
    const result = await mammoth.convertToHtml({ buffer: bytes } as unknown as Parameters<Mammoth['convertToHtml']>[0], {
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      externalFileAccess: false,
      transformDocument: splitBlockTables,
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

/** A node of mammoth's document tree, as far as reading it here needs. */
interface DocNode {
  type: string;
  children?: DocNode[];
  colSpan?: number;
  rowSpan?: number;
  value?: string;
}

/**
 * A table printed in blocks — a row of one cell across the table (`第二十条第（五）项`) followed by a header row of its
 * own, as table 2 of the 2021 format is — is split there into tables of their own, so that each block has its
 * header and the full-width row heads it as its caption.
 */
function splitBlockTables(node: DocNode): DocNode {
  if (!node.children) return node;
  node.children = node.children.flatMap((child) => (child.type === 'table' ? splitTable(child) : [splitBlockTables(child)]));
  return node;
}

function splitTable(table: DocNode): DocNode[] {
  const rows = (table.children ?? []).filter((r) => r.type === 'tableRow');
  if (rows.length !== (table.children ?? []).length) return [table];
  const width = Math.max(0, ...rows.map((r) => (r.children ?? []).reduce((n, c) => n + (c.colSpan ?? 1), 0)));
  const figures = (row: DocNode) => (row.children ?? []).some((c) => readNumber(textOf(c)).value !== undefined);
  const heads = (r: number) => {
    const cells = rows[r]?.children ?? [];
    const next = rows[r + 1];
    return cells.length === 1 && (cells[0]?.colSpan ?? 1) === width && !figures(rows[r] as DocNode) && next !== undefined && !figures(next);
  };
  const parts: DocNode[] = [];
  let start = 0;
  for (let r = 1; r < rows.length; r++) {
    if (width < 2 || !heads(r) || !rows.slice(start, r).some(figures)) continue;
    parts.push({ ...table, children: rows.slice(start, r) });
    start = r;
  }
  if (parts.length === 0) return [table];
  parts.push({ ...table, children: rows.slice(start) });
  for (const part of parts) compactGrid(part.children ?? []);
  return parts;
}

/**
 * The grid columns a block of a split table does not divide (a figure merged across three columns under a header
 * merged the same way) are merged into one, so the block has the columns it shows. Blocks with vertical merges are
 * left as they are.
 */
function compactGrid(rows: DocNode[]): void {
  const cells = rows.flatMap((r) => r.children ?? []);
  if (cells.some((c) => (c.rowSpan ?? 1) > 1)) return;
  const width = Math.max(0, ...rows.map((r) => (r.children ?? []).reduce((n, c) => n + (c.colSpan ?? 1), 0)));
  const cuts = new Set<number>([0, width]);
  for (const row of rows) {
    let at = 0;
    for (const c of row.children ?? []) {
      at += c.colSpan ?? 1;
      cuts.add(at);
    }
  }
  if (cuts.size - 1 === width) return;
  for (const row of rows) {
    let at = 0;
    for (const c of row.children ?? []) {
      const from = at;
      at += c.colSpan ?? 1;
      c.colSpan = [...cuts].filter((x) => x > from && x <= at).length;
    }
  }
}

function textOf(node: DocNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}
