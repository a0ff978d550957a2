import type { Locale } from '@crossfoot/core';

/** The page's own words; findings arrive already in the chosen language from the checker. */
const STRINGS = {
  title: { 'zh-CN': 'crossfoot 报告核对', en: 'crossfoot report checker' },
  tagline: {
    'zh-CN': '核对报告内部是否一致：合计与分项、正文数字与表格、日期与期限。',
    en: 'Checks that a report agrees with itself: totals and their parts, figures in the text against the tables, dates.',
  },
  privacy: {
    'zh-CN': '报告只在本浏览器中检查，不会上传到任何地方；页面加载后不再联网。',
    en: 'Your report is checked in this browser and never uploaded anywhere; after loading, the page makes no network requests.',
  },
  language: { 'zh-CN': '语言', en: 'Language' },
  drop: { 'zh-CN': '把报告文件拖到这里', en: 'Drop report files here' },
  dropHint: {
    'zh-CN': '支持 Markdown、纯文本、HTML、YAML（UTF-8 或 GBK）；可同时放入上一年度报告以核对结转数。',
    en: "Markdown, plain text, HTML or YAML (UTF-8 or GBK); add last year's report too to check carried-over figures.",
  },
  choose: { 'zh-CN': '选择文件…', en: 'Choose files…' },
  pasteLabel: { 'zh-CN': '或粘贴报告全文', en: 'Or paste the report text' },
  pastePlaceholder: { 'zh-CN': '在此粘贴报告全文……', en: 'Paste the whole report here…' },
  checkPasted: { 'zh-CN': '检查粘贴的文本', en: 'Check pasted text' },
  pastedName: { 'zh-CN': '粘贴的文本', en: 'pasted text' },
  starting: { 'zh-CN': '正在准备检查器……', en: 'Starting the checker…' },
  ready: { 'zh-CN': '就绪：请放入报告。', en: 'Ready: drop a report.' },
  checking: { 'zh-CN': '正在检查……', en: 'Checking…' },
  checked: { 'zh-CN': '已检查 {files} 个文件，用时 {ms} 毫秒', en: '{files} file(s) checked in {ms} ms' },
  failed: { 'zh-CN': '检查失败：{message}', en: 'The check failed: {message}' },
  noWorker: {
    'zh-CN': '此浏览器无法启动后台检查（需要支持模块 Web Worker 的浏览器，并通过 http(s) 打开页面）。',
    en: 'This browser cannot start the checker (it needs module Web Workers, and the page opened over http(s)).',
  },
  pack: { 'zh-CN': '规则包', en: 'Rule pack' },
  packAuto: { 'zh-CN': '自动识别', en: 'Recognised automatically' },
  recognised: { 'zh-CN': '识别为：{packs}', en: 'Recognised: {packs}' },
  recognisedNone: { 'zh-CN': '未识别出适用的规则包，请手动选择。', en: 'No pack recognises this report; choose one.' },
  applied: { 'zh-CN': '应用：{packs}', en: 'Applied: {packs}' },
  previous: { 'zh-CN': '上一年度报告：{file}', en: "Last year's report: {file}" },
  findings: { 'zh-CN': '检查结果', en: 'Findings' },
  allRules: { 'zh-CN': '全部规则', en: 'All rules' },
  rule: { 'zh-CN': '规则', en: 'Rule' },
  noFindings: { 'zh-CN': '未发现问题。', en: 'No problems found.' },
  noneShown: { 'zh-CN': '没有符合筛选条件的结果。', en: 'No findings match the filters.' },
  'severity.error': { 'zh-CN': '错误', en: 'Errors' },
  'severity.warning': { 'zh-CN': '警告', en: 'Warnings' },
  'severity.info': { 'zh-CN': '提示', en: 'Info' },
  'badge.error': { 'zh-CN': '错误', en: 'error' },
  'badge.warning': { 'zh-CN': '警告', en: 'warning' },
  'badge.info': { 'zh-CN': '提示', en: 'info' },
  at: { 'zh-CN': '第 {line} 行第 {column} 列', en: 'line {line}, column {column}' },
  lineShort: { 'zh-CN': '{line}:{column}', en: '{line}:{column}' },
  report: { 'zh-CN': '报告', en: 'Report' },
  emptyReport: { 'zh-CN': '尚未放入报告。', en: 'No report yet.' },
  details: { 'zh-CN': '详情', en: 'Details' },
  pickFinding: { 'zh-CN': '点击一条结果查看算式和规则说明。', en: 'Click a finding to see its arithmetic and the rule.' },
  arithmetic: { 'zh-CN': '算式', en: 'Arithmetic' },
  'arithmetic.expression': { 'zh-CN': '算式', en: 'Relation' },
  'arithmetic.operands': { 'zh-CN': '各项', en: 'Parts' },
  'arithmetic.expected': { 'zh-CN': '应为', en: 'Expected' },
  'arithmetic.actual': { 'zh-CN': '报告所写', en: 'Written' },
  'arithmetic.difference': { 'zh-CN': '差额', en: 'Difference' },
  'arithmetic.precision': { 'zh-CN': '精度', en: 'Precision' },
  related: { 'zh-CN': '相关位置', en: 'Related places' },
  ruleDoc: { 'zh-CN': '规则说明', en: 'About this rule' },
  docsLink: { 'zh-CN': '在线文档', en: 'Online docs' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  save: { 'zh-CN': '保存结果', en: 'Save results' },
  files: { 'zh-CN': '文件', en: 'Files' },
  offline: { 'zh-CN': '已可离线使用', en: 'Available offline' },
} satisfies Record<string, Record<Locale, string>>;

export type StringId = keyof typeof STRINGS;

export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'crossfoot.locale';

export function t(locale: Locale, id: StringId, data: Record<string, string | number> = {}): string {
  return STRINGS[id][locale].replace(/\{(\w+)\}/gu, (whole, name: string) => (data[name] === undefined ? whole : String(data[name])));
}

/** The remembered choice, else the browser's language: Chinese for any `zh`, English otherwise. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // Storage may be disabled; fall through to the browser's language.
  }
  const language = navigator.languages?.[0] ?? navigator.language ?? '';
  return /^zh\b/iu.test(language) ? 'zh-CN' : 'en';
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; the choice still applies to this visit.
  }
}
