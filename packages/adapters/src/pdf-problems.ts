import type { AdapterProblem, Range } from '@crossfoot/core';
import { startOfDocument } from './problems.ts';

/** Problems of the PDF and Word readers, by code, with their messages in both locales. */
const catalogue = {
  'pdf-no-text': {
    severity: 'error',
    'zh-CN': '该 PDF 没有文字层（可能是扫描件）——crossfoot 不做 OCR 文字识别',
    en: 'This PDF has no text layer (a scan?) — crossfoot does not do OCR',
  },
  'pdf-pages-without-text': {
    severity: 'warning',
    'zh-CN': '第 {pages} 页没有文字层（扫描页或空白页），其内容未读取',
    en: 'Page(s) {pages} have no text layer (scanned or blank pages); their content is not read',
  },
  'pdf-encrypted': {
    severity: 'error',
    'zh-CN': '该 PDF 已加密，需要密码才能打开；请提供未加密的版本',
    en: 'This PDF is encrypted and needs a password to open; provide an unencrypted copy',
  },
  'pdf-corrupt': {
    severity: 'error',
    'zh-CN': '无法读取该 PDF：文件已损坏或不完整（{detail}）',
    en: 'Cannot read this PDF: the file is damaged or incomplete ({detail})',
  },
  'pdf-page-unreadable': {
    severity: 'error',
    'zh-CN': '无法读取 PDF 第 {pages} 页（文件可能已损坏或不完整），这些页的内容未读取',
    en: 'Page(s) {pages} of this PDF cannot be read (the file may be damaged or incomplete); their content is not read',
  },
  'pdf-too-many-pages': {
    severity: 'warning',
    'zh-CN': '该 PDF 有 {pages} 页，只读取了前 {limit} 页',
    en: 'This PDF has {pages} pages; only the first {limit} were read',
  },
  'pdf-timeout': {
    severity: 'error',
    'zh-CN': '读取该 PDF 超过 {seconds} 秒，已在第 {page} 页停止；之后的内容未读取',
    en: 'Reading this PDF took more than {seconds} seconds and stopped at page {page}; what follows is not read',
  },
  'pdf-garbled-text': {
    severity: 'warning',
    'zh-CN': '该 PDF 的字体没有给出字符对应关系，提取的文字可能是乱码（{share}% 的字符无法识别）',
    en: "This PDF's fonts do not map their glyphs to characters; the extracted text may be garbled ({share}% of the characters are unknown)",
  },
  'docx-corrupt': {
    severity: 'error',
    'zh-CN': '无法读取该 Word 文件：文件已损坏或不是 DOCX（{detail}）',
    en: 'Cannot read this Word file: it is damaged or not a DOCX file ({detail})',
  },
  'docx-legacy': {
    severity: 'error',
    'zh-CN': '这是旧版 Word（.doc）文件或加密的 Word 文件，无法读取；请另存为未加密的 .docx',
    en: 'This is an old Word (.doc) file or an encrypted Word file, which cannot be read; save it as an unencrypted .docx',
  },
  'docx-too-large': {
    severity: 'error',
    'zh-CN': '该 Word 文件解压后超过 {limit} MB，未读取',
    en: 'This Word file unpacks to more than {limit} MB; it is not read',
  },
} as const;

export type BinaryProblemId = keyof typeof catalogue;

/**
 * Codes meaning nothing could be read from the file: a caller checking the document should report the problem
 * and run no rules on the (empty) document.
 */
export const UNREADABLE_BINARY: ReadonlySet<string> = new Set(['pdf-no-text', 'pdf-encrypted', 'pdf-corrupt', 'docx-corrupt', 'docx-legacy', 'docx-too-large']);

export function binaryProblem(id: BinaryProblemId, data: Record<string, string | number> = {}, range: Range = startOfDocument): AdapterProblem {
  const entry = catalogue[id];
  const fill = (template: string) => template.replace(/\{(\w+)\}/gu, (whole, key: string) => (data[key] === undefined ? whole : String(data[key])));
  return { code: id, severity: entry.severity, message: { 'zh-CN': fill(entry['zh-CN']), en: fill(entry.en) }, range };
}

/** `1–3, 5` from page numbers. */
export function pageList(pages: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    const from = pages[i] as number;
    let to = from;
    while (pages[i + 1] === to + 1) to = pages[++i] as number;
    out.push(to > from ? `${from}–${to}` : String(from));
  }
  return out.join(', ');
}
