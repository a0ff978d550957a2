import type { Locale, Localized } from './diagnostic.ts';
import type { CheckDef } from './pack.ts';

/**
 * Default messages of each check kind, by messageId. A rule's own `messages` replace them.
 * Placeholders are `{name}`; every message says what is wrong and what was expected.
 */
export const CHECK_MESSAGES: Record<CheckDef['kind'], Record<string, Localized>> = {
  sum: {
    'total-mismatch': {
      'zh-CN': '{total}（{column}）{actual} 与分项之和 {expected} 不一致（{parts}）',
      en: '{total} ({column}) is {actual} but its parts add up to {expected} ({parts})',
    },
    'total-below-parts': {
      'zh-CN': '{total}（{column}）{actual} 小于分项之和 {expected}（{parts}）',
      en: '{total} ({column}) is {actual}, less than its parts, which add up to {expected} ({parts})',
    },
    'subset-exceeds': {
      'zh-CN': '{part} {partValue} 大于其所属的 {total} {totalValue}（{column}）',
      en: '{part} is {partValue}, more than {total} it belongs to ({totalValue}, {column})',
    },
  },
  'table-totals': {
    'total-mismatch': {
      'zh-CN': '{total}（{column}）{actual} 与所合计各行之和 {expected} 不一致（{parts}）',
      en: '{total} ({column}) is {actual} but the rows it totals add up to {expected} ({parts})',
    },
    'row-total-mismatch': {
      'zh-CN': '{column}：{total} {actual} 与各列之和 {expected} 不一致（{parts}）',
      en: '{column}: {total} is {actual} but the columns it totals add up to {expected} ({parts})',
    },
  },
  compare: {
    mismatch: {
      'zh-CN': '{relation} 不成立：左边 {lhs}，右边 {rhs}，相差 {difference}',
      en: '{relation} does not hold: left {lhs}, right {rhs}, difference {difference}',
    },
    'mismatch-in-column': {
      'zh-CN': '{column}：{relation} 不成立，左边 {lhs}，右边 {rhs}，相差 {difference}',
      en: '{column}: {relation} does not hold: left {lhs}, right {rhs}, difference {difference}',
    },
  },
  'previous-report': {
    mismatch: {
      'zh-CN': '与上年报告不衔接：{relation} 不成立，本年 {lhs}，上年 {rhs}，相差 {difference}',
      en: 'Does not carry over from the previous report: {relation} does not hold, this year {lhs}, last year {rhs}, difference {difference}',
    },
    'mismatch-in-column': {
      'zh-CN': '{column}：与上年报告不衔接，{relation} 不成立，本年 {lhs}，上年 {rhs}，相差 {difference}',
      en: '{column}: does not carry over from the previous report: {relation} does not hold, this year {lhs}, last year {rhs}, difference {difference}',
    },
  },
  'text-vs-table': {
    mismatch: {
      'zh-CN': '正文所述{label} {stated} 与表格不一致（{table}）',
      en: 'The text gives {label} as {stated} but the table says {table}',
    },
  },
  'statement-sums': {
    'parts-exceed': {
      'zh-CN': '{label}共 {total}，但其中各项之和为 {sum}（{parts}），多出 {difference}',
      en: '{label}: a total of {total}, but its parts add up to {sum} ({parts}), {difference} more',
    },
    'parts-short': {
      'zh-CN': '{label}共 {total}，但其中各项之和为 {sum}（{parts}），少 {difference}',
      en: '{label}: a total of {total}, but its parts add up to {sum} ({parts}), {difference} short',
    },
    'percent-mismatch': {
      'zh-CN': '{label} {value} 占总数 {total} 的 {computed}%，文中写作 {stated}%',
      en: '{label} {value} is {computed}% of {total}, but the text says {stated}%',
    },
  },
  'date-in-period': {
    outside: {
      'zh-CN': '日期 {date} 不在报告期 {start} 至 {end} 内',
      en: 'The date {date} lies outside the reporting period {start} to {end}',
    },
    'not-after': {
      'zh-CN': '计划安排的日期 {date} 仍在报告年度 {year} 内，应为 {next} 年及以后',
      en: 'The plan is dated {date}, inside the reported year {year}; plans concern {next} and later',
    },
  },
  enumeration: {
    gap: {
      'zh-CN': '列举序号不连续：{previous} 之后是 {found}，应为 {expected}',
      en: 'The enumeration skips a number: {found} follows {previous}, expected {expected}',
    },
    repeated: {
      'zh-CN': '列举序号重复：{previous} 之后又是 {found}，应为 {expected}',
      en: 'The enumeration repeats a number: {found} follows {previous}, expected {expected}',
    },
  },
  period: {
    missing: {
      'zh-CN': '报告未说明统计期限或报告年度',
      en: 'The report states neither its period nor its year',
    },
    'year-only': {
      'zh-CN': '报告只写明 {year} 年度，未写明统计期限（应为 {year}年1月1日至{year}年12月31日）',
      en: 'The report gives only the year {year}, not the period it covers',
    },
    incomplete: {
      'zh-CN': '统计期限 {start} 至 {end} 未覆盖整个报告年度（应为 {expectedStart} 至 {expectedEnd}）',
      en: 'The stated period {start} to {end} does not cover the whole reporting year ({expectedStart} to {expectedEnd})',
    },
  },
  deadline: {
    late: {
      'zh-CN': '报告日期 {published} 晚于发布截止日期 {deadline}',
      en: 'The report is dated {published}, after its deadline {deadline}',
    },
  },
  required: {
    'missing-section': { 'zh-CN': '缺少必备章节：{section}', en: 'Required section missing: {section}' },
    'out-of-order': { 'zh-CN': '章节顺序不对：{section} 应在 {after} 之后', en: 'Section out of order: {section} should come after {after}' },
    'missing-table': { 'zh-CN': '缺少必备表格：{table}', en: 'Required table missing: {table}' },
    'missing-row': { 'zh-CN': '表格 {table} 缺少必备行：{row}', en: 'Table {table} lacks the required row {row}' },
    'empty-cell': {
      'zh-CN': '{row}（{column}）未填写数字；空白或“{text}”不等于 0',
      en: '{row} ({column}) is not filled in; a blank or "{text}" is not zero',
    },
  },
  'text-pattern': {
    found: { 'zh-CN': '出现了不应出现的内容：{match}', en: 'Unexpected text: {match}' },
    missing: { 'zh-CN': '缺少应有的内容：{pattern}', en: 'Expected text is missing: {pattern}' },
    repeated: { 'zh-CN': '“{phrase}”连续重复了两次', en: '"{phrase}" is typed twice in a row' },
  },
  conditions: {
    failed: { 'zh-CN': '条件不成立：{facts}', en: 'The conditions do not hold: {facts}' },
  },
};

