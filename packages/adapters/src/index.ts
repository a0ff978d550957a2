import type { ReportDocument, ReportFormat } from '@crossfoot/core';
import { parseHtml } from './html.ts';
import { type ReadLimits, withLimits } from './limits.ts';
import { parseMarkdown } from './markdown.ts';
import { describeError, problem, startOfDocument } from './problems.ts';
import { emptyDocument } from './reading.ts';
import type { ReadingMemo } from './reading-memo.ts';
import { parseText } from './text.ts';
import { parseYamlReport } from './yaml-report.ts';

export { decode } from './decode.ts';
export { type DocxLimits, readDocx } from './docx.ts';
export { frontMatterSchema } from './front-matter-schema.ts';
export { parseHtml } from './html.ts';
export type { ReadLimits } from './limits.ts';
export { parseMarkdown } from './markdown.ts';
export { extractNarrative, inferMeta } from './narrative/index.ts';
export { buildOutline, type RowDraft } from './outline.ts';
export { type BinaryReportInput, type PdfOptions, pageOfLine, readBinaryReport, readPdf } from './pdf.ts';
export { layoutPdf, type PdfLayout, type PdfPageText, type PdfTextRun } from './pdf-layout.ts';
export { UNREADABLE_BINARY } from './pdf-problems.ts';
export { ReadingMemo } from './reading-memo.ts';
export { plainDocument } from './table.ts';
export { parseText } from './text.ts';
export { toMarkdown } from './to-markdown.ts';
export { parseYamlReport, reportSchema } from './yaml-report.ts';

const EXTENSIONS: Record<string, ReportFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  yaml: 'yaml',
  yml: 'yaml',
  txt: 'text',
  html: 'html',
  htm: 'html',
};

/**
 * The format of a report: by the file extension (`.md`/`.markdown`, `.yaml`/`.yml`, `.txt`, `.html`/`.htm`);
 * without a known extension, an HTML document or YAML front matter at the top is recognised; else undefined.
 */
export function detectFormat(uri: string, text: string): ReportFormat | undefined {
  const name = uri.split(/[\\/]/u).at(-1) ?? '';
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const format = EXTENSIONS[name.slice(dot + 1).toLowerCase()];
    if (format) return format;
  }
  const head = text
    .slice(0, 512)
    .replace(/^\uFEFF/u, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (/^---[ \t]*\r?\n/u.test(head)) return 'markdown';
  return undefined;
}

/**
 * Reads a report into the document model with the adapter for its format (given, or detected; plain text
 * otherwise). Never throws: anything unexpected becomes an `internal` problem on an empty document.
 */
export function readReport(input: { uri: string; text: string; format?: ReportFormat; limits?: Partial<ReadLimits>; memo?: ReadingMemo }): ReportDocument {
  const uri = typeof input?.uri === 'string' ? input.uri : '';
  const text = typeof input?.text === 'string' ? input.text : '';
  return withLimits(input?.limits, () => readWith(uri, text, input?.format, input?.memo));
}

function readWith(uri: string, text: string, given: ReportFormat | undefined, memo: ReadingMemo | undefined): ReportDocument {
  let format: ReportFormat = 'text';
  try {
    format = given ?? detectFormat(uri, text) ?? 'text';
    switch (format) {
      case 'markdown':
        return parseMarkdown(uri, text, memo);
      case 'text':
        return parseText(uri, text);
      case 'html':
        return parseHtml(uri, text);
      case 'yaml':
        return parseYamlReport(uri, text);
      default: {
        const doc = emptyDocument(uri, text, format);
        doc.problems.push(problem('unsupported-format', startOfDocument, { format }));
        return doc;
      }
    }
  } catch (error) {
    const doc = emptyDocument(uri, text, format);
    doc.problems.push(problem('internal', startOfDocument, { detail: describeError(error) }));
    return doc;
  }
}
