import type { AdapterProblem, Range } from '@crossfoot/core';

/** Problems only the YAML report adapter reports, by id, with their messages in both locales. */
const catalogue = {
  'yaml-syntax': {
    code: 'yaml-syntax',
    severity: 'error',
    'zh-CN': 'YAML 语法错误：{detail}',
    en: 'YAML syntax error: {detail}',
  },
  'yaml-aliases': {
    code: 'yaml-syntax',
    severity: 'error',
    'zh-CN': 'YAML 别名展开过多（可能是“别名炸弹”），未读取该报告',
    en: 'Too many YAML aliases to expand (an alias bomb?); the report is not read',
  },
  'yaml-too-deep': {
    code: 'yaml-syntax',
    severity: 'error',
    'zh-CN': 'YAML 嵌套超过 {limit} 层，未读取该报告',
    en: 'The YAML is nested more than {limit} levels deep; the report is not read',
  },
  'report-not-mapping': {
    code: 'report-schema',
    severity: 'error',
    'zh-CN': 'YAML 报告应为键值映射，含 meta、text、sections、tables 等键',
    en: 'A YAML report must be a mapping with keys such as meta, text, sections and tables',
  },
  'report-required': {
    code: 'report-schema',
    severity: 'error',
    'zh-CN': '{where}缺少必需的键“{key}”',
    en: '{whereEn} is missing the required key `{key}`',
  },
  'report-type': {
    code: 'report-schema',
    severity: 'error',
    'zh-CN': '{where}应为{expected}',
    en: '{whereEn} must be {expectedEn}',
  },
  'report-unknown-key': {
    code: 'report-schema',
    severity: 'warning',
    'zh-CN': '{where}中有未知的键“{key}”，已忽略；已知的键：{known}',
    en: 'Unknown key `{key}` in {whereEn}, ignored; known keys: {known}',
  },
} as const;

export type YamlReportProblemId = keyof typeof catalogue;

export function yamlReportProblem(id: YamlReportProblemId, range: Range, data: Record<string, string | number> = {}): AdapterProblem {
  const entry = catalogue[id];
  const fill = (template: string) => template.replace(/\{(\w+)\}/gu, (whole, key: string) => (data[key] === undefined ? whole : String(data[key])));
  return { code: entry.code, severity: entry.severity, message: { 'zh-CN': fill(entry['zh-CN']), en: fill(entry.en) }, range };
}
