import type { AdapterProblem, Range } from '@crossfoot/core';

/** Problems only the HTML adapter reports, by id, with their messages in both locales. */
const catalogue = {
  'table-span': {
    code: 'table-span',
    severity: 'warning',
    'zh-CN': '单元格的 {attribute}="{value}" 超出上限，按 {limit} 读取',
    en: 'This cell has {attribute}="{value}", beyond the limit; it is read as {limit}',
  },
  'table-width': {
    code: 'table-span',
    severity: 'warning',
    'zh-CN': '表格超过 {limit} 列，该单元格及其右侧的单元格未读取',
    en: 'The table is wider than {limit} columns; this cell and those to its right are not read',
  },
  'table-size': {
    code: 'table-span',
    severity: 'warning',
    'zh-CN': '表格展开后超过 {limit} 个单元格，从该单元格起的其余部分未读取',
    en: 'The table spans more than {limit} cells once merged cells are expanded; the rest from this cell on is not read',
  },
} as const;

export type HtmlProblemId = keyof typeof catalogue;

export function htmlProblem(id: HtmlProblemId, range: Range, data: Record<string, string | number> = {}): AdapterProblem {
  const entry = catalogue[id];
  const fill = (template: string) => template.replace(/\{(\w+)\}/gu, (whole, key: string) => (data[key] === undefined ? whole : String(data[key])));
  return { code: entry.code, severity: entry.severity, message: { 'zh-CN': fill(entry['zh-CN']), en: fill(entry.en) }, range };
}
