import type { Locale } from '@crossfoot/core';

/** An English text that depends on a count has a singular and a plural form. */
type Text = string | { one: string; other: string };

/** The formatters' own words (headings, labels, totals). Diagnostic messages arrive already rendered. */
const messages = {
  'severity.error': { 'zh-CN': '错误', en: 'error' },
  'severity.warning': { 'zh-CN': '警告', en: 'warning' },
  'severity.info': { 'zh-CN': '提示', en: 'info' },

  'count.errors': { 'zh-CN': '{n} 个错误', en: { one: '{n} error', other: '{n} errors' } },
  'count.warnings': { 'zh-CN': '{n} 个警告', en: { one: '{n} warning', other: '{n} warnings' } },
  'count.infos': { 'zh-CN': '{n} 条提示', en: { one: '{n} info', other: '{n} infos' } },
  'count.files': { 'zh-CN': '{n} 个文件', en: { one: '{n} file', other: '{n} files' } },

  totals: { 'zh-CN': '共检查 {files}：{errors}，{warnings}，{infos}', en: '{errors}, {warnings}, {infos} in {files} checked' },
  noProblems: { 'zh-CN': '共检查 {files}，未发现问题。', en: 'No problems found in {files} checked.' },

  'arithmetic.expression': { 'zh-CN': '算式', en: 'expression' },
  'arithmetic.expected': { 'zh-CN': '应为', en: 'expected' },
  'arithmetic.actual': { 'zh-CN': '实为', en: 'actual' },
  'arithmetic.difference': { 'zh-CN': '差额', en: 'difference' },
  'arithmetic.precision': { 'zh-CN': '精度', en: 'precision' },
  'arithmetic.operands': { 'zh-CN': '各项', en: 'operands' },

  'junit.clean': { 'zh-CN': '未发现问题', en: 'no problems' },

  'markdown.title': { 'zh-CN': 'crossfoot 检查结果', en: 'crossfoot results' },
  'markdown.files': { 'zh-CN': '文件', en: 'Files' },
  'markdown.filesWithErrors': { 'zh-CN': '有错误的文件', en: 'Files with errors' },
  'markdown.filesWithWarnings': { 'zh-CN': '有警告的文件', en: 'Files with warnings' },
  'markdown.errors': { 'zh-CN': '错误', en: 'Errors' },
  'markdown.warnings': { 'zh-CN': '警告', en: 'Warnings' },
  'markdown.infos': { 'zh-CN': '提示', en: 'Infos' },
  'markdown.rule': { 'zh-CN': '规则', en: 'Rule' },
  'markdown.count': { 'zh-CN': '次数', en: 'Count' },
  'markdown.line': { 'zh-CN': '行:列', en: 'Line:Col' },
  'markdown.severity': { 'zh-CN': '级别', en: 'Severity' },
  'markdown.message': { 'zh-CN': '说明', en: 'Message' },
  'markdown.expected': { 'zh-CN': '应为', en: 'Expected' },
  'markdown.actual': { 'zh-CN': '实为', en: 'Actual' },
  'markdown.noProblems': { 'zh-CN': '未发现问题。', en: 'No problems found.' },
  'markdown.cleanFiles': { 'zh-CN': '未发现问题的文件：{files}', en: 'Files without problems: {files}' },
} satisfies Record<string, Record<Locale, Text>>;

export type MessageId = keyof typeof messages;

export const messageIds = Object.keys(messages) as MessageId[];

/** Renders message `id` in `locale`, replacing `{name}` with `data.name`; `count` picks the English plural form. */
export function t(locale: Locale, id: MessageId, data: Record<string, string | number> = {}, count?: number): string {
  const entry: Record<Locale, Text> = messages[id];
  const text = entry[locale];
  const template = typeof text === 'string' ? text : count === 1 ? text.one : text.other;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : String(value);
  });
}

/** `{n} errors` and friends. */
export function tCount(locale: Locale, id: MessageId, n: number): string {
  return t(locale, id, { n }, n);
}

/** The localised totals line shared by the text formatters. */
export function totalsLine(locale: Locale, totals: { files: number; errors: number; warnings: number; infos: number }): string {
  return t(locale, 'totals', {
    files: tCount(locale, 'count.files', totals.files),
    errors: tCount(locale, 'count.errors', totals.errors),
    warnings: tCount(locale, 'count.warnings', totals.warnings),
    infos: tCount(locale, 'count.infos', totals.infos),
  });
}

/** The `no problems` line. */
export function noProblemsLine(locale: Locale, files: number): string {
  return t(locale, 'noProblems', { files: tCount(locale, 'count.files', files) });
}

/** One-line rendering of a finding's arithmetic, e.g. `expression: 53 + 48 = 101; expected: 101; …`. */
export function arithmeticLine(locale: Locale, a: { expression: string; expected: string; actual: string; difference: string; precision: string }): string {
  const sep = locale === 'zh-CN' ? '：' : ': ';
  const join = locale === 'zh-CN' ? '；' : '; ';
  return (
    [
      ['arithmetic.expression', a.expression],
      ['arithmetic.expected', a.expected],
      ['arithmetic.actual', a.actual],
      ['arithmetic.difference', a.difference],
      ['arithmetic.precision', a.precision],
    ] as const
  )
    .map(([id, value]) => `${t(locale, id)}${sep}${value}`)
    .join(join);
}
