import { type Diagnostic, docsUrl, LineIndex, type Range, type RuleMeta } from '@crossfoot/core';
import type { FileSummary, FormatInput, FormatOptions } from '../src/index.ts';

/** Range of the `nth` occurrence of `needle` in `text` (1-based, end exclusive, UTF-16 columns). */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not found`);
  }
  return new LineIndex(text).range(at, at + needle.length);
}

export const REPORT_URI = 'reports/2018/某市政府信息公开工作年度报告.md';
export const REPORT_TEXT = [
  '# 某市人民政府2018年政府信息公开工作年度报告',
  '',
  '## 二、主动公开政府信息情况',
  '',
  '全年通过政府信息公开网主动公开信息共320条，其中机构职能类53条、政策法规类48条、工作动态类207条、人事信息类14条。',
  '',
  '## 三、依申请公开情况',
  '',
  '申请人王𠮷于2018年3月5日提出申请，答复日期为2018年2月1日。',
  '',
  '| 统计指标 | 自然人 | 商业企业 | 总计 |',
  '| --- | --- | --- | --- |',
  '| 一、本年新收政府信息公开申请数量 | 12 | 3 | 16 |',
  '',
].join('\n');

export const CLEAN_URI = 'reports/2019/某市政府信息公开工作年度报告.md';
export const CLEAN_TEXT = '# 某市人民政府2019年政府信息公开工作年度报告\n\n全年主动公开信息共12条。\n';

export const SUMS = 'cn-gov-disclosure-2008/statement-sums';
export const DATES = 'cn-gov-disclosure-2008/reply-after-request';
export const ROW_SUMS = 'cn-gov-disclosure-2008/row-sums';
export const DECODE = 'crossfoot/unreadable-number';

export const rules: RuleMeta[] = [
  {
    id: SUMS,
    description: { 'zh-CN': '叙述中的合计应等于各分项之和', en: 'A stated total equals the sum of its parts' },
    severity: 'error',
    url: docsUrl(SUMS),
    pack: 'cn-gov-disclosure-2008',
  },
  {
    id: DATES,
    description: { 'zh-CN': '答复日期不早于申请日期', en: 'A reply is not dated before its request' },
    severity: 'warning',
    url: docsUrl(DATES),
    pack: 'cn-gov-disclosure-2008',
  },
  {
    id: ROW_SUMS,
    description: { 'zh-CN': '表格行的总计等于各列之和', en: 'A row total equals the sum of its columns' },
    severity: 'error',
    url: docsUrl(ROW_SUMS),
    pack: 'cn-gov-disclosure-2008',
  },
];

const part = (needle: string, label: string) => ({ uri: REPORT_URI, range: rangeOf(REPORT_TEXT, needle), label });

/** The narrative total 320 against its parts 53 + 48 + 207 + 14 = 322. */
export const sumFinding: Diagnostic = {
  ruleId: SUMS,
  severity: 'error',
  message: '合计 320 与分项之和 322 不一致（53 + 48 + 207 + 14）',
  messageId: 'mismatch',
  data: { total: '320', sum: '322', parts: '53 + 48 + 207 + 14' },
  uri: REPORT_URI,
  range: rangeOf(REPORT_TEXT, '320'),
  related: [part('53', '机构职能类 = 53'), part('48', '政策法规类 = 48'), part('207', '工作动态类 = 207'), part('14', '人事信息类 = 14')],
  expected: '322',
  actual: '320',
  arithmetic: {
    expression: '53 + 48 + 207 + 14 = 322',
    expected: '322',
    actual: '320',
    difference: '-2',
    precision: 'exact',
    operands: [
      { label: '机构职能类', value: '53' },
      { label: '政策法规类', value: '48' },
      { label: '工作动态类', value: '207' },
      { label: '人事信息类', value: '14' },
    ],
  },
  url: docsUrl(SUMS),
};

/** A finding after an astral character (𠮷 is two UTF-16 code units). */
export const dateFinding: Diagnostic = {
  ruleId: DATES,
  severity: 'warning',
  message: '答复日期 2018年2月1日 早于申请日期 2018年3月5日',
  messageId: 'replyBeforeRequest',
  data: { reply: '2018年2月1日', request: '2018年3月5日' },
  uri: REPORT_URI,
  range: rangeOf(REPORT_TEXT, '2018年2月1日'),
  related: [{ uri: REPORT_URI, range: rangeOf(REPORT_TEXT, '2018年3月5日'), label: '申请日期 2018年3月5日' }],
  url: docsUrl(DATES),
};

/** The row total 16 against 12 + 3 = 15. */
export const rowFinding: Diagnostic = {
  ruleId: ROW_SUMS,
  severity: 'error',
  message: '总计 16 与各列之和 15 不一致（12 + 3）',
  messageId: 'mismatch',
  data: { total: '16', sum: '15' },
  uri: REPORT_URI,
  range: rangeOf(REPORT_TEXT, '16'),
  related: [],
  expected: '15',
  actual: '16',
  arithmetic: { expression: '12 + 3 = 15', expected: '15', actual: '16', difference: '1', precision: 'exact' },
  url: docsUrl(ROW_SUMS),
};

/** An engine problem whose rule id appears in no pack (only in diagnostics). */
export const infoFinding: Diagnostic = {
  ruleId: DECODE,
  severity: 'info',
  message: '无法识别的数字“一二〇”，已跳过',
  messageId: 'unreadable-number',
  data: { text: '一二〇' },
  uri: REPORT_URI,
  range: { start: { line: 1, column: 1 }, end: { line: 3, column: 1 } },
  related: [],
  url: docsUrl(DECODE),
};

export const files: FileSummary[] = [
  { uri: REPORT_URI, text: REPORT_TEXT },
  { uri: CLEAN_URI, text: CLEAN_TEXT },
];

export function sampleInput(): FormatInput {
  return { diagnostics: [infoFinding, rowFinding, dateFinding, sumFinding], rules, files };
}

export const zh: FormatOptions = { locale: 'zh-CN', color: false, toolVersion: '0.1.0' };
export const en: FormatOptions = { locale: 'en', color: false, toolVersion: '0.1.0' };