/** Messages of the engine itself and of adapters' problems (`crossfoot/<code>`). */
export const ENGINE_MESSAGES: Record<string, Localized> = {
  'no-pack': {
    'zh-CN': '没有规则包能识别此文档；可在配置或 --pack 中指定规则包',
    en: 'No rule pack recognises this document; name one in the config or with --pack',
  },
  'unknown-pack': {
    'zh-CN': '文档声明的规则包 {pack} 未找到',
    en: 'The document declares the pack {pack}, which was not found',
  },
  'rule-failed': {
    'zh-CN': '规则 {rule} 执行失败：{error}',
    en: 'Rule {rule} could not run: {error}',
  },
  'too-many-findings': {
    'zh-CN': '本文件另有 {omitted} 条问题未列出（每个文件最多列出 {limit} 条），从此处开始',
    en: '{omitted} more findings in this file are not listed (at most {limit} per file), starting here',
  },
  'time-limit': {
    'zh-CN': '本文件的读取和检查超过 {seconds} 秒（limits.seconds-per-file），规则包 {packs} 未执行',
    en: 'Reading and checking this file took more than {seconds} s (limits.seconds-per-file); the packs {packs} were not run',
  },
};

export function render(template: Localized, locale: Locale, data: Record<string, string>): string {
  const parts = partsOf(template[locale]);
  if (parts.length === 1) return parts[0] as string;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string;
    out += (Object.hasOwn(data, key) ? String(data[key]) : `{${key}}`) + (parts[i + 1] as string);
  }
  return out;
}

/**
 * A template cut at its placeholders, once: literal text, then a key and the text after it, and so on (every finding
 * renders its rule's message, and matching the placeholders again each time was most of rendering it). Forgotten all
 * at once past `KEPT_TEMPLATES`, so that a language server reloading packs as they are edited does not keep them all.
 */
const templateParts = new Map<string, string[]>();
const KEPT_TEMPLATES = 4000;

function partsOf(template: string): string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.split(/\{([A-Za-z][\w-]*)\}/);
    if (templateParts.size >= KEPT_TEMPLATES) templateParts.clear();
    templateParts.set(template, parts);
  }
  return parts;
}
