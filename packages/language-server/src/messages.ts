import { type Locale, type Localized, render } from '@crossfoot/core';

/** The language server's own words (hover labels, code action titles, notices). Findings arrive already rendered. */
const messages = {
  'hover.title': { 'zh-CN': '算式', en: 'Arithmetic' },
  'hover.operand': { 'zh-CN': '项目', en: 'Operand' },
  'hover.value': { 'zh-CN': '数值', en: 'Value' },
  'hover.sum': { 'zh-CN': '各项之和', en: 'Sum of the parts' },
  'hover.expected': { 'zh-CN': '应为', en: 'Expected' },
  'hover.actual': { 'zh-CN': '实为', en: 'Written' },
  'hover.actualOf': { 'zh-CN': '实为（{label}）', en: 'Written ({label})' },
  'hover.difference': { 'zh-CN': '差额', en: 'Difference' },
  'hover.precision': { 'zh-CN': '精度', en: 'Compared at' },
  'hover.expression': { 'zh-CN': '算式', en: 'Relation' },

  'action.replace': { 'zh-CN': '将 {actual} 改为 {expected}（{expression}）', en: 'Replace {actual} with {expected} ({expression})' },
  'action.suppressLine': { 'zh-CN': '忽略此行的 {rule}（在上一行加注释）', en: 'Suppress {rule} on this line (comment above it)' },
  'action.suppressTable': { 'zh-CN': '在此表格中忽略 {rule}（在表格前后加注释）', en: 'Suppress {rule} in this table (comments around it)' },
  'action.suppressUnavailable': { 'zh-CN': '忽略 {rule}', en: 'Suppress {rule}' },
  'action.noComments': {
    'zh-CN': '{format}报告不能写忽略注释；可在 crossfoot.config.yaml 的 rules 下写 {rule}: off',
    en: '{format} reports have no suppression comments; set "{rule}: off" under rules in crossfoot.config.yaml',
  },
  'action.frontMatter': {
    'zh-CN': '前置元数据中不能写忽略注释；可在 crossfoot.config.yaml 的 rules 下写 {rule}: off',
    en: 'Front matter has no suppression comments; set "{rule}: off" under rules in crossfoot.config.yaml',
  },
  'action.reason': { 'zh-CN': '原因', en: 'reason' },
  'format.text': { 'zh-CN': '纯文本', en: 'Plain-text' },
  'format.yaml': { 'zh-CN': 'YAML ', en: 'YAML' },

  'notice.setupFailed': { 'zh-CN': 'crossfoot 无法加载配置或规则包：{error}', en: 'crossfoot could not load its config or packs: {error}' },
  'notice.setupFailedHere': {
    'zh-CN': '配置或规则包有误，未检查此报告：{error}',
    en: 'This report was not checked: the config or a pack is broken: {error}',
  },
  'notice.checkFailed': { 'zh-CN': 'crossfoot 检查 {file} 时出错：{error}', en: 'crossfoot failed while checking {file}: {error}' },
} satisfies Record<string, Localized>;

export type MessageId = keyof typeof messages;

export function t(id: MessageId, locale: Locale, data: Record<string, string> = {}): string {
  return render(messages[id], locale, data);
}
