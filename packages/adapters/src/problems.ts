import type { AdapterProblem, Range } from '@crossfoot/core';

/**
 * Every problem an adapter can report, by code, with its messages in both locales.
 * Adapters never throw for what they find in a document: they return these.
 */
const catalogue = {
  'ragged-row': {
    severity: 'warning',
    'zh-CN': '该行有 {cells} 个数据单元格，表头有 {columns} 列；缺少的单元格按缺失处理，不按 0 计',
    en: 'This row has {cells} data cells but the header has {columns} columns; missing cells are absent, not zero',
  },
  'extra-cells': {
    severity: 'warning',
    'zh-CN': '该行有 {cells} 个数据单元格，多于表头的 {columns} 列；多出的单元格未读取',
    en: 'This row has {cells} data cells, more than the {columns} columns of the header; the extra cells are not read',
  },
  'unreadable-number': {
    severity: 'error',
    'zh-CN': '无法读取数字“{text}”',
    en: 'Cannot read the number "{text}"',
  },
  'front-matter-unterminated': {
    severity: 'error',
    'zh-CN': 'YAML 前置元数据从这里开始，但没有结束的 `---` 行',
    en: 'YAML front matter starts here but has no closing `---` line',
  },
  'front-matter-syntax': {
    severity: 'error',
    'zh-CN': 'YAML 前置元数据有语法错误：{detail}',
    en: 'YAML front matter syntax error: {detail}',
  },
  'front-matter-invalid': {
    severity: 'error',
    'zh-CN': '前置元数据“{key}”应为{expected}',
    en: 'Front matter `{key}` must be {expectedEn}',
  },
  'front-matter-not-mapping': {
    severity: 'error',
    'zh-CN': '前置元数据应为键值映射（如 `title: …`）',
    en: 'Front matter must be a mapping of keys to values (e.g. `title: …`)',
  },
  'front-matter-unknown-key': {
    severity: 'warning',
    'zh-CN': '前置元数据中有未知的键“{key}”；已知的键：{known}',
    en: 'Unknown front matter key `{key}`; known keys: {known}',
  },
  'front-matter-date': {
    severity: 'error',
    'zh-CN': '日期 {date} 不存在',
    en: 'The date {date} does not exist',
  },
  'front-matter-period-order': {
    severity: 'error',
    'zh-CN': '统计期限的结束日期 {end} 早于开始日期 {start}',
    en: 'The period ends ({end}) before it starts ({start})',
  },
  'time-limit': {
    severity: 'error',
    'zh-CN': '读取该报告超过 {seconds} 秒（limits.seconds-per-file），从此处起的其余部分未读取',
    en: 'Reading this report took more than {seconds} s (limits.seconds-per-file); the rest from here on is not read',
  },
  'time-limit-block': {
    severity: 'error',
    'zh-CN': '从此处起的 {characters} 个字符是一整块，无法在 {seconds} 秒（limits.seconds-per-file）的剩余时间内读完，此块及其后的部分未读取',
    en: 'The {characters} characters from here on make one block that cannot be read in what is left of {seconds} s (limits.seconds-per-file); it and the rest are not read',
  },
  'too-many-rows': {
    severity: 'warning',
    'zh-CN': '表格超过 {limit} 行，从该行起的其余行未读取',
    en: 'The table has more than {limit} rows; the rows from this one on are not read',
  },
  'too-deep': {
    severity: 'error',
    'zh-CN': '{what}嵌套超过 {limit} 层，{rest}未读取',
    en: '{whatEn} nested more than {limit} levels deep; {restEn} not read',
  },
  'dense-markup': {
    severity: 'warning',
    'zh-CN': '该段落含 {count} 个强调、链接或 HTML 标记符号（上限 {limit}），其标记按普通文字读取',
    en: 'This paragraph has {count} emphasis, link or HTML marks (limit {limit}); its markup is read as plain text',
  },
  'front-matter-too-deep': {
    severity: 'error',
    'zh-CN': 'YAML 前置元数据嵌套超过 {limit} 层，未读取',
    en: 'The YAML front matter is nested more than {limit} levels deep; it is not read',
  },
  'front-matter-aliases': {
    severity: 'error',
    'zh-CN': 'YAML 前置元数据的别名展开过多（可能是“别名炸弹”），未读取',
    en: 'Too many YAML aliases to expand in the front matter (an alias bomb?); it is not read',
  },
  'unsupported-format': {
    severity: 'error',
    'zh-CN': '暂不支持读取 {format} 格式的报告',
    en: 'Reading {format} reports is not supported yet',
  },
  internal: {
    severity: 'error',
    'zh-CN': '读取报告时发生内部错误：{detail}',
    en: 'Internal error while reading the report: {detail}',
  },
} as const;

export type ProblemId = keyof typeof catalogue;

/** The public `code` of each problem: front matter problems share one code. */
function codeOf(id: ProblemId): string {
  if (id.startsWith('front-matter')) return 'front-matter';
  if (id === 'extra-cells') return 'ragged-row';
  return id;
}

function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = data[key];
    return v === undefined ? whole : String(v);
  });
}

export function problem(id: ProblemId, range: Range, data: Record<string, string | number> = {}): AdapterProblem {
  const entry = catalogue[id];
  return {
    code: codeOf(id),
    severity: entry.severity,
    message: { 'zh-CN': fill(entry['zh-CN'], data), en: fill(entry.en, data) },
    range,
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

export const startOfDocument: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
